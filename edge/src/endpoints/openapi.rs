//! `GET /v1/openapi.json`: the OpenAPI 3.1 description of every endpoint (`edge/openapi.json`,
//! compiled in), with the response schemas the tests check real answers against.

use crate::engine::Engine;
use crate::http::headers::cacheable;
use crate::http::{Request, Response};

/// The document, as written in `edge/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// Answers `/v1/openapi.json`.
pub fn openapi(engine: &Engine, req: &Request) -> Response {
    let resp = Response {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into())],
        body: OPENAPI_JSON.as_bytes().to_vec(),
    };
    cacheable(engine, req, resp)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_openapi_3_1_json_describing_every_route() {
        let doc: serde_json::Value = serde_json::from_str(super::OPENAPI_JSON).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        for path in [
            "/v1/search",
            "/v1/suggest",
            "/v1/meta",
            "/v1/doc/{id}",
            "/healthz",
            "/v1/stats/timeliness",
            "/v1/catalog",
            "/v1/project/{project_code}",
            "/v1/entity",
            "/v1/feed",
            "/v1/openapi.json",
        ] {
            assert!(doc["paths"][path]["get"]["responses"]["200"].is_object(), "{path}");
        }
    }
}
