//! Which index chunks (and document shards) each round of a request loads, read by rounds as
//! the Worker reads:
//! `cargo run --release -p edge --example rounds -- <index-dir> '<path?query>' ...`
//! (for finding why a request takes more rounds than its warm-up plans for).

use edge::http::{Outcome, Request};
use edge::lazy::RequestChunks;
use edge::native::LocalEdge;
use edge::{Config, RequestShards};
use gongkai_core::bundle::Manifest;
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
    let edge = LocalEdge::open_by_rounds(dir, Config::default()).map_err(|e| e.to_string())?;
    let manifest_path = dir.join("manifest.json");
    let bytes = std::fs::read(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let manifest = Manifest::parse(&bytes).map_err(|e| e.to_string())?;
    let source = edge::lazy::DiskSource::open(dir, &manifest).map_err(|e| e.to_string())?;
    let lazy = edge.engine.lazy_directory().ok_or("the engine was not opened by rounds")?;
    for r in requests {
        let (path, query) = r.split_once('?').unwrap_or((r, ""));
        let req = Request { method: "GET".into(), path: path.into(), query: query.into(), headers: vec![] };
        let mut chunks = RequestChunks::default();
        let mut held = RequestShards::default();
        println!("{r}");
        let mut index_rounds = 0;
        for round in 1.. {
            let outcome = lazy.with_request(&mut chunks, || edge::http::handle(&edge.engine, &req, &held));
            if !chunks.has_missing() {
                // The page's document shards, loaded as the Worker loads them: the handler then
                // runs again, and what it reads of the index for the hits is one more round.
                if let Outcome::NeedShards(paths) = outcome {
                    println!("  round {round}: document shards {paths:?}");
                    for p in paths {
                        let file = source.read_whole(&p).map_err(|e| e.to_string())?;
                        let file = manifest.verify_file(&p, file).map_err(|e| e.to_string())?;
                        held.hold(p, edge.engine.add_shard(file).map_err(|e| e.to_string())?);
                    }
                    continue;
                }
                println!("  done after {index_rounds} index rounds and {} rounds in all", round - 1);
                break;
            }
            index_rounds += 1;
            let reads = lazy.reads_for(&chunks);
            let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for read in &reads {
                let ext = read.path.rsplit('.').next().unwrap_or("").trim_start_matches(char::is_numeric).to_string();
                let e = by_kind.entry(ext).or_default();
                e.0 += 1;
                e.1 += read.len;
            }
            println!("  round {round}: {by_kind:?}");
            for read in &reads {
                let bytes = edge::lazy::RangeSource::read_range(&source, &read.path, read.offset, read.len)
                    .map_err(|e| e.to_string())?;
                lazy.accept(&mut chunks, read, &bytes, false).map_err(|e| e.to_string())?;
            }
            if round > 30 {
                break;
            }
        }
    }
    Ok(())
}
