//! Bad input on realistic Chinese records: every bad line, row or page is rejected by name
//! (file, line, field, reason), nothing panics, and every good record beside it is indexed
//! and found (issue #13).

use edge::native::LocalEdge;
use edge::Config;
use index_builder::build::{self, BuildError, Options};
use index_builder::report::Report;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const DISTRICTS: &[(&str, &str)] = &[
    ("320115", "南京市江宁区"),
    ("320583", "昆山市"),
    ("320206", "无锡市惠山区"),
    ("320412", "常州市武进区"),
    ("320904", "盐城市大丰区"),
    ("321283", "泰兴市"),
];
const ITEMS: &[&str] = &["医疗设备", "校舍维修改造工程", "道路保洁服务", "办公家具", "信息化平台运维", "污水管网清淤"];

/// A realistic procurement notice, different for every `i`.
fn notice(i: usize) -> Value {
    let (code, place) = DISTRICTS[i % DISTRICTS.len()];
    let item = ITEMS[(i / DISTRICTS.len()) % ITEMS.len()];
    json!({
        "id": format!("JSZC-{code}-2026-{i:05}"),
        "title": format!("{place}{item}采购项目公开招标公告（第{i}号）"),
        "body": format!(
            "项目编号：JSZC-{code}-2026-{i:05}。采购人：{place}人民政府办公室。预算金额：{}万元。\
             投标人须具备独立承担民事责任的能力，递交投标文件截止时间为2026年5月{}日9时30分。",
            50 + i % 400,
            1 + i % 28
        ),
        "domain": "procurement",
        "catalog_item": "T15",
        "project_code": format!("JSZC-{code}-2026-{i:05}"),
        "region_code": code,
        "publisher": format!("{place}财政局"),
        "published_at": format!("2026-04-{:02}", 1 + i % 28),
        "amount_yuan": 10_000.0 * (50 + i % 400) as f64,
        "entities": [format!("江苏{item}第{i}有限公司")],
    })
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gongkai-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jsonl(records: impl IntoIterator<Item = Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        out.extend_from_slice(serde_json::to_string(&r).unwrap().as_bytes());
        out.push(b'\n');
    }
    out
}

fn build_from(input: &Path, out: &Path) -> Result<Report, BuildError> {
    build::run(&Options { threads: 1, ..Options::new(input, out) })
}

/// Builds `input` (must succeed), checks that every id in `good` is in the index and
/// searchable by its project code, and returns the report.
fn build_and_check(input: &Path, out: &Path, good: &[String]) -> (Report, LocalEdge) {
    let report = build_from(input, out).unwrap_or_else(|e| panic!("build failed: {e}"));
    assert_eq!(report.doc_count, good.len(), "{:?}", report.rejected);
    let edge = LocalEdge::open(out, Config::default()).unwrap();
    assert_eq!(edge.get("/v1/meta").json()["doc_count"], good.len());
    // Every good record is there; a sample of them is found by its code and by its words.
    for id in good {
        let resp = edge.get(&format!("/v1/doc/{}", enc(id)));
        assert_eq!(resp.status, 200, "{id} is missing");
    }
    for id in good.iter().step_by((good.len() / 10).max(1)) {
        let hits = edge.get(&format!("/v1/search?q={}", enc(id))).json();
        assert_eq!(hits["hits"][0]["id"], id.as_str(), "{id} is not found by its code: {hits}");
    }
    (report, edge)
}

/// Percent-encodes a query-string value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn ids(range: impl IntoIterator<Item = usize>) -> Vec<String> {
    range.into_iter().map(|i| notice(i)["id"].as_str().unwrap().to_string()).collect()
}

fn only_rejection(report: &Report) -> &index_builder::report::Rejected {
    assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
    &report.rejected[0]
}

#[test]
fn an_invalid_utf8_byte_on_the_last_line_costs_only_that_line() {
    // Issue #13: a 2,012-line export whose last line holds one invalid byte.
    let d = dir("utf8-last");
    let mut bytes = jsonl((0..2011).map(notice));
    let mut last = serde_json::to_string(&notice(2011)).unwrap().into_bytes();
    let at = last.windows(6).position(|w| w == "采购".as_bytes()).unwrap();
    last[at + 1] = 0xFF; // breaks 采 in the middle
    bytes.extend_from_slice(&last);
    bytes.push(b'\n');
    let input = d.join("export.jsonl");
    std::fs::write(&input, bytes).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids(0..2011));
    let r = only_rejection(&report);
    assert_eq!((r.line, r.field.as_str()), (2012, "record"));
    assert!(r.file.ends_with("export.jsonl"));
    assert!(
        r.reason.contains("not valid UTF-8") && r.reason.contains("0xE9") && r.reason.contains("save"),
        "{}",
        r.reason
    );
    assert_eq!(report.records_read, 2012);
}

#[test]
fn invalid_bytes_mid_file_and_a_truncated_last_record() {
    let d = dir("utf8-mid");
    let mut bytes = Vec::new();
    for i in 0..60 {
        let mut line = serde_json::to_string(&notice(i)).unwrap().into_bytes();
        if i == 20 || i == 41 {
            // GBK bytes pasted into a UTF-8 export (“公告” in GBK).
            let at = line.windows(6).position(|w| w == "公告".as_bytes()).unwrap();
            line.splice(at..at + 6, [0xB9, 0xAB, 0xB8, 0xE6]);
        }
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    // The file ends mid-record, without a newline: an interrupted export.
    let half = serde_json::to_string(&notice(60)).unwrap();
    bytes.extend_from_slice(&half.as_bytes()[..half.len() / 2 - half.len() / 2 % 3]);
    let input = d.join("export.jsonl");
    std::fs::write(&input, bytes).unwrap();
    let good: Vec<String> = ids((0..60).filter(|i| *i != 20 && *i != 41));
    let (report, _) = build_and_check(&input, &d.join("index"), &good);
    let lines: Vec<(usize, &str)> = report.rejected.iter().map(|r| (r.line, r.field.as_str())).collect();
    assert_eq!(lines, [(21, "record"), (42, "record"), (61, "record")], "{:?}", report.rejected);
    assert!(report.rejected[0].reason.contains("0xB9"), "{}", report.rejected[0].reason);
    assert!(report.rejected[2].reason.contains("truncated"), "{}", report.rejected[2].reason);
}

#[test]
fn line_numbers_count_leading_blank_lines_and_crlf() {
    let d = dir("blank-lines");
    let mut text = String::from("\r\n\n   \n");
    for i in 0..5 {
        let mut r = notice(i);
        if i == 3 {
            r["published_at"] = "2026年4月3日".into();
        }
        text.push_str(&serde_json::to_string(&r).unwrap());
        text.push_str("\r\n");
    }
    let input = d.join("export.jsonl");
    std::fs::write(&input, text).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids([0, 1, 2, 4]));
    let r = only_rejection(&report);
    assert_eq!((r.line, r.field.as_str()), (7, "published_at"), "{r:?}");
}

#[test]
fn a_json_array_is_read_element_by_element_and_a_truncated_one_keeps_what_came_before() {
    let d = dir("array");
    let items: Vec<String> = (0..30).map(|i| serde_json::to_string(&notice(i)).unwrap()).collect();
    let text = format!("[\n{}\n", items.join(",\n"));
    // Cut in the middle of the last element.
    let cut = text.len() - items[29].len() / 2;
    let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap();
    let input = d.join("export.json");
    std::fs::write(&input, &text[..cut]).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids(0..29));
    let r = only_rejection(&report);
    assert_eq!((r.line, r.field.as_str()), (31, "record"));
    assert!(r.reason.contains("truncated"), "{}", r.reason);
    // A whole array is read entirely, each element with the line it ends on.
    std::fs::write(&input, format!("[\n{}\n]\n", items.join(",\n"))).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids(0..30));
    assert!(report.rejected.is_empty());
}

#[test]
fn a_five_megabyte_body_is_rejected_by_name_and_the_others_kept() {
    let d = dir("huge-body");
    let mut records: Vec<Value> = (0..20).map(notice).collect();
    let paragraph = "本项目采用公开招标方式，投标人应当按照招标文件要求编制投标文件。";
    records[7]["body"] = Value::String(paragraph.repeat(5 * 1024 * 1024 / paragraph.len() + 1));
    let input = d.join("export.jsonl");
    std::fs::write(&input, jsonl(records)).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids((0..20).filter(|&i| i != 7)));
    let r = only_rejection(&report);
    assert_eq!((r.line, r.field.as_str(), r.id.as_deref()), (8, "body", Some("JSZC-320583-2026-00007")));
    assert!(r.reason.contains("MiB"), "{}", r.reason);
}

#[test]
fn ten_thousand_entities_on_one_record_are_rejected_by_name() {
    let d = dir("entities");
    let mut records: Vec<Value> = (0..20).map(notice).collect();
    records[3]["entities"] = (0..10_000).map(|i| format!("苏州第{i}建设工程有限公司")).collect();
    // A long but real list (a framework agreement's 800 suppliers) is kept.
    records[4]["entities"] = (0..800).map(|i| format!("南京第{i}信息技术有限公司")).collect();
    let input = d.join("export.jsonl");
    std::fs::write(&input, jsonl(records)).unwrap();
    let (report, edge) = build_and_check(&input, &d.join("index"), &ids((0..20).filter(|&i| i != 3)));
    let r = only_rejection(&report);
    assert_eq!((r.line, r.field.as_str()), (4, "entities"));
    assert!(r.reason.contains("10000") && r.reason.contains("1000"), "{}", r.reason);
    let doc = edge.get(&format!("/v1/doc/{}", ids(4..5)[0])).json();
    assert_eq!(doc["entities"].as_array().map(Vec::len), Some(800), "{doc}");
}

#[test]
fn html_nested_ten_thousand_deep_does_not_overflow_the_stack() {
    let d = dir("deep-html");
    let input = d.join("pages");
    std::fs::create_dir_all(&input).unwrap();
    let deep = format!(
        "<html><head><meta name=\"ArticleTitle\" content=\"泰兴市城区污水管网清淤项目中标结果公告\">\
         <meta name=\"PubDate\" content=\"2026-03-18 09:30\">\
         <meta name=\"gongkai:domain\" content=\"procurement\"><meta name=\"gongkai:region_code\" content=\"321283\">\
         </head><body>{}中标供应商：泰州清源环境工程有限公司{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    std::fs::write(input.join("deep.html"), deep).unwrap();
    // A body of nested HTML inside a JSON record, too.
    let mut r = notice(1);
    r["body"] =
        Value::String(format!("{}中标金额：128万元{}", "<div><span>".repeat(10_000), "</span></div>".repeat(10_000)));
    std::fs::write(input.join("records.jsonl"), jsonl([notice(0), r])).unwrap();
    let mut good = ids(0..2);
    good.push(input.join("deep.html").to_string_lossy().into_owned());
    let out = d.join("index");
    let report = build_from(&input, &out).unwrap();
    assert_eq!(report.doc_count, 3, "{:?}", report.rejected);
    let edge = LocalEdge::open(&out, Config::default()).unwrap();
    let hits = edge.get(&format!("/v1/search?q={}", enc("泰州清源环境工程"))).json();
    assert_eq!(hits["hits"][0]["title"], "泰兴市城区污水管网清淤项目中标结果公告", "{hits}");
}

#[test]
fn an_html_page_with_bad_bytes_is_rejected_by_name_and_the_other_pages_kept() {
    let d = dir("bad-html");
    let input = d.join("pages");
    std::fs::create_dir_all(&input).unwrap();
    let page = |title: &str, region: &str| {
        format!(
            "<html><head><meta name=\"ArticleTitle\" content=\"{title}\"><meta name=\"PubDate\" content=\"2026-03-18\">\
             <meta name=\"gongkai:domain\" content=\"land\"><meta name=\"gongkai:region_code\" content=\"{region}\">\
             </head><body><div class=\"TRS_Editor\">经依法批准，现将地块成交结果公示如下。</div></body></html>"
        )
    };
    std::fs::write(input.join("a.html"), page("常州市武进区2026-12号地块国有建设用地使用权成交公示", "320412"))
        .unwrap();
    let mut gbk = page("无锡市惠山区2026-03号地块出让公告", "320206").into_bytes();
    let at = gbk.windows(6).position(|w| w == "出让".as_bytes()).unwrap();
    gbk.splice(at..at + 6, [0xB3, 0xF6, 0xC8, 0xC3]); // 出让 in GBK
    std::fs::write(input.join("b.html"), gbk).unwrap();
    let out = d.join("index");
    let report = build_from(&input, &out).unwrap();
    assert_eq!(report.doc_count, 1);
    let r = only_rejection(&report);
    assert!(r.file.ends_with("b.html") && r.field == "record", "{r:?}");
    assert!(r.reason.contains("line 1") && r.reason.contains("0xB3") && r.reason.contains("UTF-8"), "{}", r.reason);
    let edge = LocalEdge::open(&out, Config::default()).unwrap();
    assert_eq!(edge.get(&format!("/v1/search?q={}", enc("武进"))).json()["total"], 1);
}

const CSV_HEADER: &str =
    "id,title,domain,catalog_item,region_code,published_at,publisher,entities,amount_yuan,project_code";

fn csv_line(i: usize) -> String {
    let r = notice(i);
    format!(
        "{},{},procurement,T15,{},{},{},{},{},{}",
        r["id"].as_str().unwrap(),
        r["title"].as_str().unwrap(),
        r["region_code"].as_str().unwrap(),
        r["published_at"].as_str().unwrap(),
        r["publisher"].as_str().unwrap(),
        r["entities"][0].as_str().unwrap(),
        r["amount_yuan"],
        r["project_code"].as_str().unwrap()
    )
}

#[test]
fn a_csv_row_with_bad_bytes_or_a_missing_column_is_one_rejection() {
    let d = dir("csv-rows");
    let mut bytes = format!("{CSV_HEADER}\n").into_bytes();
    for i in 0..30 {
        let mut line = csv_line(i);
        if i == 5 {
            // The publisher column is missing: every later value would shift by one.
            line = line.replacen(&format!(",{}", notice(i)["publisher"].as_str().unwrap()), "", 1);
        }
        let mut line = line.into_bytes();
        if i == 12 {
            let at = line.windows(6).position(|w| w == "公告".as_bytes()).unwrap();
            line.splice(at..at + 6, [0xB9, 0xAB, 0xB8, 0xE6]);
        }
        bytes.extend_from_slice(&line);
        bytes.extend_from_slice(b"\r\n");
    }
    let input = d.join("export.csv");
    std::fs::write(&input, bytes).unwrap();
    let (report, _) = build_and_check(&input, &d.join("index"), &ids((0..30).filter(|&i| i != 5 && i != 12)));
    let got: Vec<(usize, &str)> = report.rejected.iter().map(|r| (r.line, r.field.as_str())).collect();
    assert_eq!(got, [(7, "record"), (14, "title")], "{:?}", report.rejected);
    assert!(report.rejected[0].reason.contains("9 field(s) but the header has 10"), "{}", report.rejected[0].reason);
    assert!(report.rejected[1].reason.contains("UTF-8"), "{}", report.rejected[1].reason);
}

#[test]
fn a_csv_with_a_bad_header_is_one_named_rejection_and_other_files_are_kept() {
    let d = dir("csv-header");
    let input = d.join("exports");
    std::fs::create_dir_all(&input).unwrap();
    // 标题 instead of title: a header written for people, not the contract.
    let bad_header = CSV_HEADER.replace("title", "标题");
    let rows: Vec<String> = (0..10).map(csv_line).collect();
    std::fs::write(input.join("a.csv"), format!("{bad_header}\n{}\n", rows.join("\n"))).unwrap();
    std::fs::write(input.join("b.jsonl"), jsonl((10..25).map(notice))).unwrap();
    let (report, _) = build_and_check(&input.join("b.jsonl"), &d.join("index-b"), &ids(10..25));
    assert!(report.rejected.is_empty());
    let out = d.join("index-all");
    let report = build_from(&input, &out).unwrap();
    assert_eq!(report.doc_count, 15);
    let r = only_rejection(&report);
    assert!(r.file.ends_with("a.csv"));
    assert_eq!((r.line, r.field.as_str()), (1, "header"));
    assert!(r.reason.contains("title") && r.reason.contains("标题"), "{}", r.reason);
    // A CSV whose only problem is its header names the file even when nothing else is read.
    std::fs::remove_file(input.join("b.jsonl")).unwrap();
    match build_from(&input, &out) {
        Err(BuildError::Empty(1)) => {}
        other => panic!("expected an empty build, got {:?}", other.map(|r| r.doc_count)),
    }
}
