//! A loaded index bundle, ready to answer queries: the tantivy index in memory, the manifest,
//! the lexicon, and a cache of document shards filled on demand.
//!
//! The engine never does I/O itself: the runtime (edge-serve reading a directory, the Worker
//! reading static assets or R2) hands it bytes. Requests that need document shards the engine
//! does not hold yet answer [`crate::http::Outcome::NeedShards`]; the runtime loads them with
//! [`Engine::add_shard`] and asks again.

use gongkai_core::bundle::{self, BundleError, DocShard, Manifest};
use gongkai_core::schema::Fields;
use gongkai_core::vocabulary::Vocabulary;
use gongkai_core::Record;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Settings of an edge deployment.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Origins allowed to call the API from a browser (CORS). `None` allows every origin,
    /// which is the default: the widget is meant to be embedded anywhere.
    pub allowed_origins: Option<Vec<String>>,
    /// Ranking knobs (see [`crate::ranking::Ranking`]).
    pub ranking: crate::ranking::Ranking,
}

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
    shards: RwLock<ShardCache>,
}

/// Most bytes of document shards an engine keeps; the oldest loaded are dropped first.
/// Bounded so an isolate serving a large bundle stays within its memory.
pub const MAX_CACHED_SHARD_BYTES: usize = 24 * 1024 * 1024;

/// Loaded document shards, oldest first.
#[derive(Default)]
struct ShardCache {
    shards: HashMap<String, Arc<DocShard>>,
    order: std::collections::VecDeque<(String, usize)>,
    bytes: usize,
}

impl ShardCache {
    fn insert(&mut self, path: String, shard: DocShard, size: usize) {
        if self.shards.contains_key(&path) {
            return;
        }
        while self.bytes + size > MAX_CACHED_SHARD_BYTES {
            let Some((old, old_size)) = self.order.pop_front() else { break };
            self.shards.remove(&old);
            self.bytes -= old_size;
        }
        self.bytes += size;
        self.order.push_back((path.clone(), size));
        self.shards.insert(path, Arc::new(shard));
    }
}

impl Engine {
    /// Loads a bundle from its manifest and the bytes of [`Manifest::eager_paths`]; every file
    /// is checked against the manifest's sha256 first.
    pub fn load(
        manifest_bytes: &[u8],
        mut files: BTreeMap<String, Vec<u8>>,
        config: Config,
    ) -> Result<Engine, BundleError> {
        let manifest = Manifest::parse(manifest_bytes)?;
        for path in manifest.eager_paths() {
            let bytes = files.get(&path).ok_or_else(|| BundleError::Missing(path.clone()))?;
            manifest.verify(&path, bytes)?;
        }
        if let Some(dict) = files.remove(gongkai_core::analysis::DICTIONARY_FILE) {
            gongkai_core::analysis::install_dictionary(String::from_utf8_lossy(&dict).into_owned());
        }
        let lexicon = match files.remove(bundle::LEXICON_PATH) {
            Some(bytes) => gongkai_core::lexicon::Lexicon::from_bytes(&bytes)
                .map_err(|e| BundleError::BadManifest(format!("lexicon.json: {e}")))?,
            None => Default::default(),
        };
        let index = bundle::open_index(&manifest, &mut files)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| BundleError::Index(e.to_string()))?;
        let fields = Fields::from_schema(&index.schema()).map_err(|e| BundleError::Index(e.to_string()))?;
        let newest_day = newest_day(&reader);
        Ok(Engine {
            manifest,
            index,
            reader,
            fields,
            lexicon: std::sync::Mutex::new(Some(lexicon)),
            vocabulary: std::sync::OnceLock::new(),
            config,
            newest_day,
            shards: RwLock::new(ShardCache::default()),
        })
    }

    /// Adds a document shard the runtime loaded, after checking it against the manifest.
    pub fn add_shard(&self, path: &str, bytes: Vec<u8>) -> Result<(), BundleError> {
        self.manifest.verify(path, &bytes)?;
        let size = bytes.len();
        let shard = DocShard::parse(path, bytes)?;
        if let Ok(mut cache) = self.shards.write() {
            cache.insert(path.to_string(), shard, size);
        }
        Ok(())
    }

    /// The shard paths needed for these document ordinals that are not loaded yet.
    pub fn missing_shards(&self, ords: &[u64]) -> Vec<String> {
        let Ok(cache) = self.shards.read() else { return Vec::new() };
        let mut missing: Vec<String> = ords
            .iter()
            .filter_map(|&o| self.manifest.shard_of(o).map(|(s, _)| s.path.clone()))
            .filter(|p| !cache.shards.contains_key(p))
            .collect();
        missing.sort();
        missing.dedup();
        missing
    }

    /// The stored record of a document ordinal, if its shard is loaded.
    pub fn record(&self, ord: u64) -> Option<Record> {
        let (entry, i) = self.manifest.shard_of(ord)?;
        let cache = self.shards.read().ok()?;
        let bytes = cache.shards.get(&entry.path)?.get(i)?;
        serde_json::from_slice(bytes).ok()
    }

    /// Suggestion and pinyin indexes, built from the lexicon the first time they are needed.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| {
            let lexicon = self.lexicon.lock().ok().and_then(|mut l| l.take()).unwrap_or_default();
            Vocabulary::build(lexicon)
        })
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u64 {
        self.manifest.doc_count
    }
}

fn newest_day(reader: &IndexReader) -> i64 {
    let searcher = reader.searcher();
    let mut newest = 0;
    for seg in searcher.segment_readers() {
        if let Ok(col) = seg.fast_fields().i64(gongkai_core::schema::names::PUBLISHED) {
            newest = newest.max(col.max_value());
        }
    }
    newest
}
