//! `index-builder`: reads disclosure records and builds a Gongkai index bundle.
//!
//! ```text
//! index-builder build --input <records.jsonl|.csv|dir> --out <index-dir> [--strict] [--memory-mb 160]
//! index-builder update --index <index-dir> [--input <records>] [--withdraw <ids.txt>] [--merge]
//! ```

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use index_builder::{build, update};

#[derive(Parser)]
#[command(name = "index-builder", version, about = "Builds a Gongkai search index bundle from disclosure records")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate records and build an index bundle (published atomically into --out).
    Build {
        /// A .jsonl/.json/.csv/.html file, or a directory of them.
        #[arg(long)]
        input: PathBuf,
        /// The index bundle directory to create or replace.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        run: RunFlags,
    },
    /// Add, replace (变更, same id) and withdraw (撤回) records in a published index without
    /// rebuilding it: a new segment plus deletions, published atomically as a new index
    /// version. An item `{"id": "...", "withdrawn": true}` in --input withdraws that id.
    Update {
        /// The published index bundle to update (replaced atomically by the updated one).
        #[arg(long)]
        index: PathBuf,
        /// Records to add or replace, and withdrawals: a .jsonl/.json/.csv/.html file or a
        /// directory of them.
        #[arg(long)]
        input: Option<PathBuf>,
        /// A text file of record ids to withdraw, one a line (applied before --input).
        #[arg(long)]
        withdraw: Option<PathBuf>,
        /// Merge the index's segments afterwards (drops deleted documents for good).
        #[arg(long)]
        merge: bool,
        #[command(flatten)]
        run: RunFlags,
    },
}

/// How a build or an update runs: the flags both take.
#[derive(clap::Args)]
struct RunFlags {
    /// Fail (leaving the index as it was) if any record is rejected.
    #[arg(long)]
    strict: bool,
    /// Indexing threads.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Memory for the indexing buffers in MB, shared by the threads (at least 15 per thread).
    /// Peak memory is about this plus a little per record, whatever the corpus size; a larger
    /// corpus than fits is flushed into more segments and merged.
    #[arg(long = "memory-mb", default_value_t = build::DEFAULT_MEMORY_MB)]
    memory_mb: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { input, out, run } => {
            let RunFlags { strict, threads, quiet, memory_mb } = run;
            let opts = build::Options { input, out: out.clone(), strict, progress: !quiet, threads, memory_mb };
            match build::run(&opts) {
                Ok(report) => {
                    let per_sec = report.doc_count as f64 / (report.build_ms.max(1) as f64 / 1000.0);
                    eprintln!(
                        "built {} documents into {} in {} ms ({:.0} records/s, peak RSS {}) ({} rejected, {} replaced, {} late; see {}/report.json)",
                        report.doc_count,
                        out.display(),
                        report.build_ms,
                        per_sec,
                        peak_rss().unwrap_or_else(|| "unknown".into()),
                        report.rejected.len(),
                        report.replaced,
                        report.late.len(),
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Update { index, input, withdraw, merge, run } => {
            let RunFlags { strict, threads, quiet, memory_mb } = run;
            let opts = update::UpdateOptions {
                index: index.clone(),
                input,
                withdraw,
                merge,
                strict,
                progress: !quiet,
                threads,
                memory_mb,
            };
            match update::run(&opts) {
                Ok(report) => {
                    let u = report.update.clone().unwrap_or_default();
                    eprintln!(
                        "updated {} from version {} to {} in {} ms (peak RSS {}): {} added, {} replaced, {} withdrawn ({} not in the index), {} rejected; {} documents in {} segment(s){}",
                        index.display(),
                        u.from_version,
                        report.index_version,
                        report.build_ms,
                        peak_rss().unwrap_or_else(|| "unknown".into()),
                        u.added,
                        u.replaced,
                        u.withdrawn,
                        u.not_found.len(),
                        report.rejected.len(),
                        report.doc_count,
                        u.segments,
                        if u.merged { ", merged" } else { "" }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Peak resident memory of this process (Linux `VmHWM`), for the build summary.
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kb as f64 / 1024.0))
}
