//! The two disclosure catalogs of 苏政办发〔2018〕50号 (附件1: T01–T27, 附件2: H01–H18).
//!
//! The catalog is data (`core/data/catalog.tsv`), parsed once and checked by tests against the
//! seed: 27 + 18 items, each with its domain and its disclosure time limit.

use crate::data::{loaded, DataError, Tsv};
use crate::domain::Domain;
use std::sync::OnceLock;

/// How long after the information is formed or changed it must be online (公开时效).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLimit {
    /// 20 working days: the general rule of the 政府信息公开条例.
    Standard,
    /// 7 working days: administrative permits and penalties (行政许可、行政处罚).
    Decision,
}

impl TimeLimit {
    /// The limit in working days.
    pub fn working_days(self) -> u32 {
        match self {
            TimeLimit::Standard => 20,
            TimeLimit::Decision => 7,
        }
    }
}

/// One item of a disclosure catalog.
#[derive(Debug, Clone)]
pub struct CatalogItem {
    /// `T01`–`T27` (附件1) or `H01`–`H18` (附件2).
    pub code: &'static str,
    /// 1 for 附件1 (公共资源交易领域), 2 for 附件2 (住房保障领域).
    pub annex: u8,
    /// 序号 within its annex.
    pub number: u8,
    /// The domain every record of this item must belong to.
    pub domain: Domain,
    /// The disclosure time limit for this item.
    pub limit: TimeLimit,
    /// 信息类别.
    pub category: &'static str,
    /// The second-level category of 附件2 (e.g. 年度建设计划信息); empty in 附件1.
    pub subcategory: &'static str,
    /// 信息内容.
    pub content: &'static str,
    /// 公开属性 (all items are 主动公开).
    pub attribute: &'static str,
    /// 公开主体: who must publish it.
    pub publisher: &'static str,
}

impl CatalogItem {
    /// A label for display: content, with the subcategory where it helps.
    pub fn label(&self) -> String {
        if self.subcategory.is_empty() {
            self.content.to_string()
        } else {
            format!("{}·{}", self.subcategory, self.content)
        }
    }

    /// Ordinal stored as a fast field: 1..=27 for T items, 101..=118 for H items.
    pub fn ordinal(&self) -> u64 {
        (self.annex as u64 - 1) * 100 + self.number as u64
    }
}

const FILE: Tsv = Tsv::new("catalog.tsv", include_str!("../data/catalog.tsv"), 10);

/// All 45 catalog items, in catalog order.
pub fn items() -> &'static [CatalogItem] {
    static ITEMS: OnceLock<Vec<CatalogItem>> = OnceLock::new();
    ITEMS.get_or_init(|| loaded(load()))
}

pub(crate) fn load() -> Result<Vec<CatalogItem>, DataError> {
    FILE.rows()?
        .iter()
        .map(|row| {
            Ok(CatalogItem {
                code: row.required(0, "code")?,
                annex: row.parse(1, "annex")?,
                number: row.parse(2, "number")?,
                domain: row.lookup(3, "domain", "a domain code (land, procurement, …)", Domain::from_code)?,
                limit: row.lookup(4, "limit", "`decision` or `standard`", |v| match v {
                    "decision" => Some(TimeLimit::Decision),
                    "standard" => Some(TimeLimit::Standard),
                    _ => None,
                })?,
                category: row.required(5, "category")?,
                subcategory: row.text(6),
                content: row.required(7, "content")?,
                attribute: row.text(8),
                publisher: row.required(9, "publisher")?,
            })
        })
        .collect()
}

/// Looks up an item by code (`T04`, `H18`); case-insensitive.
pub fn item(code: &str) -> Option<&'static CatalogItem> {
    items().iter().find(|i| i.code.eq_ignore_ascii_case(code))
}

/// Looks up an item by its fast-field ordinal.
pub fn item_by_ordinal(ord: u64) -> Option<&'static CatalogItem> {
    items().iter().find(|i| i.ordinal() == ord)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogs_have_27_and_18_items_with_domains() {
        let annex1 = items().iter().filter(|i| i.annex == 1).count();
        let annex2 = items().iter().filter(|i| i.annex == 2).count();
        assert_eq!((annex1, annex2), (27, 18));
        assert_eq!(item("t04").unwrap().domain, Domain::Construction);
        assert_eq!(item("T09").unwrap().content, "出让公告、成交公示以及供应结果");
        assert_eq!(item("H04").unwrap().subcategory, "年度建设计划信息");
        assert!(items().iter().filter(|i| i.annex == 2).all(|i| i.domain == Domain::Housing));
        assert_eq!(item("T19").unwrap().limit.working_days(), 7);
        assert_eq!(item("T18").unwrap().limit.working_days(), 20);
        assert!(item("T28").is_none());
        for it in items() {
            assert!(!it.publisher.is_empty() && !it.content.is_empty(), "{}", it.code);
            assert_eq!(item_by_ordinal(it.ordinal()).unwrap().code, it.code);
        }
    }
}
