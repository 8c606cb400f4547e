//! The edge HTTP API: URLs, fetch with cancellation and timeout, and tolerant parsing of
//! the JSON answers.
//!
//! Parsing reads the `JSON.parse`d value field by field (through `Reflect`) instead of
//! deserialising into fixed structs: every field may be missing, null or of the wrong type
//! without failing the whole answer, and the wasm stays small. Only `total` and `hits` are
//! required of a search answer.

use gongkai_api::Facet;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response, UrlSearchParams};

/// Why a request produced no usable answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// Cancelled because a newer request replaced it (not shown to the user).
    Aborted,
    /// No answer within the time limit.
    Timeout,
    /// The edge could not be reached (offline, DNS, refused, CORS).
    Network,
    /// An HTTP error status, with the edge's `error.message` when it sent one.
    Http(u16, String),
    /// The answer was not the JSON the widget expects.
    BadData,
}

/// The filters and paging of one search request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Domain code (`housing`, `land`, …).
    pub domain: Option<String>,
    /// 6-digit region code; a city includes its counties.
    pub region: Option<String>,
    /// Catalog item (`T01`…`T27`, `H01`…`H18`).
    pub catalog: Option<String>,
    /// Publication year (sent as a `from`/`to` date range).
    pub year: Option<String>,
}

impl Filters {
    /// True when any filter is set.
    pub fn any(&self) -> bool {
        self.domain.is_some() || self.region.is_some() || self.catalog.is_some() || self.year.is_some()
    }

    /// The filter of a facet.
    pub fn slot(&mut self, facet: Facet) -> &mut Option<String> {
        match facet {
            Facet::Domain => &mut self.domain,
            Facet::Region => &mut self.region,
            Facet::CatalogItem => &mut self.catalog,
            Facet::Year => &mut self.year,
        }
    }

    /// The value of a facet's filter.
    pub fn get(&self, facet: Facet) -> Option<&str> {
        match facet {
            Facet::Domain => self.domain.as_deref(),
            Facet::Region => self.region.as_deref(),
            Facet::CatalogItem => self.catalog.as_deref(),
            Facet::Year => self.year.as_deref(),
        }
    }
}

/// `GET /v1/search` URL.
pub fn search_url(endpoint: &str, q: &str, f: &Filters, by_date: bool, page: u32, size: u32) -> String {
    let p = filter_params(q, f);
    p.append("size", &size.to_string());
    p.append("page", &page.to_string());
    if by_date {
        p.append("sort", "date");
    }
    format!("{endpoint}/v1/search?{}", String::from(p.to_string()))
}

/// `GET /v1/feed` URL: the same search as an Atom feed, newest first.
pub fn feed_url(endpoint: &str, q: &str, f: &Filters) -> String {
    let p = filter_params(q, f);
    p.append("format", "atom");
    format!("{endpoint}/v1/feed?{}", String::from(p.to_string()))
}

/// The query and filter parameters a search and its feed share.
fn filter_params(q: &str, f: &Filters) -> UrlSearchParams {
    let p = params();
    p.append("q", q);
    for facet in Facet::ALL {
        if let (Some(name), Some(v)) = (facet.param(), f.get(facet)) {
            p.append(name, v);
        }
    }
    if let Some(y) = &f.year {
        p.append("from", &format!("{y}-01-01"));
        p.append("to", &format!("{y}-12-31"));
    }
    p
}

/// `GET /v1/suggest` URL.
pub fn suggest_url(endpoint: &str, prefix: &str, size: u32) -> String {
    let p = params();
    p.append("q", prefix);
    p.append("size", &size.to_string());
    format!("{endpoint}/v1/suggest?{}", String::from(p.to_string()))
}

fn params() -> UrlSearchParams {
    // Constructing an empty URLSearchParams cannot fail.
    UrlSearchParams::new().unwrap_or_else(|_| JsValue::from(js_sys::Object::new()).unchecked_into())
}

/// Fetches `url` and parses its JSON body. `ctrl` cancels it (a newer request, or the
/// timeout, which the caller arms and reports through `timed_out`).
pub async fn get_json(url: &str, ctrl: &AbortController, timed_out: impl Fn() -> bool) -> Result<JsValue, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&ctrl.signal()));
    let aborted = |e: JsValue| {
        if timed_out() {
            ApiError::Timeout
        } else if is_abort(&e) {
            ApiError::Aborted
        } else {
            ApiError::Network
        }
    };
    let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(aborted)?;
    let resp: Response = resp.dyn_into().map_err(|_| ApiError::BadData)?;
    let body = match resp.json() {
        Ok(p) => JsFuture::from(p).await,
        Err(e) => Err(e),
    };
    let status = resp.status();
    let body = match body {
        Ok(v) => v,
        Err(e) => {
            let err = aborted(e.clone());
            if err != ApiError::Network {
                return Err(err);
            }
            // The body was not JSON (an HTML error page from a proxy, say).
            return Err(if resp.ok() { ApiError::BadData } else { ApiError::Http(status, String::new()) });
        }
    };
    if !resp.ok() {
        let msg = get(&get(&body, "error"), "message").as_string().unwrap_or_default();
        return Err(ApiError::Http(status, msg));
    }
    if !body.is_object() {
        return Err(ApiError::BadData);
    }
    Ok(body)
}

fn is_abort(e: &JsValue) -> bool {
    get(e, "name").as_string().as_deref() == Some("AbortError")
}

// ---------------------------------------------------------------------------------------
// Tolerant field access.

/// `obj[key]`, or `undefined` when `obj` is not an object.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A string field; numbers are turned into strings; empty strings count as missing.
pub fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    let v = get(obj, key);
    let s = match v.as_string() {
        Some(s) => s,
        // Numbers via JavaScript's String(): no float formatting code in the wasm.
        None => {
            v.as_f64().filter(|n| n.is_finite())?;
            js_sys::Number::unchecked_from_js(v).to_string_with_radix(10).ok()?.as_string()?
        }
    };
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// A string field kept exactly as sent (highlight offsets index it), unless blank.
pub fn get_text(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string().filter(|s| !s.trim().is_empty())
}

/// A finite number field.
pub fn get_num(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).as_f64().filter(|n| n.is_finite())
}

/// The items of an array field (empty when missing or not an array).
pub fn get_arr(obj: &JsValue, key: &str) -> Vec<JsValue> {
    let v = get(obj, key);
    if Array::is_array(&v) {
        Array::from(&v).iter().collect()
    } else {
        Vec::new()
    }
}

/// Highlight ranges `[[start, end], …]` (UTF-16 offsets); malformed pairs are dropped.
pub fn get_ranges(obj: &JsValue, key: &str) -> Vec<(u32, u32)> {
    get_arr(obj, key)
        .iter()
        .filter_map(|r| {
            let a = Array::is_array(r).then(|| Array::from(r))?;
            let s = a.get(0).as_f64()?;
            let e = a.get(1).as_f64()?;
            (s >= 0.0 && e > s && e < 1e9).then_some((s as u32, e as u32))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Answers.

/// One search hit, as far as the widget shows it.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    pub title: String,
    pub url: Option<String>,
    pub domain_label: Option<String>,
    pub catalog_label: Option<String>,
    pub region_name: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub project_code: Option<String>,
    pub snippet: Option<String>,
    pub title_hl: Vec<(u32, u32)>,
    pub snippet_hl: Vec<(u32, u32)>,
    /// `late`: working days taken and the limit, when the publication was late.
    pub late: Option<(u64, u64)>,
    /// `blacklisted`: the parties of the record on the blacklist.
    pub blacklisted: Vec<String>,
    /// `timeline`: the project code and how many records its timeline has.
    pub timeline: Option<(String, u64)>,
    /// `entities`: the companies and persons the record names (for the credit look-up).
    pub entities: Vec<String>,
    /// `role` (credit look-up records): its position in [`ROLES`].
    pub role: Option<usize>,
}

/// One record of a project's timeline (`/v1/project/{code}`).
#[derive(Debug, Clone, Default)]
pub struct Step {
    pub stage: Option<String>,
    pub published_at: Option<String>,
    pub title: String,
    pub url: Option<String>,
}

/// The records of a `/v1/project/{code}` answer, in process order.
pub fn parse_timeline(v: &JsValue) -> Vec<Step> {
    get_arr(v, "records")
        .iter()
        .filter_map(|r| {
            Some(Step {
                stage: get_str(r, "stage_label").or_else(|| get_str(r, "stage")),
                published_at: get_str(r, "published_at").map(|d| d.chars().take(10).collect()),
                title: get_str(r, "title")?,
                url: get_str(r, "url"),
            })
        })
        .collect()
}

/// `GET /v1/project/{code}` URL.
pub fn project_url(endpoint: &str, code: &str) -> String {
    format!("{endpoint}/v1/project/{}", String::from(js_sys::encode_uri_component(code)))
}

/// One facet value with its count.
#[derive(Debug, Clone, Default)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub parent: Option<String>,
}

/// A parsed `/v1/search` answer.
#[derive(Debug, Clone, Default)]
pub struct SearchResult {
    pub total: u64,
    /// `total` is an estimate (`total_estimated`: the query matched more records than the
    /// edge's match budget, and the hits are the best of the newest records).
    pub total_estimated: bool,
    pub hits: Vec<Hit>,
    pub domain: Vec<FacetValue>,
    pub region: Vec<FacetValue>,
    pub catalog: Vec<FacetValue>,
    pub year: Vec<FacetValue>,
    pub did_you_mean: Option<String>,
    /// The query as the edge understood it, when it rewrote the input (pinyin → 汉字).
    pub rewritten: Option<String>,
    /// Nothing matched every concept of the query: these hits match part of it
    /// (`understood.relaxed`).
    pub relaxed: bool,
    /// A credit look-up's summary (`/v1/entity`, whose `records` are read as the hits).
    pub party: Option<Party>,
}

impl SearchResult {
    /// Parses an answer; `None` when `total` or `hits` (a look-up's `records`) is missing.
    pub fn parse(v: &JsValue) -> Option<SearchResult> {
        let total = get_num(v, "total")?.max(0.0) as u64;
        let key = if Array::is_array(&get(v, "hits")) { "hits" } else { "records" };
        if !Array::is_array(&get(v, key)) {
            return None;
        }
        let hits = get_arr(v, key).iter().filter_map(parse_hit).collect();
        let facets = get(v, "facets");
        let understood = get(v, "understood");
        let rewritten = get_str(&understood, "rewritten_from").and_then(|_| get_str(&understood, "text"));
        Some(SearchResult {
            total,
            total_estimated: get(v, "total_estimated").as_bool().unwrap_or(false),
            hits,
            domain: parse_facet(&facets, Facet::Domain.key()),
            region: parse_facet(&facets, Facet::Region.key()),
            catalog: parse_facet(&facets, Facet::CatalogItem.key()),
            year: parse_facet(&facets, Facet::Year.key()),
            did_you_mean: get_str(v, "did_you_mean"),
            rewritten,
            relaxed: get(&understood, "relaxed").as_bool().unwrap_or(false),
            party: parse_party(v),
        })
    }
}

fn parse_hit(h: &JsValue) -> Option<Hit> {
    let hl = get(h, "highlights");
    Some(Hit {
        title: get_text(h, "title").or_else(|| get_str(h, "id"))?,
        url: get_str(h, "url"),
        domain_label: get_str(h, "domain_label").or_else(|| get_str(h, "domain")),
        catalog_label: get_str(h, "catalog_label"),
        region_name: get_str(h, "region_name").or_else(|| get_str(h, "region_code")),
        publisher: get_str(h, "publisher"),
        source: get_str(h, "source"),
        published_at: get_str(h, "published_at").map(|d| d.chars().take(10).collect()),
        project_code: get_str(h, "project_code"),
        snippet: get_text(h, "snippet"),
        // Offsets index the untrimmed strings: read them raw.
        title_hl: get_ranges(&hl, "title"),
        snippet_hl: get_ranges(&hl, "snippet"),
        late: {
            let late = get(h, "late");
            get_num(&late, "working_days").zip(get_num(&late, "limit")).map(|(d, l)| (d as u64, l as u64))
        },
        blacklisted: get_arr(h, "blacklisted").iter().filter_map(|n| n.as_string()).collect(),
        timeline: {
            let tl = get(h, "timeline");
            get_str(&tl, "project_code").zip(get_num(&tl, "records")).map(|(c, n)| (c, n as u64))
        },
        entities: get_arr(h, "entities").iter().filter_map(|n| n.as_string()).collect(),
        role: {
            let role = get_str(h, "role");
            ROLES.iter().position(|x| Some(*x) == role.as_deref())
        },
    })
}

fn parse_facet(facets: &JsValue, key: &str) -> Vec<FacetValue> {
    get_arr(facets, key)
        .iter()
        .filter_map(|f| {
            let value = get_str(f, "value")?;
            Some(FacetValue {
                label: get_str(f, "label").unwrap_or_else(|| value.clone()),
                value,
                count: get_num(f, "count").unwrap_or(0.0).max(0.0) as u64,
                parent: get_str(f, "parent"),
            })
        })
        .collect()
}

/// Suggestion texts of a `/v1/suggest` answer.
pub fn parse_suggestions(v: &JsValue) -> Vec<String> {
    get_arr(v, "suggestions").iter().filter_map(|s| get_str(s, "text").or_else(|| s.as_string())).take(10).collect()
}

/// Labels from `/v1/meta`: `(value, label, parent-or-domain)` per list.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub domains: Vec<FacetValue>,
    pub regions: Vec<FacetValue>,
    pub catalog_items: Vec<FacetValue>,
}

impl Meta {
    /// Parses a `/v1/meta` answer (missing lists are empty).
    pub fn parse(v: &JsValue) -> Meta {
        let list = |key: &str, parent: &str| -> Vec<FacetValue> {
            get_arr(v, key)
                .iter()
                .filter_map(|f| {
                    let value = get_str(f, "value")?;
                    Some(FacetValue {
                        label: get_str(f, "label").unwrap_or_else(|| value.clone()),
                        value,
                        count: 0,
                        parent: get_str(f, parent),
                    })
                })
                .collect()
        };
        Meta {
            domains: list("domains", "parent"),
            regions: list("regions", "parent"),
            catalog_items: list("catalog_items", "domain"),
        }
    }

    /// The label of a value of a facet, if the meta lists it.
    pub fn label(&self, facet: Facet, value: &str) -> Option<String> {
        let list = match facet {
            Facet::Domain => &self.domains,
            Facet::Region => &self.regions,
            Facet::CatalogItem => &self.catalog_items,
            Facet::Year => return None,
        };
        list.iter().find(|f| f.value == value).map(|f| f.label.clone())
    }
}

// ---------------------------------------------------------------------------------------
// The credit look-up (`/v1/entity`) and the catalog (`/v1/catalog`).

/// The role codes of `/v1/entity`, in the order of its summary (and of `Strings::roles`).
pub const ROLES: [&str; 9] =
    ["bids", "candidate", "win", "contract", "reward", "penalty", "blacklist", "delisted", "other"];

/// The summary of a `/v1/entity` answer: the party, its records per role, its listing.
#[derive(Debug, Clone, Default)]
pub struct Party {
    pub name: String,
    /// Records per role, in [`ROLES`] order.
    pub counts: Vec<u64>,
    /// On a blacklist now: since, by whom, until (each when known).
    pub listed: Option<[Option<String>; 3]>,
}

/// `GET /v1/entity` URL.
pub fn entity_url(endpoint: &str, name: &str, page: u32, size: u32) -> String {
    let p = params();
    p.append("name", name);
    p.append("size", &size.to_string());
    p.append("page", &page.to_string());
    format!("{endpoint}/v1/entity?{}", String::from(p.to_string()))
}

fn parse_party(v: &JsValue) -> Option<Party> {
    let s = get(v, "summary");
    if !s.is_object() {
        return None;
    }
    let day = |k: &str| get_str(&s, k).map(|d| d.chars().take(10).collect());
    Some(Party {
        name: get_str(v, "name").unwrap_or_default(),
        counts: ROLES.iter().map(|r| get_num(&s, r).unwrap_or(0.0) as u64).collect(),
        listed: (get(&s, "blacklisted").as_bool() == Some(true))
            .then(|| [day("blacklisted_since"), get_str(&s, "blacklisted_by"), day("blacklisted_until")]),
    })
}

/// One item of the disclosure catalog with its record count (`/v1/catalog`'s `items`).
#[derive(Debug, Clone, Default)]
pub struct CatalogItem {
    pub code: String,
    /// 信息类别.
    pub label: String,
    /// 信息内容 (with its sub-category).
    pub content: Option<String>,
    pub domain: String,
    pub domain_label: String,
    pub count: u64,
}

/// The items of a `/v1/catalog` answer (those without a code or domain are skipped).
pub fn parse_catalog(v: &JsValue) -> Vec<CatalogItem> {
    get_arr(v, "items")
        .iter()
        .filter_map(|i| {
            let domain = get_str(i, "domain")?;
            Some(CatalogItem {
                label: get_str(i, "category").unwrap_or_default(),
                code: get_str(i, "code")?,
                content: get_str(i, "label").or_else(|| get_str(i, "content")),
                domain_label: get_str(i, "domain_label").unwrap_or_else(|| domain.clone()),
                domain,
                count: get_num(i, "count").unwrap_or(0.0).max(0.0) as u64,
            })
        })
        .collect()
}
