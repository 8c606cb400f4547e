//! The document-shard loop: every runtime answers through [`respond`].

use super::message::{error, Request, Response};
use super::routes::handle;
use super::Outcome;
use crate::engine::{Engine, RequestShards};
use gongkai_core::bundle::VerifiedFile;

/// Answers a request completely: calls [`handle`], and while it asks for document shards,
/// loads them with `load` (bundle path → the file, checked against the manifest), holds them
/// for this request and calls again. Shards of one round are loaded concurrently. Every
/// runtime answers through this loop: edge-serve with files (futures that are ready at once),
/// the Worker with static assets or R2. Failures become a JSON error naming the shard.
pub async fn respond<L, F>(engine: &Engine, req: &Request, load: L) -> Response
where
    L: Fn(String) -> F,
    F: std::future::Future<Output = Result<VerifiedFile, String>>,
{
    let mut held = RequestShards::default();
    // One round loads everything a page needs; a second would mean the request changed its
    // mind between calls, which a deterministic handler never does.
    for _ in 0..2 {
        match handle(engine, req, &held) {
            Outcome::Done(resp) => return resp,
            Outcome::NeedShards(paths) => {
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
    error(500, "bundle_unreadable", "document shards could not be loaded")
}
