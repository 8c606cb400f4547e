//! The Gongkai edge as a Cloudflare Worker.
//!
//! One code path, two runtimes: every API answer comes from [`edge::http::respond`], exactly
//! as in the native `edge-serve`. This crate is only the runtime glue around it:
//!
//! - [`settings`]: the Worker's variables (`INDEX_SOURCE`, `INDEX_PATH`, `ALLOWED_ORIGINS`, …);
//! - [`split_url`], [`glue_error`]: request conversion and the glue's own JSON errors, natively
//!   compiled and tested;
//! - `glue` (wasm32 only): the workers-rs `fetch` event, loading the bundle once per isolate
//!   from static assets or R2, picking up a new index version, serving the widget files.
//!
//! Natively this crate has no workers-rs dependency at all, so `cargo test --workspace` stays
//! cheap; the Worker itself is built by `edge/worker/build.sh`.

#![deny(missing_docs)]

pub mod settings;

#[cfg(target_arch = "wasm32")]
mod glue;

use edge::http;
use edge::{Request, Response};

/// Splits a serialized URL (`https://host/path?query#fragment`) into the path (as sent,
/// percent-encoded) and the raw query string (without `?`), the two fields
/// [`edge::Request`] wants. Never panics: an odd URL gives `/` and an empty query.
pub fn split_url(url: &str) -> (String, String) {
    let after_scheme = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => url,
    };
    let rest = match after_scheme.find('/') {
        Some(i) => &after_scheme[i..],
        None => {
            // No path: `https://host?x` or `https://host`.
            return (
                "/".to_string(),
                after_scheme.split_once('?').map(|(_, q)| q).unwrap_or("").split('#').next().unwrap_or("").to_string(),
            );
        }
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (if path.is_empty() { "/".to_string() } else { path.to_string() }, query.to_string())
}

/// A JSON error produced by the glue itself (configuration, index not loadable), with the
/// CORS header the handler would add, so an embedding page can read the message.
pub fn glue_error(
    status: u16,
    code: &str,
    message: impl Into<String>,
    allowed: &Option<Vec<String>>,
    req: &Request,
) -> Response {
    let mut resp = http::error(status, code, message);
    http::headers::cors(allowed, req, &mut resp);
    if status == 503 {
        resp.headers.push(("Retry-After".into(), "5".into()));
    }
    resp
}

/// Whether the shared handler answers this path (everything else may be a static asset).
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/v1/") || path == "/v1" || path == "/healthz"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_path_and_query() {
        assert_eq!(
            split_url("https://x.dev/v1/search?q=%E5%85%AC&size=5"),
            ("/v1/search".into(), "q=%E5%85%AC&size=5".into())
        );
        assert_eq!(split_url("http://127.0.0.1:8787/v1/meta"), ("/v1/meta".into(), "".into()));
        assert_eq!(split_url("https://x.dev/v1/doc/a%20b?x=1#frag"), ("/v1/doc/a%20b".into(), "x=1".into()));
        assert_eq!(split_url("https://x.dev"), ("/".into(), "".into()));
        assert_eq!(split_url("https://x.dev?q=1"), ("/".into(), "q=1".into()));
        assert_eq!(split_url("https://x.dev/?"), ("/".into(), "".into()));
        assert_eq!(split_url(""), ("/".into(), "".into()));
    }

    #[test]
    fn glue_errors_are_json_with_cors() {
        let req = Request {
            method: "GET".into(),
            path: "/v1/search".into(),
            query: String::new(),
            headers: vec![("origin".into(), "https://a.gov.cn".into())],
        };
        let r = glue_error(503, "index_unavailable", "no index", &None, &req);
        assert_eq!(r.status, 503);
        assert_eq!(r.json()["error"]["code"], "index_unavailable");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        let r = glue_error(503, "index_unavailable", "no index", &Some(vec!["https://a.gov.cn".into()]), &req);
        assert_eq!(r.header("access-control-allow-origin"), Some("https://a.gov.cn"));
        let r = glue_error(500, "x", "y", &Some(vec!["https://b.gov.cn".into()]), &req);
        assert_eq!(r.header("access-control-allow-origin"), None);
    }

    #[test]
    fn api_paths() {
        assert!(is_api_path("/v1/search"));
        assert!(is_api_path("/healthz"));
        assert!(!is_api_path("/widget.js"));
        assert!(!is_api_path("/v1x"));
    }
}
