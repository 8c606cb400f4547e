//! Records from HTML pages, as a site's CMS publishes them.
//!
//! - title: `<meta name="ArticleTitle">`, else the first `<h1>`, else `<title>`;
//! - body: the text of the main content — the first of `article`, `main`, `.TRS_Editor`,
//!   `#zoom`, `.article-content`, `.content`, `#content`, else `<body>`;
//! - metadata: `<meta name="gongkai:FIELD" content="…">` for any contract field
//!   (`gongkai:domain`, `gongkai:region_code`, `gongkai:entities` separated by `;` …), and the
//!   government-site tags of 《政府网站发展指引》: `PubDate` → published_at, `ContentSource` →
//!   source, `Url` → url; `id` defaults to the file path.

use gongkai_core::record::split_entities;
use scraper::{Html, Selector};
use serde_json::{Map, Value};
use std::path::Path;

const MAIN_CONTENT: &[&str] =
    &["article", "main", ".TRS_Editor", "#zoom", ".article-content", ".content", "#content", "body"];

fn select_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    let el = doc.select(&sel).next()?;
    let mut text = String::new();
    for t in el.text() {
        let t = t.trim();
        if !t.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(t);
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Extracts a record object from a page; validation happens later, like any other input.
pub fn record_from_html(html: &str, path: &Path) -> Value {
    // Scripts and styles are never content.
    let doc = Html::parse_document(html);
    let mut obj = Map::new();
    let meta = Selector::parse("meta[name][content]").ok();
    let mut standard = Map::new();
    if let Some(meta) = meta {
        for el in doc.select(&meta) {
            let (Some(name), Some(content)) = (el.value().attr("name"), el.value().attr("content")) else { continue };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            if let Some(field) = name.strip_prefix("gongkai:") {
                let value = match field {
                    "entities" => Value::Array(split_entities(content).into_iter().map(Value::String).collect()),
                    "amount_yuan" => content
                        .parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(Value::Number)
                        .unwrap_or_else(|| Value::String(content.into())),
                    _ => Value::String(content.into()),
                };
                obj.insert(field.to_string(), value);
            } else {
                let field = match name {
                    "ArticleTitle" => "title",
                    "PubDate" => "published_at",
                    "ContentSource" => "source",
                    "Url" => "url",
                    _ => continue,
                };
                // PubDate is often "2026-03-18 09:30"; keep the date.
                let v = if field == "published_at" {
                    content.split_whitespace().next().unwrap_or(content)
                } else {
                    content
                };
                standard.insert(field.to_string(), Value::String(v.to_string()));
            }
        }
    }
    for (k, v) in standard {
        obj.entry(k).or_insert(v);
    }
    if !obj.contains_key("title") {
        if let Some(t) = select_text(&doc, "h1").or_else(|| select_text(&doc, "title")) {
            obj.insert("title".into(), Value::String(t));
        }
    }
    if !obj.contains_key("body") {
        let without_scripts = strip_scripts(&doc);
        if let Some(body) = MAIN_CONTENT.iter().find_map(|s| select_text(&without_scripts, s)) {
            obj.insert("body".into(), Value::String(body));
        }
    }
    obj.entry("id").or_insert_with(|| Value::String(path.to_string_lossy().replace('\\', "/")));
    Value::Object(obj)
}

fn strip_scripts(doc: &Html) -> Html {
    let mut html = doc.html();
    for tag in ["script", "style", "noscript"] {
        loop {
            let lower = html.to_ascii_lowercase();
            let Some(start) = lower.find(&format!("<{tag}")) else { break };
            let end =
                lower[start..].find(&format!("</{tag}>")).map(|e| start + e + tag.len() + 3).unwrap_or(html.len());
            html.replace_range(start..end, "");
        }
    }
    Html::parse_document(&html)
}
