//! A running `edge-serve` picks up a newly published index version, and keeps serving the one
//! it has when the next is corrupted, truncated or of another format — with the reason logged,
//! and every request answered meanwhile.
//!
//! v1 is 300 sample records; v2 adds the 250 real published notices (so a notice's id and
//! title are found only from v2 on); the broken versions add 100 more sample records and are
//! damaged after the build, then published the way the builder publishes (the old directory
//! renamed away and removed, the new one renamed in), so v2's files are gone from disk while
//! it is still being served.

use gongkai_tests::{build_dir, build_index, encode, gongkai_sample, hit_field, root, EdgeServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The first real notice: its id and title.
fn real_notice() -> (String, String) {
    let path = root().join("tests/fixtures/real-notices/records.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let first: Value = serde_json::from_str(text.lines().next().expect("a first record")).expect("JSON");
    (first["id"].as_str().expect("id").to_string(), first["title"].as_str().expect("title").to_string())
}

/// Writes the concatenation of JSONL files to `out`.
fn concat(parts: &[&Path], out: &Path) {
    let mut all = Vec::new();
    for p in parts {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        all.extend_from_slice(&bytes);
        if !all.ends_with(b"\n") {
            all.push(b'\n');
        }
    }
    std::fs::write(out, all).expect("write corpus");
}

/// A sample corpus of `count` records from `seed`, at `out`.
fn sample(count: u32, seed: u32, out: &Path) {
    let (ok, err) =
        gongkai_sample(&["--count", &count.to_string(), "--seed", &seed.to_string(), "--out", out.to_str().unwrap()]);
    assert!(ok, "gongkai-sample: {err}");
}

/// Prefixes every record id of a JSONL file (sample corpora of different seeds share ids).
fn prefix_ids(path: &Path, prefix: &str) {
    let text = std::fs::read_to_string(path).expect("corpus");
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut record: Value = serde_json::from_str(line).expect("a JSON record");
        record["id"] = Value::from(format!("{prefix}{}", record["id"].as_str().expect("id")));
        out.push_str(&record.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

/// Copies a bundle directory (flat files and one level of subdirectories, as bundles are).
fn copy_bundle(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &dest).expect("copy");
    }
}

/// Every file under a directory.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Publishes `staged` as `out` the way index-builder does: the old version renamed away, the
/// new one renamed in, the old one removed.
fn publish(staged: &Path, out: &Path) {
    let old = out.with_extension("old");
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(out, &old).expect("rename the old version away");
    std::fs::rename(staged, out).expect("rename the new version in");
    std::fs::remove_dir_all(&old).expect("remove the old version");
}

/// The `index_version` and `doc_count` written in a bundle's manifest.
fn version_of(bundle: &Path) -> (String, u64) {
    let m: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("manifest.json")).expect("manifest")).expect("JSON");
    (m["index_version"].as_str().expect("index_version").to_string(), m["doc_count"].as_u64().expect("doc_count"))
}

/// Waits until `/v1/meta` reports `version`.
fn wait_for_version(server: &EdgeServer, version: &str, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let (_, meta) = server.get("/v1/meta");
        if meta["index_version"] == version {
            return;
        }
        assert!(Instant::now() < deadline, "edge-serve still serves {} instead of {version}", meta["index_version"]);
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until the log holds `refusals` lines saying a version was refused; returns the last.
fn wait_for_refusal(log: &Path, refusals: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| l.contains("new index version refused")).collect();
        if lines.len() >= refusals {
            return lines[refusals - 1].to_string();
        }
        assert!(Instant::now() < deadline, "no refusal #{refusals} logged; the log:\n{text}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// What v2 answers, asserted while v2 is served: its document count, the real notice by id
/// (from a document shard) and by its title.
fn assert_serves_v2(server: &EdgeServer, v2: &str, docs: u64, id: &str, title: &str) {
    let (_, meta) = server.get("/v1/meta");
    assert_eq!(meta["index_version"], v2);
    assert_eq!(meta["doc_count"], docs);
    let (status, doc) = server.get(&format!("/v1/doc/{}", encode(id)));
    assert_eq!(status, 200, "{doc}");
    assert_eq!(doc["title"], title, "{doc}");
    assert!(doc["body"].as_str().is_some_and(|b| !b.is_empty()), "{doc}");
    let found = server.search(&format!("q={}&size=10", encode(title)));
    assert!(hit_field(&found, "id").contains(&id.to_string()), "{title} not found: {found}");
}

/// Damages a bundle directory in place.
type Damage = fn(&Path);

fn change_a_chunk_of_the_largest_index_file(bundle: &Path) {
    let largest =
        walk(&bundle.join("index")).into_iter().max_by_key(|p| p.metadata().map(|m| m.len()).unwrap_or(0)).unwrap();
    let mut bytes = std::fs::read(&largest).unwrap();
    let (mid, len) = (bytes.len() / 2, bytes.len());
    for b in &mut bytes[mid..(mid + 4096).min(len)] {
        *b ^= 0x5a;
    }
    std::fs::write(&largest, bytes).unwrap();
}

fn change_a_document_shard(bundle: &Path) {
    let shard = bundle.join("docs/docs-0000.bin");
    let mut bytes = std::fs::read(&shard).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    std::fs::write(&shard, bytes).unwrap();
}

fn truncate_an_index_file(bundle: &Path) {
    let largest =
        walk(&bundle.join("index")).into_iter().max_by_key(|p| p.metadata().map(|m| m.len()).unwrap_or(0)).unwrap();
    let bytes = std::fs::read(&largest).unwrap();
    std::fs::write(&largest, &bytes[..bytes.len() / 2]).unwrap();
}

fn remove_the_last_document_shard(bundle: &Path) {
    let last = walk(&bundle.join("docs")).pop().unwrap();
    std::fs::remove_file(last).unwrap();
}

fn another_format_version(bundle: &Path) {
    let path = bundle.join("manifest.json");
    let mut m: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    m["format"] = Value::from("gongkai-bundle/999");
    std::fs::write(&path, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
}

fn truncate_the_manifest(bundle: &Path) {
    let path = bundle.join("manifest.json");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
}

#[test]
fn a_new_version_is_served_and_a_broken_one_is_refused_while_the_old_one_keeps_serving() {
    let dir = build_dir().join("reload");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (id, title) = real_notice();
    let (v1_corpus, more, v2_corpus, v3_corpus, v4_corpus) = (
        dir.join("v1.jsonl"),
        dir.join("more.jsonl"),
        dir.join("v2.jsonl"),
        dir.join("v3.jsonl"),
        dir.join("v4.jsonl"),
    );
    sample(300, 7, &v1_corpus);
    sample(100, 9, &more);
    prefix_ids(&more, "more-");
    let notices = root().join("tests/fixtures/real-notices/records.jsonl");
    concat(&[&v1_corpus, &notices], &v2_corpus);
    concat(&[&v2_corpus, &more], &v3_corpus);
    concat(&[&v1_corpus, &more], &v4_corpus);
    let index = dir.join("index");
    build_index(&v1_corpus, &index);
    let (v1, v1_docs) = version_of(&index);
    assert_eq!(v1_docs, 300);

    let log = dir.join("edge-serve.log");
    let server = EdgeServer::start_logged(&index, &["--reload-secs", "1"], &log);
    let (_, meta) = server.get("/v1/meta");
    assert_eq!(meta["index_version"], v1.as_str());
    assert_eq!(meta["doc_count"], 300);
    let (status, _) = server.get(&format!("/v1/doc/{}", encode(&id)));
    assert_eq!(status, 404, "the real notice is not in v1");
    let found = server.search(&format!("q={}&size=10", encode(&title)));
    assert!(!hit_field(&found, "id").contains(&id), "v1 has no real notice");

    // Requests all along: every one answered 200, from whichever whole version is served.
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let base = server.base.clone();
    let load = {
        let (stop, answered) = (Arc::clone(&stop), Arc::clone(&answered));
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                for q in ["公租房", "国有建设用地使用权 出让", "中标候选人公示"] {
                    let url = format!("{base}/v1/search?q={}&size=10", encode(q));
                    match ureq::get(&url).call() {
                        Ok(r) if r.status() == 200 => {
                            let body: Value =
                                serde_json::from_str(&r.into_string().unwrap_or_default()).unwrap_or(Value::Null);
                            if body["hits"].as_array().is_none_or(|h| h.is_empty()) {
                                failures.push(format!("{q}: no hits: {body}"));
                            }
                        }
                        Ok(r) => failures.push(format!("{q}: {}", r.status())),
                        Err(e) => failures.push(format!("{q}: {e}")),
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            }
            failures
        })
    };

    // A good v2, published by the builder itself: answers change.
    build_index(&v2_corpus, &index);
    let (v2, v2_docs) = version_of(&index);
    assert_ne!(v1, v2);
    // Most real notices are accepted (some are rejected by validation: outside the catalog).
    assert!(v2_docs > 300 + 150, "{v2_docs}");
    wait_for_version(&server, &v2, Duration::from_secs(20));
    assert_serves_v2(&server, &v2, v2_docs, &id, &title);

    // Broken versions: each refused with its reason, v2 still served whole, although its files
    // were removed from disk by the first of these publications.
    let staged = dir.join("v3-built");
    build_index(&v3_corpus, &staged);
    let cases: [(Damage, &str); 6] = [
        (change_a_chunk_of_the_largest_index_file, "is corrupt at chunk"),
        (change_a_document_shard, "bundle file `docs/docs-0000.bin` is corrupt"),
        (truncate_an_index_file, "truncated or replaced after publication"),
        (remove_the_last_document_shard, "is missing"),
        (another_format_version, "is of format `gongkai-bundle/999`"),
        (truncate_the_manifest, "manifest.json is not a"),
    ];
    for (n, (damage, reason)) in cases.iter().enumerate() {
        let broken = dir.join("v3-broken");
        copy_bundle(&staged, &broken);
        damage(&broken);
        publish(&broken, &index);
        let line = wait_for_refusal(&log, n + 1);
        assert!(line.contains(reason), "case {n}: the log says `{line}`, expected `{reason}`");
        assert!(line.contains(&format!("still serving index {v2}")), "case {n}: {line}");
        assert_serves_v2(&server, &v2, v2_docs, &id, &title);
    }

    // The next good version is taken again: v4 has no real notices.
    build_index(&v4_corpus, &index);
    let (v4, v4_docs) = version_of(&index);
    assert_eq!(v4_docs, 400);
    wait_for_version(&server, &v4, Duration::from_secs(20));
    let (_, meta) = server.get("/v1/meta");
    assert_eq!(meta["doc_count"], 400);
    let (status, _) = server.get(&format!("/v1/doc/{}", encode(&id)));
    assert_eq!(status, 404, "the real notice is gone with v4");

    stop.store(true, Ordering::Relaxed);
    let failures = load.join().expect("the request thread");
    assert!(failures.is_empty(), "requests failed during reloads: {failures:?}");
    assert!(answered.load(Ordering::Relaxed) > 20, "too few requests were made to mean anything");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains(&format!("(index {v2}, was {v1})")), "{text}");
    assert!(text.contains(&format!("(index {v4}, was {v2})")), "{text}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sighup_reloads_when_polling_is_off() {
    let dir = build_dir().join("reload-sighup");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (v1_corpus, v2_corpus) = (dir.join("v1.jsonl"), dir.join("v2.jsonl"));
    sample(200, 3, &v1_corpus);
    concat(&[&v1_corpus, &root().join("tests/fixtures/real-notices/records.jsonl")], &v2_corpus);
    let index = dir.join("index");
    build_index(&v1_corpus, &index);
    let (v1, _) = version_of(&index);
    let log = dir.join("edge-serve.log");
    let server = EdgeServer::start_logged(&index, &["--reload-secs", "0"], &log);
    build_index(&v2_corpus, &index);
    let (v2, v2_docs) = version_of(&index);
    // Not polled: v1 (whose files are gone) goes on answering, documents included.
    std::thread::sleep(Duration::from_secs(3));
    let (_, meta) = server.get("/v1/meta");
    assert_eq!(meta["index_version"], v1.as_str(), "reloaded without SIGHUP");
    let hits = server.search(&format!("q={}", encode("保障性住房")));
    assert!(hits["hits"].as_array().is_some_and(|h| !h.is_empty()), "{hits}");
    let status = std::process::Command::new("kill").args(["-HUP", &server.pid().to_string()]).status().unwrap();
    assert!(status.success());
    wait_for_version(&server, &v2, Duration::from_secs(20));
    let (_, meta) = server.get("/v1/meta");
    assert_eq!(meta["doc_count"], v2_docs);
    assert!(v2_docs > 200);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
