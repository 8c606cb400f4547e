//! `GET /v1/catalog?domain=&region=`: the 45 items of 附件1 and 附件2 with how many records the
//! index holds for each under the filters (from the `catalog` fast field; no document is loaded).

use super::scan::segments;
use crate::engine::Engine;
use crate::http::headers::cacheable;
use crate::http::{error, json_response, param_error, Outcome, Request};
use crate::search::{Filter, SearchParams};
use gongkai_core::catalog;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Answers `/v1/catalog`.
pub fn catalog_route(engine: &Engine, req: &Request) -> Outcome {
    let params = match SearchParams::parse_filters(&req.pairs()) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    match catalog_counts(engine, &Filter::new(&params)) {
        Ok(counts) => {
            let body = catalog_json(&counts, params.domain);
            Outcome::Done(cacheable(engine, req, json_response(200, &body)))
        }
        Err(e) => Outcome::Done(error(500, "catalog_failed", format!("counting the catalog failed: {e}"))),
    }
}

/// Records per catalog item ordinal (0: records without an item) passing `filter`.
pub fn catalog_counts(engine: &Engine, filter: &Filter) -> tantivy::Result<HashMap<u64, u64>> {
    let searcher = engine.reader.searcher();
    let mut counts = HashMap::new();
    for seg in segments(&searcher)? {
        for doc in seg.docs(filter) {
            *counts.entry(seg.catalog.first(doc).unwrap_or(0)).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// Every item in catalog order with its count; with a domain filter the other domains' items
/// are still listed (count 0), so the catalog always has its 45 items.
fn catalog_json(counts: &HashMap<u64, u64>, domain: Option<gongkai_core::Domain>) -> Value {
    let items: Vec<Value> = catalog::items()
        .iter()
        .map(|i| {
            json!({
                "code": i.code,
                "annex": i.annex,
                "number": i.number,
                "category": i.category,
                "subcategory": i.subcategory,
                "content": i.content,
                "label": i.label(),
                "domain": i.domain.code(),
                "domain_label": i.domain.label_zh(),
                "publisher": i.publisher,
                "time_limit_working_days": i.limit.working_days(),
                "count": counts.get(&i.ordinal()).copied().unwrap_or(0),
            })
        })
        .collect();
    json!({
        "total": items.len(),
        "records": counts.values().sum::<u64>(),
        "without_item": counts.get(&0).copied().unwrap_or(0),
        "domain": domain.map(|d| d.code()),
        "items": items,
    })
}
