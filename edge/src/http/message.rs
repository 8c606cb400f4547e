//! Requests and responses as plain data, JSON answers and JSON errors.

use crate::search::ParamError;
use serde_json::{json, Value};

/// A request, as any runtime can build it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `OPTIONS`, …
    pub method: String,
    /// The path, without the query string (percent-encoded as received).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Request headers (names in any case).
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Decoded query-string pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect()
    }
}

/// A response, as any runtime can send it.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (tests and tools).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// Decodes `%XX` escapes and `+` (as space); invalid UTF-8 is replaced, never a panic.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                // Two hex digits exactly: from_str_radix alone would also take a sign (`%+0`).
                let digits = &bytes[i + 1..i + 3];
                let hex = std::str::from_utf8(digits)
                    .ok()
                    .filter(|_| digits.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON answer with its content type.
/// Every JSON answer, from either runtime, says `nosniff`: a browser never reads one as
/// anything but JSON.
pub fn json_response(status: u16, body: &Value) -> Response {
    Response {
        status,
        headers: vec![
            ("Content-Type".into(), "application/json; charset=utf-8".into()),
            ("X-Content-Type-Options".into(), "nosniff".into()),
        ],
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

/// A JSON error response.
pub fn error(status: u16, code: &str, message: impl Into<String>) -> Response {
    let mut r = json_response(status, &json!({ "error": { "code": code, "message": message.into() } }));
    r.headers.push(("Cache-Control".into(), "no-store".into()));
    r
}

/// A `400 bad_parameter` error naming the parameter (`error.param`).
pub fn param_error(e: ParamError) -> Response {
    let mut r = error(400, "bad_parameter", format!("parameter `{}` {}", e.param, e.message));
    if let Ok(mut v) = serde_json::from_slice::<Value>(&r.body) {
        v["error"]["param"] = json!(e.param);
        r.body = serde_json::to_vec(&v).unwrap_or_default();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_answers_say_nosniff() {
        let r = error(404, "not_found", "no route");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("content-type"), Some("application/json; charset=utf-8"));
    }

    #[test]
    fn percent_decoding_never_panics() {
        assert_eq!(percent_decode("%E8%8B%8F%E5%B7%9E+land"), "苏州 land");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%E"), "%E");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
