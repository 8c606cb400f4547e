//! Fictitious companies and persons for the sample corpus.
//!
//! Company names are put together from a place, a trade name (字号) and a line of business, the
//! way Jiangsu companies are named (`南京恒信建设工程有限公司`, `江苏鑫源招标代理有限公司`). They
//! are made up: any likeness to a real company is a coincidence of common words.

use fastrand::Rng;
use gongkai_core::regions::{self, Level};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::data;

/// Trade names (字号): common auspicious two-character words.
static TRADE_NAMES: LazyLock<Vec<&str>> = LazyLock::new(|| data::words(include_str!("../data/trade-names.txt")));

/// Surnames, most common first (repeats weight the draw).
static SURNAMES: LazyLock<Vec<&str>> = LazyLock::new(|| data::words(include_str!("../data/surnames.txt")));

/// Characters of given names.
static GIVEN: LazyLock<Vec<&str>> = LazyLock::new(|| data::words(include_str!("../data/given-names.txt")));

/// A trade name (字号), e.g. `恒信`.
pub fn trade_name(rng: &mut Rng) -> &'static str {
    TRADE_NAMES[rng.usize(..TRADE_NAMES.len())]
}

/// A random full name (two or three characters).
pub fn person(rng: &mut Rng) -> String {
    let mut name = String::from(SURNAMES[rng.usize(..SURNAMES.len())]);
    name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    if rng.u8(..100) < 70 {
        name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    }
    name
}

/// A name as published in lists of private persons, masked: `王*明`, `孙*`.
pub fn masked(rng: &mut Rng) -> String {
    let mut name = String::from(SURNAMES[rng.usize(..SURNAMES.len())]);
    name.push('*');
    if rng.u8(..100) < 70 {
        name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    }
    name
}

/// The line of business in a company name: `镇江国誉保洁服务有限公司` → `保洁服务`.
pub fn business(name: &str) -> &str {
    let core = ["股份有限公司", "集团有限公司", "有限公司", "（特殊普通合伙）"]
        .iter()
        .fold(name, |n, s| n.strip_suffix(s).unwrap_or(n));
    let start = core.char_indices().rev().nth(3).map(|(i, _)| i).unwrap_or(0);
    &core[start..]
}

/// What a company does, which decides where it shows up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 施工企业: bids for construction works.
    Contractor,
    /// 监理、设计、咨询单位.
    Consultant,
    /// 招标代理机构 / 采购代理机构.
    Agency,
    /// Suppliers of goods (IT, furniture, teaching equipment, vehicles…).
    Supplier,
    /// Service providers (物业、保安、保洁、餐饮、检测).
    Service,
    /// 医疗器械 suppliers.
    MedicalDevice,
    /// 房地产开发企业, buyers of residential and commercial land.
    Developer,
    /// Manufacturers, buyers of industrial land.
    Industrial,
    /// 矿业、建材企业.
    Mining,
    /// 药品生产、经营企业.
    Pharma,
    /// Investors, buyers of state-owned equity and assets.
    Investor,
    /// 资产评估机构、会计师事务所.
    Appraiser,
}

impl Kind {
    /// The kind named as in `data/company-patterns.tsv` (the variant's name).
    fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "Contractor" => Kind::Contractor,
            "Consultant" => Kind::Consultant,
            "Agency" => Kind::Agency,
            "Supplier" => Kind::Supplier,
            "Service" => Kind::Service,
            "MedicalDevice" => Kind::MedicalDevice,
            "Developer" => Kind::Developer,
            "Industrial" => Kind::Industrial,
            "Mining" => Kind::Mining,
            "Pharma" => Kind::Pharma,
            "Investor" => Kind::Investor,
            "Appraiser" => Kind::Appraiser,
            _ => return None,
        })
    }
}

/// Name patterns per kind: `{p}` = place, `{t}` = trade name.
static PATTERNS: LazyLock<Vec<(Kind, Vec<&str>)>> = LazyLock::new(|| {
    let mut out: Vec<(Kind, Vec<&str>)> = Vec::new();
    for row in data::rows(include_str!("../data/company-patterns.tsv")) {
        let kind = Kind::from_name(row[0])
            .unwrap_or_else(|| panic!("sample/data/company-patterns.tsv: `{}` is not a kind of company", row[0]));
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, patterns)) => patterns.push(row[1]),
            None => out.push((kind, vec![row[1]])),
        }
    }
    out
});

/// How many companies of each kind the pool holds.
const POOL_SIZES: &[(Kind, usize)] = &[
    (Kind::Contractor, 130),
    (Kind::Consultant, 30),
    (Kind::Agency, 30),
    (Kind::Supplier, 70),
    (Kind::Service, 35),
    (Kind::MedicalDevice, 25),
    (Kind::Developer, 45),
    (Kind::Industrial, 30),
    (Kind::Mining, 16),
    (Kind::Pharma, 45),
    (Kind::Investor, 20),
    (Kind::Appraiser, 16),
];

/// One fictitious company of the pool.
#[derive(Debug, Clone)]
pub struct Company {
    /// Full registered name.
    pub name: String,
    /// Line of business.
    pub kind: Kind,
    /// The prefecture-level city it is based in.
    pub city: u32,
    /// 法定代表人.
    pub legal_rep: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// Registered builders (项目负责人) with their certificate numbers, for contractors.
    pub managers: Vec<(String, String)>,
    /// How often it is drawn, relative to the others of its kind.
    pub weight: u32,
}

/// The company pool, indexed by kind and by (kind, city).
#[derive(Debug)]
pub struct Pool {
    /// All companies.
    pub companies: Vec<Company>,
    by_kind: HashMap<Kind, Vec<usize>>,
    by_kind_city: HashMap<(Kind, u32), Vec<usize>>,
}

const CREDIT_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn credit_code(rng: &mut Rng, city: u32) -> String {
    let mut code = format!("9132{:02}", city / 100 % 100);
    code.push_str(&format!("{:02}", rng.u8(..100)));
    for _ in 0..10 {
        code.push(CREDIT_CHARS[rng.usize(..CREDIT_CHARS.len())] as char);
    }
    code
}

/// A builder's registration number, e.g. `苏1322018201912345`.
fn builder_certificate(rng: &mut Rng) -> String {
    let grade = if rng.bool() { 1 } else { 2 };
    format!("苏{grade}32{}{:09}", rng.u32(2008..2025), rng.u32(..1_000_000_000))
}

impl Pool {
    /// Builds the pool deterministically from `rng`.
    pub fn new(rng: &mut Rng) -> Pool {
        let homes: Vec<&'static regions::Region> =
            regions::all().iter().filter(|r| matches!(r.level, Level::City | Level::CountyCity)).collect();
        let mut seen = HashSet::new();
        let mut companies = Vec::new();
        for &(kind, size) in POOL_SIZES {
            let patterns = PATTERNS.iter().find(|(k, _)| *k == kind).map(|(_, p)| p.as_slice()).unwrap_or(&[]);
            let mut made = 0;
            while made < size {
                // Cities are drawn more often than county-level cities.
                let home = homes[rng.usize(..homes.len())];
                let home = if home.level == Level::CountyCity && rng.bool() {
                    regions::city_of(home.code).unwrap_or(home)
                } else {
                    home
                };
                let pattern = patterns[rng.usize(..patterns.len())];
                let trade = TRADE_NAMES[rng.usize(..TRADE_NAMES.len())];
                let name = pattern.replace("{p}", home.short_name).replace("{t}", trade);
                if !seen.insert(name.clone()) {
                    continue;
                }
                let city = regions::city_of(home.code).map(|c| c.code).unwrap_or(home.code);
                let managers = if matches!(kind, Kind::Contractor | Kind::Consultant) {
                    (0..rng.usize(2..5)).map(|_| (person(rng), builder_certificate(rng))).collect()
                } else {
                    Vec::new()
                };
                // A few companies win a lot, most win now and then.
                let weight = 1 + (rng.f64().powi(3) * 30.0) as u32;
                companies.push(Company {
                    name,
                    kind,
                    city,
                    legal_rep: person(rng),
                    credit_code: credit_code(rng, city),
                    managers,
                    weight,
                });
                made += 1;
            }
        }
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        let mut by_kind_city: HashMap<(Kind, u32), Vec<usize>> = HashMap::new();
        for (i, c) in companies.iter().enumerate() {
            by_kind.entry(c.kind).or_default().push(i);
            by_kind_city.entry((c.kind, c.city)).or_default().push(i);
        }
        Pool { companies, by_kind, by_kind_city }
    }

    /// Draws a company of `kind`, usually one based in the city of `region`.
    pub fn pick(&self, rng: &mut Rng, kind: Kind, region: u32) -> usize {
        let city = regions::city_of(region).map(|c| c.code).unwrap_or(0);
        let local = self.by_kind_city.get(&(kind, city)).filter(|v| !v.is_empty());
        let list = match local {
            Some(l) if rng.u8(..100) < 65 => l,
            _ => &self.by_kind[&kind],
        };
        let total: u32 = list.iter().map(|&i| self.companies[i].weight).sum();
        let mut x = rng.u32(..total.max(1));
        for &i in list {
            let w = self.companies[i].weight;
            if x < w {
                return i;
            }
            x -= w;
        }
        list[list.len() - 1]
    }

    /// Draws `n` distinct companies of `kind` (fewer if the pool is smaller).
    pub fn pick_distinct(&self, rng: &mut Rng, kind: Kind, region: u32, n: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < n * 20 {
            tries += 1;
            let i = self.pick(rng, kind, region);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// The company at `i`.
    pub fn get(&self, i: usize) -> &Company {
        &self.companies[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_lines() {
        assert_eq!(business("镇江国誉保洁服务有限公司"), "保洁服务");
        assert_eq!(business("无锡恒信环境科技股份有限公司"), "环境科技");
        assert_eq!(business("盐城秦淮会计师事务所（特殊普通合伙）"), "师事务所");
    }
}
