//! `edge-serve`: the edge handler as a native HTTP server, for self-hosting and tests.
//!
//! ```text
//! edge-serve --index <index-dir> --addr 127.0.0.1:8080 [--widget-dir dist/widget] [--demo widget/demo/index.html]
//! ```
//! Serves the API (`/v1/...`, `/healthz`), the widget files (`/widget.js` and the rest of
//! `--widget-dir`) and the demo page at `/`.

use clap::Parser;
use edge::native::LocalEdge;
use edge::{http, Config, Request, Response};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Most MiB of document shards kept in memory (default 24). The Worker's `SHARD_CACHE_MB`.
    #[arg(long)]
    shard_cache_mb: Option<String>,
    /// Worker threads.
    #[arg(long, default_value_t = 4)]
    threads: usize,
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

fn static_file(path: &Path) -> Option<Response> {
    let body = std::fs::read(path).ok()?;
    Some(Response {
        status: 200,
        headers: vec![
            ("Content-Type".into(), content_type(path).into()),
            ("Cache-Control".into(), "public, max-age=300".into()),
            ("Access-Control-Allow-Origin".into(), "*".into()),
        ],
        body,
    })
}

fn respond(edge: &LocalEdge, args: &Args, req: &Request) -> Response {
    let path = req.path.as_str();
    if path == "/" || path == "/index.html" {
        return static_file(&args.demo).unwrap_or_else(|| {
            http::error(404, "demo_missing", format!("the demo page `{}` is missing", args.demo.display()))
        });
    }
    if !path.starts_with("/v1/") && path != "/healthz" {
        let name = path.trim_start_matches('/');
        // Only plain file names from the widget directory: no traversal.
        if !name.is_empty() && !name.contains('/') && !name.contains("..") && !name.contains('\\') {
            if let Some(resp) = static_file(&args.widget_dir.join(name)) {
                return resp;
            }
            if name.starts_with("widget") || name.ends_with(".wasm") {
                return http::error(404, "widget_missing", format!("`{name}` is not built; run `make widget`"));
            }
        }
    }
    edge.respond(req)
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    // The same settings, by the same names and the same parser, as the Worker's variables.
    let setting = |name: &str| match name {
        edge::config::ALLOWED_ORIGINS => args.allow_origins.clone(),
        edge::config::RANKING => args.ranking.clone().or_else(|| std::env::var("GONGKAI_RANKING").ok()),
        edge::config::SHARD_CACHE_MB => args.shard_cache_mb.clone(),
        _ => None,
    };
    let config = match Config::default().from_settings(setting) {
        Ok(c) => c,
        Err(e) => {
            let flag = match e.setting {
                edge::config::ALLOWED_ORIGINS => "--allow-origins",
                edge::config::RANKING => "--ranking",
                _ => "--shard-cache-mb",
            };
            eprintln!("error: {flag}: {}", e.message);
            return std::process::ExitCode::FAILURE;
        }
    };
    let edge = match LocalEdge::open(&args.index, config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if !edge.engine.analyzer_matches() {
        eprintln!(
            "warning: the index in {} was built with other analyzers (fingerprint {}, this edge {}): \
             queries may find less than they should; rebuild the index with this version's index-builder",
            args.index.display(),
            edge.engine.manifest.analyzer,
            edge.engine.analyzer
        );
    }
    let server = match tiny_http::Server::http(&args.addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr);
            return std::process::ExitCode::FAILURE;
        }
    };
    eprintln!(
        "edge-serve: {} documents (index {}) on http://{}/",
        edge.engine.doc_count(),
        edge.engine.manifest.index_version,
        args.addr
    );
    let server = Arc::new(server);
    let shared = Arc::new((edge, args));
    let threads: Vec<_> = (0..shared.1.threads.max(1))
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let url = request.url().to_string();
                    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
                    let req = Request {
                        method: request.method().as_str().to_uppercase(),
                        path: path.to_string(),
                        query: query.to_string(),
                        headers: request.headers().iter().map(|h| (h.field.to_string(), h.value.to_string())).collect(),
                    };
                    let mut sink = Vec::new();
                    let _ = request.as_reader().take(1 << 16).read_to_end(&mut sink);
                    let resp =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| respond(&shared.0, &shared.1, &req)))
                            .unwrap_or_else(|_| http::error(500, "internal", "the request could not be answered"));
                    let mut out =
                        tiny_http::Response::from_data(if req.method == "HEAD" { Vec::new() } else { resp.body })
                            .with_status_code(resp.status);
                    for (k, v) in resp.headers {
                        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                            out.add_header(h);
                        }
                    }
                    let _ = request.respond(out);
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    std::process::ExitCode::SUCCESS
}
