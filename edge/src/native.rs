//! Native runtime support: loading a bundle from a directory and answering requests with
//! shards read from disk. Used by `edge-serve`, the tests and the benchmarks.

use crate::config::Config;
use crate::engine::Engine;
use crate::http::{self, Request, Response};
use gongkai_core::bundle::{BundleError, Manifest};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
