//! 250 real published notices (`tests/fixtures/real-notices/`, provenance in its README), most
//! outside Jiangsu, through the real `index-builder` and `edge-serve`: every record with a GB/T
//! 2260 division code is accepted, the others are refused for what is really wrong with their
//! code, and search knows the other provinces' hierarchy — a city finds its counties' notices,
//! a province filter holds everything below it, facets roll up to cities and provinces, and a
//! Jiangsu place still works.

use gongkai_core::regions;
use gongkai_tests::{build_dir, encode, hit_field, index_builder, root, EdgeServer};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Corpus {
    /// (id, region code) of every record of the fixture, in order.
    records: Vec<(String, String)>,
    index: PathBuf,
    report: Value,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let input = root().join("tests/fixtures/real-notices/records.jsonl");
        let text = std::fs::read_to_string(&input).expect("the real notices fixture");
        let records = text
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("fixture line is JSON");
                (v["id"].as_str().unwrap_or("").to_string(), v["region_code"].as_str().unwrap_or("").to_string())
            })
            .collect();
        let index = build_dir().join("real-notices").join("index");
        let (ok, err) =
            index_builder(&["build", "--input", input.to_str().unwrap(), "--out", index.to_str().unwrap(), "--quiet"]);
        assert!(ok, "build failed: {err}");
        let report: Value =
            serde_json::from_slice(&std::fs::read(index.join("report.json")).expect("report.json")).expect("JSON");
        Corpus { records, index, report }
    })
}

/// An edge-serve on the index, stopped when the test drops it (a static one would outlive the
/// test process).
fn edge() -> EdgeServer {
    EdgeServer::start(&corpus().index, &[])
}

/// How many records of the fixture lie in (or are) a division.
fn records_within(code: u32) -> u64 {
    corpus().records.iter().filter(|(_, r)| regions::parse(r).is_some_and(|r| regions::is_within(r.code, code))).count()
        as u64
}

#[test]
fn every_record_with_a_division_code_is_accepted_and_the_others_say_why() {
    let c = corpus();
    assert_eq!(c.records.len(), 250);
    let valid = c.records.iter().filter(|(_, r)| regions::parse(r).is_some()).count();
    let rejected = c.report["rejected"].as_array().expect("rejected list");
    println!("real notices: {valid} of 250 have a GB/T 2260 code; {} rejected", rejected.len());
    assert_eq!(c.report["doc_count"].as_u64(), Some(valid as u64), "{}", c.report);
    assert!(valid >= 200, "only {valid} of 250 have a division code");
    assert_eq!(rejected.len(), 250 - valid);
    // Each refusal is the record's region code, for a reason that is really wrong with it.
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for r in rejected {
        let line = r["line"].as_u64().expect("line") as usize;
        let (id, code) = &c.records[line - 1];
        assert_eq!(r["field"], "region_code", "{r}");
        // All from the Jiangxi platform, which files notices under its own codes: 市辖区 (3601
        // + 01), development zones, 省本级 (360001), and the old codes of counties that became
        // districts or cities (360427 星子县 → 庐山市 360483, 361122 广丰县 → 广丰区 361103).
        assert!(id.starts_with("jiangxi-bid-monitor:"), "{id}");
        let reason = r["reason"].as_str().unwrap();
        assert!(reason.contains(code.as_str()), "{reason}");
        let kind = if reason.contains("市辖区") {
            "市辖区 grouping (ends in 01)"
        } else if reason.contains("development-zone") {
            "development zone (fifth digit 7)"
        } else if reason.contains("abolished, renamed or mistyped") {
            "no such division"
        } else {
            panic!("line {line}: unexpected reason {reason}")
        };
        *kinds.entry(kind).or_default() += 1;
        println!("  line {line}: {reason}");
    }
    println!("rejected by kind: {kinds:?}");
    // Counties abolished before 2023 are among them: 360427 星子县 became 庐山市 (360483).
    if let Some(at) = c.records.iter().position(|(_, r)| r == "360427") {
        assert!(rejected.iter().any(|r| r["line"] == at as u64 + 1));
    }
    assert!(c.index.join("manifest.json").is_file());
}

#[test]
fn a_city_name_finds_its_counties_notices() {
    let edge = edge();
    // 南昌 is not a Jiangsu place: it is recognised because the index holds 南昌's records.
    let resp = edge.search(&format!("q={}&size=50", encode("南昌")));
    let places = resp["understood"]["places"].as_array().unwrap();
    assert!(places.iter().any(|p| p == "南昌市"), "{}", resp["understood"]);
    let codes: Vec<u32> = hit_field(&resp, "region_code").iter().map(|c| c.parse().unwrap()).collect();
    assert!(codes.contains(&360102), "no 东湖区 notice for 南昌: {codes:?}");
    let in_nanchang = codes.iter().filter(|&&c| regions::is_within(c, 360100)).count() as u64;
    assert!(in_nanchang >= records_within(360100).min(10) * 8 / 10, "{in_nanchang} of {codes:?}");
    // The first hits are 南昌's.
    assert!(codes.iter().take(5).all(|&c| regions::is_within(c, 360100)), "{codes:?}");
    // A county's own name finds it.
    let resp = edge.search(&format!("q={}", encode("东湖区 中标候选人")));
    assert_eq!(hit_field(&resp, "region_code").first().map(String::as_str), Some("360102"), "{resp}");
}

#[test]
fn city_and_province_filters_hold_everything_below_them() {
    let edge = edge();
    for code in [360100u32, 360000] {
        let resp = edge.search(&format!("region={code}&size=50"));
        let expected = records_within(code);
        assert!(expected > 5, "{code}: {expected}");
        assert_eq!(resp["total"].as_u64(), Some(expected), "{code}");
        for c in hit_field(&resp, "region_code") {
            assert!(regions::is_within(c.parse().unwrap(), code), "{c} is not in {code}");
        }
    }
    let donghu = edge.search("region=360100&size=50");
    assert!(hit_field(&donghu, "region_code").iter().any(|c| c == "360102"), "region=360100 misses 东湖区 360102");
    // 江西省 with a word: only 江西's records.
    let resp = edge.search(&format!("q={}&region=360000&size=50", encode("施工")));
    assert!(resp["total"].as_u64().unwrap() > 0);
    assert!(hit_field(&resp, "region_code").iter().all(|c| c.starts_with("36")));
    // A code that is no division is refused, naming the parameter.
    let (status, body) = edge.get("/v1/search?q=a&region=360101");
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["param"], "region");
}

#[test]
fn facets_show_provinces_cities_and_counties() {
    let edge = edge();
    let resp = edge.search("from=2000-01-01&size=1");
    let total = resp["total"].as_u64().unwrap();
    let facets = resp["facets"]["region"].as_array().unwrap();
    let count = |code: &str| facets.iter().find(|f| f["value"] == code).and_then(|f| f["count"].as_u64());
    // Provinces hold everything below them, cities their counties.
    assert_eq!(count("360000"), Some(records_within(360000)));
    assert_eq!(count("360100"), Some(records_within(360100)));
    assert_eq!(count("320000"), Some(records_within(320000)));
    let jiangxi = facets.iter().find(|f| f["value"] == "360100").unwrap();
    assert_eq!(jiangxi["label"], "南昌市");
    assert_eq!(jiangxi["parent"], "360000");
    let donghu = facets.iter().find(|f| f["value"] == "360102").unwrap();
    assert_eq!(donghu["parent"], "360100");
    // The province rows add up to every record.
    let provinces: u64 = facets.iter().filter(|f| f["parent"].is_null()).map(|f| f["count"].as_u64().unwrap()).sum();
    assert_eq!(provinces, total);
    // Every row's parent is a row too: the hierarchy is complete.
    for f in facets {
        if let Some(p) = f["parent"].as_str() {
            assert!(facets.iter().any(|g| g["value"] == p), "{f}: parent {p} missing");
        }
    }
}

#[test]
fn a_jiangsu_place_still_works() {
    let edge = edge();
    let resp = edge.search(&format!("q={}&size=10", encode("南京")));
    let codes = hit_field(&resp, "region_code");
    assert!(!codes.is_empty());
    assert!(codes.iter().take(3).all(|c| regions::is_within(c.parse().unwrap(), 320100)), "{codes:?}");
    assert!(resp["understood"]["places"].as_array().unwrap().iter().any(|p| p == "南京市"));
    let resp = edge.search(&format!("q={}&region=320000", encode("采购")));
    assert!(resp["total"].as_u64().unwrap() > 0);
    assert!(hit_field(&resp, "region_code").iter().all(|c| c.starts_with("32")));
}
