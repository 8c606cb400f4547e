//! One record as the API shows it (search hits, `/v1/doc`).

use crate::engine::{Engine, ProjectSize};
use crate::snippet;
use gongkai_core::{catalog, regions, Record};
use serde_json::{json, Map, Value};

/// One hit as the API shows it.
pub fn hit_json(r: &Record, score: f32, terms: &[String]) -> Value {
    let title = snippet::highlight(&r.title, terms);
    let snip = snippet::snippet(&r.body, terms, 110);
    let region = r.region();
    let item = r.catalog_item.as_deref().and_then(catalog::item);
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("title".into(), json!(r.title));
    m.insert("url".into(), json!(r.url));
    m.insert("domain".into(), json!(r.domain.code()));
    m.insert("domain_label".into(), json!(r.domain.label_zh()));
    m.insert("catalog_item".into(), json!(r.catalog_item));
    m.insert("catalog_label".into(), json!(item.map(|i| i.label())));
    m.insert("region_code".into(), json!(r.region_code));
    m.insert("region_name".into(), json!(regions::display_name(region)));
    m.insert("publisher".into(), json!(r.publisher));
    m.insert("source".into(), json!(r.source));
    m.insert("published_at".into(), json!(r.published_at.to_string()));
    m.insert("project_code".into(), json!(r.project_code));
    m.insert("amount_yuan".into(), json!(r.amount_yuan));
    m.insert("entities".into(), json!(r.entities));
    m.insert("snippet".into(), json!(snip.text));
    m.insert("highlights".into(), json!({ "title": title.ranges, "snippet": snip.ranges }));
    if let Some(t) = gongkai_core::timeliness::late(r) {
        m.insert("late".into(), json!({ "working_days": t.working_days, "limit": t.limit }));
    }
    m.insert("score".into(), json!((score * 1000.0).round() / 1000.0));
    Value::Object(m)
}

/// Adds what the rest of the index says about a hit's record: `timeline` when its project code
/// is carried or quoted by at least two records (`/v1/project/{project_code}` shows them; `size`
/// is what [`Engine::project_sizes`] read for it), and `blacklisted` with the names of its
/// parties on a blacklist now (`/v1/entity` tells more).
pub fn annotate(engine: &Engine, hit: &mut Value, r: &Record, size: ProjectSize) {
    let listed = super::entity::blacklisted_parties(engine, r);
    if !listed.is_empty() {
        hit["blacklisted"] = json!(listed);
    }
    if let Some(code) = &r.project_code {
        let key = gongkai_core::analysis::code_key(code);
        let records = match size {
            _ if key.is_empty() => 0,
            ProjectSize::Stored(n) => n as u64,
            ProjectSize::LookUp => super::project::project_size(engine, &key),
            ProjectSize::NotLoaded => 0,
        };
        if records >= 2 {
            hit["timeline"] = json!({ "project_code": code, "records": records });
        }
    }
}
