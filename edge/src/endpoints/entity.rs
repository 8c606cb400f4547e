//! `GET /v1/entity?name=&size=&page=`: everything the index says about one company, institution
//! or person, newest first, with a summary by role (bids, candidate, win, contract, reward,
//! penalty, blacklist) and whether the party is on a blacklist now.
//!
//! Names are matched as exact keys ([`gongkai_core::entities::lookup_keys`]): the whole name,
//! or the name without its 有限公司-style suffix, never by shared words. The summary comes from
//! fast fields; only the page's records are loaded.

use super::hit::{annotate, hit_json};
use crate::engine::{Engine, RequestShards};
use crate::http::headers::cacheable;
use crate::http::{error, json_response, param_error, Outcome, Request};
use crate::search::{ParamError, SearchParams};
use gongkai_core::blacklist::{InForce, Listing};
use gongkai_core::entities;
use gongkai_core::process::Role;
use gongkai_core::schema::{self, names};
use serde_json::{json, Map, Value};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Longest accepted name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Today in China (UTC+8), in days since the epoch: the day "blacklisted now" is judged on.
pub fn today() -> i64 {
    const EIGHT_HOURS_MS: f64 = 8.0 * 3_600_000.0;
    #[cfg(target_arch = "wasm32")]
    let ms = js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    let ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0);
    ((ms + EIGHT_HOURS_MS) / 86_400_000.0).floor() as i64
}

/// One matching document's fast fields.
struct Found {
    ord: u64,
    published: i64,
    role: Option<Role>,
}

/// Every record under one of the keys, newest first.
fn find(engine: &Engine, keys: &[String]) -> tantivy::Result<Vec<Found>> {
    let searcher = engine.reader.searcher();
    let clauses: Vec<(Occur, Box<dyn Query>)> = keys
        .iter()
        .map(|k| {
            let term = Term::from_field_text(engine.fields.entity_key, k);
            (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
        })
        .collect();
    let docs = searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?;
    let mut found = Vec::with_capacity(docs.len());
    for addr in docs {
        let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
        found.push(Found {
            ord: ff.u64(names::ORD)?.first(addr.doc_id).unwrap_or(0),
            published: ff.i64(names::PUBLISHED)?.first(addr.doc_id).unwrap_or(0),
            role: ff.u64(names::ROLE)?.first(addr.doc_id).and_then(Role::from_ordinal),
        });
    }
    found.sort_by(|a, b| b.published.cmp(&a.published).then(b.ord.cmp(&a.ord)));
    Ok(found)
}

/// The party's listings after its latest removal (信用修复, 移出), oldest first: its records'
/// notices, as the bundle's blacklist holds them.
fn listing(engine: &Engine, found: &[Found]) -> Listing {
    Listing::from_notices(found.iter().filter_map(|f| engine.blacklist.notice(f.ord)))
}

/// The names of a record's parties that are on a blacklist now.
pub fn blacklisted_parties(engine: &Engine, r: &gongkai_core::Record) -> Vec<String> {
    if engine.blacklist.is_empty() {
        return Vec::new();
    }
    let today = today();
    entities::of_record(r)
        .into_iter()
        .filter(|name| engine.blacklist.party(&entities::normalize(name)).is_some_and(|l| l.in_force(today).is_some()))
        .collect()
}

fn listing_json(l: Option<&InForce>) -> Value {
    let day = |d: i64| schema::date_from_days(d).to_string();
    match l {
        Some(l) => json!({
            "blacklisted": true,
            "blacklisted_since": day(l.since),
            "blacklisted_by": l.by,
            "blacklisted_until": l.until.map(day),
        }),
        None => json!({ "blacklisted": false }),
    }
}

/// Answers `/v1/entity`.
pub fn entity_route(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let pairs = req.pairs();
    let get = |k: &str| pairs.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    let Some(name) = get("name") else {
        return Outcome::Done(param_error(ParamError {
            param: "name",
            message: "is required: a company or person, e.g. 江苏博远环保科技有限公司".into(),
        }));
    };
    if name.chars().count() > MAX_NAME_CHARS {
        return Outcome::Done(param_error(ParamError {
            param: "name",
            message: format!("is longer than {MAX_NAME_CHARS} characters"),
        }));
    }
    // size and page as /v1/search (1..=50, 1..=100).
    let paging: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k == "size" || k == "page").cloned().collect();
    let params = match SearchParams::parse_filters(&paging) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    let found = match find(engine, &entities::lookup_keys(name)) {
        Ok(f) => f,
        Err(e) => return Outcome::Done(error(500, "lookup_failed", e.to_string())),
    };
    let page: Vec<u64> = found.iter().skip((params.page - 1) * params.size).take(params.size).map(|f| f.ord).collect();
    let sizes = engine.project_sizes(&page);
    let missing = engine.missing_shards(&page, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let mut summary = Map::new();
    for role in Role::ALL {
        summary.insert(role.code().into(), json!(found.iter().filter(|f| f.role == Some(role)).count()));
    }
    if let Value::Object(listed) = listing_json(listing(engine, &found).in_force(today()).as_ref()) {
        summary.extend(listed);
    }
    let wanted = entities::lookup_keys(name);
    let mut display = None;
    let records: Vec<Value> = page
        .iter()
        .zip(sizes)
        .filter_map(|(&ord, size)| engine.record(ord, held).map(|r| (r, size)))
        .map(|(r, size)| {
            if display.is_none() {
                display =
                    entities::of_record(&r).into_iter().find(|p| entities::keys(p).iter().any(|k| wanted.contains(k)));
            }
            let mut v = hit_json(&r, 0.0, &[]);
            annotate(engine, &mut v, &r, size);
            v["role"] = json!(gongkai_core::process::role(&r).code());
            v
        })
        .collect();
    let body = json!({
        "name": display.unwrap_or_else(|| name.to_string()),
        "query": name,
        "total": found.len(),
        "page": params.page,
        "size": params.size,
        "summary": summary,
        "records": records,
    });
    Outcome::Done(cacheable(engine, req, json_response(200, &body)))
}
