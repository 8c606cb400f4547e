//! Document frequencies, remembered for the life of an engine (its index never changes).
//!
//! Every concept of a query looks its terms up in every segment's term dictionary twice, once
//! for BM25's statistics and once for the scorer, and the same words come back query after
//! query. With tantivy's SSTable dictionary a lookup decodes a whole block (at 20,000 records
//! these lookups were four tenths of a query's time), so the statistics side is answered from
//! here ([`Statistics::provider`], a [`Bm25StatisticsProvider`]), as are the document
//! frequencies query understanding asks for ([`Statistics::doc_freq`]).
//!
//! Only what was read whole is kept: over an index read by rounds, a lookup that found a chunk
//! missing is not remembered (nor is it wrong for long: that run's answer is dropped).

use std::collections::HashMap;
use std::sync::Mutex;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Most terms remembered; past it the table starts again empty (a bound, not a policy: the
/// vocabulary people search with is much smaller).
const MAX_TERMS: usize = 200_000;

/// What an engine remembers of its index's statistics.
#[derive(Debug, Default)]
pub struct Statistics {
    doc_freq: Mutex<HashMap<Term, TermStats>>,
    total_num_tokens: Mutex<HashMap<Field, u64>>,
}

/// What every segment's dictionary says of one term.
#[derive(Debug, Clone)]
struct TermStats {
    /// Documents containing it, over every segment.
    doc_freq: u64,
    /// Per segment (in the searcher's order): the bytes of its postings and of its positions.
    bytes: Vec<(u64, u64)>,
}

impl Statistics {
    /// Documents containing `term`, summed over every segment. A segment whose read fails
    /// counts 0 and the others are still asked (unlike `Searcher::doc_freq`): over an index
    /// read by rounds, one run then finds the dictionary block missing in every segment.
    pub fn doc_freq(&self, searcher: &Searcher, term: &Term) -> u64 {
        self.read_doc_freq(searcher, term).0
    }

    /// [`Statistics::doc_freq`] when every segment answered, `None` when a read failed (over an
    /// index read by rounds: its dictionary block is not loaded yet).
    pub fn known_doc_freq(&self, searcher: &Searcher, term: &Term) -> Option<u64> {
        let (n, complete) = self.read_doc_freq(searcher, term);
        complete.then_some(n)
    }

    fn read_doc_freq(&self, searcher: &Searcher, term: &Term) -> (u64, bool) {
        if let Some(n) = self.doc_freq.lock().ok().as_ref().and_then(|m| m.get(term)).map(|s| s.doc_freq) {
            return (n, true);
        }
        let (stats, complete) = self.read_term(searcher, term);
        (stats.doc_freq, complete)
    }

    /// What every segment's dictionary says of `term` (remembered), and whether every segment
    /// answered (when not, the frequency is of those that did).
    fn read_term(&self, searcher: &Searcher, term: &Term) -> (TermStats, bool) {
        let mut doc_freq = 0u64;
        let mut bytes = Vec::with_capacity(searcher.segment_readers().len());
        let mut complete = true;
        for segment in searcher.segment_readers() {
            match segment.inverted_index(term.field()).and_then(|i| Ok(i.get_term_info(term)?)) {
                Ok(Some(info)) => {
                    doc_freq += u64::from(info.doc_freq);
                    bytes.push((info.postings_range.len() as u64, info.positions_range.len() as u64));
                }
                Ok(None) => bytes.push((0, 0)),
                Err(_) => complete = false,
            }
        }
        let stats = TermStats { doc_freq, bytes };
        if complete {
            self.remember(term, stats.clone());
        }
        (stats, complete)
    }

    /// The bytes searching `term` reads in segment number `segment` of `searcher`: its postings
    /// and, with `positions` (a phrase's term), its positions; what the read budget counts
    /// ([`crate::Config::read_budget`]). `None` while a dictionary block it needs (in any
    /// segment) is not loaded.
    pub fn read_bytes(&self, searcher: &Searcher, segment: usize, term: &Term, positions: bool) -> Option<u64> {
        let known = self.doc_freq.lock().ok().as_ref().and_then(|m| m.get(term)).map(|s| s.bytes.get(segment).copied());
        let (postings, positions_bytes) = match known {
            Some(b) => b.unwrap_or((0, 0)),
            None => match self.read_term(searcher, term) {
                (stats, true) => stats.bytes.get(segment).copied().unwrap_or((0, 0)),
                _ => return None,
            },
        };
        Some(postings + if positions { positions_bytes } else { 0 })
    }

    fn remember(&self, term: &Term, stats: TermStats) {
        if let Ok(mut map) = self.doc_freq.lock() {
            if map.len() >= MAX_TERMS {
                map.clear();
            }
            map.insert(term.clone(), stats);
        }
    }

    /// BM25's statistics for a search on `searcher`, from what is remembered.
    pub fn provider<'a>(&'a self, searcher: &'a Searcher) -> Provider<'a> {
        Provider { statistics: self, searcher }
    }
}

/// [`Statistics`] over one searcher, for `Searcher::search_with_statistics_provider`.
pub struct Provider<'a> {
    statistics: &'a Statistics,
    searcher: &'a Searcher,
}

impl Bm25StatisticsProvider for Provider<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.statistics.total_num_tokens.lock().ok().as_ref().and_then(|m| m.get(&field)) {
            return Ok(n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        if let Ok(mut map) = self.statistics.total_num_tokens.lock() {
            map.insert(field, n);
        }
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = self.statistics.doc_freq.lock().ok().as_ref().and_then(|m| m.get(term)).map(|s| s.doc_freq) {
            return Ok(n);
        }
        match self.statistics.read_term(self.searcher, term) {
            (stats, true) => Ok(stats.doc_freq),
            // As tantivy asks: the first failed read is the error (the search stops there).
            _ => Bm25StatisticsProvider::doc_freq(self.searcher, term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn frequencies_are_the_searchers_and_are_remembered() {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for t in ["公租房 配租 公示", "公租房 摇号", "土地 出让"] {
            writer.add_document(doc!(title => t)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let stats = Statistics::default();
        let term = Term::from_field_text(title, "公租房");
        assert_eq!(stats.doc_freq(&searcher, &term), 2);
        assert_eq!(stats.doc_freq.lock().unwrap().get(&term).map(|s| s.doc_freq), Some(2));
        let p = stats.provider(&searcher);
        assert_eq!(Bm25StatisticsProvider::doc_freq(&p, &Term::from_field_text(title, "土地")).unwrap(), 1);
        assert_eq!(p.total_num_docs().unwrap(), 3);
        assert_eq!(p.total_num_tokens(title).unwrap(), searcher.total_num_tokens(title).unwrap());
        assert_eq!(stats.doc_freq(&searcher, &Term::from_field_text(title, "采矿权")), 0);
        // What the read budget counts: the term's postings, and its positions for a phrase.
        let postings = stats.read_bytes(&searcher, 0, &term, false).unwrap();
        let with_positions = stats.read_bytes(&searcher, 0, &term, true).unwrap();
        assert!(postings > 0 && with_positions > postings, "{postings} {with_positions}");
        assert_eq!(stats.read_bytes(&searcher, 0, &Term::from_field_text(title, "采矿权"), true), Some(0));
    }
}
