//! The match budget on an index of several segments: merges keep records in time order, a
//! search walks the newest segment first, and a query matching more records than the budget is
//! answered from the newest ones with an estimated total; under the budget nothing changes.
//! The read budget does the same for a query whose postings and positions are many bytes.

use edge::native::LocalEdge;
use gongkai_tests::{build_dir, encode, gongkai_sample, hit_field, index_builder};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn run(args: &[&str]) {
    let (ok, err) = index_builder(args);
    assert!(ok, "index-builder {args:?}: {err}");
}

/// 3,000 sample records (in publication order, as the generator writes them) indexed as three
/// segments of a thousand, added newest third first: the build holds the newest, the first
/// update the oldest, the second the middle. Returns (index, the newest third's first date).
fn three_segments(name: &str) -> (PathBuf, String) {
    segments_of(name, 1000)
}

/// [`three_segments`] of `size` records each.
fn segments_of(name: &str, size: usize) -> (PathBuf, String) {
    let dir = build_dir().join("match-budget").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sample = dir.join("sample.jsonl");
    let count = (3 * size).to_string();
    let (ok, err) = gongkai_sample(&["--count", &count, "--seed", "7", "--out", sample.to_str().unwrap()]);
    assert!(ok, "{err}");
    let lines: Vec<String> = std::fs::read_to_string(&sample).unwrap().lines().map(str::to_string).collect();
    let date = |l: &String| serde_json::from_str::<Value>(l).unwrap()["published_at"].as_str().unwrap().to_string();
    assert!(lines.windows(2).all(|w| date(&w[0]) <= date(&w[1])), "the sample is in publication order");
    let thirds: Vec<PathBuf> = (0..3)
        .map(|i| {
            let path = dir.join(format!("third-{i}.jsonl"));
            write_lines(&path, &lines[i * size..(i + 1) * size]);
            path
        })
        .collect();
    let index = dir.join("index");
    let (index_s, third) = (index.to_str().unwrap(), |i: usize| thirds[i].to_str().unwrap().to_string());
    run(&["build", "--input", &third(2), "--out", index_s, "--threads", "1", "--quiet"]);
    for i in [0, 1] {
        run(&["update", "--index", index_s, "--input", &third(i), "--threads", "1", "--quiet"]);
    }
    (index, date(&lines[2 * size]))
}

fn open(index: &Path, match_budget: u64) -> LocalEdge {
    LocalEdge::open(index, edge::Config { match_budget, ..edge::Config::default() }).unwrap_or_else(|e| panic!("{e}"))
}

fn get(edge: &LocalEdge, path: &str) -> Value {
    let resp = edge.get(path);
    assert_eq!(resp.status, 200, "{path}");
    serde_json::from_slice(&resp.body).unwrap()
}

/// The year facet as (year, count) pairs.
fn years(answer: &Value) -> Vec<(String, u64)> {
    let list = answer["facets"]["year"].as_array().unwrap();
    list.iter().map(|y| (y["value"].as_str().unwrap().to_string(), y["count"].as_u64().unwrap())).collect()
}

#[test]
fn a_query_matching_more_than_the_budget_is_answered_from_the_newest_records() {
    let (index, newest_from) = three_segments("broad");
    let exact = open(&index, edge::config::DEFAULT_MATCH_BUDGET);
    assert_eq!(exact.engine.reader.searcher().segment_readers().len(), 3);
    let budgeted = open(&index, 100);
    let path = format!("/v1/search?q={}&size=50", encode("公告"));
    let all = get(&exact, &path);
    let some = get(&budgeted, &path);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 1000, "公告 is a broad query: {total}");
    assert_eq!(all["total_estimated"], false);
    assert_eq!(some["total_estimated"], true, "{some}");
    // Only the newest segment was searched: every hit and every counted record is from it.
    let dates = hit_field(&some, "published_at");
    assert_eq!(dates.len(), 50);
    assert!(dates.iter().all(|d| *d >= newest_from), "hits older than {newest_from}: {dates:?}");
    let counted: u64 = years(&some).iter().map(|y| y.1).sum();
    assert!(years(&some).iter().all(|y| y.0.as_str() >= &newest_from[..4]), "{:?}", years(&some));
    assert!(counted >= 100 && counted < total, "the facets count the records searched: {counted} of {total}");
    // The total is extrapolated by record count: three segments of a thousand, one searched.
    let estimate = some["total"].as_u64().unwrap();
    assert_eq!(estimate, counted * 3, "{counted} counted in a third of the records");
    let off = (estimate as f64 - total as f64).abs() / total as f64;
    assert!(off < 0.35, "estimate {estimate} against {total}");
}

#[test]
fn under_the_budget_answers_are_exact_and_newest_first_browsing_agrees() {
    let (index, _) = three_segments("narrow");
    let exact = open(&index, edge::config::DEFAULT_MATCH_BUDGET);
    let budgeted = open(&index, 100);
    // A query matching fewer records than the budget: the same answer, word for word.
    let narrow = format!("/v1/search?q={}", encode("采矿权 挂牌出让"));
    let (a, b) = (get(&exact, &narrow), get(&budgeted, &narrow));
    assert!(a["total"].as_u64().unwrap() > 0 && a["total"].as_u64().unwrap() < 100, "{}", a["total"]);
    assert_eq!(a, b);
    // Browsing a domain newest first: the newest segment holds the newest records, so the
    // first page is the exact one even though only that segment was searched.
    let browse = "/v1/search?domain=procurement&sort=date&size=20";
    let (a, b) = (get(&exact, browse), get(&budgeted, browse));
    assert_eq!(b["total_estimated"], true);
    assert_eq!(hit_field(&a, "id"), hit_field(&b, "id"));
}

#[test]
fn merged_segments_keep_their_records_in_time_order() {
    let (index, _) = three_segments("merged");
    run(&["update", "--index", index.to_str().unwrap(), "--merge", "--threads", "1", "--quiet"]);
    let edge = open(&index, edge::config::DEFAULT_MATCH_BUDGET);
    let searcher = edge.engine.reader.searcher();
    assert_eq!(searcher.segment_readers().len(), 1);
    let segment = &searcher.segment_readers()[0];
    let published = segment.fast_fields().i64(gongkai_core::schema::names::PUBLISHED).unwrap();
    let days: Vec<i64> = (0..segment.max_doc()).map(|d| published.first(d).unwrap()).collect();
    let descents = days.windows(2).filter(|w| w[1] < w[0]).count();
    assert_eq!(descents, 0, "the merge stacked the segments oldest first");
}

/// A request answered cold by rounds of range loads, as the Worker reads the index: its answer,
/// its rounds, and the segments whose columns, fieldnorms, postings or positions it read.
fn cold(index: &Path, match_budget: u64, path_and_query: &str) -> (edge::http::Response, usize, BTreeSet<String>) {
    cold_with(index, edge::Config { match_budget, ..edge::Config::default() }, path_and_query)
}

/// [`cold`] with any settings.
fn cold_with(
    index: &Path,
    config: edge::Config,
    path_and_query: &str,
) -> (edge::http::Response, usize, BTreeSet<String>) {
    let lazy = LocalEdge::open_by_rounds(index, config).unwrap_or_else(|e| panic!("{e}"));
    let (path, query) = path_and_query.split_once('?').unwrap();
    let req = edge::http::Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] };
    let (mut rounds, mut segments) = (0, BTreeSet::new());
    let resp = lazy.respond_by_rounds(&req, |round| {
        rounds += 1;
        for read in round.chunk_reads {
            let name = read.path.rsplit('/').next().unwrap();
            let (segment, ext) = name.split_once('.').unwrap_or((name, ""));
            if ["fast", "fieldnorm", "idx", "pos"].iter().any(|e| ext.starts_with(e)) {
                segments.insert(segment.to_string());
            }
        }
    });
    (resp, rounds, segments)
}

/// The segment ids of `edge`'s index, the one holding the newest records first.
fn newest_first(edge: &LocalEdge) -> Vec<String> {
    let searcher = edge.engine.reader.searcher();
    let readers = searcher.segment_readers();
    edge.engine.newest_first(readers).into_iter().map(|i| readers[i].segment_id().uuid_string()).collect()
}

#[test]
fn a_cold_search_loads_only_the_segments_the_budget_lets_it_reach() {
    // Segments large enough that their dictionaries are not all read at opening: a warm-up
    // must still look up every segment's entries, which scoring weighs over the whole index.
    let (index, _) = segments_of("warm-up", 8000);
    let budgeted = open(&index, 800);
    let segments = newest_first(&budgeted);
    // Queries whose words alone (公告 in titles), or whose topic's domain (政采: procurement),
    // match more than the budget in the newest segment: the older two segments are neither
    // warmed nor searched.
    for path in [format!("/v1/search?q={}&size=20", encode("公告")), format!("/v1/search?q={}", encode("政采"))] {
        let expected = budgeted.get(&path);
        assert_eq!(expected.status, 200, "{path}");
        let (resp, rounds, read) = cold(&index, 800, &path);
        assert!(resp.body == expected.body, "{path}: read by rounds it answered otherwise");
        assert!(rounds <= 3, "{path}: {rounds} rounds");
        assert_eq!(read, BTreeSet::from([segments[0].clone()]), "{path}: only the newest segment is read");
        let (_, _, every_segment) = cold(&index, 1_000_000, &path);
        assert_eq!(every_segment.len(), 3, "{path}: without the budget, all three are read");
    }
    // Where the floor knows nothing (a filter, two required concepts), every segment is warmed
    // and the answer is still the one in memory, in no more rounds.
    for path in [
        format!("/v1/search?q={}&domain=procurement", encode("公告")),
        format!("/v1/search?q={}", encode("南京 施工招标")),
    ] {
        let (resp, rounds, read) = cold(&index, 800, &path);
        assert!(resp.body == budgeted.get(&path).body, "{path}: read by rounds it answered otherwise");
        assert!(rounds <= 3, "{path}: {rounds} rounds");
        assert_eq!(read.len(), 3, "{path}");
    }
}

#[test]
fn a_query_whose_postings_pass_the_read_budget_is_answered_from_the_newest_segments() {
    let (index, newest_from) = segments_of("read-budget", 8000);
    // Two required concepts: the match budget's floor knows nothing, so without the read
    // budget every segment is read.
    let path = format!("/v1/search?q={}&size=50", encode("南京 施工招标"));
    let exact_config = edge::Config::default();
    let tight = edge::Config { read_budget: 1, ..edge::Config::default() };
    let exact = LocalEdge::open(&index, exact_config.clone()).unwrap_or_else(|e| panic!("{e}"));
    let budgeted = LocalEdge::open(&index, tight.clone()).unwrap_or_else(|e| panic!("{e}"));
    let segments = newest_first(&budgeted);
    let (all, some) = (get(&exact, &path), get(&budgeted, &path));
    assert_eq!(all["total_estimated"], false, "8 MiB is far more than 24,000 records' postings");
    assert_eq!(some["total_estimated"], true, "{some}");
    let total = all["total"].as_u64().unwrap();
    assert!(total > 50, "{total}");
    // Only the newest segment (always searched, whatever the budget): hits and counts from it.
    let dates = hit_field(&some, "published_at");
    assert!(!dates.is_empty() && dates.iter().all(|d| *d >= newest_from), "hits older than {newest_from}: {dates:?}");
    let counted: u64 = years(&some).iter().map(|y| y.1).sum();
    assert!(counted < total && some["total"].as_u64().unwrap() == counted * 3, "{counted} of {total}");
    // Read by rounds, as the Worker does: the same answer, and only that segment's columns,
    // fieldnorms, postings and positions are loaded.
    let (resp, rounds, read) = cold_with(&index, tight, &path);
    assert!(resp.body == budgeted.get(&path).body, "read by rounds it answered otherwise");
    assert!(rounds <= 3, "{rounds} rounds");
    assert_eq!(read, BTreeSet::from([segments[0].clone()]));
    let (resp, _, read) = cold_with(&index, exact_config, &path);
    assert!(resp.body == exact.get(&path).body);
    assert_eq!(read.len(), 3, "within the budget, every segment is read");
}
