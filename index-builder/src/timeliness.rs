//! 公开时效 for `report.json`: the rule lives in [`gongkai_core::timeliness`] (shared with the
//! index's fast fields and the edge's `late` marker); this turns its verdict into a report row.

use crate::report::Late;
pub use gongkai_core::timeliness::{assess, limit_for};
use gongkai_core::Record;

/// The record's lateness, if it was published after its limit.
pub fn check(record: &Record) -> Option<Late> {
    let t = gongkai_core::timeliness::late(record)?;
    Some(Late {
        id: record.id.clone(),
        working_days: t.working_days,
        limit: t.limit,
        formed_at: record.formed_at.map(|d| d.to_string()).unwrap_or_default(),
        published_at: record.published_at.to_string(),
        catalog_item: record.catalog_item.clone(),
        publisher: record.publisher.clone(),
        calendar_exact: t.calendar_exact,
    })
}
