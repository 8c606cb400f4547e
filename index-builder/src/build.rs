//! The build: validate, deduplicate, index, write the bundle, publish atomically.

use crate::input::{self, InputError};
use crate::report::{Rejected, Report};
use crate::timeliness;
use gongkai_core::bundle::{self, DocShardWriter, FileEntry, IndexFile, Manifest};
use gongkai_core::{calendar, schema, Record};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Memory for tantivy's indexing buffers, shared by the indexing threads: enough for 20,000
/// records in one segment per thread, well under the 300 MB peak the builder aims for.
const WRITER_MEMORY_BYTES: usize = 160_000_000;

/// Most entities one record may name. A bid opening lists a few dozen bidders and a published
/// blacklist a few hundred parties; ten thousand names on one record is an export that pasted a
/// whole list into one cell, and would make every hit showing it megabytes long: such a record
/// is rejected (field `entities`), to be split into several.
pub const MAX_ENTITIES: usize = 1000;

/// Validates one raw item into a record: the contract's checks, then the builder's limits.
fn validate(value: &serde_json::Value) -> Result<Record, gongkai_core::record::FieldError> {
    let record = Record::from_json(value)?;
    if record.entities.len() > MAX_ENTITIES {
        return Err(gongkai_core::record::FieldError::new(
            "entities",
            format!(
                "names {} entities, more than the {MAX_ENTITIES} one record may name; split the list into several records",
                record.entities.len()
            ),
        ));
    }
    Ok(record)
}

/// Build options.
#[derive(Debug, Clone)]
pub struct Options {
    /// A `.jsonl`/`.json`/`.csv`/`.html` file or a directory of them.
    pub input: PathBuf,
    /// The bundle directory to (re)place.
    pub out: PathBuf,
    /// Fail the whole build if any record is rejected.
    pub strict: bool,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// Indexing threads (1 or 2 on these machines).
    pub threads: usize,
}

/// Why a build failed. In every case the existing bundle at `out` is left untouched.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input could not be read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// `--strict` and some records were rejected.
    #[error("{0} record(s) rejected and --strict is set; the existing index was left as it was (first: {1})")]
    Strict(usize, String),
    /// No valid record at all.
    #[error("no valid records in the input ({0} rejected); the existing index was left as it was")]
    Empty(usize),
    /// Writing the bundle failed.
    #[error("writing the index into `{path}` failed: {reason}")]
    Write {
        /// Where.
        path: PathBuf,
        /// What happened.
        reason: String,
    },
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> BuildError {
    BuildError::Write { path: path.to_path_buf(), reason: e.to_string() }
}

/// Reads and validates every input record. Returns valid records (later ids replace earlier
/// ones, in input order of first appearance), the rejections and how many were replaced.
pub fn read_records(input: &Path) -> Result<(Vec<Record>, Vec<Rejected>, usize, usize), BuildError> {
    let mut records: Vec<Record> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut rejected = Vec::new();
    let mut replaced = 0;
    let mut read = 0;
    for file in input::input_files(input)? {
        input::read_file(&file, &mut |item| {
            read += 1;
            let file_name = item.location.file.display().to_string();
            let id_of = |v: &serde_json::Value| v.get("id").and_then(|i| i.as_str()).map(str::to_string);
            let result = match &item.value {
                Ok(v) => validate(v).map_err(|e| (id_of(v), e.field, e.reason)),
                Err((field, reason)) => Err((None, field.clone(), reason.clone())),
            };
            match result {
                Ok(record) => match by_id.get(&record.id) {
                    Some(&at) => {
                        records[at] = record;
                        replaced += 1;
                    }
                    None => {
                        by_id.insert(record.id.clone(), records.len());
                        records.push(record);
                    }
                },
                Err((id, field, reason)) => {
                    rejected.push(Rejected { file: file_name, line: item.location.line, id, field, reason })
                }
            }
        })?;
    }
    Ok((records, rejected, replaced, read))
}

/// Runs a whole build and publishes the bundle atomically.
pub fn run(opts: &Options) -> Result<Report, BuildError> {
    let started = Instant::now();
    let (records, rejected, replaced, read) = read_records(&opts.input)?;
    timing("read and validate", started);
    for r in &rejected {
        eprintln!("rejected {}:{}: field `{}`: {}", r.file, r.line, r.field, r.reason);
    }
    if opts.strict && !rejected.is_empty() {
        let first = &rejected[0];
        return Err(BuildError::Strict(
            rejected.len(),
            format!("{}:{} field `{}`: {}", first.file, first.line, first.field, first.reason),
        ));
    }
    if records.is_empty() {
        return Err(BuildError::Empty(rejected.len()));
    }

    let out = &opts.out;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "index".into());
    let tmp = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = write_bundle(&records, &tmp, opts).and_then(|(manifest, _)| {
        let mut report = summarize(&records, rejected, replaced, read);
        report.index_version = manifest.index_version.clone();
        report.build_ms = started.elapsed().as_millis();
        let json = serde_json::to_vec_pretty(&report).map_err(|e| write_err(&tmp, e))?;
        std::fs::write(tmp.join("report.json"), json).map_err(|e| write_err(&tmp, e))?;
        Ok(report)
    });
    match result {
        Ok(report) => {
            publish(&tmp, out)?;
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// Swaps the freshly built directory into place: the old bundle is moved aside, the new one
/// renamed in, and the old one removed. A crash in between leaves either the old or the new.
fn publish(tmp: &Path, out: &Path) -> Result<(), BuildError> {
    if out.exists() {
        let old = out.with_file_name(format!(
            ".{}.old-{}",
            out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(out, &old).map_err(|e| write_err(out, e))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(tmp);
            return Err(write_err(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out).map_err(|e| write_err(out, e))?;
    }
    Ok(())
}

fn progress_bar(len: usize, show: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !show || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg:10} [{bar:40}] {pos}/{len} records ({per_sec}, {eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Writes the tantivy index, document shards, lexicon and manifest into `dir`.
fn write_bundle(records: &[Record], dir: &Path, opts: &Options) -> Result<(Manifest, ()), BuildError> {
    let index_dir = dir.join("index");
    std::fs::create_dir_all(&index_dir).map_err(|e| write_err(&index_dir, e))?;
    let (schema, fields) = schema::build();
    let index = tantivy::Index::create_in_dir(&index_dir, schema).map_err(|e| write_err(&index_dir, e))?;
    gongkai_core::analysis::register(&index);
    let threads = opts.threads.clamp(1, 8);
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(threads, WRITER_MEMORY_BYTES).map_err(|e| write_err(&index_dir, e))?;

    let t0 = Instant::now();
    let bar = progress_bar(records.len(), opts.progress);
    bar.set_message("indexing");
    let mut shards = DocShardWriter::default();
    for record in records {
        let json = serde_json::to_vec(record).map_err(|e| write_err(dir, e))?;
        let ord = shards.push(json);
        writer.add_document(fields.document(record, ord)).map_err(|e| write_err(&index_dir, e))?;
        bar.inc(1);
    }
    timing("index documents", t0);
    bar.set_message("merging");
    writer.commit().map_err(|e| write_err(&index_dir, e))?;
    let segments = index.searchable_segment_ids().map_err(|e| write_err(&index_dir, e))?;
    timing(&format!("{} segments", segments.len()), t0);
    // One segment per indexing thread is kept as it is: merging them costs about as much as
    // a sixth of the build and saves the edge little. More segments than threads (a corpus
    // that outgrew the memory budget) are merged into one.
    if segments.len() > threads {
        writer.merge(&segments).wait().map_err(|e| write_err(&index_dir, e))?;
    }
    writer.garbage_collect_files().wait().map_err(|e| write_err(&index_dir, e))?;
    writer.wait_merging_threads().map_err(|e| write_err(&index_dir, e))?;
    bar.finish_and_clear();
    timing("commit and merge", t0);

    let mut files: Vec<FileEntry> = Vec::new();
    let mut index_files = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&index_dir)
        .map_err(|e| write_err(&index_dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    names.sort();
    for name in names {
        let path = index_dir.join(&name);
        let bytes = std::fs::read(&path).map_err(|e| write_err(&path, e))?;
        let parts = bundle::split_parts(&bytes);
        let mut part_paths = Vec::new();
        if parts.len() > 1 {
            for (suffix, chunk) in &parts {
                let rel = format!("index/{name}{suffix}");
                std::fs::write(dir.join(&rel), chunk).map_err(|e| write_err(dir, e))?;
                files.push(FileEntry {
                    path: rel.clone(),
                    bytes: chunk.len() as u64,
                    sha256: bundle::sha256_hex(chunk),
                });
                part_paths.push(rel);
            }
            std::fs::remove_file(&path).map_err(|e| write_err(&path, e))?;
        } else {
            let rel = format!("index/{name}");
            files.push(FileEntry { path: rel.clone(), bytes: bytes.len() as u64, sha256: bundle::sha256_hex(&bytes) });
            part_paths.push(rel);
        }
        index_files.push(IndexFile { name, parts: part_paths });
    }
    for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
        let _ = std::fs::remove_file(index_dir.join(lock));
    }

    let docs_dir = dir.join("docs");
    std::fs::create_dir_all(&docs_dir).map_err(|e| write_err(&docs_dir, e))?;
    let mut doc_shards = Vec::new();
    for (i, (first, count, bytes)) in shards.finish().into_iter().enumerate() {
        let rel = format!("docs/docs-{i:04}.bin");
        std::fs::write(dir.join(&rel), &bytes).map_err(|e| write_err(dir, e))?;
        files.push(FileEntry { path: rel.clone(), bytes: bytes.len() as u64, sha256: bundle::sha256_hex(&bytes) });
        doc_shards.push(bundle::DocShardEntry { path: rel, first, count });
    }

    let lexicon = gongkai_core::lexicon::Lexicon::build(records);
    let lex_bytes = lexicon.to_bytes();
    std::fs::write(dir.join(bundle::LEXICON_PATH), &lex_bytes).map_err(|e| write_err(dir, e))?;
    files.push(FileEntry {
        path: bundle::LEXICON_PATH.into(),
        bytes: lex_bytes.len() as u64,
        sha256: bundle::sha256_hex(&lex_bytes),
    });

    timing("bundle files", t0);
    // The dictionary the index was analysed with travels with it: an edge built without the
    // embedded dictionary (the Worker) analyses queries exactly as the index was.
    if let Some(dict) = gongkai_core::analysis::dictionary_text() {
        std::fs::write(dir.join(gongkai_core::analysis::DICTIONARY_FILE), dict).map_err(|e| write_err(dir, e))?;
        files.push(FileEntry {
            path: gongkai_core::analysis::DICTIONARY_FILE.into(),
            bytes: dict.len() as u64,
            sha256: bundle::sha256_hex(dict.as_bytes()),
        });
    }
    let manifest = Manifest {
        format: bundle::FORMAT.into(),
        index_version: bundle::index_version(&files),
        doc_count: records.len() as u64,
        built_at: now_rfc3339(),
        index_files,
        doc_shards,
        files,
        analyzer: gongkai_core::analysis::fingerprint(&bundle::sha256_hex(
            gongkai_core::analysis::dictionary_text().unwrap_or("").as_bytes(),
        )),
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| write_err(dir, e))?;
    std::fs::write(dir.join("manifest.json"), json).map_err(|e| write_err(dir, e))?;
    Ok((manifest, ()))
}

fn now_rfc3339() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.to_rfc3339()).unwrap_or_default()
}

fn summarize(records: &[Record], rejected: Vec<Rejected>, replaced: usize, read: usize) -> Report {
    let mut report = Report {
        doc_count: records.len(),
        records_read: read,
        replaced,
        rejected,
        calendar_years: {
            let years = calendar::known_years();
            format!("{}–{}", years.start(), years.end())
        },
        ..Default::default()
    };
    let mut by_domain = BTreeMap::new();
    let mut by_catalog = BTreeMap::new();
    let mut by_region = BTreeMap::new();
    let mut by_publisher = BTreeMap::new();
    for r in records {
        *by_domain.entry(r.domain.code().to_string()).or_insert(0) += 1;
        *by_catalog.entry(r.catalog_item.clone().unwrap_or_else(|| "none".into())).or_insert(0) += 1;
        *by_region.entry(r.region_code.clone()).or_insert(0) += 1;
        *by_publisher.entry(r.publisher.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
        if let Some(late) = timeliness::check(r) {
            report.late.push(late);
        }
    }
    report.by_domain = by_domain;
    report.by_catalog_item = by_catalog;
    report.by_region = by_region;
    report.by_publisher = by_publisher;
    report
}

/// Prints how long a phase took so far, when `GONGKAI_TIMING` is set (for profiling builds).
fn timing(phase: &str, since: Instant) {
    if std::env::var_os("GONGKAI_TIMING").is_some() {
        eprintln!("  {phase}: {:.0} ms", since.elapsed().as_secs_f64() * 1e3);
    }
}
