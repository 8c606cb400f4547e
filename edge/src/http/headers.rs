//! Response headers that depend on the deployment or the request: CORS, caching.

use super::message::{Request, Response};
use crate::engine::Engine;

/// Adds CORS headers: `*` when every origin is allowed, else the request's origin when it
/// is on the allow-list (and nothing otherwise, so the browser refuses).
/// Both runtimes call this one function (the Worker also for its own errors).
pub fn cors(allowed_origins: &Option<Vec<String>>, req: &Request, resp: &mut Response) {
    match allowed_origins {
        None => resp.headers.push(("Access-Control-Allow-Origin".into(), "*".into())),
        Some(list) => {
            if let Some(origin) = req.header("Origin") {
                if list.iter().any(|o| o == origin) {
                    resp.headers.push(("Access-Control-Allow-Origin".into(), origin.to_string()));
                    resp.headers.push(("Vary".into(), "Origin".into()));
                }
            }
        }
    }
}

/// Marks an answer as cacheable for a minute with the index version as its `ETag`, or answers
/// `304 Not Modified` when the request already holds that version.
pub fn cacheable(engine: &Engine, req: &Request, resp: Response) -> Response {
    let etag = format!("W/\"{}\"", engine.manifest.index_version);
    if req.header("If-None-Match").map(|v| v.split(',').any(|t| t.trim() == etag)).unwrap_or(false) {
        return Response { status: 304, headers: vec![("ETag".into(), etag)], body: Vec::new() };
    }
    let mut resp = resp;
    resp.headers.push(("ETag".into(), etag));
    resp.headers.push(("Cache-Control".into(), "public, max-age=60".into()));
    resp
}
