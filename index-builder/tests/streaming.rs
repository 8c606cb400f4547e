//! The streaming build (issue #12): 变更 without holding the records, a corpus larger than the
//! indexing memory flushed into several segments and merged (the 1,000,000-record failure),
//! and options out of range refused by name.

use edge::native::LocalEdge;
use edge::Config;
use index_builder::build::{self, BuildError, Options};
use serde_json::{json, Value};
use std::path::PathBuf;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gongkai-streaming-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const TOWNS: &[(&str, &str)] =
    &[("320115", "江宁区"), ("320583", "昆山市"), ("320481", "溧阳市"), ("321183", "句容市")];

/// A land-supply notice, different for every `i`.
fn parcel(i: usize, title_suffix: &str) -> Value {
    let (code, town) = TOWNS[i % TOWNS.len()];
    json!({
        "id": format!("land-{code}-{i:05}"),
        "title": format!("{town}2026-G{i:04}号地块国有建设用地使用权挂牌出让公告{title_suffix}"),
        "body": format!(
            "经{town}人民政府批准，{town}自然资源和规划局决定以挂牌方式出让2026-G{i:04}号地块国有建设用地使用权。\
             出让面积{}平方米，土地用途为{}，出让年限{}年。竞买保证金{}万元。",
            3000 + i * 7 % 90_000,
            ["城镇住宅用地", "工业用地", "商务金融用地"][i % 3],
            [70, 50, 40][i % 3],
            200 + i % 800
        ),
        "domain": "land",
        "catalog_item": "T09",
        "region_code": code,
        "publisher": format!("{town}自然资源和规划局"),
        "published_at": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        "project_code": format!("2026-G{i:04}"),
        "amount_yuan": 1_000_000.0 + i as f64 * 1000.0,
    })
}

fn write_jsonl(path: &std::path::Path, records: &[Value]) {
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_later_record_replaces_an_earlier_one_and_an_invalid_later_one_does_not() {
    let d = dir("change");
    let mut records: Vec<Value> = (0..40).map(|i| parcel(i, "")).collect();
    // 变更: parcel 3 is corrected later in the file, parcel 5 twice.
    records.push(parcel(3, "（变更）"));
    records.push(parcel(5, "（第一次变更）"));
    records.push(parcel(5, "（第二次变更）"));
    // A later record for parcel 7 whose region is no division does not replace the good one.
    let mut bad = parcel(7, "（变更）");
    bad["region_code"] = "999999".into();
    records.push(bad);
    let input = d.join("land.jsonl");
    write_jsonl(&input, &records);
    let out = d.join("index");
    let report = build::run(&Options { threads: 1, ..Options::new(&input, &out) }).unwrap();
    assert_eq!((report.doc_count, report.replaced, report.records_read), (40, 3, 44));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!((report.rejected[0].line, report.rejected[0].field.as_str()), (44, "region_code"));
    let edge = LocalEdge::open(&out, Config::default()).unwrap();
    let title = |id: &str| edge.get(&format!("/v1/doc/{id}")).json()["title"].as_str().unwrap_or("").to_string();
    assert!(title("land-321183-00003").ends_with("（变更）"), "{}", title("land-321183-00003"));
    assert!(title("land-320583-00005").ends_with("（第二次变更）"));
    assert!(title("land-321183-00007").ends_with("出让公告"), "the invalid change must not replace it");
    // The report counts each record once, as it was last published.
    assert_eq!(report.by_region["320481"], 10);
}

#[test]
fn a_corpus_larger_than_the_indexing_memory_is_flushed_into_segments_and_merged() {
    let d = dir("segments");
    // Long bodies fill the smallest indexing budget several times over.
    let records: Vec<Value> = (0..2500)
        .map(|i| {
            let mut r = parcel(i, "");
            let body = r["body"].as_str().unwrap().repeat(8);
            r["body"] = body.into();
            r
        })
        .collect();
    let input = d.join("land.jsonl");
    write_jsonl(&input, &records);
    let out = d.join("index");
    // 15 MB per thread, the least tantivy takes: several segments, merged into one without
    // background merges racing the explicit one.
    let report = build::run(&Options { threads: 1, memory_mb: 15, ..Options::new(&input, &out) }).unwrap();
    assert_eq!(report.doc_count, 2500);
    let manifest: Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let mut segments: Vec<&str> = manifest["index_files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .filter(|n| n.contains('.') && !n.ends_with(".json") && *n != gongkai_core::projects::FILE_NAME)
        .filter_map(|n| n.split('.').next())
        .collect();
    segments.dedup();
    assert_eq!(segments.len(), 1, "{segments:?}");
    let edge = LocalEdge::open(&out, Config::default()).unwrap();
    for i in (0..2500).step_by(250) {
        let resp = edge.get(&format!("/v1/search?q=2026-G{i:04}")).json();
        assert_eq!(resp["hits"][0]["project_code"], format!("2026-G{i:04}"), "{resp}");
    }
}

#[test]
fn too_little_indexing_memory_is_refused_by_name_and_the_old_index_kept() {
    let d = dir("memory");
    let input = d.join("land.jsonl");
    write_jsonl(&input, &(0..5).map(|i| parcel(i, "")).collect::<Vec<_>>());
    let out = d.join("index");
    build::run(&Options { threads: 1, ..Options::new(&input, &out) }).unwrap();
    let before = std::fs::read(out.join("manifest.json")).unwrap();
    match build::run(&Options { threads: 2, memory_mb: 20, ..Options::new(&input, &out) }) {
        Err(e @ BuildError::BadOption { name: "memory-mb", .. }) => {
            assert!(e.to_string().contains("30 MB for 2"), "{e}")
        }
        other => panic!("expected a refusal, got {:?}", other.map(|r| r.doc_count)),
    }
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), before);
}
