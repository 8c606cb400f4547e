//! Query latency benchmark: prints p50/p99 of whole requests through the edge handler
//! (query understanding, search, facets, snippets, JSON) on a loaded bundle, and the time of
//! query understanding alone.
//!
//! With the index read lazily (edge-serve's default, [`edge::lazy`]) it also prints the
//! process's resident memory after loading, the index bytes read at start, and the range reads
//! and bytes per query, cold (first time each query runs) and warm; `--in-memory` loads the
//! whole index as before, for comparison; `--by-rounds` reads it as the Worker would, without
//! synchronous reads: opening and each request load what they miss by rounds of range reads, and
//! the rounds (sequential round trips to R2, for the Worker) are printed.
//!
//! ```text
//! cargo bench -p edge --bench query_latency -- build/bench/index-20k [--in-memory | --by-rounds]
//! ```

use edge::native::LocalEdge;
use edge::Config;
use std::time::Instant;

const QUERIES: &[&str] = &[
    "公租房",
    "苏州 卖地",
    "政采",
    "江宁区 中标候选人",
    "黑名单",
    "国有建设用地使用权",
    "gongzufang",
    "tudi churang",
    "工告",
    "侯选人",
    "医院买医疗设备的招标公告",
    "哪些公司被列入黑名单",
    "带量采购 拟中选",
    "昆山 保障性租赁住房",
    "采矿权 挂牌出让",
    "国企 产权转让",
    "行政处罚决定",
    "摇号",
    "棚改",
    "南京 施工招标",
    "集采",
    "苏政办发〔2018〕50号",
    "无锡 政府采购 合同",
    "常州 地块 成交",
    "盐城 矿",
    "徐州 鼓楼 公告",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// A line of `/proc/self/status` in MiB (Linux), or 0.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// The process's resident set size in MiB: everything, and the part that is its own memory
/// (not pages of the mapped bundle files, which the kernel can drop and read again).
fn rss_mib() -> String {
    format!("{:.1} MiB ({:.1} MiB not file pages)", status_mib("VmRSS:"), status_mib("RssAnon:"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    percentile(&v, 0.5)
}

fn main() {
    let in_memory = std::env::args().any(|a| a == "--in-memory");
    let by_rounds = std::env::args().any(|a| a == "--by-rounds");
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-')).unwrap_or_else(|| "build/bench/index-20k".into());
    // Cargo runs benches in the package directory; paths are taken from the workspace root.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let started = Instant::now();
    let rss_before = rss_mib();
    let opened = if in_memory {
        LocalEdge::open_in_memory(&dir, Config::default())
    } else if by_rounds {
        LocalEdge::open_by_rounds(&dir, Config::default())
    } else {
        // As edge-serve opens it (its default cache).
        LocalEdge::open(&dir, Config { index_cache_bytes: edge::native::SERVER_INDEX_CACHE_BYTES, ..Config::default() })
    };
    let edge = match opened {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}\n(run `make bench` to build the 20,000-record benchmark index)");
            std::process::exit(1);
        }
    };
    println!(
        "index: {}, {} documents, loaded in {:.1} ms",
        dir.display(),
        edge.engine.doc_count(),
        started.elapsed().as_secs_f64() * 1e3
    );

    let index_bytes: u64 = edge.engine.manifest.index_files.iter().map(|f| f.bytes).sum();
    println!(
        "mode: {}; resident memory after loading {} (before {}); index files {:.1} MiB",
        if in_memory {
            "index in memory"
        } else if by_rounds {
            "index read lazily by rounds of range loads (as the Worker)"
        } else {
            "index read lazily (pread)"
        },
        rss_mib(),
        rss_before,
        index_bytes as f64 / 1048576.0
    );
    if let Some(s) = edge.engine.index_stats() {
        println!(
            "read at start: {} range reads, {:.1} KiB, {} rounds",
            s.range_reads,
            s.bytes_fetched as f64 / 1024.0,
            s.load_rounds
        );
    }

    // Warm up: first queries load document shards and build lazy tables. With the lazy index,
    // this first pass is each query's cold run: its range reads and bytes are printed.
    let mut cold_ms = Vec::new();
    let (mut cold_reads, mut cold_bytes, mut cold_rounds) = (Vec::new(), Vec::new(), Vec::new());
    for q in QUERIES {
        let before = edge.engine.index_stats().unwrap_or_default();
        let t = Instant::now();
        edge.get(&format!("/v1/search?q={}", encode(q)));
        cold_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let after = edge.engine.index_stats().unwrap_or_default();
        cold_reads.push((after.range_reads - before.range_reads) as f64);
        cold_bytes.push((after.bytes_fetched - before.bytes_fetched) as f64 / 1024.0);
        cold_rounds.push((after.rounds() - before.rounds()) as f64);
    }
    let first_total: f64 = cold_bytes.iter().sum();
    println!(
        "first run of each query (cold): p50 {:.2} ms; range reads p50 {:.0}, max {:.0}; KiB read p50 {:.0}, max {:.0}, total {:.0}",
        median(cold_ms),
        median(cold_reads.clone()),
        cold_reads.iter().cloned().fold(0.0, f64::max),
        median(cold_bytes.clone()),
        cold_bytes.iter().cloned().fold(0.0, f64::max),
        first_total
    );
    if by_rounds {
        println!(
            "rounds of loads per cold query (index chunks, document shards): p50 {:.0}, max {:.0}",
            median(cold_rounds.clone()),
            cold_rounds.iter().cloned().fold(0.0, f64::max)
        );
    }
    let before_warm = edge.engine.index_stats().unwrap_or_default();
    let rounds = 20;
    let mut times = Vec::new();
    let mut per_query = vec![Vec::new(); QUERIES.len()];
    for _ in 0..rounds {
        for (i, q) in QUERIES.iter().enumerate() {
            let t = Instant::now();
            let resp = edge.get(&format!("/v1/search?q={}", encode(q)));
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push(ms);
            per_query[i].push(ms);
            assert_eq!(resp.status, 200);
        }
    }
    times.sort_by(f64::total_cmp);
    // The queries that cost most, by their own median: where a larger index hurts.
    let mut by_query: Vec<(f64, &str)> = per_query.into_iter().map(median).zip(QUERIES.iter().copied()).collect();
    by_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = by_query.iter().take(5).map(|(ms, q)| format!("{q} {ms:.1} ms")).collect();
    println!("slowest queries (median of {rounds}): {}", slowest.join(", "));
    println!(
        "search (whole request, {} queries): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    if let Some(after) = edge.engine.index_stats() {
        let n = times.len() as f64;
        println!(
            "warm: {:.2} range reads, {:.2} rounds and {:.1} KiB read per query (cache {:.1} MiB); {:.0} reads by tantivy and {:.1} KiB of chunks joined per query; resident memory now {}",
            (after.range_reads - before_warm.range_reads) as f64 / n,
            (after.rounds() - before_warm.rounds()) as f64 / n,
            (after.bytes_fetched - before_warm.bytes_fetched) as f64 / 1024.0 / n,
            after.cached_bytes as f64 / 1048576.0,
            (after.reads - before_warm.reads) as f64 / n,
            (after.bytes_joined - before_warm.bytes_joined) as f64 / 1024.0 / n,
            rss_mib()
        );
    } else {
        println!("resident memory now {}", rss_mib());
    }

    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            let resp = edge.get(&format!("/v1/suggest?q={}", encode(&q.chars().take(2).collect::<String>())));
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(resp.status, 200);
        }
    }
    times.sort_by(f64::total_cmp);
    println!("suggest: p50 {:.3} ms, p99 {:.3} ms", percentile(&times, 0.5), percentile(&times, 0.99));

    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            let plan = edge::understanding::query::understand(q);
            std::hint::black_box(plan);
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "query understanding alone: p50 {:.3} ms, p99 {:.3} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
}
