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
    doc_freq: Mutex<HashMap<Term, u64>>,
    total_num_tokens: Mutex<HashMap<Field, u64>>,
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
        if let Some(&n) = self.doc_freq.lock().ok().as_ref().and_then(|m| m.get(term)) {
            return (n, true);
        }
        let mut complete = true;
        let mut n = 0u64;
        for segment in searcher.segment_readers() {
            match segment.inverted_index(term.field()).map(|i| i.doc_freq(term)) {
                Ok(Ok(df)) => n += u64::from(df),
                _ => complete = false,
            }
        }
        if complete {
            self.remember(term, n);
        }
        (n, complete)
    }

    fn remember(&self, term: &Term, n: u64) {
        if let Ok(mut map) = self.doc_freq.lock() {
            if map.len() >= MAX_TERMS {
                map.clear();
            }
            map.insert(term.clone(), n);
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
        if let Some(&n) = self.statistics.doc_freq.lock().ok().as_ref().and_then(|m| m.get(term)) {
            return Ok(n);
        }
        // As tantivy asks: the first failed read is the error (the search stops there).
        let n = Bm25StatisticsProvider::doc_freq(self.searcher, term)?;
        self.statistics.remember(term, n);
        Ok(n)
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
        assert_eq!(stats.doc_freq.lock().unwrap().get(&term), Some(&2));
        let p = stats.provider(&searcher);
        assert_eq!(Bm25StatisticsProvider::doc_freq(&p, &Term::from_field_text(title, "土地")).unwrap(), 1);
        assert_eq!(p.total_num_docs().unwrap(), 3);
        assert_eq!(p.total_num_tokens(title).unwrap(), searcher.total_num_tokens(title).unwrap());
        assert_eq!(stats.doc_freq(&searcher, &Term::from_field_text(title, "采矿权")), 0);
    }
}
