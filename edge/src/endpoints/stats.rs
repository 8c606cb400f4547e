//! `GET /v1/stats/timeliness?group=publisher|domain|region`: 公开时效 per publisher, domain or
//! region, worst first, from the fast fields the builder wrote for every record (working days
//! from `formed_at` to `published_at`, the limit that applies): no document is loaded.

use super::scan::{segments, terms_of, TermsByDoc};
use crate::engine::Engine;
use crate::http::headers::cacheable;
use crate::http::{error, json_response, param_error, Outcome, Request};
use crate::search::{Filter, ParamError, SearchParams};
use gongkai_core::schema::names;
use gongkai_core::{regions, Domain};
use serde_json::{json, Value};
use std::collections::HashMap;

/// How many of the worst delays each row names.
pub const WORST_PER_ROW: usize = 3;

/// What the rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// 公开主体 as written (`unknown` when a record names none).
    Publisher,
    /// The record's domain.
    Domain,
    /// The record's own division (a county, a city or the province).
    Region,
}

impl Group {
    fn parse(value: Option<&str>) -> Result<Group, ParamError> {
        match value.map(str::trim) {
            Some("publisher") => Ok(Group::Publisher),
            Some("domain") => Ok(Group::Domain),
            Some("region") => Ok(Group::Region),
            other => Err(ParamError {
                param: "group",
                message: match other {
                    None | Some("") => "is required: publisher, domain or region".into(),
                    Some(v) => format!("`{v}` is not publisher, domain or region"),
                },
            }),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Group::Publisher => "publisher",
            Group::Domain => "domain",
            Group::Region => "region",
        }
    }
}

/// One late record: how late, for the worst-delay lists.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Delay {
    working_days: u64,
    limit: u64,
    id: String,
}

impl Delay {
    /// Worst first: most days over the limit, then most days, then id.
    fn order(&self, other: &Delay) -> std::cmp::Ordering {
        (other.working_days - other.limit)
            .cmp(&(self.working_days - self.limit))
            .then(other.working_days.cmp(&self.working_days))
            .then(self.id.cmp(&other.id))
    }
}

#[derive(Debug, Default)]
struct Tally {
    records: u64,
    /// Records with a `formed_at`, whose timeliness is known.
    assessed: u64,
    late: u64,
    worst: Vec<Delay>,
}

impl Tally {
    fn add(&mut self, working_days: Option<u64>, limit: u64, id: impl FnOnce() -> String) {
        self.records += 1;
        let Some(days) = working_days else { return };
        self.assessed += 1;
        if days <= limit {
            return;
        }
        self.late += 1;
        let delay = Delay { working_days: days, limit, id: id() };
        self.worst.push(delay);
        self.worst.sort_by(Delay::order);
        self.worst.truncate(WORST_PER_ROW);
    }

    fn on_time_share(&self) -> Option<f64> {
        (self.assessed > 0).then(|| ((self.assessed - self.late) as f64 / self.assessed as f64 * 1e4).round() / 1e4)
    }

    fn json(&self, key: &str, label: String) -> Value {
        json!({
            "key": key,
            "label": label,
            "records": self.records,
            "assessed": self.assessed,
            "late": self.late,
            "on_time_share": self.on_time_share(),
            "worst": self.worst.iter().map(|d| json!({"id": d.id, "working_days": d.working_days, "limit": d.limit})).collect::<Vec<_>>(),
        })
    }
}

/// Answers `/v1/stats/timeliness`.
pub fn timeliness_route(engine: &Engine, req: &Request) -> Outcome {
    let pairs = req.pairs();
    let get = |k: &str| pairs.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let group = match Group::parse(get("group")) {
        Ok(g) => g,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    let params = match SearchParams::parse_filters(&pairs) {
        Ok(p) => p,
        Err(e) => return Outcome::Done(param_error(e)),
    };
    match timeliness(engine, group, &Filter::new(&params)) {
        Ok(body) => Outcome::Done(cacheable(engine, req, json_response(200, &body))),
        Err(e) => Outcome::Done(error(500, "stats_failed", format!("the statistics failed: {e}"))),
    }
}

/// The `/v1/stats/timeliness` answer: rows worst first (lowest on-time share, then most late
/// records), rows with nothing to judge last.
pub fn timeliness(engine: &Engine, group: Group, filter: &Filter) -> tantivy::Result<Value> {
    let searcher = engine.reader.searcher();
    let mut rows: HashMap<String, Tally> = HashMap::new();
    let mut total = Tally::default();
    for seg in segments(&searcher)? {
        let days = seg.reader.fast_fields().u64(names::WORKING_DAYS)?;
        let limits = seg.reader.fast_fields().u64(names::TIME_LIMIT)?;
        // The ids of this segment's late records (the worst-delay lists name them; ties are
        // broken by id), from the postings.
        let late: std::collections::HashSet<tantivy::DocId> = seg
            .docs(filter)
            .filter(|&doc| days.first(doc).is_some_and(|d| d > limits.first(doc).unwrap_or(20)))
            .collect();
        let ids = terms_of(seg.reader, engine.fields.id, &late)?;
        let publishers = match group {
            Group::Publisher => Some(TermsByDoc::read(seg.reader, engine.fields.publisher_key)?),
            _ => None,
        };
        for doc in seg.docs(filter) {
            let key = match group {
                Group::Domain => Domain::from_ordinal(seg.domain.first(doc).unwrap_or(0))
                    .map(|d| d.code().to_string())
                    .unwrap_or_default(),
                Group::Region => seg.region.first(doc).unwrap_or(0).to_string(),
                Group::Publisher => publishers.as_ref().and_then(|p| p.get(doc)).unwrap_or("unknown").to_string(),
            };
            let working_days = days.first(doc);
            let limit = limits.first(doc).unwrap_or(20);
            let id = || ids.get(&doc).cloned().unwrap_or_default();
            total.add(working_days, limit, id);
            rows.entry(key).or_default().add(working_days, limit, id);
        }
    }
    let mut rows: Vec<(String, Tally)> = rows.into_iter().collect();
    rows.sort_by(|(ka, a), (kb, b)| {
        let share = |t: &Tally| t.on_time_share().unwrap_or(f64::INFINITY);
        share(a).total_cmp(&share(b)).then(b.late.cmp(&a.late)).then(b.records.cmp(&a.records)).then(ka.cmp(kb))
    });
    let label = |key: &str| match group {
        Group::Publisher => {
            if key == "unknown" {
                "未注明公开主体".to_string()
            } else {
                key.to_string()
            }
        }
        Group::Domain => Domain::from_code(key).map(|d| d.label_zh().to_string()).unwrap_or_default(),
        Group::Region => key.parse().map(regions::display_name).unwrap_or_default(),
    };
    let total_json = total.json("all", "全部".to_string());
    Ok(json!({
        "group": group.name(),
        "total": total_json,
        "rows": rows.iter().map(|(k, t)| t.json(k, label(k))).collect::<Vec<_>>(),
    }))
}
