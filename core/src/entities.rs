//! Companies, institutions and persons named by a record: normalised keys for exact look-up
//! (`/v1/entity`), and extraction from the title and text of notices that carry no `entities`
//! field (most real ones).
//!
//! A name is matched whole, never by shared words: 江苏博远环保科技有限公司 and
//! 泰州博远环保科技股份有限公司 are two companies. The same name without its company-form suffix
//! (有限公司, 股份有限公司, 集团有限公司, 有限责任公司) is the same party.

use crate::analysis;

/// Company-form suffixes, longest first: dropped to give a name's [`base`].
pub const SUFFIXES: [&str; 6] =
    ["集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "公司"];

/// Endings of an organisation's name: a run of text is only taken for a name when it ends so.
const ORG_ENDINGS: [&str; 16] = [
    "公司",
    "集团",
    "研究院",
    "设计院",
    "研究所",
    "事务所",
    "医院",
    "中心",
    "合作社",
    "学院",
    "大学",
    "商行",
    "经营部",
    "工作室",
    "厂",
    "协会",
];

/// Labels after which a party's name follows, on the same line or (in a flattened table) on
/// the next.
const TRIGGERS: [&str; 29] = [
    "代理机构",
    "招标人",
    "采购人",
    "业主为",
    "建设单位",
    "得分情况",
    "企业名称",
    "乙方",
    "竞买人",
    "第一中标候选人",
    "中标候选人排序",
    "中标候选人",
    "排序单位名称",
    "中标人名称",
    "中标人",
    "中标单位",
    "中标供应商",
    "成交供应商",
    "成交人",
    "供应商名称",
    "投标人名称",
    "单位名称",
    "竞得人",
    "受让方",
    "受让人",
    "当事人",
    "被处罚单位",
    "被处罚人",
    "违法行为人",
];

/// Labels after which a person (2–4 characters) may be named instead of an organisation.
const PERSON_TRIGGERS: [&str; 3] = ["当事人", "被处罚人", "违法行为人"];

/// A name as compared: traditional → simplified, full-width → half-width, lower case, no
/// spaces.
pub fn normalize(name: &str) -> String {
    analysis::normalize(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The name without its company-form suffix, when it has one and something is left.
pub fn base(name: &str) -> Option<String> {
    let n = normalize(name);
    SUFFIXES
        .iter()
        .find_map(|s| n.strip_suffix(s).map(str::to_string))
        .filter(|b| b.chars().count() >= 2)
}

/// The exact keys a record naming `name` is indexed under: the whole name, and its base.
pub fn keys(name: &str) -> Vec<String> {
    let mut keys = vec![format!("n:{}", normalize(name))];
    keys.extend(base(name).map(|b| format!("b:{b}")));
    keys
}

/// The keys a look-up for `name` searches: the whole name when it carries a suffix (so 有限公司
/// and 股份有限公司 of one base stay apart), else the base and the whole name (a name given
/// without its suffix, an institution, a person).
pub fn lookup_keys(name: &str) -> Vec<String> {
    let n = normalize(name);
    if base(name).is_some() {
        vec![format!("n:{n}")]
    } else {
        vec![format!("b:{n}"), format!("n:{n}")]
    }
}

fn is_name_char(c: char) -> bool {
    analysis::is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '（' | '）' | '·')
}

/// Whether a whole string reads as an organisation's name.
fn is_org_name(s: &str) -> bool {
    let n = s.chars().count();
    (4..=60).contains(&n)
        && s.chars().all(is_name_char)
        && ORG_ENDINGS.iter().any(|e| s.ends_with(e))
        && !s.starts_with(['(', '（'])
        && s.chars().filter(|c| analysis::is_cjk(*c)).count() >= 4
}

/// Splits a consortium written `牵头人(成员)` into its members; a parenthesis that is part of
/// the name (同济大学建筑设计研究院（集团）有限公司) stays.
fn members(name: &str) -> Vec<String> {
    let unified: String = name
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    if let (Some(open), true) = (unified.find('('), unified.ends_with(')')) {
        let inner = &unified[open + 1..unified.len() - 1];
        let head = &unified[..open];
        if is_org_name(inner) && is_org_name(head) {
            return vec![head.to_string(), inner.to_string()];
        }
    }
    vec![name.to_string()]
}

/// The names of a table cell that is a whole organisation name, or a consortium of them.
fn cell_names(cell: &str) -> Option<Vec<String>> {
    // Names (and a consortium's members) are name characters only: most lines are prose.
    if !cell.chars().all(is_name_char) {
        return None;
    }
    let split = members(cell);
    if split.len() > 1 {
        return Some(split);
    }
    is_org_name(cell).then(|| vec![cell.to_string()])
}

/// The name at the start of `text` (after a label): a run of name characters cut after the
/// first 公司, else after the first other organisation ending.
fn name_at(text: &str, person: bool) -> Option<String> {
    let text = text.trim_start_matches([':', '：', ' ', '\t', '为', '是']);
    let run: String = text.chars().take_while(|&c| is_name_char(c)).collect();
    let cut = |ending: &str| run.find(ending).map(|i| i + ending.len());
    let end = cut("公司").or_else(|| ORG_ENDINGS.iter().filter_map(|e| cut(e)).min());
    if let Some(end) = end {
        let name = &run[..end];
        if is_org_name(name) {
            return Some(name.to_string());
        }
    }
    let chars = run.chars().count();
    (person && (2..=4).contains(&chars) && run.chars().all(analysis::is_cjk)).then_some(run)
}

/// Companies, institutions and persons named in a notice: after labels such as 中标人：,
/// 成交供应商：, 第一中标候选人, 中标候选人排序, 当事人：, 供应商名称, after 对 or 将 in a title (关于对…的行政
/// 处罚决定, 关于将…列入…名单), a company right after a title's 关于 (关于…有限公司信用修复的公告), and the cells of flattened tables (one cell per line) that are whole organisation
/// names. In order of first mention, each once.
pub fn extract(title: &str, body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The normalized form of each name in `out`, computed once.
    let mut seen: Vec<String> = Vec::new();
    let mut push = |name: String, out: &mut Vec<String>| {
        for m in members(&name) {
            let key = normalize(&m);
            if !seen.contains(&key) {
                seen.push(key);
                out.push(m);
            }
        }
    };
    for (i, c) in title.char_indices().filter(|&(_, c)| c == '对' || c == '将') {
        if let Some(name) = name_at(&title[i + c.len_utf8()..], false) {
            push(name, &mut out);
        }
    }
    // 关于江苏某某有限公司信用修复的公告: a company right after 关于 is the notice's subject (a
    // body or an office after it, 关于苏州市财政局…, is not taken).
    let after_guanyu = title.find("关于").map(|i| &title[i + "关于".len()..]).filter(|t| !t.starts_with(['对', '将']));
    if let Some(name) = after_guanyu.and_then(|t| name_at(t, false)) {
        if name.ends_with("公司") {
            push(name, &mut out);
        }
    }
    for line in body.lines() {
        let line = line.trim();
        // A table cell that is a whole name, numbering dropped (1、 2. （一）).
        let cell =
            line.trim_start_matches(|c: char| c.is_ascii_digit() || "、.．)）(（一二三四五六七八九十 ".contains(c));
        if let Some(names) = cell_names(cell) {
            for name in names {
                push(name, &mut out);
            }
            continue;
        }
        for (trigger, i) in trigger_matches(line) {
            let rest = &line[i + trigger.len()..];
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || "：:）)".contains(c));
            let rest = rest.strip_prefix("名称").unwrap_or(rest);
            // A list after the label (得分情况：甲公司97.68分；乙公司90.69分) names each.
            for part in rest.split(['；', ';', '、']) {
                match name_at(part, PERSON_TRIGGERS.contains(&trigger)) {
                    Some(name) => push(name, &mut out),
                    None => break,
                }
            }
        }
    }
    out
}

/// Every occurrence of every trigger in a line, as `(trigger, byte offset)`, in the order of
/// [`TRIGGERS`] and then of the line — what `match_indices` of each trigger in turn gives (no
/// trigger overlaps itself, so all occurrences are the non-overlapping ones) — found in one
/// pass over the line instead of one searcher per trigger and line.
fn trigger_matches(line: &str) -> Vec<(&'static str, usize)> {
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (i, c) in line.char_indices() {
        if !TRIGGER_FIRST_CHARS.contains(&c) {
            continue;
        }
        let rest = &line[i..];
        for (k, t) in TRIGGERS.iter().enumerate() {
            if rest.starts_with(t) {
                hits.push((k, i));
            }
        }
    }
    hits.sort_unstable();
    hits.into_iter().map(|(k, i)| (TRIGGERS[k], i)).collect()
}

/// The first characters of [`TRIGGERS`] (a line without any of them names no party by label).
const TRIGGER_FIRST_CHARS: [char; 20] = [
    '代', '招', '采', '业', '建', '得', '企', '乙', '竞', '第', '中', '排', '成', '供', '投', '单', '受', '当', '被',
    '违',
];

/// A record's parties: its `entities` field, then the names [`extract`] finds, each once.
pub fn of_record(record: &crate::Record) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for name in record.entities.iter().cloned().chain(extract(&record.title, &record.body)) {
        let key = normalize(&name);
        if !seen.contains(&key) {
            seen.push(key);
            all.push(name);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_written_normalized() {
        // base() strips them from normalized names as they are written here.
        for s in SUFFIXES {
            assert_eq!(normalize(s), s);
        }
    }

    #[test]
    fn triggers_are_found_as_match_indices_finds_them() {
        for t in TRIGGERS {
            assert!(TRIGGER_FIRST_CHARS.contains(&t.chars().next().unwrap()), "{t}");
            // No trigger overlaps itself: every occurrence is a non-overlapping one.
            let chars: Vec<char> = t.chars().collect();
            assert!((1..chars.len()).all(|k| chars[..k] != chars[chars.len() - k..]), "{t}");
        }
        let lines = [
            "第一中标候选人：江苏博远环保科技有限公司，中标人名称：南京市政建设集团有限公司",
            "采购人：南京市江宁区教育局；代理机构：江苏省招标中心有限公司；采购人联系方式",
            "当事人：张三，被处罚人：李四；违法行为人王五 中标候选人排序 中标人中标人",
            "无任何标签的一行文字",
            "",
        ];
        for line in lines {
            let expected: Vec<(&str, usize)> =
                TRIGGERS.iter().flat_map(|t| line.match_indices(t).map(move |(i, _)| (*t, i))).collect();
            assert_eq!(trigger_matches(line), expected, "{line}");
        }
    }

    #[test]
    fn names_match_whole_and_without_their_suffix_never_by_shared_words() {
        assert_eq!(base("江苏博远环保科技有限公司").as_deref(), Some("江苏博远环保科技"));
        assert_eq!(base("泰州博远环保科技股份有限公司").as_deref(), Some("泰州博远环保科技"));
        assert_eq!(base("南京城建集团有限公司").as_deref(), Some("南京城建"));
        assert_eq!(base("江苏省人民医院"), None);
        let a = keys("江苏博远环保科技有限公司");
        let b = keys("泰州博远环保科技股份有限公司");
        assert!(a.iter().all(|k| !b.contains(k)), "{a:?} {b:?}");
        // The suffix-less name finds the company; the full name only that company.
        assert!(lookup_keys("江苏博远环保科技").iter().any(|k| a.contains(k)));
        assert!(lookup_keys("江苏博远环保科技有限公司").iter().all(|k| !b.contains(k)));
        assert!(lookup_keys("博远环保科技").iter().all(|k| !a.contains(k) && !b.contains(k)));
        // Traditional characters and full-width letters are the same name.
        assert_eq!(keys("江蘇博遠環保科技有限公司"), a);
    }

    #[test]
    fn candidates_in_a_flattened_jiangxi_table() {
        // From a real 中标候选人公示 (jiangxi-bid-monitor), one table cell per line.
        let body = "中标候选人排序及相关内容\n第一中标排序单位名称\n南昌市城市规划设计研究总院集团有限公司(浙江施朗龙山工程设计有限公司)\n企业资质\n工程设计·综合资质·建筑·建筑甲级\n投标报价\n6536800.00 元\n第二中标排序单位名称\n同济大学建筑设计研究院（集团）有限公司\n第三中标排序单位名称\n中国瑞林工程技术股份有限公司\n";
        assert_eq!(
            extract("滕王阁景区南扩配套项目中标候选人公示", body),
            [
                "南昌市城市规划设计研究总院集团有限公司",
                "浙江施朗龙山工程设计有限公司",
                "同济大学建筑设计研究院（集团）有限公司",
                "中国瑞林工程技术股份有限公司"
            ]
        );
    }

    #[test]
    fn names_after_labels_in_running_text_and_titles() {
        let body = "本项目于2026年01月05日开标。2026年02月25日，第一中标候选人江西玖龙建设工程有限公司因不满足资格条件被认定为无效投标。";
        assert_eq!(extract("", body), ["江西玖龙建设工程有限公司"]);
        let body =
            "一、项目编号：JSZC-320115-2026-00942\n成交供应商：南京金鼎信息技术有限公司，成交金额：1,280,000元。";
        assert_eq!(extract("", body), ["南京金鼎信息技术有限公司"]);
        assert_eq!(extract("关于对南京某建设工程有限公司的行政处罚决定", ""), ["南京某建设工程有限公司"]);
        assert_eq!(extract("", "当事人：张某某，男，1975年出生。"), ["张某某"]);
        assert_eq!(
            extract("", "采购代理机构：启东天和项目管理有限公司，联系人：马丹，电话：0517-55131300"),
            ["启东天和项目管理有限公司"]
        );
        assert_eq!(
            extract("", "评审得分情况：昆山鑫源网络工程有限公司97.68分；江苏飞扬智能科技有限公司88.09分。"),
            ["昆山鑫源网络工程有限公司", "江苏飞扬智能科技有限公司"]
        );
        assert_eq!(
            extract(
                "关于将江苏飞扬智能科技有限公司列入政府采购严重违法失信行为记录名单的公告",
                "企业名称：江苏飞扬智能科技有限公司"
            ),
            ["江苏飞扬智能科技有限公司"]
        );
        // A removal names its company right after 关于; an office there is not a party.
        assert_eq!(
            extract("关于江苏润禾市政工程有限公司信用修复移出黑名单的公告", "已按规定完成信用修复。"),
            ["江苏润禾市政工程有限公司"]
        );
        assert!(extract("关于苏州市财政局2024年度政府采购意向的公告", "").is_empty());
        // Labels with nothing after them and sentences are not names.
        assert!(
            extract("", "中标候选人1单位名称\n注：当中标候选人公示后出现投诉纠纷，原中标候选人经认定为废标").is_empty()
        );
    }

    #[test]
    fn real_notices_without_entities_name_their_candidates() {
        // The repository's copy of the 250 published notices (tests/fixtures/real-notices).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/real-notices/records.jsonl");
        let text = std::fs::read_to_string(path).expect("the real notices fixture is in the repository");
        let mut with_candidates = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (title, body) = (v["title"].as_str().unwrap_or(""), v["body"].as_str().unwrap_or(""));
            let names = extract(title, body);
            for n in &names {
                assert!(is_org_name(n) || n.chars().count() <= 4, "{n} from {title}");
                assert!(!n.contains("名称") && !n.contains("候选人"), "{n} from {title}");
            }
            if title.contains("中标候选人公示") && names.len() >= 2 {
                with_candidates += 1;
            }
        }
        assert!(with_candidates >= 20, "only {with_candidates} 中标候选人公示 with 2+ names");
    }
}
