//! The shard loop ([`edge::http::respond`]) driven as the Worker drives it (its own loader, an
//! engine whose cache starts empty) gives exactly what edge-serve gives, on a real bundle built
//! from the sample corpus; a shard that cannot be loaded is the same JSON error. Native: no
//! workerd needed.

use edge::native::LocalEdge;
use edge::{Config, Request, Response};
use gongkai_core::bundle::{sha256_hex, VerifiedFile};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future whose awaits complete at once (the loaders below never wait).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn bundle(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-worker-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("records.jsonl");
    let lines: Vec<String> =
        gongkai_sample::generate(400, 5).iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.join("index");
    index_builder::build::run(&index_builder::build::Options {
        threads: 1,
        ..index_builder::build::Options::new(input, &out)
    })
    .unwrap();
    out
}

fn get(path_and_query: &str) -> Request {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] }
}

fn worker_respond(edge: &LocalEdge, dir: &Path, req: &Request) -> Response {
    block_on(edge::http::respond(&edge.engine, req, |p| {
        let path = dir.join(&p);
        let manifest = &edge.engine.manifest;
        async move {
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            manifest.verify_file(&p, bytes).map_err(|e| e.to_string())
        }
    }))
}

#[test]
fn the_shard_loop_answers_like_edge_serve() {
    let dir = bundle("parity");
    let native = LocalEdge::open(&dir, Config::default()).unwrap();
    // A second engine with an empty shard cache, fed by the Worker's loop.
    let worker = LocalEdge::open(&dir, Config::default()).unwrap();
    let ids: Vec<String> = native.get("/v1/search?q=%E5%85%AC%E5%91%8A&size=20").json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 5);
    let mut paths = vec![
        "/v1/search?q=%E5%85%AC%E7%A7%9F%E6%88%BF".to_string(),
        "/v1/search?q=%E6%94%BF%E9%87%87&size=50".into(),
        "/v1/search?domain=land&sort=date&page=2&size=5".into(),
        "/v1/suggest?q=gong".into(),
        "/v1/meta".into(),
        "/v1/search?size=0&q=x".into(),
        "/v1/doc/nope".into(),
    ];
    paths.extend(ids.iter().map(|id| format!("/v1/doc/{id}")));
    for p in &paths {
        let (a, b) = (native.respond(&get(p)), worker_respond(&worker, &dir, &get(p)));
        assert_eq!(a.status, b.status, "{p}");
        assert_eq!(a.headers, b.headers, "{p}");
        assert_eq!(String::from_utf8_lossy(&a.body), String::from_utf8_lossy(&b.body), "{p}");
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_shard_that_cannot_be_loaded_is_a_json_error() {
    let dir = bundle("errors");
    let edge = LocalEdge::open(&dir, Config::default()).unwrap();
    let resp = block_on(edge::http::respond(&edge.engine, &get("/v1/search?q=%E5%85%AC%E5%91%8A"), |_| async {
        Err::<VerifiedFile, _>("R2 object INDEX_BUCKET:_index/docs/docs-0000.bin does not exist".to_string())
    }));
    assert_eq!(resp.status, 500);
    assert_eq!(resp.json()["error"]["code"], "bundle_unreadable");
    // Bytes that do not match the manifest are refused too, whoever hashed them.
    let manifest = &edge.engine.manifest;
    let resp = block_on(edge::http::respond(&edge.engine, &get("/v1/search?q=%E5%85%AC%E5%91%8A"), |p| async move {
        manifest
            .verify_file_with_digest(&p, b"GKD1 not a shard".to_vec(), &sha256_hex(b"GKD1 not a shard"))
            .map_err(|e| e.to_string())
    }));
    assert_eq!(resp.status, 500);
    assert!(resp.json()["error"]["message"].as_str().unwrap().contains("sha256"));
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn the_smallest_shard_cache_still_completes_every_page() {
    let dir = bundle("small-cache");
    let native = LocalEdge::open(&dir, Config::default()).unwrap();
    // A 1-byte cache keeps nothing between requests, and drops each shard as the next is
    // loaded: a page whose hits span many shards still completes, from the shards the request
    // holds for itself, and answers exactly like edge-serve.
    let worker = LocalEdge::open(&dir, Config { shard_cache_bytes: 1, ..Config::default() }).unwrap();
    let pages = [
        "/v1/search?q=%E5%85%AC%E5%91%8A&size=50",
        "/v1/search?q=%E5%85%AC%E5%91%8A&size=50&page=2",
        "/v1/search?domain=land&size=50&sort=date",
        "/v1/search?q=%E8%8B%8F%E5%B7%9E&size=50",
        "/v1/search?q=%E5%85%AC%E5%91%8A&size=50",
    ];
    for p in pages {
        let (a, b) = (native.respond(&get(p)), worker_respond(&worker, &dir, &get(p)));
        assert_eq!(b.status, 200, "{p}: {}", String::from_utf8_lossy(&b.body));
        assert_eq!(String::from_utf8_lossy(&a.body), String::from_utf8_lossy(&b.body), "{p}");
    }
    assert!(worker.engine.manifest.doc_shards.len() > 1, "the sample must span several shards");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}
