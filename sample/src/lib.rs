//! A deterministic generator of realistic disclosure records, for the demo, the tests and the
//! benchmarks (the `gongkai-sample` binary writes it as JSON Lines).
//!
//! The corpus imitates what the Jiangsu public resource trading platform and the government
//! websites publish under 苏政办发〔2018〕50号: every domain and every item of both disclosure
//! catalogs (T01–T27, H01–H18), from the province and all 13 cities down to most counties.
//! Projects are followed through their life under one `project_code` (notice → candidates or
//! result → contract → change), a pool of a few hundred fictitious companies bids, wins and is
//! sometimes penalised again and again, and a few percent of the records are published late so
//! the 公开时效 report has something to find.
//!
//! Everything is drawn from one seeded RNG, so the same `(count, seed)` gives the same records.
//! All companies and persons are made up.

#![deny(missing_docs)]

mod construction;
mod data;
mod general;
mod housing;
mod land;
mod medical;
mod mining;
mod names;
mod places;
mod procurement;
mod state_assets;
mod text;

use chrono::NaiveDate;
use fastrand::Rng;
use gongkai_core::catalog::{self, TimeLimit};
use gongkai_core::{calendar, Domain, Record};
use names::{Company, Kind, Pool};
use places::Site;
use std::collections::HashMap;

/// Generates `count` records deterministically from `seed`.
///
/// Records come sorted by publication date (then id); ids are unique (`js-procurement-000123`).
/// Every catalog item is covered once `count` reaches about 200.
pub fn generate(count: usize, seed: u64) -> Vec<Record> {
    let mut g = Gen::new(seed);
    g.out.reserve(count + 16);
    // Every scenario once, then the ones that still have an item to show, so that even a
    // small corpus covers every catalog item…
    for s in SCENARIOS {
        if g.out.len() >= count {
            break;
        }
        (s.run)(&mut g);
    }
    let mut attempts = 0;
    while g.out.len() < count && attempts < 200 {
        let Some(missing) = catalog::items().iter().map(|i| i.code).find(|code| !g.covers(code)) else {
            break;
        };
        for s in SCENARIOS.iter().filter(|s| s.items.contains(&missing)) {
            (s.run)(&mut g);
        }
        attempts += 1;
    }
    // …then scenarios in proportion to how often they happen.
    let total: u32 = SCENARIOS.iter().map(|s| s.weight).sum();
    let mut idle = 0;
    while g.out.len() < count && idle < 10_000 {
        let before = g.out.len();
        let mut x = g.rng.u32(..total);
        for s in SCENARIOS {
            if x < s.weight {
                (s.run)(&mut g);
                break;
            }
            x -= s.weight;
        }
        idle = if g.out.len() == before { idle + 1 } else { 0 };
    }
    g.out.truncate(count);
    g.out.sort_by(|a, b| a.published_at.cmp(&b.published_at).then_with(|| a.id.cmp(&b.id)));
    g.out
}

/// One kind of event that produces one or more records.
struct Scenario {
    /// How often it happens, relative to the others.
    weight: u32,
    /// The catalog items its records can belong to.
    items: &'static [&'static str],
    /// Emits its records.
    run: fn(&mut Gen),
}

/// Every scenario with its weight; the weights are tuned so that a corpus has roughly the mix
/// of the real platform (procurement and construction most common, mining and policy rare).
const SCENARIOS: &[Scenario] = &[
    // 政府采购
    Scenario { weight: 480, items: &["T15", "T16"], run: procurement::project },
    Scenario { weight: 12, items: &["T14"], run: procurement::standards },
    Scenario { weight: 22, items: &["T17"], run: procurement::supervision },
    Scenario { weight: 20, items: &["T18"], run: procurement::credit },
    Scenario { weight: 22, items: &["T19"], run: procurement::penalty },
    // 工程建设项目招标投标
    Scenario { weight: 310, items: &["T02", "T04", "T05"], run: construction::project },
    Scenario { weight: 25, items: &["T03"], run: construction::qualification },
    Scenario { weight: 25, items: &["T06"], run: construction::credit },
    Scenario { weight: 32, items: &["T07"], run: construction::penalty },
    // 国有土地使用权出让
    Scenario { weight: 14, items: &["T08"], run: land::supply_plan },
    Scenario { weight: 150, items: &["T09", "T10"], run: land::parcel },
    Scenario { weight: 12, items: &["T10"], run: land::performance },
    // 矿业权出让
    Scenario { weight: 34, items: &["T11", "T12", "T13"], run: mining::project },
    Scenario { weight: 6, items: &["T13"], run: mining::performance },
    // 国有产权交易
    Scenario { weight: 130, items: &["T20", "T21", "T22"], run: state_assets::transfer },
    Scenario { weight: 15, items: &["T23"], run: state_assets::credit },
    Scenario { weight: 12, items: &["T24"], run: state_assets::penalty },
    // 药品和医用耗材采购
    Scenario { weight: 40, items: &["T25"], run: medical::volume_purchase },
    Scenario { weight: 170, items: &["T25"], run: medical::listing },
    Scenario { weight: 22, items: &["T26"], run: medical::credit },
    Scenario { weight: 20, items: &["T27"], run: medical::penalty },
    // 住房保障
    Scenario { weight: 45, items: &["H01", "H13", "H16"], run: housing::planning },
    Scenario { weight: 36, items: &["H02", "H03", "H04"], run: housing::annual_plan },
    Scenario { weight: 75, items: &["H05", "H06", "H07", "H08"], run: housing::progress },
    Scenario { weight: 65, items: &["H09", "H10", "H11", "H12"], run: housing::rural },
    Scenario { weight: 50, items: &["H14", "H15", "H17", "H18"], run: housing::allocation },
    // 目录与政策
    Scenario { weight: 35, items: &["T01"], run: general::catalog },
    Scenario { weight: 75, items: &[], run: general::policy },
];

/// First and last publication dates of the corpus.
const FIRST_DAY: (i32, u32, u32) = (2023, 1, 3);
const LAST_DAY: (i32, u32, u32) = (2026, 10, 30);

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// A record about to be emitted.
pub(crate) struct Draft {
    /// Catalog item, if any.
    pub item: Option<&'static str>,
    /// Domain (must agree with the item).
    pub domain: Domain,
    /// Division code.
    pub region: u32,
    /// Headline.
    pub title: String,
    /// Plain-text (rarely HTML) body.
    pub body: String,
    /// 公开主体.
    pub publisher: String,
    /// Where it is published.
    pub site: Site,
    /// The site's column, part of the link.
    pub section: &'static str,
    /// Publication date.
    pub published: NaiveDate,
    /// When the information was formed.
    pub formed: Option<NaiveDate>,
    /// 项目编号 / 地块编号 / 文号.
    pub code: Option<String>,
    /// Amount in yuan.
    pub amount: Option<f64>,
    /// Companies and persons named.
    pub entities: Vec<String>,
}

impl Draft {
    /// A draft of catalog item `item`, with everything else empty.
    pub fn new(item: &'static str, region: u32, published: NaiveDate, formed: Option<NaiveDate>) -> Draft {
        let domain = catalog::item(item).map(|i| i.domain).unwrap_or(Domain::General);
        Draft {
            item: Some(item),
            domain,
            region,
            title: String::new(),
            body: String::new(),
            publisher: String::new(),
            site: Site::Jsggzy,
            section: "",
            published,
            formed,
            code: None,
            amount: None,
            entities: Vec::new(),
        }
    }

    /// A draft of the `general` domain outside the catalogs (policy documents, reports).
    pub fn general(region: u32, published: NaiveDate, formed: Option<NaiveDate>) -> Draft {
        Draft { item: None, domain: Domain::General, ..Draft::new("T01", region, published, formed) }
    }
}

/// A tender won, remembered so that later credit and penalty records can name the same
/// company and project.
#[derive(Debug, Clone)]
pub(crate) struct Award {
    /// The winning company (index into the pool).
    pub company: usize,
    /// Its 项目负责人, for construction.
    pub manager: Option<String>,
    /// The purchaser or tenderee.
    pub owner: String,
    /// The project name.
    pub project: String,
    /// Its project code.
    pub code: String,
    /// Its division.
    pub region: u32,
    /// The contract amount.
    pub amount: f64,
    /// When it was awarded.
    pub date: NaiveDate,
}

/// The generator's state.
pub(crate) struct Gen {
    /// The one source of randomness.
    pub rng: Rng,
    /// The company pool.
    pub pool: Pool,
    out: Vec<Record>,
    seq: HashMap<Domain, u32>,
    serials: HashMap<String, u32>,
    /// Titles used so far.
    titles: std::collections::HashSet<String>,
    /// Keys of one-off records already made (one annual plan per division and year…).
    once: std::collections::HashSet<String>,
    /// Publication dates of the records emitted so far, per project code.
    stages: HashMap<String, Vec<NaiveDate>>,
    /// Construction tenders won so far.
    pub works: Vec<Award>,
    /// Procurement contracts won so far.
    pub purchases: Vec<Award>,
    /// Land parcels sold so far.
    pub parcels: Vec<Award>,
    /// Mining and exploration rights sold so far.
    pub mines: Vec<Award>,
    first: NaiveDate,
    last: NaiveDate,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        let mut rng = Rng::with_seed(seed);
        let pool = Pool::new(&mut rng);
        Gen {
            rng,
            pool,
            out: Vec::new(),
            seq: HashMap::new(),
            serials: HashMap::new(),
            stages: HashMap::new(),
            once: std::collections::HashSet::new(),
            titles: std::collections::HashSet::new(),
            works: Vec::new(),
            purchases: Vec::new(),
            parcels: Vec::new(),
            mines: Vec::new(),
            first: ymd(FIRST_DAY),
            last: ymd(LAST_DAY),
        }
    }

    /// True the first time it is called with `key`: for records a division publishes once.
    pub fn first_time(&mut self, key: String) -> bool {
        self.once.insert(key)
    }

    /// Whether a record of catalog item `code` has been emitted.
    fn covers(&self, code: &str) -> bool {
        self.out.iter().any(|r| r.catalog_item.as_deref() == Some(code))
    }

    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u32) -> bool {
        self.rng.u32(..100) < pct
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        self.rng.u32(lo..=hi.max(lo))
    }

    /// One element of a non-empty slice.
    pub fn one<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    /// One element of a weighted table.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut x = self.rng.u32(..total.max(1));
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= *w;
        }
        &items[items.len() - 1].0
    }

    /// An amount between `lo` and `hi` 万元, skewed towards the low end and rounded the way
    /// budgets are (to 1,000 or 10,000 yuan).
    pub fn money(&mut self, lo_wan: f64, hi_wan: f64) -> f64 {
        let u = self.rng.f64();
        let wan = lo_wan + (hi_wan - lo_wan) * u * u;
        let yuan = wan * 10_000.0;
        let step = if yuan >= 1_000_000.0 { 10_000.0 } else { 1_000.0 };
        ((yuan / step).round() * step).max(step)
    }

    /// A bid or deal below `budget` (between `lo` and `hi` of it), to the yuan.
    pub fn bid(&mut self, budget: f64, lo: f64, hi: f64) -> f64 {
        (budget * (lo + (hi - lo) * self.rng.f64())).round()
    }

    /// A fictitious person's full name.
    pub fn person(&mut self) -> String {
        names::person(&mut self.rng)
    }

    /// A private person's name as lists publish it, partly masked.
    pub fn masked(&mut self) -> String {
        names::masked(&mut self.rng)
    }

    /// Draws a company of `kind`, usually local to `region`.
    pub fn company(&mut self, kind: Kind, region: u32) -> usize {
        self.pool.pick(&mut self.rng, kind, region)
    }

    /// Draws `n` distinct companies of `kind`.
    pub fn companies(&mut self, kind: Kind, region: u32, n: usize) -> Vec<usize> {
        self.pool.pick_distinct(&mut self.rng, kind, region, n)
    }

    /// Draws `n` distinct companies of `kind` whose name contains one of `words` (any of the
    /// kind if `words` is empty or too few fit), usually local to `region`.
    pub fn fitting(&mut self, kind: Kind, words: &[&str], region: u32, n: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < n * 30 {
            tries += 1;
            let c = self.company(kind, region);
            let name = &self.pool.get(c).name;
            let fits = words.is_empty() || tries > n * 20 || words.iter().any(|w| name.contains(w));
            if fits && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The company at `i`.
    pub fn co(&self, i: usize) -> &Company {
        self.pool.get(i)
    }

    /// The name of the company at `i`.
    pub fn name(&self, i: usize) -> String {
        self.pool.get(i).name.clone()
    }

    /// The next number in the series `key` (per issuer and year), starting somewhere plausible.
    pub fn serial(&mut self, key: String, start_max: u32) -> u32 {
        let start = self.rng.u32(1..=start_max.max(1));
        let n = self.serials.entry(key).or_insert(start - 1);
        *n += self.rng.u32(1..=3);
        *n
    }

    /// The next number of a document series, e.g. `宁建罚决字〔2026〕27号` for head `宁建罚决字`.
    pub fn doc(&mut self, head: &str, year: i32) -> String {
        let n = self.serial(format!("{head}〔{year}〕"), 30);
        format!("{head}〔{year}〕{n}号")
    }

    /// A publication date anywhere in the corpus span.
    pub fn start(&mut self) -> NaiveDate {
        let span = (self.last - self.first).num_days();
        let d = self.first + chrono::Duration::days(self.rng.i64(0..=span));
        self.workday_on_or_after(d)
    }

    /// A date in the first `days` calendar days of a year (for annual plans), or a random date.
    pub fn early_in_year(&mut self, year: i32, days: i64) -> NaiveDate {
        let d =
            NaiveDate::from_ymd_opt(year, 1, 5).unwrap_or(self.first) + chrono::Duration::days(self.rng.i64(0..days));
        self.workday_on_or_after(d)
    }

    /// The first working day on or after `d` (now and then a weekend day is kept, as happens).
    pub fn workday_on_or_after(&mut self, d: NaiveDate) -> NaiveDate {
        if self.chance(2) {
            return d;
        }
        let mut d = d;
        while !calendar::is_working_day(d) {
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }

    /// A date `lo..=hi` calendar days after `d` (kept within the corpus span when `d` is), or
    /// anywhere in the span without `d`: credit and penalty records follow the award they are
    /// about.
    pub fn after(&mut self, d: Option<NaiveDate>, lo: u32, hi: u32) -> NaiveDate {
        let Some(d) = d else { return self.start() };
        let room = (self.last - d).num_days().max(0) as u32;
        if room >= lo {
            self.later_days(d, lo, hi.min(room))
        } else {
            self.later_days(d, room / 2, room)
        }
    }

    /// `d` plus between `lo` and `hi` working days.
    pub fn later(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.range(lo, hi);
        add_working_days(d, n)
    }

    /// `d` plus between `lo` and `hi` calendar days, moved to a working day.
    pub fn later_days(&mut self, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
        let n = self.range(lo, hi);
        self.workday_on_or_after(d + chrono::Duration::days(n as i64))
    }

    /// When the information of a record of `item` published on `published` was formed.
    ///
    /// Usually a few working days before; about 6% are late (beyond the item's 20 or 7
    /// working-day limit), which leaves about 4% of all records late once later stages of a
    /// project are kept from being formed before earlier ones were published (see
    /// [`Gen::emit`]); about 7% of records carry no date at all.
    pub fn formed(&mut self, item: Option<&str>, published: NaiveDate) -> Option<NaiveDate> {
        if self.chance(7) {
            return None;
        }
        let limit = item.and_then(catalog::item).map(|i| i.limit).unwrap_or(TimeLimit::Standard);
        let days = limit.working_days();
        let k = if self.rng.u32(..1000) < 62 {
            days + self.range(2, days + 10)
        } else if limit == TimeLimit::Decision {
            self.range(1, 5)
        } else if self.chance(12) {
            self.range(6, 16)
        } else {
            self.range(0, 5)
        };
        Some(sub_working_days(published, k))
    }

    /// Turns a draft into a record (dropped if it falls after the end of the corpus).
    pub fn emit(&mut self, d: Draft) -> bool {
        if d.published > self.last || d.published < self.first {
            return false;
        }
        debug_assert!(d.item.is_none_or(|i| catalog::item(i).map(|c| c.domain) == Some(d.domain)));
        // Information is never formed before an earlier stage of the same project was published
        // (a contract is not signed before its tender notice).
        let mut formed = d.formed.filter(|f| *f <= d.published);
        let published = d.published;
        if let Some(code) = &d.code {
            let stages = self.stages.entry(code.clone()).or_default();
            let floor = stages.iter().copied().filter(|p| *p <= published).max();
            formed = formed.map(|f| floor.map_or(f, |p| f.max(p)));
            stages.push(published);
        }
        // Periodic notices that would repeat a headline carry their number, as sites do.
        let mut title = d.title;
        if !self.titles.insert(title.clone()) {
            if let Some(code) = d.code.as_deref().filter(|c| !title.contains(c)) {
                title = format!("{title}（{code}）");
                self.titles.insert(title.clone());
            }
        }
        let seq = self.seq.entry(d.domain).or_insert(0);
        *seq += 1;
        let id = format!("js-{}-{:06}", d.domain.code(), *seq);
        let url = places::url(&mut self.rng, d.site, d.region, published, d.section);
        let mut entities: Vec<String> = Vec::with_capacity(d.entities.len());
        for e in d.entities {
            if !e.is_empty() && !entities.contains(&e) {
                entities.push(e);
            }
        }
        self.out.push(Record {
            id,
            title,
            body: d.body,
            domain: d.domain,
            catalog_item: d.item.map(str::to_string),
            region_code: d.region.to_string(),
            publisher: Some(d.publisher),
            source: Some(places::source_name(d.site, d.region)),
            url: Some(url),
            published_at: published,
            formed_at: formed,
            project_code: d.code,
            amount_yuan: d.amount,
            entities,
        });
        true
    }

    /// A construction award to name in a credit or penalty record (usually a real one).
    pub fn recall_work(&mut self) -> Option<Award> {
        if self.works.is_empty() || self.chance(25) {
            return None;
        }
        let i = self.rng.usize(..self.works.len());
        Some(self.works[i].clone())
    }

    /// A procurement award to name in a complaint, credit or penalty record.
    pub fn recall_purchase(&mut self) -> Option<Award> {
        if self.purchases.is_empty() || self.chance(25) {
            return None;
        }
        let i = self.rng.usize(..self.purchases.len());
        Some(self.purchases[i].clone())
    }
}

/// `d` plus `n` working days (the `n`-th working day after `d`).
fn add_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut d = d;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if calendar::is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// The latest date `f` with exactly `n` working days in `(f, d]`.
fn sub_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut f = d;
    let mut left = n;
    while left > 0 {
        if calendar::is_working_day(f) {
            left -= 1;
        }
        f = f.pred_opt().unwrap_or(f);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::record::looks_like_html;
    use gongkai_core::regions;
    use std::collections::{BTreeMap, HashSet};

    fn corpus() -> &'static [Record] {
        static CORPUS: std::sync::OnceLock<Vec<Record>> = std::sync::OnceLock::new();
        CORPUS.get_or_init(|| generate(5000, 7))
    }

    #[test]
    fn covers_every_domain_and_catalog_item() {
        let recs = corpus();
        assert_eq!(recs.len(), 5000);
        let domains: HashSet<Domain> = recs.iter().map(|r| r.domain).collect();
        assert_eq!(domains.len(), 8, "{domains:?}");
        let mut items: BTreeMap<&str, usize> = BTreeMap::new();
        for r in recs {
            if let Some(i) = &r.catalog_item {
                *items.entry(i.as_str()).or_default() += 1;
            }
        }
        for it in catalog::items() {
            let n = items.get(it.code).copied().unwrap_or(0);
            assert!(n >= 3, "catalog item {} appears {n} times", it.code);
        }
        let share = |d: Domain| recs.iter().filter(|r| r.domain == d).count();
        assert!(share(Domain::Procurement) > share(Domain::Mining) * 4);
        assert!(share(Domain::Construction) > share(Domain::General) * 4);
        assert!(share(Domain::Procurement) > share(Domain::Land));
    }

    #[test]
    fn spreads_over_regions_and_every_city() {
        let recs = corpus();
        let codes: HashSet<&str> = recs.iter().map(|r| r.region_code.as_str()).collect();
        assert!(codes.len() >= 60, "only {} regions", codes.len());
        for city in regions::all().iter().filter(|r| r.level == regions::Level::City) {
            assert!(codes.contains(city.code.to_string().as_str()), "{} missing", city.name);
        }
    }

    #[test]
    fn every_record_round_trips_through_validation() {
        for r in corpus() {
            let value = serde_json::to_value(r).unwrap();
            let back = Record::from_json(&value).unwrap_or_else(|e| panic!("{}: {e}", r.id));
            if looks_like_html(&r.body) {
                assert!(!back.body.is_empty() && !looks_like_html(&back.body), "{}", r.id);
                assert_eq!(Record { body: r.body.clone(), ..back }, *r);
            } else {
                assert_eq!(back, *r);
            }
            assert!(r.source.is_some() && r.publisher.is_some(), "{}", r.id);
            assert!(r.url.as_deref().is_some_and(|u| u.starts_with("http")), "{}", r.id);
        }
    }

    #[test]
    fn bodies_have_realistic_length_and_a_few_are_html() {
        let recs = corpus();
        let mut html = 0;
        for r in recs {
            if looks_like_html(&r.body) {
                html += 1;
                continue;
            }
            let n = r.body.chars().count();
            assert!((text::BODY_MIN_CHARS..=text::BODY_MAX_CHARS).contains(&n), "{} has {n} chars: {}", r.id, r.title);
            assert!(!r.body.contains("{"), "{} has a template hole", r.id);
            assert!(!r.title.contains("{"), "{} has a template hole", r.id);
        }
        assert!((10..=150).contains(&html), "{html} HTML bodies");
    }

    #[test]
    fn headlines_are_distinct() {
        let titles: HashSet<&str> = corpus().iter().map(|r| r.title.as_str()).collect();
        assert!(titles.len() * 1000 >= corpus().len() * 995, "{} distinct titles", titles.len());
    }

    #[test]
    fn projects_are_followed_through_their_life() {
        let recs = corpus();
        let mut by_code: HashMap<&str, Vec<&Record>> = HashMap::new();
        for r in recs {
            if let Some(c) = &r.project_code {
                by_code.entry(c.as_str()).or_default().push(r);
            }
        }
        let long = by_code.values().filter(|v| v.len() >= 3).count();
        assert!(long >= 50, "only {long} projects with 3+ records");
        // A procurement project: notice, result and contract share code, region and winner.
        let full = by_code.values().find(|v| {
            v.iter().any(|r| r.title.ends_with("公开招标公告"))
                && v.iter().any(|r| r.title.contains("结果公告"))
                && v.iter().any(|r| r.title.contains("合同"))
        });
        let full = full.expect("a procurement project with notice, result and contract");
        assert!(full.iter().all(|r| r.region_code == full[0].region_code && r.domain == full[0].domain));
        let result = full.iter().find(|r| r.title.contains("结果公告")).unwrap();
        let contract = full.iter().find(|r| r.title.contains("合同")).unwrap();
        assert!(contract.entities.iter().any(|e| result.entities.contains(e)));
        assert!(full.windows(2).all(|w| w[0].published_at <= w[1].published_at));
    }

    #[test]
    fn a_project_code_never_mixes_projects() {
        let mut by_code: HashMap<&str, Vec<&Record>> = HashMap::new();
        for r in corpus() {
            if let Some(c) = &r.project_code {
                by_code.entry(c.as_str()).or_default().push(r);
            }
        }
        for (code, recs) in by_code {
            assert!(recs.iter().all(|r| r.domain == recs[0].domain), "{code} spans domains");
            let cities: HashSet<u32> = recs
                .iter()
                .filter(|r| r.region_code != "320000")
                .filter_map(|r| regions::city_of(r.region()).map(|c| c.code))
                .collect();
            assert!(cities.len() <= 1, "{code} spans cities: {cities:?}");
            let notices =
                recs.iter().filter(|r| r.title.ends_with("出让公告") || r.title.ends_with("招标公告")).count();
            assert!(notices <= 1, "{code} has {notices} sale or tender notices");
        }
    }

    #[test]
    fn companies_have_histories() {
        let recs = corpus();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for r in recs {
            for e in &r.entities {
                if e.ends_with("公司") || e.contains("有限公司") {
                    *seen.entry(e.as_str()).or_default() += 1;
                }
            }
        }
        let busy = seen.values().filter(|&&n| n >= 5).count();
        assert!(busy >= 20, "only {busy} companies in 5+ records");
        let winners: HashSet<&str> = recs
            .iter()
            .filter(|r| r.title.contains("中标") && (r.title.contains("结果") || r.title.contains("候选人")))
            .flat_map(|r| r.entities.iter().map(String::as_str))
            .collect();
        let punished: HashSet<&str> = recs
            .iter()
            .filter(|r| matches!(r.catalog_item.as_deref(), Some("T07" | "T19" | "T06" | "T18")))
            .filter(|r| r.title.contains("处罚") || r.title.contains("黑名单") || r.title.contains("失信"))
            .flat_map(|r| r.entities.iter().map(String::as_str))
            .collect();
        assert!(winners.intersection(&punished).count() >= 3, "no winner was ever penalised");
        // Complaints, blacklists and bad-conduct records about a tender come after its award.
        let mut awarded: HashMap<&str, chrono::NaiveDate> = HashMap::new();
        let is_award =
            |r: &&Record| (r.title.contains("中标") || r.title.contains("成交")) && r.title.contains("结果公告");
        for r in recs.iter().filter(is_award) {
            if let Some(c) = &r.project_code {
                awarded.insert(c.as_str(), r.published_at);
            }
        }
        let followers: Vec<&Record> = recs
            .iter()
            .filter(|r| matches!(r.catalog_item.as_deref(), Some("T06" | "T17")))
            .filter(|r| r.project_code.as_deref().is_some_and(|c| awarded.contains_key(c)))
            .collect();
        assert!(followers.len() >= 5, "only {} records follow an award", followers.len());
        for r in followers {
            let award = awarded[r.project_code.as_deref().unwrap_or_default()];
            assert!(r.published_at >= award, "{} ({}) precedes its award of {award}", r.id, r.title);
        }
    }

    #[test]
    fn some_records_are_late_and_dates_stay_in_range() {
        let recs = corpus();
        let late = recs
            .iter()
            .filter(|r| {
                let Some(f) = r.formed_at else { return false };
                let limit =
                    r.catalog_item.as_deref().and_then(catalog::item).map(|i| i.limit.working_days()).unwrap_or(20);
                calendar::working_days_between(f, r.published_at) > limit
            })
            .count();
        let pct = late as f64 * 100.0 / recs.len() as f64;
        assert!((2.5..=6.0).contains(&pct), "{pct:.1}% late");
        let with_formed = recs.iter().filter(|r| r.formed_at.is_some()).count();
        assert!(with_formed * 100 / recs.len() >= 85);
        assert!(recs.iter().all(|r| r.published_at >= ymd(FIRST_DAY) && r.published_at <= ymd(LAST_DAY)));
        let working = recs.iter().filter(|r| calendar::is_working_day(r.published_at)).count();
        assert!(working * 100 / recs.len() >= 95);
        let years: HashSet<i32> = recs.iter().map(|r| chrono::Datelike::year(&r.published_at)).collect();
        assert_eq!(years.len(), 4);
    }

    #[test]
    fn deterministic_and_ids_unique() {
        let a = generate(800, 42);
        let b = generate(800, 42);
        let c = generate(800, 43);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let ids: HashSet<&str> = corpus().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), corpus().len());
    }

    #[test]
    fn twenty_thousand_records_quickly() {
        let t = std::time::Instant::now();
        let recs = generate(20_000, 1);
        assert_eq!(recs.len(), 20_000);
        let ids: HashSet<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), 20_000);
        // Generous for debug builds; release takes a fraction of a second.
        println!("generated 20000 records in {:?}", t.elapsed());
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }

    /// The guarantees hold for other seeds too, not just the one the other tests use.
    #[test]
    fn other_seeds_hold_up() {
        for seed in [1, 2, 3] {
            let recs = generate(5000, seed);
            for it in catalog::items() {
                let n = recs.iter().filter(|r| r.catalog_item.as_deref() == Some(it.code)).count();
                assert!(n >= 2, "seed {seed}: {} appears {n} times", it.code);
            }
            let mut by_code: HashMap<&str, Vec<&Record>> = HashMap::new();
            for r in &recs {
                if let Some(c) = &r.project_code {
                    by_code.entry(c.as_str()).or_default().push(r);
                }
            }
            for (code, rs) in by_code {
                assert!(rs.iter().all(|r| r.domain == rs[0].domain), "seed {seed}: {code} spans domains");
            }
            let late = recs
                .iter()
                .filter(|r| {
                    let Some(f) = r.formed_at else { return false };
                    let limit =
                        r.catalog_item.as_deref().and_then(catalog::item).map_or(20, |i| i.limit.working_days());
                    calendar::working_days_between(f, r.published_at) > limit
                })
                .count();
            assert!((125..=300).contains(&late), "seed {seed}: {late} late records");
        }
    }

    #[test]
    fn even_a_small_corpus_covers_every_item() {
        let listed: HashSet<&str> = SCENARIOS.iter().flat_map(|s| s.items.iter().copied()).collect();
        assert_eq!(listed.len(), catalog::items().len(), "every item has a scenario");
        for seed in 0..5 {
            let recs = generate(200, seed);
            let items: HashSet<&str> = recs.iter().filter_map(|r| r.catalog_item.as_deref()).collect();
            assert_eq!(items.len(), 45, "seed {seed}: {} items", items.len());
        }
    }

    #[test]
    fn small_corpora_work() {
        assert!(generate(0, 1).is_empty());
        assert_eq!(generate(1, 1).len(), 1);
        assert_eq!(generate(37, 9).len(), 37);
    }
}
