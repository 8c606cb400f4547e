//! Verified chunks in memory: each a slice of the range read that loaded it (its *extent*), and
//! the bounded cache that keeps extents between requests.
//!
//! A range read loads consecutive chunks of one part in one buffer. Keeping that buffer whole,
//! and each chunk as a slice of it, means a read across several of its chunks (a column, a
//! field's norms, a term's postings) is a slice too, not a fresh copy: at 1,000,000 records a
//! Worker query used to copy 20–110 MiB joining chunks, run after run. The cache admits and
//! drops extents whole, so the bytes it counts are the bytes it holds.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use tantivy::directory::OwnedBytes;

/// A chunk: (file number, chunk number in that file).
pub(crate) type ChunkKey = (u32, u32);

/// A verified chunk, a slice of its extent (which it keeps alive).
#[derive(Clone)]
pub(crate) struct Chunk {
    /// The whole extent.
    extent: OwnedBytes,
    /// The extent's number, unique in its directory.
    id: u64,
    /// Where this chunk starts in the extent.
    at: usize,
    /// The chunk's length.
    len: usize,
}

impl fmt::Debug for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Chunk(extent {} bytes {}+{})", self.id, self.at, self.len)
    }
}

impl Chunk {
    /// The chunks of one verified range read, `bytes`, as slices of it: `lens` are the lengths
    /// of its consecutive chunks, in order (they add up to `bytes.len()`).
    pub(crate) fn extent(id: u64, bytes: Vec<u8>, lens: impl IntoIterator<Item = usize>) -> Vec<Chunk> {
        let extent = OwnedBytes::new(bytes);
        let mut at = 0;
        let mut out = Vec::new();
        for len in lens {
            out.push(Chunk { extent: extent.clone(), id, at, len });
            at += len;
        }
        out
    }

    /// The number of the extent it is a slice of, and the extent's length.
    pub(crate) fn extent_of(&self) -> (u64, usize) {
        (self.id, self.extent.len())
    }

    /// The chunk's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.extent.as_slice()[self.at..self.at + self.len]
    }

    /// Bytes `range` of consecutive chunks (offsets from the start of the first), and how many
    /// bytes were copied: none when they are one extent's (a slice of it), all when they are not.
    pub(crate) fn join(chunks: &[Chunk], range: Range<usize>) -> (OwnedBytes, usize) {
        let Some(first) = chunks.first() else { return (OwnedBytes::empty(), 0) };
        let mut expected = first.at;
        let one_extent = chunks.iter().all(|c| {
            let next = c.id == first.id && c.at == expected;
            expected += c.len;
            next
        });
        if one_extent {
            return (first.extent.slice(first.at + range.start..first.at + range.end), 0);
        }
        let mut out = Vec::with_capacity(range.len());
        let mut at = 0usize;
        for c in chunks {
            let (lo, hi) = (range.start.max(at), range.end.min(at + c.len));
            if lo < hi {
                out.extend_from_slice(&c.bytes()[lo - at..hi - at]);
            }
            at += c.len;
        }
        let copied = out.len();
        (OwnedBytes::new(out), copied)
    }
}

/// Verified extents within a byte budget: the one holding the least recently used chunk goes
/// first, and an extent comes in only if one of its chunks was asked for more often than that
/// chunk (TinyLFU's admission, with exact counts: an index has few enough chunks, 14,000 at
/// 1,000,000 records). Plain LRU keeps nothing of a run of requests that reads more than the
/// budget over and over (each chunk is pushed out before it is asked for again); with admission
/// the chunks asked for most stay, and a request still holds what it loaded
/// ([`super::RequestChunks`]). An extent's bytes are counted while any of its chunks is cached,
/// and it is dropped whole.
#[derive(Debug)]
pub(crate) struct ChunkCache {
    /// Chunks kept for good (what opening the index read, runtimes without a source).
    pub(crate) pinned: HashMap<ChunkKey, Chunk>,
    pub(crate) limit: usize,
    /// Bytes of the extents that have chunks here.
    pub(crate) bytes: usize,
    tick: u64,
    chunks: HashMap<ChunkKey, (Chunk, u64)>,
    order: BTreeMap<u64, ChunkKey>,
    /// Of every extent with chunks here: its bytes and its chunks.
    extents: HashMap<u64, (usize, Vec<ChunkKey>)>,
    /// How often each chunk was asked for lately (halved every [`ChunkCache::AGE_EVERY`] lookups
    /// per chunk the budget holds, so the counts follow what is asked for now).
    asked: HashMap<ChunkKey, u32>,
    lookups: u64,
}

impl ChunkCache {
    /// Lookups, per chunk the budget holds, between two halvings of the counts.
    const AGE_EVERY: u64 = 16;

    /// An empty cache of at most `limit` bytes.
    pub(crate) fn new(limit: usize) -> ChunkCache {
        ChunkCache {
            pinned: HashMap::new(),
            limit,
            bytes: 0,
            tick: 0,
            chunks: HashMap::new(),
            order: BTreeMap::new(),
            extents: HashMap::new(),
            asked: HashMap::new(),
            lookups: 0,
        }
    }

    fn count_asked(&mut self, key: ChunkKey) {
        *self.asked.entry(key).or_insert(0) += 1;
        self.lookups += 1;
        let chunks = self.limit as u64 / gongkai_core::bundle::CHUNK_BYTES;
        if self.lookups >= Self::AGE_EVERY * chunks.max(1) {
            self.lookups = 0;
            self.asked.retain(|_, n| {
                *n /= 2;
                *n > 0
            });
        }
    }

    /// The chunk `key`, if kept (pinned, or cached: then it is now the most recently used).
    pub(crate) fn get(&mut self, key: ChunkKey) -> Option<Chunk> {
        if let Some(c) = self.pinned.get(&key) {
            return Some(c.clone());
        }
        self.count_asked(key);
        self.tick += 1;
        let (chunk, tick) = self.chunks.get_mut(&key)?;
        self.order.remove(tick);
        *tick = self.tick;
        self.order.insert(self.tick, key);
        Some(chunk.clone())
    }

    /// Keeps the chunks of one extent for good.
    pub(crate) fn pin(&mut self, chunks: impl IntoIterator<Item = (ChunkKey, Chunk)>) {
        self.pinned.extend(chunks);
    }

    /// Offers the chunks of one extent (all of them, in order) to the cache: taken whole if it
    /// fits the budget and wins admission, else not at all. Chunks already kept stay as they are.
    pub(crate) fn insert(&mut self, chunks: Vec<(ChunkKey, Chunk)>) {
        let Some((_, first)) = chunks.first() else { return };
        let (id, size) = (first.id, first.extent.len());
        let new: Vec<(ChunkKey, Chunk)> =
            chunks.into_iter().filter(|(k, _)| !self.chunks.contains_key(k) && !self.pinned.contains_key(k)).collect();
        if new.is_empty() || size > self.limit || self.extents.contains_key(&id) {
            return;
        }
        if self.bytes + size > self.limit {
            let asked = |k: &ChunkKey| self.asked.get(k).copied().unwrap_or(0);
            let victim = self.order.first_key_value().map(|(_, k)| asked(k));
            let best = new.iter().map(|(k, _)| asked(k)).max().unwrap_or(0);
            if victim.is_some_and(|v| best <= v) {
                return;
            }
        }
        while self.bytes + size > self.limit {
            let Some((_, old)) = self.order.pop_first() else { break };
            self.drop_extent_of(old);
        }
        let keys = new.iter().map(|(k, _)| *k).collect();
        for (key, chunk) in new {
            self.tick += 1;
            self.order.insert(self.tick, key);
            self.chunks.insert(key, (chunk, self.tick));
        }
        self.extents.insert(id, (size, keys));
        self.bytes += size;
    }

    /// Drops the least recently used extents a request does not hold (`held`: its extents'
    /// numbers and lengths) until the cache's other extents fit in the budget beside what the
    /// request holds: a request holding much then costs the cache its least used extents
    /// instead of the two adding up (a Worker's memory keeps its highest mark).
    pub(crate) fn make_room(&mut self, held: &HashMap<u64, usize>) {
        let held_bytes: usize = held.values().sum();
        let held_cached: usize = self.extents.iter().filter(|(id, _)| held.contains_key(id)).map(|(_, e)| e.0).sum();
        let mut others = self.bytes - held_cached;
        let mut victims = Vec::new();
        let mut chosen = std::collections::HashSet::new();
        for key in self.order.values() {
            if held_bytes + others <= self.limit {
                break;
            }
            let Some((chunk, _)) = self.chunks.get(key) else { continue };
            if held.contains_key(&chunk.id) || !chosen.insert(chunk.id) {
                continue;
            }
            others -= self.extents.get(&chunk.id).map_or(0, |e| e.0);
            victims.push(*key);
        }
        for key in victims {
            self.drop_extent_of(key);
        }
    }

    /// Drops the extent holding chunk `key`, with all its chunks.
    fn drop_extent_of(&mut self, key: ChunkKey) {
        let Some((chunk, tick)) = self.chunks.remove(&key) else { return };
        self.order.remove(&tick);
        let Some((size, keys)) = self.extents.remove(&chunk.id) else { return };
        self.bytes -= size;
        for k in keys {
            if let Some((_, t)) = self.chunks.remove(&k) {
                self.order.remove(&t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::bundle::CHUNK_BYTES;

    const CHUNK: usize = CHUNK_BYTES as usize;

    /// `n` chunks of one extent, chunk `k` filled with the byte `k`.
    fn extent(id: u64, first: u32, n: u32) -> Vec<(ChunkKey, Chunk)> {
        let bytes: Vec<u8> = (0..n).flat_map(|k| vec![k as u8; CHUNK]).collect();
        let chunks = Chunk::extent(id, bytes, (0..n).map(|_| CHUNK));
        (first..first + n).map(|c| (0, c)).zip(chunks).collect()
    }

    #[test]
    fn a_read_across_the_chunks_of_one_extent_is_a_slice_of_it_not_a_copy() {
        let one: Vec<Chunk> = extent(1, 0, 3).into_iter().map(|(_, c)| c).collect();
        let (bytes, copied) = Chunk::join(&one, 10..2 * CHUNK + 5);
        assert_eq!(copied, 0);
        assert_eq!(bytes.len(), 2 * CHUNK - 5);
        assert_eq!((bytes.as_slice()[0], bytes.as_slice()[CHUNK], bytes.as_slice()[2 * CHUNK - 6]), (0, 1, 2));
        assert_eq!(bytes.as_slice().as_ptr(), one[0].bytes()[10..].as_ptr(), "the extent's own memory");
        // Chunks of two extents (loaded by two reads) are joined.
        let mut two = one[..1].to_vec();
        two.extend(extent(2, 1, 2).into_iter().map(|(_, c)| c));
        let (bytes, copied) = Chunk::join(&two, 10..2 * CHUNK + 5);
        assert_eq!(copied, 2 * CHUNK - 5);
        assert_eq!((bytes.as_slice()[0], bytes.as_slice()[CHUNK], bytes.as_slice()[2 * CHUNK - 6]), (0, 0, 1));
    }

    #[test]
    fn extents_come_and_go_whole_and_the_cache_counts_what_it_holds() {
        let mut cache = ChunkCache::new(4 * CHUNK);
        cache.insert(extent(1, 0, 3));
        assert_eq!(cache.bytes, 3 * CHUNK);
        for c in 0..3 {
            assert!(cache.get((0, c)).is_some());
        }
        // Two more chunks do not fit beside three: asked for as often, they stay out.
        for c in 10..12 {
            assert!(cache.get((0, c)).is_none());
        }
        cache.insert(extent(2, 10, 2));
        assert!(cache.get((0, 10)).is_none() && cache.get((0, 0)).is_some());
        // Asked for more often than the least recently used chunk, they push its extent out
        // whole: no chunk of it stays to hold its memory uncounted.
        for _ in 0..3 {
            let _ = cache.get((0, 11));
        }
        cache.insert(extent(3, 10, 2));
        assert_eq!(cache.bytes, 2 * CHUNK);
        assert!((0..3).all(|c| cache.get((0, c)).is_none()));
        assert!(cache.get((0, 10)).is_some() && cache.get((0, 11)).is_some());
        // An extent larger than the whole budget is not kept.
        cache.insert(extent(4, 20, 5));
        assert!(cache.get((0, 20)).is_none());
        assert!(cache.bytes <= cache.limit);
    }

    #[test]
    fn what_a_request_holds_and_the_rest_of_the_cache_fit_the_budget_together() {
        let mut cache = ChunkCache::new(4 * CHUNK);
        for id in 0..4 {
            cache.insert(extent(id, id as u32, 1));
        }
        assert_eq!(cache.bytes, 4 * CHUNK);
        // A request holding one of them and two chunks of its own: the two least recently used
        // others go, the one it holds stays.
        let held = HashMap::from([(2, CHUNK), (9, 2 * CHUNK)]);
        cache.make_room(&held);
        assert!(cache.get((0, 0)).is_none() && cache.get((0, 1)).is_none());
        assert!(cache.get((0, 2)).is_some() && cache.get((0, 3)).is_some());
        assert_eq!(cache.bytes, 2 * CHUNK);
        // Holding more than the whole budget leaves only what it holds.
        cache.make_room(&HashMap::from([(2, CHUNK), (9, 8 * CHUNK)]));
        assert!(cache.get((0, 3)).is_none() && cache.get((0, 2)).is_some());
        // Within the budget, nothing goes.
        cache.make_room(&HashMap::new());
        assert_eq!(cache.bytes, CHUNK);
    }

    #[test]
    fn a_loop_of_requests_larger_than_the_cache_keeps_what_is_asked_for_most() {
        let mut cache = ChunkCache::new(4 * CHUNK);
        let mut id = 0;
        // Every request asks for chunk 0 (a column) and one of eight others (its postings),
        // round and round: least-recently-used alone would keep none of the eight.
        let (mut column_hits, mut postings_hits) = (0, 0);
        for pass in 0..3 {
            for k in 1..=8u32 {
                for key in [(0, 0), (0, k)] {
                    match cache.get(key) {
                        Some(_) if pass > 0 && key.1 == 0 => column_hits += 1,
                        Some(_) if pass > 0 => postings_hits += 1,
                        Some(_) => {}
                        None => {
                            id += 1;
                            cache.insert(extent(id, key.1, 1));
                        }
                    }
                }
                assert!(cache.bytes <= cache.limit);
            }
        }
        assert_eq!(column_hits, 16, "the chunk every request reads stays");
        assert!(postings_hits >= 4, "some of the loop stays: {postings_hits} hits in two passes");
    }
}
