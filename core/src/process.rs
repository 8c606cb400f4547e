//! Where a record stands in the life of a transaction (招标/采购/出让公告 → 资格审查 → 中标候选人
//! → 中标(成交)结果 → 合同 → 履约/验收/变更), from its title's wording and its catalog item, and
//! what it says about the parties it names (bid, candidate, winner, contract, reward, penalty,
//! blacklist).

use crate::analysis;
use crate::Record;
use chrono::NaiveDate;

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

/// The last day (inclusive) a blacklist listing is in force, as its notice says: a period
/// `列入期限：2024年3月1日至2027年2月28日` (also 有效期, 禁止参加政府采购活动期限, 期限2年（…至…）),
/// `自2024年3月1日起三年` or `自公告之日起3年` (counted from the decision: `formed_at`, else
/// `published_at`), or `在一年内禁止参加政府采购活动`. `None` when the text gives no end
/// (the listing stands until it is removed) or says 永久.
pub fn listing_until(record: &Record) -> Option<NaiveDate> {
    let base = record.formed_at.unwrap_or(record.published_at);
    listing_until_in(&format!("{}\n{}", record.title, record.body), base)
}

/// [`listing_until`] of a text, counting relative periods from `base`.
pub fn listing_until_in(text: &str, base: NaiveDate) -> Option<NaiveDate> {
    use regex::Regex;
    use std::sync::OnceLock;
    const DATE: &str = r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?";
    const NUM: &str = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})";
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    let [range, from_start, within] = PATTERNS.get_or_init(|| {
        let re = |s: String| Regex::new(&s).unwrap_or_else(|_| Regex::new("$^").expect("an empty pattern compiles"));
        [
            // 2024年3月1日（起）至2027年2月28日（止）
            re(format!(r"{DATE}\s*起?\s*(?:至|到|~|—|－|-)\s*{DATE}")),
            // 自2024年3月1日起三年 / 自公告发布之日起3年 / 自列入之日起24个月
            re(format!(r"自\s*(?:{DATE}|[^,，。;；:：]{{0,12}}之日)\s*起\s*{NUM}\s*(年|个月)")),
            // 一年内禁止参加 / 期限为2年 / 期限2年 / 有效期三年
            re(format!(r"(?:期限|有效期|期)\s*(?:为|是)?\s*{NUM}\s*(年|个月)|{NUM}\s*(年|个月)\s*内\s*禁止")),
        ]
    });
    let text = crate::text::normalize(text);
    // Only sentences about the listing: a notice also quotes deadlines of other things.
    let about = ["期限", "有效期", "列入", "名单", "禁止参加", "惩戒", "公示期"];
    let sentences: Vec<&str> = text
        .split(['。', ';', '；', '\n'])
        .filter(|s| about.iter().any(|w| s.contains(w)) && !s.contains("届满") && !s.contains("修复"))
        .collect();
    if sentences.iter().any(|s| s.contains("永久") || s.contains("终身")) {
        return None;
    }
    let date = |c: &regex::Captures, at: usize| -> Option<NaiveDate> {
        let n = |i: usize| c.get(at + i).and_then(|m| m.as_str().parse::<u32>().ok());
        NaiveDate::from_ymd_opt(n(0)? as i32, n(1)?, n(2)?)
    };
    let months = |c: &regex::Captures, at: usize| -> Option<u32> {
        let n = chinese_number(c.get(at)?.as_str())?;
        Some(if c.get(at + 1)?.as_str() == "年" { n * 12 } else { n })
    };
    let add =
        |from: NaiveDate, months: u32| from.checked_add_months(chrono::Months::new(months)).and_then(|d| d.pred_opt());
    for s in &sentences {
        if let Some(c) = range.captures(s) {
            let (from, until) = (date(&c, 1), date(&c, 4));
            if let (Some(from), Some(until)) = (from, until) {
                if until >= from {
                    return Some(until);
                }
            }
        }
    }
    for s in &sentences {
        if let Some(c) = from_start.captures(s) {
            let start = date(&c, 1).unwrap_or(base);
            if let Some(m) = months(&c, 4) {
                return add(start, m);
            }
        }
    }
    for s in &sentences {
        if let Some(c) = within.captures(s) {
            let m = months(&c, 1).or_else(|| months(&c, 3));
            if let Some(m) = m {
                return add(base, m);
            }
        }
    }
    None
}

/// `3`, `三`, `十二`, `两` → the number (1–99).
fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit =
        |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32).or((c == '两').then_some(2));
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
    .filter(|&n| n > 0)
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

    fn until(text: &str) -> Option<String> {
        let base = NaiveDate::from_ymd_opt(2025, 6, 3).unwrap();
        listing_until_in(text, base).map(|d| d.to_string())
    }

    #[test]
    fn listing_periods_of_real_wording() {
        // 政府采购严重违法失信行为记录名单 (a finance bureau's notice).
        assert_eq!(
            until("处罚结果：处以采购金额千分之五的罚款，列入不良行为记录名单，在一年内禁止参加政府采购活动。\n处罚依据：《中华人民共和国政府采购法》第七十七条第一款第（三）项\n禁止参加政府采购活动期限：2025年3月12日至2026年3月12日").as_deref(),
            Some("2026-03-12")
        );
        // 公共资源交易领域“黑名单” with the period in brackets.
        assert_eq!(
            until("决定将其列入公共资源交易领域“黑名单”，期限2年（2024年11月5日至2026年11月5日）。列入期间，该企业不得参加本市公共资源交易活动。").as_deref(),
            Some("2026-11-05")
        );
        // Full-width digits and 有效期 … 至 … 止.
        assert_eq!(
            until("黑名单有效期：自２０２３年５月１０日起至２０２６年５月９日止。").as_deref(),
            Some("2026-05-09")
        );
        assert_eq!(until("列入期限：2024-03-01至2027-02-28").as_deref(), Some("2027-02-28"));
        // 自…起…年, from a date or from the decision.
        assert_eq!(until("列入严重失信主体名单，自2024年3月1日起三年内禁止参加投标。").as_deref(), Some("2027-02-28"));
        assert_eq!(until("自本决定公布之日起2年内，将该单位列入失信联合惩戒对象名单。").as_deref(), Some("2027-06-02"));
        assert_eq!(until("列入不良行为记录名单，自列入之日起十八个月内限制参与").as_deref(), Some("2026-12-02"));
        // N年内禁止, counted from the decision.
        assert_eq!(until("2.列入不良行为记录名单，一年内禁止参加政府采购活动。").as_deref(), Some("2026-06-02"));
        assert_eq!(until("列入“黑名单”，期限为两年。").as_deref(), Some("2027-06-02"));
    }

    #[test]
    fn relative_periods_count_from_the_decision() {
        // Decided (formed_at) 2025-04-25, published 2025-05-09: 一年内 runs from the decision.
        let v = json!({
            "id": "x", "title": "关于将南京某建设工程有限公司列入不良行为记录名单的公告", "domain": "construction",
            "catalog_item": "T06", "region_code": "320115", "formed_at": "2025-04-25", "published_at": "2025-05-09",
            "body": "我局决定：1.处以罚款；2.列入不良行为记录名单，一年内禁止参加政府采购活动。"
        });
        let r = Record::from_json(&v).unwrap();
        assert_eq!(role(&r), Role::Blacklist);
        assert_eq!(listing_until(&r).map(|d| d.to_string()).as_deref(), Some("2026-04-24"));
        // Without formed_at, from the publication.
        let mut v = v;
        v.as_object_mut().unwrap().remove("formed_at");
        let r = Record::from_json(&v).unwrap();
        assert_eq!(listing_until(&r).map(|d| d.to_string()).as_deref(), Some("2026-05-08"));
    }

    #[test]
    fn no_end_means_until_removed() {
        assert_eq!(
            until("现将该公司列入政府采购严重违法失信行为记录名单，有关情况公告如下：企业名称：南京某科技有限公司"),
            None
        );
        assert_eq!(until("列入建筑市场主体“黑名单”，永久禁止参加本市公共资源交易活动。"), None);
        // A deadline of something else (paying the fine, appealing) is not the listing's.
        assert_eq!(until("请你单位自收到本决定书之日起十五日内将罚款缴至指定银行。"), None);
        assert_eq!(
            until(
                "如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼。"
            ),
            None
        );
        // A reversed range is not a period.
        assert_eq!(until("列入期限：2027年1月1日至2024年1月1日"), None);
    }

    #[test]
    fn chinese_numbers() {
        for (s, n) in [("3", 3), ("三", 3), ("两", 2), ("十", 10), ("十八", 18), ("二十", 20), ("二十四", 24)]
        {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("零"), None);
        assert_eq!(chinese_number("百"), None);
    }
}
