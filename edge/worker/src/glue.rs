//! The workers-rs side (wasm32 only): the `fetch` event, the per-isolate engine, loading the
//! bundle from static assets or R2, and picking up new index versions.
//!
//! Life of an isolate:
//! 1. the first API request finds no engine: it reads `manifest.json` and the eager files
//!    (index parts, lexicon, dictionary) from the source, hashes each with WebCrypto against
//!    the manifest, and [`Engine::open`] opens the index; requests arriving meanwhile wait
//!    for that one load (no double memory);
//! 2. later requests use the engine as is; document shards are fetched when the handler asks
//!    for them ([`edge::http::respond`]) and cached in the engine;
//! 3. at most every `INDEX_CHECK_SECONDS`, a request re-reads `manifest.json` in the
//!    background (`ctx.waitUntil`); when `index_version` changed, every file the load needs is
//!    checked against the new manifest first (sha256 in JS, nothing kept). A bundle that does
//!    not verify (e.g. still uploading) is ignored and the old index keeps answering; one that
//!    does replaces it: the old engine is released, then the new one is loaded like on a cold
//!    start, so the two are never in memory together.

use crate::settings::{Settings, Source};
use crate::{glue_error, is_api_path, split_url};
use edge::{Engine, Request as EdgeRequest, Response as EdgeResponse};
use futures_util::future;
use gongkai_core::bundle::{Manifest, VerifiedFile};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;
use worker::js_sys::{self, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{event, Context, Env, Headers, Response};

/// A cold load running longer than this is considered lost (e.g. its request was cancelled
/// before it finished) and the next request starts a new one.
const LOAD_STALE_MS: f64 = 60_000.0;
/// How often a request waiting for another's cold load looks whether it is done.
const WAIT_POLL_MS: u64 = 5;
/// After a failed cold load, requests answer 503 at once for this long instead of retrying.
const FAILED_LOAD_BACKOFF_MS: f64 = 2_000.0;
/// Base URL for the static assets binding (its host is ignored).
const ASSETS_ORIGIN: &str = "https://assets.gongkai.invalid";

/// The engine of this isolate and where it came from.
struct Loaded {
    engine: Engine,
    /// `Date.now()` when it was loaded.
    loaded_at_ms: f64,
}

type LoadResult = Result<Rc<Loaded>, String>;

#[derive(Default)]
struct State {
    current: Option<Rc<Loaded>>,
    /// While a cold load runs: when it started.
    cold: Option<f64>,
    /// A failed cold load: until when to answer with its error without retrying.
    failed: Option<(f64, String)>,
    /// When the next `manifest.json` check is due.
    next_check_ms: f64,
    /// When the running background check started.
    checking_since: Option<f64>,
    /// Counters for `/_worker/stats`.
    loads: u32,
    checks: u32,
    last_check_error: Option<String>,
    /// The last load's phases and their milliseconds (with `WORKER_STATS=on`).
    load_phases: Vec<(&'static str, f64)>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[event(fetch)]
async fn fetch(req: worker::Request, env: Env, ctx: Context) -> worker::Result<Response> {
    let edge_req = edge_request(&req);
    let head = edge_req.method == "HEAD";
    let settings = match Settings::from_vars(|k| env.var(k).ok().map(|v| v.to_string())) {
        Ok(s) => s,
        Err(e) => return Ok(worker_response(glue_error(500, "bad_configuration", e, &None, &edge_req), head)),
    };
    if !is_api_path(&edge_req.path) {
        if settings.stats && edge_req.path == "/_worker/stats" {
            return Ok(worker_response(stats(), head));
        }
        if settings.stats && edge_req.path == "/_worker/panic" {
            // For the tests: a Rust panic must still answer JSON (entry.mjs), and the next
            // request must find a working Worker (worker-build's shim resets the wasm instance).
            panic!("deliberate panic (/_worker/panic, WORKER_STATS=on)");
        }
        // Widget files and the demo page, if they were uploaded as static assets; the bundle
        // itself is never served. Anything not found falls through to the handler's JSON 404.
        if !settings.is_bundle_path(&edge_req.path) && (edge_req.method == "GET" || head) {
            if let Some(resp) = static_asset(&env, &settings, &req).await {
                return Ok(resp);
            }
        }
    }
    let resp = api(&env, &ctx, &settings, &edge_req).await;
    Ok(worker_response(resp, head))
}

/// Answers an API request with the shared handler.
async fn api(env: &Env, ctx: &Context, settings: &Settings, req: &EdgeRequest) -> EdgeResponse {
    let loaded = match engine(env, settings).await {
        Ok(l) => l,
        Err(e) => return glue_error(503, "index_unavailable", e, &settings.edge.allowed_origins, req),
    };
    maybe_check_for_new_index(env, ctx, settings, &loaded);
    let manifest = &loaded.engine.manifest;
    let load = |path: String| async move { read_verified(env, settings, manifest, &path).await };
    let load_range = |read: edge::lazy::ChunkRead| async move { read_bundle_range(env, settings, &read).await };
    edge::http::respond_with_ranges(&loaded.engine, req, load, load_range).await
}

/// The isolate's engine, loading it on first use. Concurrent first requests share one load:
/// the others wait for it by looking again every [`WAIT_POLL_MS`] on timers of their own.
/// (Not woken by the loading request: a task woken from another request's code runs in that
/// request's context, and workerd refuses I/O it then starts on behalf of a different request —
/// "Cannot perform I/O on behalf of a different request".)
async fn engine(env: &Env, settings: &Settings) -> LoadResult {
    enum Next {
        Ready(Rc<Loaded>),
        Failed(String),
        Wait,
        Load,
    }
    loop {
        let now = now_ms();
        let next = STATE.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(l) = &s.current {
                return Next::Ready(Rc::clone(l));
            }
            if let Some((until, e)) = &s.failed {
                if now < *until {
                    return Next::Failed(e.clone());
                }
            }
            match s.cold {
                Some(started) if now - started < LOAD_STALE_MS => Next::Wait,
                // None, or a load that went away or stalled: this request loads.
                _ => {
                    s.cold = Some(now);
                    Next::Load
                }
            }
        });
        match next {
            Next::Ready(l) => return Ok(l),
            Next::Failed(e) => return Err(e),
            Next::Wait => worker::Delay::from(Duration::from_millis(WAIT_POLL_MS)).await,
            Next::Load => return cold_load(env, settings, None).await,
        }
    }
}

/// Runs a load while [`State::cold`] is set (by the caller) and installs the result, where the
/// requests waiting for it find it.
async fn cold_load(env: &Env, settings: &Settings, manifest_bytes: Option<Vec<u8>>) -> LoadResult {
    // If this request is dropped mid-load, the guard clears `cold`: a waiting request loads.
    let guard = ColdLoadGuard;
    let result = load(env, settings, manifest_bytes).await.map(Rc::new);
    std::mem::forget(guard);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match &result {
            Ok(l) => {
                s.current = Some(Rc::clone(l));
                s.failed = None;
                s.next_check_ms = l.loaded_at_ms + settings.check_seconds as f64 * 1000.0;
            }
            Err(e) => s.failed = Some((now_ms() + FAILED_LOAD_BACKOFF_MS, e.clone())),
        }
        s.cold = None;
    });
    result
}

struct ColdLoadGuard;

impl Drop for ColdLoadGuard {
    fn drop(&mut self) {
        STATE.with(|s| s.borrow_mut().cold = None);
    }
}

/// Reads and verifies a bundle: `manifest.json` (unless given), then every eager file,
/// concurrently, each hashed with WebCrypto as it arrives (native code, while it is still a
/// JS buffer) and checked against the manifest before it is copied into wasm memory; then
/// [`Engine::open`] and [`Engine::warm_up`].
async fn load(env: &Env, settings: &Settings, manifest_bytes: Option<Vec<u8>>) -> Result<Loaded, String> {
    let mut phases = Phases::start(settings.stats);
    let manifest_bytes = match manifest_bytes {
        Some(b) => b,
        None => read_bundle_file(env, settings, "manifest.json").await?,
    };
    let manifest =
        Manifest::parse(&manifest_bytes).map_err(|e| format!("{}: {e}", source_name(settings, "manifest.json")))?;
    phases.mark("manifest").await;
    let paths = if settings.lazy { manifest.support_paths() } else { manifest.eager_paths() };
    let reads = paths.into_iter().map(|path| {
        let manifest = &manifest;
        async move {
            let file = read_verified(env, settings, manifest, &path).await?;
            Ok::<_, String>((path, file))
        }
    });
    let files: BTreeMap<String, VerifiedFile> = future::try_join_all(reads).await?.into_iter().collect();
    phases.mark("read_and_verify").await;
    let config = settings.edge.clone();
    let version = manifest.index_version.clone();
    let engine = if settings.lazy {
        let directory = edge::lazy::LazyDirectory::new(&manifest, config.index_cache_bytes, None);
        let load = |read: edge::lazy::ChunkRead| async move { read_bundle_range(env, settings, &read).await };
        edge::lazy::open_engine(manifest, files, directory, config, load)
            .await
            .map_err(|e| format!("the index bundle at {} is not usable: {e}", source_name(settings, "")))?
    } else {
        Engine::open(manifest, files, config)
            .map_err(|e| format!("the index bundle at {} is not usable: {e}", source_name(settings, "")))?
    };
    phases.mark("open_index").await;
    if !engine.analyzer_matches() {
        worker::console_warn!(
            "gongkai: index {version} was built with other analyzers (fingerprint {}, this Worker {}): \
             rebuild the index with this version's index-builder",
            engine.manifest.analyzer,
            engine.analyzer
        );
    }
    engine.warm_up();
    phases.mark("warm_up").await;
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.loads += 1;
        s.load_phases = phases.finish();
    });
    worker::console_log!(
        "gongkai: loaded index {version} ({} documents) from {}",
        engine.doc_count(),
        source_name(settings, "")
    );
    Ok(Loaded { engine, loaded_at_ms: now_ms() })
}

/// Reads one bundle file and checks it against the manifest: hashed with WebCrypto while it is
/// a JS buffer, then copied into wasm memory once.
async fn read_verified(env: &Env, settings: &Settings, manifest: &Manifest, rel: &str) -> Result<VerifiedFile, String> {
    let (buffer, digest) = read_hashed(env, settings, rel).await?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    manifest.verify_file_with_digest(rel, bytes, &digest).map_err(|e| format!("{}: {e}", source_name(settings, rel)))
}

/// Reads one bundle file as a JS buffer and hashes it with WebCrypto: `(buffer, hex sha256)`.
async fn read_hashed(env: &Env, settings: &Settings, rel: &str) -> Result<(JsValue, String), String> {
    let buffer = read_bundle_buffer(env, settings, rel).await?;
    let digest = sha256_hex_js(&buffer).await.map_err(|e| format!("{}: sha256: {e}", source_name(settings, rel)))?;
    Ok((buffer, digest))
}

/// Timings of a cold load's phases, for `/_worker/stats` (only with `WORKER_STATS=on`).
///
/// In workerd the clock only moves at I/O (a Spectre mitigation), so a phase that only
/// computes would read as 0 ms: when enabled, each mark first yields to a zero-delay timer,
/// which lets the clock catch up. Disabled, marks cost nothing.
struct Phases {
    enabled: bool,
    last: f64,
    done: Vec<(&'static str, f64)>,
}

impl Phases {
    fn start(enabled: bool) -> Phases {
        Phases { enabled, last: now_ms(), done: Vec::new() }
    }

    async fn mark(&mut self, name: &'static str) {
        if !self.enabled {
            return;
        }
        worker::Delay::from(Duration::from_millis(0)).await;
        let now = now_ms();
        self.done.push((name, now - self.last));
        self.last = now;
    }

    fn finish(self) -> Vec<(&'static str, f64)> {
        self.done
    }
}

/// Starts a background `manifest.json` check when one is due.
fn maybe_check_for_new_index(env: &Env, ctx: &Context, settings: &Settings, loaded: &Rc<Loaded>) {
    if settings.check_seconds == 0 {
        return;
    }
    let now = now_ms();
    let due = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let busy = s.checking_since.map(|t| now - t < LOAD_STALE_MS).unwrap_or(false);
        if busy || now < s.next_check_ms {
            return false;
        }
        s.checking_since = Some(now);
        s.next_check_ms = now + settings.check_seconds as f64 * 1000.0;
        s.checks += 1;
        true
    });
    if !due {
        return;
    }
    let (env, settings, current_version) =
        (env.clone(), settings.clone(), loaded.engine.manifest.index_version.clone());
    ctx.wait_until(async move {
        let outcome = check_for_new_index(&env, &settings, &current_version).await;
        let switch_to = STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.checking_since = None;
            match outcome {
                Ok(Some(manifest_bytes)) => {
                    s.last_check_error = None;
                    if s.cold.is_some() {
                        return None;
                    }
                    // Drop this isolate's reference to the old engine before loading the new one,
                    // so the two are never in (wasm) memory together; requests arriving during the
                    // load wait for it as on a cold start (in-flight ones finish on the old one).
                    s.current = None;
                    s.cold = Some(now_ms());
                    Some(manifest_bytes)
                }
                Ok(None) => {
                    s.last_check_error = None;
                    None
                }
                Err(e) => {
                    worker::console_warn!("gongkai: keeping index {current_version}: {e}");
                    s.last_check_error = Some(e);
                    None
                }
            }
        });
        if let Some(manifest_bytes) = switch_to {
            if let Err(e) = cold_load(&env, &settings, Some(manifest_bytes)).await {
                worker::console_error!("gongkai: the new index verified but did not load: {e}");
                STATE.with(|s| s.borrow_mut().last_check_error = Some(e));
            }
        }
    });
}

/// Reads `manifest.json`; when it names another index version, checks that every file the load
/// needs is there with the right sha256 — in JS (`crypto.subtle`, native code, one file at a
/// time, nothing copied into wasm memory) — and returns the new manifest's bytes. A bundle that
/// is still being uploaded fails here, and the current index stays.
async fn check_for_new_index(env: &Env, settings: &Settings, current_version: &str) -> Result<Option<Vec<u8>>, String> {
    let bytes = read_bundle_file(env, settings, "manifest.json").await?;
    let manifest = Manifest::parse(&bytes).map_err(|e| format!("{}: {e}", source_name(settings, "manifest.json")))?;
    if manifest.index_version == current_version {
        return Ok(None);
    }
    for path in manifest.eager_paths() {
        let (_, digest) = read_hashed(env, settings, &path).await?;
        manifest.check_digest(&path, &digest).map_err(|e| {
            format!(
                "index {}: {} is corrupt or from another version: {e}",
                manifest.index_version,
                source_name(settings, &path)
            )
        })?;
    }
    Ok(Some(bytes))
}

/// Hex SHA-256 of an ArrayBuffer with the runtime's WebCrypto.
async fn sha256_hex_js(buffer: &JsValue) -> Result<String, String> {
    Ok(gongkai_core::bundle::hex(&sha256_js(buffer).await?))
}

/// SHA-256 of an ArrayBuffer (or a view of one) with the runtime's WebCrypto.
async fn sha256_js(buffer: &JsValue) -> Result<[u8; 32], String> {
    let err = |e: JsValue| format!("{e:?}");
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).map_err(err)?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).map_err(err)?;
    let digest: js_sys::Function =
        js_sys::Reflect::get(&subtle, &"digest".into()).map_err(err)?.dyn_into().map_err(err)?;
    let promise: js_sys::Promise =
        digest.call2(&subtle, &"SHA-256".into(), buffer).map_err(err)?.dyn_into().map_err(err)?;
    let hash = JsFuture::from(promise).await.map_err(err)?;
    let mut digest = [0u8; 32];
    Uint8Array::new(&hash).copy_to(&mut digest);
    Ok(digest)
}

fn source_name(settings: &Settings, rel: &str) -> String {
    match settings.source {
        Source::Assets => format!("static asset /{}", settings.bundle_key(rel)),
        Source::R2 => format!("R2 object {}:{}", settings.bucket_binding, settings.bundle_key(rel)),
    }
}

/// Reads one bundle file, whole, into wasm memory.
async fn read_bundle_file(env: &Env, settings: &Settings, rel: &str) -> Result<Vec<u8>, String> {
    // One piece: the body as one ArrayBuffer in JS, then one copy into wasm memory (workers-rs
    // `Response::bytes()` would grow a Vec chunk by chunk, doubling its buffer as it goes).
    Ok(Uint8Array::new(&read_bundle_buffer(env, settings, rel).await?).to_vec())
}

/// Reads one bundle file, whole, from the configured source, as a JS ArrayBuffer.
async fn read_bundle_buffer(env: &Env, settings: &Settings, rel: &str) -> Result<JsValue, String> {
    let what = || source_name(settings, rel);
    let body: worker::web_sys::Response = match settings.source {
        Source::Assets => {
            let assets = env.assets(&settings.assets_binding).map_err(|e| {
                format!(
                    "INDEX_SOURCE is `assets` but the binding `{}` is missing ({e}); add [assets] to wrangler.toml",
                    settings.assets_binding
                )
            })?;
            let url = format!("{ASSETS_ORIGIN}/{}", settings.bundle_key(rel));
            let resp = assets.fetch(url, None).await.map_err(|e| format!("{}: {e}", what()))?;
            if resp.status_code() != 200 {
                return Err(format!(
                    "{} answered HTTP {}: upload the index bundle (see edge/worker/README.md)",
                    what(),
                    resp.status_code()
                ));
            }
            resp.into()
        }
        Source::R2 => {
            let bucket = env.bucket(&settings.bucket_binding).map_err(|e| {
                format!("INDEX_SOURCE is `r2` but the bucket binding `{}` is missing ({e}); add [[r2_buckets]] to wrangler.toml", settings.bucket_binding)
            })?;
            let object =
                bucket.get(settings.bundle_key(rel)).execute().await.map_err(|e| format!("{}: {e}", what()))?;
            let object = object.ok_or_else(|| {
                format!("{} does not exist: upload the index bundle (see edge/worker/README.md)", what())
            })?;
            let body = object.body().ok_or_else(|| format!("{} has no body", what()))?;
            let body = body.response_body().map_err(|e| format!("{}: {e}", what()))?;
            Response::builder().body(body).into()
        }
    };
    let promise = body.array_buffer().map_err(|e| format!("{}: {e:?}", what()))?;
    JsFuture::from(promise).await.map_err(|e| format!("{}: {e:?}", what()))
}

/// Reads `len` bytes of a bundle file from `offset` (the index read lazily): an R2 range read,
/// or a static asset fetched with a `Range` header (sliced here if the whole file comes back),
/// hashed by chunk. The caller verifies the digests against the manifest's.
async fn read_bundle_range(
    env: &Env,
    settings: &Settings,
    read: &edge::lazy::ChunkRead,
) -> Result<edge::lazy::RangeBytes, String> {
    let (rel, offset, len, step) = (read.path.as_str(), read.offset, read.len, read.chunk_bytes as u32);
    let what = || format!("{} bytes {offset}+{len}", source_name(settings, rel));
    let body: worker::web_sys::Response = match settings.source {
        Source::Assets => {
            let assets = env.assets(&settings.assets_binding).map_err(|e| format!("{}: {e}", what()))?;
            let headers = Headers::new();
            headers
                .set("Range", &format!("bytes={offset}-{}", offset + len as u64 - 1))
                .map_err(|e| format!("{}: {e}", what()))?;
            let mut init = worker::RequestInit::new();
            init.with_headers(headers);
            let url = format!("{ASSETS_ORIGIN}/{}", settings.bundle_key(rel));
            let resp = assets.fetch(url, Some(init)).await.map_err(|e| format!("{}: {e}", what()))?;
            if resp.status_code() != 200 && resp.status_code() != 206 {
                return Err(format!("{} answered HTTP {}", what(), resp.status_code()));
            }
            let whole = resp.status_code() == 200;
            let body: worker::web_sys::Response = resp.into();
            let promise = body.array_buffer().map_err(|e| format!("{}: {e:?}", what()))?;
            let buffer = JsFuture::from(promise).await.map_err(|e| format!("{}: {e:?}", what()))?;
            let array = Uint8Array::new(&buffer);
            let array = if whole { array.subarray(offset as u32, (offset + len as u64) as u32) } else { array };
            return hashed_by_chunk(&array, step).await.map_err(|e| format!("{}: sha256: {e}", what()));
        }
        Source::R2 => {
            let bucket = env.bucket(&settings.bucket_binding).map_err(|e| format!("{}: {e}", what()))?;
            let object = bucket
                .get(settings.bundle_key(rel))
                .range(worker::Range::OffsetWithLength { offset, length: len as u64 })
                .execute()
                .await
                .map_err(|e| format!("{}: {e}", what()))?
                .ok_or_else(|| format!("{} does not exist", what()))?;
            let body = object.body().ok_or_else(|| format!("{} has no body", what()))?;
            let body = body.response_body().map_err(|e| format!("{}: {e}", what()))?;
            Response::builder().body(body).into()
        }
    };
    let promise = body.array_buffer().map_err(|e| format!("{}: {e:?}", what()))?;
    let buffer = JsFuture::from(promise).await.map_err(|e| format!("{}: {e:?}", what()))?;
    hashed_by_chunk(&Uint8Array::new(&buffer), step).await.map_err(|e| format!("{}: sha256: {e}", what()))
}

/// The bytes of a range read and the SHA-256 of each of its `step`-byte chunks, hashed with
/// WebCrypto (natively, all at once) while they are still a JS buffer, then copied into wasm
/// memory: the chunks are checked against the manifest without hashing them in wasm (at
/// 1,000,000 records a cold first query reads ~21 MiB).
async fn hashed_by_chunk(array: &Uint8Array, step: u32) -> Result<edge::lazy::RangeBytes, String> {
    let len = array.length();
    let step = step.max(1);
    let pieces = (0..len.div_ceil(step)).map(|i| array.subarray(i * step, ((i + 1) * step).min(len)));
    let digests = future::try_join_all(pieces.map(|piece| async move { sha256_js(&piece.into()).await })).await?;
    Ok(edge::lazy::RangeBytes { bytes: array.to_vec(), chunk_sha256: Some(digests) })
}

/// Serves a static asset (the widget), or `None` when there is no such asset.
async fn static_asset(env: &Env, settings: &Settings, req: &worker::Request) -> Option<Response> {
    let assets = env.assets(&settings.assets_binding).ok()?;
    let resp = assets.fetch_request(req.clone().ok()?).await.ok()?;
    if resp.status_code() == 404 {
        return None;
    }
    Some(resp)
}

/// `/_worker/stats` (only with `WORKER_STATS=on`): what this isolate holds.
fn stats() -> EdgeResponse {
    let wasm_memory = core::arch::wasm32::memory_size::<0>() as u64 * 65_536;
    let body = STATE.with(|s| {
        let s = s.borrow();
        let current = s.current.as_ref();
        serde_json::json!({
            "wasm_memory_bytes": wasm_memory,
            "index_loaded": current.is_some(),
            "index_version": current.map(|l| l.engine.manifest.index_version.clone()),
            "doc_count": current.map(|l| l.engine.doc_count()),
            "loaded_at_ms": current.map(|l| l.loaded_at_ms),
            "loads": s.loads,
            "checks": s.checks,
            "last_check_error": s.last_check_error,
            "index_read": current.and_then(|l| l.engine.index_stats()).map(|st| serde_json::json!({
                "range_reads": st.range_reads,
                "bytes_fetched": st.bytes_fetched,
                "load_rounds": st.load_rounds,
                "shard_rounds": st.shard_rounds,
                "cached_bytes": st.cached_bytes,
            })),
            "load_phases_ms": s.load_phases.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
        })
    });
    EdgeResponse {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "application/json; charset=utf-8".into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

/// The handler's view of a workers-rs request.
fn edge_request(req: &worker::Request) -> EdgeRequest {
    let raw = req.inner();
    let (path, query) = split_url(&raw.url());
    EdgeRequest { method: raw.method().to_ascii_uppercase(), path, query, headers: req.headers().entries().collect() }
}

/// A handler response as a workers-rs response (no body for HEAD, 204 and 304).
fn worker_response(resp: EdgeResponse, head: bool) -> Response {
    let headers = Headers::new();
    for (k, v) in &resp.headers {
        let _ = headers.append(k, v);
    }
    let builder = Response::builder().with_status(resp.status).with_headers(headers);
    if head || resp.body.is_empty() || resp.status == 204 || resp.status == 304 {
        builder.empty()
    } else {
        builder.fixed(resp.body)
    }
}
