//! The Gongkai edge: answers search requests from a loaded index bundle.
//!
//! One code path, two runtimes: [`http::respond`](fn@http::respond) (the handler, [`http::handle`], and its
//! document-shard loop) is called by the Cloudflare Worker (in workerd) and by the native
//! `edge-serve` binary alike. The handler does no I/O; runtimes feed it verified bytes through a
//! loader (see [`engine`]).

#![deny(missing_docs)]

pub mod config;
pub mod dismax;
pub mod endpoints;
pub mod engine;
pub mod http;
pub mod lazy;
pub mod ranking;
pub mod search;
pub mod snippet;
pub mod statistics;
pub mod understanding;

pub use config::Config;
pub use engine::{Engine, RequestShards};
pub use http::{handle, respond, Outcome, Request, Response};
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
