//! The loading loop every runtime answers through: [`respond`] (document shards) and
//! [`respond_with_ranges`] (document shards and, for an index read lazily without a synchronous
//! source, byte ranges of the index).

use super::message::{error, Request, Response};
use super::routes::handle;
use super::Outcome;
use crate::engine::{Engine, RequestShards};
use crate::lazy::{self, RequestChunks, MAX_LOAD_ROUNDS};
use gongkai_core::bundle::VerifiedFile;
use std::future::Future;

/// Answers a request completely: calls [`handle`], and while it asks for document shards,
/// loads them with `load` (bundle path → the file, checked against the manifest), holds them
/// for this request and calls again. Shards of one round are loaded concurrently. Every
/// runtime answers through this loop: edge-serve with files (futures that are ready at once),
/// the Worker with static assets or R2. Failures become a JSON error naming the shard.
pub async fn respond<L, F>(engine: &Engine, req: &Request, load: L) -> Response
where
    L: Fn(String) -> F,
    F: Future<Output = Result<VerifiedFile, String>>,
{
    let no_ranges = |path: String, _: u64, _: usize| {
        std::future::ready(Err(format!("this runtime reads no byte ranges (`{path}`)")))
    };
    respond_with_ranges(engine, req, load, no_ranges).await
}

/// [`respond`], for an engine whose index is read lazily without a synchronous source as well
/// ([`crate::lazy`]): when a run of the handler found index chunks missing, its answer is
/// dropped, the missing chunks are loaded with `load_range` (bundle path, offset, length →
/// bytes; every read of a round at once, each chunk verified against the manifest) and held
/// for this request, and the handler runs again, at most [`MAX_LOAD_ROUNDS`] times. A chunk
/// that cannot be loaded or is corrupt is a JSON 500 naming the file.
pub async fn respond_with_ranges<L, F, R, G>(engine: &Engine, req: &Request, load: L, load_range: R) -> Response
where
    L: Fn(String) -> F,
    F: Future<Output = Result<VerifiedFile, String>>,
    R: Fn(String, u64, usize) -> G,
    G: Future<Output = Result<Vec<u8>, String>>,
{
    let mut held = RequestShards::default();
    let mut chunks = RequestChunks::default();
    let lazy = engine.lazy_directory().filter(|d| !d.has_source());
    // One round of shards loads everything a page needs; a second would mean the request
    // changed its mind between calls, which a deterministic handler never does.
    let mut shard_rounds = 0;
    for _ in 0..MAX_LOAD_ROUNDS + 2 {
        let outcome = match lazy {
            Some(dir) => dir.with_request(&mut chunks, || handle(engine, req, &held)),
            None => handle(engine, req, &held),
        };
        if let Some(dir) = lazy.filter(|_| chunks.has_missing()) {
            if let Err(e) = lazy::load_missing(dir, &mut chunks, &load_range, false).await {
                return error(500, "bundle_unreadable", format!("index file {e}"));
            }
            continue;
        }
        match outcome {
            Outcome::Done(resp) => return resp,
            Outcome::NeedShards(_) if shard_rounds == 1 => break,
            Outcome::NeedShards(paths) => {
                shard_rounds += 1;
                let mut to_load = Vec::new();
                for p in paths {
                    match engine.cached_shard(&p) {
                        Some(shard) => held.hold(p, shard),
                        None => to_load.push(p),
                    }
                }
                let loads = to_load.into_iter().map(|p| {
                    let fut = load(p.clone());
                    async move { (p, fut.await) }
                });
                for (p, loaded) in futures_util::future::join_all(loads).await {
                    match loaded.and_then(|file| engine.add_shard(file).map_err(|e| e.to_string())) {
                        Ok(shard) => held.hold(p, shard),
                        Err(e) => return error(500, "bundle_unreadable", format!("document shard `{p}`: {e}")),
                    }
                }
            }
        }
    }
    error(500, "bundle_unreadable", "the index ranges or document shards a request needs could not be loaded")
}
