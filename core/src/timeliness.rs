//! 公开时效: information must be online within 20 working days of being formed or changed, and
//! administrative permits and penalties within 7 (苏政办发〔2018〕50号 二(八)).
//!
//! One rule for the builder's `report.json`, the fast fields of the index (see
//! [`crate::schema`]) and the `late` marker of every hit.

use crate::catalog::{self, TimeLimit};
use crate::{calendar, Record};

/// Words in a title that make a record an administrative permit or penalty decision when its
/// catalog item does not say.
const DECISION_WORDS: [&str; 3] = ["行政处罚", "行政许可", "处罚决定"];

/// The limit that applies to a record: its catalog item's, else 7 working days when the title
/// says it is an administrative permit or penalty decision, else 20.
pub fn limit_for(record: &Record) -> TimeLimit {
    if let Some(item) = record.catalog_item.as_deref().and_then(catalog::item) {
        return item.limit;
    }
    if DECISION_WORDS.iter().any(|w| record.title.contains(w)) {
        TimeLimit::Decision
    } else {
        TimeLimit::Standard
    }
}

/// How long a record took to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeliness {
    /// Working days from `formed_at` to `published_at` ([`calendar::working_days_between`]).
    pub working_days: u32,
    /// The limit that applies: 20, or 7 for administrative permits and penalties.
    pub limit: u32,
    /// Whether both dates lie in years the working-day calendar knows (else weekends only).
    pub calendar_exact: bool,
}

impl Timeliness {
    /// Whether the record was published after its limit.
    pub fn is_late(&self) -> bool {
        self.working_days > self.limit
    }
}

/// The record's timeliness; `None` when it has no `formed_at`.
pub fn assess(record: &Record) -> Option<Timeliness> {
    let formed = record.formed_at?;
    Some(Timeliness {
        working_days: calendar::working_days_between(formed, record.published_at),
        limit: limit_for(record).working_days(),
        calendar_exact: calendar::covers(formed) && calendar::covers(record.published_at),
    })
}

/// The record's timeliness if it was published late.
pub fn late(record: &Record) -> Option<Timeliness> {
    assess(record).filter(Timeliness::is_late)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(item: Option<&str>, title: &str, formed: &str, published: &str) -> Record {
        let mut v = json!({
            "id": "x", "title": title, "domain": "construction",
            "region_code": "320115", "formed_at": formed, "published_at": published
        });
        if let Some(item) = item {
            v["catalog_item"] = json!(item);
        }
        Record::from_json(&v).unwrap()
    }

    const PENALTY: &str = "关于对南京某建设工程有限公司的行政处罚决定";

    #[test]
    fn penalties_have_seven_working_days_across_holidays() {
        // Formed the Friday before National Day 2024 (10-01..10-07 off, 09-29 and 10-12 make-up
        // working days): 09-29, 10-08..10-12, 10-14, 10-15 = 9 working days.
        let late = late(&record(Some("T07"), PENALTY, "2024-09-27", "2024-10-15")).unwrap();
        assert_eq!((late.working_days, late.limit, late.calendar_exact), (9, 7, true));
        // The same dates are on time for a tender notice (20 days).
        assert!(super::late(&record(Some("T04"), "招标公告", "2024-09-27", "2024-10-15")).is_none());
        // 27 calendar days but only 16 working days (9, then 10-16..10-18 and 10-21..10-24).
        assert_eq!(assess(&record(Some("T04"), "招标公告", "2024-09-27", "2024-10-24")).unwrap().working_days, 16);
        assert!(super::late(&record(Some("T04"), "招标公告", "2024-09-27", "2024-10-24")).is_none());
    }

    #[test]
    fn the_title_decides_when_there_is_no_catalog_item() {
        assert_eq!(limit_for(&record(None, PENALTY, "2025-03-03", "2025-03-04")), TimeLimit::Decision);
        assert_eq!(limit_for(&record(None, "中标结果公告", "2025-03-03", "2025-03-04")), TimeLimit::Standard);
        // The catalog item wins over the wording (T04 is 20 days whatever the title says).
        assert_eq!(limit_for(&record(Some("T04"), PENALTY, "2025-03-03", "2025-03-04")), TimeLimit::Standard);
        // No formed_at, nothing to judge.
        let mut r = record(None, PENALTY, "2025-03-03", "2025-03-04");
        r.formed_at = None;
        assert!(assess(&r).is_none());
    }

    #[test]
    fn outside_the_known_years_only_weekends_count() {
        let t = assess(&record(None, "招标公告", "2017-09-29", "2017-10-16")).unwrap();
        assert!(!t.calendar_exact);
        assert_eq!(t.working_days, 11);
    }
}
