//! `GET /v1/entity?name=&size=&page=`: everything the index says about one company, institution
//! or person, newest first, with a summary by role (bids, candidate, win, contract, reward,
//! penalty, blacklist) and whether the party is on a blacklist now.
//!
//! Names are matched as exact keys ([`gongkai_core::entities::lookup_keys`]): the whole name,
//! or the name without its 有限公司-style suffix, never by shared words. The summary comes from
//! fast fields; only the page's records are loaded.

use super::hit::{annotate, hit_json};
use super::scan::TermsByDoc;
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

/// One blacklist listing of a party: published when, by whom, in force until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Publication date of the listing (days since the epoch).
    pub since: i64,
    /// The last day the listing is in force, as its notice says (`None`: until removed).
    pub until: Option<i64>,
    /// The publisher of the listing.
    pub by: Option<String>,
}

/// A party's blacklist listings after its latest removal (信用修复, 移出), whether or not their
/// periods have run out: [`Listing::in_force`] judges them on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// The listings, oldest first.
    pub periods: Vec<Period>,
}

/// A party on a blacklist on a given day: since when, by whom, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    /// Publication date of the earliest listing in force (days since the epoch).
    pub since: i64,
    /// Its publisher.
    pub by: Option<String>,
    /// The last day of the listing that runs longest (`None`: one of them runs until removed).
    pub until: Option<i64>,
}

impl Listing {
    /// The listings in force on `today` (days since the epoch): published by then and not
    /// past the end of their period.
    pub fn in_force(&self, today: i64) -> Option<InForce> {
        let live: Vec<&Period> =
            self.periods.iter().filter(|p| p.since <= today && p.until.is_none_or(|u| u >= today)).collect();
        let first = live.iter().min_by_key(|p| p.since)?;
        let until =
            if live.iter().any(|p| p.until.is_none()) { None } else { live.iter().filter_map(|p| p.until).max() };
        Some(InForce { since: first.since, by: first.by.clone(), until })
    }
}

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
    until: Option<i64>,
    publisher: Option<String>,
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
    // Publishers (for `blacklisted_by`) of the segments that hold a listing, read once each.
    let mut publishers: HashMap<u32, TermsByDoc> = HashMap::new();
    for addr in docs {
        let segment = searcher.segment_reader(addr.segment_ord);
        let ff = segment.fast_fields();
        let role = ff.u64(names::ROLE)?.first(addr.doc_id).and_then(Role::from_ordinal);
        let publisher = if role == Some(Role::Blacklist) {
            if let std::collections::hash_map::Entry::Vacant(slot) = publishers.entry(addr.segment_ord) {
                slot.insert(TermsByDoc::read(segment, engine.fields.publisher_key)?);
            }
            publishers.get(&addr.segment_ord).and_then(|p| p.get(addr.doc_id)).map(str::to_string)
        } else {
            None
        };
        found.push(Found {
            ord: ff.u64(names::ORD)?.first(addr.doc_id).unwrap_or(0),
            published: ff.i64(names::PUBLISHED)?.first(addr.doc_id).unwrap_or(0),
            role,
            until: listed_until(segment)?.and_then(|c| c.first(addr.doc_id)),
            publisher,
        });
    }
    found.sort_by(|a, b| b.published.cmp(&a.published).then(b.ord.cmp(&a.ord)));
    Ok(found)
}

/// The `listed_until` column of a segment (none in an index built before it existed).
fn listed_until(segment: &tantivy::SegmentReader) -> tantivy::Result<Option<tantivy::columnar::Column<i64>>> {
    match segment.schema().get_field(names::LISTED_UNTIL) {
        Ok(_) => Ok(Some(segment.fast_fields().i64(names::LISTED_UNTIL)?)),
        Err(_) => Ok(None),
    }
}

/// A party's listings after its latest removal (信用修复, 移出), oldest first.
fn listing(found: &[Found]) -> Listing {
    let last_removed = found.iter().filter(|f| f.role == Some(Role::Delisted)).map(|f| f.published).max();
    let mut periods: Vec<(u64, Period)> = found
        .iter()
        .filter(|f| f.role == Some(Role::Blacklist) && last_removed.is_none_or(|r| f.published > r))
        .map(|f| (f.ord, Period { since: f.published, until: f.until, by: f.publisher.clone() }))
        .collect();
    periods.sort_by_key(|(ord, p)| (p.since, *ord));
    Listing { periods: periods.into_iter().map(|(_, p)| p).collect() }
}

/// Every party with a listing after its latest removal, by whole-name key (`n:…`), built on the
/// first use from the blacklist and removal records; whether it is in force is judged per
/// request ([`Listing::in_force`]), as periods run out.
///
/// Kept only once complete: over an index read by rounds, a run that found index bytes missing
/// gets what it could read (its answer is dropped anyway, and the missing bytes are loaded) and
/// the next run builds it again.
pub fn blacklist(engine: &Engine) -> std::borrow::Cow<'_, HashMap<String, Listing>> {
    if let Some(list) = engine.blacklist.get() {
        return std::borrow::Cow::Borrowed(list);
    }
    match build_blacklist(engine) {
        (list, true) => std::borrow::Cow::Borrowed(engine.blacklist.get_or_init(|| list)),
        (list, false) => std::borrow::Cow::Owned(list),
    }
}

/// The blacklist, and whether every read it needed succeeded. Each segment's columns, each
/// party's postings and each segment's publishers are read on their own, going on past a
/// failed read, so that one run finds every missing chunk (see [`blacklist`]).
fn build_blacklist(engine: &Engine) -> (HashMap<String, Listing>, bool) {
    use tantivy::{DocSet, TERMINATED};
    // The parties come from the `entity_key` term dictionary and postings, not from its
    // multi-valued fast column: in the Worker's wasm32 build that column gave back only a
    // record's last value (the parity test caught company names missing), and the inverted
    // index is what every search already reads. Publishers likewise ([`TermsByDoc`]).
    let searcher = engine.reader.searcher();
    let mut per_key: HashMap<String, Vec<Found>> = HashMap::new();
    let mut complete = true;
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (Ok(roles), Ok(ords), Ok(published), Ok(until)) =
            (ff.u64(names::ROLE), ff.u64(names::ORD), ff.i64(names::PUBLISHED), listed_until(segment))
        else {
            complete = false;
            continue;
        };
        let publishers = TermsByDoc::read(segment, engine.fields.publisher_key);
        let publishers = match publishers {
            Ok(p) => Some(p),
            Err(_) => {
                complete = false;
                None
            }
        };
        let alive = segment.alive_bitset();
        let Ok(inverted) = segment.inverted_index(engine.fields.entity_key) else {
            complete = false;
            continue;
        };
        let Ok(mut terms) = inverted.terms().range().ge(b"n:").lt(b"n;").into_stream() else {
            complete = false;
            continue;
        };
        while terms.advance() {
            let Ok(key) = std::str::from_utf8(terms.key()) else { continue };
            let Ok(mut postings) = inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic) else {
                complete = false;
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let role = roles.first(doc).and_then(Role::from_ordinal);
                if alive.is_none_or(|a| a.is_alive(doc)) && matches!(role, Some(Role::Blacklist | Role::Delisted)) {
                    per_key.entry(key.to_string()).or_default().push(Found {
                        ord: ords.first(doc).unwrap_or(0),
                        published: published.first(doc).unwrap_or(0),
                        role,
                        until: until.as_ref().and_then(|c| c.first(doc)),
                        publisher: publishers.as_ref().and_then(|p| p.get(doc)).map(str::to_string),
                    });
                }
                doc = postings.advance();
            }
        }
    }
    let list = per_key.into_iter().map(|(k, found)| (k, listing(&found))).filter(|(_, l)| !l.periods.is_empty());
    (list.collect(), complete)
}

/// The names of a record's parties that are on a blacklist now.
pub fn blacklisted_parties(engine: &Engine, r: &gongkai_core::Record) -> Vec<String> {
    let list = blacklist(engine);
    if list.is_empty() {
        return Vec::new();
    }
    let today = today();
    entities::of_record(r)
        .into_iter()
        .filter(|name| {
            list.get(&format!("n:{}", entities::normalize(name))).is_some_and(|l| l.in_force(today).is_some())
        })
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
    let missing = engine.missing_shards(&page, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let mut summary = Map::new();
    for role in Role::ALL {
        summary.insert(role.code().into(), json!(found.iter().filter(|f| f.role == Some(role)).count()));
    }
    if let Value::Object(listed) = listing_json(listing(&found).in_force(today()).as_ref()) {
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
