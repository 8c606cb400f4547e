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
use gongkai_core::data::{categories, stop_words, synonyms};
use gongkai_core::domain::Domain;
use gongkai_core::process::Role;
use gongkai_core::{entities, regions};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a group of the query is matched.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupKind {
    /// An ordinary word with its alternatives.
    Word,
    /// A place name: the divisions it names (a city includes its counties).
    Place(Vec<u32>),
    /// A company or body the index knows: its exact `entity_key` keys (`n:` whole name, `b:`
    /// name without its suffix, [`gongkai_core::entities`]).
    Entity(Vec<String>),
    /// A stage of the process (中标结果, 候选人, 合同 …): the roles records at that stage have
    /// ([`gongkai_core::process::role`]); it ranks, and is a concept only when nothing else is.
    Stage(Vec<Role>),
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
    /// Whether a record must match this group to be in the result set (a concept), or the
    /// group only ranks (a stage beside a topic, a word beside a company, a dropped concept
    /// after relaxation).
    pub required: bool,
    /// The domain a topic word stands for (产权 → state assets, 卖地 → land): a record of that
    /// domain satisfies the word even where its title words it otherwise (股权转让项目信息预披露).
    pub domain: Option<Domain>,
    /// The procurement category the word names (医疗设备): its records carry the section's tag,
    /// which the query asks for instead of each item word.
    pub category: Option<&'static categories::Category>,
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
    /// The relaxation steps taken because the concepts as asked matched nothing, in order
    /// (`word:矿业权`, then `bigrams`); empty when every concept held.
    pub relaxed: Vec<String>,
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

    /// The roles of the stages the query asks for (中标结果 → win), strongest first.
    pub fn stage_roles(&self) -> Vec<Role> {
        let mut out = Vec::new();
        for g in &self.groups {
            if let GroupKind::Stage(roles) = &g.kind {
                for r in roles {
                    if !out.contains(r) {
                        out.push(*r);
                    }
                }
            }
        }
        out
    }

    /// The companies and bodies the query names, as typed.
    pub fn entity_names(&self) -> Vec<&str> {
        self.groups.iter().filter(|g| matches!(g.kind, GroupKind::Entity(_))).map(|g| g.word.as_str()).collect()
    }

    /// The next step of relaxation when the plan's concepts match nothing: the word concepts
    /// one at a time, the most common first (`df` gives a word's document frequency: the
    /// lowest idf goes first), as long as another concept stays; `None` when nothing is left to
    /// relax (the caller falls back to shared character pairs, `bigrams`). Places, companies
    /// and codes are never dropped: a hit outside the place or of another company is not an
    /// answer. Years and stages never need dropping: they rank (`year_boost`, `stage_boost`),
    /// they do not filter, since a record of another year or stage of the same project is
    /// still an answer, only a lesser one.
    pub fn relax(&self, df: &dyn Fn(&Group) -> u64) -> Option<QueryPlan> {
        let mut next = self.clone();
        let required: Vec<usize> = (0..next.groups.len()).filter(|&i| next.groups[i].required).collect();
        let others = required.len() + next.codes.len();
        let words: Vec<usize> = required
            .iter()
            .copied()
            .filter(|&i| matches!(next.groups[i].kind, GroupKind::Word | GroupKind::Stage(_)))
            .collect();
        if others < 2 {
            return None;
        }
        let weakest = words.into_iter().max_by_key(|&i| (df(&next.groups[i]), std::cmp::Reverse(i)))?;
        next.groups[weakest].required = false;
        next.relaxed.push(format!("word:{}", next.groups[weakest].word));
        Some(next)
    }
}

/// What the index knows, for understanding a query against it.
pub struct IndexTerms<'a> {
    /// Whether the index holds records in a division (place names outside Jiangsu count only
    /// then; see [`place_in`]).
    pub holds: &'a dyn Fn(u32) -> bool,
    /// Whether an `entity_key` key (`n:…`, `b:…`) is in the index.
    pub entity: &'a dyn Fn(&str) -> bool,
}

/// Stage wordings people type and the roles of the records at that stage (forms compared with
/// punctuation removed, so 中标（成交）结果公告 is 中标成交结果公告).
const STAGES: &[(&str, &[Role])] = &[
    ("中标成交结果公告", &[Role::Win]),
    ("中标成交结果", &[Role::Win]),
    ("中标结果公告", &[Role::Win]),
    ("中标结果", &[Role::Win]),
    ("成交结果公告", &[Role::Win]),
    ("成交结果", &[Role::Win]),
    ("成交公告", &[Role::Win]),
    ("成交公示", &[Role::Win]),
    ("中标公告", &[Role::Win]),
    ("中选结果", &[Role::Win]),
    // 摇号 is a housing step of its own (H17, through the synonym list), not a result role.
    ("摇号结果", &[]),
    ("分配结果", &[Role::Win]),
    ("供应结果", &[Role::Win]),
    ("审核结果", &[Role::Win]),
    ("评估结果", &[Role::Win]),
    ("中标", &[Role::Win, Role::Candidate]),
    ("成交", &[Role::Win]),
    ("中标候选人公示", &[Role::Candidate]),
    ("中标候选人", &[Role::Candidate]),
    ("候选人", &[Role::Candidate]),
    ("合同公告", &[Role::Contract]),
    ("合同", &[Role::Contract]),
    ("招标公告", &[Role::Bid]),
    ("采购公告", &[Role::Bid]),
    ("出让公告", &[Role::Bid]),
    ("挂牌出让公告", &[Role::Bid]),
    ("拍卖出让公告", &[Role::Bid]),
    ("转让公告", &[Role::Bid]),
    ("资格预审", &[Role::Bid]),
    ("磋商公告", &[Role::Bid]),
    ("询价公告", &[Role::Bid]),
    ("采购意向", &[Role::Bid]),
    ("招标", &[Role::Bid]),
];

/// A query's text compared with a stage form: letters and digits only.
fn bare(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The roles of a stage wording, if the text is one.
pub fn stage(text: &str) -> Option<&'static [Role]> {
    let text = bare(text);
    STAGES.iter().find(|(form, _)| *form == text).map(|(_, roles)| *roles)
}

/// Question words: the word after one names the kind of answer asked for.
const QUESTION_WORDS: &[&str] = &["哪些", "哪个", "哪家", "什么", "谁"];

/// How many words are joined at most to find a stage or category spelled over several words.
const JOIN: usize = 4;

/// Official terms that signal a domain on their own (the synonym list's official terms).
fn term_domains() -> &'static HashMap<String, Domain> {
    static MAP: OnceLock<HashMap<String, Domain>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        // In key order: an official word several keys share (招标公告) takes the domain of the
        // first key, the same in every process (the list's own order is a hash map's).
        let mut keys: Vec<_> = synonyms::all().iter().collect();
        keys.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (key, s) in keys {
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

/// Words that name a domain on their own (`core/data/domain-terms.tsv`: 产权, 土地, 国企): such a
/// topic word is also satisfied by the domain's records ([`Group::domain`]).
fn domain_names() -> &'static HashMap<String, Domain> {
    static MAP: OnceLock<HashMap<String, Domain>> = OnceLock::new();
    MAP.get_or_init(|| gongkai_core::data::domain_terms::all().iter().cloned().collect())
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
    understand_with(query, &IndexTerms { holds, entity: &|_| false })
}

/// The company or body a whitespace-separated part of the query names, if the index knows it:
/// the whole part, else its longest leading run of at least 4 characters (江阴致远建筑工程中标 →
/// 江阴致远建筑工程). Returns the name and its keys in the index, and the rest of the part.
fn entity_in<'a>(part: &'a str, entity: &dyn Fn(&str) -> bool) -> Option<(String, Vec<String>, &'a str)> {
    if part.chars().count() < 4 {
        return None;
    }
    let ends: Vec<usize> = part.char_indices().map(|(i, _)| i).skip(4).chain([part.len()]).collect();
    for &end in ends.iter().rev().take(24) {
        let name = &part[..end];
        if !name.chars().all(|c| analysis::is_cjk(c) || c.is_ascii_alphanumeric() || "()（）".contains(c)) {
            continue;
        }
        let keys: Vec<String> = entities::lookup_keys(name).into_iter().filter(|k| entity(k)).collect();
        if !keys.is_empty() {
            return Some((name.to_string(), keys, &part[end..]));
        }
    }
    None
}

/// Understands a query against an index: places it holds records in, companies and bodies it
/// knows (see [`IndexTerms`]), then stages, categories, words, years and codes. Every place,
/// company, code, year and word is a concept a record must match; see [`Group::required`].
pub fn understand_with(query: &str, index: &IndexTerms) -> QueryPlan {
    let holds = index.holds;
    let (code_texts, text) = split_codes(query.trim());
    let normalized = analysis::normalize(text.trim());
    // Companies first, by the index's own keys: a place inside a company's name is part of
    // the name (盐城XX装饰工程 is a company, not 盐城 and two words).
    let mut entity_groups: Vec<Group> = Vec::new();
    let mut rest = String::new();
    for part in normalized.split_whitespace() {
        match entity_in(part, index.entity) {
            Some((name, keys, tail)) => {
                entity_groups.push(Group {
                    word: name.clone(),
                    alternatives: vec![name],
                    kind: GroupKind::Entity(keys),
                    required: true,
                    domain: None,
                    category: None,
                });
                rest.push_str(tail);
            }
            None => rest.push_str(part),
        }
        rest.push(' ');
    }
    let normalized = if entity_groups.is_empty() { normalized } else { rest.trim().to_string() };
    let mut plan = QueryPlan {
        text: analysis::normalize(query.trim()),
        codes: code_texts.iter().map(|c| analysis::code_key(c)).collect(),
        code_texts,
        groups: entity_groups,
        ..Default::default()
    };
    let words: Vec<String> = analysis::words(&normalized).into_iter().map(|t| t.text).collect();
    // The word a question word asks about names the answer's kind, not a topic it must carry
    // (哪些企业受到了行政处罚: penalty notices, whether or not they say 企业).
    let asked_for: Vec<&String> =
        words.windows(2).filter(|w| QUESTION_WORDS.contains(&w[0].as_str())).map(|w| &w[1]).collect();
    let content: Vec<&String> = words.iter().filter(|w| !stop_words::contains(w)).collect();
    // A query of only stop words is taken literally.
    let kept: Vec<&String> = if content.is_empty() { words.iter().collect() } else { content };
    let mut intents: Vec<Domain> = Vec::new();
    let mut stage_catalog: Vec<&'static str> = Vec::new();
    // In an organization's name, place words stay words: 太仓同济建设工程有限公司 asks for that
    // company, not for anything in 太仓.
    let organization = is_organization_name(&normalized) && plan.groups.is_empty();
    let mut i = 0;
    while i < kept.len() {
        // A stage or a category spelled over several words (医学 影像 设备, 中标 结果 公告).
        if !organization {
            if let Some((n, joined)) = (1..=JOIN.min(kept.len() - i))
                .rev()
                .map(|n| (n, kept[i..i + n].iter().map(|w| w.as_str()).collect::<String>()))
                .find(|(_, joined)| stage(joined).is_some() || categories::get(joined).is_some())
            {
                i += n;
                if plan.groups.iter().any(|g| g.word == joined) {
                    continue;
                }
                let mut alternatives = vec![joined.clone()];
                let kind = if let Some(roles) = stage(&joined) {
                    GroupKind::Stage(roles.to_vec())
                } else {
                    let cat = categories::get(&joined).map(|c| (c.items.clone(), c.domain()));
                    if let Some((items, domain)) = cat {
                        for item in items {
                            if !alternatives.contains(&item) {
                                alternatives.push(item);
                            }
                        }
                        intents.push(domain);
                    }
                    GroupKind::Word
                };
                // The synonyms of the whole and of its parts (摇号结果: 摇号's 公开摇号 and H17).
                let parts: Vec<String> = kept[i - n..i].iter().map(|w| w.to_string()).collect();
                let mut domain = None;
                for key in std::iter::once(&joined).chain(parts.iter().filter(|_| n > 1)) {
                    if let Some(s) = synonyms::get(key) {
                        for o in std::iter::once(key).chain(&s.official) {
                            if !alternatives.contains(o) && (key == &joined || o != key) {
                                alternatives.push(o.clone());
                            }
                        }
                        for c in &s.catalog {
                            if !plan.catalog_intent.contains(c) {
                                plan.catalog_intent.push(c);
                            }
                            if matches!(kind, GroupKind::Stage(_)) && !stage_catalog.contains(c) {
                                stage_catalog.push(c);
                            }
                        }
                    }
                    if let Some(d) = term_domains().get(key) {
                        intents.push(*d);
                    }
                    domain = domain.or(domain_names().get(key).copied());
                }
                if let Some(c) = categories::get(&joined) {
                    // Buying the category: its procurement notices and results (T15), or for
                    // works their tender and result notices (T04), over contracts and plans.
                    let item = if c.class == 'B' { "T04" } else { "T15" };
                    if !plan.catalog_intent.contains(&item) {
                        plan.catalog_intent.push(item);
                    }
                }
                let domain = domain.filter(|_| kind == GroupKind::Word);
                let category = categories::get(&joined).filter(|_| kind == GroupKind::Word);
                plan.groups.push(Group { word: joined, alternatives, kind, required: true, domain, category });
                continue;
            }
        }
        let word = kept[i];
        i += 1;
        if plan.groups.iter().any(|g| &g.word == word) {
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
                required: true,
                domain: None,
                category: None,
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
        let domain = domain_names().get(word).copied();
        plan.groups.push(Group {
            word: word.into(),
            alternatives,
            kind: GroupKind::Word,
            required: true,
            domain,
            category: None,
        });
    }
    // The word after a question word ranks, unless it names a domain's subject (有哪些地块).
    for g in &mut plan.groups {
        if g.kind == GroupKind::Word
            && asked_for.contains(&&g.word)
            && synonyms::get(&g.word).is_none_or(|s| s.domain.is_none())
        {
            g.required = false;
        }
    }
    // A stage asked for names the step of the process: the catalog items the topic words imply
    // (工程招标 → T04 招标…中标结果) yield to it (常州 工程招标 合同 asks for the contracts).
    if !stage_catalog.is_empty() || plan.groups.iter().any(|g| matches!(g.kind, GroupKind::Stage(_))) {
        plan.catalog_intent = stage_catalog;
    }
    // A company's records are few: beside it, words and stages rank them (江阴致远建筑工程 中标 →
    // its results first, then its other records). A stage beside a topic ranks the topic's
    // records (the stage asked for first, the project's other stages after); alone, it is the
    // concept.
    let has_entity = plan.groups.iter().any(|g| matches!(g.kind, GroupKind::Entity(_)));
    let has_topic = has_entity || !plan.codes.is_empty() || plan.groups.iter().any(|g| g.kind == GroupKind::Word);
    for g in &mut plan.groups {
        match g.kind {
            GroupKind::Word if has_entity => g.required = false,
            GroupKind::Stage(_) if has_topic => g.required = false,
            _ => {}
        }
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

    /// An index that knows one company (with its suffix-less key) and holds nothing outside Jiangsu.
    fn with_company<'a>(keys: &'a [&'a str]) -> impl Fn(&str) -> bool + 'a {
        move |k: &str| keys.contains(&k)
    }

    #[test]
    fn a_company_the_index_knows_is_one_concept_and_its_place_is_no_place() {
        let known = ["n:盐城华艺装饰工程有限公司", "b:盐城华艺装饰工程"];
        let entity = with_company(&known);
        let index = IndexTerms { holds: &|_| false, entity: &entity };
        let plan = understand_with("盐城华艺装饰工程 处罚", &index);
        assert!(plan.places.is_empty(), "{plan:?}");
        let company = &plan.groups[0];
        assert_eq!(company.word, "盐城华艺装饰工程");
        assert_eq!(company.kind, GroupKind::Entity(vec!["b:盐城华艺装饰工程".into()]));
        assert!(company.required);
        // Beside the company, the topic ranks its records; it does not filter them.
        let topic = plan.groups.iter().find(|g| g.word == "处罚").expect("处罚");
        assert!(!topic.required && topic.kind == GroupKind::Word, "{plan:?}");
        assert!(plan.catalog_intent.contains(&"T07"), "{plan:?}");
        // The full name finds only the whole-name key; written without a space the rest is still read.
        let plan = understand_with("盐城华艺装饰工程有限公司", &index);
        assert_eq!(plan.groups.len(), 1);
        assert_eq!(plan.groups[0].kind, GroupKind::Entity(vec!["n:盐城华艺装饰工程有限公司".into()]));
        let plan = understand_with("盐城华艺装饰工程中标", &index);
        assert_eq!(plan.entity_names(), vec!["盐城华艺装饰工程"]);
        assert_eq!(plan.stage_roles(), vec![Role::Win, Role::Candidate]);
        // A company the index does not know: 盐城 is a place again, and every word a concept.
        let plan = understand_with("盐城东方装饰工程 处罚", &index);
        assert_eq!(plan.places, vec![320900]);
        assert!(plan.groups.iter().all(|g| g.required), "{plan:?}");
    }

    #[test]
    fn the_stage_asked_for_ranks_beside_a_topic_and_is_the_concept_alone() {
        let plan = understand("宿迁 政府采购 中标结果");
        let asked = plan.groups.iter().find(|g| matches!(g.kind, GroupKind::Stage(_))).expect("a stage");
        assert_eq!(asked.word, "中标结果");
        assert!(!asked.required);
        assert_eq!(plan.stage_roles(), vec![Role::Win]);
        assert!(plan.groups.iter().filter(|g| !matches!(g.kind, GroupKind::Stage(_))).all(|g| g.required));
        // The form real titles use, full-width brackets and all.
        assert_eq!(stage("中标（成交）结果公告"), Some(&[Role::Win][..]));
        assert_eq!(understand("南京 施工 中标候选人").stage_roles(), vec![Role::Candidate]);
        assert_eq!(understand("苏州 采购 合同").stage_roles(), vec![Role::Contract]);
        // Alone beside a place, the stage is what the records must be.
        let plan = understand("苏州 中标结果");
        assert!(plan.groups.iter().all(|g| g.required), "{plan:?}");
    }

    #[test]
    fn a_category_people_say_searches_the_item_words_records_name() {
        let plan = understand("医院买医疗设备");
        let cat = plan.groups.iter().find(|g| g.word == "医疗设备").expect("医疗设备");
        assert!(cat.alternatives.iter().any(|a| a == "彩色多普勒超声"), "{cat:?}");
        assert!(cat.alternatives.iter().any(|a| a == "监护仪"), "{cat:?}");
        assert_eq!(plan.domain_intent.first(), Some(&Domain::Procurement), "{plan:?}");
        // Spelled over several words by the segmenter, still one category.
        let plan = understand("医学影像设备招标");
        assert!(plan.groups.iter().any(|g| g.word == "医学影像设备" && g.alternatives.iter().any(|a| a == "螺旋ct")));
        assert_eq!(plan.stage_roles(), vec![Role::Bid]);
    }

    #[test]
    fn relaxation_drops_the_most_common_word_never_the_place() {
        let plan = understand("2024年 苏州 矿业权 招标");
        assert_eq!(plan.years, vec![2024]);
        // Document frequencies: 矿业权 is the rarer word.
        let df = |g: &Group| if g.word == "矿业权" { 10 } else { 1000 };
        // 招标 is a stage beside a topic (it ranks), so the word dropped is 矿业权, the only
        // required word; then the place alone is left and nothing more is dropped.
        let one = plan.relax(&df).expect("drop a word");
        assert_eq!(one.relaxed, vec!["word:矿业权".to_string()]);
        assert!(one.relax(&df).is_none(), "{one:?}");
        assert!(one.groups.iter().any(|g| matches!(g.kind, GroupKind::Place(_)) && g.required));
        // Two words: the more common goes first.
        let plan = understand("南京 保障性住房 分配");
        let df = |g: &Group| if g.word == "分配" { 5000 } else { 50 };
        assert_eq!(plan.relax(&df).map(|p| p.relaxed), Some(vec!["word:分配".to_string()]));
    }

    #[test]
    fn the_stage_asked_for_overrides_the_items_a_topic_word_implies_and_question_words_ask_for_a_kind() {
        // 工程招标 implies T04 (招标…中标结果); with 合同 asked for, the contracts are wanted.
        assert!(understand("常州 工程招标").catalog_intent.contains(&"T04"));
        let plan = understand("常州 工程招标 合同");
        assert!(!plan.catalog_intent.contains(&"T04"), "{plan:?}");
        assert_eq!(plan.stage_roles(), vec![Role::Contract]);
        // 哪些企业: the kind of answer, not a word the penalty notices must carry.
        let plan = understand("南通哪些企业受到了行政处罚");
        let firm = plan.groups.iter().find(|g| g.word == "企业").expect("企业");
        assert!(!firm.required, "{plan:?}");
        assert!(plan.groups.iter().any(|g| g.word == "行政处罚" && g.required), "{plan:?}");
        assert!(plan.groups.iter().all(|g| g.word != "受到"), "{plan:?}");
        // A domain's own name is satisfied by its records; an ordinary word is not.
        let plan = understand("昆山 产权");
        assert_eq!(plan.groups.iter().find(|g| g.word == "产权").and_then(|g| g.domain), Some(Domain::StateAssets));
        assert_eq!(understand("经济适用房").groups[0].domain, None);
    }
}
