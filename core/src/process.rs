//! Where a record stands in the life of a transaction (招标/采购/出让公告 → 资格审查 → 中标候选人
//! → 中标(成交)结果 → 合同 → 履约/验收/变更), from its title's wording and its catalog item, and
//! what it says about the parties it names (bid, candidate, winner, contract, reward, penalty,
//! blacklist).

use crate::analysis;
use crate::Record;

/// A stage of a project, in process order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// 招标公告, 采购公告, 出让公告, 转让公告, 采购意向.
    Notice,
    /// 资格审查, 资格预审, 资质审核.
    Qualification,
    /// 中标候选人公示.
    Candidates,
    /// 中标(成交)结果, 成交公示, 中选结果.
    Result,
    /// 合同公告, 合同订立.
    Contract,
    /// 履约, 验收, 变更, 更正, 废标, 终止.
    Performance,
    /// Anything else (plans, policies, credit records that quote the code).
    Other,
}

/// Title words per stage, checked in this order (a 履约验收结果公告 is 履约, not a result; a
/// 资质审核结果 is a qualification).
const STAGE_WORDS: [(Stage, &[&str]); 5] = [
    (Stage::Performance, &["履约", "验收", "变更", "更正", "废标", "终止", "澄清", "流标"]),
    (Stage::Qualification, &["资格审查", "资格预审", "预审", "资质审核"]),
    (Stage::Candidates, &["候选人"]),
    (Stage::Contract, &["合同"]),
    (Stage::Result, &["结果", "成交公示", "成交公告", "中标公告", "中选", "成交确认"]),
];

/// Words of a notice that opens a transaction.
const NOTICE_WORDS: [&str; 9] =
    ["招标公告", "采购公告", "出让公告", "转让公告", "意向", "磋商公告", "询价公告", "谈判公告", "公告"];

impl Stage {
    /// Every stage in process order.
    pub const ALL: [Stage; 7] = [
        Stage::Notice,
        Stage::Qualification,
        Stage::Candidates,
        Stage::Result,
        Stage::Contract,
        Stage::Performance,
        Stage::Other,
    ];

    /// The stage's code in the API.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Notice => "notice",
            Stage::Qualification => "qualification",
            Stage::Candidates => "candidates",
            Stage::Result => "result",
            Stage::Contract => "contract",
            Stage::Performance => "performance",
            Stage::Other => "other",
        }
    }

    /// The stage's Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::Notice => "招标/采购/出让公告",
            Stage::Qualification => "资格审查",
            Stage::Candidates => "中标候选人",
            Stage::Result => "中标(成交)结果",
            Stage::Contract => "合同",
            Stage::Performance => "履约/验收/变更",
            Stage::Other => "其他",
        }
    }
}

/// The stage of a record: from its title's wording, else its catalog item.
pub fn stage(record: &Record) -> Stage {
    let title = analysis::normalize(&record.title);
    for (stage, words) in STAGE_WORDS {
        if words.iter().any(|w| title.contains(w)) {
            return stage;
        }
    }
    let item = record.catalog_item.as_deref().unwrap_or("");
    match item {
        "T05" | "T16" => Stage::Contract,
        "T10" | "T13" => Stage::Performance,
        "T04" | "T09" | "T12" | "T15" | "T22" | "T25" if NOTICE_WORDS.iter().any(|w| title.contains(w)) => {
            Stage::Notice
        }
        _ if ["招标", "采购", "出让", "转让"].iter().any(|w| title.contains(w)) && title.contains("公告") => {
            Stage::Notice
        }
        _ => Stage::Other,
    }
}

/// What a record says about the parties it names, for `/v1/entity`'s summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Took part in a tender, sale or qualification.
    Bid,
    /// Named a 中标候选人.
    Candidate,
    /// Won (中标, 成交, 竞得).
    Win,
    /// Signed the contract.
    Contract,
    /// Credit reward (守信激励, 表彰).
    Reward,
    /// Penalty or bad-conduct record (行政处罚, 失信行为记录).
    Penalty,
    /// Put on a blacklist (黑名单, 严重失信名单, 不良行为记录名单).
    Blacklist,
    /// Taken off a blacklist (移出, 信用修复).
    Delisted,
    /// Anything else.
    Other,
}

impl Role {
    /// Every role, in the order the summary lists them.
    pub const ALL: [Role; 9] = [
        Role::Bid,
        Role::Candidate,
        Role::Win,
        Role::Contract,
        Role::Reward,
        Role::Penalty,
        Role::Blacklist,
        Role::Delisted,
        Role::Other,
    ];

    /// The role's code in the API (and the summary's counter names).
    pub fn code(self) -> &'static str {
        match self {
            Role::Bid => "bids",
            Role::Candidate => "candidate",
            Role::Win => "win",
            Role::Contract => "contract",
            Role::Reward => "reward",
            Role::Penalty => "penalty",
            Role::Blacklist => "blacklist",
            Role::Delisted => "delisted",
            Role::Other => "other",
        }
    }

    /// The fast-field value (1-based position in [`Role::ALL`]).
    pub fn ordinal(self) -> u64 {
        Role::ALL.iter().position(|r| *r == self).map(|p| p as u64 + 1).unwrap_or(0)
    }

    /// The inverse of [`Role::ordinal`].
    pub fn from_ordinal(ordinal: u64) -> Option<Role> {
        ordinal.checked_sub(1).and_then(|i| Role::ALL.get(i as usize).copied())
    }
}

/// The role of the parties a record names: credit wording first (黑名单, 信用修复, 守信激励,
/// 处罚), then the record's [`stage`].
pub fn role(record: &Record) -> Role {
    let title = analysis::normalize(&record.title);
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    let item = record.catalog_item.as_deref().unwrap_or("");
    if has(&["移出", "信用修复", "撤销黑名单"]) {
        return Role::Delisted;
    }
    if has(&["黑名单", "严重违法失信", "严重失信", "不良行为记录名单", "失信联合惩戒对象"])
    {
        return Role::Blacklist;
    }
    if has(&["守信", "激励", "表彰", "红名单"]) {
        return Role::Reward;
    }
    if has(&["行政处罚", "处罚决定", "失信行为", "违法违规", "失信等级"])
        || matches!(item, "T07" | "T19" | "T24" | "T27")
    {
        return Role::Penalty;
    }
    match stage(record) {
        Stage::Notice | Stage::Qualification => Role::Bid,
        Stage::Candidates => Role::Candidate,
        Stage::Result => Role::Win,
        Stage::Contract => Role::Contract,
        Stage::Performance | Stage::Other => Role::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stage_of(title: &str, item: Option<&str>, domain: &str) -> Stage {
        let mut v =
            json!({"id": "x", "title": title, "domain": domain, "region_code": "320115", "published_at": "2025-06-03"});
        if let Some(i) = item {
            v["catalog_item"] = json!(i);
        }
        stage(&Record::from_json(&v).unwrap())
    }

    #[test]
    fn real_titles_fall_in_their_stage() {
        use Stage::*;
        let cases = [
            ("南京市江宁区人民医院医疗设备采购项目公开招标公告", Some("T15"), "procurement", Notice),
            ("[东湖区]滕王阁景区南扩配套项目设计项目中标候选人公示[中标候选人公示]", None, "construction", Candidates),
            ("苏州市吴中区道路改造工程施工中标结果公告", Some("T04"), "construction", Result),
            ("南通市教育装备采购项目中标（成交）结果公告", Some("T15"), "procurement", Result),
            ("宜兴市2025-G12号地块国有建设用地使用权挂牌出让成交公示", Some("T09"), "land", Result),
            ("宜兴市国有建设用地使用权挂牌出让公告", Some("T09"), "land", Notice),
            ("南京市政务服务中心物业管理服务项目政府采购合同公告", Some("T16"), "procurement", Contract),
            ("江宁区学校食堂食材配送项目履约验收结果公告", Some("T16"), "procurement", Performance),
            ("常州市第一人民医院信息化建设项目更正公告", Some("T15"), "procurement", Performance),
            ("徐州市城区排水管网改造工程资格预审公告", Some("T04"), "construction", Qualification),
            ("盐城市2025年度城镇保障性安居工程建设计划", Some("H02"), "housing", Other),
        ];
        for (title, item, domain, expected) in cases {
            assert_eq!(stage_of(title, item, domain), expected, "{title}");
        }
        assert!(Stage::Notice < Stage::Candidates && Stage::Contract < Stage::Performance);
    }

    fn role_of(title: &str, item: &str, domain: &str) -> Role {
        let v = json!({"id": "x", "title": title, "domain": domain, "catalog_item": item, "region_code": "320115", "published_at": "2025-06-03"});
        role(&Record::from_json(&v).unwrap())
    }

    #[test]
    fn credit_wording_decides_the_role() {
        assert_eq!(
            role_of("关于将南京某建设工程有限公司列入公共资源交易领域“黑名单”的公告", "T06", "construction"),
            Role::Blacklist
        );
        assert_eq!(role_of("关于南京某科技有限公司信用修复结果的公示", "T18", "procurement"), Role::Delisted);
        assert_eq!(role_of("关于对南京某建设工程有限公司的行政处罚决定", "T07", "construction"), Role::Penalty);
        assert_eq!(role_of("关于获得优质工程奖“扬子杯”的守信激励公告", "T06", "construction"), Role::Reward);
        assert_eq!(role_of("江宁区道路工程施工中标候选人公示", "T04", "construction"), Role::Candidate);
        assert_eq!(role_of("江宁区道路工程施工中标结果公告", "T04", "construction"), Role::Win);
        for r in Role::ALL {
            assert_eq!(Role::from_ordinal(r.ordinal()), Some(r));
        }
    }
}
