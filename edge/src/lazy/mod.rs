//! The index read lazily, by byte ranges: a read-only tantivy [`Directory`] over the bundle's
//! tantivy files as the manifest lists them, whose reads are served from a bounded cache of
//! verified [`CHUNK_BYTES`] chunks, fetched on a miss from a [`RangeSource`].
//! A chunk is a slice of the range read that loaded it (`chunks.rs`): a read across the chunks
//! of one range read is a slice too, and the cache keeps and drops such reads whole.
//!
//! An edge that opens its index through a [`LazyDirectory`] holds in memory only what tantivy
//! keeps of what it read (footers, term dictionaries, the columns a query opened) and the
//! cache, whatever the size of the postings and positions. Every chunk is checked against the
//! manifest's chunk checksum ([`Manifest::verify_chunk`]) before tantivy sees a byte of it.
//!
//! A source that maps the files ([`RangeSource::mapped`]: edge-serve's [`DiskSource`]) skips
//! the cache: a read inside one part is a slice of the mapping, each chunk it covers checked the
//! first time it is read (a bit per chunk), so nothing is copied and the kernel's page cache is
//! the cache. At 1,000,000 records that saved the 39 MiB of chunks a query joined into fresh
//! buffers (10 % of its time in `memmove`) and 13 % of its CPU time.
//!
//! A runtime without a synchronous source (no [`RangeSource`]: the Worker) never blocks on
//! I/O: a read of a chunk that is not there is an I/O error naming the file and the byte range
//! ([`NOT_WARMED`]), and the chunk is recorded as missing for the request
//! ([`LazyDirectory::with_request`]). [`crate::http::respond_with_ranges`] then loads the
//! missing chunks through the runtime's asynchronous range loader, all of a round at once, and
//! asks again (the same loop as for document shards); [`open_engine`] does the same to open the
//! index, starting with the last chunk of every file, where tantivy's footers are, and the
//! chunks the builder recorded as read by opening (the manifest's [`IndexFile::hot`], written by
//! [`crate::native::record_hot_chunks`]): with them, opening takes one round.

use gongkai_core::bundle::{IndexFile, Manifest, CHUNK_BYTES};
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

mod chunks;
pub mod warm;

use chunks::{Chunk, ChunkCache, ChunkKey};

/// Most bytes of index chunks a [`LazyDirectory`] keeps by default
/// ([`crate::Config::index_cache_bytes`]); the least recently used go first.
pub const MAX_CACHED_INDEX_BYTES: usize = 24 * 1024 * 1024;

/// Start of the message of the I/O error a read of a chunk that is neither cached nor readable
/// gives (a runtime without a [`RangeSource`] that did not warm it): a bug in warm-up.
pub const NOT_WARMED: &str = "index bytes not loaded before the search";

/// Reads byte ranges of bundle files synchronously (edge-serve: `pread` on the bundle
/// directory's files).
pub trait RangeSource: Send + Sync + std::fmt::Debug + 'static {
    /// Reads exactly `len` bytes of the bundle file `path` (relative to the bundle) from `offset`.
    fn read_range(&self, path: &str, offset: u64, len: usize) -> io::Result<Vec<u8>>;

    /// The whole bundle file `path` mapped into memory, when this source maps it: a read inside
    /// one mapped part is then a slice of the mapping (its chunks checked once each), neither a
    /// copy nor an entry of the chunk cache.
    fn mapped(&self, _path: &str) -> Option<&OwnedBytes> {
        None
    }
}

/// One version of a bundle on local disk, read with positioned reads.
///
/// Every file the manifest lists is opened when the source is made and read through those
/// handles, so an edge keeps reading its own version after a newer one has been published over
/// the directory (the builder's rename removes the old files; open handles keep them readable).
#[derive(Debug)]
pub struct DiskSource {
    dir: PathBuf,
    files: HashMap<String, std::fs::File>,
    /// The tantivy files' parts, mapped (natively; bundles are never modified in place, a
    /// new version is a new directory).
    maps: HashMap<String, OwnedBytes>,
}

impl DiskSource {
    /// Opens every file of `manifest` in the bundle directory `dir`; a file that is not there
    /// is an error of kind `NotFound` naming it.
    pub fn open(dir: &Path, manifest: &Manifest) -> io::Result<DiskSource> {
        let mut files = HashMap::new();
        for entry in &manifest.files {
            let full = dir.join(&entry.path);
            let file = std::fs::File::open(&full)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open `{}`: {e}", full.display())))?;
            files.insert(entry.path.clone(), file);
        }
        // Nothing is mapped in WebAssembly (the Worker reads no files).
        #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
        let mut maps = HashMap::new();
        #[cfg(not(target_arch = "wasm32"))]
        for path in manifest.index_files.iter().flat_map(|f| &f.parts) {
            let Some(file) = files.get(path).filter(|f| f.metadata().is_ok_and(|m| m.len() > 0)) else { continue };
            // SAFETY: a published bundle's files are never written again (an update or a
            // rebuild publishes a new directory and removes the old files, which stay readable
            // while mapped), so the mapping does not change under the slices handed out.
            let map = unsafe { memmap2::Mmap::map(file) }
                .map_err(|e| io::Error::new(e.kind(), format!("cannot map `{path}`: {e}")))?;
            maps.insert(path.clone(), OwnedBytes::new(map));
        }
        Ok(DiskSource { dir: dir.to_path_buf(), files, maps })
    }

    fn file(&self, path: &str) -> io::Result<&std::fs::File> {
        self.files.get(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("`{path}` is not a file of the bundle in `{}`", self.dir.display()),
            )
        })
    }

    /// The length of the bundle file `path` as opened.
    pub fn len_of(&self, path: &str) -> io::Result<u64> {
        Ok(self.file(path)?.metadata()?.len())
    }

    /// Reads the whole bundle file `path`.
    pub fn read_whole(&self, path: &str) -> io::Result<Vec<u8>> {
        let len = usize::try_from(self.len_of(path)?).map_err(io::Error::other)?;
        self.read_range(path, 0, len)
    }
}

impl RangeSource for DiskSource {
    fn read_range(&self, path: &str, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let file = self.file(path)?;
        let mut buf = vec![0u8; len];
        read_exact_at(file, &mut buf, offset)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{path}` bytes {offset}+{len}: {e}")))?;
        Ok(buf)
    }

    fn mapped(&self, path: &str) -> Option<&OwnedBytes> {
        self.maps.get(path)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// What a [`LazyDirectory`] has read so far: for benchmarks, tests and `/v1/meta`-style reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LazyStats {
    /// Range reads made to the source (consecutive missing chunks are read in one).
    pub range_reads: u64,
    /// Bytes read from the source.
    pub bytes_fetched: u64,
    /// Chunk lookups answered from the cache.
    pub chunk_hits: u64,
    /// Reads that found a chunk neither cached nor readable ([`NOT_WARMED`]).
    pub not_warmed: u64,
    /// Bytes of chunks in the cache now.
    pub cached_bytes: u64,
    /// Rounds of asynchronous range loads of index chunks (opening's and requests'; runtimes
    /// without a source). A round may load document shards beside them.
    pub load_rounds: u64,
    /// Rounds of requests that loaded document shards and no index chunk: a runtime's
    /// sequential round trips are these and [`LazyStats::load_rounds`].
    pub shard_rounds: u64,
    /// Reads tantivy made (each a byte range of one file).
    pub reads: u64,
    /// Bytes copied to join the chunks of reads that span several.
    pub bytes_joined: u64,
}

impl LazyStats {
    /// Sequential rounds of loads in all: of index chunks (with or without document shards) and
    /// of document shards alone.
    pub fn rounds(&self) -> u64 {
        self.load_rounds + self.shard_rounds
    }
}

/// The chunks one request has loaded for itself, and those it found missing in its last run
/// (see [`LazyDirectory::with_request`]). A request reads the chunks it loaded whatever the
/// shared cache drops meanwhile, so a cache smaller than one request's needs cannot keep it from
/// finishing.
#[derive(Debug, Default)]
pub struct RequestChunks {
    held: HashMap<ChunkKey, Chunk>,
    missing: std::collections::BTreeSet<ChunkKey>,
}

impl RequestChunks {
    /// Whether the last run found chunks missing (its answer must not be used).
    pub fn has_missing(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// Missing chunks of one part at most this far apart are loaded by one read with the chunks
/// between them: a query reads a term's postings here and another's a few KiB on (terms of one
/// dictionary block lie side by side), and one read of 48 KiB costs less than two of 16 KiB
/// (each is a request to R2 or the asset store, and a Worker's requests per request are
/// limited). Files of [`CHUNK_BYTES`] chunks are not joined across a gap.
pub const READ_GAP_BYTES: u64 = 32 * 1024;

/// One range read that loads missing chunks (consecutive chunks of one part), for the runtime's
/// loader: `len` bytes of the bundle file `path` from `offset`, in chunks of `chunk_bytes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkRead {
    /// Bundle path of the part file.
    pub path: String,
    /// Offset in that file.
    pub offset: u64,
    /// Bytes to read.
    pub len: usize,
    /// The size of the file's chunks (the last of the read may be shorter): a runtime that
    /// hashes what it read gives a digest per piece of this size ([`RangeBytes::chunk_sha256`]).
    pub chunk_bytes: u64,
    file: u32,
    first: u32,
    count: u32,
}

/// What a runtime's loader returns for a [`ChunkRead`]: the bytes and, when the runtime hashed
/// them itself (the Worker, with WebCrypto: outside wasm, several times faster), the SHA-256
/// of each [`ChunkRead::chunk_bytes`] piece, in order, checked against the manifest instead of
/// hashing here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeBytes {
    /// The bytes read.
    pub bytes: Vec<u8>,
    /// SHA-256 of each chunk-sized piece of `bytes`, if the runtime computed them.
    pub chunk_sha256: Option<Vec<[u8; 32]>>,
}

impl From<Vec<u8>> for RangeBytes {
    fn from(bytes: Vec<u8>) -> RangeBytes {
        RangeBytes { bytes, chunk_sha256: None }
    }
}

thread_local! {
    /// The request whose handler runs on this thread now ([`LazyDirectory::with_request`]).
    static REQUEST: std::cell::RefCell<Option<RequestChunks>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` on the request whose handler runs on this thread, if there is one.
fn with_current_request(f: impl FnOnce(&mut RequestChunks)) {
    REQUEST.with(|r| {
        if let Some(r) = r.borrow_mut().as_mut() {
            f(r)
        }
    });
}

/// Records for the current request the chunks of `got` (chunk `first` onwards of file `file`)
/// that are not there.
fn record_missing(file: usize, first: usize, got: &[Option<Chunk>]) {
    with_current_request(|r| {
        let missing = got.iter().enumerate().filter(|(_, g)| g.is_none());
        r.missing.extend(missing.map(|(k, _)| (file as u32, (first + k) as u32)));
    });
}

#[derive(Debug)]
struct Shared {
    files: Vec<IndexFile>,
    by_name: HashMap<PathBuf, usize>,
    cache: Mutex<ChunkCache>,
    source: Option<Arc<dyn RangeSource>>,
    range_reads: AtomicU64,
    bytes_fetched: AtomicU64,
    chunk_hits: AtomicU64,
    not_warmed: AtomicU64,
    load_rounds: AtomicU64,
    shard_rounds: AtomicU64,
    reads: AtomicU64,
    bytes_joined: AtomicU64,
    /// Extents made so far: the next one's number.
    extents: AtomicU64,
    /// Per file, which chunks of a mapped part have been checked (one bit each).
    checked: Vec<Box<[AtomicU64]>>,
}

/// A read-only tantivy [`Directory`] over a bundle's tantivy files, read by verified chunks
/// (see the [module](self)). Cloning it shares the cache.
#[derive(Debug, Clone)]
pub struct LazyDirectory {
    shared: Arc<Shared>,
}

impl LazyDirectory {
    /// A directory over the tantivy files of `manifest`, keeping at most `cache_bytes` of chunks
    /// (at least one chunk's worth is always kept), reading misses from `source` if there is one.
    pub fn new(manifest: &Manifest, cache_bytes: usize, source: Option<Arc<dyn RangeSource>>) -> LazyDirectory {
        let files = manifest.index_files.clone();
        let checked =
            files.iter().map(|f| (0..f.chunks.len().div_ceil(64)).map(|_| AtomicU64::new(0)).collect()).collect();
        let by_name = files.iter().enumerate().map(|(i, f)| (PathBuf::from(&f.name), i)).collect();
        let cache = ChunkCache::new(cache_bytes.max(CHUNK_BYTES as usize));
        LazyDirectory {
            shared: Arc::new(Shared {
                files,
                by_name,
                cache: Mutex::new(cache),
                source,
                range_reads: AtomicU64::new(0),
                bytes_fetched: AtomicU64::new(0),
                chunk_hits: AtomicU64::new(0),
                not_warmed: AtomicU64::new(0),
                load_rounds: AtomicU64::new(0),
                shard_rounds: AtomicU64::new(0),
                reads: AtomicU64::new(0),
                bytes_joined: AtomicU64::new(0),
                extents: AtomicU64::new(0),
                checked,
            }),
        }
    }

    /// What has been read so far.
    pub fn stats(&self) -> LazyStats {
        let s = &self.shared;
        LazyStats {
            range_reads: s.range_reads.load(Ordering::Relaxed),
            bytes_fetched: s.bytes_fetched.load(Ordering::Relaxed),
            chunk_hits: s.chunk_hits.load(Ordering::Relaxed),
            not_warmed: s.not_warmed.load(Ordering::Relaxed),
            cached_bytes: s.cache.lock().map(|c| c.bytes as u64).unwrap_or(0),
            load_rounds: s.load_rounds.load(Ordering::Relaxed),
            shard_rounds: s.shard_rounds.load(Ordering::Relaxed),
            reads: s.reads.load(Ordering::Relaxed),
            bytes_joined: s.bytes_joined.load(Ordering::Relaxed),
        }
    }

    /// Whether misses are read from a synchronous source (else they are loaded by rounds).
    pub fn has_source(&self) -> bool {
        self.shared.source.is_some()
    }

    /// Runs `f` (a synchronous search, the handler) with the chunks `request` holds visible to
    /// reads on this thread, and records in `request` the chunks it found missing (replacing
    /// those of the previous run).
    pub fn with_request<T>(&self, request: &mut RequestChunks, f: impl FnOnce() -> T) -> T {
        let mut taken = std::mem::take(request);
        taken.missing.clear();
        REQUEST.with(|r| *r.borrow_mut() = Some(taken));
        let out = f();
        *request = REQUEST.with(|r| r.borrow_mut().take()).unwrap_or_default();
        out
    }

    /// The reads that load the chunks `request` found missing: consecutive chunks of one part in
    /// one read, and chunks of one part at most [`READ_GAP_BYTES`] apart in one read with the
    /// chunks between them.
    pub fn reads_for(&self, request: &RequestChunks) -> Vec<ChunkRead> {
        let mut reads: Vec<ChunkRead> = Vec::new();
        for &(file, chunk) in &request.missing {
            let f = &self.shared.files[file as usize];
            let Some((path, offset)) = f.chunk_location(chunk as usize) else { continue };
            let r = f.chunk_range(chunk as usize);
            let len = (r.end - r.start) as usize;
            // Missing chunks come sorted: within one part, the gap is the distance of offsets.
            if let Some(last) = reads.last_mut() {
                let last_end = last.offset + last.len as u64;
                if last.file == file && last.path == path && offset.saturating_sub(last_end) <= READ_GAP_BYTES {
                    last.count = chunk - last.first + 1;
                    last.len = (offset - last.offset) as usize + len;
                    continue;
                }
            }
            let chunk_bytes = f.chunk_bytes;
            reads.push(ChunkRead { path: path.to_string(), offset, len, chunk_bytes, file, first: chunk, count: 1 });
        }
        reads
    }

    /// Verifies the bytes a [`ChunkRead`] returned chunk by chunk, holds them for `request` and
    /// offers them to the shared cache as one extent (`pin`: kept for good, as what opening the
    /// index read).
    pub fn accept(
        &self,
        request: &mut RequestChunks,
        read: &ChunkRead,
        loaded: RangeBytes,
        pin: bool,
    ) -> io::Result<()> {
        let f = &self.shared.files[read.file as usize];
        if let Some(d) = &loaded.chunk_sha256 {
            if d.len() != read.count as usize {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "`{}` bytes {}+{}: {} chunk digests for {} chunks",
                        read.path,
                        read.offset,
                        read.len,
                        d.len(),
                        read.count
                    ),
                ));
            }
        }
        if loaded.bytes.len() != read.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "`{}` bytes {}+{}: the read returned {} bytes",
                    read.path,
                    read.offset,
                    read.len,
                    loaded.bytes.len()
                ),
            ));
        }
        self.shared.range_reads.fetch_add(1, Ordering::Relaxed);
        self.shared.bytes_fetched.fetch_add(loaded.bytes.len() as u64, Ordering::Relaxed);
        let digests = loaded.chunk_sha256.as_deref();
        let chunks = self.verified_extent(read.file as usize, read.first as usize, loaded.bytes, digests)?;
        request.held.extend(chunks.iter().cloned());
        let mut cache = self.lock()?;
        // The project sizes stay once read (a byte a record: 1 MiB at 1,000,000), as the
        // document frequencies they replace stay in the engine's statistics.
        if pin || f.name == gongkai_core::projects::FILE_NAME {
            cache.pin(chunks);
        } else {
            cache.insert(chunks);
        }
        Ok(())
    }

    /// Makes the shared cache give way to what `request` holds ([`ChunkCache::make_room`]):
    /// together they stay within the cache's budget, as far as the request's own share allows.
    pub fn make_room_for(&self, request: &RequestChunks) -> io::Result<()> {
        let held: HashMap<u64, usize> = request.held.values().map(Chunk::extent_of).collect();
        self.lock()?.make_room(&held);
        Ok(())
    }

    /// Counts a round that loads only document shards ([`LazyStats::shard_rounds`]).
    pub fn count_shard_round(&self) {
        self.shared.shard_rounds.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a round of range loads ([`LazyStats::load_rounds`]).
    pub fn count_round(&self) {
        self.shared.load_rounds.fetch_add(1, Ordering::Relaxed);
    }

    /// What opening the index reads first, loaded in one round by [`open_engine`]: the last
    /// chunk of every tantivy file (footers, and the whole of small files such as `meta.json`)
    /// and the chunks the builder recorded as read by opening ([`IndexFile::hot`]).
    pub fn first_round_chunks(&self, request: &mut RequestChunks) {
        for (i, f) in self.shared.files.iter().enumerate() {
            // The project sizes have no footer (and their last chunk holds keys no edge reads).
            if !f.chunks.is_empty() && f.name != gongkai_core::projects::FILE_NAME {
                request.missing.insert((i as u32, (f.chunks.len() - 1) as u32));
            }
            let n = f.chunks.len() as u32;
            request.missing.extend(f.hot.iter().filter(|&&c| c < n).map(|&c| (i as u32, c)));
        }
    }

    /// The chunks kept for good (what opening the index read), per tantivy file name, in
    /// order: what the builder records as [`IndexFile::hot`].
    pub fn pinned_chunks(&self) -> BTreeMap<String, Vec<u32>> {
        let mut out: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        if let Ok(cache) = self.lock() {
            for &(file, chunk) in cache.pinned.keys() {
                if let Some(f) = self.shared.files.get(file as usize) {
                    out.entry(f.name.clone()).or_default().push(chunk);
                }
            }
        }
        for chunks in out.values_mut() {
            chunks.sort_unstable();
        }
        out
    }

    /// Adds chunk `chunk` of tantivy file `name` to the cache after checking it against the
    /// manifest: how a runtime without a [`RangeSource`] warms the cache.
    pub fn insert_chunk(&self, name: &str, chunk: usize, bytes: Vec<u8>) -> io::Result<()> {
        let file = *self.shared.by_name.get(Path::new(name)).ok_or_else(|| io::Error::other(format!("no `{name}`")))?;
        let r = self.shared.files[file].chunk_range(chunk);
        if bytes.len() as u64 != r.end - r.start {
            // Not the chunk's length: refused, naming what was given.
            let e = self.shared.files[file].verify_chunk(chunk, &bytes).err();
            return Err(io::Error::new(io::ErrorKind::InvalidData, e.map_or_else(String::new, |e| e.to_string())));
        }
        let chunks = self.verified_extent(file, chunk, bytes, None)?;
        self.lock()?.insert(chunks);
        Ok(())
    }

    /// The consecutive chunks of file number `file` from chunk `first` that `bytes` holds, each
    /// checked against the manifest (by the runtime's `digests` of them when it gave some, else
    /// hashed here), as slices of one new extent.
    fn verified_extent(
        &self,
        file: usize,
        first: usize,
        bytes: Vec<u8>,
        digests: Option<&[[u8; 32]]>,
    ) -> io::Result<Vec<(ChunkKey, Chunk)>> {
        let f = &self.shared.files[file];
        let mut lens = Vec::new();
        let mut at = 0usize;
        while at < bytes.len() {
            let chunk = first + lens.len();
            let r = f.chunk_range(chunk);
            let len = ((r.end - r.start) as usize).min(bytes.len() - at);
            let part = &bytes[at..at + len];
            match digests.and_then(|d| d.get(lens.len())) {
                Some(d) => f.verify_chunk_digest(chunk, len, d),
                None => f.verify_chunk(chunk, part),
            }
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            lens.push(len);
            at += len;
        }
        let id = self.shared.extents.fetch_add(1, Ordering::Relaxed);
        let keys = (first..first + lens.len()).map(|c| (file as u32, c as u32));
        Ok(keys.zip(Chunk::extent(id, bytes, lens)).collect())
    }

    fn lock(&self) -> io::Result<std::sync::MutexGuard<'_, ChunkCache>> {
        self.shared.cache.lock().map_err(|_| io::Error::other("index chunk cache poisoned"))
    }

    fn file(&self, path: &Path) -> Result<usize, OpenReadError> {
        self.shared.by_name.get(path).copied().ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))
    }

    /// The bytes `range` of file number `file`, from cached chunks and, for the missing ones,
    /// the source (consecutive missing chunks of one part in one read), each verified.
    fn read(&self, file: usize, range: Range<u64>) -> io::Result<OwnedBytes> {
        let f = &self.shared.files[file];
        if range.end > f.bytes || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("read of `{}` bytes {}..{} past its end ({})", f.name, range.start, range.end, f.bytes),
            ));
        }
        let wanted = f.chunks_covering(range.clone());
        self.shared.reads.fetch_add(1, Ordering::Relaxed);
        if wanted.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if let Some(bytes) = self.read_mapped(file, range.clone(), wanted.clone())? {
            return Ok(bytes);
        }
        let mut got: Vec<Option<Chunk>> = REQUEST.with(|r| {
            let r = r.borrow();
            let held = r.as_ref().map(|r| &r.held);
            wanted.clone().map(|c| held.and_then(|h| h.get(&(file as u32, c as u32))).cloned()).collect()
        });
        if got.iter().any(Option::is_none) {
            let mut cache = self.lock()?;
            let mut from_cache = Vec::new();
            for (g, c) in got.iter_mut().zip(wanted.clone()) {
                if g.is_none() {
                    *g = cache.get((file as u32, c as u32));
                    if let Some(chunk) = g {
                        from_cache.push(((file as u32, c as u32), chunk.clone()));
                    }
                }
            }
            drop(cache);
            // A request keeps what it found in the shared cache too: the chunks its next runs
            // load cannot push out what its earlier runs read (no round spent reloading them).
            with_current_request(|r| r.held.extend(from_cache));
        }
        let hits = got.iter().filter(|c| c.is_some()).count() as u64;
        self.shared.chunk_hits.fetch_add(hits, Ordering::Relaxed);
        if warm::MARK_ONLY.with(|m| m.get()) {
            // Warm-up wants to know what this read lacks, not its bytes.
            record_missing(file, wanted.start, &got);
            return Ok(OwnedBytes::empty());
        }
        if hits < got.len() as u64 {
            self.fetch_missing(file, wanted.start, &mut got)?;
        }
        let chunks: Vec<Chunk> = got.into_iter().flatten().collect();
        let first = f.chunk_range(wanted.start).start;
        let (bytes, copied) = Chunk::join(&chunks, (range.start - first) as usize..(range.end - first) as usize);
        self.shared.bytes_joined.fetch_add(copied as u64, Ordering::Relaxed);
        Ok(bytes)
    }

    /// A read inside one part that the source maps: a slice of the mapping, each chunk it covers
    /// checked against the manifest the first time (`None`: not mapped, or across parts).
    fn read_mapped(&self, file: usize, range: Range<u64>, wanted: Range<usize>) -> io::Result<Option<OwnedBytes>> {
        let f = &self.shared.files[file];
        let Some(source) = &self.shared.source else { return Ok(None) };
        let (Some((part, offset)), Some((last, _))) =
            (f.chunk_location(wanted.start), f.chunk_location(wanted.end - 1))
        else {
            return Ok(None);
        };
        let Some(map) = source.mapped(part).filter(|_| part == last) else { return Ok(None) };
        let first = f.chunk_range(wanted.start).start;
        let in_part = |r: Range<u64>| (offset + r.start - first) as usize..(offset + r.end - first) as usize;
        let checked = &self.shared.checked[file];
        for c in wanted {
            let bit = 1u64 << (c % 64);
            if checked[c / 64].load(Ordering::Acquire) & bit != 0 {
                continue;
            }
            let bytes = map.as_slice().get(in_part(f.chunk_range(c))).unwrap_or_default();
            f.verify_chunk(c, bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            checked[c / 64].fetch_or(bit, Ordering::AcqRel);
            self.shared.range_reads.fetch_add(1, Ordering::Relaxed);
            self.shared.bytes_fetched.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
        let r = in_part(range);
        if r.end > map.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("`{part}` is shorter than the manifest says"),
            ));
        }
        Ok(Some(map.slice(r)))
    }

    fn fetch_missing(&self, file: usize, first: usize, got: &mut [Option<Chunk>]) -> io::Result<()> {
        let f = &self.shared.files[file];
        let Some(source) = &self.shared.source else {
            self.shared.not_warmed.fetch_add(1, Ordering::Relaxed);
            record_missing(file, first, got);
            let missing = got.iter().position(Option::is_none).unwrap_or(0) + first;
            let r = f.chunk_range(missing);
            return Err(io::Error::other(format!("{NOT_WARMED}: `{}` bytes {}..{}", f.name, r.start, r.end)));
        };
        let mut i = 0;
        while i < got.len() {
            if got[i].is_some() {
                i += 1;
                continue;
            }
            // A run of missing chunks in the same part: one read, one extent.
            let (part, offset) = f.chunk_location(first + i).ok_or_else(|| io::Error::other("chunk out of range"))?;
            let mut j = i + 1;
            while j < got.len() && got[j].is_none() && f.chunk_location(first + j).is_some_and(|(p, _)| p == part) {
                j += 1;
            }
            let len = (f.chunk_range(first + j - 1).end - f.chunk_range(first + i).start) as usize;
            let bytes = source.read_range(part, offset, len)?;
            if bytes.len() != len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("`{part}` bytes {offset}+{len}: the read returned {} bytes", bytes.len()),
                ));
            }
            self.shared.range_reads.fetch_add(1, Ordering::Relaxed);
            self.shared.bytes_fetched.fetch_add(len as u64, Ordering::Relaxed);
            let chunks = self.verified_extent(file, first + i, bytes, None)?;
            for (k, (_, c)) in (i..j).zip(&chunks) {
                got[k] = Some(c.clone());
            }
            self.lock()?.insert(chunks);
            i = j;
        }
        Ok(())
    }
}

/// Most rounds of range loads one request (or opening the index) may take before it is
/// answered with an error: each round loads everything the previous run found missing.
pub const MAX_LOAD_ROUNDS: usize = 24;

/// Loads what `request` found missing through `load` (a [`ChunkRead`] → its bytes),
/// all reads of the round at once, verifying every chunk. Errors name the file.
pub async fn load_missing<R, G>(
    dir: &LazyDirectory,
    request: &mut RequestChunks,
    load: &R,
    pin: bool,
) -> Result<(), String>
where
    R: Fn(ChunkRead) -> G,
    G: std::future::Future<Output = Result<RangeBytes, String>>,
{
    let reads = dir.reads_for(request);
    load_reads(dir, request, reads, load, pin).await
}

/// [`load_missing`] of reads already listed ([`LazyDirectory::reads_for`]).
pub async fn load_reads<R, G>(
    dir: &LazyDirectory,
    request: &mut RequestChunks,
    reads: Vec<ChunkRead>,
    load: &R,
    pin: bool,
) -> Result<(), String>
where
    R: Fn(ChunkRead) -> G,
    G: std::future::Future<Output = Result<RangeBytes, String>>,
{
    dir.count_round();
    let loads = reads.into_iter().map(|read| {
        let fut = load(read.clone());
        async move { (read, fut.await) }
    });
    for (read, loaded) in futures_util::future::join_all(loads).await {
        let bytes = loaded.map_err(|e| format!("`{}` bytes {}+{}: {e}", read.path, read.offset, read.len))?;
        dir.accept(request, &read, bytes, pin).map_err(|e| e.to_string())?;
    }
    request.missing.clear();
    if !pin {
        dir.make_room_for(request).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Opens an engine over a [`LazyDirectory`] without a source: loads the last chunk of every
/// file and the chunks the builder recorded as read by opening
/// ([`LazyDirectory::first_round_chunks`]: with them, one round), then, while opening finds chunks missing, loads them and tries again (at most
/// [`MAX_LOAD_ROUNDS`] rounds). What opening read stays in the cache for good.
pub async fn open_engine<R, G>(
    manifest: Manifest,
    files: BTreeMap<String, gongkai_core::bundle::VerifiedFile>,
    directory: LazyDirectory,
    config: crate::Config,
    load: R,
) -> Result<crate::Engine, String>
where
    R: Fn(ChunkRead) -> G,
    G: std::future::Future<Output = Result<RangeBytes, String>>,
{
    let mut request = RequestChunks::default();
    directory.first_round_chunks(&mut request);
    load_missing(&directory, &mut request, &load, true).await?;
    let mut last_error = String::new();
    for _ in 0..MAX_LOAD_ROUNDS {
        let (m, f, d, c) = (manifest.clone(), files.clone(), directory.clone(), config.clone());
        let opened = directory.with_request(&mut request, || crate::Engine::open_lazy(m, f, d, c));
        match opened {
            Ok(engine) if !request.has_missing() => {
                // Then what every query reads, whatever its words: each field's term
                // dictionary index and the directory of fast-field columns.
                for _ in 0..MAX_LOAD_ROUNDS {
                    directory.with_request(&mut request, || open_every_reader(&engine));
                    if !request.has_missing() {
                        return Ok(engine);
                    }
                    load_missing(&directory, &mut request, &load, true).await?;
                }
                return Err(format!(
                    "the index's dictionaries and columns were not loaded in {MAX_LOAD_ROUNDS} rounds"
                ));
            }
            Ok(_) => {}
            Err(e) if request.has_missing() => last_error = e.to_string(),
            Err(e) => return Err(e.to_string()),
        }
        load_missing(&directory, &mut request, &load, true).await?;
    }
    Err(format!("the index could not be opened in {MAX_LOAD_ROUNDS} rounds of range reads: {last_error}"))
}

/// Opens, in every segment, every field's inverted index (its term dictionary's footer and
/// block index) and the directory of its fast-field columns, going on past failures, so that one
/// run finds every chunk they miss. Not the columns or fieldnorms themselves: a query loads those
/// it reads ([`warm::query`]), into the bounded cache.
fn open_every_reader(engine: &crate::Engine) {
    let searcher = engine.reader.searcher();
    let schema = engine.index.schema();
    for seg in searcher.segment_readers() {
        for (field, entry) in schema.fields() {
            if entry.is_indexed() {
                let _ = seg.inverted_index(field);
            }
            if entry.is_fast() {
                let _ = seg.fast_fields().dynamic_column_handles(entry.name());
            }
        }
    }
}

/// One tantivy file of a [`LazyDirectory`].
#[derive(Debug)]
struct LazyFile {
    dir: LazyDirectory,
    file: usize,
}

impl HasLen for LazyFile {
    fn len(&self) -> usize {
        self.dir.shared.files[self.file].bytes as usize
    }
}

impl FileHandle for LazyFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        self.dir.read(self.file, range.start as u64..range.end as u64)
    }
}

fn read_only() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "the edge's index is read-only")
}

impl Directory for LazyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        Ok(Arc::new(LazyFile { dir: self.clone(), file: self.file(path)? }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError { io_error: Arc::new(read_only()), filepath: path.to_path_buf() })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.shared.by_name.contains_key(path))
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError { io_error: Arc::new(read_only()), filepath: path.to_path_buf() })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let file = self.file(path)?;
        let len = self.shared.files[file].bytes;
        self.read(file, 0..len)
            .map(|b| b.as_slice().to_vec())
            .map_err(|e| OpenReadError::IoError { io_error: Arc::new(e), filepath: path.to_path_buf() })
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        // Nothing writes, so there is nothing to exclude.
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        // The files never change under an engine; a new index is a new engine.
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::bundle::{sha256, SMALL_CHUNK_BYTES as SMALL};

    /// A manifest with one tantivy file of 2½ chunks of realistic text, and that text.
    fn one_file() -> (Manifest, Vec<u8>) {
        let text: Vec<u8> = "苏州工业园区公共租赁住房配租结果公示；".repeat(6000).into_bytes();
        let bytes = text[..(CHUNK_BYTES * 5 / 2) as usize].to_vec();
        let chunks = bytes.chunks(CHUNK_BYTES as usize).map(sha256).collect();
        let file = IndexFile {
            name: "seg.idx".into(),
            parts: vec!["index/seg.idx".into()],
            bytes: bytes.len() as u64,
            chunk_bytes: CHUNK_BYTES,
            chunks,
            hot: vec![],
        };
        let manifest = Manifest {
            format: gongkai_core::bundle::FORMAT.into(),
            index_version: "0".into(),
            doc_count: 0,
            built_at: String::new(),
            index_files: vec![file],
            doc_shards: vec![],
            files: vec![],
            analyzer: String::new(),
        };
        (manifest, bytes)
    }

    #[derive(Debug)]
    struct Memory(Vec<u8>);

    impl RangeSource for Memory {
        fn read_range(&self, _path: &str, offset: u64, len: usize) -> io::Result<Vec<u8>> {
            Ok(self.0[offset as usize..offset as usize + len].to_vec())
        }
    }

    #[test]
    fn without_a_source_a_read_needs_warmed_chunks_and_names_what_is_missing() {
        let (manifest, bytes) = one_file();
        let dir = LazyDirectory::new(&manifest, MAX_CACHED_INDEX_BYTES, None);
        let handle = dir.get_file_handle(Path::new("seg.idx")).unwrap();
        assert_eq!(handle.len(), bytes.len());
        let e = handle.read_bytes(100..70_000).unwrap_err();
        assert!(e.to_string().starts_with(NOT_WARMED) && e.to_string().contains("`seg.idx` bytes 0..65536"), "{e}");
        // A wrong chunk is refused; the right ones make the read whole.
        let c0 = bytes[..CHUNK_BYTES as usize].to_vec();
        let c1 = bytes[CHUNK_BYTES as usize..2 * CHUNK_BYTES as usize].to_vec();
        assert!(dir.insert_chunk("seg.idx", 0, c1.clone()).unwrap_err().to_string().contains("corrupt at chunk 0"));
        dir.insert_chunk("seg.idx", 0, c0).unwrap();
        let e = handle.read_bytes(100..70_000).unwrap_err();
        assert!(e.to_string().contains("bytes 65536..131072"), "{e}");
        dir.insert_chunk("seg.idx", 1, c1).unwrap();
        assert_eq!(handle.read_bytes(100..70_000).unwrap().as_slice(), &bytes[100..70_000]);
        let stats = dir.stats();
        assert_eq!((stats.not_warmed, stats.range_reads, stats.cached_bytes), (2, 0, 2 * CHUNK_BYTES));
        assert!(dir.get_file_handle(Path::new("other.idx")).is_err());
        // Within a request, misses are recorded and loaded by one coalesced read per round.
        let fresh = LazyDirectory::new(&manifest, MAX_CACHED_INDEX_BYTES, None);
        let h = fresh.get_file_handle(Path::new("seg.idx")).unwrap();
        let mut request = RequestChunks::default();
        assert!(fresh.with_request(&mut request, || h.read_bytes(10..bytes.len())).is_err());
        let reads = fresh.reads_for(&request);
        assert_eq!(reads.len(), 1);
        assert_eq!((reads[0].path.as_str(), reads[0].offset, reads[0].len), ("index/seg.idx", 0, bytes.len()));
        let mut tampered = bytes.clone();
        tampered[CHUNK_BYTES as usize + 9] ^= 1;
        let e = fresh.accept(&mut request, &reads[0], tampered.clone().into(), false).unwrap_err();
        assert!(e.to_string().contains("`seg.idx` is corrupt at chunk 1"), "{e}");
        // A runtime that hashed the chunks itself gives their digests: checked, not recomputed.
        let digests = |b: &[u8]| Some(b.chunks(CHUNK_BYTES as usize).map(gongkai_core::bundle::sha256).collect());
        let lying = RangeBytes { bytes: tampered.clone(), chunk_sha256: digests(&bytes) };
        assert!(fresh.accept(&mut request, &reads[0], lying, false).is_ok(), "the digests are the runtime's word");
        let honest = RangeBytes { bytes: tampered.clone(), chunk_sha256: digests(&tampered) };
        let e = fresh.accept(&mut request, &reads[0], honest, false).unwrap_err();
        assert!(e.to_string().contains("`seg.idx` is corrupt at chunk 1"), "{e}");
        let short = RangeBytes { bytes: bytes.clone(), chunk_sha256: Some(vec![]) };
        assert!(fresh
            .accept(&mut request, &reads[0], short, false)
            .unwrap_err()
            .to_string()
            .contains("0 chunk digests"));
        let fresh = LazyDirectory::new(&manifest, MAX_CACHED_INDEX_BYTES, None);
        let h = fresh.get_file_handle(Path::new("seg.idx")).unwrap();
        let mut request = RequestChunks::default();
        assert!(fresh.with_request(&mut request, || h.read_bytes(10..bytes.len())).is_err());
        fresh
            .accept(&mut request, &reads[0], RangeBytes { bytes: bytes.clone(), chunk_sha256: digests(&bytes) }, false)
            .unwrap();
        let again = fresh.with_request(&mut request, || h.read_bytes(10..bytes.len()));
        assert_eq!(again.unwrap().as_slice(), &bytes[10..]);
        assert!(!request.has_missing());
        assert!(handle.read_bytes(0..bytes.len() + 1).is_err(), "a read past the end is an error, not a panic");
    }

    #[test]
    fn missing_chunks_a_little_apart_are_one_read_with_the_chunks_between() {
        let text: Vec<u8> = "南京市江宁区政府采购中标结果公告；".repeat(4000).into_bytes();
        let file = |name: &str, bytes: &[u8], size: u64| IndexFile {
            name: name.into(),
            parts: vec![format!("index/{name}")],
            bytes: bytes.len() as u64,
            chunk_bytes: size,
            chunks: bytes.chunks(size as usize).map(sha256).collect(),
            hot: vec![],
        };
        let (postings, columns) = (&text[..6 * SMALL as usize], &text[..3 * CHUNK_BYTES as usize]);
        let manifest = Manifest {
            format: gongkai_core::bundle::FORMAT.into(),
            index_version: "0".into(),
            doc_count: 0,
            built_at: String::new(),
            index_files: vec![file("a.idx", postings, SMALL), file("a.fast", columns, CHUNK_BYTES)],
            doc_shards: vec![],
            files: vec![],
            analyzer: String::new(),
        };
        let dir = LazyDirectory::new(&manifest, MAX_CACHED_INDEX_BYTES, None);
        let mut request = RequestChunks::default();
        // Postings chunks 0 and 2 (16 KiB between them) and 5 (32 KiB on); column chunks 0
        // and 2 (64 KiB between).
        request.missing.extend([(0, 0), (0, 2), (0, 5), (1, 0), (1, 2)]);
        let reads = dir.reads_for(&request);
        let spans: Vec<(&str, u64, usize, u64)> =
            reads.iter().map(|r| (r.path.as_str(), r.offset, r.len, r.chunk_bytes)).collect();
        let s = SMALL as usize;
        assert_eq!(
            spans,
            [
                ("index/a.idx", 0, 6 * s, SMALL),
                ("index/a.fast", 0, CHUNK_BYTES as usize, CHUNK_BYTES),
                ("index/a.fast", 2 * CHUNK_BYTES, CHUNK_BYTES as usize, CHUNK_BYTES),
            ]
        );
        // The chunks between come with the read, verified with the others.
        dir.accept(&mut request, &reads[0], RangeBytes::from(postings.to_vec()), false).unwrap();
        let h = dir.get_file_handle(Path::new("a.idx")).unwrap();
        let got = dir.with_request(&mut request, || h.read_bytes(10..6 * s)).unwrap();
        assert_eq!(got.as_slice(), &postings[10..]);
        assert!(!request.has_missing());
        // A chunk between them that is not what the manifest says fails the whole read.
        let mut tampered = postings.to_vec();
        tampered[s + 7] ^= 1;
        let e = dir.accept(&mut request, &reads[0], RangeBytes::from(tampered), false).unwrap_err();
        assert!(e.to_string().contains("`a.idx` is corrupt at chunk 1"), "{e}");
    }

    #[test]
    fn reads_coalesce_missing_chunks_verify_them_and_stay_within_the_cache() {
        let (manifest, bytes) = one_file();
        let source: Arc<dyn RangeSource> = Arc::new(Memory(bytes.clone()));
        let dir = LazyDirectory::new(&manifest, CHUNK_BYTES as usize * 3, Some(source.clone()));
        let handle = dir.get_file_handle(Path::new("seg.idx")).unwrap();
        // Three chunks missing: one read, kept as one extent, and the read a slice of it.
        assert_eq!(handle.read_bytes(10..bytes.len()).unwrap().as_slice(), &bytes[10..]);
        let s = dir.stats();
        assert_eq!((s.range_reads, s.bytes_fetched, s.bytes_joined), (1, bytes.len() as u64, 0));
        assert_eq!(s.cached_bytes, bytes.len() as u64);
        // Within the first chunk, or across all three again: no read, no copy.
        assert_eq!(handle.read_bytes(20..100).unwrap().as_slice(), &bytes[20..100]);
        assert_eq!(handle.read_bytes(100..bytes.len() - 1).unwrap().as_slice(), &bytes[100..bytes.len() - 1]);
        let s = dir.stats();
        assert_eq!((s.range_reads, s.bytes_joined), (1, 0));
        assert_eq!(dir.atomic_read(Path::new("seg.idx")).unwrap(), bytes);
        // A cache smaller than the read keeps none of it (it stays within its budget): the
        // next read reads again.
        let small = LazyDirectory::new(&manifest, CHUNK_BYTES as usize * 2, Some(source));
        let handle = small.get_file_handle(Path::new("seg.idx")).unwrap();
        assert_eq!(handle.read_bytes(10..bytes.len()).unwrap().as_slice(), &bytes[10..]);
        assert_eq!(small.stats().cached_bytes, 0);
        assert_eq!(handle.read_bytes(20..100).unwrap().as_slice(), &bytes[20..100]);
        let s = small.stats();
        assert_eq!((s.range_reads, s.cached_bytes), (2, CHUNK_BYTES));
        // A source that returns other bytes is caught by the chunk checksum.
        let mut bad = bytes.clone();
        bad[5] ^= 1;
        let source: Arc<dyn RangeSource> = Arc::new(Memory(bad));
        let dir = LazyDirectory::new(&manifest, MAX_CACHED_INDEX_BYTES, Some(source));
        let handle = dir.get_file_handle(Path::new("seg.idx")).unwrap();
        let e = handle.read_bytes(0..10).unwrap_err();
        assert!(e.to_string().contains("`seg.idx` is corrupt at chunk 0 (bytes 0..65536)"), "{e}");
        assert_eq!(
            handle.read_bytes(CHUNK_BYTES as usize..CHUNK_BYTES as usize + 4).unwrap().as_slice(),
            &bytes[CHUNK_BYTES as usize..CHUNK_BYTES as usize + 4]
        );
    }
}
