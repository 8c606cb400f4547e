//! What a warm Worker re-fetches: the requests of a file (one `/v1/...?query` a line, e.g. the
//! Worker benchmark's) answered over and over by an engine that reads its index by rounds, as
//! the Worker does, with the Worker's bounded chunk cache; per pass, the bytes and rounds of
//! range reads the requests still needed:
//! `cargo run --release -p edge --example cache_cycle -- <index-dir> <paths-file> [passes] [cache-mb]`
//! (for judging the cache's policy without workerd).

use edge::native::LocalEdge;
use edge::Config;
use std::path::Path;
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, paths, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cache_cycle <index-dir> <paths-file> [passes] [cache-mb]");
        return std::process::ExitCode::from(2);
    };
    let passes: usize = rest.first().and_then(|p| p.parse().ok()).unwrap_or(4);
    let cache_mb: Option<usize> = rest.get(1).and_then(|p| p.parse().ok());
    match run(Path::new(dir), Path::new(paths), passes, cache_mb) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cache_cycle: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, paths: &Path, passes: usize, cache_mb: Option<usize>) -> Result<(), String> {
    let text = std::fs::read_to_string(paths).map_err(|e| format!("{}: {e}", paths.display()))?;
    let requests: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut config = Config::default();
    if let Some(mb) = cache_mb {
        config.index_cache_bytes = mb << 20;
    }
    let edge = LocalEdge::open_by_rounds(dir, config.clone()).map_err(|e| e.to_string())?;
    let stats = || edge.engine.index_stats().unwrap_or_default();
    println!("cache {} MiB, {} requests a pass", config.index_cache_bytes >> 20, requests.len());
    for pass in 1..=passes {
        let (before, started) = (stats(), Instant::now());
        let mut needing = 0;
        for r in &requests {
            let rounds = stats().rounds();
            let resp = edge.get(r);
            if resp.status != 200 {
                return Err(format!("{r}: status {}", resp.status));
            }
            needing += usize::from(stats().rounds() > rounds);
        }
        let after = stats();
        let n = requests.len() as f64;
        println!(
            "pass {pass}: {:.2} MiB fetched ({:.1} KiB a request), {:.2} rounds a request, {needing} requests needed a round, {:.0} ms, cache {:.1} MiB",
            (after.bytes_fetched - before.bytes_fetched) as f64 / 1048576.0,
            (after.bytes_fetched - before.bytes_fetched) as f64 / 1024.0 / n,
            (after.rounds() - before.rounds()) as f64 / n,
            started.elapsed().as_secs_f64() * 1e3,
            after.cached_bytes as f64 / 1048576.0,
        );
    }
    Ok(())
}
