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
    let bytes = unescape(s, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The bytes `%XX` escapes and `+` (as space) stand for. A `%` without two hex digits after it
/// is an error when `strict`, else kept as a literal `%`. Two hex digits exactly:
/// `from_str_radix` alone would also take a sign (`%+0`).
fn unescape(s: &str, strict: bool) -> Result<Vec<u8>, DecodeError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3).filter(|d| d.iter().all(u8::is_ascii_hexdigit)) {
                Some(digits) => {
                    let hex = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                    out.push(hex(digits[0]) << 4 | hex(digits[1]));
                    i += 2;
                }
                None if strict => {
                    let found: String = s[i..].chars().take(3).collect();
                    return Err(DecodeError::BadEscape { at: i, found });
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    Ok(out)
}

/// Why a percent-encoded request part cannot be read (see [`percent_decode_strict`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits: where (byte offset) and what follows it.
    BadEscape {
        /// Byte offset of the `%`.
        at: usize,
        /// The `%` and up to two characters after it, as written.
        found: String,
    },
    /// The decoded bytes are not UTF-8.
    NotUtf8 {
        /// Byte offset, in the decoded value, of the first byte that is not UTF-8.
        at: usize,
        /// That byte and the bytes of its broken sequence, in hex (`E4 B8`).
        bytes: String,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::BadEscape { at, found } => write!(
                f,
                "has a broken percent-escape `{found}` at byte {at}: `%` must be followed by two hex digits (write a literal `%` as `%25`)"
            ),
            DecodeError::NotUtf8 { at, bytes } => write!(
                f,
                "is not UTF-8 once percent-decoded (bytes {bytes} at byte {at}): percent-encode the UTF-8 bytes of the text"
            ),
        }
    }
}

/// Decodes `%XX` escapes and `+` (as space), refusing what [`percent_decode`] would repair: a
/// `%` without two hex digits after it (`%zz`, a trailing `%E`) and bytes that are not UTF-8
/// (`%E4%B8`, half of 中; `%FF`).
pub fn percent_decode_strict(s: &str) -> Result<String, DecodeError> {
    let out = unescape(s, true)?;
    String::from_utf8(out).map_err(|e| {
        let err = e.utf8_error();
        let at = err.valid_up_to();
        let len = err.error_len().unwrap_or(e.as_bytes().len() - at);
        let bytes = e.as_bytes()[at..at + len].iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ");
        DecodeError::NotUtf8 { at, bytes }
    })
}

/// The first query-string parameter whose name or value cannot be decoded, as a `400
/// bad_parameter` answer naming it; `None` when every one can.
pub fn undecodable_parameter(query: &str) -> Option<Response> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let name = match percent_decode_strict(k) {
            Ok(name) => name,
            Err(e) => return Some(named_param_error(&percent_decode(k), &format!("name {e}"))),
        };
        if let Err(e) = percent_decode_strict(v) {
            return Some(named_param_error(&name, &e.to_string()));
        }
    }
    None
}

/// A `400 bad_parameter` error naming a parameter known only at run time (`error.param`).
pub fn named_param_error(param: &str, message: &str) -> Response {
    let body = json!({ "error": { "code": "bad_parameter", "message": format!("parameter `{param}` {message}"), "param": param } });
    let mut r = json_response(400, &body);
    r.headers.push(("Cache-Control".into(), "no-store".into()));
    r
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

    #[test]
    fn strict_decoding_refuses_what_lenient_decoding_repairs() {
        assert_eq!(percent_decode_strict("%E8%8B%8F%E5%B7%9E+land").as_deref(), Ok("苏州 land"));
        assert_eq!(percent_decode_strict("%e8%8b%8f").as_deref(), Ok("苏"));
        assert_eq!(percent_decode_strict("苏州%2025%25").as_deref(), Ok("苏州 25%"));
        assert_eq!(percent_decode_strict("a%zz"), Err(DecodeError::BadEscape { at: 1, found: "%zz".into() }));
        assert_eq!(percent_decode_strict("%"), Err(DecodeError::BadEscape { at: 0, found: "%".into() }));
        assert_eq!(percent_decode_strict("%E"), Err(DecodeError::BadEscape { at: 0, found: "%E".into() }));
        assert_eq!(percent_decode_strict("%+0"), Err(DecodeError::BadEscape { at: 0, found: "%+0".into() }));
        assert_eq!(percent_decode_strict("%苏"), Err(DecodeError::BadEscape { at: 0, found: "%苏".into() }));
        // Half of 中 (E4 B8 AD) after 苏.
        assert_eq!(
            percent_decode_strict("%E8%8B%8F%E4%B8"),
            Err(DecodeError::NotUtf8 { at: 3, bytes: "E4 B8".into() })
        );
        assert_eq!(percent_decode_strict("%FF%FE"), Err(DecodeError::NotUtf8 { at: 0, bytes: "FF".into() }));
        assert_eq!(percent_decode_strict("%C0%AF"), Err(DecodeError::NotUtf8 { at: 0, bytes: "C0".into() }));
    }

    #[test]
    fn an_undecodable_parameter_is_a_400_naming_it() {
        assert!(undecodable_parameter("q=%E8%8B%8F&size=10&page=").is_none());
        let r = undecodable_parameter("q=%E5%85%AC&region=%E4%B8").expect("refused");
        assert_eq!(r.status, 400);
        let body = r.json();
        assert_eq!(body["error"]["code"], "bad_parameter");
        assert_eq!(body["error"]["param"], "region");
        assert!(body["error"]["message"].as_str().unwrap().contains("E4 B8"), "{body}");
        let r = undecodable_parameter("q%zz=1").expect("refused");
        assert_eq!(r.json()["error"]["param"], "q%zz");
    }
}
