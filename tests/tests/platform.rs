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
    .into_iter()
    .chain(project_records())
    .collect()
}

/// One procurement project under real title wording, given out of order, and a complaint
/// decision that only quotes its code in the text.
fn project_records() -> Vec<Value> {
    let rec = |id: &str, title: &str, item: &str, published: &str, code: bool| {
        let mut v = json!({
            "id": id, "title": title, "domain": "procurement", "catalog_item": item, "region_code": "320505",
            "publisher": "苏州高新区政府采购中心", "published_at": published,
            "body": format!("{title}。项目编号：SZGX-2025-CG-0173。")
        });
        if code {
            v["project_code"] = json!("SZGX-2025-CG-0173");
        }
        v
    };
    vec![
        rec("p-contract", "苏州高新区实验学校智慧教室设备采购项目政府采购合同公告", "T16", "2025-07-02", true),
        rec("p-result", "苏州高新区实验学校智慧教室设备采购项目中标（成交）结果公告", "T15", "2025-06-20", true),
        rec("p-notice", "苏州高新区实验学校智慧教室设备采购项目公开招标公告", "T15", "2025-05-20", true),
        rec("p-correction", "苏州高新区实验学校智慧教室设备采购项目更正公告", "T15", "2025-05-28", true),
        rec("p-complaint", "苏州高新区财政局政府采购投诉处理决定书", "T17", "2025-07-15", false),
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

fn count(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

#[test]
fn timeliness_by_publisher_matches_the_builders_report_worst_first() {
    let edge = sample_edge();
    let report = sample_report();
    let (status, stats) = edge.get("/v1/stats/timeliness?group=publisher");
    assert_eq!(status, 200, "{stats}");
    assert_eq!(stats["group"], "publisher");
    let rows = stats["rows"].as_array().unwrap();
    assert_eq!(rows.len(), report["by_publisher"].as_object().unwrap().len());
    let late = report["late"].as_array().unwrap();
    for row in rows {
        let key = row["key"].as_str().unwrap();
        assert_eq!(row["records"], report["by_publisher"][key], "{key}");
        let expected: Vec<&Value> =
            late.iter().filter(|l| l["publisher"].as_str().unwrap_or("unknown") == key).collect();
        assert_eq!(count(&row["late"]), expected.len() as u64, "{key}");
        // The worst delays are the report's, most working days over the limit first.
        let worst = row["worst"].as_array().unwrap();
        assert_eq!(worst.len(), expected.len().min(3), "{key}");
        let most_over = expected.iter().map(|l| count(&l["working_days"]) - count(&l["limit"])).max();
        if let Some(first) = worst.first() {
            assert_eq!(Some(count(&first["working_days"]) - count(&first["limit"])), most_over, "{key}");
            let listed = late.iter().find(|l| l["id"] == first["id"]).unwrap();
            assert_eq!(listed["working_days"], first["working_days"]);
        }
    }
    assert_eq!(count(&stats["total"]["late"]), late.len() as u64);
    assert_eq!(stats["total"]["records"], report["doc_count"]);
    // Worst publishers first: the on-time share never decreases down the list.
    let shares: Vec<f64> = rows.iter().filter_map(|r| r["on_time_share"].as_f64()).collect();
    assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
    assert!(shares[0] < 1.0 && rows[0]["late"].as_u64().unwrap() > 0, "{}", rows[0]);
}

#[test]
fn timeliness_by_domain_and_region_with_filters() {
    let edge = sample_edge();
    let report = sample_report();
    let (_, by_domain) = edge.get("/v1/stats/timeliness?group=domain");
    let rows = by_domain["rows"].as_array().unwrap();
    for row in rows {
        assert_eq!(row["records"], report["by_domain"][row["key"].as_str().unwrap()], "{row}");
    }
    let land = rows.iter().find(|r| r["key"] == "land").unwrap();
    assert_eq!(land["label"], "国有土地使用权出让");
    let late_sum: u64 = rows.iter().map(|r| count(&r["late"])).sum();
    assert_eq!(late_sum, report["late"].as_array().unwrap().len() as u64);
    // domain= keeps one row, the same figures.
    let (_, only_land) = edge.get("/v1/stats/timeliness?group=domain&domain=land");
    assert_eq!(only_land["rows"].as_array().unwrap().len(), 1);
    assert_eq!(&only_land["rows"][0], land);
    // A city includes its counties; every key is a division of 苏州, and the records add up to
    // the builder's per-region counts of those divisions.
    let (_, suzhou) = edge.get("/v1/stats/timeliness?group=region&region=320500");
    let rows = suzhou["rows"].as_array().unwrap();
    assert!(rows.len() > 3, "{suzhou}");
    let expected: u64 = report["by_region"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(code, _)| gongkai_core::regions::is_within(code.parse().unwrap(), 320500))
        .map(|(_, n)| count(n))
        .sum();
    assert_eq!(count(&suzhou["total"]["records"]), expected);
    for row in rows {
        let code: u32 = row["key"].as_str().unwrap().parse().unwrap();
        assert!(gongkai_core::regions::is_within(code, 320500), "{row}");
        assert!(row["label"].as_str().unwrap().starts_with("苏州市"), "{row}");
    }
    // from/to count the same records as a search with those dates.
    let (_, year) = edge.get("/v1/stats/timeliness?group=domain&from=2025-01-01&to=2025-12-31");
    let search = edge.search("from=2025-01-01&to=2025-12-31&size=1");
    assert_eq!(year["total"]["records"], search["total"]);
    for (path, param) in [
        ("/v1/stats/timeliness", "group"),
        ("/v1/stats/timeliness?group=city", "group"),
        // Every GB/T 2260 division is a region now (110000 北京市 too); 999999 is none.
        ("/v1/stats/timeliness?group=domain&region=999999", "region"),
        ("/v1/stats/timeliness?group=domain&from=2025-13-01", "from"),
    ] {
        let (status, body) = edge.get(path);
        assert_eq!((status, body["error"]["param"].as_str()), (400, Some(param)), "{path}: {body}");
    }
}

#[test]
fn timeliness_of_the_hand_counted_records() {
    let edge = hand_edge();
    let (_, stats) = edge.get("/v1/stats/timeliness?group=publisher");
    let row = &stats["rows"][0];
    assert_eq!(row["key"], "南京市江宁区公共资源交易中心");
    assert_eq!((count(&row["records"]), count(&row["late"])), (4, 2));
    assert_eq!(row["on_time_share"], 0.5);
    assert_eq!(
        row["worst"],
        json!([{"id": "late-tender", "working_days": 25, "limit": 20}, {"id": "late-penalty", "working_days": 8, "limit": 7}])
    );
}

#[test]
fn the_catalog_lists_all_45_items_with_counts() {
    let edge = sample_edge();
    let report = sample_report();
    let (status, cat) = edge.get("/v1/catalog");
    assert_eq!(status, 200, "{cat}");
    let items = cat["items"].as_array().unwrap();
    assert_eq!((items.len(), count(&cat["total"])), (45, 45));
    let t09 = items.iter().find(|i| i["code"] == "T09").unwrap();
    assert_eq!(t09["category"], "国有土地使用权出让");
    assert_eq!(t09["content"], "出让公告、成交公示以及供应结果");
    assert_eq!(t09["domain"], "land");
    assert_eq!(t09["publisher"], "项目的实施主体、各级公共资源交易中心");
    for item in items {
        let code = item["code"].as_str().unwrap();
        assert_eq!(count(&item["count"]), report["by_catalog_item"][code].as_u64().unwrap_or(0), "{code}");
    }
    assert_eq!(cat["without_item"], report["by_catalog_item"]["none"]);
    assert_eq!(
        items.iter().map(|i| count(&i["count"])).sum::<u64>() + count(&cat["without_item"]),
        count(&report["doc_count"])
    );
    // Filters: every item is still listed, other domains count 0, and the counts are what a
    // search with the same filters finds.
    let (_, land) = edge.get(&format!("/v1/catalog?domain=land&region={}", 320500));
    let items = land["items"].as_array().unwrap();
    assert_eq!(items.len(), 45);
    for item in items {
        let code = item["code"].as_str().unwrap();
        if item["domain"] != "land" {
            assert_eq!(count(&item["count"]), 0, "{code}");
            continue;
        }
        let found = edge.search(&format!("catalog={code}&domain=land&region=320500&size=1"));
        assert_eq!(item["count"], found["total"], "{code}");
    }
    assert!(count(&items.iter().find(|i| i["code"] == "T09").unwrap()["count"]) > 0);
    let (status, body) = edge.get("/v1/catalog?domain=farming");
    assert_eq!((status, body["error"]["param"].as_str()), (400, Some("domain")));
}

#[test]
fn a_project_is_one_timeline_in_process_order() {
    let edge = hand_edge();
    let (status, p) = edge.get(&format!("/v1/project/{}", encode("SZGX-2025-CG-0173")));
    assert_eq!(status, 200, "{p}");
    let ids: Vec<&str> = p["records"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Notice → result → contract → 更正 (a change) ; the complaint quoting the code comes last.
    assert_eq!(ids, ["p-notice", "p-result", "p-contract", "p-correction", "p-complaint"], "{p}");
    let stages: Vec<&str> = p["records"].as_array().unwrap().iter().map(|r| r["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["notice", "result", "contract", "performance", "other"]);
    assert_eq!(p["records"][4]["carries_code"], false);
    assert_eq!(p["records"][0]["carries_code"], true);
    assert_eq!(p["total"], 5);
    // Written any way (lower case, no dashes) it is the same project.
    let (_, same) = edge.get("/v1/project/szgx2025cg0173");
    assert_eq!(same["total"], 5);
    // Hits of the project say there is a timeline.
    let resp = edge.search(&format!("q={}", encode("智慧教室")));
    assert_eq!(hit(&resp, "p-result")["timeline"], json!({"project_code": "SZGX-2025-CG-0173", "records": 5}));
    let (status, err) = edge.get("/v1/project/JSZC-000000-1999-00000");
    assert_eq!((status, err["error"]["code"].as_str()), (404, Some("not_found")));
}

/// The project's size on a hit (`timeline.records`), read from the bundle's project sizes.
fn timeline_records(edge: &EdgeServer, id: &str) -> Value {
    let resp = edge.search(&format!("q={}&size=20", encode("智慧教室")));
    hit(&resp, id)["timeline"]["records"].clone()
}

#[test]
fn a_projects_size_follows_updates_that_add_and_withdraw_its_records() {
    let dir = build_dir().join("platform-project-update");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let index = dir.join("index");
    let copy = std::process::Command::new("cp").arg("-a").arg(hand_index()).arg(&index).status().unwrap();
    assert!(copy.success());
    let update = |name: &str, lines: &[Value]| {
        let input = dir.join(name);
        std::fs::write(&input, lines.iter().map(Value::to_string).collect::<Vec<_>>().join("\n")).unwrap();
        let args = ["update", "--index", index.to_str().unwrap(), "--input", input.to_str().unwrap(), "--quiet"];
        let (ok, err) = index_builder(&args);
        assert!(ok, "{err}");
    };
    assert_eq!(timeline_records(&EdgeServer::start(&index, &[]), "p-result"), 5);
    // A 履约验收 notice of the project is added: six records.
    let mut acceptance = project_records()[0].clone();
    acceptance["id"] = json!("p-acceptance");
    acceptance["title"] = json!("苏州高新区实验学校智慧教室设备采购项目履约验收公告");
    update("add.jsonl", &[acceptance]);
    let edge = EdgeServer::start(&index, &[]);
    assert_eq!(timeline_records(&edge, "p-result"), 6);
    assert_eq!(timeline_records(&edge, "p-acceptance"), 6);
    let (_, p) = edge.get(&format!("/v1/project/{}", encode("SZGX-2025-CG-0173")));
    assert_eq!(p["total"], 6, "{p}");
    drop(edge);
    // The complaint that only quotes the code is withdrawn, and the correction becomes another
    // project's (变更 of its code): four records; the correction's own project has one, so no
    // timeline.
    let mut correction = project_records()[3].clone();
    correction["project_code"] = json!("SZGX-2025-CG-0199");
    correction["body"] = json!("苏州高新区实验学校智慧教室设备采购项目更正公告。");
    update("change.jsonl", &[json!({"id": "p-complaint", "withdrawn": true}), correction]);
    let edge = EdgeServer::start(&index, &[]);
    assert_eq!(timeline_records(&edge, "p-result"), 4);
    let resp = edge.search(&format!("q={}&size=20", encode("智慧教室")));
    assert!(hit(&resp, "p-correction").get("timeline").is_none(), "{resp}");
    let (_, p) = edge.get(&format!("/v1/project/{}", encode("SZGX-2025-CG-0173")));
    assert_eq!(p["total"], 4, "{p}");
}

#[test]
fn sample_projects_follow_notice_result_contract() {
    let edge = sample_edge();
    let corpus = std::fs::read_to_string(sample_index("platform").parent().unwrap().join("sample.jsonl")).unwrap();
    let records: Vec<Value> = corpus.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut by_code: std::collections::HashMap<&str, Vec<&Value>> = Default::default();
    for r in &records {
        if let Some(c) = r["project_code"].as_str() {
            by_code.entry(c).or_default().push(r);
        }
    }
    let mut codes: Vec<&&str> = by_code
        .iter()
        .filter(|(_, v)| {
            v.iter().any(|r| r["title"].as_str().unwrap().ends_with("招标公告"))
                && v.iter().any(|r| r["title"].as_str().unwrap().contains("合同"))
        })
        .map(|(c, _)| c)
        .collect();
    codes.sort();
    assert!(codes.len() >= 5);
    let order = ["notice", "qualification", "candidates", "result", "contract", "performance", "other"];
    for code in codes.into_iter().take(5) {
        let (status, p) = edge.get(&format!("/v1/project/{}", encode(code)));
        assert_eq!(status, 200, "{code}: {p}");
        let got = p["records"].as_array().unwrap();
        // Every record carrying the code is there; the notice opens the timeline.
        for r in &by_code[*code] {
            assert!(got.iter().any(|g| g["id"] == r["id"]), "{code}: {} missing", r["id"]);
        }
        assert_eq!(got[0]["stage"], "notice", "{code}: {p}");
        let keys: Vec<(usize, &str)> = got
            .iter()
            .map(|g| (order.iter().position(|s| g["stage"] == *s).unwrap(), g["published_at"].as_str().unwrap()))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{code}: {keys:?}");
        let result = got.iter().position(|g| g["stage"] == "result" || g["stage"] == "candidates");
        let contract = got.iter().position(|g| g["stage"] == "contract").unwrap();
        assert!(result.is_none_or(|r| r < contract), "{code}");
        // A search hit of the project points at the same timeline.
        assert_eq!(got[0]["timeline"]["records"], p["total"], "{code}");
    }
}

fn sample_records() -> Vec<Value> {
    let corpus = std::fs::read_to_string(sample_index("platform").parent().unwrap().join("sample.jsonl")).unwrap();
    corpus.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The sample index built again from the sample with every `entities` field removed.
fn stripped_index() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = build_dir().join("platform-stripped");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lines: Vec<String> = sample_records()
            .into_iter()
            .map(|mut r| {
                r.as_object_mut().unwrap().remove("entities");
                r.to_string()
            })
            .collect();
        let input = dir.join("records.jsonl");
        std::fs::write(&input, lines.join("\n")).unwrap();
        let out = dir.join("index");
        let (ok, err) =
            index_builder(&["build", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
        assert!(ok, "{err}");
        out
    })
}

fn ids(resp: &Value, field: &str) -> Vec<String> {
    resp[field].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

const BLACKLISTED: &str = "江苏飞扬智能科技有限公司";

fn named_in_sample(name: &str) -> Vec<Value> {
    sample_records()
        .into_iter()
        .filter(|r| r["entities"].as_array().is_some_and(|e| e.iter().any(|x| x == name)))
        .collect()
}

#[test]
fn an_entity_by_full_name_or_without_its_suffix_with_a_summary() {
    let edge = sample_edge();
    let expected = named_in_sample(BLACKLISTED);
    assert!(expected.len() >= 5);
    let (status, full) = edge.get(&format!("/v1/entity?name={}&size=50", encode(BLACKLISTED)));
    assert_eq!(status, 200, "{full}");
    assert_eq!(full["name"], BLACKLISTED);
    let found = ids(&full, "records");
    for r in &expected {
        assert!(found.contains(&r["id"].as_str().unwrap().to_string()), "{} missing: {found:?}", r["id"]);
    }
    assert_eq!(count(&full["total"]), found.len() as u64);
    let dates: Vec<&str> =
        full["records"].as_array().unwrap().iter().map(|r| r["published_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Without 有限公司 it is the same party, the same records.
    let (_, short) = edge.get(&format!("/v1/entity?name={}&size=50", encode("江苏飞扬智能科技")));
    assert_eq!(ids(&short, "records"), found);
    // The summary: the 2023 listing (政府采购严重违法失信行为记录名单, 禁止参加政府采购活动期限
    // 2023-03-13 至 2024-03-13) has run out, so the party is not blacklisted now; results won, a
    // contract.
    let s = &full["summary"];
    let listing = expected.iter().find(|r| r["title"].as_str().unwrap().contains("严重违法失信")).unwrap();
    assert!(listing["body"].as_str().unwrap().contains("期限：2023年3月13日至2024年3月13日"), "{listing}");
    assert_eq!(s["blacklisted"], false, "{s}");
    let wins = expected.iter().filter(|r| r["title"].as_str().unwrap().contains("中标（成交）结果公告")).count();
    assert_eq!(count(&s["win"]), wins as u64, "{s}");
    assert!(count(&s["contract"]) >= 1 && count(&s["blacklist"]) == 1, "{s}");
    // Paging as /v1/search.
    let (_, p2) = edge.get(&format!("/v1/entity?name={}&size=2&page=2", encode(BLACKLISTED)));
    assert_eq!(ids(&p2, "records"), found[2..4.min(found.len())]);
    // Search hits naming the party carry no blacklist marker for it any more.
    let resp = edge.search(&format!("q={}&size=20", encode(BLACKLISTED)));
    let expected_ids: Vec<&str> = expected.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let naming: Vec<&Value> =
        resp["hits"].as_array().unwrap().iter().filter(|h| expected_ids.contains(&h["id"].as_str().unwrap())).collect();
    assert_eq!(naming.len(), expected.len(), "{resp}");
    for h in naming {
        assert!(!h["blacklisted"].as_array().is_some_and(|n| n.iter().any(|n| n == BLACKLISTED)), "{h}");
    }
    // A party never listed carries no marker: hits naming only 溧阳博远科技有限公司's
    // unlisted peers have none.
    let (_, clean) = edge.get(&format!("/v1/entity?name={}", encode("溧阳博远科技有限公司")));
    assert_eq!(clean["summary"]["blacklisted"], false);
    for (path, param) in [("/v1/entity", "name"), ("/v1/entity?name=a&size=51", "size")] {
        let (status, body) = edge.get(path);
        assert_eq!((status, body["error"]["param"].as_str()), (400, Some(param)), "{path}: {body}");
    }
}

#[test]
fn companies_sharing_words_are_never_merged() {
    let edge = sample_edge();
    let records = sample_records();
    let by_id: std::collections::HashMap<&str, &Value> =
        records.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();
    // Three made-up companies of the sample share 博远.
    let names = ["溧阳博远科技有限公司", "江苏博远检测技术有限公司", "扬中博远建材有限公司"];
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let (_, resp) = edge.get(&format!("/v1/entity?name={}&size=50", encode(name)));
        assert!(count(&resp["total"]) > 0, "{name}");
        for id in ids(&resp, "records") {
            let r = by_id[id.as_str()];
            let text = format!("{}{}{}", r["title"], r["body"], r["entities"]);
            assert!(text.contains(name), "{id} does not name {name}");
            seen.insert((name, id));
        }
    }
    // The word they share is no party at all.
    let (_, none) = edge.get(&format!("/v1/entity?name={}", encode("博远")));
    assert_eq!(none["total"], 0);
}

#[test]
fn the_entity_look_up_works_without_entities_fields() {
    let edge = EdgeServer::start(stripped_index(), &[]);
    let expected = named_in_sample(BLACKLISTED);
    let (_, resp) = edge.get(&format!("/v1/entity?name={}&size=50", encode(BLACKLISTED)));
    let found = ids(&resp, "records");
    for r in &expected {
        assert!(found.contains(&r["id"].as_str().unwrap().to_string()), "{} ({}) missing", r["id"], r["title"]);
    }
    assert_eq!(resp["summary"]["blacklist"], 1);
    assert_eq!(resp["summary"]["blacklisted"], false, "the 2023–2024 period has run out");
    // Across the busiest companies of the sample, names found in the text alone find most
    // of the records that listed them.
    let mut counts: std::collections::HashMap<String, Vec<String>> = Default::default();
    for r in sample_records() {
        for e in r["entities"].as_array().into_iter().flatten() {
            let e = e.as_str().unwrap();
            if e.ends_with("公司") {
                counts.entry(e.to_string()).or_default().push(r["id"].as_str().unwrap().to_string());
            }
        }
    }
    let mut busiest: Vec<(String, Vec<String>)> = counts.into_iter().collect();
    busiest.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let (mut listed, mut refound) = (0, 0);
    for (name, want) in busiest.iter().take(10) {
        let mut got = Vec::new();
        for page in 1..=100 {
            let (_, resp) = edge.get(&format!("/v1/entity?name={}&size=50&page={page}", encode(name)));
            let page_ids = ids(&resp, "records");
            if page_ids.is_empty() {
                break;
            }
            got.extend(page_ids);
        }
        listed += want.len();
        refound += want.iter().filter(|id| got.contains(id)).count();
    }
    eprintln!("entities found from text alone: {refound}/{listed}");
    assert!(refound * 10 >= listed * 8, "only {refound}/{listed}");
}

#[test]
fn feeds_in_atom_and_json_feed_newest_first() {
    let edge = sample_edge();
    let query = format!("q={}&domain=housing", encode("公共租赁住房"));
    let search = edge.search(&format!("{query}&sort=date&size=20"));
    let want = gongkai_tests::hit_field(&search, "id");
    assert_eq!(want.len(), 20);
    for (format, mime) in [("atom", "application/atom+xml"), ("json", "application/feed+json")] {
        let (status, headers, body) = edge.get_raw(&format!("/v1/feed?{query}&format={format}"), &[]);
        assert_eq!(status, 200, "{body}");
        let ctype = headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str()).unwrap_or("");
        assert!(ctype.starts_with(mime), "{ctype}");
        let feed = feed_rs::parser::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{format}: {e}\n{body}"));
        assert_eq!(feed.entries.len(), 20, "{format}");
        let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{format}: {dates:?}");
        for (entry, hit) in feed.entries.iter().zip(search["hits"].as_array().unwrap()) {
            assert_eq!(entry.title.as_ref().unwrap().content, hit["title"].as_str().unwrap(), "{format}");
            let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
            let doc = format!("/v1/doc/{}", encode(hit["id"].as_str().unwrap()));
            assert!(links.iter().any(|l| l.ends_with(&doc)), "{format}: {links:?}");
            if let Some(url) = hit["url"].as_str() {
                assert!(links.contains(&url), "{format}: {links:?} lacks {url}");
            }
        }
        // The linked document is there.
        let doc_link = feed.entries[0].links.iter().find(|l| l.href.contains("/v1/doc/")).unwrap();
        let path = &doc_link.href[doc_link.href.find("/v1/doc/").unwrap()..];
        assert_eq!(edge.get(path).0, 200);
    }
    let (status, body) = edge.get("/v1/feed?format=rss");
    assert_eq!((status, body["error"]["param"].as_str()), (400, Some("format")));
}

/// Checks a real answer against a schema of the OpenAPI document (its `$ref`s resolve in the
/// document itself).
fn check_schema(doc: &Value, schema: &str, answer: &Value, what: &str) {
    let mut root = doc.clone();
    root["$ref"] = json!(format!("#/components/schemas/{schema}"));
    let validator = jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{schema}: {e}"));
    let errors: Vec<String> =
        validator.iter_errors(answer).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match {schema}: {errors:?}");
}

#[test]
fn every_endpoint_answers_as_the_openapi_document_says() {
    let edge = sample_edge();
    let (status, doc) = edge.get("/v1/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let (_, hit) = edge.get(&format!("/v1/search?q={}&size=1", encode(BLACKLISTED)));
    let id = hit["hits"][0]["id"].as_str().unwrap().to_string();
    let late_id = sample_report()["late"][0]["id"].as_str().unwrap().to_string();
    let code = hit["hits"].as_array().unwrap().iter().find_map(|h| h["project_code"].as_str()).map(String::from);
    let code = code
        .unwrap_or_else(|| sample_records().iter().find_map(|r| r["project_code"].as_str().map(String::from)).unwrap());
    let cases: Vec<(String, &str)> = vec![
        (format!("/v1/search?q={}&size=20", encode(BLACKLISTED)), "SearchResponse"),
        (format!("/v1/search?q={}&sort=date&domain=land&region=320500", encode("出让")), "SearchResponse"),
        (format!("/v1/suggest?q={}", encode("公共")), "SuggestResponse"),
        ("/v1/meta".into(), "MetaResponse"),
        (format!("/v1/doc/{}", encode(&id)), "Hit"),
        (format!("/v1/doc/{}", encode(&late_id)), "Hit"),
        ("/healthz".into(), "HealthResponse"),
        ("/v1/stats/timeliness?group=publisher".into(), "TimelinessResponse"),
        ("/v1/stats/timeliness?group=region&region=320500".into(), "TimelinessResponse"),
        ("/v1/catalog?domain=land".into(), "CatalogResponse"),
        (format!("/v1/project/{}", encode(&code)), "ProjectResponse"),
        (format!("/v1/entity?name={}", encode(BLACKLISTED)), "EntityResponse"),
        (format!("/v1/feed?q={}&format=json", encode("公租房")), "JsonFeed"),
        ("/v1/search?q=a&size=0".into(), "Error"),
        ("/v1/project/JSZC-000000-1999-00000".into(), "Error"),
    ];
    for (path, schema) in cases {
        let (_, answer) = edge.get(&path);
        check_schema(&doc, schema, &answer, &path);
    }
    // The schemas are not empty promises: a hit without its id fails.
    let mut broken = hit["hits"][0].clone();
    broken.as_object_mut().unwrap().remove("id");
    let mut root = doc.clone();
    root["$ref"] = json!("#/components/schemas/Hit");
    assert!(!jsonschema::validator_for(&root).unwrap().is_valid(&broken));
}

/// Today in China (UTC+8), as days since 1970-01-01.
fn today_days() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    (secs + 8 * 3600) / 86_400
}

/// `2025年3月12日` of a day `offset` days from today.
fn cn_date(offset: i64) -> String {
    let iso = iso_date(offset);
    let n: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    format!("{}年{}月{}日", n[0], n[1], n[2])
}

fn iso_date(offset: i64) -> String {
    gongkai_core::schema::date_from_days(today_days() + offset).to_string()
}

#[test]
fn blacklisted_now_follows_the_listing_period_of_the_notice() {
    // Listings as finance bureaus and 公共资源交易 offices word them, dated around today, no
    // `entities` fields: periods that have run out, that still run, that run from a date for N
    // years, and none at all (until removed).
    let rec = |id: &str, title: &str, body: String, published: i64, publisher: &str| {
        json!({
            "id": id, "title": title, "domain": "construction", "catalog_item": "T06", "region_code": "320115",
            "publisher": publisher, "published_at": iso_date(published), "body": body,
        })
    };
    let records = [
        rec(
            "bl-expired",
            "关于将南京远航建设工程有限公司列入公共资源交易领域“黑名单”的公告",
            format!(
                "南京远航建设工程有限公司在江宁区文化中心改造工程投标中弄虚作假。决定将其列入公共资源交易领域“黑名单”，期限2年（{}至{}）。",
                cn_date(-1100),
                cn_date(-370)
            ),
            -1100,
            "南京市江宁区住房和城乡建设局",
        ),
        rec(
            "bl-running-old",
            "关于将江苏润禾市政工程有限公司列入不良行为记录名单的公告",
            format!("江苏润禾市政工程有限公司列入不良行为记录名单。列入期限：{}至{}。", cn_date(-900), cn_date(-540)),
            -900,
            "南京市江宁区住房和城乡建设局",
        ),
        rec(
            "bl-running",
            "关于将江苏润禾市政工程有限公司列入公共资源交易领域“黑名单”的公告",
            format!(
                "当事人：江苏润禾市政工程有限公司\n列入期限：自{}起至{}止。列入期间不得参加本市公共资源交易活动。",
                cn_date(-200),
                cn_date(165)
            ),
            -200,
            "南京市公共资源交易监督管理办公室",
        ),
        rec(
            "bl-years",
            "关于将常州恒信环境科技有限公司列入严重失信主体名单的公告",
            format!("常州恒信环境科技有限公司串通投标，列入严重失信主体名单，自{}起三年内禁止参加投标。", cn_date(-400)),
            -398,
            "常州市公共资源交易中心",
        ),
        rec(
            "bl-open",
            "关于将无锡泰和建材有限公司列入失信联合惩戒对象名单的公告",
            "无锡泰和建材有限公司拒不履行合同义务，现将其列入失信联合惩戒对象名单，实施联合惩戒。".to_string(),
            -30,
            "无锡市发展和改革委员会",
        ),
        json!({
            "id": "cand", "title": "江宁区道路改造工程施工中标候选人公示", "domain": "construction",
            "catalog_item": "T04", "region_code": "320115", "publisher": "南京市江宁区公共资源交易中心",
            "published_at": iso_date(-5),
            "body": "第一中标候选人：江苏润禾市政工程有限公司\n第二中标候选人：南京远航建设工程有限公司\n第三中标候选人：无锡泰和建材有限公司",
        }),
    ];
    let dir = build_dir().join("platform-credit");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("records.jsonl");
    std::fs::write(&input, records.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("\n")).unwrap();
    let out = dir.join("index");
    let (ok, err) =
        index_builder(&["build", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(ok, "{err}");
    let edge = EdgeServer::start(&out, &[]);
    let summary = |name: &str| {
        let (status, v) = edge.get(&format!("/v1/entity?name={}", encode(name)));
        assert_eq!(status, 200, "{v}");
        v["summary"].clone()
    };
    // Ran out a year ago: listed once, not blacklisted now.
    let s = summary("南京远航建设工程有限公司");
    assert_eq!((s["blacklist"].as_u64(), s["blacklisted"].as_bool()), (Some(1), Some(false)), "{s}");
    // Two listings, the older one over: since and by are the running one's, until its end.
    let s = summary("江苏润禾市政工程");
    assert_eq!(s["blacklist"], 2, "{s}");
    assert_eq!(s["blacklisted"], true, "{s}");
    assert_eq!(s["blacklisted_since"], iso_date(-200));
    assert_eq!(s["blacklisted_by"], "南京市公共资源交易监督管理办公室");
    assert_eq!(s["blacklisted_until"], iso_date(165));
    // 自…起三年: the day before the third anniversary of the start.
    let s = summary("常州恒信环境科技有限公司");
    assert_eq!(s["blacklisted"], true, "{s}");
    let start = gongkai_core::schema::date_from_days(today_days() - 400);
    let end = start.checked_add_months(chrono::Months::new(36)).unwrap().pred_opt().unwrap();
    assert_eq!(s["blacklisted_until"], end.to_string());
    // No period: until removed.
    let s = summary("无锡泰和建材有限公司");
    assert_eq!((s["blacklisted"].as_bool(), s["blacklisted_until"].as_str()), (Some(true), None), "{s}");
    // The candidates' notice marks the two listed now, not the one whose period ran out.
    let resp = edge.search(&format!("q={}", encode("中标候选人公示")));
    let mut marked: Vec<&str> =
        hit(&resp, "cand")["blacklisted"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    marked.sort();
    assert_eq!(marked, ["无锡泰和建材有限公司", "江苏润禾市政工程有限公司"]);
    drop(edge);

    // An update carries the notices on: a removal (信用修复) added takes the party off, and
    // withdrawn again puts it back, without a rebuild.
    let marked_after_update = |line: String| {
        let update = dir.join("update.jsonl");
        std::fs::write(&update, line).unwrap();
        let (ok, err) = index_builder(&[
            "update",
            "--index",
            out.to_str().unwrap(),
            "--input",
            update.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(ok, "{err}");
        let edge = EdgeServer::start(&out, &[]);
        let resp = edge.search(&format!("q={}", encode("中标候选人公示")));
        let mut marked: Vec<String> =
            hit(&resp, "cand")["blacklisted"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect();
        marked.sort();
        marked
    };
    let removal = rec(
        "bl-repaired",
        "关于江苏润禾市政工程有限公司信用修复移出黑名单的公告",
        "江苏润禾市政工程有限公司已按规定完成信用修复，自即日起移出公共资源交易领域“黑名单”。".to_string(),
        -2,
        "南京市公共资源交易监督管理办公室",
    );
    assert_eq!(marked_after_update(removal.to_string()), ["无锡泰和建材有限公司"]);
    let withdrawn = json!({"id": "bl-repaired", "withdrawn": true});
    assert_eq!(marked_after_update(withdrawn.to_string()), ["无锡泰和建材有限公司", "江苏润禾市政工程有限公司"]);
    let _ = std::fs::remove_dir_all(&dir);
}
