//! The `index-builder` command on realistic inputs: validation, 变更, formats, late
//! disclosures, strict mode and atomic publishing.

use gongkai_tests::{build_dir, gongkai_sample, index_builder, root, EdgeServer};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    root().join("tests/fixtures").join(name).to_string_lossy().into_owned()
}

fn fresh(name: &str) -> PathBuf {
    let dir = build_dir().join("builder").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh directory `name` with the CSV fixture built into `name/index`; returns
/// `(directory, index)`.
fn built_fixture(name: &str) -> (PathBuf, PathBuf) {
    let dir = fresh(name);
    let out = dir.join("index");
    let (ok, _) =
        index_builder(&["build", "--input", &fixture("records.csv"), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok);
    (dir, out)
}

fn report(index: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(index.join("report.json")).unwrap()).unwrap()
}

#[test]
fn bad_records_are_reported_with_line_field_and_reason_and_good_ones_indexed() {
    let out = fresh("mixed").join("index");
    let (ok, stderr) =
        index_builder(&["build", "--input", &fixture("mixed.jsonl"), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{stderr}");
    let r = report(&out);
    assert_eq!(r["doc_count"], 2, "{r}");
    assert_eq!(r["replaced"], 1);
    let rejected = r["rejected"].as_array().unwrap();
    let find = |line: u64| rejected.iter().find(|x| x["line"] == line).unwrap_or_else(|| panic!("line {line}: {r}"));
    assert_eq!(find(3)["field"], "region_code");
    assert_eq!(find(4)["field"], "catalog_item");
    assert!(find(4)["reason"].as_str().unwrap().contains("land"));
    assert_eq!(find(5)["field"], "record");
    assert!(stderr.contains("mixed.jsonl:3: field `region_code`"), "{stderr}");
    // 9 working days across National Day 2024 for a penalty (limit 7).
    let late = r["late"].as_array().unwrap();
    assert_eq!(late.len(), 1, "{r}");
    assert_eq!(
        (late[0]["id"].as_str(), late[0]["working_days"].as_u64(), late[0]["limit"].as_u64()),
        (Some("late-penalty"), Some(9), Some(7))
    );
    // The later record with the same id replaced the earlier one.
    let edge = EdgeServer::start(&out, &[]);
    let (status, doc) = edge.get("/v1/doc/nj-zc-001");
    assert_eq!(status, 200);
    assert!(doc["title"].as_str().unwrap().ends_with("（更正）"), "{doc}");
}

#[test]
fn csv_and_html_inputs_are_read_from_a_directory() {
    let dir = fresh("formats");
    let input = dir.join("input");
    std::fs::create_dir_all(input.join("html")).unwrap();
    std::fs::copy(fixture("records.csv"), input.join("records.csv")).unwrap();
    std::fs::copy(fixture("html/notice.html"), input.join("html/notice.html")).unwrap();
    let out = dir.join("index");
    let (ok, stderr) =
        index_builder(&["build", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{stderr}");
    let r = report(&out);
    assert_eq!(r["doc_count"], 3, "{r}");
    let rejected = r["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0]["line"].as_u64(), rejected[0]["field"].as_str()), (Some(4), Some("published_at")));
    let edge = EdgeServer::start(&out, &[]);
    let resp = edge.search("q=%E4%BF%9D%E7%A7%9F%E6%88%BF"); // 保租房
    let hit = &resp["hits"][0];
    assert_eq!(hit["title"], "无锡市梁溪区保障性租赁住房项目施工招标公告", "{resp}");
    assert_eq!(hit["source"], "无锡市公共资源交易中心");
    assert_eq!(hit["published_at"], "2026-05-06");
    assert!(!hit["snippet"].as_str().unwrap().contains("脚本"), "scripts are not content");
    // CSV entities split on `;`.
    let resp = edge.search("q=%E6%9D%8E%E5%9B%9B"); // 李四
    assert_eq!(resp["hits"][0]["entities"], serde_json::json!(["张三", "李四"]));
}

#[test]
fn a_failed_build_leaves_the_existing_index_exactly_as_it_was() {
    let (dir, out) = built_fixture("atomic");
    let snapshot = |p: &PathBuf| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![p.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push((path.to_string_lossy().into_owned(), std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let before = snapshot(&out);
    // --strict with a rejected record fails and names it.
    let (ok, stderr) = index_builder(&[
        "build",
        "--input",
        &fixture("mixed.jsonl"),
        "--out",
        out.to_str().unwrap(),
        "--strict",
        "--quiet",
    ]);
    assert!(!ok);
    assert!(stderr.contains("--strict") && stderr.contains("region_code"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    // An input with no valid record fails too.
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "{\"id\": 1}\n").unwrap();
    let (ok, stderr) =
        index_builder(&["build", "--input", empty.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(!ok && stderr.contains("no valid records"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    // A missing input is a clear error.
    let (ok, stderr) =
        index_builder(&["build", "--input", "/nonexistent/records.jsonl", "--out", out.to_str().unwrap()]);
    assert!(!ok && stderr.contains("cannot read"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    // No temporary directories are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bundle_files_are_checksummed_and_a_corrupt_bundle_is_refused() {
    let (_, out) = built_fixture("corrupt");
    let manifest: Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], gongkai_core::bundle::FORMAT);
    for f in manifest["files"].as_array().unwrap() {
        assert!(f["bytes"].as_u64().unwrap() <= 24 * 1024 * 1024);
        assert_eq!(f["sha256"].as_str().unwrap().len(), 64);
    }
    let lexicon = out.join("lexicon.json");
    std::fs::write(&lexicon, b"{\"words\":[],\"entities\":[]}").unwrap();
    let output = std::process::Command::new(gongkai_tests::bin("edge-serve"))
        .args(["--index", out.to_str().unwrap(), "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("lexicon.json") && stderr.contains("corrupt"), "{stderr}");
}

#[test]
fn the_analyzers_fingerprint_tells_an_index_built_by_another_version() {
    let (_, out) = built_fixture("analyzer");
    let manifest_path = out.join("manifest.json");
    let mut manifest: Value = serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let fingerprint = manifest["analyzer"].as_str().unwrap().to_string();
    assert_eq!(fingerprint.len(), 16);
    {
        let edge = EdgeServer::start(&out, &[]);
        let (_, meta) = edge.get("/v1/meta");
        assert_eq!(meta["analyzer"]["index"], fingerprint.as_str());
        assert_eq!(meta["analyzer"]["edge"], fingerprint.as_str());
        assert_eq!(meta["analyzer"]["same"], true);
    }
    // An index from a builder with other dictionaries or synonyms: still served, but said.
    manifest["analyzer"] = "0123456789abcdef".into();
    std::fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    let edge = EdgeServer::start(&out, &[]);
    let (status, meta) = edge.get("/v1/meta");
    assert_eq!(status, 200);
    assert_eq!(meta["analyzer"]["same"], false);
    assert_eq!(meta["analyzer"]["edge"], fingerprint.as_str());
}

#[test]
fn one_bad_byte_on_the_last_of_2012_lines_costs_only_that_line() {
    // Issue #13 through the command line, on the sample corpus: 2,011 good records and a last
    // line with one byte that is not UTF-8.
    let dir = fresh("utf8-last-line");
    let corpus = dir.join("sample.jsonl");
    let (ok, err) = gongkai_sample(&["--count", "2012", "--seed", "13", "--out", corpus.to_str().unwrap()]);
    assert!(ok, "{err}");
    let mut bytes = std::fs::read(&corpus).unwrap();
    let last_start = bytes[..bytes.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let last: Value = serde_json::from_slice(&bytes[last_start..]).unwrap();
    let cjk = bytes[last_start..].iter().position(|&b| b >= 0xE4).unwrap() + last_start;
    bytes[cjk + 1] = 0xFF;
    std::fs::write(&corpus, &bytes).unwrap();
    let out = dir.join("index");
    let (ok, stderr) =
        index_builder(&["build", "--input", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("sample.jsonl:2012: field `record`: the line is not valid UTF-8"), "{stderr}");
    let r = report(&out);
    assert_eq!((r["doc_count"].as_u64(), r["records_read"].as_u64()), (Some(2011), Some(2012)), "{r}");
    assert_eq!(r["rejected"].as_array().map(Vec::len), Some(1));
    // The good records are served; the broken one is not.
    let edge = EdgeServer::start(&out, &[]);
    let first: Value = serde_json::from_slice(&bytes[..bytes.iter().position(|&b| b == b'\n').unwrap()]).unwrap();
    let (status, doc) = edge.get(&format!("/v1/doc/{}", gongkai_tests::encode(first["id"].as_str().unwrap())));
    assert_eq!((status, &doc["title"]), (200, &first["title"]));
    let (status, _) = edge.get(&format!("/v1/doc/{}", gongkai_tests::encode(last["id"].as_str().unwrap())));
    assert_eq!(status, 404);
}

#[test]
fn too_little_indexing_memory_is_refused_by_its_flag() {
    let (dir, out) = built_fixture("memory-flag");
    let before = std::fs::read(out.join("manifest.json")).unwrap();
    let (ok, stderr) = index_builder(&[
        "build",
        "--input",
        &fixture("records.csv"),
        "--out",
        out.to_str().unwrap(),
        "--memory-mb",
        "10",
        "--quiet",
    ]);
    assert!(!ok && stderr.contains("--memory-mb") && stderr.contains("15 MB per indexing thread"), "{stderr}");
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), before);
    let _ = dir;
}
