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
    let no_ranges =
        |read: lazy::ChunkRead| std::future::ready(Err(format!("this runtime reads no byte ranges (`{}`)", read.path)));
    respond_with_ranges(engine, req, load, no_ranges).await
}

/// [`respond`], for an engine whose index is read lazily without a synchronous source as well
/// ([`crate::lazy`]): when a run of the handler found index chunks missing, its answer is
/// dropped, the missing chunks are loaded with `load_range` (a [`lazy::ChunkRead`]: bundle path,
/// offset, length and chunk size → bytes; every read of a round at once, each chunk verified against the manifest) and held
/// for this request, and the handler runs again, at most [`MAX_LOAD_ROUNDS`] times. Document
/// shards a run asks for are loaded in the same round as the chunks it missed (a page's
/// project sizes are read before its shards: both come at once). A chunk that cannot be loaded
/// or is corrupt is a JSON 500 naming the file.
pub async fn respond_with_ranges<L, F, R, G>(engine: &Engine, req: &Request, load: L, load_range: R) -> Response
where
    L: Fn(String) -> F,
    F: Future<Output = Result<VerifiedFile, String>>,
    R: Fn(lazy::ChunkRead) -> G,
    G: Future<Output = Result<lazy::RangeBytes, String>>,
{
    respond_by_rounds(engine, req, load, load_range, |_| {}).await
}

/// What one round of [`respond_by_rounds`] loads.
#[derive(Debug)]
pub struct Round<'a> {
    /// The index chunks' range reads.
    pub chunk_reads: &'a [lazy::ChunkRead],
    /// The document shards not already cached.
    pub shards: &'a [String],
}

/// [`respond_with_ranges`], telling `on_round` what each round of loads is about to load (for
/// tools that show why a request takes the rounds it takes: `examples/rounds.rs`).
pub async fn respond_by_rounds<L, F, R, G>(
    engine: &Engine,
    req: &Request,
    load: L,
    load_range: R,
    mut on_round: impl FnMut(&Round<'_>),
) -> Response
where
    L: Fn(String) -> F,
    F: Future<Output = Result<VerifiedFile, String>>,
    R: Fn(lazy::ChunkRead) -> G,
    G: Future<Output = Result<lazy::RangeBytes, String>>,
{
    let mut held = RequestShards::default();
    let mut chunks = RequestChunks::default();
    let lazy = engine.lazy_directory().filter(|d| !d.has_source());
    // A page's shards come in one round. A run that also missed index chunks may ask for shards
    // the next run does not need (its answer is dropped; loading them beside the chunks costs
    // bytes, never a round): so at most two rounds load shards.
    let mut shard_rounds = 0;
    for _ in 0..MAX_LOAD_ROUNDS + 2 {
        let outcome = match lazy {
            Some(dir) => dir.with_request(&mut chunks, || handle(engine, req, &held)),
            None => handle(engine, req, &held),
        };
        let missing = lazy.filter(|_| chunks.has_missing());
        let wanted = match outcome {
            Outcome::Done(resp) if missing.is_none() => return resp,
            Outcome::Done(_) => Vec::new(),
            Outcome::NeedShards(_) if shard_rounds == 2 => break,
            Outcome::NeedShards(paths) => {
                shard_rounds += 1;
                paths
            }
        };
        let mut shards = Vec::new();
        for p in wanted {
            match engine.cached_shard(&p) {
                Some(shard) => held.hold(p, shard),
                None => shards.push(p),
            }
        }
        if missing.is_none() && shards.is_empty() {
            // Every shard asked for was in the cache: run again, nothing to load.
            continue;
        }
        let chunk_reads = missing.map(|dir| dir.reads_for(&chunks)).unwrap_or_default();
        if let (None, Some(dir)) = (missing, lazy) {
            dir.count_shard_round();
        }
        on_round(&Round { chunk_reads: &chunk_reads, shards: &shards });
        let load_chunks = async {
            match missing {
                Some(dir) => lazy::load_reads(dir, &mut chunks, chunk_reads, &load_range, false).await,
                None => Ok(()),
            }
        };
        let load_shards = futures_util::future::join_all(shards.into_iter().map(|p| {
            let fut = load(p.clone());
            async move { (p, fut.await) }
        }));
        let (loaded_chunks, loaded_shards) = futures_util::future::join(load_chunks, load_shards).await;
        if let Err(e) = loaded_chunks {
            return error(500, "bundle_unreadable", format!("index file {e}"));
        }
        for (p, loaded) in loaded_shards {
            match loaded.and_then(|file| engine.add_shard(file).map_err(|e| e.to_string())) {
                Ok(shard) => held.hold(p, shard),
                Err(e) => return error(500, "bundle_unreadable", format!("document shard `{p}`: {e}")),
            }
        }
    }
    error(500, "bundle_unreadable", "the index ranges or document shards a request needs could not be loaded")
}
