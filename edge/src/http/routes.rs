//! Routing: which endpoint answers which request.

use super::headers::{cacheable, cors};
use super::message::{error, json_response, named_param_error, percent_decode_strict, undecodable_parameter};
use super::message::{Request, Response};
use super::Outcome;
use crate::endpoints;
use crate::engine::{Engine, RequestShards};
use serde_json::json;

/// Handles one request. `held` are the document shards the runtime has loaded for this
/// request so far (empty at first; see [`Outcome::NeedShards`]).
pub fn handle(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let outcome = route(engine, req, held);
    match outcome {
        Outcome::Done(mut resp) => {
            cors(&engine.config.allowed_origins, req, &mut resp);
            Outcome::Done(resp)
        }
        other => other,
    }
}

fn route(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    if req.method == "OPTIONS" {
        return Outcome::Done(Response {
            status: 204,
            headers: vec![
                ("Access-Control-Allow-Methods".into(), "GET, OPTIONS".into()),
                ("Access-Control-Allow-Headers".into(), "Content-Type, If-None-Match".into()),
                ("Access-Control-Max-Age".into(), "86400".into()),
            ],
            body: Vec::new(),
        });
    }
    if req.method != "GET" && req.method != "HEAD" {
        return Outcome::Done(error(405, "method_not_allowed", format!("{} is not supported; use GET", req.method)));
    }
    if let Some(refused) = undecodable_parameter(&req.query) {
        return Outcome::Done(refused);
    }
    let path = req.path.trim_end_matches('/');
    // A path parameter (`/v1/doc/{id}`, `/v1/project/{project_code}`), decoded strictly.
    let segment = |prefix: &str, param: &str| {
        percent_decode_strict(&path[prefix.len()..])
            .map_err(|e| Outcome::Done(named_param_error(param, &e.to_string())))
    };
    match path {
        "/healthz" => Outcome::Done(json_response(200, &json!({"ok": true, "doc_count": engine.doc_count()}))),
        "/v1/meta" => Outcome::Done(cacheable(engine, req, json_response(200, &endpoints::meta::meta(engine)))),
        "/v1/search" => endpoints::search::search_route(engine, req, held),
        "/v1/suggest" => Outcome::Done(endpoints::suggest::suggest(engine, req)),
        "/v1/stats/timeliness" => endpoints::stats::timeliness_route(engine, req),
        "/v1/catalog" => endpoints::catalog::catalog_route(engine, req),
        "/v1/entity" => endpoints::entity::entity_route(engine, req, held),
        "/v1/feed" => endpoints::feed::feed_route(engine, req, held),
        "/v1/openapi.json" => Outcome::Done(endpoints::openapi::openapi(engine, req)),
        _ if path.starts_with("/v1/project/") => match segment("/v1/project/", "project_code") {
            Ok(code) => endpoints::project::project_route(engine, req, held, &code),
            Err(refused) => refused,
        },
        _ if path.starts_with("/v1/doc/") => match segment("/v1/doc/", "id") {
            Ok(id) => endpoints::doc::doc_route(engine, req, held, &id),
            Err(refused) => refused,
        },
        _ => Outcome::Done(error(
            404,
            "not_found",
            format!("no route for {}; see /v1/search, /v1/suggest, /v1/meta, /v1/doc/{{id}}, /v1/catalog, /v1/stats/timeliness, /v1/project/{{code}}, /v1/entity, /v1/feed, /v1/openapi.json", req.path),
        )),
    }
}
