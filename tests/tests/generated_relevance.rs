//! Generated-truth relevance evaluation: queries and graded judgements generated from the sample
//! corpus's own fields (domain, catalog item, region, entities, project code, title), run through
//! the real edge handler (`edge::native::LocalEdge`) over an index built by the real
//! `index-builder`, and split once, by a hash of the query text, into a tuning half and a
//! held-out half. Nothing here reads the ranking or query-understanding code: the synonym keys
//! of `core/data/synonyms.tsv` only shape *queries*; every grade comes from record fields.
//!
//! # Grading rules
//!
//! A record's grade for a query is the highest rule it meets; every other record is 0.
//! "In the place" means the record's `region_code` is the place or lies inside it (a county's
//! city is its parent in `core/data/jiangsu-divisions.tsv`). A record's *stages* are the stage
//! words its title carries (table [`STAGES`]: 招标公告, 中标候选人, 中标结果, 合同, 摇号 …).
//!
//! | kind | 3 (exactly what is asked) | 2 (right entity/place/topic, another stage) | 1 (partly related) |
//! |---|---|---|---|
//! | `county_topic`, `pinyin` | in the county, the topic's domain | — | the domain elsewhere in the county's city, or the county with another domain |
//! | `city_topic_stage`, `traditional`, `typo` | in the city, the domain, the stage | in the city, the domain, another stage | the domain and stage outside the city |
//! | `company` | an entity is the name, or the title names it | the body names it | — |
//! | `company_topic` (the name without 有限公司 + 处罚/中标/合同/黑名单) | an entity is the company and the record is the topic (处罚 = a penalty item, 中标 = title 中标/成交, 合同 = a contract, 黑名单 = a credit item) | the company, another topic | another company whose name holds the same words, the topic |
//! | `code` | `project_code` is the code | title or body holds the code | — |
//! | `colloquial`, `question` | the intent's domain and catalog items (and stage), in the place | the domain in the place, another item or stage | the intent outside the place |
//! | `category` | a procurement title naming an item of the category, a 采购公告/成交公告 (T15), in the place | the item, another catalog item, in the place | the item outside the place |
//!
//! Generation is deterministic: the corpus is `sample --count N --seed S` ([`make_corpus`], the one
//! function to switch when the generator moves to its own crate), and the records are visited in
//! an order drawn from [`QUERY_SEED`]. A query's half is fixed by the FNV-1a hash of its text, so
//! the split does not move between runs or corpus sizes.
//!
//! Run (20,000 records, the CI test): `cargo test --release -p gongkai-tests --test generated_relevance -- --nocapture`
//! Tuning a knob on the tuning half: `GK_EVAL_RANKING=category_items=3 cargo test -p gongkai-tests
//! --test generated_relevance -- --nocapture` (see `edge::ranking` for the knobs).
//! By hand at 200,000: `GK_EVAL_COUNT=200000 cargo test --release -p gongkai-tests --test generated_relevance -- --nocapture`
//! Per-query figures (top hits with grades) are written to `build/relevance-generated.json`.

use edge::native::LocalEdge;
use edge::Config;
use gongkai_tests::{build_dir, encode, gongkai_sample, root};
use pinyin::ToPinyin;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The cut-off of the metric.
const K: usize = 10;
/// Seed of the sample corpus.
const CORPUS_SEED: u64 = 7;
/// Seed of query generation (the order records are visited in, and the variants drawn).
const QUERY_SEED: u64 = 20261201;
/// Queries generated per kind (before the split).
const PER_KIND: usize = 150;

/// Every kind of query, in table order.
const KINDS: &[&str] = &[
    "county_topic",
    "city_topic_stage",
    "company",
    "company_topic",
    "code",
    "colloquial",
    "pinyin",
    "traditional",
    "typo",
    "question",
    "category",
];

/// Floors on the **held-out** half (nDCG@10 per kind), set 0.02–0.03 below the values measured
/// at 20,000 records with the matching model of issue #10 (2026-12-01: county_topic 0.969,
/// city_topic_stage 0.990, company 1.000, company_topic 0.989, code 0.986, colloquial 0.961,
/// pinyin 0.959, traditional 0.987, typo 0.975, question 0.887, category 0.984; overall 0.971,
/// zero results 0.0 %, in the place 99.9 %; before it: overall 0.835, company_topic 0.597,
/// category 0.358, question 0.803), so that a regression fails. Raise them as the ranking improves.
const HELD_OUT_FLOORS: &[(&str, f64)] = &[
    ("county_topic", 0.94),
    ("city_topic_stage", 0.96),
    ("company", 0.97),
    ("company_topic", 0.96),
    ("code", 0.96),
    ("colloquial", 0.95),
    ("pinyin", 0.93),
    ("traditional", 0.96),
    ("typo", 0.95),
    ("question", 0.86),
    ("category", 0.95),
];
/// Floor on the held-out half's overall nDCG@10.
const HELD_OUT_OVERALL_FLOOR: f64 = 0.95;
/// Ceiling on the held-out half's zero-result rate.
const HELD_OUT_MAX_ZERO: f64 = 0.01;
/// Floor on the held-out half's share of first-page hits inside the place asked for.
const HELD_OUT_MIN_IN_PLACE: f64 = 0.97;

/// The targets of issue #10, printed beside the measured figures.
const TARGET_OVERALL: f64 = 0.92;
const TARGET_PER_KIND: f64 = 0.80;
const TARGET_MAX_ZERO: f64 = 0.01;
const TARGET_IN_PLACE: f64 = 0.95;

/// What people type for each domain's topic (reviewed): the query side only.
const TOPICS: &[(&str, &[&str])] = &[
    ("construction", &["工程招标", "建设工程", "施工"]),
    ("procurement", &["政府采购", "采购项目"]),
    ("land", &["国有建设用地", "土地出让", "土地"]),
    ("mining", &["采矿权", "矿业权"]),
    ("state_assets", &["产权交易", "国有产权", "产权转让"]),
    ("medical", &["药品集中采购", "医用耗材", "带量采购"]),
    ("housing", &["保障性住房", "公共租赁住房", "住房保障"]),
];

/// Stages of the process (the word people type → the title wordings that carry it). A record
/// may carry several (中标（成交）结果 is both 中标结果 and 成交结果).
const STAGES: &[(&str, &[&str])] = &[
    ("中标候选人", &["中标候选人"]),
    ("中标结果", &["中标结果", "中标（成交）结果"]),
    ("成交结果", &["成交结果", "成交公示", "成交公告", "中标（成交）结果"]),
    ("资格预审", &["资格预审"]),
    ("招标公告", &["招标公告"]),
    ("磋商公告", &["竞争性磋商公告"]),
    ("询价公告", &["询价公告"]),
    ("采购意向", &["采购意向"]),
    ("废标公告", &["废标公告"]),
    ("合同", &["合同"]),
    ("验收结果", &["验收结果"]),
    ("出让公告", &["挂牌出让公告", "拍卖出让公告", "招标出让公告"]),
    ("供应结果", &["供应结果"]),
    ("摇号", &["摇号"]),
    ("审核结果", &["审核结果"]),
    ("分配结果", &["分配结果"]),
    ("房源公告", &["房源公告"]),
    ("中选结果", &["中选结果"]),
    ("行政处罚", &["行政处罚"]),
    ("评估结果", &["评估结果"]),
    ("转让公告", &["转让公告"]),
];

/// A question template: text, domain, catalog items, stage.
type Question = (&'static str, Option<&'static str>, &'static [&'static str], Option<&'static str>);

/// Plain-language questions (reviewed): template (`{p}` = a city or nothing), domain (or none),
/// catalog items, stage (or none).
const QUESTIONS: &[Question] = &[
    ("{p}哪些公司被列入黑名单", None, &["T06", "T18", "T23", "T26"], None),
    ("{p}哪些企业受到了行政处罚", None, &["T07", "T19", "T24", "T27"], None),
    ("{p}怎么申请公租房", Some("housing"), &["H13", "H14", "H16"], None),
    ("{p}公租房摇号结果在哪里看", Some("housing"), &["H17"], None),
    ("{p}最近有哪些土地出让", Some("land"), &["T09"], None),
    ("{p}有哪些地块成交了", Some("land"), &["T09"], Some("成交结果")),
    ("{p}政府采购有哪些招标", Some("procurement"), &["T15"], Some("招标公告")),
    ("{p}这个工程是谁中标了", Some("construction"), &["T04"], Some("中标结果")),
    ("{p}国企卖了哪些资产", Some("state_assets"), &["T22"], None),
    ("{p}有哪些采矿权出让", Some("mining"), &["T12"], None),
    ("{p}药品集中采购中选结果是什么", Some("medical"), &["T25"], Some("中选结果")),
    ("{p}今年保障房建设计划是多少", Some("housing"), &["H02", "H03"], None),
    ("{p}政府采购合同在哪里公示", Some("procurement"), &["T16"], Some("合同")),
];

/// Company topic words and the catalog items / title words that make a record that topic.
const COMPANY_TOPICS: &[(&str, &[&str], &[&str])] = &[
    ("处罚", &["T07", "T19", "T24", "T27"], &["行政处罚"]),
    ("中标", &[], &["中标", "成交"]),
    ("合同", &["T05", "T16"], &["合同"]),
    ("黑名单", &["T06", "T18", "T23", "T26"], &[]),
];

// ---------------------------------------------------------------------------------------
// Data: divisions, the reviewed tables

/// One division of `core/data/jiangsu-divisions.tsv`.
struct Division {
    name: String,
    parent: u32,
    level: String,
}

/// Reads a tab-separated data file: lines that are not comments or blank, split on tabs.
fn tsv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(|f| f.trim().to_string()).collect())
        .collect()
}

fn divisions() -> BTreeMap<u32, Division> {
    let path = root().join("core/data/jiangsu-divisions.tsv");
    tsv(&path)
        .into_iter()
        .skip(1)
        .enumerate()
        .map(|(i, f)| {
            let code = f[0].parse().unwrap_or_else(|_| panic!("{}:{}: bad code {}", path.display(), i + 2, f[0]));
            let parent = f.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
            (code, Division { name: f[1].clone(), parent, level: f.get(3).cloned().unwrap_or_default() })
        })
        .collect()
}

/// The divisions and the ancestry questions on them.
struct Places {
    div: BTreeMap<u32, Division>,
    /// Short names that more than one division has (鼓楼), or that begin another division's name
    /// (连云, 连云港): not used alone as a place.
    ambiguous: HashSet<String>,
}

impl Places {
    fn new() -> Places {
        let div = divisions();
        let mut count: HashMap<String, usize> = HashMap::new();
        for d in div.values() {
            *count.entry(short(&d.name)).or_default() += 1;
        }
        let shorts: Vec<String> = count.keys().cloned().collect();
        // Also a short name another name starts with: 连云 (连云区) is read as 连云港.
        let ambiguous = count
            .into_iter()
            .filter(|(k, n)| *n > 1 || shorts.iter().any(|o| o != k && o.starts_with(k.as_str())))
            .map(|(k, _)| k)
            .collect();
        Places { div, ambiguous }
    }
    fn within(&self, code: u32, place: u32) -> bool {
        let mut c = code;
        for _ in 0..4 {
            if c == place {
                return true;
            }
            match self.div.get(&c) {
                Some(d) if d.parent != 0 => c = d.parent,
                _ => return false,
            }
        }
        false
    }
    fn city_of(&self, code: u32) -> Option<u32> {
        let d = self.div.get(&code)?;
        match d.level.as_str() {
            "city" => Some(code),
            "district" | "county" | "county-level city" => Some(d.parent),
            _ => None,
        }
    }
    fn is_county(&self, code: u32) -> bool {
        self.div.get(&code).is_some_and(|d| d.level != "city" && d.level != "province")
    }
}

/// A division's name without 市/区/县 when two characters or more remain (苏州市 → 苏州).
fn short(name: &str) -> String {
    for suffix in ["市", "区", "县"] {
        if let Some(s) = name.strip_suffix(suffix) {
            if s.chars().count() >= 2 {
                return s.to_string();
            }
        }
    }
    name.to_string()
}

fn pairs(file: &str) -> HashMap<String, String> {
    let path = root().join("tests/relevance/generated").join(file);
    tsv(&path)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            assert!(f.len() >= 2 && !f[1].is_empty(), "{}: entry {} has no second column", path.display(), i + 1);
            (f[0].clone(), f[1].clone())
        })
        .collect()
}

/// One category of `categories.tsv`.
struct Category {
    name: String,
    items: Vec<String>,
    buyer: String,
}

fn categories() -> Vec<Category> {
    let path = root().join("tests/relevance/generated/categories.tsv");
    tsv(&path)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            assert!(f.len() >= 3, "{}: entry {}: expected category, class, items", path.display(), i + 1);
            assert!(["A", "B", "C"].contains(&f[1].as_str()), "{}: entry {}: class {}", path.display(), i + 1, f[1]);
            Category {
                name: f[0].clone(),
                items: f[2].split('|').map(str::to_string).collect(),
                buyer: f.get(3).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// Synonym keys with an intent: (key, domain, catalog items).
fn colloquial_keys() -> Vec<(String, Option<String>, Vec<String>)> {
    let path = root().join("core/data/synonyms.tsv");
    tsv(&path)
        .into_iter()
        .filter(|f| f.len() >= 3 && !f[2].is_empty())
        .map(|f| {
            let mut domain = None;
            let mut items = Vec::new();
            for t in f[2].split_whitespace() {
                if t.len() == 3 && (t.starts_with('T') || t.starts_with('H')) {
                    items.push(t.to_string());
                } else {
                    domain = Some(t.to_string());
                }
            }
            (f[0].clone(), domain, items)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The corpus

/// The fields of a record the judgements look at.
struct Doc {
    id: String,
    title: String,
    body: String,
    domain: String,
    catalog: String,
    region: u32,
    project_code: String,
    entities: Vec<String>,
    stages: Vec<&'static str>,
}

/// Writes the sample corpus (`count` records, `seed`) as JSON Lines to `out`. The one place
/// to switch when the generator becomes `gongkai-sample --count N --seed S --out f.jsonl`.
fn make_corpus(count: usize, seed: u64, out: &Path) {
    let (ok, err) = gongkai_sample(&[
        "--count",
        &count.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        out.to_str().unwrap_or_default(),
    ]);
    assert!(ok, "gongkai-sample --count {count} --seed {seed} failed: {err}");
}

/// The corpus and its index under `build/tests/generated-<count>/`.
fn corpus_and_index(count: usize) -> (PathBuf, PathBuf) {
    let dir = build_dir().join(format!("generated-{count}"));
    std::fs::create_dir_all(&dir).expect("build dir");
    let corpus = dir.join("sample.jsonl");
    let index = dir.join("index");
    make_corpus(count, CORPUS_SEED, &corpus);
    gongkai_tests::build_index(&corpus, &index);
    (corpus, index)
}

fn stages_of(title: &str) -> Vec<&'static str> {
    STAGES.iter().filter(|(_, marks)| marks.iter().any(|m| title.contains(m))).map(|(s, _)| *s).collect()
}

fn load_corpus(path: &Path) -> Vec<Doc> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let s = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: not JSON: {e}", path.display(), i + 1));
            let title = s(&v, "title");
            Doc {
                id: s(&v, "id"),
                body: s(&v, "body"),
                domain: s(&v, "domain"),
                catalog: s(&v, "catalog_item"),
                region: s(&v, "region_code").parse().unwrap_or(0),
                project_code: s(&v, "project_code"),
                entities: v["entities"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                stages: stages_of(&title),
                title,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Queries and judgements

/// What a query asks, as criteria over record fields.
#[derive(Clone, Debug)]
enum Judge {
    /// A county and a domain's topic.
    PlaceTopic { place: u32, city: u32, domain: String },
    /// A city, a domain's topic and a stage.
    PlaceTopicStage { place: u32, domain: String, stage: &'static str },
    /// A full company name.
    Company { name: String },
    /// A company name without its suffix and a topic word.
    CompanyTopic { name: String, core: String, items: Vec<String>, words: Vec<String> },
    /// A project code.
    Code { code: String },
    /// An intent: domain, catalog items, stage, optionally in a place.
    Intent { place: Option<u32>, domain: Option<String>, items: Vec<String>, stage: Option<&'static str> },
    /// A category of things bought, optionally in a place.
    Category { place: Option<u32>, items: Vec<String> },
}

impl Judge {
    fn place(&self) -> Option<u32> {
        match self {
            Judge::PlaceTopic { place, .. } | Judge::PlaceTopicStage { place, .. } => Some(*place),
            Judge::Intent { place, .. } | Judge::Category { place, .. } => *place,
            _ => None,
        }
    }

    fn grade(&self, p: &Places, d: &Doc) -> u32 {
        let inside = |place: &Option<u32>| place.is_none_or(|pl| p.within(d.region, pl));
        match self {
            Judge::PlaceTopic { place, city, domain } => {
                let here = p.within(d.region, *place);
                match (here, &d.domain == domain) {
                    (true, true) => 3,
                    (true, false) => 1,
                    (false, true) if p.within(d.region, *city) => 1,
                    _ => 0,
                }
            }
            Judge::PlaceTopicStage { place, domain, stage } => {
                if &d.domain != domain {
                    return 0;
                }
                let staged = d.stages.contains(stage);
                match (p.within(d.region, *place), staged) {
                    (true, true) => 3,
                    (true, false) => 2,
                    (false, true) => 1,
                    _ => 0,
                }
            }
            Judge::Company { name } => {
                if d.entities.iter().any(|e| e == name) || d.title.contains(name.as_str()) {
                    3
                } else if d.body.contains(name.as_str()) {
                    2
                } else {
                    0
                }
            }
            Judge::CompanyTopic { name, core, items, words } => {
                let topic = items.contains(&d.catalog) || words.iter().any(|w| d.title.contains(w.as_str()));
                let exact = d.entities.iter().any(|e| e == name) || d.title.contains(name.as_str());
                if exact {
                    if topic {
                        3
                    } else {
                        2
                    }
                } else if topic && d.entities.iter().any(|e| e.contains(core.as_str())) {
                    1
                } else {
                    0
                }
            }
            Judge::Code { code } => {
                if &d.project_code == code {
                    3
                } else if d.title.contains(code.as_str()) || d.body.contains(code.as_str()) {
                    2
                } else {
                    0
                }
            }
            Judge::Intent { place, domain, items, stage } => {
                let dom = domain.as_ref().is_none_or(|x| x == &d.domain);
                let item = items.is_empty() || items.contains(&d.catalog);
                let st = stage.is_none_or(|s| d.stages.contains(&s));
                // Without a domain the items name it: the domain of any of them.
                if !dom || (domain.is_none() && !item) {
                    return 0;
                }
                match (inside(place), item && st) {
                    (true, true) => 3,
                    (true, false) => 2,
                    (false, true) => 1,
                    _ => 0,
                }
            }
            Judge::Category { place, items } => {
                if d.domain != "procurement" || !items.iter().any(|i| d.title.contains(i.as_str())) {
                    return 0;
                }
                match (inside(place), d.catalog == "T15") {
                    (true, true) => 3,
                    (true, false) => 2,
                    _ => 1,
                }
            }
        }
    }
}

/// One generated query.
struct Query {
    q: String,
    kind: &'static str,
    judge: Judge,
    held_out: bool,
}

/// FNV-1a, 64 bits: stable across runs, platforms and Rust versions (std's hasher is not).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// The split: held out when the query text's hash is odd.
fn held_out(q: &str) -> bool {
    fnv1a(q) % 2 == 1
}

/// SplitMix64, a small deterministic generator for the draws.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            Some(&v[self.below(v.len())])
        }
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

fn topics(domain: &str) -> &'static [&'static str] {
    TOPICS.iter().find(|(d, _)| *d == domain).map(|(_, t)| *t).unwrap_or(&[])
}

/// Pinyin of a word, without tones (昆山 → kunshan; `spaced` puts a space between syllables).
fn pinyin_of(word: &str, spaced: bool) -> String {
    let syl: Vec<String> =
        word.chars().map(|c| c.to_pinyin().map(|p| p.plain().to_string()).unwrap_or_else(|| c.to_string())).collect();
    syl.join(if spaced { " " } else { "" })
}

/// A company name as people say it: without 有限公司 and the like (江苏汇金建设集团有限公司 →
/// 江苏汇金建设); `None` for names that are not companies.
fn company_short(name: &str) -> Option<&str> {
    if !name.ends_with("公司") {
        return None;
    }
    ["股份有限公司", "有限责任公司", "集团有限公司", "有限公司"].iter().find_map(|s| name.strip_suffix(s))
}

/// A company name's distinctive words: without its suffix and without a leading province, city
/// or county name (江苏汇金建设集团有限公司 → 汇金建设).
fn company_core(name: &str, p: &Places) -> Option<String> {
    let mut s = company_short(name)?;
    let mut places: Vec<String> = vec!["江苏省".into(), "江苏".into()];
    for d in p.div.values() {
        places.push(d.name.clone());
        places.push(short(&d.name));
    }
    places.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    if let Some(pl) = places.iter().find(|pl| s.starts_with(pl.as_str())) {
        s = &s[pl.len()..];
    }
    (s.chars().count() >= 4).then(|| s.to_string())
}

/// The generator's shared state.
struct Gen<'a> {
    docs: &'a [Doc],
    places: &'a Places,
    trad: HashMap<String, String>,
    typos: HashMap<String, String>,
    cats: Vec<Category>,
    colloquial: Vec<(String, Option<String>, Vec<String>)>,
}

impl Gen<'_> {
    fn place_name(&self, code: u32, rng: &mut Rng) -> Option<String> {
        let d = self.places.div.get(&code)?;
        let s = short(&d.name);
        if self.places.ambiguous.contains(&s) {
            return None;
        }
        Some(if rng.coin() { s } else { d.name.clone() })
    }

    /// A county + topic query from a record in a county.
    fn county_topic(&self, d: &Doc, rng: &mut Rng) -> Option<(String, Judge, String, String)> {
        if !self.places.is_county(d.region) {
            return None;
        }
        let topic = *rng.pick(topics(&d.domain))?;
        let place = self.place_name(d.region, rng)?;
        let city = self.places.city_of(d.region)?;
        let judge = Judge::PlaceTopic { place: d.region, city, domain: d.domain.clone() };
        Some((format!("{place} {topic}"), judge, short(&place), topic.to_string()))
    }

    /// A city + topic + stage query: (query words, judgement).
    fn city_topic_stage(&self, d: &Doc, rng: &mut Rng) -> Option<(Vec<String>, Judge)> {
        let city = self.places.city_of(d.region)?;
        let stage = *rng.pick(&d.stages)?;
        let topic = *rng.pick(topics(&d.domain))?;
        let place = short(&self.places.div.get(&city)?.name);
        let judge = Judge::PlaceTopicStage { place: city, domain: d.domain.clone(), stage };
        Some((vec![place, topic.to_string(), stage.to_string()], judge))
    }

    fn one(&self, kind: &str, d: &Doc, rng: &mut Rng) -> Option<(String, Judge)> {
        match kind {
            "county_topic" => self.county_topic(d, rng).map(|(q, j, _, _)| (q, j)),
            "pinyin" => {
                let (_, judge, place, topic) = self.county_topic(d, rng)?;
                let spaced = rng.coin();
                Some((format!("{} {}", pinyin_of(&place, spaced), pinyin_of(&topic, spaced)), judge))
            }
            "city_topic_stage" => self.city_topic_stage(d, rng).map(|(w, j)| (w.join(" "), j)),
            "traditional" => {
                let (words, judge) = self.city_topic_stage(d, rng)?;
                let simple = words.join(" ");
                let q: String = simple
                    .chars()
                    .map(|c| self.trad.get(&c.to_string()).cloned().unwrap_or_else(|| c.to_string()))
                    .collect();
                (q != simple).then_some((q, judge))
            }
            "typo" => {
                let (mut words, judge) = self.city_topic_stage(d, rng)?;
                let which: Vec<usize> = (1..words.len()).filter(|&i| self.typos.contains_key(&words[i])).collect();
                let i = *rng.pick(&which)?;
                words[i] = self.typos[&words[i]].clone();
                Some((words.join(" "), judge))
            }
            "company" => {
                let names: Vec<&String> = d.entities.iter().filter(|e| e.ends_with("公司")).collect();
                let name = (*rng.pick(&names)?).clone();
                Some((name.clone(), Judge::Company { name }))
            }
            "company_topic" => {
                let (word, items, words) = COMPANY_TOPICS.iter().find(|(_, items, words)| {
                    items.contains(&d.catalog.as_str()) || words.iter().any(|w| d.title.contains(w))
                })?;
                let names: Vec<&String> =
                    d.entities.iter().filter(|e| company_core(e, self.places).is_some()).collect();
                let name = (*rng.pick(&names)?).clone();
                let core = company_core(&name, self.places)?;
                let said = company_short(&name)?.to_string();
                let judge = Judge::CompanyTopic {
                    name,
                    core: core.clone(),
                    items: items.iter().map(|s| s.to_string()).collect(),
                    words: words.iter().map(|s| s.to_string()).collect(),
                };
                Some((format!("{said} {word}"), judge))
            }
            "code" => (!d.project_code.is_empty())
                .then(|| (d.project_code.clone(), Judge::Code { code: d.project_code.clone() })),
            "colloquial" => {
                let fits: Vec<&(String, Option<String>, Vec<String>)> = self
                    .colloquial
                    .iter()
                    .filter(|(_, dom, items)| {
                        dom.as_ref().is_none_or(|x| x == &d.domain) && (items.is_empty() || items.contains(&d.catalog))
                    })
                    .collect();
                let (key, domain, items) = *rng.pick(&fits)?;
                let city = self.places.city_of(d.region).filter(|_| rng.coin());
                let q = match city {
                    Some(c) => format!("{} {key}", short(&self.places.div.get(&c)?.name)),
                    None => key.clone(),
                };
                Some((q, Judge::Intent { place: city, domain: domain.clone(), items: items.clone(), stage: None }))
            }
            "question" => {
                let fits: Vec<_> = QUESTIONS
                    .iter()
                    .filter(|(_, dom, items, stage)| {
                        dom.is_none_or(|x| x == d.domain)
                            && items.contains(&d.catalog.as_str())
                            && stage.is_none_or(|s| d.stages.contains(&s))
                    })
                    .collect();
                let (tpl, domain, items, stage) = *rng.pick(&fits)?;
                let city = self.places.city_of(d.region).filter(|_| rng.coin());
                let p = match city {
                    Some(c) => short(&self.places.div.get(&c)?.name),
                    None => String::new(),
                };
                let judge = Judge::Intent {
                    place: city,
                    domain: domain.map(str::to_string),
                    items: items.iter().map(|s| s.to_string()).collect(),
                    stage: *stage,
                };
                Some((tpl.replace("{p}", &p), judge))
            }
            "category" => {
                if d.domain != "procurement" {
                    return None;
                }
                let fits: Vec<&Category> =
                    self.cats.iter().filter(|c| c.items.iter().any(|i| d.title.contains(i.as_str()))).collect();
                let cat = *rng.pick(&fits)?;
                let city = self.places.city_of(d.region);
                let form = rng.below(3);
                let (q, place) = match (form, city) {
                    (0, _) if !cat.buyer.is_empty() => (format!("{}买{}", cat.buyer, cat.name), None),
                    (1, Some(c)) => (format!("{} {} 采购", short(&self.places.div.get(&c)?.name), cat.name), Some(c)),
                    _ => (format!("{}招标", cat.name), None),
                };
                Some((q, Judge::Category { place, items: cat.items.clone() }))
            }
            other => panic!("unknown kind {other}"),
        }
    }

    /// Up to `per_kind` distinct queries of every kind, from records visited in a seeded order.
    fn generate(&self, per_kind: usize) -> Vec<Query> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for kind in KINDS {
            let mut rng = Rng(QUERY_SEED ^ fnv1a(kind));
            let mut n = 0;
            let mut tries = 0;
            while n < per_kind && tries < self.docs.len() * 3 {
                tries += 1;
                let d = &self.docs[rng.below(self.docs.len())];
                let Some((q, judge)) = self.one(kind, d, &mut rng) else { continue };
                if !seen.insert(q.clone()) {
                    continue;
                }
                out.push(Query { held_out: held_out(&q), q, kind, judge });
                n += 1;
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// The metric

/// nDCG@K of ranked grades against the ideal (the corpus's best K grades).
fn ndcg(got: &[u32], ideal: &[u32]) -> f64 {
    gongkai_tests::ndcg_at(K, got, ideal)
}

/// Sums for one cell of the table.
#[derive(Default, Clone)]
struct Score {
    tally: gongkai_tests::Tally,
    /// First-page hits of queries with a place, and how many lie inside it.
    placed_hits: usize,
    inside: usize,
}

impl Score {
    fn mean(&self) -> f64 {
        self.tally.mean()
    }
    fn zero_rate(&self) -> f64 {
        self.tally.zero_rate()
    }
    fn in_place(&self) -> Option<f64> {
        (self.placed_hits > 0).then(|| self.inside as f64 / self.placed_hits as f64)
    }
    fn cell(&self) -> String {
        let ip = self.in_place().map(|x| format!("{:5.1}%", x * 100.0)).unwrap_or_else(|| "    — ".into());
        format!("{:>4} {:>6.3} {:>5.1}% {}", self.tally.n, self.mean(), self.zero_rate() * 100.0, ip)
    }
    fn json(&self) -> Value {
        json!({ "queries": self.tally.n, "ndcg10": r4(self.mean()), "zero_result_rate": r4(self.zero_rate()),
                "in_place_share": self.in_place().map(r4) })
    }
}

fn r4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn floor_of(kind: &str) -> f64 {
    HELD_OUT_FLOORS.iter().find(|(k, _)| *k == kind).map(|(_, f)| *f).unwrap_or(0.0)
}

#[test]
fn generated_truth_held_out_half_meets_its_floors() {
    let count: usize = std::env::var("GK_EVAL_COUNT").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let started = std::time::Instant::now();
    let (corpus, index) = corpus_and_index(count);
    let docs = load_corpus(&corpus);
    assert_eq!(docs.len(), count, "{}: expected {count} records", corpus.display());
    let places = Places::new();
    let gen = Gen {
        docs: &docs,
        places: &places,
        trad: pairs("traditional.tsv"),
        typos: pairs("homophones.tsv"),
        cats: categories(),
        colloquial: colloquial_keys(),
    };
    let queries = gen.generate(PER_KIND);
    let built = started.elapsed();

    // The set itself: enough queries, every kind, both halves.
    assert!(queries.len() >= 1000, "only {} queries generated", queries.len());
    for kind in KINDS {
        let n = queries.iter().filter(|q| q.kind == *kind).count();
        let h = queries.iter().filter(|q| q.kind == *kind && q.held_out).count();
        assert!(n >= PER_KIND * 8 / 10, "kind {kind}: only {n} queries");
        assert!(h >= n / 4 && h <= n * 3 / 4, "kind {kind}: {h} of {n} held out, the split is lopsided");
    }

    // Tuning (on the tuning half's figures): `GK_EVAL_RANKING=category_items=3,title=5`.
    let mut config = Config::default();
    if let Ok(spec) = std::env::var("GK_EVAL_RANKING") {
        config.ranking = config.ranking.with_overrides(&spec).unwrap_or_else(|e| panic!("GK_EVAL_RANKING: {e}"));
        println!("ranking overrides: {spec}");
    }
    let edge = LocalEdge::open(&index, config).unwrap_or_else(|e| panic!("{e}"));
    let by_id: HashMap<&str, &Doc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut cells: BTreeMap<(&str, bool), Score> = BTreeMap::new();
    let mut rows = Vec::new();
    for q in &queries {
        // Grades of the whole corpus: the ideal ranking, and that a grade-3 (or 2) record exists.
        let mut ideal: Vec<u32> = docs.iter().map(|d| q.judge.grade(&places, d)).filter(|&g| g > 0).collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        ideal.truncate(K);
        assert!(
            ideal.first().is_some_and(|&g| g >= 2),
            "{} ({}): no record of grade 2 or 3 — the generator made a query its own record does not answer: {:?}",
            q.q,
            q.kind,
            q.judge
        );

        let resp = edge.get(&format!("/v1/search?q={}&size={K}", encode(&q.q)));
        assert_eq!(resp.status, 200, "{}: status {}: {}", q.q, resp.status, String::from_utf8_lossy(&resp.body));
        let body: Value = serde_json::from_slice(&resp.body).unwrap_or_else(|e| panic!("{}: not JSON: {e}", q.q));
        let ids: Vec<String> = body["hits"]
            .as_array()
            .map(|h| h.iter().map(|x| x["id"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default();
        let mut seen = HashSet::new();
        let hits: Vec<&Doc> =
            ids.iter().filter(|id| seen.insert(id.as_str())).filter_map(|id| by_id.get(id.as_str()).copied()).collect();
        let got: Vec<u32> = hits.iter().map(|d| q.judge.grade(&places, d)).collect();
        let s = ndcg(&got, &ideal);
        let total = body["total"].as_u64().unwrap_or(ids.len() as u64);
        let zero = total == 0 || ids.is_empty();
        let (placed, inside) = match q.judge.place() {
            Some(pl) => (hits.len(), hits.iter().filter(|d| places.within(d.region, pl)).count()),
            None => (0, 0),
        };
        for key in [(q.kind, q.held_out), ("overall", q.held_out)] {
            let c = cells.entry(key).or_default();
            c.tally.add(s, zero);
            c.placed_hits += placed;
            c.inside += inside;
        }
        let top: Vec<Value> = hits
            .iter()
            .zip(&got)
            .take(3)
            .map(|(d, g)| json!({ "grade": g, "title": d.title, "region": d.region }))
            .collect();
        rows.push(json!({ "q": q.q, "kind": q.kind, "half": if q.held_out { "held_out" } else { "tuning" },
            "ndcg10": r4(s), "total": total, "ideal": ideal, "judge": format!("{:?}", q.judge), "top": top }));
    }

    // The table.
    let get = |k: &str, h: bool| cells.get(&(k, h)).cloned().unwrap_or_default();
    println!();
    println!(
        "Generated-truth relevance: {} records (sample --seed {CORPUS_SEED}), {} queries (seed {QUERY_SEED}), \
         nDCG@{K}; corpus, index and queries in {:.1} s",
        docs.len(),
        queries.len(),
        built.as_secs_f64()
    );
    println!("  cells: n, nDCG@10, zero-result rate, share of first-page hits inside the place asked for");
    println!();
    println!(
        "{:<17}| {:<27}| {:<27}| {:>6} {:>6}",
        "kind", "TUNING half", "HELD-OUT half (asserted)", "floor", "target"
    );
    println!("{}", "-".repeat(92));
    let mut kinds_json = serde_json::Map::new();
    for kind in KINDS.iter().copied().chain(["overall"]) {
        if kind == "overall" {
            println!("{}", "-".repeat(92));
        }
        let (t, h) = (get(kind, false), get(kind, true));
        let (floor, target) = if kind == "overall" {
            (HELD_OUT_OVERALL_FLOOR, TARGET_OVERALL)
        } else {
            (floor_of(kind), TARGET_PER_KIND)
        };
        println!("{:<17}| {} | {} | {:>6.2} {:>6.2}", kind, t.cell(), h.cell(), floor, target);
        kinds_json.insert(kind.to_string(), json!({ "tuning": t.json(), "held_out": h.json(), "floor": floor }));
    }
    println!(
        "targets (issue #10): nDCG@10 ≥ {TARGET_OVERALL} overall, ≥ {TARGET_PER_KIND} per kind; zero results ≤ {:.0} %; \
         ≥ {:.0} % of first-page hits in the place",
        TARGET_MAX_ZERO * 100.0,
        TARGET_IN_PLACE * 100.0
    );

    // The worst tuning queries of each kind: what the next ranking work starts from (the
    // held-out half is kept for measuring, not for reading).
    println!();
    println!("Worst tuning-half queries per kind (nDCG@{K}; top 3 as [grade] title):");
    for kind in KINDS {
        let mut worst: Vec<&Value> = rows.iter().filter(|r| r["kind"] == *kind && r["half"] == "tuning").collect();
        worst.sort_by(|a, b| {
            a["ndcg10"].as_f64().partial_cmp(&b["ndcg10"].as_f64()).unwrap_or(std::cmp::Ordering::Equal)
        });
        for r in worst.iter().take(2) {
            println!(
                "  {:.3} {:<16} {}   (total {})",
                r["ndcg10"].as_f64().unwrap_or(0.0),
                kind,
                r["q"].as_str().unwrap_or(""),
                r["total"]
            );
            for t in r["top"].as_array().into_iter().flatten() {
                println!("        [{}] {}", t["grade"], t["title"].as_str().unwrap_or(""));
            }
        }
    }
    println!();

    let out = root().join("build").join("relevance-generated.json");
    let _ = std::fs::create_dir_all(out.parent().unwrap_or(&root()));
    let report = json!({ "records": docs.len(), "corpus_seed": CORPUS_SEED, "query_seed": QUERY_SEED, "k": K,
        "kinds": kinds_json, "queries": rows });
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap_or_default()).expect("write the report");
    println!("per-query figures written to {}", out.display());

    // Floors, on the held-out half only (and only at the size they were measured at).
    if count != 20_000 {
        println!("GK_EVAL_COUNT={count}: floors are set for 20,000 records and are not asserted");
        return;
    }
    let mut failed = Vec::new();
    for kind in KINDS {
        let h = get(kind, true);
        if h.mean() < floor_of(kind) {
            failed.push(format!("{kind}: held-out nDCG@{K} {:.3} < floor {:.2}", h.mean(), floor_of(kind)));
        }
    }
    let o = get("overall", true);
    if o.mean() < HELD_OUT_OVERALL_FLOOR {
        failed.push(format!("overall: held-out nDCG@{K} {:.3} < floor {HELD_OUT_OVERALL_FLOOR}", o.mean()));
    }
    if o.zero_rate() > HELD_OUT_MAX_ZERO {
        failed.push(format!("overall: held-out zero-result rate {:.3} > {HELD_OUT_MAX_ZERO}", o.zero_rate()));
    }
    if o.in_place().unwrap_or(1.0) < HELD_OUT_MIN_IN_PLACE {
        failed.push(format!(
            "overall: held-out in-place share {:.3} < {HELD_OUT_MIN_IN_PLACE}",
            o.in_place().unwrap_or(1.0)
        ));
    }
    assert!(failed.is_empty(), "the held-out half fell below its floors:\n  {}", failed.join("\n  "));
}

/// The split depends on the query text only, and halves a set evenly.
#[test]
fn the_split_is_stable_and_even() {
    // FNV-1a's published test vector, so the split cannot drift with a hasher change.
    assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
    assert_eq!(held_out("苏州 政府采购 中标结果"), held_out("苏州 政府采购 中标结果"));
    let n = (0..2000).filter(|i| held_out(&format!("江宁区 土地 {i}"))).count();
    assert!((900..=1100).contains(&n), "{n} of 2000 held out");
}

/// Grades follow the rules at the top of this file on hand-made records.
#[test]
fn grades_follow_the_rules() {
    let p = Places::new();
    let doc = |region: u32, domain: &str, catalog: &str, title: &str, entities: &[&str]| Doc {
        id: String::new(),
        title: title.into(),
        body: String::new(),
        domain: domain.into(),
        catalog: catalog.into(),
        region,
        project_code: String::new(),
        entities: entities.iter().map(|s| s.to_string()).collect(),
        stages: stages_of(title),
    };
    // 苏州 (320500) contains 昆山 (320583); 南京 (320100) does not.
    let j = Judge::PlaceTopicStage { place: 320500, domain: "construction".into(), stage: "中标结果" };
    assert_eq!(j.grade(&p, &doc(320583, "construction", "T04", "昆山市某道路工程施工中标结果公告", &[])), 3);
    assert_eq!(j.grade(&p, &doc(320583, "construction", "T05", "昆山市某道路工程施工合同订立信息公开", &[])), 2);
    assert_eq!(j.grade(&p, &doc(320115, "construction", "T04", "江宁区某道路工程施工中标结果公告", &[])), 1);
    assert_eq!(j.grade(&p, &doc(320583, "procurement", "T15", "昆山市某设备采购项目中标结果公告", &[])), 0);
    let j = Judge::CompanyTopic {
        name: "南京金陵装饰工程有限公司".into(),
        core: "金陵装饰工程".into(),
        items: vec!["T07".into()],
        words: vec!["行政处罚".into()],
    };
    assert_eq!(j.grade(&p, &doc(320100, "construction", "T07", "行政处罚决定书", &["南京金陵装饰工程有限公司"])), 3);
    assert_eq!(j.grade(&p, &doc(320100, "construction", "T04", "中标候选人公示", &["南京金陵装饰工程有限公司"])), 2);
    assert_eq!(j.grade(&p, &doc(320500, "construction", "T07", "行政处罚决定书", &["苏州金陵装饰工程有限公司"])), 1);
    assert_eq!(j.grade(&p, &doc(320500, "construction", "T07", "行政处罚决定书", &["苏州华信建设有限公司"])), 0);
    assert_eq!(company_core("江苏汇金建设集团有限公司", &p).as_deref(), Some("汇金建设"));
    assert_eq!(company_core("南通和润建设工程有限公司", &p).as_deref(), Some("和润建设工程"));
    assert_eq!(company_core("侯晨颖", &p), None);
    assert_eq!(company_short("南京金陵装饰工程有限公司"), Some("南京金陵装饰工程"));
    assert_eq!(pinyin_of("昆山", false), "kunshan");
    assert!(p.ambiguous.contains("鼓楼") && p.ambiguous.contains("连云") && !p.ambiguous.contains("昆山"));
}
