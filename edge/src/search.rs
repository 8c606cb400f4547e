//! `/v1/search`: parameters, the tantivy query built from a [`QueryPlan`], and one collector
//! pass that ranks, counts and computes facet counts.

use crate::dismax::DisMax;
use crate::engine::Engine;
use crate::ranking::Ranking;
use crate::understanding::query::{self, GroupKind, QueryPlan};
use gongkai_api::Facet;
use gongkai_core::analysis;
use gongkai_core::schema::{self, names};
use gongkai_core::{catalog, regions, Domain};
use std::collections::{BinaryHeap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, Term};

/// Longest accepted query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Largest page size.
pub const MAX_SIZE: usize = 50;
/// Deepest page.
pub const MAX_PAGE: usize = 100;

/// A request parameter that is not acceptable, with a message saying what is.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    /// The parameter.
    pub param: &'static str,
    /// What is wrong and what is expected.
    pub message: String,
}

fn bad(param: &'static str, message: impl Into<String>) -> ParamError {
    ParamError { param, message: message.into() }
}

/// The request parameter of a filtering facet.
fn param(facet: Facet) -> &'static str {
    facet.param().unwrap_or(facet.key())
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

/// Parsed `/v1/search` parameters.
#[derive(Debug, Clone)]
pub struct SearchParams {
    /// The query text (may be empty when a filter is given: browse newest).
    pub q: String,
    /// Hits per page, 1..=50.
    pub size: usize,
    /// 1-based page.
    pub page: usize,
    /// Domain filter.
    pub domain: Option<Domain>,
    /// Region filter (a city includes its counties).
    pub region: Option<u32>,
    /// Catalog item filter (fast-field ordinal, code).
    pub catalog: Option<(u64, &'static str)>,
    /// Published on or after (days since epoch).
    pub from: Option<i64>,
    /// Published on or before (days since epoch).
    pub to: Option<i64>,
    /// Order.
    pub sort: Sort,
}

impl SearchParams {
    /// Parses and checks query-string pairs.
    pub fn parse(pairs: &[(String, String)]) -> Result<SearchParams, ParamError> {
        SearchParams::parse_with(pairs, true)
    }

    /// Parses and checks the same pairs for an endpoint that needs no query text (statistics,
    /// the catalog, feeds): `q` and every filter are optional.
    pub fn parse_filters(pairs: &[(String, String)]) -> Result<SearchParams, ParamError> {
        SearchParams::parse_with(pairs, false)
    }

    fn parse_with(pairs: &[(String, String)], require_query: bool) -> Result<SearchParams, ParamError> {
        let get =
            |k: &str| pairs.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let q = get("q").unwrap_or("").to_string();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad("q", format!("is longer than {MAX_QUERY_CHARS} characters")));
        }
        let number = |k: &'static str, default: usize, max: usize| -> Result<usize, ParamError> {
            match get(k) {
                None => Ok(default),
                Some(v) => match v.parse::<usize>() {
                    Ok(n) if (1..=max).contains(&n) => Ok(n),
                    _ => Err(bad(k, format!("`{v}` is not a whole number from 1 to {max}"))),
                },
            }
        };
        let size = number("size", 10, MAX_SIZE)?;
        let page = number("page", 1, MAX_PAGE)?;
        let domain = match get(param(Facet::Domain)) {
            None => None,
            Some(d) => Some(Domain::from_code(d).ok_or_else(|| {
                bad(
                    param(Facet::Domain),
                    format!("`{d}` is not a domain; use one of {}", Domain::ALL.map(|d| d.code()).join(", ")),
                )
            })?),
        };
        let region = match get(param(Facet::Region)) {
            None => None,
            Some(r) => Some(
                regions::parse(r)
                    .ok_or_else(|| bad(param(Facet::Region), regions::why_not_a_division(r).unwrap_or_default()))?
                    .code,
            ),
        };
        let catalog = match get(param(Facet::CatalogItem)) {
            None => None,
            Some(c) => {
                let item = catalog::item(c).ok_or_else(|| {
                    bad(param(Facet::CatalogItem), format!("`{c}` is not a catalog item (T01–T27, H01–H18)"))
                })?;
                Some((item.ordinal(), item.code))
            }
        };
        let date = |k: &'static str| -> Result<Option<i64>, ParamError> {
            match get(k) {
                None => Ok(None),
                Some(v) => gongkai_core::record::parse_date(v)
                    .map(|d| Some(schema::days_since_epoch(d)))
                    .ok_or_else(|| bad(k, format!("`{v}` is not a date (YYYY-MM-DD)"))),
            }
        };
        let (from, to) = (date("from")?, date("to")?);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(bad("from", "is after `to`"));
            }
        }
        let sort = match get("sort") {
            None | Some("relevance") => Sort::Relevance,
            Some("date") => Sort::Date,
            Some(s) => return Err(bad("sort", format!("`{s}` is not `relevance` or `date`"))),
        };
        if require_query
            && q.is_empty()
            && domain.is_none()
            && region.is_none()
            && catalog.is_none()
            && from.is_none()
            && to.is_none()
        {
            return Err(bad("q", "is required (or give a filter: domain, region, catalog, from, to)"));
        }
        Ok(SearchParams { q, size, page, domain, region, catalog, from, to, sort })
    }
}

/// What a search found, before documents are fetched.
#[derive(Debug, Clone)]
pub struct Found {
    /// The plan that was searched.
    pub plan: QueryPlan,
    /// The query as searched when it was rewritten from pinyin.
    pub rewritten_from: Option<String>,
    /// The corrected query when spelling correction applied.
    pub did_you_mean: Option<String>,
    /// Whether nothing matched the query as asked and the hits match only part of it (the
    /// steps taken are the plan's [`QueryPlan::relaxed`]).
    pub relaxed: bool,
    /// Matching documents; an estimate when [`Found::total_estimated`].
    pub total: u64,
    /// Whether the query matched more records than the match budget
    /// ([`crate::Config::match_budget`]): the older segments were left out, `total` is
    /// extrapolated from the records searched, the facets count those records only.
    pub total_estimated: bool,
    /// The page's hits: (score, document ordinal).
    pub hits: Vec<(f32, u64)>,
    /// Facet counts: fast-field value → matching documents, per facet.
    pub facets: FacetCounts,
}

/// Counts per [`Facet`], each from the fast field the facet is stored in: the domain's
/// ordinal, the region code, the catalog item's ordinal, the year.
#[derive(Debug, Clone, Default)]
pub struct FacetCounts([HashMap<u64, u64>; 4]);

impl FacetCounts {
    /// The counts of one facet.
    pub fn get(&self, facet: Facet) -> &HashMap<u64, u64> {
        &self.0[facet.index()]
    }
}

/// Runs a search: understands the query, builds it, collects one page.
pub fn search(engine: &Engine, params: &SearchParams, ranking: &Ranking) -> tantivy::Result<Found> {
    let searcher = engine.reader.searcher();
    let mut text = params.q.clone();
    let mut rewritten_from = None;
    // Only queries with Latin letters can hold pinyin: the vocabulary is not even built for
    // the others.
    if text.chars().any(|c| c.is_ascii_alphabetic()) && !analysis::looks_like_code(&text) {
        if let Some(chinese) = engine.vocabulary().rewrite_pinyin(&text) {
            rewritten_from = Some(std::mem::replace(&mut text, chinese));
        }
    }
    let mut did_you_mean = None;
    // Spelling asks for the same pairs again as it scores candidates: each looked up once.
    let known = std::cell::RefCell::new(HashMap::<String, u64>::new());
    let df = |bigram: &str| {
        if let Some(&n) = known.borrow().get(bigram) {
            return n;
        }
        let n = bigram_df(engine, &searcher, bigram);
        known.borrow_mut().insert(bigram.to_string(), n);
        n
    };
    if let Some(corrected) = crate::understanding::spelling::correct(&text, &df) {
        did_you_mean = Some(corrected.clone());
        text = corrected;
    }
    // Place names outside Jiangsu count for the divisions this index holds records in;
    // companies and bodies are the ones this index names.
    let holds = |code: u32| {
        let term = Term::from_field_u64(engine.fields.region_path, code as u64);
        engine.statistics.doc_freq(&searcher, &term) > 0
    };
    // A name whose look-up could not be read yet (an index read by rounds) counts as unknown.
    let unknown_name = std::cell::Cell::new(false);
    let entity = |key: &str| {
        let term = Term::from_field_text(engine.fields.entity_key, key);
        let n = engine.statistics.known_doc_freq(&searcher, &term);
        unknown_name.set(unknown_name.get() || n.is_none());
        n.is_some_and(|n| n > 0)
    };
    let mut plan = query::understand_with(&text, &query::IndexTerms { holds: &holds, entity: &entity });
    if unknown_name.get() && reads_by_rounds(engine) {
        // Warm, in the same round as this plan, the plan the query has if the names not yet
        // looked up are companies of the index: whichever it turns out to be, its dictionary
        // blocks come in this round, and its postings in the next (one round fewer for
        // 江阴腾达网络工程 处罚 at 1,000,000 records, where 江阴 read as a place at first).
        let known_or_unknown = |key: &str| {
            let term = Term::from_field_text(engine.fields.entity_key, key);
            engine.statistics.known_doc_freq(&searcher, &term).is_none_or(|n| n > 0)
        };
        let named = query::understand_with(&text, &query::IndexTerms { holds: &holds, entity: &known_or_unknown });
        if named != plan {
            let q = build_query(engine, &named, ranking);
            let floor = q.floor.through(&Filter::new(params));
            crate::lazy::warm::query(
                engine,
                &*q.query,
                &PageCollector::U64_COLUMNS,
                &PageCollector::I64_COLUMNS,
                &floor,
            );
        }
    }
    let collector = PageCollector {
        keep: params.page * params.size,
        filter: Filter::new(params),
        sort: params.sort,
        boosts: Boosts::new(&plan),
        ranking: *ranking,
        newest_day: engine.newest_day,
    };
    let q = build_query(engine, &plan, ranking);
    let mut fruit = run(engine, &searcher, &*q.query, &collector, &q.floor.through(&collector.filter))?;
    // Nothing matched every concept: relax step by step (QueryPlan::relax: the most common
    // words first), and at last show the records sharing character pairs with the query
    // (still in the place asked for); `understood.relaxation` says which steps were taken.
    if fruit.total == 0 && !plan.is_empty() {
        let df = |g: &query::Group| concept_df(engine, &searcher, g);
        while fruit.total == 0 {
            let Some(next) = plan.relax(&df) else { break };
            plan = next;
            let q = build_query(engine, &plan, ranking);
            fruit = run(engine, &searcher, &*q.query, &collector, &q.floor.through(&collector.filter))?;
        }
        if fruit.total == 0 {
            if let Some(loose) = build_relaxed_query(engine, &plan, ranking) {
                plan.relaxed.push("bigrams".into());
                fruit = run(engine, &searcher, &*loose, &collector, &MatchFloor::Unknown)?;
            }
        }
    }
    let relaxed = !plan.relaxed.is_empty() && fruit.total > 0;
    let skip = (params.page - 1) * params.size;
    let hits = fruit.top.into_iter().skip(skip).take(params.size).map(|h| (h.score, h.ord)).collect();
    let std = |c: Counts| c.into_iter().collect::<HashMap<u64, u64>>();
    let facets = FacetCounts([std(fruit.domain), std(fruit.region), std(fruit.catalog), std(fruit.year)]);
    let total_estimated = fruit.estimated;
    Ok(Found { plan, rewritten_from, did_you_mean, relaxed, total: fruit.total, total_estimated, hits, facets })
}

/// Whether the engine's index is read by rounds of range loads (the Worker): a read of a chunk
/// not loaded yet fails instead of blocking.
fn reads_by_rounds(engine: &Engine) -> bool {
    engine.lazy_directory().is_some_and(|d| !d.has_source())
}

/// Searches `q` with `collector`; over an index read by rounds, warms it first
/// ([`crate::lazy::warm::query`], told the query's [`MatchFloor`] so that it leaves out the
/// segments the walk cannot reach) and, when that found bytes missing, stops there with an
/// error (the request loads them all and runs again) instead of failing at the first of them.
///
/// Segments are searched newest first ([`Engine::newest_first`]) until the matches counted
/// reach the match budget ([`crate::Config::match_budget`]), or until the next segment's
/// postings and positions ([`read_cost`]) would take the bytes read past the read budget
/// ([`crate::Config::read_budget`]); the older ones are then left out
/// and the total is extrapolated by record count (see [`Found::total_estimated`]). Under the
/// budget the answer is exactly tantivy's over every segment: the page is ordered by score and
/// ordinal, the counts are sums, neither depends on the order segments are searched in.
fn run(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    collector: &PageCollector,
    floor: &MatchFloor,
) -> tantivy::Result<PageFruit> {
    if reads_by_rounds(engine)
        && !crate::lazy::warm::query(engine, q, &PageCollector::U64_COLUMNS, &PageCollector::I64_COLUMNS, floor)
    {
        return Err(tantivy::TantivyError::InternalError(format!("{}: warm-up found some", crate::lazy::NOT_WARMED)));
    }
    let provider = engine.statistics.provider(searcher);
    let weight = q.weight(tantivy::query::EnableScoring::enabled_from_statistics_provider(&provider, searcher))?;
    let readers = searcher.segment_readers();
    let budget = engine.config.match_budget;
    let terms = read_terms(q);
    let (mut matched, mut searched, mut read) = (0u64, 0u64, 0u64);
    let mut fruits = Vec::new();
    for (k, i) in engine.newest_first(readers).into_iter().enumerate() {
        if matched >= budget {
            break;
        }
        // Over an index read by rounds the warm-up has loaded every dictionary entry this
        // needs; should one be missing, the segment counts nothing, as it did there.
        let cost = read_cost(engine, searcher, i, &terms).unwrap_or(0);
        if k > 0 && read + cost > engine.config.read_budget {
            break;
        }
        read += cost;
        let fruit = collector.collect_segment(&*weight, i as u32, &readers[i])?;
        matched += fruit.total;
        searched += u64::from(readers[i].num_docs());
        fruits.push(fruit);
    }
    let mut all = collector.merge_fruits(fruits)?;
    let docs = searcher.num_docs();
    if searched < docs {
        all.estimated = true;
        all.total = (matched as f64 * docs as f64 / searched.max(1) as f64).round() as u64;
    }
    Ok(all)
}

/// The terms a query reads, each once, with whether their positions are read too (a phrase's).
pub fn read_terms(q: &dyn Query) -> Vec<(Term, bool)> {
    let mut terms: std::collections::BTreeMap<Term, bool> = std::collections::BTreeMap::new();
    q.query_terms(&mut |term, positions| *terms.entry(term.clone()).or_insert(false) |= positions);
    terms.into_iter().collect()
}

/// The bytes of postings, and of positions for phrases' terms, that searching `terms`
/// ([`read_terms`]) reads in segment number `segment`: what the read budget counts
/// ([`crate::Config::read_budget`]), known from dictionary entries alone, so the warm-up
/// ([`crate::lazy::warm::query`]) and the walk ([`run`]) leave out the same segments. `None`
/// while a dictionary block it needs is not loaded.
pub fn read_cost(engine: &Engine, searcher: &tantivy::Searcher, segment: usize, terms: &[(Term, bool)]) -> Option<u64> {
    let mut bytes = 0u64;
    let mut known = true;
    for (term, positions) in terms {
        match engine.statistics.read_bytes(searcher, segment, term, *positions) {
            Some(b) => bytes += b,
            None => known = false,
        }
    }
    known.then_some(bytes)
}

/// At least how many records of a segment a query matches, known from document frequencies
/// alone, before it is run: what lets a warm-up ([`crate::lazy::warm::query`]) leave out the
/// segments the match budget's walk ([`run`]) will not reach. A floor too low only warms more
/// than needed; one too high would leave out a segment the walk then reads (one more round of
/// loads, never another answer), so every floor here is a lower bound by construction.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchFloor {
    /// Nothing is known (a filter, several required concepts, phrases only): zero.
    Unknown,
    /// Every live record matches (browsing without a filter).
    Everything,
    /// Every record holding any of these terms matches the query: the floor is the largest of
    /// their document frequencies, less the segment's deleted records.
    AnyOf(Vec<Term>),
}

impl MatchFloor {
    /// The floor of a query (as [`build_query`] works it out) searched through `filter`: no
    /// floor is known through a filter, which the collector checks after matching.
    pub fn through(&self, filter: &Filter) -> MatchFloor {
        if filter.is_empty() {
            self.clone()
        } else {
            MatchFloor::Unknown
        }
    }

    /// The floor of a [`BooleanQuery`] of clauses with these floors: with one required
    /// clause it matches what that clause matches, without any what any clause matches; a
    /// clause of no known floor (a phrase) only adds no terms.
    fn of_clauses(clauses: &[(Occur, MatchFloor)]) -> MatchFloor {
        let required: Vec<&MatchFloor> = clauses.iter().filter(|(o, _)| *o == Occur::Must).map(|(_, f)| f).collect();
        match required.as_slice() {
            [] => MatchFloor::any_of(clauses.iter().map(|(_, f)| f)),
            [one] => (*one).clone(),
            _ => MatchFloor::Unknown,
        }
    }

    /// The floor of a disjunction of parts with these floors ([`DisMax`]): what any part matches.
    fn any_of<'a>(parts: impl IntoIterator<Item = &'a MatchFloor>) -> MatchFloor {
        let mut terms = Vec::new();
        for part in parts {
            match part {
                MatchFloor::Everything => return MatchFloor::Everything,
                MatchFloor::AnyOf(t) => terms.extend(t.iter().cloned()),
                MatchFloor::Unknown => {}
            }
        }
        if terms.is_empty() {
            MatchFloor::Unknown
        } else {
            MatchFloor::AnyOf(terms)
        }
    }

    /// The floor in `segment`, and whether it is complete: false when a dictionary block it
    /// looks in is not loaded yet (that term then counts as absent). `entry` gives a term's
    /// entry in the segment (the warm-up's, which has looked the query's terms up already).
    pub fn in_segment(&self, segment: &SegmentReader, entry: impl Fn(&Term) -> Entry) -> (u64, bool) {
        let deleted = u64::from(segment.num_deleted_docs());
        match self {
            MatchFloor::Unknown => (0, true),
            MatchFloor::Everything => (u64::from(segment.num_docs()), true),
            MatchFloor::AnyOf(terms) => {
                let (mut most, mut complete) = (0u64, true);
                for term in terms {
                    match entry(term) {
                        Entry::Found(info) => most = most.max(u64::from(info.doc_freq)),
                        Entry::Absent => {}
                        Entry::NotLoaded => complete = false,
                    }
                }
                (most.saturating_sub(deleted), complete)
            }
        }
    }
}

/// What a segment's term dictionary says of a term.
#[derive(Debug, Clone)]
pub enum Entry {
    /// The term is there: its document frequency and where its postings are.
    Found(tantivy::postings::TermInfo),
    /// No record of the segment holds the term.
    Absent,
    /// The dictionary block that would say is not loaded (an index read by ranges).
    NotLoaded,
}

impl Entry {
    /// Looks `term` up in `segment`'s dictionary.
    pub fn of(segment: &SegmentReader, term: &Term) -> Entry {
        match segment.inverted_index(term.field()).and_then(|i| Ok(i.get_term_info(term)?)) {
            Ok(Some(info)) => Entry::Found(info),
            Ok(None) => Entry::Absent,
            Err(_) => Entry::NotLoaded,
        }
    }
}

/// The fallback when the query finds nothing: any character pair of any word, alternative,
/// place or code, in titles, entities and bodies.
fn build_relaxed_query(engine: &Engine, plan: &QueryPlan, r: &Ranking) -> Option<Box<dyn Query>> {
    let f = &engine.fields;
    let texts = plan.groups.iter().flat_map(|g| g.alternatives.iter()).chain(plan.code_texts.iter());
    let mut bigrams: Vec<String> = texts.flat_map(|t| analysis::bigrams(t)).map(|t| t.text).collect();
    bigrams.sort();
    bigrams.dedup();
    let clauses: Vec<(Occur, Box<dyn Query>)> = bigrams
        .iter()
        .flat_map(|b| {
            [
                (f.title_bigrams, r.title_bigrams),
                (f.entities_bigrams, r.entities_bigrams),
                (f.body_bigrams, r.body_bigrams),
            ]
            .map(|(field, boost)| (Occur::Should, Box::new(BoostQuery::new(term(field, b), boost)) as Box<dyn Query>))
        })
        .collect();
    if clauses.is_empty() {
        return None;
    }
    // Still in the place asked for: a hit elsewhere is not an answer.
    let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    for group in &plan.groups {
        if let GroupKind::Place(codes) = &group.kind {
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::Must, place_query(engine, codes, r).query),
            ]));
        }
    }
    Some(query)
}

/// How many records a concept's words occur in (its most common alternative, each alternative
/// by its rarest word): the weakest concept is relaxed first.
fn concept_df(engine: &Engine, searcher: &tantivy::Searcher, group: &query::Group) -> u64 {
    let f = &engine.fields;
    group
        .alternatives
        .iter()
        .map(|alt| {
            analysis::words(alt)
                .iter()
                .map(|t| {
                    [f.title, f.body]
                        .iter()
                        .map(|&field| engine.statistics.doc_freq(searcher, &Term::from_field_text(field, &t.text)))
                        .max()
                        .unwrap_or(0)
                })
                .min()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// Records in any of the divisions (or inside them), by the place names of their lineage.
fn place_query(engine: &Engine, codes: &[u32], r: &Ranking) -> FlooredQuery {
    let f = &engine.fields;
    let alts = codes
        .iter()
        .filter_map(|code| regions::get(*code))
        .map(|region| FlooredQuery::term(f.place, &analysis::normalize(region.name)).boost(r.place))
        .collect();
    FlooredQuery::dismax(alts, 0.0)
}

/// A company or body: its exact keys, or its name as a phrase in the title, the entities or
/// the body.
fn entity_query(engine: &Engine, name: &str, keys: &[String], r: &Ranking) -> FlooredQuery {
    let f = &engine.fields;
    let words: Vec<String> = analysis::words(name).into_iter().map(|t| t.text).collect();
    let mut alts: Vec<FlooredQuery> =
        keys.iter().map(|k| FlooredQuery::constant(Term::from_field_text(f.entity_key, k), r.entity_key)).collect();
    alts.extend(sequence(f.title, &words, 0, true).map(|q| q.boost(r.title)));
    alts.extend(sequence(f.entities, &words, 0, true).map(|q| q.boost(r.entities)));
    alts.extend(sequence(f.body, &words, 0, true).map(|q| q.boost(r.body)));
    FlooredQuery::dismax(alts, 0.3)
}

fn bigram_df(engine: &Engine, searcher: &tantivy::Searcher, bigram: &str) -> u64 {
    let f = &engine.fields;
    [f.title_bigrams, f.body_bigrams, f.entities_bigrams]
        .iter()
        .map(|&field| engine.statistics.doc_freq(searcher, &Term::from_field_text(field, bigram)))
        .sum()
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

/// A query built together with its [`MatchFloor`], so that the floor follows the query's
/// shape: a term is matched by itself, a disjunction by any of its parts, a conjunction by
/// its one required part (see [`MatchFloor::of_clauses`]), a phrase by no term alone.
pub struct FlooredQuery {
    /// The query.
    pub query: Box<dyn Query>,
    /// At least what it matches, from document frequencies.
    pub floor: MatchFloor,
}

impl FlooredQuery {
    /// A query matched by no term alone (a phrase, a conjunction of words).
    fn unfloored(query: Box<dyn Query>) -> FlooredQuery {
        FlooredQuery { query, floor: MatchFloor::Unknown }
    }

    /// A term scored by BM25.
    fn term(field: Field, text: &str) -> FlooredQuery {
        let t = Term::from_field_text(field, text);
        FlooredQuery {
            query: Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)),
            floor: MatchFloor::AnyOf(vec![t]),
        }
    }

    /// A term scoring `score` wherever it is.
    fn constant(t: Term, score: f32) -> FlooredQuery {
        let query =
            Box::new(ConstScoreQuery::new(Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic)), score));
        FlooredQuery { query, floor: MatchFloor::AnyOf(vec![t]) }
    }

    /// The same matches, scores times `boost`.
    fn boost(self, boost: f32) -> FlooredQuery {
        FlooredQuery { query: Box::new(BoostQuery::new(self.query, boost)), floor: self.floor }
    }

    /// The best of `parts` plus `tie_breaker` times the others ([`DisMax`]).
    fn dismax(parts: Vec<FlooredQuery>, tie_breaker: f32) -> FlooredQuery {
        let floor = MatchFloor::any_of(parts.iter().map(|p| &p.floor));
        let query = Box::new(DisMax::with_tie_breaker(parts.into_iter().map(|p| p.query).collect(), tie_breaker));
        FlooredQuery { query, floor }
    }

    /// A [`BooleanQuery`] of the clauses.
    fn boolean(clauses: Vec<(Occur, FlooredQuery)>) -> FlooredQuery {
        let floors: Vec<(Occur, MatchFloor)> = clauses.iter().map(|(o, q)| (*o, q.floor.clone())).collect();
        let query = Box::new(BooleanQuery::new(clauses.into_iter().map(|(o, q)| (o, q.query)).collect()));
        FlooredQuery { query, floor: MatchFloor::of_clauses(&floors) }
    }
}

/// A query for a sequence of tokens in one field: a term, or a phrase (with `slop`).
fn sequence(field: Field, tokens: &[String], slop: u32, positions: bool) -> Option<FlooredQuery> {
    match tokens.len() {
        0 => None,
        1 => Some(FlooredQuery::term(field, &tokens[0])),
        _ if positions => {
            let terms = tokens.iter().enumerate().map(|(i, t)| (i, Term::from_field_text(field, t))).collect();
            Some(FlooredQuery::unfloored(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))))
        }
        _ => Some(FlooredQuery::unfloored(Box::new(BooleanQuery::new(
            tokens.iter().map(|t| (Occur::Must, term(field, t))).collect(),
        )))),
    }
}

/// How an alternative text is matched: in full, or (one of many item words of a category)
/// without reading positions outside the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Every field, words in order in title, entities and body.
    Full,
    /// Words in order in the title only; in the body, all of its words, in any order; no
    /// character pairs outside the title: for the many official terms of one word (招投标's
    /// four). A category's item words, which went this way before, are now one tag the builder
    /// writes (see [`build_query`]).
    Light,
}

/// Groups with more alternatives than this match all but their first [`Reach::Light`]ly.
const FULL_ALTERNATIVES: usize = 4;

/// The best of the fields for one alternative text.
fn alternative_query(engine: &Engine, text: &str, weight: f32, r: &Ranking) -> Option<FlooredQuery> {
    alternative_query_reaching(engine, text, weight, r, Reach::Full)
}

fn alternative_query_reaching(
    engine: &Engine,
    text: &str,
    weight: f32,
    r: &Ranking,
    reach: Reach,
) -> Option<FlooredQuery> {
    let f = &engine.fields;
    let words: Vec<String> = analysis::words(text).into_iter().map(|t| t.text).collect();
    let bigrams: Vec<String> = analysis::bigrams(text).into_iter().map(|t| t.text).collect();
    // A text that is one word of the dictionary (公租房) is found by that word in bodies and
    // entities; its character pairs (公租, 租房) there added nothing but cost (at 1,000,000
    // records, matching them in order was half of a query's time). In titles the pairs still
    // count, where a record's text was segmented otherwise (建设用地 in 国有建设用地使用权), but
    // as a set of pairs, not in order: no positions to read.
    let one_word = words.len() == 1;
    let long_bigrams: &[String] = if one_word { &[] } else { &bigrams };
    // (field, tokens, slop, in order, boost) for each field the text is looked for in.
    let fields: &[(Field, &[String], u32, bool, f32)] = match reach {
        Reach::Light => &[
            (f.title, &words, 1, true, r.title),
            (f.body, &words, 0, false, r.body),
            (f.title_bigrams, &bigrams, 0, false, r.title_bigrams),
        ],
        Reach::Full => &[
            (f.title, &words, 1, true, r.title),
            (f.entities, &words, 1, true, r.entities),
            (f.body, &words, 1, true, r.body),
            (f.publisher, &words, 0, false, r.publisher),
            (f.title_bigrams, &bigrams, 0, !one_word, r.title_bigrams),
            (f.entities_bigrams, long_bigrams, 0, true, r.entities_bigrams),
            (f.body_bigrams, long_bigrams, 0, false, r.body_bigrams),
        ],
    };
    let parts: Vec<FlooredQuery> = fields
        .iter()
        .filter_map(|&(field, tokens, slop, in_order, boost)| {
            Some(sequence(field, tokens, slop, in_order)?.boost(boost))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(FlooredQuery::dismax(parts, 0.2).boost(weight))
}

/// Builds the tantivy query of a plan: a conjunction of its concepts (every required group,
/// and code must match), each concept scoring the best of its alternatives and fields;
/// groups that only rank (a stage beside a topic, words beside a company, relaxed concepts),
/// the title phrase and the whole entity name add their score. An empty plan matches every
/// record.
pub fn build_query(engine: &Engine, plan: &QueryPlan, r: &Ranking) -> FlooredQuery {
    if plan.is_empty() {
        return FlooredQuery { query: Box::new(AllQuery), floor: MatchFloor::Everything };
    }
    let f = &engine.fields;
    let mut clauses: Vec<(Occur, FlooredQuery)> = Vec::new();
    let has_topic = !plan.codes.is_empty() || plan.groups.iter().any(|g| !matches!(g.kind, GroupKind::Place(_)));
    let occur = |required: bool| if required { Occur::Must } else { Occur::Should };
    for group in &plan.groups {
        let group_query = match &group.kind {
            GroupKind::Place(codes) => {
                // With a topic beside the place (盐城 矿山), the place mostly filters: its weight
                // must not lift records that only match the place.
                let weight = if has_topic { r.place_with_topic } else { 1.0 };
                place_query(engine, codes, r).boost(weight)
            }
            GroupKind::Entity(keys) => entity_query(engine, &group.word, keys, r),
            GroupKind::Word | GroupKind::Stage(_) => {
                let mut alts: Vec<FlooredQuery> = Vec::new();
                // A category's item words are asked for by its tag (below), not one by one.
                let is_item = |i: usize, alt: &String| i > 0 && group.category.is_some_and(|c| c.items.contains(alt));
                let texts: Vec<&String> = group
                    .alternatives
                    .iter()
                    .enumerate()
                    .filter(|&(i, alt)| !is_item(i, alt))
                    .map(|(_, a)| a)
                    .collect();
                let many = texts.len() > FULL_ALTERNATIVES;
                for (i, alt) in texts.into_iter().enumerate() {
                    let weight = if i == 0 { 1.0 } else { r.synonym };
                    let reach = if many && i > 0 { Reach::Light } else { Reach::Full };
                    alts.extend(alternative_query_reaching(engine, alt, weight, r, reach));
                }
                // The section's tag, which the builder gives records naming one of its items
                // (title or body), scores a constant: every tender of the category has it, so its
                // BM25 would be far below an item word's own and the query's other words (医院)
                // would outrank a headline naming the item. It adds to the words' score: 物业管理服务
                // in a title outranks a record that names only 保洁, one of the section's items.
                let tagged = group.category.map(|c| {
                    let points = r.synonym * r.category_items;
                    let tag = |field| Term::from_field_text(field, &c.section);
                    FlooredQuery::dismax(
                        vec![
                            FlooredQuery::constant(tag(f.category_title), points * r.title),
                            FlooredQuery::constant(tag(f.category), points * r.body),
                        ],
                        0.1,
                    )
                });
                // A topic word is also satisfied by its domain's records, scoring as a weak match.
                if let Some(d) = group.domain {
                    alts.push(FlooredQuery::constant(Term::from_field_u64(f.domain, d.ordinal()), r.topic_domain));
                }
                if alts.is_empty() {
                    continue;
                }
                let weight = if matches!(group.kind, GroupKind::Stage(_)) { r.stage_words } else { 1.0 };
                let words = FlooredQuery::dismax(alts, 0.1);
                match tagged {
                    Some(tagged) => FlooredQuery::dismax(vec![words, tagged], 1.0).boost(weight),
                    None => words.boost(weight),
                }
            }
        };
        clauses.push((occur(group.required), group_query));
    }
    // A whole code matches the code field exactly; a partial one (JSZC-320115) still finds
    // the records quoting it, through its parts in the text.
    for (key, text) in plan.codes.iter().zip(&plan.code_texts) {
        let mut alts = vec![FlooredQuery::term(f.code, key).boost(r.code)];
        alts.extend(alternative_query(engine, text, 1.0, r));
        clauses.push((Occur::Must, FlooredQuery::dismax(alts, 0.0)));
    }
    // The query as a phrase: in the title, and as a whole entity name (an exact company name
    // ranks that company's records first).
    for phrase in &plan.phrases {
        let words: Vec<String> = analysis::words(phrase).into_iter().map(|t| t.text).collect();
        if words.len() >= 2 {
            clauses.extend(sequence(f.title, &words, 0, true).map(|q| (Occur::Should, q.boost(r.title_phrase))));
            clauses.extend(sequence(f.entities, &words, 0, true).map(|q| (Occur::Should, q.boost(r.entities))));
        }
    }
    FlooredQuery::boolean(clauses)
}

/// The filters, checked on fast fields inside the collector so facets can leave out their own.
#[derive(Debug, Clone)]
pub struct Filter {
    domain: Option<u64>,
    catalog: Option<u64>,
    regions: Option<rustc_hash::FxHashSet<u64>>,
    from: i64,
    to: i64,
}

impl Filter {
    /// Whether no filter is set: every record passes.
    pub fn is_empty(&self) -> bool {
        self.domain.is_none()
            && self.catalog.is_none()
            && self.regions.is_none()
            && self.from == i64::MIN
            && self.to == i64::MAX
    }

    /// The filters of the parameters (a region includes its counties).
    pub fn new(p: &SearchParams) -> Filter {
        Filter {
            domain: p.domain.map(|d| d.ordinal()),
            catalog: p.catalog.map(|c| c.0),
            regions: p.region.map(|code| regions::within(code).iter().map(|r| r.code as u64).collect()),
            from: p.from.unwrap_or(i64::MIN),
            to: p.to.unwrap_or(i64::MAX),
        }
    }

    /// Whether a document with these fast-field values passes every filter.
    pub fn accepts(&self, domain: u64, catalog: u64, region: u64, published: i64) -> bool {
        self.domain.is_none_or(|d| d == domain)
            && self.catalog.is_none_or(|c| c == catalog)
            && self.regions.as_ref().is_none_or(|set| set.contains(&region))
            && published >= self.from
            && published <= self.to
    }
}

/// What the query is about beyond its words, applied as score multipliers per document.
#[derive(Debug, Clone, Default)]
struct Boosts {
    /// Domain ordinals, strongest intent first.
    domains: Vec<u64>,
    /// Catalog item ordinals.
    catalog: Vec<u64>,
    /// Region codes inside the named places.
    regions: rustc_hash::FxHashSet<u64>,
    /// Years named.
    years: Vec<u64>,
    /// Role ordinals of the stages asked for (中标结果 → win).
    roles: Vec<u64>,
}

impl Boosts {
    fn new(plan: &QueryPlan) -> Boosts {
        Boosts {
            domains: plan.domain_intent.iter().map(|d| d.ordinal()).collect(),
            catalog: plan.catalog_intent.iter().filter_map(|c| catalog::item(c)).map(|i| i.ordinal()).collect(),
            regions: plan.places.iter().flat_map(|&p| regions::within(p)).map(|r| r.code as u64).collect(),
            years: plan.years.iter().map(|&y| y as u64).collect(),
            roles: plan.stage_roles().iter().map(|r| r.ordinal()).collect(),
        }
    }

    /// The product of the factors that apply to a document.
    fn factor(&self, r: &Ranking, domain: u64, catalog: u64, region: u64, year: u64, role: u64) -> f32 {
        let mut f = 1.0;
        if self.roles.contains(&role) {
            f *= r.stage_boost;
        }
        if let Some(pos) = self.domains.iter().position(|&d| d == domain) {
            f *= if pos == 0 { r.domain_intent } else { r.secondary_intent };
        }
        if self.catalog.contains(&catalog) {
            f *= r.catalog_intent;
        }
        if self.regions.contains(&region) {
            f *= r.place_boost;
        }
        if self.years.contains(&year) {
            f *= r.year_boost;
        }
        f
    }
}

#[derive(Debug, Clone, Copy)]
struct Ranked {
    key: (f32, f32),
    score: f32,
    ord: u64,
}

impl Ranked {
    /// Whether this hit's key ranks strictly before `key`, whatever their ordinals.
    fn key_is_better(&self, key: (f32, f32)) -> bool {
        self.key.0.total_cmp(&key.0).then(self.key.1.total_cmp(&key.1)).is_gt()
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// Reversed, so the binary heap keeps the worst kept hit on top; ties by ordinal.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.key.0.total_cmp(&self.key.0).then(other.key.1.total_cmp(&self.key.1)).then(self.ord.cmp(&other.ord))
    }
}

#[derive(Default)]
struct PageFruit {
    total: u64,
    /// Whether `total` is extrapolated (the match budget left segments out; see [`run`]).
    estimated: bool,
    top: Vec<Ranked>,
    domain: Counts,
    region: Counts,
    catalog: Counts,
    year: Counts,
}

/// Counts by facet value while collecting: every matching document adds to four of them (a
/// query matching 650,000 records counts 2.6 million times), so values under [`Counts::DENSE`]
/// (domain and catalog ordinals, years) count in an array, and the others (region codes) in a
/// hash map with rustc-hash's Fx hasher (keys are small integers, not attacker-chosen strings).
#[derive(Default)]
struct Counts {
    dense: Vec<u64>,
    other: rustc_hash::FxHashMap<u64, u64>,
}

impl Counts {
    /// Values below this count in the array (catalog ordinals reach 2xx, years 2xxx).
    const DENSE: u64 = 4096;

    #[inline]
    fn add(&mut self, value: u64, n: u64) {
        if value < Self::DENSE {
            if self.dense.is_empty() {
                self.dense = vec![0; Self::DENSE as usize];
            }
            self.dense[value as usize] += n;
        } else {
            *self.other.entry(value).or_insert(0) += n;
        }
    }

    fn add_all(&mut self, other: Counts) {
        for (value, n) in other.into_iter() {
            self.add(value, n);
        }
    }

    /// Every value counted at least once, and its count.
    fn into_iter(self) -> impl Iterator<Item = (u64, u64)> {
        let dense = self.dense.into_iter().enumerate().filter(|&(_, n)| n > 0).map(|(v, n)| (v as u64, n));
        dense.chain(self.other)
    }
}

/// A fast-field column read per document: straight from its values when every document has
/// one (all of [`PageCollector`]'s columns), which skips the column index's lookup per read.
struct PerDoc<T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static> {
    column: tantivy::columnar::Column<T>,
    every_doc: bool,
}

impl<T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static + Default> PerDoc<T> {
    fn new(column: tantivy::columnar::Column<T>) -> PerDoc<T> {
        let every_doc = matches!(column.index, tantivy::columnar::ColumnIndex::Full);
        PerDoc { column, every_doc }
    }

    #[inline]
    fn get(&self, doc: DocId) -> T {
        if self.every_doc {
            self.column.values.get_val(doc)
        } else {
            self.column.first(doc).unwrap_or_default()
        }
    }
}

struct PageSegment {
    c: PageCollector,
    ord: PerDoc<u64>,
    domain: PerDoc<u64>,
    catalog: PerDoc<u64>,
    region: PerDoc<u64>,
    published: PerDoc<i64>,
    role: PerDoc<u64>,
    heap: BinaryHeap<Ranked>,
    fruit: PageFruit,
    /// The last publication day seen, its year and its recency factor (neighbouring documents
    /// share days, and the factor's power is the dearest step of a document).
    last_day: (i64, u64, f32),
}

/// Collects one page of hits, the total and the facet counts in a single pass.
#[derive(Clone)]
struct PageCollector {
    keep: usize,
    filter: Filter,
    sort: Sort,
    boosts: Boosts,
    ranking: Ranking,
    newest_day: i64,
}

impl PageCollector {
    /// The u64 fast-field columns a segment's collector reads.
    const U64_COLUMNS: [&'static str; 5] = [names::ORD, names::DOMAIN, names::CATALOG, names::REGION, names::ROLE];
    /// The i64 ones.
    const I64_COLUMNS: [&'static str; 1] = [names::PUBLISHED];
}

impl Collector for PageCollector {
    type Fruit = PageFruit;
    type Child = PageSegment;

    fn for_segment(&self, _ord: u32, reader: &SegmentReader) -> tantivy::Result<PageSegment> {
        let ff = reader.fast_fields();
        Ok(PageSegment {
            c: self.clone(),
            ord: PerDoc::new(ff.u64(names::ORD)?),
            domain: PerDoc::new(ff.u64(names::DOMAIN)?),
            catalog: PerDoc::new(ff.u64(names::CATALOG)?),
            region: PerDoc::new(ff.u64(names::REGION)?),
            published: PerDoc::new(ff.i64(names::PUBLISHED)?),
            role: PerDoc::new(ff.u64(names::ROLE)?),
            heap: BinaryHeap::new(),
            fruit: PageFruit::default(),
            last_day: (i64::MIN, 0, 1.0),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<PageFruit>) -> tantivy::Result<PageFruit> {
        let mut all = PageFruit::default();
        for f in fruits {
            all.total += f.total;
            all.top.extend(f.top);
            for (dst, src) in [
                (&mut all.domain, f.domain),
                (&mut all.region, f.region),
                (&mut all.catalog, f.catalog),
                (&mut all.year, f.year),
            ] {
                dst.add_all(src);
            }
        }
        all.top.sort();
        all.top.truncate(self.keep);
        Ok(all)
    }
}

fn year_of(day: i64) -> u64 {
    use chrono::Datelike;
    schema::date_from_days(day).year() as u64
}

impl SegmentCollector for PageSegment {
    type Fruit = PageFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let domain = self.domain.get(doc);
        let catalog = self.catalog.get(doc);
        let region = self.region.get(doc);
        let published = self.published.get(doc);
        let f = &self.c.filter;
        let ok_domain = f.domain.is_none_or(|d| d == domain);
        let ok_catalog = f.catalog.is_none_or(|c| c == catalog);
        let ok_region = f.regions.as_ref().is_none_or(|set| set.contains(&region));
        let ok_date = published >= f.from && published <= f.to;
        if ok_catalog && ok_region && ok_date {
            self.fruit.domain.add(domain, 1);
        }
        if ok_domain && ok_region && ok_date {
            self.fruit.catalog.add(catalog, 1);
        }
        if ok_domain && ok_catalog && ok_date {
            self.fruit.region.add(region, 1);
        }
        if self.last_day.0 != published {
            let recency = self.c.ranking.recency_factor(self.c.newest_day - published);
            self.last_day = (published, year_of(published), recency);
        }
        let (_, year, recency) = self.last_day;
        if ok_domain && ok_catalog && ok_region {
            self.fruit.year.add(year, 1);
        }
        if !(ok_domain && ok_catalog && ok_region && ok_date) {
            return;
        }
        self.fruit.total += 1;
        let r = &self.c.ranking;
        let role = if self.c.boosts.roles.is_empty() { 0 } else { self.role.get(doc) };
        let s = score * self.c.boosts.factor(r, domain, catalog, region, year, role) * recency;
        let key = match self.c.sort {
            Sort::Relevance => (s, published as f32),
            Sort::Date => (published as f32, s),
        };
        // The ordinal (the tie-break) is read only for a hit that may enter the page.
        let full = self.heap.len() >= self.c.keep;
        if full && self.heap.peek().is_none_or(|worst| worst.key_is_better(key)) {
            return;
        }
        let ranked = Ranked { key, score: s, ord: self.ord.get(doc) };
        if !full {
            self.heap.push(ranked);
        } else if let Some(worst) = self.heap.peek() {
            if ranked < *worst {
                self.heap.pop();
                self.heap.push(ranked);
            }
        }
    }

    fn harvest(mut self) -> PageFruit {
        let mut top = self.heap.into_vec();
        top.sort();
        self.fruit.top = top;
        self.fruit
    }
}
