//! The eight domains of public resource allocation named in the contract.

use serde::{Deserialize, Serialize};

/// A domain of public resource allocation (公共资源配置领域).
///
/// The `snake_case` code is what records carry in their `domain` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// 住房保障
    Housing,
    /// 国有土地使用权出让
    Land,
    /// 矿业权出让
    Mining,
    /// 政府采购
    Procurement,
    /// 国有产权交易
    StateAssets,
    /// 工程建设项目招标投标
    Construction,
    /// 药品和医用耗材采购
    Medical,
    /// 目录与政策
    General,
}

impl Domain {
    /// Every domain, in a stable order (the order of the fast-field ordinal).
    pub const ALL: [Domain; 8] = [
        Domain::Housing,
        Domain::Land,
        Domain::Mining,
        Domain::Procurement,
        Domain::StateAssets,
        Domain::Construction,
        Domain::Medical,
        Domain::General,
    ];

    /// The code used in records and in the HTTP API, e.g. `state_assets`.
    pub fn code(self) -> &'static str {
        match self {
            Domain::Housing => "housing",
            Domain::Land => "land",
            Domain::Mining => "mining",
            Domain::Procurement => "procurement",
            Domain::StateAssets => "state_assets",
            Domain::Construction => "construction",
            Domain::Medical => "medical",
            Domain::General => "general",
        }
    }

    /// The Chinese name of the domain, as the seed document writes it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Domain::Housing => "住房保障",
            Domain::Land => "国有土地使用权出让",
            Domain::Mining => "矿业权出让",
            Domain::Procurement => "政府采购",
            Domain::StateAssets => "国有产权交易",
            Domain::Construction => "工程建设项目招标投标",
            Domain::Medical => "药品和医用耗材采购",
            Domain::General => "目录与政策",
        }
    }

    /// A short English label, for the widget's `en` language.
    pub fn label_en(self) -> &'static str {
        match self {
            Domain::Housing => "Social housing",
            Domain::Land => "State land use rights",
            Domain::Mining => "Mining rights",
            Domain::Procurement => "Government procurement",
            Domain::StateAssets => "State asset trading",
            Domain::Construction => "Construction bidding",
            Domain::Medical => "Drugs and medical consumables",
            Domain::General => "Catalogs and policy",
        }
    }

    /// Parses a domain code; `None` for anything not in the contract.
    pub fn from_code(code: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The position of this domain in [`Domain::ALL`], stored as a fast field.
    pub fn ordinal(self) -> u64 {
        Domain::ALL.iter().position(|d| *d == self).unwrap_or(0) as u64
    }

    /// The inverse of [`Domain::ordinal`].
    pub fn from_ordinal(ord: u64) -> Option<Domain> {
        Domain::ALL.get(ord as usize).copied()
    }
}

impl std::fmt::Display for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for d in Domain::ALL {
            assert_eq!(Domain::from_code(d.code()), Some(d));
            assert_eq!(Domain::from_ordinal(d.ordinal()), Some(d));
        }
        assert_eq!(Domain::from_code("Land"), None);
        assert_eq!(Domain::from_code("土地"), None);
    }
}
