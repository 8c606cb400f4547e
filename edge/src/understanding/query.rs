//! Query understanding: from what people type to what the index should be asked.
//!
//! [`understand`] turns a query into a [`QueryPlan`]:
//! - codes (`JSZC-320115-2026-00942`, `宁地2026-G15号`, `苏政办发〔2018〕50号`) are cut out whole
//!   and matched as codes;
//! - the rest is normalized and segmented with the same analyzer as the index;
//! - question and function words (哪些, 的, 查询 …) are dropped;
//! - place names at any level (苏州, 苏州市, 江宁) become [`GroupKind::Place`] groups that match
//!   the division and everything inside it: Jiangsu's always, the other provinces' (南昌, 东湖区)
//!   when the index holds records there ([`understand_in`]);
//! - colloquial words and abbreviations (卖地, 政采, 公租房) get the official terms of the
//!   reviewed synonym list (`core/data/synonyms.tsv`, [`gongkai_core::data::synonyms`]) as alternatives, and a domain intent.
//!
//! Pinyin and spelling correction need the index's vocabulary; they live in
//! [`gongkai_core::lexicon`] and rewrite the text before it reaches this function.

use gongkai_core::analysis;
use gongkai_core::data::{stop_words, synonyms};
use gongkai_core::domain::Domain;
use gongkai_core::regions;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a group of the query is matched.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupKind {
    /// An ordinary word with its alternatives.
    Word,
    /// A place name: the divisions it names (a city includes its counties).
    Place(Vec<u32>),
}

/// One concept of the query: a typed word and the alternatives that satisfy it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The word as typed (normalized).
    pub word: String,
    /// Texts any of which satisfies the group: the word itself first, then official terms.
    pub alternatives: Vec<String>,
    /// How it is matched.
    pub kind: GroupKind,
}

/// What the index should be asked for a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryPlan {
    /// The normalized query text.
    pub text: String,
    /// The concepts of the query, in order.
    pub groups: Vec<Group>,
    /// Code keys found in the query (see [`analysis::code_key`]).
    pub codes: Vec<String>,
    /// The same codes as typed, for matching a partial code in the text.
    pub code_texts: Vec<String>,
    /// Domains the query is about (from colloquial and official terms), strongest first.
    pub domain_intent: Vec<Domain>,
    /// Catalog items the query is about (卖地 → T09 出让公告、成交公示), from the synonym list.
    pub catalog_intent: Vec<&'static str>,
    /// Divisions named in the query: records in them (or inside them) rank higher.
    pub places: Vec<u32>,
    /// Years named in the query (`2024`, `2024年`): records published then rank higher.
    pub years: Vec<i32>,
    /// Text fragments of the query without stop words, for phrase and proximity matching.
    pub phrases: Vec<String>,
}

impl QueryPlan {
    /// Every text worth highlighting in a hit: words, alternatives and codes as typed.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &self.groups {
            out.push(g.word.clone());
            out.extend(g.alternatives.iter().cloned());
            if let GroupKind::Place(codes) = &g.kind {
                for code in codes {
                    if let Some(r) = regions::get(*code) {
                        out.push(r.name.to_string());
                    }
                }
            }
        }
        out.extend(self.phrases.iter().cloned());
        out.extend(self.code_texts.iter().cloned());
        out.retain(|t| !t.is_empty());
        out.sort();
        out.dedup();
        out
    }

    /// Whether there is anything to search for.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.codes.is_empty()
    }
}

/// Official terms that signal a domain on their own (the synonym list's official terms).
fn term_domains() -> &'static HashMap<String, Domain> {
    static MAP: OnceLock<HashMap<String, Domain>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for (key, s) in synonyms::all() {
            if let Some(d) = s.domain {
                map.insert(key.clone(), d);
                for o in &s.official {
                    map.entry(o.clone()).or_insert(d);
                }
            }
        }
        for (word, d) in gongkai_core::data::domain_terms::all() {
            map.entry(word.clone()).or_insert(*d);
        }
        map
    })
}

/// Place names (full and short) of every division → the divisions they name. Where a short name
/// is both a city and one of its own districts (淮安市, 淮安区), the city wins: it includes the
/// district.
fn places() -> &'static HashMap<String, Vec<u32>> {
    static MAP: OnceLock<HashMap<String, Vec<u32>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<String, Vec<u32>> = HashMap::new();
        for r in regions::national() {
            for key in [r.name, r.short_name] {
                map.entry(key.to_string()).or_default().push(r.code);
            }
        }
        for codes in map.values_mut() {
            let all = codes.clone();
            codes.retain(|&c| !all.iter().any(|&other| other != c && regions::is_within(c, other)));
            codes.sort();
            codes.dedup();
        }
        map
    })
}

/// The Jiangsu divisions a word names, if it is a place name there (`苏州` → `[320500]`; `鼓楼` →
/// 南京's and 徐州's).
pub fn place(word: &str) -> Option<Vec<u32>> {
    place_in(word, &|_| false)
}

/// The divisions a word names, if it is a place name: Jiangsu's, and those of other provinces
/// for which `holds` is true (an edge passes "the index has records in it"), so 鼓楼 means
/// 南京's and 徐州's in an index of Jiangsu, and also 福州's and 开封's in a national one, and an
/// ordinary word that is also the name of a far-away county (新建, 东湖) stays a word unless the
/// index holds that county.
pub fn place_in(word: &str, holds: &dyn Fn(u32) -> bool) -> Option<Vec<u32>> {
    let codes: Vec<u32> =
        places().get(word)?.iter().copied().filter(|&c| c / 10000 == regions::JIANGSU / 10000 || holds(c)).collect();
    (!codes.is_empty()).then_some(codes)
}

/// Splits the query into code spans and text spans, in order.
fn split_codes(q: &str) -> (Vec<String>, String) {
    let mut codes = Vec::new();
    let mut rest = String::new();
    for part in q.split(|c: char| c.is_whitespace() || c == '，' || c == ',') {
        if analysis::looks_like_code(part) {
            codes.push(part.to_string());
        } else {
            rest.push_str(part);
            rest.push(' ');
        }
    }
    (codes, rest)
}

/// Endings of an organization's name. A query that is one such name (`太仓同济建设工程有限公司`)
/// names a company or body: its place word is part of the name, not a place to search in.
const ORGANIZATION_SUFFIXES: &[&str] =
    &["公司", "集团", "事务所", "合作社", "研究院", "研究所", "中心", "医院", "学校", "协会", "商行", "厂"];

/// Whether the (normalized) query is an organization's name: one run without spaces that ends
/// like one and is longer than the ending plus a place.
fn is_organization_name(normalized: &str) -> bool {
    let text = normalized.trim();
    !text.contains(char::is_whitespace)
        && text.chars().count() >= 6
        && ORGANIZATION_SUFFIXES.iter().any(|s| text.ends_with(s))
}

/// Understands a query (already rewritten from pinyin or corrected, when that applies), with the
/// place names of Jiangsu (see [`understand_in`] for an index that holds other provinces).
pub fn understand(query: &str) -> QueryPlan {
    understand_in(query, &|_| false)
}

/// Understands a query for an index: place names outside Jiangsu are recognised for the
/// divisions for which `holds` is true (see [`place_in`]).
pub fn understand_in(query: &str, holds: &dyn Fn(u32) -> bool) -> QueryPlan {
    let (code_texts, text) = split_codes(query.trim());
    let normalized = analysis::normalize(text.trim());
    let mut plan = QueryPlan {
        text: analysis::normalize(query.trim()),
        codes: code_texts.iter().map(|c| analysis::code_key(c)).collect(),
        code_texts,
        ..Default::default()
    };
    let words: Vec<String> = analysis::words(&normalized).into_iter().map(|t| t.text).collect();
    let content: Vec<&String> = words.iter().filter(|w| !stop_words::contains(w)).collect();
    // A query of only stop words is taken literally.
    let kept: Vec<&String> = if content.is_empty() { words.iter().collect() } else { content };
    let mut intents: Vec<Domain> = Vec::new();
    // In an organization's name, place words stay words: 太仓同济建设工程有限公司 asks for that
    // company, not for anything in 太仓.
    let organization = is_organization_name(&normalized);
    for word in &kept {
        if plan.groups.iter().any(|g| &&g.word == word) {
            continue;
        }
        let word = word.as_str();
        if let Some(year) = year_of(word) {
            plan.years.push(year);
            continue;
        }
        if let Some(codes) = place_in(word, holds).filter(|_| !organization) {
            plan.places.extend_from_slice(&codes);
            plan.groups.push(Group {
                word: word.into(),
                alternatives: vec![word.into()],
                kind: GroupKind::Place(codes),
            });
            continue;
        }
        let mut alternatives = vec![word.to_string()];
        if let Some(s) = synonyms::get(word) {
            for o in &s.official {
                if !alternatives.contains(o) {
                    alternatives.push(o.clone());
                }
            }
            for c in &s.catalog {
                if !plan.catalog_intent.contains(c) {
                    plan.catalog_intent.push(c);
                }
            }
        }
        if let Some(d) = term_domains().get(word) {
            intents.push(*d);
        }
        plan.groups.push(Group { word: word.into(), alternatives, kind: GroupKind::Word });
    }
    // Phrases: the stop-word-free runs of the text, for proximity.
    plan.phrases = phrase_runs(&normalized, &words, holds);
    // Strongest intent first: by how many words point to it.
    let mut counted: Vec<(Domain, usize)> = Vec::new();
    for d in intents {
        match counted.iter_mut().find(|(x, _)| *x == d) {
            Some((_, n)) => *n += 1,
            None => counted.push((d, 1)),
        }
    }
    counted.sort_by_key(|c| std::cmp::Reverse(c.1));
    plan.domain_intent = counted.into_iter().map(|(d, _)| d).collect();
    plan
}

/// A year written as `2024` or `2024年` (2000–2099).
fn year_of(word: &str) -> Option<i32> {
    let digits = word.strip_suffix('年').unwrap_or(word);
    let year: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    (2000..2100).contains(&year).then_some(year)
}

fn phrase_runs(normalized: &str, words: &[String], holds: &dyn Fn(u32) -> bool) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for w in words {
        if stop_words::contains(w) || place_in(w, holds).is_some() || year_of(w).is_some() {
            if cur.chars().count() >= 2 {
                runs.push(std::mem::take(&mut cur));
            }
            cur.clear();
        } else {
            cur.push_str(w);
        }
    }
    if cur.chars().count() >= 2 {
        runs.push(cur);
    }
    // Only runs that appear contiguously in the query are phrases.
    runs.retain(|r| normalized.contains(r.as_str()));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_inside_an_organization_name_is_part_of_the_name() {
        let plan = understand("太仓同济建设工程有限公司");
        assert!(plan.places.is_empty(), "{plan:?}");
        assert!(plan.groups.iter().any(|g| g.word == "太仓" && matches!(g.kind, GroupKind::Word)), "{plan:?}");
        // A place with a topic, or a short name, is still a place.
        assert_eq!(understand("太仓 建设工程").places, vec![320585]);
        assert_eq!(understand("苏州中心").places, vec![320500]);
    }

    #[test]
    fn places_at_any_level_are_recognized() {
        assert_eq!(place("苏州"), Some(vec![320500]));
        assert_eq!(place("苏州市"), Some(vec![320500]));
        assert_eq!(place("江宁"), Some(vec![320115]));
        assert_eq!(place("淮安"), Some(vec![320800]), "the city includes its own 淮安区");
        assert_eq!(place("鼓楼").map(|c| c.len()), Some(2), "南京 and 徐州 both have a 鼓楼区");
        let plan = understand("苏州卖地");
        assert!(matches!(plan.groups[0].kind, GroupKind::Place(ref c) if c == &vec![320500]));
        assert!(plan.groups[1].alternatives.contains(&"国有建设用地使用权出让".to_string()), "{plan:?}");
        assert_eq!(plan.domain_intent.first(), Some(&Domain::Land));
    }

    #[test]
    fn other_provinces_places_are_recognized_only_where_the_index_holds_records() {
        // An index of Jiangsu: 南昌 and 东湖 are words, 鼓楼 is 南京's and 徐州's.
        assert_eq!(understand("南昌 招标").places, Vec::<u32>::new());
        assert!(understand("东湖 公园").groups.iter().all(|g| g.kind == GroupKind::Word));
        assert_eq!(place("鼓楼"), Some(vec![320106, 320302]));
        // An index holding 南昌市东湖区 (its region path: 360102, 360100, 360000) and 福州市鼓楼区.
        let held = [360102, 360100, 360000, 350102, 350100, 350000];
        let holds = |c: u32| held.contains(&c);
        assert_eq!(understand_in("南昌 招标", &holds).places, vec![360100]);
        assert_eq!(understand_in("南昌市", &holds).places, vec![360100]);
        assert_eq!(understand_in("东湖区 中标候选人", &holds).places, vec![360102]);
        assert_eq!(understand_in("江西 施工", &holds).places, vec![360000]);
        assert_eq!(place_in("鼓楼", &holds), Some(vec![320106, 320302, 350102]), "Jiangsu's and 福州's, not 开封's");
        // A Jiangsu place still means what it meant.
        assert_eq!(understand_in("苏州 卖地", &holds).places, vec![320500]);
        // Not held: 红谷滩 (360113) stays a word.
        assert!(understand_in("红谷滩区", &holds).places.is_empty());
    }

    #[test]
    fn question_words_are_dropped_and_codes_kept_whole() {
        let plan = understand("哪些公司被列入黑名单");
        let words: Vec<&str> = plan.groups.iter().map(|g| g.word.as_str()).collect();
        assert!(!words.contains(&"哪些") && !words.contains(&"被"), "{words:?}");
        assert!(words.contains(&"黑名单"), "{words:?}");
        let plan = understand("JSZC-320115-2026-00942 中标");
        assert_eq!(plan.codes, vec!["jszc320115202600942".to_string()]);
        let plan = understand("苏政办发〔2018〕50号");
        assert_eq!(plan.codes, vec!["苏政办发201850号".to_string()]);
        assert!(plan.groups.is_empty());
    }

    #[test]
    fn years_places_and_catalog_intent() {
        let plan = understand("2024年 苏州 卖地");
        assert_eq!(plan.years, vec![2024]);
        assert_eq!(plan.places, vec![320500]);
        assert!(plan.catalog_intent.contains(&"T09"), "{plan:?}");
        assert!(plan.groups.iter().all(|g| g.word != "2024年" && g.word != "2024"));
        assert!(understand("采购 12345").years.is_empty());
    }

    #[test]
    fn every_synonym_line_is_well_formed() {
        assert!(synonyms::all().len() >= 80, "{}", synonyms::all().len());
        let mut split = Vec::new();
        for (k, s) in synonyms::all() {
            assert!(!s.official.is_empty(), "{k}");
            let words: Vec<String> = analysis::words(k).into_iter().map(|t| t.text).collect();
            if k.chars().count() <= 6 && words != vec![k.clone()] {
                split.push(format!("{k} → {words:?}"));
            }
        }
        // Every short key reaches the synonym lookup as one word, or it would never apply.
        assert!(split.is_empty(), "{split:?}");
        let plan = understand("公租房");
        assert!(plan.groups[0].alternatives.contains(&"公共租赁住房".to_string()));
        assert_eq!(plan.domain_intent, vec![Domain::Housing]);
    }
}
