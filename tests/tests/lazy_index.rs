//! The index read lazily, by verified 64 KiB chunks (`edge::lazy`, what edge-serve does by
//! default), against the same bundle loaded whole into memory: the same answers, far fewer
//! bytes read at start, each chunk checked once (edge-serve maps the files) or a cache within
//! its budget (read by rounds, as the Worker), and a corrupt chunk answered with a JSON 500
//! naming the file, never a panic.
//!
//! Run: `cargo test -p gongkai-tests --test lazy_index`

use edge::native::LocalEdge;
use edge::Config;
use gongkai_core::bundle::Manifest;
use gongkai_tests::{encode, sample_index};
use serde_json::Value;
use std::path::Path;

/// Requests over every endpoint that reads the index: searches (words, places, pinyin,
/// colloquial and wrong characters, codes, filters, date order, pages), entities, projects,
/// the catalog, timeliness statistics, feeds and suggestions.
fn requests() -> Vec<String> {
    let mut out: Vec<String> = [
        "公租房",
        "苏州 卖地",
        "江宁区 中标候选人",
        "国有建设用地使用权 挂牌出让",
        "gongzufang",
        "侯选人",
        "医院买医疗设备的招标公告",
        "哪些公司被列入黑名单",
        "采矿权 挂牌出让",
        "苏政办发〔2018〕50号",
        "无锡 政府采购 合同",
        "保障性租赁住房 摇号",
    ]
    .iter()
    .map(|q| format!("/v1/search?q={}", encode(q)))
    .collect();
    out.extend(
        [
            "/v1/search?q=%E5%85%AC%E5%91%8A&domain=land&sort=date&size=20",
            "/v1/search?q=%E9%87%87%E8%B4%AD&region=320500&page=2",
            "/v1/search?q=%E5%90%88%E5%90%8C&from=2025-01-01&to=2025-06-30",
            "/v1/catalog",
            "/v1/catalog?domain=procurement&region=320100",
            "/v1/stats/timeliness?group=domain",
            "/v1/stats/timeliness?group=region",
            "/v1/feed?q=%E5%9C%9F%E5%9C%B0&format=json",
            "/v1/suggest?q=%E5%85%AC%E7%A7%9F",
            "/v1/meta",
        ]
        .map(String::from),
    );
    out
}

/// The entity and project requests, for names and codes the bundle really holds (read from the
/// in-memory edge's own answers, so they cannot drift from the sample generator).
fn entity_and_project_requests(edge: &LocalEdge) -> Vec<String> {
    let resp = edge.get("/v1/search?q=%E4%B8%AD%E6%A0%87&size=50");
    let body: Value = serde_json::from_slice(&resp.body).unwrap();
    let mut out = Vec::new();
    for hit in body["hits"].as_array().unwrap() {
        if let Some(code) = hit["project_code"].as_str() {
            if out.iter().all(|r: &String| !r.starts_with("/v1/project/")) {
                out.push(format!("/v1/project/{}", encode(code)));
            }
        }
        if let Some(name) = hit["entities"].as_array().and_then(|e| e.first()).and_then(Value::as_str) {
            if out.iter().all(|r: &String| !r.starts_with("/v1/entity")) {
                out.push(format!("/v1/entity?name={}", encode(name)));
            }
        }
    }
    assert_eq!(out.len(), 2, "the sample has hits with a project code and an entity: {out:?}");
    out
}

fn index_bytes(manifest: &Manifest) -> u64 {
    manifest.index_files.iter().map(|f| f.bytes).sum()
}

#[test]
fn the_lazy_index_answers_as_the_index_in_memory_checking_each_chunk_it_reads_once() {
    // edge-serve maps the bundle's tantivy files: a read is a slice of the mapping, and each
    // 64 KiB chunk it covers is checked against the manifest the first time, never copied.
    let index = sample_index("lazy");
    let whole = LocalEdge::open_in_memory(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let lazy = LocalEdge::open(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(whole.engine.index_stats().is_none());
    let total = index_bytes(&lazy.engine.manifest);
    let at_start = lazy.engine.index_stats().unwrap();
    assert!(at_start.range_reads > 0, "opening reads meta.json, footers and a column");
    assert!(
        at_start.bytes_fetched * 10 < total,
        "opening read {} of the index's {total} bytes",
        at_start.bytes_fetched
    );

    let mut reqs = requests();
    reqs.extend(entity_and_project_requests(&whole));
    let mut checked = Vec::new();
    for round in 0..2 {
        for r in &reqs {
            let (a, b) = (whole.get(r), lazy.get(r));
            assert_eq!(a.status, 200, "{r}: {}", String::from_utf8_lossy(&a.body));
            assert_eq!(b.status, a.status, "{r} (round {round}): {}", String::from_utf8_lossy(&b.body));
            assert!(b.body == a.body, "{r} (round {round}): the lazy index answered otherwise");
        }
        checked.push(lazy.engine.index_stats().unwrap());
    }
    let (first, second) = (checked[0], checked[1]);
    assert!(first.range_reads > at_start.range_reads, "the requests read chunks opening did not");
    assert_eq!(second.range_reads, first.range_reads, "the same requests again checked chunks again");
    assert!(second.bytes_fetched <= total, "checked {} bytes of an index of {total}", second.bytes_fetched);
    assert_eq!((second.cached_bytes, second.bytes_joined), (0, 0), "reads of a mapped bundle are slices");
    assert_eq!(second.not_warmed, 0, "edge-serve reads misses from disk");
}

#[test]
fn blacklisted_parties_are_right_on_a_cold_request_read_by_rounds_with_the_smallest_cache() {
    // Which parties are listed now (shown on every hit) comes with the bundle's notices
    // (`blacklist.json`), not from the index: read by rounds with the smallest cache, the first
    // request already marks them as the whole index does.
    let index = sample_index("lazy-blacklist");
    let whole = LocalEdge::open_in_memory(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let small = Config { index_cache_bytes: 64 * 1024, ..Config::default() };
    let lazy = LocalEdge::open_by_rounds(&index, small).unwrap_or_else(|e| panic!("{e}"));
    let listed = ["哪些公司被列入黑名单", "失信 行政处罚", "政府采购 中标公告"]
        .iter()
        .map(|q| format!("/v1/search?q={}", encode(q)))
        .filter(|r| String::from_utf8_lossy(&whole.get(r).body).contains("\"blacklisted\""))
        .collect::<Vec<_>>();
    assert!(!listed.is_empty(), "the sample's answers name no blacklisted party");
    for r in &listed {
        let (a, b) = (whole.get(r), lazy.get(r));
        assert_eq!(b.status, 200, "{r}: {}", String::from_utf8_lossy(&b.body));
        assert!(b.body == a.body, "{r}: the lazy index answered otherwise: {}", String::from_utf8_lossy(&b.body));
    }
}

#[test]
fn read_by_rounds_of_range_loads_as_the_worker_does_the_index_answers_as_in_memory() {
    let index = sample_index("lazy-rounds");
    let whole = LocalEdge::open_in_memory(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    // No synchronous reads: opening and each request load what they miss, by rounds.
    let lazy = LocalEdge::open_by_rounds(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let at_start = lazy.engine.index_stats().unwrap();
    // The builder recorded what opening reads (the manifest's hot chunks): all of it comes in
    // the first round, and nothing is left for a second.
    let hot: usize = lazy.engine.manifest.index_files.iter().map(|f| f.hot.len()).sum();
    assert!(hot > 0, "the builder recorded no hot chunks");
    assert_eq!(at_start.load_rounds, 1, "opening took {} rounds", at_start.load_rounds);
    // It read the footers, the dictionaries' block indexes and the column directories, and of
    // the postings and positions only their footers and the header of each field's section:
    // under half of them even in this small sample.
    let m = &lazy.engine.manifest;
    let is_big = |name: &str| name.ends_with(".idx") || name.ends_with(".pos");
    let big: u64 = m.index_files.iter().filter(|f| is_big(&f.name)).map(|f| f.bytes).sum();
    assert!(at_start.bytes_fetched <= index_bytes(m) - big + big / 2, "{at_start:?}, postings and positions {big}");
    let mut reqs = requests();
    reqs.extend(entity_and_project_requests(&whole));
    let mut max_rounds = 0;
    for round in 0..2 {
        for r in &reqs {
            let before = lazy.engine.index_stats().unwrap().load_rounds;
            let (a, b) = (whole.get(r), lazy.get(r));
            let rounds = lazy.engine.index_stats().unwrap().load_rounds - before;
            max_rounds = max_rounds.max(rounds);
            if round == 1 {
                // The sample's index fits in the default cache: the second time, nothing is loaded.
                assert_eq!(rounds, 0, "{r}");
            }
            assert_eq!(b.status, a.status, "{r} (round {round}): {}", String::from_utf8_lossy(&b.body));
            assert!(b.body == a.body, "{r} (round {round}): the lazy index answered otherwise");
        }
    }
    // A query answered a moment ago needs no load at all.
    let q = format!("/v1/search?q={}", encode("苏州 卖地"));
    lazy.get(&q);
    let before = lazy.engine.index_stats().unwrap();
    assert_eq!(lazy.get(&q).body, whole.get(&q).body);
    assert_eq!(lazy.engine.index_stats().unwrap().load_rounds, before.load_rounds);
    // A search warms its query before it scores (edge::lazy::warm): its dictionary blocks,
    // columns and fieldnorms come in one round, its postings and positions in a second; the
    // document shards are loaded apart. #12 asks for 3 sequential round trips a cold query.
    assert!(max_rounds <= 3, "a request took {max_rounds} rounds of index ranges");
    let after = lazy.engine.index_stats().unwrap();
    assert!(after.not_warmed > 0, "misses were found and loaded: {after:?}");
}

#[test]
fn a_cold_search_takes_at_most_three_rounds_its_shards_and_project_sizes_coming_together() {
    let index = sample_index("lazy-rounds");
    let mut timelines = 0;
    for r in requests().iter().filter(|r| r.starts_with("/v1/search")) {
        // A new engine for every request: each one cold (opening's own round not counted).
        let lazy = LocalEdge::open_by_rounds(&index, Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let (path, query) = r.split_once('?').unwrap();
        let req = edge::http::Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] };
        let mut rounds = Vec::new();
        let resp = lazy.respond_by_rounds(&req, |round| {
            let sizes = round.chunk_reads.iter().any(|c| c.path.ends_with(gongkai_core::projects::FILE_NAME));
            rounds.push((round.chunk_reads.len(), round.shards.len(), sizes));
        });
        assert_eq!(resp.status, 200, "{r}");
        let body: Value = serde_json::from_slice(&resp.body).unwrap();
        let hits = body["hits"].as_array().unwrap();
        timelines += hits.iter().filter(|h| h.get("timeline").is_some()).count();
        // Index chunks (dictionary blocks, columns, fieldnorms), then postings and positions,
        // then the page's document shards with the project sizes of its hits: #12's three
        // sequential round trips. Nothing is read after the shards.
        assert!(rounds.len() <= 3, "{r}: {rounds:?}");
        if !hits.is_empty() {
            let last = rounds.last().unwrap();
            assert!(last.1 > 0, "{r}: the last round loads the shards: {rounds:?}");
            let with_codes = hits.iter().any(|h| h["project_code"].is_string());
            assert!(!with_codes || last.2, "{r}: the hits' project sizes come with their shards: {rounds:?}");
        }
    }
    assert!(timelines > 0, "some hits show their project's timeline");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn a_corrupt_chunk_of_the_postings_is_a_json_500_naming_the_file_and_the_rest_still_answers() {
    let good = sample_index("lazy-corrupt");
    let dir = good.parent().unwrap().join("index-corrupt");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&good, &dir);
    let manifest = Manifest::parse(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    // One flipped byte in every chunk of every postings file but its last (the footer: see
    // below), a disk or upload that went bad: any query with a hit reads one of them.
    // Positions, columns and dictionaries stay good.
    let flip = |f: &gongkai_core::bundle::IndexFile, i: usize| {
        let (part, at) = f.chunk_location(i).unwrap();
        let path = dir.join(part);
        let mut bytes = std::fs::read(&path).unwrap();
        let mid = at as usize + (f.chunk_range(i).end - f.chunk_range(i).start) as usize / 2;
        bytes[mid] ^= 0x55;
        std::fs::write(&path, bytes).unwrap();
    };
    let postings: Vec<_> = manifest.index_files.iter().filter(|f| f.name.ends_with(".idx")).collect();
    assert!(!postings.is_empty());
    for f in &postings {
        for i in 0..f.chunks.len() - 1 {
            flip(f, i);
        }
    }
    let postings: Vec<String> = postings.iter().map(|f| f.name.clone()).collect();
    // Opening reads no postings, so it succeeds; the harm is found where it lies.
    let edge = LocalEdge::open(&dir, Config::default()).unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..2 {
        let resp = edge.get(&format!("/v1/search?q={}", encode("苏州 公租房")));
        assert_eq!(resp.status, 500);
        let body: Value = serde_json::from_slice(&resp.body).expect("a JSON error");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            postings.iter().any(|p| message.contains(p.as_str())) && message.contains("corrupt at chunk"),
            "{message}"
        );
    }
    // Read by rounds (as the Worker), opening also reads each field's first postings chunk
    // (every query's dictionaries and headers are loaded up front): refused at start, naming it.
    let e = LocalEdge::open_by_rounds(&dir, Config::default()).err().expect("refused");
    assert!(postings.iter().any(|p| e.to_string().contains(&format!("`{p}` is corrupt at chunk"))), "{e}");
    // What does not read the postings still answers.
    let meta = edge.get("/v1/meta");
    assert_eq!(meta.status, 200);
    let meta: Value = serde_json::from_slice(&meta.body).unwrap();
    assert_eq!(meta["doc_count"], 5000);
    // Loaded whole, the same bundle is refused at start (its files' SHA-256s are wrong).
    let e = LocalEdge::open_in_memory(&dir, Config::default()).err().expect("refused");
    assert!(e.to_string().contains(".idx") && e.to_string().contains("corrupt"), "{e}");
    // A corrupt footer chunk, which opening reads, refuses the bundle at start, naming it.
    let last = manifest.index_file(&postings[0]).unwrap();
    flip(last, last.chunks.len() - 1);
    let e = LocalEdge::open(&dir, Config::default()).err().expect("refused");
    let want = format!("`{}` is corrupt at chunk {}", postings[0], last.chunks.len() - 1);
    assert!(e.to_string().contains(&want), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
