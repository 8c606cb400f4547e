//! A loaded index bundle, ready to answer queries: the tantivy index in memory, the manifest,
//! the lexicon, and a cache of document shards filled on demand.
//!
//! The engine never does I/O itself: the runtime (edge-serve reading a directory, the Worker
//! reading static assets or R2) hands it bytes checked against the manifest
//! ([`VerifiedFile`]). Requests that need document shards the engine does not hold yet answer
//! [`crate::http::Outcome::NeedShards`]; [`crate::http::respond`](fn@crate::http::respond) loads them through the
//! runtime's loader, holds them for the request ([`RequestShards`]) and asks again.

use crate::config::Config;
use crate::lazy::{LazyDirectory, LazyStats};
use crate::understanding::vocabulary::Vocabulary;
use gongkai_core::bundle::{self, BundleError, DocShard, Manifest, VerifiedFile};
use gongkai_core::schema::Fields;
use gongkai_core::Record;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// A loaded bundle.
pub struct Engine {
    /// The manifest the bundle was loaded from.
    pub manifest: Manifest,
    /// The tantivy index (in memory).
    pub index: Index,
    /// A reader on it (manual reload: the bundle never changes under an engine).
    pub reader: IndexReader,
    /// Schema fields.
    pub fields: Fields,
    /// The bundle's vocabulary; its suggestion and pinyin indexes are built on first use
    /// (see [`Engine::vocabulary`]), so a cold start that answers a Chinese query skips them.
    lexicon: std::sync::Mutex<Option<gongkai_core::lexicon::Lexicon>>,
    vocabulary: std::sync::OnceLock<Vocabulary>,
    /// Deployment settings.
    pub config: Config,
    /// Newest publication date in the index, days since epoch (the recency prior's "now").
    pub newest_day: i64,
    /// The segments, the one holding the newest record first ([`Engine::newest_first`]).
    segments_newest_first: Vec<tantivy::index::SegmentId>,
    shards: RwLock<ShardCache>,
    /// This edge's analyzer fingerprint ([`gongkai_core::analysis::fingerprint`]).
    pub analyzer: String,
    /// Every party with a listing after its latest removal, by whole-name key, from the
    /// bundle's notices ([`gongkai_core::blacklist`]); judged per request
    /// ([`crate::endpoints::entity::blacklisted_parties`]).
    pub(crate) blacklist: gongkai_core::blacklist::Listings,
    /// Document frequencies remembered for this index.
    pub statistics: crate::statistics::Statistics,
    /// The directory the index is read through, when it is read lazily.
    lazy: Option<LazyDirectory>,
    /// The bundle's project sizes ([`gongkai_core::projects`]), read a byte an ordinal.
    project_sizes: Option<Arc<dyn tantivy::directory::FileHandle>>,
}

/// How the size of a record's project is known ([`Engine::project_sizes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectSize {
    /// The bundle gives it: this many records carry or quote the record's project code.
    Stored(u32),
    /// Look it up (a bundle built before it was stored, or a project of 255 records or more).
    LookUp,
    /// Its chunk is not loaded yet: this run's answer is dropped, the next one knows.
    NotLoaded,
}

/// Most bytes of document shards an engine keeps by default ([`Config::shard_cache_bytes`]);
/// the least recently used are dropped first, so an edge serving a large bundle stays within
/// its memory.
pub const MAX_CACHED_SHARD_BYTES: usize = 24 * 1024 * 1024;

/// The document shards one request has loaded for itself (after
/// [`crate::http::Outcome::NeedShards`]). The request reads its records from these whatever the
/// shared cache drops meanwhile, so concurrent requests, or a cache smaller than their pages,
/// can never keep one another from finishing.
#[derive(Default)]
pub struct RequestShards {
    shards: HashMap<String, Arc<DocShard>>,
}

impl RequestShards {
    /// Holds a shard loaded for this request.
    pub fn hold(&mut self, path: String, shard: Arc<DocShard>) {
        self.shards.insert(path, shard);
    }
}

/// Loaded document shards, least recently used first.
struct ShardCache {
    limit: usize,
    shards: HashMap<String, Arc<DocShard>>,
    order: std::collections::VecDeque<(String, usize)>,
    bytes: usize,
}

impl ShardCache {
    fn new(limit: usize) -> ShardCache {
        ShardCache { limit, shards: HashMap::new(), order: Default::default(), bytes: 0 }
    }

    fn insert(&mut self, path: String, shard: Arc<DocShard>, size: usize) {
        if self.shards.contains_key(&path) {
            return;
        }
        while self.bytes + size > self.limit {
            let Some((old, old_size)) = self.order.pop_front() else { break };
            self.shards.remove(&old);
            self.bytes -= old_size;
        }
        self.bytes += size;
        self.order.push_back((path.clone(), size));
        self.shards.insert(path, shard);
    }

    /// Marks a shard as just used, so that loading the others a request needs never drops it.
    fn touch(&mut self, path: &str) {
        if let Some(at) = self.order.iter().position(|(p, _)| p == path) {
            if let Some(entry) = self.order.remove(at) {
                self.order.push_back(entry);
            }
        }
    }
}

impl Engine {
    /// Loads a bundle from its manifest and the bytes of [`Manifest::eager_paths`]; every file
    /// is checked against the manifest's sha256 first (see [`Engine::open`] for a runtime that
    /// hashes files itself).
    pub fn load(
        manifest_bytes: &[u8],
        files: BTreeMap<String, Vec<u8>>,
        config: Config,
    ) -> Result<Engine, BundleError> {
        let manifest = Manifest::parse(manifest_bytes)?;
        let mut verified = BTreeMap::new();
        for (path, bytes) in files {
            if manifest.sha256_of(&path).is_some() {
                let file = manifest.verify_file(&path, bytes)?;
                verified.insert(path, file);
            }
        }
        Engine::open(manifest, verified, config)
    }

    /// Opens a bundle from files already checked against its manifest: every one of
    /// [`Manifest::eager_paths`] must be there.
    pub fn open(
        manifest: Manifest,
        files: BTreeMap<String, VerifiedFile>,
        config: Config,
    ) -> Result<Engine, BundleError> {
        if let Some(missing) = manifest.eager_paths().into_iter().find(|p| !files.contains_key(p)) {
            return Err(BundleError::Missing(missing));
        }
        Engine::assemble(manifest, files, config, None)
    }

    /// Opens a bundle whose index is read lazily through `directory` (built on the same
    /// manifest): only [`Manifest::support_paths`] come whole, checked against the manifest.
    pub fn open_lazy(
        manifest: Manifest,
        files: BTreeMap<String, VerifiedFile>,
        directory: LazyDirectory,
        config: Config,
    ) -> Result<Engine, BundleError> {
        if let Some(missing) = manifest.support_paths().into_iter().find(|p| !files.contains_key(p)) {
            return Err(BundleError::Missing(missing));
        }
        Engine::assemble(manifest, files, config, Some(directory))
    }

    fn assemble(
        manifest: Manifest,
        mut files: BTreeMap<String, VerifiedFile>,
        config: Config,
        lazy: Option<LazyDirectory>,
    ) -> Result<Engine, BundleError> {
        use gongkai_core::analysis::{self, DICTIONARY_FILE};
        // The dictionary in use: the bundle's when this edge has none compiled in (its SHA-256
        // is the manifest's, already checked), else the compiled-in one (hashed here, natively).
        let installed = match files.remove(DICTIONARY_FILE) {
            Some(dict) => analysis::install_dictionary(String::from_utf8_lossy(dict.bytes()).into_owned()),
            None => false,
        };
        let dictionary_sha256 = match manifest.sha256_of(DICTIONARY_FILE).filter(|_| installed) {
            Some(sha) => sha.to_string(),
            None => bundle::sha256_hex(analysis::dictionary_text().unwrap_or("").as_bytes()),
        };
        let analyzer = analysis::fingerprint(&dictionary_sha256);
        let lexicon = match files.remove(bundle::LEXICON_PATH) {
            Some(file) => gongkai_core::lexicon::Lexicon::from_bytes(file.bytes()).map_err(BundleError::BadLexicon)?,
            None => Default::default(),
        };
        let blacklist = match files.remove(bundle::BLACKLIST_PATH) {
            Some(file) => gongkai_core::blacklist::Blacklist::from_bytes(file.bytes())
                .map_err(BundleError::BadBlacklist)?
                .listings(),
            None => Default::default(),
        };
        // Not a tantivy file (tantivy's own reads check a footer it does not have): read through
        // the directory below tantivy's, or taken whole.
        use gongkai_core::projects::FILE_NAME as PROJECT_SIZES;
        let project_sizes: Option<Arc<dyn tantivy::directory::FileHandle>> = match &lazy {
            Some(d) if manifest.index_files.iter().any(|f| f.name == PROJECT_SIZES) => Some(
                tantivy::Directory::get_file_handle(d, std::path::Path::new(PROJECT_SIZES))
                    .map_err(|e| BundleError::Index(e.into()))?,
            ),
            Some(_) => None,
            None => bundle::take_index_file(&manifest, &mut files, PROJECT_SIZES)?
                .map(|b| Arc::new(tantivy::directory::OwnedBytes::new(b)) as Arc<dyn tantivy::directory::FileHandle>),
        };
        let index = match &lazy {
            Some(directory) => {
                let index = Index::open(directory.clone())?;
                analysis::register(&index);
                index
            }
            None => bundle::open_index(&manifest, &mut files)?,
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let fields = Fields::from_schema(&index.schema())?;
        let (newest_day, segments_newest_first) = segments_by_recency(&reader);
        let shards = RwLock::new(ShardCache::new(config.shard_cache_bytes));
        Ok(Engine {
            manifest,
            index,
            reader,
            fields,
            lexicon: std::sync::Mutex::new(Some(lexicon)),
            vocabulary: std::sync::OnceLock::new(),
            config,
            newest_day,
            segments_newest_first,
            shards,
            analyzer,
            blacklist,
            statistics: crate::statistics::Statistics::default(),
            lazy,
            project_sizes,
        })
    }

    /// The sizes of the projects of the records at `ords`, in order, as the bundle stores them:
    /// read from the ordinals alone, so a page reads them before its document shards (a lazily
    /// read index loads them in the same round as the shards).
    pub fn project_sizes(&self, ords: &[u64]) -> Vec<ProjectSize> {
        let Some(file) = &self.project_sizes else { return vec![ProjectSize::LookUp; ords.len()] };
        let sizes = gongkai_core::projects::sizes_in(file.len() as u64);
        ords.iter()
            .map(|&ord| {
                let at = gongkai_core::projects::offset_of(ord);
                if !sizes.contains(&at) {
                    return ProjectSize::Stored(0);
                }
                match file.read_bytes(at as usize..at as usize + 1) {
                    Ok(b) => match b.as_slice().first() {
                        Some(&byte) => gongkai_core::projects::decode(byte).map_or(ProjectSize::LookUp, ProjectSize::Stored),
                        // A read shorter than asked (a file cut short): counted as unknown.
                        None => ProjectSize::LookUp,
                    },
                    Err(_) => ProjectSize::NotLoaded,
                }
            })
            .collect()
    }

    /// The directory the index is read through, when it is read lazily.
    pub fn lazy_directory(&self) -> Option<&LazyDirectory> {
        self.lazy.as_ref()
    }

    /// What the lazily read index has read so far (`None` when the index is in memory).
    pub fn index_stats(&self) -> Option<LazyStats> {
        self.lazy.as_ref().map(LazyDirectory::stats)
    }

    /// Adds a document shard the runtime loaded and verified
    /// ([`Manifest::verify_file`] or [`Manifest::verify_file_with_digest`]) to the shared
    /// cache, and returns it for the request that asked for it to hold (see [`RequestShards`]).
    pub fn add_shard(&self, file: VerifiedFile) -> Result<Arc<DocShard>, BundleError> {
        let path = file.path().to_string();
        let bytes = file.into_bytes();
        let size = bytes.len();
        let shard = Arc::new(DocShard::parse(&path, bytes)?);
        if let Ok(mut cache) = self.shards.write() {
            cache.insert(path, Arc::clone(&shard), size);
        }
        Ok(shard)
    }

    /// Prepares what the first query would otherwise build on its way: the jieba segmenter
    /// (dictionary, domain words, place names) and the query tables. A runtime can call it
    /// right after loading so the first query's latency is the query's.
    pub fn warm_up(&self) {
        let _ = crate::understanding::query::understand("苏州公租房");
    }

    /// The shards the request must hold before it can read the records of these document
    /// ordinals: none when the request holds them or the cache has them all (they then count
    /// as used now: the cache drops least recently used shards first); otherwise every one it
    /// does not hold, cached or not, so that loading the missing ones cannot drop a cached one
    /// the request needs before it reads it.
    pub fn missing_shards(&self, ords: &[u64], held: &RequestShards) -> Vec<String> {
        let Ok(mut cache) = self.shards.write() else { return Vec::new() };
        let mut needed: Vec<&str> = ords
            .iter()
            .filter_map(|&o| self.manifest.shard_of(o).map(|(s, _)| s.path.as_str()))
            .filter(|p| !held.shards.contains_key(*p))
            .collect();
        needed.sort_unstable();
        needed.dedup();
        if needed.iter().all(|p| cache.shards.contains_key(*p)) {
            for p in needed {
                cache.touch(p);
            }
            return Vec::new();
        }
        needed.into_iter().map(String::from).collect()
    }

    /// A shard from the cache, if it is there.
    pub fn cached_shard(&self, path: &str) -> Option<Arc<DocShard>> {
        let mut cache = self.shards.write().ok()?;
        let shard = Arc::clone(cache.shards.get(path)?);
        cache.touch(path);
        Some(shard)
    }

    /// The stored record of a document ordinal, from the shards the request holds or the cache.
    pub fn record(&self, ord: u64, held: &RequestShards) -> Option<Record> {
        let (entry, i) = self.manifest.shard_of(ord)?;
        let shard = match held.shards.get(&entry.path) {
            Some(s) => Arc::clone(s),
            None => Arc::clone(self.shards.read().ok()?.shards.get(&entry.path)?),
        };
        serde_json::from_slice(shard.get(i)?).ok()
    }

    /// Suggestion and pinyin indexes, built from the lexicon the first time they are needed.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| {
            let lexicon = self.lexicon.lock().ok().and_then(|mut l| l.take()).unwrap_or_default();
            Vocabulary::build(lexicon)
        })
    }

    /// Whether queries are analysed as the index was: same fingerprint, or a bundle from before
    /// fingerprints were recorded.
    pub fn analyzer_matches(&self) -> bool {
        self.manifest.analyzer.is_empty() || self.manifest.analyzer == self.analyzer
    }

    /// The positions in `readers` (a searcher's segments) of its segments, the one holding the
    /// newest record first: the order a search walks them in under the match budget
    /// ([`crate::search`]). A segment the engine did not see at opening comes last.
    pub fn newest_first(&self, readers: &[tantivy::SegmentReader]) -> Vec<usize> {
        let mut order: Vec<usize> = self
            .segments_newest_first
            .iter()
            .filter_map(|id| readers.iter().position(|r| r.segment_id() == *id))
            .collect();
        let unseen: Vec<usize> = (0..readers.len()).filter(|i| !order.contains(i)).collect();
        order.extend(unseen);
        order
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u64 {
        self.manifest.doc_count
    }
}

/// The newest publication day of the index, and its segments ordered by their newest record,
/// newest first (ties: tantivy's order). Read once, at opening (a lazily read index has every
/// segment's `published` column among its hot chunks): the reader never reloads, so every
/// searcher of the engine has these segments.
fn segments_by_recency(reader: &IndexReader) -> (i64, Vec<tantivy::index::SegmentId>) {
    let searcher = reader.searcher();
    let mut by_newest: Vec<(std::cmp::Reverse<i64>, usize, tantivy::index::SegmentId)> = Vec::new();
    for (i, seg) in searcher.segment_readers().iter().enumerate() {
        let newest = seg.fast_fields().i64(gongkai_core::schema::names::PUBLISHED).map_or(0, |c| c.max_value());
        by_newest.push((std::cmp::Reverse(newest), i, seg.segment_id()));
    }
    by_newest.sort();
    let newest_day = by_newest.first().map_or(0, |(d, _, _)| d.0.max(0));
    (newest_day, by_newest.into_iter().map(|(_, _, id)| id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::bundle::DocShardWriter;

    fn tiny_shard() -> DocShard {
        let mut w = DocShardWriter::default();
        w.push(b"{}".to_vec());
        let (_, _, bytes) = w.finish().remove(0);
        DocShard::parse("t", bytes).unwrap()
    }

    #[test]
    fn shards_a_request_reads_are_not_dropped_while_it_loads_others() {
        let quarter = MAX_CACHED_SHARD_BYTES / 4;
        let mut cache = ShardCache::new(MAX_CACHED_SHARD_BYTES);
        for name in ["a", "b", "c", "d"] {
            cache.insert(name.into(), Arc::new(tiny_shard()), quarter);
        }
        // A request needs `a` (cached, the oldest) and a new shard `e`: `a` is touched first,
        // so making room for `e` drops `b`, the least recently used.
        cache.touch("a");
        cache.insert("e".into(), Arc::new(tiny_shard()), quarter);
        assert!(cache.shards.contains_key("a"));
        assert!(!cache.shards.contains_key("b"));
        assert!(cache.bytes <= MAX_CACHED_SHARD_BYTES);
        // Without the touch the oldest goes.
        cache.insert("f".into(), Arc::new(tiny_shard()), quarter);
        assert!(!cache.shards.contains_key("c"));
        assert_eq!(cache.shards.len(), 4);
    }
}
