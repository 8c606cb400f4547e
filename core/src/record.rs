//! The disclosure record of the contract (`shared/CONTRACT.md` §1) and its validation.
//!
//! Records arrive as loosely typed JSON objects (from JSON Lines, CSV rows or HTML meta tags);
//! [`Record::from_json`] checks every field and says exactly which one is wrong and why.

use crate::catalog;
use crate::domain::Domain;
use crate::regions;
use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Longest accepted title, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// Longest accepted body, in bytes (after HTML is reduced to text).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// One disclosure record, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Unique, stable id; a later record with the same id replaces the earlier one (变更).
    pub id: String,
    /// Headline as published.
    pub title: String,
    /// Full text, reduced to plain text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// Domain of public resource allocation.
    pub domain: Domain,
    /// Catalog item code (`T01`–`T27`, `H01`–`H18`), consistent with `domain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_item: Option<String>,
    /// Six-digit GB/T 2260 code of a division (any province).
    pub region_code: String,
    /// 公开主体.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// 信息来源.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Link to the original page (http or https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date.
    pub published_at: NaiveDate,
    /// When the information was formed or changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed_at: Option<NaiveDate>,
    /// 项目编号 / 地块编号 / 文号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// Budget, bid or deal amount in yuan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<f64>,
    /// Companies or persons named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
}

/// Why a record was rejected: the field and a reason a site admin can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The offending field (`record` when the line is not an object at all).
    pub field: String,
    /// What is wrong and what is expected.
    pub reason: String,
}

impl FieldError {
    /// A new error for `field`.
    pub fn new(field: &str, reason: impl Into<String>) -> Self {
        FieldError { field: field.to_string(), reason: reason.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field `{}`: {}", self.field, self.reason)
    }
}

/// Parses a date given as `YYYY-MM-DD` or RFC 3339 (the date part in its own offset is kept).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    DateTime::parse_from_rfc3339(t).ok().map(|dt| dt.date_naive())
}

fn string_field(obj: &Map<String, Value>, field: &str, required: bool) -> Result<Option<String>, FieldError> {
    match obj.get(field) {
        None | Some(Value::Null) if required => Err(FieldError::new(field, "is required but missing")),
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                if required {
                    Err(FieldError::new(field, "is required but empty"))
                } else {
                    Ok(None)
                }
            } else {
                Ok(Some(s.to_string()))
            }
        }
        Some(Value::Number(n)) if field == "id" || field == "region_code" || field == "project_code" => {
            Ok(Some(n.to_string()))
        }
        Some(other) => Err(FieldError::new(field, format!("must be a string, found {}", json_kind(other)))),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn date_field(obj: &Map<String, Value>, field: &str, required: bool) -> Result<Option<NaiveDate>, FieldError> {
    match string_field(obj, field, required)? {
        None => Ok(None),
        Some(s) => match parse_date(&s) {
            Some(d) => Ok(Some(d)),
            None => Err(FieldError::new(field, format!("`{s}` is not a date: use YYYY-MM-DD or RFC 3339"))),
        },
    }
}

impl Record {
    /// Validates a loosely typed JSON object into a record, naming the first bad field.
    pub fn from_json(value: &Value) -> Result<Record, FieldError> {
        let Value::Object(obj) = value else {
            return Err(FieldError::new("record", format!("must be a JSON object, found {}", json_kind(value))));
        };
        let id = string_field(obj, "id", true)?.unwrap_or_default();
        if id.chars().count() > 200 {
            return Err(FieldError::new("id", "is longer than 200 characters"));
        }
        let title = string_field(obj, "title", true)?.unwrap_or_default();
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(FieldError::new("title", format!("is longer than {MAX_TITLE_CHARS} characters")));
        }
        let body = string_field(obj, "body", false)?.unwrap_or_default();
        let body = if looks_like_html(&body) { html_to_text(&body) } else { body };
        if body.len() > MAX_BODY_BYTES {
            return Err(FieldError::new("body", format!("is larger than {} MiB", MAX_BODY_BYTES / 1024 / 1024)));
        }
        let domain_text = string_field(obj, "domain", true)?.unwrap_or_default();
        let domain = Domain::from_code(&domain_text).ok_or_else(|| {
            let all: Vec<&str> = Domain::ALL.iter().map(|d| d.code()).collect();
            FieldError::new("domain", format!("`{domain_text}` is not a domain; expected one of {}", all.join(", ")))
        })?;
        let catalog_item = match string_field(obj, "catalog_item", false)? {
            None => None,
            Some(code) => {
                let item = catalog::item(&code).ok_or_else(|| {
                    FieldError::new(
                        "catalog_item",
                        format!("`{code}` is not a catalog item; expected T01–T27 or H01–H18"),
                    )
                })?;
                if item.domain != domain {
                    return Err(FieldError::new(
                        "catalog_item",
                        format!(
                            "`{}` ({}) belongs to domain `{}`, but the record's domain is `{}`",
                            item.code,
                            item.content,
                            item.domain.code(),
                            domain.code()
                        ),
                    ));
                }
                Some(item.code.to_string())
            }
        };
        let region_code = string_field(obj, "region_code", true)?.unwrap_or_default();
        if let Some(reason) = regions::why_not_a_division(&region_code) {
            return Err(FieldError::new("region_code", reason));
        }
        let url = string_field(obj, "url", false)?;
        if let Some(u) = &url {
            let lower = u.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(FieldError::new("url", format!("`{u}` is not an http(s) link")));
            }
        }
        let published_at = date_field(obj, "published_at", true)?.unwrap_or_default();
        let formed_at = date_field(obj, "formed_at", false)?;
        if let Some(f) = formed_at {
            if f > published_at {
                return Err(FieldError::new(
                    "formed_at",
                    format!(
                        "{f} is after published_at {published_at}: information cannot be published before it is formed"
                    ),
                ));
            }
        }
        let amount_yuan = match obj.get("amount_yuan") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(
                s.trim()
                    .replace(',', "")
                    .parse::<f64>()
                    .map_err(|_| FieldError::new("amount_yuan", format!("`{s}` is not a number of yuan")))?,
            ),
            Some(other) => {
                return Err(FieldError::new("amount_yuan", format!("must be a number, found {}", json_kind(other))))
            }
        };
        if let Some(a) = amount_yuan {
            if !a.is_finite() || a < 0.0 {
                return Err(FieldError::new("amount_yuan", format!("{a} is not a non-negative amount")));
            }
        }
        let entities = match obj.get("entities") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Value::String(_) => {}
                        other => {
                            return Err(FieldError::new(
                                "entities",
                                format!("item {i} must be a string, found {}", json_kind(other)),
                            ))
                        }
                    }
                }
                out
            }
            Some(Value::String(s)) => split_entities(s),
            Some(other) => {
                return Err(FieldError::new(
                    "entities",
                    format!("must be an array of strings, found {}", json_kind(other)),
                ))
            }
        };
        Ok(Record {
            id,
            title,
            body,
            domain,
            catalog_item,
            region_code,
            publisher: string_field(obj, "publisher", false)?,
            source: string_field(obj, "source", false)?,
            url,
            published_at,
            formed_at,
            project_code: string_field(obj, "project_code", false)?,
            amount_yuan,
            entities,
        })
    }

    /// The region code as a number (validated at construction).
    pub fn region(&self) -> u32 {
        self.region_code.parse().unwrap_or(0)
    }
}

/// Splits the CSV form of `entities` (`;`-separated, full-width `；` too).
pub fn split_entities(s: &str) -> Vec<String> {
    s.split([';', '；']).map(str::trim).filter(|e| !e.is_empty()).map(str::to_string).collect()
}

/// Whether a body looks like HTML rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('<') && t.contains('>') || s.contains("</p>") || s.contains("<br")
}

/// Reduces HTML to plain text: drops tags, `<script>`/`<style>` contents and comments, decodes
/// the common entities, and turns block ends into line breaks.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map(|e| &rest[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = rest[1..gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[gt + 1..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).and_then(|i| rest[i..].find('>').map(|g| &rest[i + g + 1..])).unwrap_or("");
            continue;
        }
        if matches!(name.as_str(), "p" | "br" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "table" | "section") {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    // Collapse runs of blank lines and trailing spaces.
    let mut text = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    text
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good() -> Value {
        json!({
            "id": "JSZC-320115-2026-00942-zb",
            "title": "南京市江宁区人民医院医疗设备采购项目公开招标公告",
            "body": "<p>项目编号：JSZC-320115-2026-00942</p><p>预算金额：3,860,000元&nbsp;</p>",
            "domain": "procurement",
            "catalog_item": "T15",
            "region_code": "320115",
            "published_at": "2026-03-18",
            "formed_at": "2026-03-10T09:00:00+08:00",
            "amount_yuan": "3860000",
            "entities": ["江苏省鑫源招标代理有限公司"]
        })
    }

    #[test]
    fn a_good_record_validates_and_html_is_reduced() {
        let r = Record::from_json(&good()).unwrap();
        assert_eq!(r.body, "项目编号：JSZC-320115-2026-00942\n预算金额：3,860,000元");
        assert_eq!(r.formed_at, NaiveDate::from_ymd_opt(2026, 3, 10));
        assert_eq!(r.amount_yuan, Some(3_860_000.0));
        assert_eq!(r.region(), 320115);
    }

    #[test]
    fn each_bad_field_is_named_with_a_reason() {
        let cases: Vec<(&str, Value, &str)> = vec![
            ("id", Value::Null, "required"),
            ("title", json!("  "), "empty"),
            ("domain", json!("土地"), "not a domain"),
            ("catalog_item", json!("T09"), "belongs to domain `land`"),
            ("catalog_item", json!("X01"), "not a catalog item"),
            ("region_code", json!("360101"), "市辖区 grouping"),
            ("region_code", json!("3601"), "six digits"),
            ("published_at", json!("2026/03/18"), "not a date"),
            ("formed_at", json!("2026-04-01"), "after published_at"),
            ("amount_yuan", json!("三百万"), "not a number"),
            ("entities", json!([1]), "item 0"),
            ("url", json!("javascript:alert(1)"), "not an http(s) link"),
        ];
        for (field, value, reason) in cases {
            let mut rec = good();
            rec[field] = value;
            let err = Record::from_json(&rec).unwrap_err();
            assert_eq!(err.field, field);
            assert!(err.reason.contains(reason), "{field}: {}", err.reason);
        }
        assert_eq!(Record::from_json(&json!([1, 2])).unwrap_err().field, "record");
    }

    #[test]
    fn html_scripts_comments_and_entities() {
        let t = html_to_text("<div>公告<script>var a='<p>';</script><!-- x -->&lt;正文&gt;&#x4E00;</div>");
        assert_eq!(t, "公告<正文>一");
    }
}
