//! `GET /v1/feed?q=&domain=&region=&catalog=&format=atom|json`: the newest 20 records of a
//! search as an Atom 1.0 feed (`application/atom+xml`, the default) or a JSON Feed 1.1
//! (`application/feed+json`). Each entry links the original page and `/v1/doc/{id}`.

use super::hit::hit_json;
use crate::engine::{Engine, RequestShards};
use crate::http::headers::cacheable;
use crate::http::{error, param_error, Outcome, Request, Response};
use crate::search::{self, ParamError, SearchParams, Sort};
use gongkai_core::Record;
use serde_json::{json, Value};

/// Entries per feed.
pub const FEED_ENTRIES: usize = 20;

/// The feed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    Json,
}

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes an id for a URL path segment.
fn path_segment(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Answers `/v1/feed`.
pub fn feed_route(engine: &Engine, req: &Request, held: &RequestShards) -> Outcome {
    let pairs = req.pairs();
    let format = match pairs.iter().rev().find(|(k, _)| k == "format").map(|(_, v)| v.trim()) {
        None | Some("") | Some("atom") => Format::Atom,
        Some("json") => Format::Json,
        Some(other) => {
            return Outcome::Done(param_error(ParamError {
                param: "format",
                message: format!("`{other}` is not atom or json"),
            }))
        }
    };
    let filters: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| ["q", "domain", "region", "catalog", "from", "to"].contains(&k.as_str()))
        .cloned()
        .collect();
    let mut params = match SearchParams::parse_filters(&filters) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    params.sort = Sort::Date;
    params.size = FEED_ENTRIES;
    params.page = 1;
    let found = match search::search(engine, &params, &engine.config.ranking) {
        Ok(f) => f,
        Err(e) => return Outcome::Done(error(500, "search_failed", format!("the search failed: {e}"))),
    };
    let ords: Vec<u64> = found.hits.iter().map(|h| h.1).collect();
    let missing = engine.missing_shards(&ords, held);
    if !missing.is_empty() {
        return Outcome::NeedShards(missing);
    }
    let records: Vec<Record> = ords.iter().filter_map(|&o| engine.record(o, held)).collect();
    let base = req.header("Host").map(|h| format!("http://{h}")).unwrap_or_default();
    let self_url = format!("{base}{}{}{}", req.path, if req.query.is_empty() { "" } else { "?" }, req.query);
    let title = match params.q.as_str() {
        "" => "公开 · 最新公开信息".to_string(),
        q => format!("公开 · {q}"),
    };
    let resp = match format {
        Format::Atom => atom(engine, &records, &title, &base, &self_url),
        Format::Json => json_feed(&records, &title, &base, &self_url),
    };
    Outcome::Done(cacheable(engine, req, resp))
}

fn atom(engine: &Engine, records: &[Record], title: &str, base: &str, self_url: &str) -> Response {
    let updated = records.first().map(|r| r.published_at.to_string()).unwrap_or_else(|| "1970-01-01".into());
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("<title>{}</title>\n", xml(title)));
    out.push_str(&format!("<id>urn:gongkai:feed:{}</id>\n", xml(&path_segment(self_url))));
    out.push_str(&format!("<updated>{updated}T00:00:00Z</updated>\n"));
    out.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml(self_url)));
    out.push_str(&format!(
        "<author><name>公开 Gongkai</name></author>\n<generator>gongkai {}</generator>\n",
        xml(&engine.manifest.index_version)
    ));
    for r in records {
        let hit = hit_json(r, 0.0, &[]);
        let doc = format!("{base}/v1/doc/{}", path_segment(&r.id));
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", xml(&r.title)));
        out.push_str(&format!("<id>urn:gongkai:record:{}</id>\n", xml(&path_segment(&r.id))));
        out.push_str(&format!("<updated>{}T00:00:00Z</updated>\n", r.published_at));
        out.push_str(&format!("<published>{}T00:00:00Z</published>\n", r.published_at));
        if let Some(url) = &r.url {
            out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(url)));
        }
        out.push_str(&format!("<link rel=\"related\" type=\"application/json\" href=\"{}\"/>\n", xml(&doc)));
        if let Some(p) = &r.publisher {
            out.push_str(&format!("<author><name>{}</name></author>\n", xml(p)));
        }
        out.push_str(&format!("<category term=\"{}\" label=\"{}\"/>\n", r.domain.code(), xml(r.domain.label_zh())));
        out.push_str(&format!("<summary>{}</summary>\n", xml(hit["snippet"].as_str().unwrap_or(""))));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    Response {
        status: 200,
        headers: vec![("Content-Type".into(), "application/atom+xml; charset=utf-8".into())],
        body: out.into_bytes(),
    }
}

fn json_feed(records: &[Record], title: &str, base: &str, self_url: &str) -> Response {
    let items: Vec<Value> = records
        .iter()
        .map(|r| {
            let hit = hit_json(r, 0.0, &[]);
            let doc = format!("{base}/v1/doc/{}", path_segment(&r.id));
            json!({
                "id": r.id,
                "url": r.url.clone().unwrap_or_else(|| doc.clone()),
                "external_url": doc,
                "title": r.title,
                "content_text": hit["snippet"],
                "date_published": format!("{}T00:00:00Z", r.published_at),
                "authors": r.publisher.as_ref().map(|p| vec![json!({"name": p})]).unwrap_or_default(),
                "tags": [r.domain.label_zh()],
                "_gongkai": { "doc": format!("/v1/doc/{}", path_segment(&r.id)), "domain": r.domain.code(), "region_code": r.region_code },
            })
        })
        .collect();
    let body = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": format!("{base}/"),
        "feed_url": self_url,
        "language": "zh-CN",
        "items": items,
    });
    Response {
        status: 200,
        headers: vec![("Content-Type".into(), "application/feed+json; charset=utf-8".into())],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}
