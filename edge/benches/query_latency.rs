//! Query latency benchmark: prints p50/p99 of whole requests through the edge handler
//! (query understanding, search, facets, snippets, JSON) on a loaded bundle, and the time of
//! query understanding alone.
//!
//! ```text
//! cargo bench -p edge --bench query_latency -- build/bench/index-20k
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

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-')).unwrap_or_else(|| "build/bench/index-20k".into());
    // Cargo runs benches in the package directory; paths are taken from the workspace root.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let started = Instant::now();
    let edge = match LocalEdge::open(&dir, Config::default()) {
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

    // Warm up: first queries load document shards and build lazy tables.
    for q in QUERIES {
        edge.get(&format!("/v1/search?q={}", encode(q)));
    }
    let rounds = 20;
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            let resp = edge.get(&format!("/v1/search?q={}", encode(q)));
            times.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(resp.status, 200);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "search (whole request, {} queries): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

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
