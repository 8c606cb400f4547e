//! `gongkai-sample`: writes the realistic sample corpus (JSON Lines) used by the demo, the tests
//! and the benchmarks.
//!
//! ```text
//! gongkai-sample --count 5000 --seed 7 --out build/sample.jsonl
//! ```

use clap::Parser;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generate the realistic sample corpus (JSON Lines): the same seed gives the same corpus.
#[derive(Parser)]
#[command(name = "gongkai-sample", version, about)]
struct Cli {
    /// Number of records.
    #[arg(long, default_value_t = 5000)]
    count: usize,
    /// Random seed (the same seed gives the same corpus, byte for byte).
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Output .jsonl file (its directory is created).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let records = gongkai_sample::generate(cli.count, cli.seed);
    match write_jsonl(&cli.out, &records) {
        Ok(()) => {
            eprintln!("wrote {} sample records to {}", records.len(), cli.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", cli.out.display());
            ExitCode::FAILURE
        }
    }
}

fn write_jsonl(path: &Path, records: &[gongkai_core::Record]) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
