//! `GET /v1/search`: hits, facets and what the query was understood as.

use super::hit::{annotate, hit_json};
use crate::engine::{Engine, RequestShards};
use crate::http::headers::cacheable;
use crate::http::{error, json_response, param_error, Outcome, Request};
use crate::search::{self, SearchParams};
use gongkai_api::Facet;
use gongkai_core::{catalog, regions, Domain};
use serde_json::{json, Value};

/// Answers `/v1/search`.
pub fn search_route(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let params = match SearchParams::parse(&req.pairs()) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    let found = match search::search(engine, &params, &engine.config.ranking) {
        Ok(f) => f,
        Err(e) => return Outcome::Done(error(500, "search_failed", format!("the search failed: {e}"))),
    };
    let ords: Vec<u64> = found.hits.iter().map(|h| h.1).collect();
    let sizes = engine.project_sizes(&ords);
    let missing = engine.missing_shards(&ords, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let mut terms = found.plan.highlight_terms();
    if found.relaxed {
        terms.extend(gongkai_core::analysis::bigrams(&found.plan.text).into_iter().map(|t| t.text));
    }
    let hits: Vec<Value> = found
        .hits
        .iter()
        .zip(sizes)
        .filter_map(|(&(score, ord), size)| {
            engine.record(ord, held).map(|r| {
                let mut hit = hit_json(&r, score, &terms);
                annotate(engine, &mut hit, &r, size);
                hit
            })
        })
        .collect();
    let places: Vec<&str> = found
        .plan
        .groups
        .iter()
        .filter_map(|g| match &g.kind {
            crate::understanding::query::GroupKind::Place(codes) => {
                Some(codes.iter().filter_map(|c| regions::get(*c)).map(|r| r.name))
            }
            _ => None,
        })
        .flatten()
        .collect();
    let body = json!({
        "query": params.q,
        "total": found.total,
        "total_estimated": found.total_estimated,
        "page": params.page,
        "size": params.size,
        "sort": if params.sort == search::Sort::Date { "date" } else { "relevance" },
        "hits": hits,
        "facets": facets_json(&found),
        "did_you_mean": found.did_you_mean,
        "understood": {
            "text": found.plan.text,
            "places": places,
            "domains": found.plan.domain_intent.iter().map(|d| d.code()).collect::<Vec<_>>(),
            "codes": found.plan.codes,
            "rewritten_from": found.rewritten_from,
            "relaxed": found.relaxed,
            "relaxation": if found.relaxed { found.plan.relaxed.clone() } else { Vec::new() },
            "entities": found.plan.entity_names(),
            "stages": found.plan.groups.iter().filter(|g| matches!(g.kind, crate::understanding::query::GroupKind::Stage(_))).map(|g| g.word.as_str()).collect::<Vec<_>>(),
        },
    });
    Outcome::Done(cacheable(engine, req, json_response(200, &body)))
}

fn sorted_counts(map: &std::collections::HashMap<u64, u64>) -> Vec<(u64, u64)> {
    let mut v: Vec<(u64, u64)> = map.iter().map(|(&k, &c)| (k, c)).filter(|x| x.1 > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn facets_json(found: &search::Found) -> Value {
    let domains: Vec<Value> = sorted_counts(found.facets.get(Facet::Domain))
        .into_iter()
        .filter_map(|(d, c)| {
            Domain::from_ordinal(d).map(|d| json!({"value": d.code(), "label": d.label_zh(), "count": c}))
        })
        .collect();
    let items: Vec<Value> = sorted_counts(found.facets.get(Facet::CatalogItem))
        .into_iter()
        .filter_map(|(o, c)| {
            catalog::item_by_ordinal(o).map(|i| json!({"value": i.code, "label": i.label(), "count": c}))
        })
        .collect();
    // Regions: counts per county, per city (including its counties) and, when the hits lie in
    // several provinces, per province.
    let region_list =
        regions::rolled_up(sorted_counts(found.facets.get(Facet::Region)).into_iter().map(|(r, c)| (r as u32, c)));
    let regions_json: Vec<Value> = region_list
        .into_iter()
        .filter_map(|(code, c)| {
            regions::get(code).map(|r| json!({"value": code.to_string(), "label": r.name, "count": c, "parent": r.parent.map(|p| p.to_string())}))
        })
        .collect();
    let mut years: Vec<(u64, u64)> = sorted_counts(found.facets.get(Facet::Year));
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    let years_json: Vec<Value> = years.into_iter().map(|(y, c)| json!({"value": y.to_string(), "count": c})).collect();
    let mut facets = serde_json::Map::new();
    facets.insert(Facet::Domain.key().into(), Value::Array(domains));
    facets.insert(Facet::Region.key().into(), Value::Array(regions_json));
    facets.insert(Facet::CatalogItem.key().into(), Value::Array(items));
    facets.insert(Facet::Year.key().into(), Value::Array(years_json));
    Value::Object(facets)
}
