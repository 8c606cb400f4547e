//! 公开时效: information must be online within 20 working days of being formed or changed, and
//! administrative permits and penalties within 7 (苏政办发〔2018〕50号 二(八)).

use crate::report::Late;
use gongkai_core::catalog::{self, TimeLimit};
use gongkai_core::{calendar, Record};

/// The limit that applies to a record: its catalog item's, else 7 working days when the title
/// says it is an administrative permit or penalty decision, else 20.
pub fn limit_for(record: &Record) -> TimeLimit {
    if let Some(item) = record.catalog_item.as_deref().and_then(catalog::item) {
        return item.limit;
    }
    if ["行政处罚", "行政许可", "处罚决定"].iter().any(|w| record.title.contains(w)) {
        TimeLimit::Decision
    } else {
        TimeLimit::Standard
    }
}

/// The record's lateness, if it was published after its limit.
pub fn check(record: &Record) -> Option<Late> {
    let formed = record.formed_at?;
    let working_days = calendar::working_days_between(formed, record.published_at);
    let limit = limit_for(record).working_days();
    (working_days > limit).then(|| Late {
        id: record.id.clone(),
        working_days,
        limit,
        formed_at: formed.to_string(),
        published_at: record.published_at.to_string(),
        catalog_item: record.catalog_item.clone(),
        publisher: record.publisher.clone(),
        calendar_exact: calendar::covers(formed) && calendar::covers(record.published_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(item: &str, domain: &str, formed: &str, published: &str) -> Record {
        Record::from_json(&json!({
            "id": "x", "title": "关于对南京某建设工程有限公司的行政处罚决定", "domain": domain,
            "catalog_item": item, "region_code": "320115", "formed_at": formed, "published_at": published
        }))
        .unwrap()
    }

    #[test]
    fn penalties_have_seven_working_days_across_holidays() {
        // Formed the Friday before National Day 2024; 9 working days to 2024-10-15.
        let late = check(&record("T07", "construction", "2024-09-27", "2024-10-15")).unwrap();
        assert_eq!((late.working_days, late.limit), (9, 7));
        // The same dates are on time for a tender notice (20 days).
        assert!(check(&record("T04", "construction", "2024-09-27", "2024-10-15")).is_none());
        // 18 calendar days but only 9 working days: counting calendar days would be wrong.
        assert!(check(&record("T04", "construction", "2024-09-27", "2024-10-24")).is_none());
        assert_eq!(check(&record("T04", "construction", "2024-09-01", "2024-10-24")).unwrap().limit, 20);
    }
}
