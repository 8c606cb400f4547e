//! `GET /v1/doc/{id}`: one record with its body.

use super::hit::{annotate, hit_json};
use crate::engine::{Engine, RequestShards};
use crate::http::headers::cacheable;
use crate::http::{error, json_response, Outcome, Request};
use serde_json::json;

/// Answers `/v1/doc/{id}`.
pub fn doc_route(engine: &Engine, req: &Request, held: &RequestShards, id: &str) -> Outcome {
    let searcher = engine.reader.searcher();
    let term = tantivy::Term::from_field_text(engine.fields.id, id);
    let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let found = match searcher.search(&q, &tantivy::collector::DocSetCollector) {
        Ok(f) => f,
        Err(e) => return Outcome::Done(error(500, "lookup_failed", e.to_string())),
    };
    let Some(addr) = found.into_iter().next() else {
        return Outcome::Done(error(404, "not_found", format!("no document with id `{id}`")));
    };
    let ord = searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64(gongkai_core::schema::names::ORD)
        .ok()
        .and_then(|c| c.first(addr.doc_id));
    let Some(ord) = ord else { return Outcome::Done(error(500, "lookup_failed", "document has no ordinal")) };
    let size = engine.project_sizes(&[ord])[0];
    let missing = engine.missing_shards(&[ord], held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    match engine.record(ord, held) {
        Some(r) => {
            let mut v = hit_json(&r, 0.0, &[]);
            annotate(engine, &mut v, &r, size);
            v["body"] = json!(r.body);
            v["formed_at"] = json!(r.formed_at.map(|d| d.to_string()));
            Outcome::Done(cacheable(engine, req, json_response(200, &v)))
        }
        None => Outcome::Done(error(500, "lookup_failed", "document shard could not be read")),
    }
}
