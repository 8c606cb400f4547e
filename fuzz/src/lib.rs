//! Shared checks for the fuzz targets: what every answer to hostile input must satisfy, and the
//! small index the query targets search.

use edge::native::LocalEdge;
use gongkai_core::record::{MAX_BODY_BYTES, MAX_TITLE_CHARS};
use gongkai_core::{catalog, regions, Record};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Every field a validation error may name (`record` when the input is not an object at all).
pub const FIELDS: &[&str] = &[
    "record",
    "id",
    "title",
    "body",
    "domain",
    "catalog_item",
    "region_code",
    "publisher",
    "source",
    "url",
    "published_at",
    "formed_at",
    "project_code",
    "amount_yuan",
    "entities",
];

/// Validates a loosely typed record and checks the outcome: an accepted record satisfies every
/// rule of the contract, a rejection names a known field with a reason. Returns the outcome.
pub fn check_record(value: &Value) -> Result<Record, String> {
    match Record::from_json(value) {
        Ok(r) => {
            assert!(!r.id.is_empty() && r.id.chars().count() <= 200, "accepted id {:?}", r.id);
            assert_eq!(r.id, r.id.trim(), "accepted id is not trimmed");
            assert!(!r.title.is_empty() && r.title.chars().count() <= MAX_TITLE_CHARS, "accepted title {:?}", r.title);
            assert!(r.body.len() <= MAX_BODY_BYTES, "accepted body of {} bytes", r.body.len());
            assert!(regions::parse(&r.region_code).is_some(), "accepted region {:?}", r.region_code);
            if let Some(code) = &r.catalog_item {
                let item = catalog::item(code).unwrap_or_else(|| panic!("accepted catalog item {code:?}"));
                assert_eq!(item.domain, r.domain, "accepted catalog item {code} of another domain");
            }
            if let Some(f) = r.formed_at {
                assert!(f <= r.published_at, "accepted formed_at {f} after published_at {}", r.published_at);
            }
            if let Some(a) = r.amount_yuan {
                assert!(a.is_finite() && a >= 0.0, "accepted amount {a}");
            }
            if let Some(u) = &r.url {
                let lower = u.to_ascii_lowercase();
                assert!(lower.starts_with("http://") || lower.starts_with("https://"), "accepted url {u:?}");
            }
            for e in &r.entities {
                assert!(!e.is_empty() && e == e.trim(), "accepted entity {e:?}");
            }
            Ok(r)
        }
        Err(e) => {
            assert!(FIELDS.contains(&e.field.as_str()), "rejection names unknown field {:?}: {}", e.field, e.reason);
            assert!(!e.reason.trim().is_empty(), "rejection of `{}` without a reason", e.field);
            Err(e.field)
        }
    }
}

/// Records of the query targets' index: gongkai-sample's realistic corpus (every domain,
/// Jiangsu's divisions, codes, entities), fixed seed.
const INDEX_RECORDS: usize = 300;

/// The edge over a small index, built once per process with the real builder
/// (`index_builder::build::run`) into `$TMPDIR/gongkai-fuzz-index-<pid>` (scripts/fuzz.sh
/// points TMPDIR at a directory it removes afterwards).
pub fn local_edge() -> &'static LocalEdge {
    static EDGE: OnceLock<LocalEdge> = OnceLock::new();
    EDGE.get_or_init(|| {
        let dir: PathBuf = std::env::temp_dir().join(format!("gongkai-fuzz-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the fuzz index directory");
        let input = dir.join("records.jsonl");
        let mut lines = String::new();
        for r in gongkai_sample::generate(INDEX_RECORDS, 7) {
            lines.push_str(&serde_json::to_string(&r).expect("sample record as JSON"));
            lines.push('\n');
        }
        std::fs::write(&input, lines).expect("write the fuzz index input");
        let out = dir.join("index");
        let opts = index_builder::build::Options {
            strict: true,
            threads: 1,
            ..index_builder::build::Options::new(input, out.clone())
        };
        index_builder::build::run(&opts).expect("build the fuzz index");
        LocalEdge::open(&out, edge::Config::default()).expect("open the fuzz index")
    })
}

/// UTF-16 length of a string (the unit of highlight ranges).
fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Checks highlight ranges against the text they index: sorted, non-overlapping, non-empty,
/// inside the text, and never splitting a surrogate pair.
fn check_ranges(text: &str, ranges: &Value, what: &str) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut last_end = 0;
    for r in ranges.as_array().unwrap_or_else(|| panic!("{what}: ranges are not an array: {ranges}")) {
        let (s, e) = (r[0].as_u64().expect("range start") as usize, r[1].as_u64().expect("range end") as usize);
        assert!(s < e && e <= utf16_len(text), "{what}: range [{s}, {e}) outside {text:?}");
        assert!(s >= last_end, "{what}: ranges overlap or are unsorted: {ranges}");
        let low_surrogate = |i: usize| i < units.len() && (0xDC00..0xE000).contains(&units[i]);
        assert!(!low_surrogate(s) && !low_surrogate(e), "{what}: range [{s}, {e}) splits a character of {text:?}");
        last_end = e;
    }
}

/// GETs a path through the whole handler and checks the answer: a 2xx or 4xx status, a JSON
/// body (errors as `{"error": {"code", "message"}}`), and for search hits, highlight ranges
/// that lie inside their title and snippet.
pub fn check_get(path_and_query: &str) -> Value {
    let resp = local_edge().get(path_and_query);
    let what = format!("GET {path_and_query:?} → {}", resp.status);
    assert!((200..300).contains(&resp.status) || (400..500).contains(&resp.status), "{what}");
    let body: Value = serde_json::from_slice(&resp.body)
        .unwrap_or_else(|e| panic!("{what}: body is not JSON ({e}): {:?}", String::from_utf8_lossy(&resp.body)));
    if resp.status >= 400 {
        let err = &body["error"];
        assert!(err["code"].is_string() && err["message"].is_string(), "{what}: error without code/message: {body}");
    } else if let Some(hits) = body.get("hits") {
        for hit in hits.as_array().unwrap_or_else(|| panic!("{what}: hits is not an array")) {
            let title = hit["title"].as_str().expect("hit title");
            let snippet = hit["snippet"].as_str().expect("hit snippet");
            check_ranges(title, &hit["highlights"]["title"], &format!("{what} title"));
            check_ranges(snippet, &hit["highlights"]["snippet"], &format!("{what} snippet"));
        }
    }
    body
}

/// Percent-encodes every byte outside the unreserved set, as a browser's
/// `encodeURIComponent` does.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
