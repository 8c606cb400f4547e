//! Warm-up: what a query will read, found in one run that goes on past every miss, so that a
//! runtime loading by rounds ([`crate::http::respond_with_ranges`]) loads it all at once
//! instead of one miss per run.
//!
//! A search over an index read by rounds runs [`query`] before it scores. For every segment it
//! will search (under the match budget, the newest ones: see [`query`]) it asks, each step on
//! its own (a miss stops that step, never the others):
//! - the fast-field columns the page collector reads, and the fieldnorms of every field the
//!   query scores;
//! - each term's dictionary entry (one SSTable block); where that entry is already there, the
//!   byte ranges of the term's postings and, for phrases, its positions, *marked* (recorded as
//!   wanted without being read or parsed: [`mark_only`]).
//!
//! So a cold query takes a round for its dictionary blocks (and columns and fieldnorms), a round
//! for its postings and positions, and a round for its documents.

use super::REQUEST;
use crate::search::Entry;
use std::cell::Cell;
use std::collections::HashSet;
use tantivy::directory::CompositeFile;
use tantivy::directory::Directory;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::Term;

thread_local! {
    /// Whether reads on this thread only mark the chunks they would read ([`mark_only`]).
    pub(super) static MARK_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with reads of the [`super::LazyDirectory`] on this thread only recording, for the
/// request, the chunks they lack; they return no bytes. Only for reads whose bytes nobody
/// parses: the ranges of postings and positions, taken from their dictionary entries.
fn mark_only<T>(f: impl FnOnce() -> T) -> T {
    MARK_ONLY.with(|m| m.set(true));
    let out = f();
    MARK_ONLY.with(|m| m.set(false));
    out
}

/// Whether a request is running on this thread ([`super::LazyDirectory::with_request`]).
fn in_request() -> bool {
    REQUEST.with(|r| r.borrow().is_some())
}

/// Finds, in one run, what searching `query` with a collector reading the u64 fast-field
/// `columns` (and the i64 `i64_columns`) will read in every segment the search reaches, and
/// records what is missing for the request (see the [module](self)). Whether nothing is
/// missing: then the search can run. Outside a request, does nothing (and says so).
///
/// Segments are warmed in the order the search walks them ([`crate::Engine::newest_first`]),
/// and those after the point where the query's `floor` (matches it has at least, from its
/// dictionary entries) reaches the match budget, or where its postings and positions
/// ([`crate::search::read_cost`]) pass the read budget, get only their dictionary entries
/// (scoring weighs terms over the whole index): the walk stops there or sooner.
/// Until the floors of the segments before it are known (their dictionary blocks loaded), a
/// segment gets only its dictionary blocks, its columns, fieldnorms and postings waiting for
/// the round that loading those blocks makes anyway.
pub fn query(
    engine: &crate::Engine,
    query: &dyn Query,
    columns: &[&str],
    i64_columns: &[&str],
    floor: &crate::search::MatchFloor,
) -> bool {
    if !in_request() {
        return true;
    }
    let mut terms: Vec<(Term, bool)> = Vec::new();
    query.query_terms(&mut |term, positions| terms.push((term.clone(), positions)));
    let fields: HashSet<Field> = terms.iter().map(|(t, _)| t.field()).collect();
    let searcher = engine.reader.searcher();
    let readers = searcher.segment_readers();
    let budget = engine.config.match_budget;
    let read_terms = crate::search::read_terms(query);
    // Matches the walk has counted, at least, before the segment at hand; whether that is
    // all the floors of the segments before it.
    let (mut before, mut floors_known) = (0u64, true);
    // Bytes the walk has read before the segment at hand (the read budget's count); whether
    // every segment before it is known to be read or left out; whether one was left out.
    let (mut read, mut reads_known, mut read_out) = (0u64, true, false);
    for (k, i) in engine.newest_first(readers).into_iter().enumerate() {
        let reader = &readers[i];
        // Every segment's dictionary entries, reached or not: scoring weighs each term by its
        // document frequency over the whole index.
        let entries: Vec<Entry> = terms.iter().map(|(term, _)| Entry::of(reader, term)).collect();
        let held = |t: &Term| match terms.iter().position(|(q, _)| q == t) {
            Some(i) => entries[i].clone(),
            None => Entry::of(reader, t),
        };
        let (at_least, complete) = floor.in_segment(reader, held);
        let reached = before < budget;
        let known = floors_known;
        before += at_least;
        floors_known &= complete;
        // The read budget, as the walk applies it: the newest segment is always read, a later
        // one only if its postings and positions fit beside those read before it.
        let cost = crate::search::read_cost(engine, &searcher, i, &read_terms);
        let read_known = k == 0 || (reads_known && cost.is_some());
        let fits = k == 0 || (!read_out && cost.is_some_and(|c| read + c <= engine.config.read_budget));
        if read_known && !fits {
            read_out = true;
        }
        if read_known && fits {
            read += cost.unwrap_or(0);
        }
        reads_known &= cost.is_some();
        // Not reached: the walk stops before this segment, or sooner. Not known yet whether
        // it is (a dictionary block before it is missing, so another round comes anyway):
        // its columns, fieldnorms and postings wait for that round.
        if !reached || !known || !read_known || !fits {
            continue;
        }
        let ff = reader.fast_fields();
        for name in columns {
            let _ = ff.u64(name);
        }
        for name in i64_columns {
            let _ = ff.i64(name);
        }
        for &field in &fields {
            let _ = reader.get_fieldnorms_reader(field);
        }
        // The segment's postings and positions files (tantivy names them by segment id).
        let id = reader.segment_id().uuid_string();
        let composite = |ext: &str| {
            let path = std::path::PathBuf::from(format!("{id}.{ext}"));
            engine.index.directory().open_read(&path).ok().and_then(|f| CompositeFile::open(&f).ok())
        };
        let (postings, positions) = (composite("idx"), composite("pos"));
        for ((term, with_positions), entry) in terms.iter().zip(&entries) {
            let Entry::Found(info) = entry else { continue };
            mark_only(|| {
                if let Some(slice) = postings.as_ref().and_then(|c| c.open_read(term.field())) {
                    let _ = slice.read_bytes_slice(info.postings_range.clone());
                }
                if *with_positions && !info.positions_range.is_empty() {
                    if let Some(slice) = positions.as_ref().and_then(|c| c.open_read(term.field())) {
                        let _ = slice.read_bytes_slice(info.positions_range.clone());
                    }
                }
            });
        }
    }
    REQUEST.with(|r| r.borrow().as_ref().is_none_or(|r| !r.has_missing()))
}
