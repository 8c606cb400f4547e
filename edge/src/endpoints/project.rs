//! `GET /v1/project/{project_code}`: every record of one project — those whose 项目编号 is the
//! code and those quoting it in their title or text (the `code` field holds both) — as one
//! timeline in process order ([`gongkai_core::process::Stage`]), then by date.

use super::hit::{annotate, hit_json};
use crate::engine::{Engine, ProjectSize, RequestShards};
use crate::http::headers::cacheable;
use crate::http::{error, json_response, Outcome, Request};
use gongkai_core::analysis;
use gongkai_core::process::{self, Stage};
use gongkai_core::schema::names;
use serde_json::{json, Value};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Most records one timeline shows (the oldest document ordinals first).
pub const MAX_PROJECT_RECORDS: usize = 200;

/// The document ordinals of the records carrying or quoting a code key, at most
/// [`MAX_PROJECT_RECORDS`], and how many there are in all.
pub fn project_ords(engine: &Engine, key: &str) -> tantivy::Result<(Vec<u64>, usize)> {
    let searcher = engine.reader.searcher();
    let term = Term::from_field_text(engine.fields.code, key);
    let found = searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &DocSetCollector)?;
    let mut ords = Vec::with_capacity(found.len());
    for addr in &found {
        let column = searcher.segment_reader(addr.segment_ord).fast_fields().u64(names::ORD)?;
        ords.extend(column.first(addr.doc_id));
    }
    ords.sort_unstable();
    let total = ords.len();
    ords.truncate(MAX_PROJECT_RECORDS);
    Ok((ords, total))
}

/// How many records carry or quote the code key (documents of the `code` term).
pub fn project_size(engine: &Engine, key: &str) -> u64 {
    let term = Term::from_field_text(engine.fields.code, key);
    engine.statistics.doc_freq(&engine.reader.searcher(), &term)
}

/// Answers `/v1/project/{project_code}`.
pub fn project_route(engine: &Engine, req: &Request, held: &RequestShards, code: &str) -> Outcome {
    let key = analysis::code_key(code);
    if key.is_empty() {
        return Outcome::Done(crate::http::param_error(crate::search::ParamError {
            param: "project_code",
            message: "is empty; give a 项目编号 such as JSZC-320115-2026-00942".into(),
        }));
    }
    let (ords, total) = match project_ords(engine, &key) {
        Ok(found) => found,
        Err(e) => return Outcome::Done(error(500, "lookup_failed", e.to_string())),
    };
    if ords.is_empty() {
        return Outcome::Done(error(
            404,
            "not_found",
            format!("no record carries or quotes the project code `{code}`"),
        ));
    }
    let sizes = engine.project_sizes(&ords);
    let missing = engine.missing_shards(&ords, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let mut records: Vec<(Stage, gongkai_core::Record, ProjectSize)> = ords
        .iter()
        .zip(sizes)
        .filter_map(|(&o, size)| engine.record(o, held).map(|r| (process::stage(&r), r, size)))
        .collect();
    records.sort_by(|(sa, a, _), (sb, b, _)| {
        sa.cmp(sb).then(a.published_at.cmp(&b.published_at)).then(a.id.cmp(&b.id))
    });
    let stages: Vec<Value> = Stage::ALL
        .iter()
        .map(|s| (s, records.iter().filter(|(rs, _, _)| rs == s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| json!({"stage": s.code(), "label": s.label_zh(), "count": n}))
        .collect();
    let hits: Vec<Value> = records
        .iter()
        .map(|(stage, r, size)| {
            let mut v = hit_json(r, 0.0, &[]);
            annotate(engine, &mut v, r, *size);
            v["stage"] = json!(stage.code());
            v["stage_label"] = json!(stage.label_zh());
            // Whether the record's own 项目编号 is this code, or it only quotes it.
            v["carries_code"] = json!(r.project_code.as_deref().map(analysis::code_key).as_deref() == Some(&key));
            v
        })
        .collect();
    let body = json!({
        "project_code": code,
        "total": total,
        "stages": stages,
        "records": hits,
    });
    Outcome::Done(cacheable(engine, req, json_response(200, &body)))
}
