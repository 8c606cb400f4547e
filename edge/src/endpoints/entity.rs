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
use gongkai_core::entities;
use gongkai_core::process::Role;
use gongkai_core::schema::{self, names};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Longest accepted name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A party on a blacklist now: since when, by whom, in which record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Publication date of the listing (days since the epoch).
    pub since: i64,
    /// The publisher of the listing.
    pub by: Option<String>,
}

/// One matching document's fast fields.
struct Found {
    ord: u64,
    published: i64,
    role: Option<Role>,
    publisher: Option<String>,
}

fn text_column_values(column: &tantivy::columnar::StrColumn, doc: tantivy::DocId) -> Vec<String> {
    column
        .term_ords(doc)
        .filter_map(|o| {
            let mut s = String::new();
            column.ord_to_str(o, &mut s).ok().filter(|&f| f).map(|_| s)
        })
        .collect()
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
        let publisher =
            ff.str(names::PUBLISHER_KEY)?.and_then(|c| text_column_values(&c, addr.doc_id).into_iter().next());
        found.push(Found {
            ord: ff.u64(names::ORD)?.first(addr.doc_id).unwrap_or(0),
            published: ff.i64(names::PUBLISHED)?.first(addr.doc_id).unwrap_or(0),
            role: ff.u64(names::ROLE)?.first(addr.doc_id).and_then(Role::from_ordinal),
            publisher,
        });
    }
    found.sort_by(|a, b| b.published.cmp(&a.published).then(b.ord.cmp(&a.ord)));
    Ok(found)
}

/// Whether a party's records, newest first, leave it on a blacklist: its latest listing is
/// after its latest removal (信用修复, 移出).
fn listing(found: &[Found]) -> Option<Listing> {
    let last_removed = found.iter().filter(|f| f.role == Some(Role::Delisted)).map(|f| f.published).max();
    let listings: Vec<&Found> = found
        .iter()
        .filter(|f| f.role == Some(Role::Blacklist) && last_removed.is_none_or(|r| f.published > r))
        .collect();
    // The earliest listing still in force.
    let first = listings.iter().min_by_key(|f| (f.published, f.ord))?;
    Some(Listing { since: first.published, by: first.publisher.clone() })
}

/// The parties on a blacklist now, by whole-name key (`n:…`), built on the first use from the
/// blacklist and removal records' fast fields.
pub fn blacklist(engine: &Engine) -> &HashMap<String, Listing> {
    engine.blacklist.get_or_init(|| build_blacklist(engine).unwrap_or_default())
}

fn build_blacklist(engine: &Engine) -> tantivy::Result<HashMap<String, Listing>> {
    use tantivy::{DocSet, TERMINATED};
    // The parties come from the `entity_key` term dictionary and postings, not from its
    // multi-valued fast column: in the Worker's wasm32 build that column gave back only a
    // record's last value (the parity test caught company names missing), and the inverted
    // index is what every search already reads.
    let searcher = engine.reader.searcher();
    let mut per_key: HashMap<String, Vec<Found>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let roles = ff.u64(names::ROLE)?;
        let ords = ff.u64(names::ORD)?;
        let published = ff.i64(names::PUBLISHED)?;
        let publishers = ff.str(names::PUBLISHER_KEY)?;
        let alive = segment.alive_bitset();
        let inverted = segment.inverted_index(engine.fields.entity_key)?;
        let mut terms = inverted.terms().range().ge(b"n:").lt(b"n;").into_stream()?;
        while terms.advance() {
            let Ok(key) = std::str::from_utf8(terms.key()) else { continue };
            let mut postings = inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let role = roles.first(doc).and_then(Role::from_ordinal);
                if alive.is_none_or(|a| a.is_alive(doc)) && matches!(role, Some(Role::Blacklist | Role::Delisted)) {
                    per_key.entry(key.to_string()).or_default().push(Found {
                        ord: ords.first(doc).unwrap_or(0),
                        published: published.first(doc).unwrap_or(0),
                        role,
                        publisher: publishers.as_ref().and_then(|c| text_column_values(c, doc).into_iter().next()),
                    });
                }
                doc = postings.advance();
            }
        }
    }
    Ok(per_key.into_iter().filter_map(|(k, found)| listing(&found).map(|l| (k, l))).collect())
}

/// The names of a record's parties that are on a blacklist now.
pub fn blacklisted_parties(engine: &Engine, r: &gongkai_core::Record) -> Vec<String> {
    let list = blacklist(engine);
    if list.is_empty() {
        return Vec::new();
    }
    entities::of_record(r)
        .into_iter()
        .filter(|name| list.contains_key(&format!("n:{}", entities::normalize(name))))
        .collect()
}

fn listing_json(l: Option<&Listing>) -> Value {
    match l {
        Some(l) => json!({
            "blacklisted": true,
            "blacklisted_since": schema::date_from_days(l.since).to_string(),
            "blacklisted_by": l.by,
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
    let missing = engine.missing_shards(&page, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let mut summary = Map::new();
    for role in Role::ALL {
        summary.insert(role.code().into(), json!(found.iter().filter(|f| f.role == Some(role)).count()));
    }
    if let Value::Object(listed) = listing_json(listing(&found).as_ref()) {
        summary.extend(listed);
    }
    let wanted = entities::lookup_keys(name);
    let mut display = None;
    let records: Vec<Value> = page
        .iter()
        .filter_map(|&ord| engine.record(ord, held))
        .map(|r| {
            if display.is_none() {
                display =
                    entities::of_record(&r).into_iter().find(|p| entities::keys(p).iter().any(|k| wanted.contains(k)));
            }
            let mut v = hit_json(&r, 0.0, &[]);
            annotate(engine, &mut v, &r);
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
