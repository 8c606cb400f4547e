//! Native runtime support: loading a bundle from a directory and answering requests with
//! shards read from disk. Used by `edge-serve`, the tests and the benchmarks.

use crate::config::Config;
use crate::engine::Engine;
use crate::http::{self, Request, Response};
use crate::lazy::{ChunkRead, DiskSource, LazyDirectory, RangeBytes, RangeSource};
use gongkai_core::bundle::{BundleError, Manifest, VerifiedFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// edge-serve's index-chunk cache unless `--index-cache-mb` says otherwise (the Worker's is
/// [`crate::lazy::MAX_CACHED_INDEX_BYTES`]). edge-serve maps the bundle's files, so the cache
/// only holds reads that cross two `.partN` pieces of a file; a source that cannot map (an
/// object store) reads every chunk through it, and at 1,000,000 records a query reads ~15 MiB
/// of chunks, which a 32 MiB cache keeps re-reading.
pub const SERVER_INDEX_CACHE_BYTES: usize = 512 << 20;

/// A bundle directory loaded into an engine.
///
/// Every file of the version is opened when the bundle is loaded and read through those
/// handles on demand (index chunks and document shards), so a loaded edge keeps answering from
/// its own version even after a newer build has been published over the directory (the
/// builder's rename removes the old files; open handles keep them readable until this edge is
/// dropped).
pub struct LocalEdge {
    /// The engine.
    pub engine: Engine,
    /// The bundle directory the edge was loaded from.
    pub dir: PathBuf,
    /// The files of this version, opened at load.
    files: Arc<DiskSource>,
}

/// Errors loading a bundle directory.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("cannot read `{path}`: {source}. Build an index first: cargo run --release -p index-builder -- build --input <records> --out <index-dir>")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The index could not be opened by rounds of range reads ([`LocalEdge::open_by_rounds`]).
    #[error("the index bundle in `{dir}` is not usable: {message}")]
    Ranges {
        /// The bundle directory.
        dir: PathBuf,
        /// What failed, naming the file.
        message: String,
    },
    /// The bundle is invalid.
    #[error("the index bundle in `{dir}` is not usable: {source}")]
    Bundle {
        /// The bundle directory.
        dir: PathBuf,
        /// The cause.
        source: BundleError,
    },
}

impl LocalEdge {
    /// Opens a bundle directory, reading its index lazily: the manifest, the lexicon and the
    /// dictionary are read and verified whole; the tantivy files are read by chunks as queries
    /// need them (positioned reads, each chunk checked against the manifest's chunk checksum,
    /// kept in a cache of at most [`Config::index_cache_bytes`]; see [`crate::lazy`]).
    pub fn open(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let (manifest, files, support) = open_version(dir)?;
        let source: Arc<dyn RangeSource> = files.clone();
        let directory = LazyDirectory::new(&manifest, config.index_cache_bytes, Some(source));
        let engine = Engine::open_lazy(manifest, support, directory, config).map_err(|e| bad(dir, e))?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf(), files })
    }

    /// Opens a bundle directory as the Worker reads one lazily: no synchronous reads; opening
    /// and every request load the index chunks they find missing by rounds of (here, ready at
    /// once) range reads ([`crate::lazy::open_engine`], [`http::respond_with_ranges`]).
    pub fn open_by_rounds(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let (manifest, files, support) = open_version(dir)?;
        let directory = LazyDirectory::new(&manifest, config.index_cache_bytes, None);
        let engine = run_ready(crate::lazy::open_engine(manifest, support, directory, config, ranges_of(&files)))
            .map_err(|message| LoadError::Ranges { dir: dir.to_path_buf(), message })?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf(), files })
    }

    /// Loads and verifies a bundle directory whole, the index in memory (as the Worker does
    /// with `INDEX_READ=memory`).
    pub fn open_in_memory(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let (manifest_bytes, manifest) = read_manifest(dir)?;
        let files = open_files(dir, &manifest)?;
        let mut eager = BTreeMap::new();
        for path in manifest.eager_paths() {
            eager.insert(path.clone(), read_through(&files, dir, &path)?);
        }
        let engine = Engine::load(&manifest_bytes, eager, config).map_err(|e| bad(dir, e))?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf(), files })
    }

    /// Reads every file of this version through its handle and checks it against the manifest
    /// (document shards whole, tantivy files chunk by chunk): a version about to replace a
    /// serving one is verified whole first.
    pub fn verify_all(&self) -> Result<(), LoadError> {
        let manifest = &self.engine.manifest;
        for shard in &manifest.doc_shards {
            let bytes = read_through(&self.files, &self.dir, &shard.path)?;
            manifest.verify(&shard.path, &bytes).map_err(|e| bad(&self.dir, e))?;
        }
        for file in &manifest.index_files {
            for chunk in 0..file.chunks.len() {
                let range = file.chunk_range(chunk);
                let Some((part, offset)) = file.chunk_location(chunk) else { continue };
                let len = (range.end - range.start) as usize;
                let bytes = self
                    .files
                    .read_range(part, offset, len)
                    .map_err(|source| LoadError::Io { path: self.dir.join(part), source })?;
                file.verify_chunk(chunk, &bytes).map_err(|e| bad(&self.dir, e))?;
            }
        }
        Ok(())
    }

    /// Answers a request, loading document shards and index chunks from this version's files
    /// when the handler asks for them ([`http::respond_with_ranges`], whose futures here are
    /// ready at once).
    pub fn respond(&self, req: &Request) -> Response {
        self.respond_by_rounds(req, |_| {})
    }

    /// [`LocalEdge::respond`], telling `on_round` what each round of loads loads
    /// ([`http::respond_by_rounds`]).
    pub fn respond_by_rounds(&self, req: &Request, on_round: impl FnMut(&http::Round<'_>)) -> Response {
        let load = |p: String| {
            let read = self.files.read_whole(&p).map_err(|e| e.to_string());
            let file = read.and_then(|bytes| self.engine.manifest.verify_file(&p, bytes).map_err(|e| e.to_string()));
            std::future::ready(file)
        };
        run_ready(http::respond_by_rounds(&self.engine, req, load, ranges_of(&self.files), on_round))
    }

    /// Convenience for tests and tools: `GET` a path with a query string.
    pub fn get(&self, path_and_query: &str) -> Response {
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        self.respond(&Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] })
    }
}

fn bad(dir: &Path, source: BundleError) -> LoadError {
    LoadError::Bundle { dir: dir.to_path_buf(), source }
}

fn read_manifest(dir: &Path) -> Result<(Vec<u8>, Manifest), LoadError> {
    let path = dir.join(gongkai_core::bundle::MANIFEST_PATH);
    let bytes = std::fs::read(&path).map_err(|source| LoadError::Io { path, source })?;
    let manifest = Manifest::parse(&bytes).map_err(|e| bad(dir, e))?;
    Ok((bytes, manifest))
}

/// Opens every file the manifest lists; one that is missing is [`BundleError::Missing`], one
/// of another length than the manifest's [`BundleError::WrongSize`].
fn open_files(dir: &Path, manifest: &Manifest) -> Result<Arc<DiskSource>, LoadError> {
    match DiskSource::open(dir, manifest) {
        Ok(files) => {
            for entry in &manifest.files {
                let actual = files
                    .len_of(&entry.path)
                    .map_err(|source| LoadError::Io { path: dir.join(&entry.path), source })?;
                if actual != entry.bytes {
                    let (path, expected) = (entry.path.clone(), entry.bytes);
                    return Err(bad(dir, BundleError::WrongSize { path, expected, actual }));
                }
            }
            Ok(Arc::new(files))
        }
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => {
            let missing = manifest.files.iter().find(|f| !dir.join(&f.path).exists());
            let name = missing.map_or_else(|| source.to_string(), |f| f.path.clone());
            Err(bad(dir, BundleError::Missing(name)))
        }
        Err(source) => Err(LoadError::Io { path: dir.to_path_buf(), source }),
    }
}

fn read_through(files: &DiskSource, dir: &Path, path: &str) -> Result<Vec<u8>, LoadError> {
    files.read_whole(path).map_err(|source| LoadError::Io { path: dir.join(path), source })
}

/// One version of a bundle as [`open_version`] opens it: the manifest, its files, and the
/// support files an edge that reads the index lazily loads whole, verified.
type OpenedVersion = (Manifest, Arc<DiskSource>, BTreeMap<String, VerifiedFile>);

/// Opens the version in `dir` for lazy reading.
fn open_version(dir: &Path) -> Result<OpenedVersion, LoadError> {
    let (_, manifest) = read_manifest(dir)?;
    let files = open_files(dir, &manifest)?;
    let mut support = BTreeMap::new();
    for path in manifest.support_paths() {
        let bytes = read_through(&files, dir, &path)?;
        support.insert(path.clone(), manifest.verify_file(&path, bytes).map_err(|e| bad(dir, e))?);
    }
    Ok((manifest, files, support))
}

/// Range reads from the opened files, ready at once, for the loops that read by rounds
/// ([`crate::lazy::open_engine`], [`http::respond_by_rounds`]).
fn ranges_of(files: &DiskSource) -> impl Fn(ChunkRead) -> std::future::Ready<Result<RangeBytes, String>> + '_ {
    move |read| {
        let bytes = files.read_range(&read.path, read.offset, read.len);
        std::future::ready(bytes.map(RangeBytes::from).map_err(|e| e.to_string()))
    }
}

/// Opens the bundle in `dir` as the Worker does (by rounds of range reads, no synchronous
/// source), ignoring any chunks its manifest already records as hot, and returns the chunks
/// opening read, per tantivy file: what the builder stores as [`gongkai_core::bundle::IndexFile::hot`]
/// so that an edge loads them all in its first round.
pub fn record_hot_chunks(dir: &Path) -> Result<BTreeMap<String, Vec<u32>>, LoadError> {
    let (mut manifest, files, support) = open_version(dir)?;
    manifest.set_hot_chunks(&BTreeMap::new());
    let config = Config::default();
    let directory = LazyDirectory::new(&manifest, config.index_cache_bytes, None);
    run_ready(crate::lazy::open_engine(manifest, support, directory.clone(), config, ranges_of(&files)))
        .map_err(|message| LoadError::Ranges { dir: dir.to_path_buf(), message })?;
    Ok(directory.pinned_chunks())
}

/// Runs a future whose every await is ready at once (files read synchronously), without an
/// async runtime.
fn run_ready<F: std::future::Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
