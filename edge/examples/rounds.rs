//! Which index chunks (and document shards) each round of a request loads, read by rounds as
//! the Worker reads:
//! `cargo run --release -p edge --example rounds -- <index-dir> '<path?query>' ...`
//! (for finding why a request takes more rounds than its warm-up plans for). Settings come from
//! the environment under their Worker names (`MATCH_BUDGET=1000000 cargo run …`).

use edge::http::{Request, Round};
use edge::native::LocalEdge;
use edge::Config;
use std::collections::BTreeMap;
use std::path::Path;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, requests)) = args.split_first() else {
        eprintln!("usage: rounds <index-dir> '<path?query>' ...");
        return std::process::ExitCode::from(2);
    };
    match run(Path::new(dir), requests) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rounds: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, requests: &[String]) -> Result<(), String> {
    let config = Config::default().from_settings(|name| std::env::var(name).ok()).map_err(|e| e.to_string())?;
    let edge = LocalEdge::open_by_rounds(dir, config).map_err(|e| e.to_string())?;
    for r in requests {
        let (path, query) = r.split_once('?').unwrap_or((r, ""));
        let req = Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] };
        println!("{r}");
        let mut rounds = 0;
        let resp = edge.respond_by_rounds(&req, |round: &Round<'_>| {
            rounds += 1;
            let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for read in round.chunk_reads {
                let name = read.path.rsplit('/').next().unwrap_or("");
                let ext = name.split('.').nth(1).unwrap_or(name).to_string();
                let e = by_kind.entry(ext).or_default();
                e.0 += 1;
                e.1 += read.len;
            }
            println!("  round {rounds}: index chunks (reads, bytes) {by_kind:?}; document shards {:?}", round.shards);
        });
        println!("  status {} after {rounds} rounds", resp.status);
    }
    Ok(())
}
