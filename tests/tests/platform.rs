//! The platform endpoints of issue #11 over HTTP: late disclosures on hits, timeliness
//! statistics, the disclosure catalog with counts. On the 5,000-record sample corpus and on a
//! small hand-built corpus whose dates are counted by hand against the holiday notices.

use gongkai_tests::{build_dir, encode, index_builder, sample_index, EdgeServer};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

// Each test starts its own edge-serve (dropped, so killed, when the test ends; a server in a
// static would outlive the test process).
fn sample_edge() -> EdgeServer {
    EdgeServer::start(&sample_index("platform"), &[])
}

fn sample_report() -> Value {
    let path = sample_index("platform").join("report.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Records with hand-counted working days (see `core/data/cn-holidays.tsv`).
fn hand_records() -> Vec<Value> {
    let base = |id: &str, title: &str, item: &str, domain: &str, formed: &str, published: &str| {
        json!({
            "id": id, "title": title, "domain": domain, "catalog_item": item, "region_code": "320115",
            "publisher": "南京市江宁区公共资源交易中心", "formed_at": formed, "published_at": published,
            "body": format!("{title}。现将有关事项公告如下。")
        })
    };
    vec![
        // Mon 2025-03-03 → Tue 2025-04-08: Mar 4–7 (4), 10–14, 17–21, 24–28 (19), 31 (20),
        // Apr 1–3 (23), 清明 Apr 4 off, Apr 7–8 (25): 25 working days against 20.
        base("late-tender", "江宁区文化中心改造工程招标公告", "T04", "construction", "2025-03-03", "2025-04-08"),
        // Fri 2025-04-25 → Fri 2025-05-09 for a penalty (7 days): Sun 04-27 is a make-up working
        // day, 04-28..04-30, 劳动节 05-01..05-05 off, 05-06..05-09: 1 + 3 + 4 = 8 against 7.
        base(
            "late-penalty",
            "关于对南京某建设工程有限公司的行政处罚决定",
            "T07",
            "construction",
            "2025-04-25",
            "2025-05-09",
        ),
        // One day earlier it is 7: on time, no marker.
        base(
            "ontime-penalty",
            "关于对南京某市政工程有限公司的行政处罚决定",
            "T07",
            "construction",
            "2025-04-25",
            "2025-05-08",
        ),
        // Weekdays only would give 10 working days (late); the calendar says 8 → on time for 20.
        base("ontime-tender", "江宁区图书馆修缮工程招标公告", "T04", "construction", "2025-04-25", "2025-05-09"),
    ]
}

fn hand_index() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = build_dir().join("platform-hand");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("records.jsonl");
        let lines: Vec<String> = hand_records().iter().map(|r| r.to_string()).collect();
        std::fs::write(&input, lines.join("\n")).unwrap();
        let out = dir.join("index");
        let (ok, err) =
            index_builder(&["build", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
        assert!(ok, "{err}");
        out
    })
}

fn hand_edge() -> EdgeServer {
    EdgeServer::start(hand_index(), &[])
}

fn hit<'a>(resp: &'a Value, id: &str) -> &'a Value {
    resp["hits"].as_array().unwrap().iter().find(|h| h["id"] == id).unwrap_or_else(|| panic!("no {id} in {resp}"))
}

#[test]
fn late_hits_carry_working_days_and_limit_counted_across_holidays() {
    let edge = hand_edge();
    let resp = edge.search(&format!("q={}&size=10", encode("江宁")));
    assert_eq!(resp["total"], 4, "{resp}");
    assert_eq!(hit(&resp, "late-tender")["late"], json!({"working_days": 25, "limit": 20}));
    assert_eq!(hit(&resp, "late-penalty")["late"], json!({"working_days": 8, "limit": 7}));
    assert!(hit(&resp, "ontime-penalty").get("late").is_none());
    assert!(hit(&resp, "ontime-tender").get("late").is_none());
    // /v1/doc shows the same marker, and the builder's report lists exactly the late ones.
    let (status, doc) = edge.get("/v1/doc/late-tender");
    assert_eq!(status, 200);
    assert_eq!(doc["late"], json!({"working_days": 25, "limit": 20}));
    let report: Value = serde_json::from_slice(&std::fs::read(hand_index().join("report.json")).unwrap()).unwrap();
    let mut late: Vec<&str> = report["late"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    late.sort();
    assert_eq!(late, ["late-penalty", "late-tender"]);
}

#[test]
fn sample_records_the_report_calls_late_are_marked_late() {
    let edge = sample_edge();
    let report = sample_report();
    let late = report["late"].as_array().unwrap();
    assert!(late.len() >= 5, "{}", late.len());
    for l in late.iter().take(5) {
        let id = l["id"].as_str().unwrap();
        let (status, doc) = edge.get(&format!("/v1/doc/{}", encode(id)));
        assert_eq!(status, 200);
        assert_eq!(doc["late"], json!({"working_days": l["working_days"], "limit": l["limit"]}), "{id}");
    }
}
