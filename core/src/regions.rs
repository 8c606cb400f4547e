//! China's administrative divisions (GB/T 2260): 31 provinces, their prefecture-level divisions
//! and county-level divisions, with parent links, so `320583` knows it is 昆山市 in 苏州市 and
//! `360102` that it is 东湖区 in 南昌市, 江西省.
//!
//! The table is `core/data/gb2260-divisions.tsv` (code, name, parent; its header says where it
//! comes from). It is read by a strict loader ([`parse_table`]): a malformed line is an error
//! naming its line, never skipped. Short names (苏州, 江宁, 恩施) and levels are derived from the
//! names and codes.
//!
//! Jiangsu is the home province: [`all`] is its 109 divisions (what the sample corpus,
//! suggestions and `/v1/meta` list); [`national`] is every division, and every lookup
//! ([`get`], [`parse`], [`lineage`], [`is_within`]) is national.

use crate::data::{loaded, DataError, Tsv};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The level of a division in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 省, 自治区, 直辖市
    Province,
    /// 设区市, 地区, 自治州, 盟 (prefecture level)
    City,
    /// 市辖区
    District,
    /// 县级市
    CountyCity,
    /// 县, 自治县, 旗, 林区, 特区 …
    County,
}

/// One administrative division.
#[derive(Debug, Clone)]
pub struct Region {
    /// Six-digit GB/T 2260 code, e.g. `320583`.
    pub code: u32,
    /// Official name, e.g. `昆山市`.
    pub name: &'static str,
    /// The name as people say it, without its 省/市/区/县 (or 自治州 and the peoples named
    /// before it) suffix, e.g. `昆山`, `恩施`; never a single character.
    pub short_name: &'static str,
    /// Parent division code (`None` for a province).
    pub parent: Option<u32>,
    /// Level in the hierarchy.
    pub level: Level,
}

/// Code of the home province, 江苏省.
pub const JIANGSU: u32 = 320000;

const DIVISIONS_TSV: &str = include_str!("../data/gb2260-divisions.tsv");

struct Table {
    regions: Vec<Region>,
    by_code: HashMap<u32, usize>,
    children: HashMap<u32, Vec<usize>>,
    jiangsu: Vec<Region>,
}

pub(crate) fn load() -> Result<Vec<Region>, DataError> {
    parse_table(DIVISIONS_TSV)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The shipped file is compiled in and loaded by a unit test; it cannot be malformed in
        // a build that passed its tests.
        let regions = loaded(load());
        let by_code = regions.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            if let Some(p) = r.parent {
                children.entry(p).or_default().push(i);
            }
        }
        let jiangsu = regions.iter().filter(|r| r.code / 10000 == JIANGSU / 10000).cloned().collect();
        Table { regions, by_code, children, jiangsu }
    })
}

/// Reads a division table: `#` comment lines, a header row `code<TAB>name<TAB>parent`, then one
/// division per line. Each line must have exactly three fields: a six-digit
/// code not seen before, a name without spaces, and the code of a division listed earlier in the
/// same province (empty for a province, whose code ends in `0000`).
pub fn parse_table(text: &'static str) -> Result<Vec<Region>, DataError> {
    let mut regions: Vec<Region> = Vec::new();
    let mut by_code: HashMap<u32, usize> = HashMap::new();
    let rows = Tsv::new("gb2260-divisions.tsv", text, 3).rows()?;
    let Some((head, rows)) = rows.split_first() else {
        return Err(DataError {
            file: "gb2260-divisions.tsv",
            line: 0,
            message: "no header row and no divisions".into(),
        });
    };
    if (head.text(0), head.text(1), head.text(2)) != ("code", "name", "parent") {
        return Err(head.invalid("expected the header `code<TAB>name<TAB>parent`"));
    }
    for row in rows {
        let err = |message: String| row.invalid(message);
        let f = [row.text(0), row.text(1), row.text(2)];
        let code = six_digits(f[0]).ok_or_else(|| err(format!("code `{}` is not six digits", f[0])))?;
        if by_code.contains_key(&code) {
            return Err(err(format!("code {code} is listed twice")));
        }
        let name = f[1];
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(err(format!("name `{name}` of {code} is empty or has spaces")));
        }
        let parent = if f[2].is_empty() {
            if code % 10000 != 0 {
                return Err(err(format!("{code} {name} has no parent but is not a province (code ending in 0000)")));
            }
            None
        } else {
            let p = six_digits(f[2]).ok_or_else(|| err(format!("parent `{}` of {code} is not six digits", f[2])))?;
            let Some(&at) = by_code.get(&p) else {
                return Err(err(format!("parent {p} of {code} {name} is not listed before it")));
            };
            if p / 10000 != code / 10000 || regions[at].level == Level::District || p == code {
                return Err(err(format!("{p} cannot be the parent of {code} {name}")));
            }
            Some(p)
        };
        let level = level_of(code, name);
        if (level == Level::Province) != parent.is_none() {
            return Err(err(format!("{code} {name} is a province only if its code ends in 0000 and it has no parent")));
        }
        by_code.insert(code, regions.len());
        regions.push(Region { code, name, short_name: short(name, level), parent, level });
    }
    Ok(regions)
}

fn six_digits(s: &str) -> Option<u32> {
    (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn level_of(code: u32, name: &str) -> Level {
    if code.is_multiple_of(10000) {
        Level::Province
    } else if code.is_multiple_of(100) {
        Level::City
    } else if name.ends_with('区') && !name.ends_with("林区") && !name.ends_with("特区") {
        Level::District
    } else if name.ends_with('市') {
        Level::CountyCity
    } else {
        Level::County
    }
}

/// The peoples named in the names of autonomous divisions (恩施土家族苗族自治州 → 恩施).
const PEOPLES: &[&str] = &[
    "各族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// What is left when `suffix` is cut off, if that is still two characters or more.
fn strip<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    name.strip_suffix(suffix).filter(|s| s.chars().count() >= 2)
}

fn short(name: &'static str, level: Level) -> &'static str {
    // 自治区, 自治州, 自治县, 自治旗: the place comes before the peoples it names.
    if let Some(at) = name.find("自治") {
        let mut s = &name[..at];
        while let Some(rest) = PEOPLES.iter().find_map(|p| s.strip_suffix(p)) {
            s = rest;
        }
        return if s.chars().count() >= 2 { s } else { name };
    }
    if level == Level::Province {
        return strip(name, "省").or_else(|| strip(name, "市")).unwrap_or(name);
    }
    // 阿拉善左旗 stays whole: 阿拉善左 is not said.
    if let Some(s) = strip(name, "旗").filter(|s| !s.ends_with(['左', '右', '前', '后', '中'])) {
        return s;
    }
    for suffix in ["新区", "地区", "林区", "特区", "盟", "市", "区", "县"] {
        // Keep two-character names whole: 盱眙县 → 盱眙, but never strip to one character.
        if let Some(s) = strip(name, suffix) {
            return s;
        }
    }
    name
}

/// Jiangsu's 109 divisions, province first: the home province, whose divisions the sample
/// corpus, suggestions and `/v1/meta` list. Every lookup is national (see [`national`]).
pub fn all() -> &'static [Region] {
    &table().jiangsu
}

/// Every division of GB/T 2260, sorted by code (each province followed by its divisions).
pub fn national() -> &'static [Region] {
    &table().regions
}

/// Looks up a division by its numeric code.
pub fn get(code: u32) -> Option<&'static Region> {
    let t = table();
    t.by_code.get(&code).map(|&i| &t.regions[i])
}

/// Parses and looks up a six-digit code given as text.
pub fn parse(code: &str) -> Option<&'static Region> {
    get(six_digits(code.trim())?)
}

/// Why a code given as text is not a division, for error messages: a code of the statistics
/// bureau rather than of GB/T 2260 (a 市辖区 grouping ending in 01, a development zone with a
/// fifth digit 7), or no division at all (abolished, renamed or mistyped). `None` if it is one.
pub fn why_not_a_division(code: &str) -> Option<String> {
    let text = code.trim();
    let Some(n) = six_digits(text) else {
        return Some(format!("`{text}` is not a division code: six digits of GB/T 2260, e.g. 320115"));
    };
    if get(n).is_some() {
        return None;
    }
    let city = get(n / 100 * 100).filter(|c| c.level == Level::City);
    let province = get(n / 10000 * 10000);
    // The statistics bureau's groupings of a municipality's districts (110100 市辖区, 500200 县)
    // and of the counties directly under a province (429000 省直辖县级行政区划).
    let grouping = n.is_multiple_of(100)
        && province.is_some_and(|p| n % 10000 == 9000 || children(p.code).all(|c| c.level != Level::City));
    let reason = match city {
        _ if grouping => {
            let p = province.map(|p| format!("{} {}", p.code, p.name)).unwrap_or_default();
            format!("a grouping of the statistics bureau (市辖区, 县, 省直辖县级行政区划), not a GB/T 2260 division; use {p} or the county itself")
        }
        Some(c) if n % 100 == 1 => {
            format!("a 市辖区 grouping of the statistics bureau, not a GB/T 2260 division; use {} {}", c.code, c.name)
        }
        _ if n % 100 / 10 == 7 => format!(
            "a development-zone code of the statistics bureau, not a GB/T 2260 division; use the county or city it lies in{}",
            city.map(|c| format!(" (e.g. {} {})", c.code, c.name)).unwrap_or_default()
        ),
        _ => match get(n / 10000 * 10000) {
            Some(p) => format!("no such division in GB/T 2260 (2023) in {}: abolished, renamed or mistyped", p.name),
            None => "no such province in GB/T 2260".to_string(),
        },
    };
    Some(format!("`{text}` is {reason}"))
}

/// The division and all its ancestors, nearest first: `320583` → [昆山市, 苏州市, 江苏省].
pub fn lineage(code: u32) -> Vec<&'static Region> {
    let mut out = Vec::new();
    let mut cur = get(code);
    while let Some(r) = cur {
        out.push(r);
        cur = r.parent.and_then(get);
    }
    out
}

/// The prefecture-level division a division belongs to (itself for one; `None` for a province
/// and for the districts and counties directly under one, as in 北京市 or 仙桃市).
pub fn city_of(code: u32) -> Option<&'static Region> {
    lineage(code).into_iter().find(|r| r.level == Level::City)
}

/// The province a division is in (itself for a province).
pub fn province_of(code: u32) -> Option<&'static Region> {
    get(code / 10000 * 10000).filter(|_| get(code).is_some())
}

/// The direct children of a division.
pub fn children(code: u32) -> impl Iterator<Item = &'static Region> {
    let t = table();
    t.children.get(&code).into_iter().flatten().map(move |&i| &t.regions[i])
}

/// The division and every division inside it: `360100` → 南昌市 and its 9 counties.
pub fn within(code: u32) -> Vec<&'static Region> {
    let mut out: Vec<&'static Region> = get(code).into_iter().collect();
    let mut at = 0;
    while at < out.len() {
        let c = out[at].code;
        out.extend(children(c));
        at += 1;
    }
    out
}

/// Whether `code` is `ancestor` or lies inside it.
pub fn is_within(code: u32, ancestor: u32) -> bool {
    lineage(code).iter().any(|r| r.code == ancestor)
}

/// Facet counts with their hierarchy: the count of every division given, plus, added up, the
/// count of the prefecture-level division of each (its counties included), and, when the
/// divisions lie in more than one province, of each province. Largest count first, then by code.
pub fn rolled_up(counts: impl IntoIterator<Item = (u32, u64)>) -> Vec<(u32, u64)> {
    let counts: Vec<(u32, u64)> = counts.into_iter().filter(|(code, _)| get(*code).is_some()).collect();
    let first = counts.first().map(|(c, _)| c / 10000);
    let national = counts.iter().any(|(c, _)| Some(c / 10000) != first);
    let mut per: HashMap<u32, u64> = HashMap::new();
    for &(code, c) in &counts {
        *per.entry(code).or_insert(0) += c;
        if let Some(city) = city_of(code).filter(|city| city.code != code) {
            *per.entry(city.code).or_insert(0) += c;
        }
        if national && code % 10000 != 0 {
            *per.entry(code / 10000 * 10000).or_insert(0) += c;
        }
    }
    let mut out: Vec<(u32, u64)> = per.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A human name with its city, e.g. `苏州市昆山市`, for display.
pub fn display_name(code: u32) -> String {
    let mut names: Vec<&str> = lineage(code).iter().filter(|r| r.level != Level::Province).map(|r| r.name).collect();
    names.reverse();
    if names.is_empty() {
        get(code).map(|r| r.name.to_string()).unwrap_or_default()
    } else {
        names.concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Jiangsu table as shipped before the national one (code, name, parent, level).
    const JIANGSU_BEFORE: &str = include_str!("../data/jiangsu-divisions.tsv");

    #[test]
    fn the_shipped_table_loads_with_every_division_and_parent() {
        let regions = parse_table(DIVISIONS_TSV).unwrap();
        assert_eq!(regions.len(), 3214);
        assert_eq!(regions.iter().filter(|r| r.level == Level::Province).count(), 31);
        assert_eq!(regions.iter().filter(|r| r.level == Level::City).count(), 333);
        for r in national().iter().filter(|r| r.level != Level::Province) {
            assert!(r.parent.and_then(get).is_some(), "{} has no parent", r.name);
        }
        let donghu = parse("360102").unwrap();
        assert_eq!((donghu.name, donghu.short_name, donghu.level), ("东湖区", "东湖", Level::District));
        assert_eq!(city_of(360102).unwrap().name, "南昌市");
        assert_eq!(province_of(360102).unwrap().name, "江西省");
        assert!(is_within(360102, 360000) && !is_within(360102, 320000));
        assert_eq!(children(360100).count(), 9);
        assert_eq!(within(360100).len(), 10);
        // Municipalities and the counties under a province directly have no prefecture.
        assert_eq!(get(110105).unwrap().parent, Some(110000));
        assert!(city_of(110105).is_none());
        assert_eq!(get(429004).unwrap().parent, Some(420000));
        assert_eq!(display_name(429004), "仙桃市");
        assert_eq!(display_name(360102), "南昌市东湖区");
        // Short names as they are said.
        let short_of = |code: u32| get(code).unwrap().short_name;
        assert_eq!(short_of(110000), "北京");
        assert_eq!(short_of(450000), "广西");
        assert_eq!(short_of(150000), "内蒙古");
        assert_eq!(short_of(422800), "恩施");
        assert_eq!(short_of(532800), "西双版纳");
        assert_eq!(short_of(652900), "阿克苏");
        assert_eq!(short_of(310115), "浦东");
        assert_eq!(short_of(429021), "神农架");
        assert_eq!(short_of(140105), "小店");
        assert_eq!(short_of(140303), "矿区", "two characters stay whole");
        assert!(national().iter().all(|r| r.short_name.chars().count() >= 2), "never one character");
        // Statistical groupings are not divisions, and say so.
        assert!(parse("360101").is_none() && parse("360471").is_none() && parse("110100").is_none());
        assert!(why_not_a_division("360101").unwrap().contains("市辖区"));
        assert!(why_not_a_division("110100").unwrap().contains("use 110000 北京市"));
        assert!(why_not_a_division("429000").unwrap().contains("use 420000 湖北省"));
        assert!(why_not_a_division("361200").unwrap().contains("no such division"), "江西 has 11 prefectures");
        assert!(why_not_a_division("360471").unwrap().contains("development-zone"));
        assert!(why_not_a_division("360427").unwrap().contains("江西省"));
        assert!(why_not_a_division("3201l5").unwrap().contains("six digits"));
        assert_eq!(why_not_a_division("360102"), None);
    }

    #[test]
    fn jiangsu_is_exactly_as_before() {
        let before: Vec<Vec<&str>> = JIANGSU_BEFORE.lines().skip(1).map(|l| l.split('\t').collect()).collect();
        assert_eq!(all().len(), 109);
        assert_eq!(before.len(), 109);
        for (r, b) in all().iter().zip(&before) {
            assert_eq!(r.code.to_string(), b[0]);
            assert_eq!(r.name, b[1]);
            assert_eq!(r.parent.map(|p| p.to_string()).unwrap_or_default(), b[2]);
            let level = match b[3] {
                "province" => Level::Province,
                "city" => Level::City,
                "district" => Level::District,
                "county-level city" => Level::CountyCity,
                _ => Level::County,
            };
            assert_eq!(r.level, level, "{}", r.name);
        }
        let kunshan = parse("320583").unwrap();
        assert_eq!((kunshan.name, kunshan.short_name), ("昆山市", "昆山"));
        assert_eq!(get(320000).unwrap().short_name, "江苏");
        assert_eq!(get(320830).unwrap().short_name, "盱眙");
        assert_eq!(city_of(320583).unwrap().name, "苏州市");
        assert!(is_within(320583, 320500) && is_within(320583, 320000) && !is_within(320583, 320100));
        assert_eq!(display_name(320115), "南京市江宁区");
        assert!(parse("32011").is_none());
        assert!(parse("3201l5").is_none());
        assert_eq!(children(320500).count(), 9);
    }

    #[test]
    fn a_malformed_line_is_refused_with_its_number() {
        let good = "# comment\ncode\tname\tparent\n360000\t江西省\t\n360100\t南昌市\t360000\n";
        assert_eq!(parse_table(good).unwrap().len(), 2);
        let cases = [
            ("# c\ncode\tname\tparent\n360000\t江西省\t\n36010\t南昌市\t360000\n", 4, "six digits"),
            // A missing parent column reads as an empty parent: only a province may have none.
            ("code\tname\tparent\n360000\t江西省\t\n360100\t南昌市\n", 3, "not a province"),
            ("code\tname\tparent\n360000\t江西省\t\t\n", 2, "4 columns"),
            ("code\tname\tparent\n360000\t江西省\t\n360102\t东湖区\t360100\n", 3, "not listed before"),
            ("code\tname\tparent\n360000\t江西省\t\n360000\t江西省\t\n", 3, "twice"),
            ("code\tname\tparent\n360100\t南昌市\t\n", 2, "not a province"),
            ("code\tname\tparent\n360000\t江西省\t\n320100\t南京市\t360000\n", 3, "cannot be the parent"),
            ("code\tname\n360000\t江西省\t\n", 1, "header"),
            ("code\tname\tparent\n360000\t江 西\t\n", 2, "spaces"),
        ];
        for (text, line, what) in cases {
            let e = parse_table(text).unwrap_err();
            assert_eq!(e.line, line, "{e}");
            assert!(e.to_string().contains(what) && e.to_string().contains(&format!("line {line}")), "{e}");
        }
    }

    #[test]
    fn facets_roll_up_to_cities_and_to_provinces_when_there_are_several() {
        // Jiangsu alone: counties and their cities, no province row (as before).
        let js = rolled_up([(320583, 3), (320505, 2), (320115, 1)]);
        assert_eq!(js, vec![(320500, 5), (320583, 3), (320505, 2), (320100, 1), (320115, 1)]);
        // Two provinces: each province with everything below it, 北京 districts under 北京市.
        let mixed = rolled_up([(360102, 2), (360111, 1), (110105, 4), (999999, 9)]);
        assert_eq!(mixed, vec![(110000, 4), (110105, 4), (360000, 3), (360100, 3), (360102, 2), (360111, 1)]);
    }
}
