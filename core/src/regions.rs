//! Jiangsu's administrative divisions (GB/T 2260): the province, 13 cities and 95 county-level
//! divisions, with parent links, so `320583` knows it is 昆山市 in 苏州市.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The level of a division in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 省
    Province,
    /// 设区市
    City,
    /// 市辖区
    District,
    /// 县级市
    CountyCity,
    /// 县
    County,
}

/// One administrative division.
#[derive(Debug, Clone)]
pub struct Region {
    /// Six-digit GB/T 2260 code, e.g. `320583`.
    pub code: u32,
    /// Official name, e.g. `昆山市`.
    pub name: &'static str,
    /// The name without its 市/区/县 suffix, e.g. `昆山` (what people type).
    pub short_name: &'static str,
    /// Parent division code (`None` for the province).
    pub parent: Option<u32>,
    /// Level in the hierarchy.
    pub level: Level,
}

const DIVISIONS_TSV: &str = include_str!("../data/jiangsu-divisions.tsv");

struct Table {
    regions: Vec<Region>,
    by_code: HashMap<u32, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut regions = Vec::new();
        for line in DIVISIONS_TSV.lines().skip(1) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let Ok(code) = f[0].parse::<u32>() else { continue };
            let name = f[1];
            let level = match f[3] {
                "province" => Level::Province,
                "city" => Level::City,
                "district" => Level::District,
                "county-level city" => Level::CountyCity,
                _ => Level::County,
            };
            let short_name = short(name, level);
            regions.push(Region { code, name, short_name, parent: f[2].parse().ok(), level });
        }
        let by_code = regions.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        Table { regions, by_code }
    })
}

fn short(name: &'static str, level: Level) -> &'static str {
    if level == Level::Province {
        return name.trim_end_matches('省');
    }
    for suffix in ["市", "区", "县"] {
        if let Some(s) = name.strip_suffix(suffix) {
            // Keep two-character names whole: 盱眙县 → 盱眙, but never strip to one character.
            if s.chars().count() >= 2 {
                return s;
            }
        }
    }
    name
}

/// All divisions, province first.
pub fn all() -> &'static [Region] {
    &table().regions
}

/// Looks up a division by its numeric code.
pub fn get(code: u32) -> Option<&'static Region> {
    let t = table();
    t.by_code.get(&code).map(|&i| &t.regions[i])
}

/// Parses and looks up a six-digit code given as text.
pub fn parse(code: &str) -> Option<&'static Region> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    get(code.parse().ok()?)
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

/// The prefecture-level city a division belongs to (itself for a city; `None` for the province).
pub fn city_of(code: u32) -> Option<&'static Region> {
    lineage(code).into_iter().find(|r| r.level == Level::City)
}

/// The direct children of a division.
pub fn children(code: u32) -> impl Iterator<Item = &'static Region> {
    all().iter().filter(move |r| r.parent == Some(code))
}

/// Whether `code` is `ancestor` or lies inside it.
pub fn is_within(code: u32, ancestor: u32) -> bool {
    lineage(code).iter().any(|r| r.code == ancestor)
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

    #[test]
    fn the_table_has_every_division_with_parents() {
        assert_eq!(all().len(), 109);
        assert_eq!(all().iter().filter(|r| r.level == Level::City).count(), 13);
        let kunshan = parse("320583").unwrap();
        assert_eq!(kunshan.name, "昆山市");
        assert_eq!(kunshan.short_name, "昆山");
        assert_eq!(city_of(320583).unwrap().name, "苏州市");
        assert!(is_within(320583, 320500));
        assert!(is_within(320583, 320000));
        assert!(!is_within(320583, 320100));
        assert_eq!(display_name(320115), "南京市江宁区");
        assert_eq!(get(320000).unwrap().short_name, "江苏");
        assert!(parse("110101").is_none());
        assert!(parse("32011").is_none());
        assert!(parse("3201l5").is_none());
        // Every non-province division has a parent that exists.
        for r in all().iter().filter(|r| r.level != Level::Province) {
            assert!(r.parent.and_then(get).is_some(), "{} has no parent", r.name);
        }
        assert_eq!(children(320500).count(), 9);
    }
}
