//! `GET /v1/suggest`: completions for what is being typed.

use crate::engine::Engine;
use crate::http::headers::cacheable;
use crate::http::{json_response, param_error, Request, Response};
use crate::search::ParamError;
use serde_json::{json, Value};

/// Answers `/v1/suggest`.
pub fn suggest(engine: &Engine, req: &Request) -> Response {
    let pairs = req.pairs();
    let q = pairs.iter().rev().find(|(k, _)| k == "q").map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    if q.chars().count() > 50 {
        return param_error(ParamError { param: "q", message: "is longer than 50 characters".into() });
    }
    let size = match pairs.iter().rev().find(|(k, _)| k == "size").map(|(_, v)| v.as_str()) {
        None => 8,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => {
                return param_error(ParamError {
                    param: "size",
                    message: format!("`{s}` is not a whole number from 1 to 20"),
                })
            }
        },
    };
    let suggestions: Vec<Value> = engine
        .vocabulary()
        .suggest(&q, size)
        .into_iter()
        .map(|(text, kind)| json!({"text": text, "kind": kind.as_str()}))
        .collect();
    cacheable(engine, req, json_response(200, &json!({"query": q, "suggestions": suggestions})))
}
