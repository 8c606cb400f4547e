//! The request handler shared by the Cloudflare Worker and edge-serve: plain data in, plain
//! data out, no I/O, so both runtimes call exactly this code.
//!
//! Routes: `GET /v1/search`, `GET /v1/suggest`, `GET /v1/meta`, `GET /v1/doc/{id}`,
//! `GET /healthz`, and `OPTIONS` preflight for all of them. Every answer is JSON, errors too:
//! `{"error": {"code": "...", "message": "..."}}`.

use crate::engine::{Engine, RequestShards};
use crate::search::{self, ParamError, SearchParams};
use crate::snippet;
use gongkai_core::bundle::VerifiedFile;
use gongkai_core::{catalog, regions, Domain, Record};
use serde_json::{json, Map, Value};

/// A request, as any runtime can build it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `OPTIONS`, …
    pub method: String,
    /// The path, without the query string (percent-encoded as received).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Request headers (names in any case).
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Decoded query-string pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect()
    }
}

/// A response, as any runtime can send it.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (tests and tools).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// What the handler needs from the runtime to finish a request.
#[derive(Debug)]
pub enum Outcome {
    /// The answer.
    Done(Response),
    /// Hold these document shards for this request ([`RequestShards::hold`]): from the cache
    /// ([`Engine::cached_shard`]) or loaded ([`Engine::add_shard`]), then call again.
    NeedShards(Vec<String>),
}

/// Answers a request completely: calls [`handle`], and while it asks for document shards,
/// loads them with `load` (bundle path → the file, checked against the manifest), holds them
/// for this request and calls again. Shards of one round are loaded concurrently. Every
/// runtime answers through this loop: edge-serve with files (futures that are ready at once),
/// the Worker with static assets or R2. Failures become a JSON error naming the shard.
pub async fn respond<L, F>(engine: &Engine, req: &Request, load: L) -> Response
where
    L: Fn(String) -> F,
    F: std::future::Future<Output = Result<VerifiedFile, String>>,
{
    let mut held = RequestShards::default();
    // One round loads everything a page needs; a second would mean the request changed its
    // mind between calls, which a deterministic handler never does.
    for _ in 0..2 {
        match handle(engine, req, &held) {
            Outcome::Done(resp) => return resp,
            Outcome::NeedShards(paths) => {
                let mut to_load = Vec::new();
                for p in paths {
                    match engine.cached_shard(&p) {
                        Some(shard) => held.hold(p, shard),
                        None => to_load.push(p),
                    }
                }
                let loads = to_load.into_iter().map(|p| {
                    let fut = load(p.clone());
                    async move { (p, fut.await) }
                });
                for (p, loaded) in futures_util::future::join_all(loads).await {
                    match loaded.and_then(|file| engine.add_shard(file).map_err(|e| e.to_string())) {
                        Ok(shard) => held.hold(p, shard),
                        Err(e) => return error(500, "bundle_unreadable", format!("document shard `{p}`: {e}")),
                    }
                }
            }
        }
    }
    error(500, "bundle_unreadable", "document shards could not be loaded")
}

/// Decodes `%XX` escapes and `+` (as space); invalid UTF-8 is replaced, never a panic.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn json_response(status: u16, body: &Value) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into())],
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

/// A JSON error response.
pub fn error(status: u16, code: &str, message: impl Into<String>) -> Response {
    let mut r = json_response(status, &json!({ "error": { "code": code, "message": message.into() } }));
    r.headers.push(("Cache-Control".into(), "no-store".into()));
    r
}

fn param_error(e: ParamError) -> Response {
    let mut r = error(400, "bad_parameter", format!("parameter `{}` {}", e.param, e.message));
    if let Ok(mut v) = serde_json::from_slice::<Value>(&r.body) {
        v["error"]["param"] = json!(e.param);
        r.body = serde_json::to_vec(&v).unwrap_or_default();
    }
    r
}

/// Adds CORS headers: `*` when every origin is allowed, else the request's origin when it
/// is on the allow-list (and nothing otherwise, so the browser refuses).
fn cors(engine: &Engine, req: &Request, resp: &mut Response) {
    match &engine.config.allowed_origins {
        None => resp.headers.push(("Access-Control-Allow-Origin".into(), "*".into())),
        Some(list) => {
            if let Some(origin) = req.header("Origin") {
                if list.iter().any(|o| o == origin) {
                    resp.headers.push(("Access-Control-Allow-Origin".into(), origin.to_string()));
                    resp.headers.push(("Vary".into(), "Origin".into()));
                }
            }
        }
    }
}

/// Handles one request. `held` are the document shards the runtime has loaded for this
/// request so far (empty at first; see [`Outcome::NeedShards`]).
pub fn handle(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let outcome = route(engine, req, held);
    match outcome {
        Outcome::Done(mut resp) => {
            cors(engine, req, &mut resp);
            Outcome::Done(resp)
        }
        other => other,
    }
}

fn cacheable(engine: &Engine, req: &Request, resp: Response) -> Response {
    let etag = format!("W/\"{}\"", engine.manifest.index_version);
    if req.header("If-None-Match").map(|v| v.split(',').any(|t| t.trim() == etag)).unwrap_or(false) {
        return Response { status: 304, headers: vec![("ETag".into(), etag)], body: Vec::new() };
    }
    let mut resp = resp;
    resp.headers.push(("ETag".into(), etag));
    resp.headers.push(("Cache-Control".into(), "public, max-age=60".into()));
    resp
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
    let path = req.path.trim_end_matches('/');
    match path {
        "/healthz" => Outcome::Done(json_response(200, &json!({"ok": true, "doc_count": engine.doc_count()}))),
        "/v1/meta" => Outcome::Done(cacheable(engine, req, json_response(200, &meta(engine)))),
        "/v1/search" => search_route(engine, req, held),
        "/v1/suggest" => Outcome::Done(suggest(engine, req)),
        _ if path.starts_with("/v1/doc/") => doc_route(engine, req, held, &percent_decode(&path["/v1/doc/".len()..])),
        _ => Outcome::Done(error(
            404,
            "not_found",
            format!("no route for {}; see /v1/search, /v1/suggest, /v1/meta, /v1/doc/{{id}}", req.path),
        )),
    }
}

fn meta(engine: &Engine) -> Value {
    json!({
        "doc_count": engine.doc_count(),
        "index_version": engine.manifest.index_version,
        "built_at": engine.manifest.built_at,
        "format": engine.manifest.format,
        // Query analysis as at build time? `same: false` after upgrading the edge but not the
        // index (or the reverse): rebuild the index with the matching index-builder.
        "analyzer": {
            "index": engine.manifest.analyzer,
            "edge": engine.analyzer,
            "same": engine.analyzer_matches(),
        },
        "domains": Domain::ALL.iter().map(|d| json!({"value": d.code(), "label": d.label_zh(), "label_en": d.label_en()})).collect::<Vec<_>>(),
        "regions": regions::all().iter().map(|r| json!({"value": r.code.to_string(), "label": r.name, "parent": r.parent.map(|p| p.to_string())})).collect::<Vec<_>>(),
        "catalog_items": catalog::items().iter().map(|i| json!({"value": i.code, "label": i.label(), "domain": i.domain.code(), "category": i.category})).collect::<Vec<_>>(),
    })
}

fn search_route(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let params = match SearchParams::parse(&req.pairs()) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    let found = match search::search(engine, &params, &engine.config.ranking) {
        Ok(f) => f,
        Err(e) => return Outcome::Done(error(500, "search_failed", format!("the search failed: {e}"))),
    };
    let ords: Vec<u64> = found.hits.iter().map(|h| h.1).collect();
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
        .filter_map(|&(score, ord)| engine.record(ord, held).map(|r| hit_json(&r, score, &terms)))
        .collect();
    let places: Vec<&str> = found
        .plan
        .groups
        .iter()
        .filter_map(|g| match &g.kind {
            gongkai_core::query::GroupKind::Place(codes) => {
                Some(codes.iter().filter_map(|c| regions::get(*c)).map(|r| r.name))
            }
            _ => None,
        })
        .flatten()
        .collect();
    let body = json!({
        "query": params.q,
        "total": found.total,
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
        },
    });
    Outcome::Done(cacheable(engine, req, json_response(200, &body)))
}

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
    m.insert("score".into(), json!((score * 1000.0).round() / 1000.0));
    Value::Object(m)
}

fn sorted_counts(map: Option<&std::collections::HashMap<u64, u64>>) -> Vec<(u64, u64)> {
    let mut v: Vec<(u64, u64)> =
        map.map(|m| m.iter().map(|(&k, &c)| (k, c)).filter(|x| x.1 > 0).collect()).unwrap_or_default();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn facets_json(found: &search::Found) -> Value {
    let domains: Vec<Value> = sorted_counts(found.facets.get("domain"))
        .into_iter()
        .filter_map(|(d, c)| {
            Domain::from_ordinal(d).map(|d| json!({"value": d.code(), "label": d.label_zh(), "count": c}))
        })
        .collect();
    let items: Vec<Value> = sorted_counts(found.facets.get("catalog_item"))
        .into_iter()
        .filter_map(|(o, c)| {
            catalog::item_by_ordinal(o).map(|i| json!({"value": i.code, "label": i.label(), "count": c}))
        })
        .collect();
    // Regions: counts per county, per city (including its counties) and, when the hits lie in
    // several provinces, per province.
    let region_list =
        regions::rolled_up(sorted_counts(found.facets.get("region")).into_iter().map(|(r, c)| (r as u32, c)));
    let regions_json: Vec<Value> = region_list
        .into_iter()
        .filter_map(|(code, c)| {
            regions::get(code).map(|r| json!({"value": code.to_string(), "label": r.name, "count": c, "parent": r.parent.map(|p| p.to_string())}))
        })
        .collect();
    let mut years: Vec<(u64, u64)> = sorted_counts(found.facets.get("year"));
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    let years_json: Vec<Value> = years.into_iter().map(|(y, c)| json!({"value": y.to_string(), "count": c})).collect();
    json!({ "domain": domains, "region": regions_json, "catalog_item": items, "year": years_json })
}

fn suggest(engine: &Engine, req: &Request) -> Response {
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

fn doc_route(engine: &Engine, req: &Request, held: &RequestShards, id: &str) -> Outcome {
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
    let missing = engine.missing_shards(&[ord], held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    match engine.record(ord, held) {
        Some(r) => {
            let mut v = hit_json(&r, 0.0, &[]);
            v["body"] = json!(r.body);
            v["formed_at"] = json!(r.formed_at.map(|d| d.to_string()));
            Outcome::Done(cacheable(engine, req, json_response(200, &v)))
        }
        None => Outcome::Done(error(500, "lookup_failed", "document shard could not be read")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_never_panics() {
        assert_eq!(percent_decode("%E8%8B%8F%E5%B7%9E+land"), "苏州 land");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%E"), "%E");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
