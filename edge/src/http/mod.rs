//! The request handler shared by the Cloudflare Worker and edge-serve: plain data in, plain
//! data out, no I/O, so both runtimes call exactly this code.
//!
//! Routes ([`routes`]): `GET /v1/search`, `GET /v1/suggest`, `GET /v1/meta`, `GET /v1/doc/{id}`,
//! `GET /healthz`, and `OPTIONS` preflight for all of them. Every answer is JSON, errors too:
//! `{"error": {"code": "...", "message": "..."}}`. The answers themselves are built in
//! [`crate::endpoints`].
//!
//! - [`message`] — the runtime-neutral [`Request`] and [`Response`], JSON answers and errors;
//! - [`headers`] — CORS, caching (`ETag`, `304`) and security headers;
//! - [`routes`] — which endpoint answers which path ([`handle`]);
//! - [`respond`](mod@respond) — the loading loop (document shards, index ranges) every runtime
//!   answers through.

pub mod headers;
pub mod message;
pub mod respond;
pub mod routes;

pub use message::{
    error, json_response, param_error, percent_decode, percent_decode_strict, DecodeError, Request, Response,
};
pub use respond::{respond, respond_by_rounds, respond_with_ranges, Round};
pub use routes::handle;

/// What the handler needs from the runtime to finish a request.
#[derive(Debug)]
pub enum Outcome {
    /// The answer.
    Done(Response),
    /// Hold these document shards for this request ([`crate::RequestShards::hold`]): from the cache
    /// ([`crate::Engine::cached_shard`]) or loaded ([`crate::Engine::add_shard`]), then call again.
    NeedShards(Vec<String>),
}
