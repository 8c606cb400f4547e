//! `edge-serve`: the edge handler as a native HTTP server, for self-hosting and tests.
//!
//! ```text
//! edge-serve --index <index-dir> --addr 127.0.0.1:8080 [--widget-dir dist/widget] [--demo widget/demo/index.html]
//! ```
//! Serves the API (`/v1/...`, `/healthz`), the widget files (`/widget.js` and the rest of
//! `--widget-dir`) and the demo page at `/`.
//!
//! HTTP/1.1 is hyper's, on tokio: accepted sockets get `TCP_NODELAY` and each response goes
//! out in one write, so keep-alive connections do not wait on delayed ACKs. The handler is
//! synchronous (about a millisecond); it runs on a pool of `--threads` blocking threads, so
//! that many requests are answered at once while the I/O threads keep reading and writing.
//!
//! **Reload**: every `--reload-secs` seconds (and on `SIGHUP`) edge-serve reads the index
//! directory's `manifest.json`; when it is another file or says something else (the builder
//! published a new version; a file changed in place under the same manifest is looked at only
//! on `SIGHUP`), the new version is loaded whole and verified — every checksum, index files and
//! document shards — and only then swapped in, one pointer, for the requests that follow;
//! requests under way finish on the version they started with. A version that fails (a changed
//! chunk, a missing file, another format version, a manifest that does not parse) is refused
//! with the reason on stderr and the previous version keeps serving: its document shards stay
//! open, so it still answers after the builder has removed its files. While a new version
//! loads, both are in memory.

use clap::Parser;
use edge::native::LocalEdge;
use edge::{http, Config, Request, Response};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

/// Request bodies are not used; at most this much is read (and dropped) before answering, a
/// larger one is refused with 413.
const MAX_BODY: usize = 64 * 1024;
/// Largest request head (request line and headers) read; a larger one gets 431.
const MAX_HEAD: usize = 32 * 1024;
/// Most request headers accepted; more get 431.
const MAX_HEADERS: usize = 100;
/// A client must send its request head, and then its body, each within this time.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The demo page's Content-Security-Policy: the widget's script and WebAssembly from this
/// origin (`'wasm-unsafe-eval'` compiles it), its API requests to this origin, the page's own
/// inline `<style>` and `data:` icon, nothing else.
const DEMO_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
                        style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/// edge-serve's document-shard cache unless `--shard-cache-mb` says otherwise (see the flag).
const DEFAULT_SHARD_CACHE_MB: usize = 64;

#[derive(Parser)]
#[command(name = "edge-serve", version, about = "Serves Gongkai search over HTTP from an index bundle")]
struct Args {
    /// The index bundle directory (written by `index-builder build`).
    #[arg(long)]
    index: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Directory of the built widget (`make widget`).
    #[arg(long, default_value = "dist/widget")]
    widget_dir: PathBuf,
    /// The demo page served at `/`.
    #[arg(long, default_value = "widget/demo/index.html")]
    demo: PathBuf,
    /// Comma-separated origins allowed by CORS; `*` (the default) allows every origin. The
    /// Worker's `ALLOWED_ORIGINS` variable, parsed by the same code.
    #[arg(long)]
    allow_origins: Option<String>,
    /// Ranking knob overrides, `knob=value,...` (see edge/src/ranking.rs); default: the
    /// `GONGKAI_RANKING` environment variable, if set. The Worker's `RANKING` variable.
    #[arg(long)]
    ranking: Option<String>,
    /// Request handler threads: how many requests are answered at once.
    #[arg(long, default_value_t = 4)]
    threads: usize,
    // More than the engine's default (24 MiB, sized for the Worker's 128 MB isolate): a shard
    // dropped from the cache is read and SHA-256-verified again when a hit needs it. Measured
    // with scripts/load.sh on 20,000 records (33 MB of shards), 8 connections: 64 MiB takes
    // edge-serve's CPU per request from 1.35 to 0.95 ms, and its resident memory stays lower
    // (fewer per-request copies of shards).
    /// Most MiB of document shards kept in memory between requests (default 64). The Worker's
    /// `SHARD_CACHE_MB`, parsed by the same code.
    #[arg(long)]
    shard_cache_mb: Option<String>,
    /// Most MiB of verified index chunks kept in memory between requests (default 512; the
    /// Worker's default is 32). edge-serve maps the index files and checks each 64 KiB chunk
    /// the first time a query reads it, so this cache only holds reads that cross two `.partN`
    /// pieces of a file. The Worker's `INDEX_CACHE_MB`, parsed by the same code.
    #[arg(long)]
    index_cache_mb: Option<String>,
    /// Matches a search counts before it leaves older segments out (default 100000; 1000 to
    /// 100000000): a query matching more is answered from the newest records, with an
    /// estimated total (`total_estimated`). The Worker's `MATCH_BUDGET`, parsed by the same code.
    #[arg(long)]
    match_budget: Option<String>,
    /// MiB of postings and positions a search reads before it leaves older segments out
    /// (default 8; 1 to 4096): the newest segment is always searched, a later one only if its
    /// share fits; then the answer has an estimated total (`total_estimated`). The Worker's
    /// `READ_BUDGET_MB`, parsed by the same code.
    #[arg(long)]
    read_budget_mb: Option<String>,
    /// Load the whole index into memory at start (every tantivy file read and verified), as
    /// before lazy reading: more memory and a slower start, no disk reads per query.
    #[arg(long)]
    index_in_memory: bool,
    /// Stop when standard input reaches its end: a parent that gives edge-serve a pipe as
    /// stdin (the test harness does) ends it by exiting, however it exits.
    #[arg(long)]
    stop_on_stdin_eof: bool,
    /// How often, in seconds, to look for a newly published index version (its
    /// `manifest.json`); 0: only on `SIGHUP`.
    #[arg(long, default_value_t = 2)]
    reload_secs: u64,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Headers on every response edge-serve builds itself (static files, the demo page, their
/// errors); API responses get theirs from the shared handler.
fn own_headers(mut resp: Response) -> Response {
    for (k, v) in [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")] {
        if resp.header(k).is_none() {
            resp.headers.push((k.into(), v.into()));
        }
    }
    resp
}

fn static_file(path: &Path) -> Option<Response> {
    let body = std::fs::read(path).ok()?;
    Some(own_headers(Response {
        status: 200,
        headers: vec![
            ("Content-Type".into(), content_type(path).into()),
            ("Cache-Control".into(), "public, max-age=300".into()),
            ("Access-Control-Allow-Origin".into(), "*".into()),
        ],
        body,
    }))
}

/// A plain file name that may be looked up in the widget directory: up to 128 letters, digits,
/// `.`, `_` and `-`, not starting with a dot. Anything else (`..`, `%2e`, `/`, `\\`) goes to the
/// handler, which answers a JSON 404.
fn widget_file_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn respond(edge: &LocalEdge, args: &Args, req: &Request) -> Response {
    let path = req.path.as_str();
    if path == "/" || path == "/index.html" {
        return match static_file(&args.demo) {
            Some(mut page) => {
                page.headers.push(("Content-Security-Policy".into(), DEMO_CSP.into()));
                page
            }
            None => own_headers(http::error(
                404,
                "demo_missing",
                format!("the demo page `{}` is missing", args.demo.display()),
            )),
        };
    }
    if !path.starts_with("/v1/") && path != "/healthz" {
        let name = path.trim_start_matches('/');
        if widget_file_name(name) {
            if let Some(resp) = static_file(&args.widget_dir.join(name)) {
                return resp;
            }
            if name.starts_with("widget") || name.ends_with(".wasm") {
                return own_headers(http::error(
                    404,
                    "widget_missing",
                    format!("`{name}` is not built; run `make widget`"),
                ));
            }
        }
    }
    edge.respond(req)
}

/// Loads and verifies one version of the index, whole: the manifest, every index file and
/// every document shard checked against their SHA-256. The one place edge-serve loads an
/// index, at start and on reload.
fn load_index(dir: &Path, config: &Config, in_memory: bool) -> Result<LocalEdge, edge::native::LoadError> {
    let edge =
        if in_memory { LocalEdge::open_in_memory(dir, config.clone())? } else { LocalEdge::open(dir, config.clone())? };
    edge.verify_all()?;
    Ok(edge)
}

/// A published version as seen from outside: the manifest file (which file: a new publication
/// renames a new directory in, so even the same manifest is another file) and its bytes.
#[derive(Clone, PartialEq)]
struct Published {
    /// Device and inode of `manifest.json`.
    file: (u64, u64),
    /// Its content.
    bytes: Vec<u8>,
}

impl Published {
    /// The index directory's `manifest.json` now.
    fn read(dir: &Path) -> std::io::Result<Published> {
        use std::os::unix::fs::MetadataExt;
        let path = dir.join("manifest.json");
        let meta = std::fs::metadata(&path)?;
        Ok(Published { file: (meta.dev(), meta.ino()), bytes: std::fs::read(&path)? })
    }
}

/// The state every request shares: the version being served, swapped whole on reload.
struct State {
    /// The loaded index requests are answered from.
    edge: RwLock<Arc<LocalEdge>>,
    /// The settings each version is loaded with.
    config: Config,
    /// The last `manifest.json` looked at (`None`: it could not be read), so that a version is
    /// loaded, or refused, once; locked for the whole of a reload.
    seen: Mutex<Option<Published>>,
    /// The command line.
    args: Args,
}

impl State {
    /// The version being served now.
    fn current(&self) -> Arc<LocalEdge> {
        Arc::clone(&self.edge.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Looks at the published version; loads and swaps it in when its manifest has changed
    /// since the last look (or always, when `forced`: `SIGHUP`). Any failure is logged and
    /// the version being served stays.
    fn reload(&self, forced: bool) {
        let dir = &self.args.index;
        // Held to the end: one load at a time.
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let manifest = Published::read(dir);
        let now = manifest.as_ref().ok().cloned();
        if !forced && *seen == now {
            return;
        }
        *seen = now;
        let serving = self.current();
        let old = &serving.engine.manifest.index_version;
        let result = manifest.map_err(|source| edge::native::LoadError::Io { path: dir.join("manifest.json"), source });
        match result.and_then(|_| load_index(dir, &self.config, self.args.index_in_memory)) {
            Ok(edge) => {
                eprintln!(
                    "edge-serve: reloaded {}: {} documents (index {}, was {old})",
                    dir.display(),
                    edge.engine.doc_count(),
                    edge.engine.manifest.index_version
                );
                warn_if_other_analyzer(&edge, dir);
                *self.edge.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(edge);
            }
            Err(e) => eprintln!("edge-serve: error: new index version refused, still serving index {old}: {e}"),
        }
    }
}

/// The shared state of the server.
type Shared = Arc<State>;

/// Warns when the index was segmented with other analyzers than this edge's.
fn warn_if_other_analyzer(edge: &LocalEdge, dir: &Path) {
    if !edge.engine.analyzer_matches() {
        eprintln!(
            "warning: the index in {} was built with other analyzers (fingerprint {}, this edge {}): \
             queries may find less than they should; rebuild the index with this version's index-builder",
            dir.display(),
            edge.engine.manifest.analyzer,
            edge.engine.analyzer
        );
    }
}

/// Looks for a new index version every `--reload-secs` seconds (unless 0) and on every
/// `SIGHUP`; loads run one at a time (see [`State::reload`]), off the I/O threads.
fn watch(shared: &Shared) {
    let reload = |state: Shared, forced: bool| async move {
        let _ = tokio::task::spawn_blocking(move || state.reload(forced)).await;
    };
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) {
        Ok(mut hangup) => {
            let state = Arc::clone(shared);
            tokio::spawn(async move {
                while hangup.recv().await.is_some() {
                    reload(Arc::clone(&state), true).await;
                }
            });
        }
        Err(e) => eprintln!("edge-serve: warning: SIGHUP will not reload the index: {e}"),
    }
    if shared.args.reload_secs > 0 {
        let every = Duration::from_secs(shared.args.reload_secs);
        let state = Arc::clone(shared);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                reload(Arc::clone(&state), false).await;
            }
        });
    }
}

/// Converts a hyper request into the handler's, reads (and drops) its bounded body, runs the
/// handler on the blocking pool with panics caught, and converts the answer back.
async fn serve_request(
    shared: Shared,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let req = Request {
        method: parts.method.as_str().to_ascii_uppercase(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
    };
    let resp = match tokio::time::timeout(HEAD_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await {
        Err(_) => own_headers(http::error(408, "body_timeout", "the request body did not arrive in time")),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => own_headers(http::error(
            413,
            "body_too_large",
            format!("request bodies are not used; at most {MAX_BODY} bytes are accepted"),
        )),
        Ok(Err(_)) => own_headers(http::error(400, "bad_body", "the request body could not be read")),
        Ok(Ok(_)) => {
            let answer = tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    respond(&shared.current(), &shared.args, &req)
                }))
            })
            .await;
            match answer {
                Ok(Ok(resp)) => resp,
                _ => http::error(500, "internal", "the request could not be answered"),
            }
        }
    };
    Ok(into_hyper(resp))
}

/// The handler's response as hyper's; headers that are not valid HTTP are dropped. hyper sets
/// `Content-Length` and leaves the body out for `HEAD`.
fn into_hyper(resp: Response) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::new(Full::new(Bytes::from(resp.body)));
    *out.status_mut() = hyper::StatusCode::from_u16(resp.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = out.headers_mut();
    for (k, v) in resp.headers {
        if let (Ok(k), Ok(v)) =
            (hyper::header::HeaderName::from_bytes(k.as_bytes()), hyper::header::HeaderValue::from_str(&v))
        {
            headers.append(k, v);
        }
    }
    out
}

/// A connection's socket, through which hyper's own answers to requests it cannot parse go out
/// as JSON like every other answer. hyper answers a request head over `MAX_HEAD` or
/// `MAX_HEADERS` with 431, a too-long target with 414 and an unparseable head with 400, each
/// with an empty body and `connection: close`, before any handler sees the request; this
/// replaces such a write, whole, with the same status and a JSON error body.
struct JsonErrors<T> {
    /// The socket.
    inner: T,
    /// A replacement being written: its bytes, how many are written, and how many bytes of
    /// hyper's write it stands for (reported written once it is all out).
    pending: Option<(Vec<u8>, usize, usize)>,
}

/// The JSON answer standing for hyper's bodiless error answer `head`, if `head` is one.
fn json_for_hyper_error(head: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(head).ok()?;
    let lower = text.to_ascii_lowercase();
    if !text.ends_with("\r\n\r\n")
        || !lower.contains("\r\ncontent-length: 0\r\n")
        || !lower.contains("\r\nconnection: close\r\n")
    {
        return None;
    }
    let status: u16 = text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    let resp = match status {
        431 => http::error(
            431,
            "request_head_too_large",
            format!(
                "the request head (request line and headers) is over {MAX_HEAD} bytes or {MAX_HEADERS} header fields"
            ),
        ),
        414 => http::error(414, "uri_too_long", format!("the request target is over {MAX_HEAD} bytes")),
        400 => {
            http::error(400, "bad_request", "the request is not HTTP/1.1 that can be read (request line or a header)")
        }
        _ => return None,
    };
    let resp = own_headers(resp);
    let reason = text.split("\r\n").next()?;
    let mut out = format!("{reason}\r\n");
    for line in text.split("\r\n").skip(1).filter(|l| l.to_ascii_lowercase().starts_with("date:")) {
        out.push_str(line);
        out.push_str("\r\n");
    }
    for (k, v) in &resp.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("connection: close\r\ncontent-length: {}\r\n\r\n", resp.body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(&resp.body);
    Some(out)
}

impl<T: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for JsonErrors<T> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for JsonErrors<T> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::task::Poll;
        let this = &mut *self;
        if this.pending.is_none() {
            // hyper's error heads are about a hundred bytes; an answer of ours is never this.
            match (buf.len() < 512).then(|| json_for_hyper_error(buf)).flatten() {
                Some(json) => this.pending = Some((json, 0, buf.len())),
                None => return std::pin::Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        while let Some((bytes, written, _)) = this.pending.as_mut() {
            if *written == bytes.len() {
                break;
            }
            match std::pin::Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => *written += n,
                other => return other,
            }
        }
        let covers = this.pending.take().map_or(0, |(_, _, covers)| covers);
        Poll::Ready(Ok(covers))
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    /// Not vectored: hyper then writes each response, head and body, as one buffer (one
    /// write, and one place to recognise its error answers).
    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// Accepts connections until the process is stopped; each connection is served by its own
/// task.
async fn serve(listener: std::net::TcpListener, shared: Shared) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot serve on the listening socket: {e}");
            return;
        }
    };
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors or a connection reset before accept: keep going.
                eprintln!("edge-serve: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| serve_request(Arc::clone(&shared), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .max_headers(MAX_HEADERS)
                .serve_connection(TokioIo::new(JsonErrors { inner: stream, pending: None }), service)
                .await;
        });
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    // The same settings, by the same names and the same parser, as the Worker's variables.
    let setting = |name: &str| match name {
        edge::config::ALLOWED_ORIGINS => args.allow_origins.clone(),
        edge::config::RANKING => args.ranking.clone().or_else(|| std::env::var("GONGKAI_RANKING").ok()),
        edge::config::SHARD_CACHE_MB => args.shard_cache_mb.clone(),
        edge::config::INDEX_CACHE_MB => args.index_cache_mb.clone(),
        edge::config::MATCH_BUDGET => args.match_budget.clone(),
        edge::config::READ_BUDGET_MB => args.read_budget_mb.clone(),
        _ => None,
    };
    let defaults = Config {
        shard_cache_bytes: DEFAULT_SHARD_CACHE_MB << 20,
        index_cache_bytes: edge::native::SERVER_INDEX_CACHE_BYTES,
        ..Config::default()
    };
    let config = match defaults.from_settings(setting) {
        Ok(c) => c,
        Err(e) => {
            let flag = match e.setting {
                edge::config::ALLOWED_ORIGINS => "--allow-origins",
                edge::config::RANKING => "--ranking",
                edge::config::INDEX_CACHE_MB => "--index-cache-mb",
                edge::config::MATCH_BUDGET => "--match-budget",
                edge::config::READ_BUDGET_MB => "--read-budget-mb",
                _ => "--shard-cache-mb",
            };
            eprintln!("error: {flag}: {}", e.message);
            return std::process::ExitCode::FAILURE;
        }
    };
    // The manifest is read before the load: a version published meanwhile is picked up by
    // the first look after start.
    let seen = Published::read(&args.index).ok();
    let edge = match load_index(&args.index, &config, args.index_in_memory) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    warn_if_other_analyzer(&edge, &args.index);
    let listener = match std::net::TcpListener::bind(&args.addr).and_then(|l| l.set_nonblocking(true).map(|()| l)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr);
            return std::process::ExitCode::FAILURE;
        }
    };
    if args.stop_on_stdin_eof {
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            eprintln!("edge-serve: standard input closed; stopping");
            std::process::exit(0);
        });
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(1, |n| n.get().min(2)))
        .max_blocking_threads(args.threads.max(1))
        .thread_name("edge-serve")
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server's threads: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    eprintln!(
        "edge-serve: {} documents (index {}) on http://{}/",
        edge.engine.doc_count(),
        edge.engine.manifest.index_version,
        listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| args.addr.clone())
    );
    let shared = Arc::new(State { edge: RwLock::new(Arc::new(edge)), config, seen: Mutex::new(seen), args });
    runtime.block_on(async { watch(&shared) });
    runtime.block_on(serve(listener, shared));
    std::process::ExitCode::FAILURE
}
