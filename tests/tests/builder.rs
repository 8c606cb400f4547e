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

/// GETs `path` from the edge handler over the bundle `index` (in process); (status, JSON).
fn local_get(edge: &edge::native::LocalEdge, path: &str) -> (u16, Value) {
    let resp = edge.get(path);
    let body = serde_json::from_slice(&resp.body).unwrap_or_else(|e| panic!("{path}: not JSON: {e}"));
    (resp.status, body)
}

fn open_edge(index: &Path) -> edge::native::LocalEdge {
    edge::native::LocalEdge::open(index, edge::Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Ids of the hits of a search for `q` (first 50).
fn hit_ids(edge: &edge::native::LocalEdge, q: &str) -> Vec<String> {
    let (status, body) = local_get(edge, &format!("/v1/search?q={}&size=50", gongkai_tests::encode(q)));
    assert_eq!(status, 200, "{q}: {body}");
    gongkai_tests::hit_field(&body, "id")
}

/// The sample corpus of `n` records (seed 7), as JSON lines.
fn sample_lines(dir: &Path, n: usize) -> Vec<String> {
    let path = dir.join("sample.jsonl");
    let (ok, err) = gongkai_sample(&["--count", &n.to_string(), "--seed", "7", "--out", path.to_str().unwrap()]);
    assert!(ok, "{err}");
    std::fs::read_to_string(&path).unwrap().lines().map(str::to_string).collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// An index built from the first `base` of `base + new` sample records, and an update: the
/// other `new` records, one record replaced (变更, new title), one withdrawn by a `withdrawn` item and
/// one by the --withdraw list. Returns (dir, index, update input, withdraw list, the ids
/// and titles involved).
struct UpdateCase {
    dir: PathBuf,
    index: PathBuf,
    input: PathBuf,
    withdraw: PathBuf,
    replaced: (String, String, String),
    withdrawn: [(String, String); 2],
    added: (String, String),
}

fn update_case(name: &str, base: usize, new: usize) -> UpdateCase {
    let dir = fresh(name);
    let lines = sample_lines(&dir, base + new);
    let records: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let base_path = dir.join("base.jsonl");
    write_lines(&base_path, &lines[..base]);
    let index = dir.join("index");
    gongkai_tests::build_index(&base_path, &index);
    let field = |i: usize, f: &str| records[i][f].as_str().unwrap().to_string();
    // A procurement record gets a new title: a correction notice (更正公告) of another project.
    let r = (0..base).find(|&i| records[i]["domain"] == "procurement").unwrap();
    let new_title = "关于溧水区永阳街道农贸市场智慧化改造项目的更正公告".to_string();
    let mut changed = records[r].clone();
    changed["title"] = Value::String(new_title.clone());
    let (w1, w2) = (base * 3 / 4, base * 4 / 5);
    let mut input: Vec<String> = lines[base..].to_vec();
    input.insert(new / 2, changed.to_string());
    input.push(serde_json::json!({"id": field(w1, "id"), "withdrawn": true}).to_string());
    let update = dir.join("update.jsonl");
    write_lines(&update, &input);
    let withdraw = dir.join("withdraw.txt");
    std::fs::write(&withdraw, format!("# withdrawn by the publisher\n{}\n", field(w2, "id"))).unwrap();
    UpdateCase {
        dir,
        index,
        input: update,
        withdraw,
        replaced: (field(r, "id"), field(r, "title"), new_title),
        withdrawn: [(field(w1, "id"), field(w1, "title")), (field(w2, "id"), field(w2, "title"))],
        added: (field(base + new * 3 / 4, "id"), field(base + new * 3 / 4, "title")),
    }
}

fn run_update(case: &UpdateCase, extra: &[&str]) -> (bool, String) {
    let mut args = vec![
        "update",
        "--index",
        case.index.to_str().unwrap(),
        "--input",
        case.input.to_str().unwrap(),
        "--withdraw",
        case.withdraw.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    index_builder(&args)
}

#[test]
fn an_update_adds_replaces_and_withdraws_records_as_a_new_index_version() {
    let case = update_case("update", 2000, 400);
    let before = open_edge(&case.index);
    let (_, meta) = local_get(&before, "/v1/meta");
    assert_eq!(meta["doc_count"], 2000);
    let (id, old_title, new_title) = &case.replaced;
    assert!(hit_ids(&before, old_title).contains(id), "the record to replace is found by its title before");
    assert!(!hit_ids(&before, &case.added.1).contains(&case.added.0));
    for (wid, title) in &case.withdrawn {
        assert!(hit_ids(&before, title).contains(wid));
    }
    drop(before);

    let (ok, stderr) = run_update(&case, &[]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("400 added, 1 replaced, 2 withdrawn"), "{stderr}");
    let edge = open_edge(&case.index);
    let (_, meta2) = local_get(&edge, "/v1/meta");
    assert_eq!(meta2["doc_count"], 2398, "2,000 + 400 new − 2 withdrawn");
    assert_ne!(meta2["index_version"], meta["index_version"]);
    // The replaced record: its new title finds it, the old title's exact words do not show it.
    let (status, doc) = local_get(&edge, &format!("/v1/doc/{id}"));
    assert_eq!(status, 200);
    assert_eq!(doc["title"].as_str(), Some(new_title.as_str()));
    let (_, found) =
        local_get(&edge, &format!("/v1/search?q={}&size=5", gongkai_tests::encode("永阳街道农贸市场智慧化改造")));
    assert_eq!(gongkai_tests::hit_field(&found, "id").first(), Some(id), "{found}");
    let (_, old) = local_get(&edge, &format!("/v1/search?q={}&size=50", gongkai_tests::encode(old_title)));
    assert!(!gongkai_tests::titles(&old).contains(old_title), "the old title is gone: {old}");
    // The withdrawn records are gone, by id and by title.
    for (wid, title) in &case.withdrawn {
        assert_eq!(local_get(&edge, &format!("/v1/doc/{wid}")).0, 404, "{wid}");
        assert!(!hit_ids(&edge, title).contains(wid), "{wid} withdrawn");
    }
    // Their text has left the published files too: no document shard holds a withdrawn
    // record, and only one the replaced record (its new version).
    let shards: Vec<Vec<u8>> = std::fs::read_dir(case.index.join("docs"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let held = |id: &str| {
        let needle = format!("\"id\":\"{id}\"");
        shards.iter().map(|b| b.windows(needle.len()).filter(|w| *w == needle.as_bytes()).count()).sum::<usize>()
    };
    for (wid, _) in &case.withdrawn {
        assert_eq!(held(wid), 0, "{wid} is still in a shard");
    }
    assert_eq!(held(id), 1);
    assert_eq!(held(&case.added.0), 1);
    // A new record is found by its title and served with its body.
    assert!(hit_ids(&edge, &case.added.1).contains(&case.added.0));
    assert_eq!(local_get(&edge, &format!("/v1/doc/{}", case.added.0)).0, 200);
    // Totals: a filter over the whole index counts 2,398 records; the report agrees.
    let r = report(&case.index);
    assert_eq!(r["doc_count"], 2398);
    assert_eq!(r["by_domain"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum::<u64>(), 2398, "{r}");
    assert_eq!(r["update"]["added"], 400);
    assert_eq!(r["update"]["replaced"], 1);
    assert_eq!(r["update"]["withdrawn"], 2);
    assert_eq!(r["update"]["from_version"], meta["index_version"]);
    // The same update again: every record is now a replacement, the withdrawals find nothing.
    let (ok, stderr) = run_update(&case, &[]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("0 added, 401 replaced, 0 withdrawn (2 not in the index)"), "{stderr}");
    // --merge: fewer segments, the same answers.
    let segments = |r: &Value| r["update"]["segments"].as_u64().unwrap();
    let unmerged = segments(&report(&case.index));
    let (ok, stderr) = index_builder(&["update", "--index", case.index.to_str().unwrap(), "--merge", "--quiet"]);
    assert!(ok, "{stderr}");
    let merged = report(&case.index);
    assert!(segments(&merged) < unmerged, "{unmerged} segments before, {merged}");
    assert_eq!(merged["doc_count"], 2398);
    let edge = open_edge(&case.index);
    assert_eq!(local_get(&edge, "/v1/meta").1["doc_count"], 2398);
    assert_eq!(local_get(&edge, &format!("/v1/doc/{id}")).1["title"].as_str(), Some(new_title.as_str()));
    assert_eq!(local_get(&edge, &format!("/v1/doc/{}", case.withdrawn[0].0)).0, 404);
    // Nothing is left next to the index.
    let leftovers: Vec<_> = std::fs::read_dir(&case.dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&case.dir);
}

#[test]
fn an_update_of_a_corrupt_index_or_with_bad_options_is_refused_and_changes_nothing() {
    let case = update_case("update-refused", 2000, 400);
    let manifest = std::fs::read(case.index.join("manifest.json")).unwrap();
    // Nothing to do.
    let (ok, stderr) = index_builder(&["update", "--index", case.index.to_str().unwrap()]);
    assert!(!ok && stderr.contains("--input") && stderr.contains("nothing to do"), "{stderr}");
    // A tantivy file changed after publication: named, and the update refused.
    let m: Value = serde_json::from_slice(&manifest).unwrap();
    let part = m["index_files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["parts"].as_array().unwrap())
        .map(|p| p.as_str().unwrap())
        .find(|p| p.ends_with(".term"))
        .unwrap()
        .to_string();
    let path = case.index.join(&part);
    let good = std::fs::read(&path).unwrap();
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0x55;
    std::fs::write(&path, &bad).unwrap();
    let (ok, stderr) = run_update(&case, &[]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains(&part) && stderr.contains("corrupt"), "{stderr}");
    assert_eq!(std::fs::read(case.index.join("manifest.json")).unwrap(), manifest);
    std::fs::write(&path, &good).unwrap();
    // A bad record with --strict: refused, named, nothing changed.
    let bad_input = case.dir.join("bad.jsonl");
    std::fs::write(&bad_input, "{\"id\":\"x-1\",\"title\":\"南京市某公告\",\"domain\":\"land\",\"region_code\":\"999999\",\"published_at\":\"2025-01-02\"}\n{\"withdrawn\":true}\n").unwrap();
    let (ok, stderr) = index_builder(&[
        "update",
        "--index",
        case.index.to_str().unwrap(),
        "--input",
        bad_input.to_str().unwrap(),
        "--strict",
        "--quiet",
    ]);
    assert!(
        !ok && stderr.contains("bad.jsonl:1: field `region_code`") && stderr.contains("bad.jsonl:2: field `id`"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(case.index.join("manifest.json")).unwrap(), manifest);
    assert_eq!(local_get(&open_edge(&case.index), "/v1/meta").1["doc_count"], 2000);
    let _ = std::fs::remove_dir_all(&case.dir);
}

/// What an index answers to a few fixed requests: the version it serves, to compare with.
fn answers(edge: &edge::native::LocalEdge, probes: &[String]) -> Vec<Value> {
    probes.iter().map(|p| local_get(edge, p).1).collect()
}

/// Checks every file the manifest lists against its checksum, and loads the index.
fn verify_bundle(index: &Path) -> edge::native::LocalEdge {
    let manifest = gongkai_core::bundle::Manifest::parse(&std::fs::read(index.join("manifest.json")).unwrap())
        .unwrap_or_else(|e| panic!("{e}"));
    for f in &manifest.files {
        let bytes = std::fs::read(index.join(&f.path)).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        manifest.verify(&f.path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    open_edge(index)
}

#[test]
fn the_builder_killed_at_random_points_of_builds_and_updates_leaves_the_published_index_intact() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let case = update_case("sigkill", 600, 100);
    let base = case.dir.join("base.jsonl");
    let (id, _, _) = &case.replaced;
    let probes: Vec<String> = vec![
        "/v1/meta".into(),
        format!("/v1/doc/{id}"),
        format!("/v1/doc/{}", case.withdrawn[0].0),
        format!("/v1/search?q={}&size=10", gongkai_tests::encode("永阳街道农贸市场智慧化改造")),
        format!("/v1/search?q={}&size=10", gongkai_tests::encode(&case.added.1)),
        format!("/v1/search?q={}&size=10&domain=procurement", gongkai_tests::encode("公开招标")),
    ];
    let strip = |mut v: Vec<Value>| {
        // The version and build time differ between two builds of the same records.
        v[0].as_object_mut().unwrap().retain(|k, _| k == "doc_count");
        v
    };
    // The two versions the index may serve: as built, and as updated; timed uninterrupted.
    let built = strip(answers(&open_edge(&case.index), &probes));
    let t = Instant::now();
    let (ok, stderr) = run_update(&case, &[]);
    assert!(ok, "{stderr}");
    let update_time = t.elapsed();
    let updated = strip(answers(&open_edge(&case.index), &probes));
    assert_ne!(built, updated);
    let t = Instant::now();
    gongkai_tests::build_index(&base, &case.index);
    let build_time = t.elapsed();
    assert_eq!(strip(answers(&open_edge(&case.index), &probes)), built);

    // A small deterministic generator (xorshift), seeded and printed so a failure can be rerun.
    let seed = std::env::var("GONGKAI_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7) | 1
    });
    eprintln!("kill seed {seed} (GONGKAI_KILL_SEED); update {update_time:?}, build {build_time:?} uninterrupted");
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let started = Instant::now();
    let (mut killed, mut finished, mut runs) = (0, 0, 0);
    let index = case.index.to_str().unwrap().to_string();
    let (input, withdraw) = (case.input.to_str().unwrap().to_string(), case.withdraw.to_str().unwrap().to_string());
    // At least 12 runs, then as many as fit in 25 s.
    while runs < 12 || (started.elapsed() < Duration::from_secs(25) && runs < 60) {
        runs += 1;
        let update = next() % 3 != 0;
        let args: Vec<&str> = if update {
            vec!["update", "--index", &index, "--input", &input, "--withdraw", &withdraw, "--quiet"]
        } else {
            vec!["build", "--input", base.to_str().unwrap(), "--out", &index, "--quiet"]
        };
        let span = if update { update_time } else { build_time };
        // Anywhere from the start to a little after the uninterrupted run's end.
        let at = Duration::from_micros(next() % (span.as_micros() as u64 * 11 / 10 + 1));
        let mut child = Command::new(gongkai_tests::bin("index-builder"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "{args:?} failed on its own");
                finished += 1;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
        }
        let _ = child.wait();
        // Whatever happened, the published index verifies and serves one of the two versions.
        let now = strip(answers(&verify_bundle(&case.index), &probes));
        assert!(
            now == built || now == updated,
            "run {runs} ({args:?} killed after {at:?}): the index serves neither version: {now:?}"
        );
    }
    eprintln!("{runs} runs: {killed} killed, {finished} finished in {:?}", started.elapsed());
    assert!(killed >= 6, "only {killed} of {runs} runs were killed");
    // The next run clears what the killed ones left next to the index.
    let (ok, stderr) = run_update(&case, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(strip(answers(&verify_bundle(&case.index), &probes)), updated);
    let leftovers: Vec<_> = std::fs::read_dir(&case.dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&case.dir);
}

#[test]
fn a_withdrawal_in_a_build_input_leaves_the_earlier_record_out_and_a_later_record_brings_it_back() {
    let dir = fresh("withdraw-build");
    let lines = sample_lines(&dir, 300);
    let records: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (gone, back) = (records[10]["id"].as_str().unwrap(), records[20]["id"].as_str().unwrap());
    let mut input = lines.clone();
    input.push(serde_json::json!({"id": gone, "withdrawn": true}).to_string());
    input.push(serde_json::json!({"id": back, "withdrawn": true}).to_string());
    input.push(lines[20].clone());
    input.push(serde_json::json!({"id": 7, "withdrawn": true}).to_string());
    let path = dir.join("input.jsonl");
    write_lines(&path, &input);
    let out = dir.join("index");
    let (ok, stderr) =
        index_builder(&["build", "--input", path.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("input.jsonl:304: field `id`"), "a withdrawal without a string id is rejected: {stderr}");
    let edge = open_edge(&out);
    assert_eq!(local_get(&edge, "/v1/meta").1["doc_count"], 299);
    assert_eq!(local_get(&edge, &format!("/v1/doc/{gone}")).0, 404);
    assert_eq!(local_get(&edge, &format!("/v1/doc/{back}")).0, 200);
    let title = records[10]["title"].as_str().unwrap();
    assert!(!hit_ids(&edge, title).iter().any(|i| i == gone));
    let _ = std::fs::remove_dir_all(&dir);
}
