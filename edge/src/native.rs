//! Native runtime support: loading a bundle from a directory and answering requests with
//! shards read from disk. Used by `edge-serve`, the tests and the benchmarks.

use crate::config::Config;
use crate::engine::Engine;
use crate::http::{self, Request, Response};
use gongkai_core::bundle::{BundleError, Manifest};
use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// A bundle directory loaded into an engine.
///
/// Every document shard is opened when the bundle is loaded and read through that handle on
/// demand, so a loaded edge keeps answering from its own version even after a newer build has
/// been published over the directory (the builder's rename removes the old files; open handles
/// keep them readable until this edge is dropped).
pub struct LocalEdge {
    /// The engine.
    pub engine: Engine,
    /// The bundle directory the edge was loaded from.
    pub dir: PathBuf,
    /// The document shards of this version, opened at load, by bundle path.
    shards: BTreeMap<String, File>,
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
    /// Loads and verifies a bundle directory.
    pub fn open(dir: &Path, config: Config) -> Result<LocalEdge, LoadError> {
        let read = |rel: &str| {
            let path = dir.join(rel);
            std::fs::read(&path).map_err(|source| LoadError::Io { path, source })
        };
        let manifest_bytes = read("manifest.json")?;
        let manifest =
            Manifest::parse(&manifest_bytes).map_err(|source| LoadError::Bundle { dir: dir.to_path_buf(), source })?;
        let mut files = BTreeMap::new();
        for path in manifest.eager_paths() {
            files.insert(path.clone(), read(&path)?);
        }
        let engine = Engine::load(&manifest_bytes, files, config)
            .map_err(|source| LoadError::Bundle { dir: dir.to_path_buf(), source })?;
        let mut shards = BTreeMap::new();
        for shard in &engine.manifest.doc_shards {
            let path = dir.join(&shard.path);
            let file = File::open(&path).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => {
                    LoadError::Bundle { dir: dir.to_path_buf(), source: BundleError::Missing(shard.path.clone()) }
                }
                _ => LoadError::Io { path: path.clone(), source },
            })?;
            shards.insert(shard.path.clone(), file);
        }
        Ok(LocalEdge { engine, dir: dir.to_path_buf(), shards })
    }

    /// Reads every document shard through its handle and checks it against the manifest:
    /// a version about to replace a serving one is verified whole first.
    pub fn verify_shards(&self) -> Result<(), LoadError> {
        for path in self.shards.keys() {
            let bytes = self.read_shard(path).map_err(|source| LoadError::Io { path: self.dir.join(path), source })?;
            self.engine
                .manifest
                .verify(path, &bytes)
                .map_err(|source| LoadError::Bundle { dir: self.dir.clone(), source })?;
        }
        Ok(())
    }

    /// The bytes of a document shard of this version, read through the handle opened at load.
    fn read_shard(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let file = self.shards.get(path).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("`{path}` is not a document shard of this bundle"),
            )
        })?;
        let len = usize::try_from(file.metadata()?.len()).map_err(std::io::Error::other)?;
        let mut bytes = vec![0; len];
        file.read_exact_at(&mut bytes, 0)?;
        Ok(bytes)
    }

    /// Answers a request, loading document shards from disk when the handler asks for them
    /// ([`http::respond`](fn@http::respond), whose futures here are ready at once).
    pub fn respond(&self, req: &Request) -> Response {
        let load = |p: String| {
            let read = self.read_shard(&p).map_err(|e| e.to_string());
            let file = read.and_then(|bytes| self.engine.manifest.verify_file(&p, bytes).map_err(|e| e.to_string()));
            std::future::ready(file)
        };
        run_ready(http::respond(&self.engine, req, load))
    }

    /// Convenience for tests and tools: `GET` a path with a query string.
    pub fn get(&self, path_and_query: &str) -> Response {
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        self.respond(&Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] })
    }
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
