//! A pass over every document's fast fields, for the answers that count the whole index
//! (statistics, the catalog): no postings, no document shards.

use crate::search::Filter;
use gongkai_core::schema::names;
use std::collections::{HashMap, HashSet};
use tantivy::columnar::Column;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};

/// The fast fields every scan reads, for one segment.
pub struct Segment<'a> {
    /// The segment.
    pub reader: &'a SegmentReader,
    /// Domain ordinals.
    pub domain: Column<u64>,
    /// Catalog item ordinals (0 when absent).
    pub catalog: Column<u64>,
    /// Region codes.
    pub region: Column<u64>,
    /// Publication days since the epoch.
    pub published: Column<i64>,
}

impl Segment<'_> {
    /// A u64 fast field of this segment.
    pub fn u64(&self, name: &str) -> tantivy::Result<Column<u64>> {
        self.reader.fast_fields().u64(name)
    }
}

/// The segments of a searcher with the fast fields every scan reads.
pub fn segments(searcher: &Searcher) -> tantivy::Result<Vec<Segment<'_>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            let ff = reader.fast_fields();
            Ok(Segment {
                reader,
                domain: ff.u64(names::DOMAIN)?,
                catalog: ff.u64(names::CATALOG)?,
                region: ff.u64(names::REGION)?,
                published: ff.i64(names::PUBLISHED)?,
            })
        })
        .collect()
}

impl Segment<'_> {
    /// The live documents of this segment that pass `filter`, in document order.
    pub fn docs<'f>(&'f self, filter: &'f Filter) -> impl Iterator<Item = DocId> + 'f {
        let alive = self.reader.alive_bitset();
        (0..self.reader.max_doc()).filter(move |&doc| {
            alive.is_none_or(|a| a.is_alive(doc))
                && filter.accepts(
                    self.domain.first(doc).unwrap_or(0),
                    self.catalog.first(doc).unwrap_or(0),
                    self.region.first(doc).unwrap_or(0),
                    self.published.first(doc).unwrap_or(0),
                )
        })
    }
}

/// The value of a raw text field (`STRING`) for each document of a segment, read from the
/// inverted index (terms and postings) rather than from its fast column: in the Worker's wasm32
/// build, text fast columns gave back wrong values (a record's last one, or nothing: the parity
/// test caught both), and the postings are what every search already reads. A document with several values keeps its first (in term order).
pub struct TermsByDoc {
    terms: Vec<String>,
    by_doc: Vec<u32>,
}

impl TermsByDoc {
    /// Reads `field` of every document of `reader`.
    pub fn read(reader: &SegmentReader, field: Field) -> tantivy::Result<TermsByDoc> {
        let mut out = TermsByDoc { terms: Vec::new(), by_doc: vec![u32::MAX; reader.max_doc() as usize] };
        let inverted = reader.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        // A failed read of one term's postings does not stop the others: over an index read by
        // rounds, one run then finds every chunk missing. The first failure is the answer.
        let mut failed = None;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
            let at = out.terms.len() as u32;
            out.terms.push(term.to_string());
            let mut postings = match inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic) {
                Ok(p) => p,
                Err(e) => {
                    failed.get_or_insert(e);
                    continue;
                }
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(slot) = out.by_doc.get_mut(doc as usize).filter(|s| **s == u32::MAX) {
                    *slot = at;
                }
                doc = postings.advance();
            }
        }
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(out),
        }
    }

    /// The value of a document, if it has one.
    pub fn get(&self, doc: DocId) -> Option<&str> {
        let at = *self.by_doc.get(doc as usize)?;
        self.terms.get(at as usize).map(String::as_str)
    }
}

/// The values of a raw text field (`STRING`) for a few documents of a segment (the ids of the
/// worst delays, say), from the inverted index as [`TermsByDoc`] but keeping only those.
pub fn terms_of(
    reader: &SegmentReader,
    field: Field,
    wanted: &HashSet<DocId>,
) -> tantivy::Result<HashMap<DocId, String>> {
    let mut out = HashMap::with_capacity(wanted.len());
    if wanted.is_empty() {
        return Ok(out);
    }
    let inverted = reader.inverted_index(field)?;
    let mut stream = inverted.terms().stream()?;
    while stream.advance() && out.len() < wanted.len() {
        let mut postings = inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if wanted.contains(&doc) && !out.contains_key(&doc) {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    out.insert(doc, term.to_string());
                }
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}
