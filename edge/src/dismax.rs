//! [`DisMax`]: the best of several queries (plus a share of the others' scores), with a scorer
//! that moves its parts only as far as it is asked to.
//!
//! Every concept of a query is a disjunction: its alternatives (施工 or 施工招标), each in several
//! fields (title, body, character pairs …). tantivy's `DisjunctionMaxQuery` scores a
//! disjunction with a buffered union, which reads and scores every document of every part in
//! windows of 4,096 documents. That is the fastest way to walk a disjunction from end to end,
//! but inside a conjunction most concepts are only asked "does document *d* match, and how
//! well?" for the documents the rarest concept leads to, and a buffered union still reads and
//! scores everything in each window it touches. At 1,000,000 records the optional stage words
//! of 南京 施工招标 (招标, in five fields) scored 2.5 million postings to add to 40,000 matches.
//!
//! [`DisMaxScorer`] keeps each part on its own position and seeks a part only when it is
//! behind the target, with tantivy's `seek_danger` (a phrase checks positions only at the
//! target, not up to its next match). Its score is tantivy's `DisjunctionMaxCombiner`'s: the
//! best part's score plus `tie_breaker` × the others'.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term, TERMINATED};

/// The best of several queries, plus `tie_breaker` times the sum of the others that match.
#[derive(Debug)]
pub struct DisMax {
    disjuncts: Vec<Box<dyn Query>>,
    tie_breaker: Score,
}

impl Clone for DisMax {
    fn clone(&self) -> Self {
        DisMax { disjuncts: self.disjuncts.iter().map(|q| q.box_clone()).collect(), tie_breaker: self.tie_breaker }
    }
}

impl DisMax {
    /// The best of `disjuncts`, the others adding `tie_breaker` times their scores.
    pub fn with_tie_breaker(disjuncts: Vec<Box<dyn Query>>, tie_breaker: Score) -> DisMax {
        DisMax { disjuncts, tie_breaker }
    }

    /// The best of `disjuncts` alone.
    pub fn new(disjuncts: Vec<Box<dyn Query>>) -> DisMax {
        DisMax::with_tie_breaker(disjuncts, 0.0)
    }
}

impl Query for DisMax {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self.disjuncts.iter().map(|q| q.weight(enable_scoring)).collect::<tantivy::Result<_>>()?;
        Ok(Box::new(DisMaxWeight { weights, tie_breaker: self.tie_breaker }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.disjuncts {
            q.query_terms(visitor);
        }
    }
}

struct DisMaxWeight {
    weights: Vec<Box<dyn Weight>>,
    tie_breaker: Score,
}

impl Weight for DisMaxWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::with_capacity(self.weights.len());
        for w in &self.weights {
            let scorer = w.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                parts.push(scorer);
            }
        }
        Ok(match parts.len() {
            0 => Box::new(EmptyScorer),
            // One part: its own scorer (its score is the best part's, with no others to add).
            1 => parts.pop().unwrap_or_else(|| Box::new(EmptyScorer)),
            _ => Box::new(DisMaxScorer::new(parts, self.tie_breaker, reader.max_doc())),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("best of the alternatives, plus a share of the others", scorer.score()))
    }
}

/// One part of a [`DisMaxScorer`] and where it stands.
struct Part {
    scorer: Box<dyn Scorer>,
    /// The part's document when `exact`; otherwise a lower bound of its next one, after a
    /// `seek_danger` that missed (the part then takes only `seek_danger` calls until it finds).
    doc: DocId,
    exact: bool,
}

impl Part {
    /// Whether the part may be at `target` or before it: before it, or not yet known to be
    /// past it (an inexact lower bound at `target` may be a match there).
    fn behind(&self, target: DocId) -> bool {
        self.doc < target || (!self.exact && self.doc == target)
    }

    /// Seeks the part to its first document at or after `target` (`target` above where it is).
    fn seek(&mut self, target: DocId) {
        let mut t = target;
        loop {
            match self.scorer.seek_danger(t) {
                SeekDangerResult::Found => {
                    (self.doc, self.exact) = (t, true);
                    return;
                }
                SeekDangerResult::SeekLowerBound(bound) if bound >= TERMINATED => {
                    (self.doc, self.exact) = (TERMINATED, true);
                    return;
                }
                SeekDangerResult::SeekLowerBound(bound) => t = bound,
            }
        }
    }

    /// Makes an inexact part exact (its first document at or after its lower bound).
    fn settle(&mut self) {
        if !self.exact {
            self.seek(self.doc);
        }
    }
}

/// How many documents a walked [`DisMaxScorer`] reads ahead at once (as tantivy's union).
const WINDOW: u32 = 4096;

/// The scorer of [`DisMax`]: see the module's documentation.
///
/// It is sought (`seek`, `seek_danger`) where it is one concept of several, and walked
/// (`advance`) where it leads; the first `advance` turns it into a walk by windows, which
/// reads each part's documents of the next [`WINDOW`] at once, as tantivy's buffered union
/// does (for a walk that is cheaper than finding the smallest part at every document).
pub struct DisMaxScorer {
    parts: Vec<Part>,
    /// The current document when `exact`; after a missed `seek_danger`, a lower bound.
    doc: DocId,
    tie_breaker: Score,
    /// Present once the scorer is walked.
    window: Option<Box<Window>>,
    /// Seeks so far, and what walking the whole segment would cost (its parts' documents).
    seeks: u64,
    walk_cost: u64,
    max_doc: DocId,
}

/// A sought [`DisMaxScorer`] starts walking by windows once seeking every part to every target
/// looks dearer than reading every part's documents: when the seeks so far, at the rate they
/// came over the segment up to the target, times the parts, pass the parts' documents
/// (南京 施工招标: the targets are dense in 施工's postings). Not before this many seeks.
const SEEKS_BEFORE_WALKING: u64 = 64;

/// The next [`WINDOW`] documents of a walked [`DisMaxScorer`]: which match, and their parts'
/// best and summed scores.
struct Window {
    start: DocId,
    matches: [u64; (WINDOW / 64) as usize],
    scores: Vec<(Score, Score)>,
}

impl Window {
    fn new() -> Window {
        Window { start: 0, matches: [0; (WINDOW / 64) as usize], scores: vec![(0.0, 0.0); WINDOW as usize] }
    }

    /// Adds a part's documents from `doc` (its current one) up to `end` and returns the part's
    /// first document after them.
    #[inline]
    fn read<S: Scorer + ?Sized>(&mut self, start: DocId, mut doc: DocId, end: DocId, part: &mut S) -> DocId {
        while doc < end {
            let i = (doc - start) as usize;
            let s = part.score();
            let slot = &mut self.scores[i];
            if self.matches[i / 64] & (1 << (i % 64)) == 0 {
                self.matches[i / 64] |= 1 << (i % 64);
                *slot = (s, s);
            } else {
                *slot = (slot.0.max(s), slot.1 + s);
            }
            doc = part.advance();
        }
        doc
    }

    /// The first match at or after `doc` in the window.
    fn next_match(&self, doc: DocId) -> Option<DocId> {
        if doc < self.start || doc >= self.start + WINDOW {
            return None;
        }
        let i = (doc - self.start) as usize;
        let (mut word, bit) = (i / 64, i % 64);
        let mut bits = self.matches[word] & (u64::MAX << bit);
        loop {
            if bits != 0 {
                return Some(self.start + (word * 64) as u32 + bits.trailing_zeros());
            }
            word += 1;
            if word == self.matches.len() {
                return None;
            }
            bits = self.matches[word];
        }
    }
}

impl DisMaxScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>, tie_breaker: Score, max_doc: DocId) -> DisMaxScorer {
        let parts: Vec<Part> = scorers.into_iter().map(|s| Part { doc: s.doc(), scorer: s, exact: true }).collect();
        let doc = parts.iter().map(|p| p.doc).min().unwrap_or(TERMINATED);
        let walk_cost: u64 = parts.iter().map(|p| p.scorer.cost()).sum();
        DisMaxScorer { parts, doc, tie_breaker, window: None, seeks: 0, walk_cost, max_doc }
    }

    /// Settles every part and takes the first document among them.
    fn settle(&mut self) -> DocId {
        for p in &mut self.parts {
            p.settle();
        }
        self.doc = self.parts.iter().map(|p| p.doc).min().unwrap_or(TERMINATED);
        self.doc
    }

    /// Reads the window starting at the parts' first document (all parts settled).
    fn fill(&mut self) -> DocId {
        let start = self.parts.iter().map(|p| p.doc).min().unwrap_or(TERMINATED);
        let window = self.window.get_or_insert_with(|| Box::new(Window::new()));
        if start == TERMINATED {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        window.start = start;
        window.matches = [0; (WINDOW / 64) as usize];
        let end = start.saturating_add(WINDOW);
        for p in &mut self.parts {
            p.doc = window.read(start, p.doc, end, &mut *p.scorer);
        }
        self.doc = start;
        start
    }

    /// Counts a seek to `target`, and starts walking when the seeks have been dense
    /// ([`SEEKS_BEFORE_WALKING`]).
    fn count_seek(&mut self, target: DocId) {
        self.seeks += 1;
        if self.window.is_some() || self.seeks < SEEKS_BEFORE_WALKING || target >= TERMINATED {
            return;
        }
        let expected_seeks = self.seeks * u64::from(self.max_doc) / (u64::from(target) + 1);
        if expected_seeks * self.parts.len() as u64 > self.walk_cost {
            self.settle();
            self.fill();
        }
    }

    /// The walk's next match at or after `target`.
    fn walk_to(&mut self, target: DocId) -> DocId {
        if let Some(doc) = self.window.as_ref().and_then(|w| w.next_match(target)) {
            self.doc = doc;
            return doc;
        }
        for p in &mut self.parts {
            if p.behind(target) {
                p.seek(target);
            }
        }
        self.fill()
    }
}

impl DocSet for DisMaxScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.window.is_none() {
            let current = self.settle();
            self.fill();
            return self.walk_to(current + 1);
        }
        self.walk_to(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.count_seek(target);
        if self.window.is_some() {
            return if target <= self.doc { self.doc } else { self.walk_to(target) };
        }
        for p in &mut self.parts {
            if p.behind(target) {
                p.seek(target);
            }
        }
        self.settle()
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.count_seek(target);
        if self.window.is_some() {
            let doc = self.seek(target);
            return if doc == target { SeekDangerResult::Found } else { SeekDangerResult::SeekLowerBound(doc) };
        }
        let mut found = false;
        let mut bound = TERMINATED;
        for p in &mut self.parts {
            if p.behind(target) {
                match p.scorer.seek_danger(target) {
                    SeekDangerResult::Found => (p.doc, p.exact) = (target, true),
                    SeekDangerResult::SeekLowerBound(b) => (p.doc, p.exact) = (b, b >= TERMINATED),
                }
            }
            found |= p.exact && p.doc == target;
            bound = bound.min(p.doc);
        }
        if found {
            self.doc = target;
            SeekDangerResult::Found
        } else {
            self.doc = bound;
            SeekDangerResult::SeekLowerBound(bound)
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|p| p.scorer.size_hint()).max().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.parts.iter().map(|p| p.scorer.cost()).sum()
    }
}

impl Scorer for DisMaxScorer {
    fn score(&mut self) -> Score {
        let (max, sum) = match &self.window {
            Some(w) => w.scores[(self.doc - w.start) as usize],
            None => {
                let (mut max, mut sum) = (0.0f32, 0.0f32);
                for p in &mut self.parts {
                    if p.exact && p.doc == self.doc {
                        let s = p.scorer.score();
                        max = max.max(s);
                        sum += s;
                    }
                }
                (max, sum)
            }
        };
        max + (sum - max) * self.tie_breaker
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// Notices in two fields, as words separated by spaces (the default tokenizer).
    fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body_field = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        let titles = ["施工 招标 公告", "中标 结果 公示", "采购 公告", "施工 合同", "土地 出让 公告", "招标 公告 更正"];
        for i in 0..10_000u32 {
            let t = titles[(i as usize * 7 + i as usize / 13) % titles.len()];
            let body = if i % 5 == 0 { "南京 施工 招标 项目" } else if i % 3 == 0 { "苏州 采购 公告" } else { "公告 正文" };
            w.add_document(doc!(title => t, body_field => body)).expect("add");
        }
        w.commit().expect("commit");
        (index, title, body_field)
    }

    fn term(f: tantivy::schema::Field, t: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(f, t), IndexRecordOption::WithFreqs))
    }

    fn phrase(f: tantivy::schema::Field, words: &[&str]) -> Box<dyn Query> {
        Box::new(PhraseQuery::new(words.iter().map(|w| Term::from_field_text(f, w)).collect()))
    }

    /// The same concepts as tantivy's disjunction and as ours, inside conjunctions (where ours
    /// is sought) and alone (where it is walked): the same documents with the same scores.
    #[test]
    fn a_seeking_disjunction_matches_and_scores_as_tantivys_own() {
        let (index, title, body) = index();
        let searcher = index.reader().expect("reader").searcher();
        let parts = |_: ()| -> Vec<Box<dyn Query>> {
            vec![phrase(title, &["施工", "招标"]), phrase(body, &["施工", "招标"]), term(title, "合同"), term(body, "南京")]
        };
        let stage = |_: ()| -> Vec<Box<dyn Query>> { vec![term(title, "公告"), phrase(title, &["招标", "公告"])] };
        // The same two queries, with one kind of disjunction or the other.
        let queries = |either: &dyn Fn(Vec<Box<dyn Query>>, Score) -> Box<dyn Query>| -> Vec<Box<dyn Query>> {
            vec![
                either(parts(()), 0.2),
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term(body, "施工")),
                    (Occur::Must, either(parts(()), 0.2)),
                    (Occur::Should, either(stage(()), 0.1)),
                ])),
            ]
        };
        let ours = queries(&|q, tie| Box::new(DisMax::with_tie_breaker(q, tie)));
        let theirs = queries(&|q, tie| Box::new(DisjunctionMaxQuery::with_tie_breaker(q, tie)));
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            let n = searcher.search(&**a, &Count).expect("count");
            assert!(n > 100, "the test's concepts match many notices ({n})");
            assert_eq!(n, searcher.search(&**b, &Count).expect("count"));
            let top = |q: &dyn Query| searcher.search(q, &TopDocs::with_limit(10_000).order_by_score()).expect("top");
            let by_doc = |q: &dyn Query| -> std::collections::BTreeMap<tantivy::DocAddress, f32> {
                top(q).into_iter().map(|(s, d)| (d, s)).collect()
            };
            let (x, y) = (by_doc(&**a), by_doc(&**b));
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
            for (d, sa) in &x {
                let sb = y[d];
                assert!((sa - sb).abs() < 1e-4, "{i}: {d:?} scores {sa} here, {sb} in tantivy's");
            }
        }
    }
}
