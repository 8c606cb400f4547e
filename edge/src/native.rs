//! Native runtime support: loading a bundle from a directory and answering requests with
//! shards read from disk. Used by `edge-serve`, the tests and the benchmarks.

use crate::config::Config;
use crate::engine::Engine;
use crate::http::{self, Request, Response};
use crate::lazy::{DiskSource, LazyDirectory, RangeSource};
use gongkai_core::bundle::{BundleError, Manifest};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A bundle directory loaded into an engine.
pub struct LocalEdge {
    /// The engine.
    pub engine: Engine,
    /// The bundle directory (document shards are read from it on demand).
    pub dir: PathBuf,
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
        let (_, manifest) = read_manifest(dir)?;
        let bad = |source| LoadError::Bundle { dir: dir.to_path_buf(), source };
        let mut files = BTreeMap::new();
        for path in manifest.support_paths() {
            let bytes = read(dir, &path)?;
            files.insert(path.clone(), manifest.verify_file(&path, bytes).map_err(bad)?);
        }
        let source: Arc<dyn RangeSource> = Arc::new(DiskSource::new(dir));
        let directory = LazyDirectory::new(&manifest, config.index_cache_bytes, Some(source));
        let engine = Engine::open_lazy(manifest, files, directory, config).map_err(bad)?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf() })
    }

    /// Opens a bundle directory as the Worker reads one lazily: no synchronous reads; opening
    /// and every request load the index chunks they find missing by rounds of (here, ready at
    /// once) range reads ([`crate::lazy::open_engine`], [`http::respond_with_ranges`]).
    pub fn open_by_rounds(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let (_, manifest) = read_manifest(dir)?;
        let bad = |source| LoadError::Bundle { dir: dir.to_path_buf(), source };
        let mut files = BTreeMap::new();
        for path in manifest.support_paths() {
            let bytes = read(dir, &path)?;
            files.insert(path.clone(), manifest.verify_file(&path, bytes).map_err(bad)?);
        }
        let directory = LazyDirectory::new(&manifest, config.index_cache_bytes, None);
        let source = DiskSource::new(dir);
        let load = |path: String, offset: u64, len: usize| {
            std::future::ready(source.read_range(&path, offset, len).map_err(|e| e.to_string()))
        };
        let engine = run_ready(crate::lazy::open_engine(manifest, files, directory, config, load))
            .map_err(|message| LoadError::Ranges { dir: dir.to_path_buf(), message })?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf() })
    }

    /// Loads and verifies a bundle directory whole, the index in memory (as the Worker does).
    pub fn open_in_memory(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let (manifest_bytes, manifest) = read_manifest(dir)?;
        let mut files = BTreeMap::new();
        for path in manifest.eager_paths() {
            files.insert(path.clone(), read(dir, &path)?);
        }
        let engine = Engine::load(&manifest_bytes, files, config)
            .map_err(|source| LoadError::Bundle { dir: dir.to_path_buf(), source })?;
        Ok(LocalEdge { engine, dir: dir.to_path_buf() })
    }

    /// Answers a request, loading document shards from disk when the handler asks for them
    /// ([`http::respond`](fn@http::respond), whose futures here are ready at once).
    pub fn respond(&self, req: &Request) -> Response {
        let load = |p: String| {
            let read = std::fs::read(self.dir.join(&p)).map_err(|e| e.to_string());
            let file = read.and_then(|bytes| self.engine.manifest.verify_file(&p, bytes).map_err(|e| e.to_string()));
            std::future::ready(file)
        };
        let source = DiskSource::new(&self.dir);
        let load_range = |path: String, offset: u64, len: usize| {
            std::future::ready(source.read_range(&path, offset, len).map_err(|e| e.to_string()))
        };
        run_ready(http::respond_with_ranges(&self.engine, req, load, load_range))
    }

    /// Convenience for tests and tools: `GET` a path with a query string.
    pub fn get(&self, path_and_query: &str) -> Response {
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        self.respond(&Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] })
    }
}

fn read(dir: &Path, rel: &str) -> Result<Vec<u8>, LoadError> {
    let path = dir.join(rel);
    std::fs::read(&path).map_err(|source| LoadError::Io { path, source })
}

fn read_manifest(dir: &Path) -> Result<(Vec<u8>, Manifest), LoadError> {
    let bytes = read(dir, gongkai_core::bundle::MANIFEST_PATH)?;
    let manifest = Manifest::parse(&bytes).map_err(|source| LoadError::Bundle { dir: dir.to_path_buf(), source })?;
    Ok((bytes, manifest))
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
