//! The build: validate, deduplicate, index, write the bundle, publish atomically — streaming,
//! so memory is bounded by tantivy's indexing budget and a little state per record, not by the
//! size of the corpus.
//!
//! Pass 1 reads every input item once, validates it, and keeps only a 128-bit hash of each
//! valid record's id with its last position (a later record with the same id replaces the
//! earlier one: 变更), plus the rejections. Pass 2 reads the input again and indexes each
//! record at its last position only, writing document shards to disk as they fill and
//! collecting the lexicon and the report as it goes.

use crate::input::{self, InputError};
use crate::report::{Rejected, Report};
use crate::timeliness;
use gongkai_core::bundle::{self, BundleWriter, Manifest};
use gongkai_core::blacklist::Blacklist;
use gongkai_core::lexicon::LexiconBuilder;
use gongkai_core::projects::{self, ProjectCounter};
use gongkai_core::{calendar, schema, Record};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Default memory for tantivy's indexing buffers (MB), shared by the indexing threads: 20,000
/// records fit in one segment per thread, as fast as one big buffer; larger corpora flush more
/// segments, merged at the end, in the same memory.
pub const DEFAULT_MEMORY_MB: usize = 160;

/// Most documents a merged segment gets. Merging 1,000,000 records into one segment takes
/// 1.25 GB (measured); in segments of this size a merge stays near the indexing budget.
pub const MERGED_SEGMENT_DOCS: u32 = 250_000;

/// Groups consecutive segments (given their document counts) for merging: each group holds
/// at most [`MERGED_SEGMENT_DOCS`] documents (a larger segment stays alone), and groups of
/// one segment are left out (nothing to merge).
pub fn merge_groups(docs: &[u32]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut total = 0u32;
    for (i, &n) in docs.iter().enumerate() {
        if !current.is_empty() && total.saturating_add(n) > MERGED_SEGMENT_DOCS {
            groups.push(std::mem::take(&mut current));
            total = 0;
        }
        current.push(i);
        total = total.saturating_add(n);
    }
    groups.push(current);
    groups.retain(|g| g.len() > 1);
    groups
}

/// A segment as merging sees it: its id, live documents, whether it has deletions.
pub type SegmentEntry = (tantivy::index::SegmentId, u32, bool);

/// The searchable segments of `index`, oldest first: by their earliest publication date, then
/// their latest. Records arrive roughly in publication order, so each flushed segment covers a
/// window of time; merged in this order, a merged segment covers a window too, and an edge
/// searching newest segments first (its match budget, `edge::search`) reads the newest
/// records first. tantivy lists segments by id, which is random.
pub fn segments_in_time_order(index: &tantivy::Index) -> tantivy::Result<Vec<SegmentEntry>> {
    let mut dated = Vec::new();
    for segment in index.searchable_segments()? {
        let reader = tantivy::SegmentReader::open(&segment)?;
        let published = reader.fast_fields().i64(schema::names::PUBLISHED)?;
        let meta = segment.meta();
        dated.push(((published.min_value(), published.max_value()), (meta.id(), meta.num_docs(), meta.has_deletes())));
    }
    dated.sort_by_key(|(span, (id, _, _))| (*span, id.uuid_string()));
    Ok(dated.into_iter().map(|(_, entry)| entry).collect())
}

/// Least indexing memory per thread tantivy accepts (MB).
pub const MIN_MEMORY_MB_PER_THREAD: usize = 15;

/// Most entities one record may name. A bid opening lists a few dozen bidders and a published
/// blacklist a few hundred parties; ten thousand names on one record is an export that pasted a
/// whole list into one cell, and would make every hit showing it megabytes long: such a record
/// is rejected (field `entities`), to be split into several.
pub const MAX_ENTITIES: usize = 1000;

/// Validates one raw item into a record: the contract's checks, then the builder's limits.
pub(crate) fn validate(value: &serde_json::Value) -> Result<Record, gongkai_core::record::FieldError> {
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
    /// Memory for tantivy's indexing buffers in MB, shared by the threads (at least
    /// [`MIN_MEMORY_MB_PER_THREAD`] per thread).
    pub memory_mb: usize,
}

impl Options {
    /// Options with the defaults of the command line: 2 threads, [`DEFAULT_MEMORY_MB`], no
    /// progress bar, not strict.
    pub fn new(input: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Options {
        Options {
            input: input.into(),
            out: out.into(),
            strict: false,
            progress: false,
            threads: 2,
            memory_mb: DEFAULT_MEMORY_MB,
        }
    }
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
    /// An option is out of range.
    #[error("--{name}: {reason}")]
    BadOption {
        /// The option.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The input changed between the two passes of the build.
    #[error("`{file}` changed while the index was being built (line {line}); the existing index was left as it was: build again")]
    Changed {
        /// The file.
        file: String,
        /// Where the second reading differed.
        line: usize,
    },
    /// The bundle to update cannot be read or is not usable.
    #[error("the index in `{path}` cannot be updated: {reason}")]
    Bundle {
        /// The bundle directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Writing the bundle failed.
    #[error("writing the index into `{path}` failed: {reason}")]
    Write {
        /// Where.
        path: PathBuf,
        /// What happened.
        reason: String,
    },
}

pub(crate) fn write_err(path: &Path, e: impl std::fmt::Display) -> BuildError {
    BuildError::Write { path: path.to_path_buf(), reason: e.to_string() }
}

/// A 128-bit hash of a record id (pass 1 keeps these, not the ids).
pub(crate) fn id_key(id: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        id.hash(&mut h);
        h.finish() as u128
    };
    (half(0) << 64) | half(1)
}

/// What pass 1 learned: which input positions hold the record to index, and the rejections.
pub struct Plan {
    /// Input files, in reading order.
    pub files: Vec<PathBuf>,
    /// Bit `i` is set when input item `i` (counting every item of every file) is the last
    /// valid record with its id.
    keep: Vec<u64>,
    /// Records to index.
    pub kept: usize,
    /// Valid records replaced by a later one with the same id (变更).
    pub replaced: usize,
    /// Input items read, valid or not.
    pub read: usize,
    /// Rejected items.
    pub rejected: Vec<Rejected>,
    /// Ids withdrawn (撤回) by an item `{"id": "...", "withdrawn": true}` and not published
    /// again by a later item, in input order: an update deletes them from the index, a build
    /// just leaves out the earlier records with those ids.
    pub withdrawn: Vec<String>,
}

/// Whether an input item is a withdrawal, `{"id": "...", "withdrawn": true}` (other fields
/// are ignored): its id, or why the id is unusable.
pub fn withdrawal(value: &serde_json::Value) -> Option<Result<String, String>> {
    if value.get("withdrawn") != Some(&serde_json::Value::Bool(true)) {
        return None;
    }
    Some(match value.get("id").and_then(|i| i.as_str()).map(str::trim) {
        Some(id) if !id.is_empty() && id.chars().count() <= 200 => Ok(id.to_string()),
        _ => Err("a withdrawal (\"withdrawn\": true) needs the id, a non-empty string of at most 200 characters, of the record to withdraw".into()),
    })
}

impl Plan {
    /// Prints every rejected record (file, line, field, why) to standard error; with `strict`,
    /// any rejection fails the run, naming the first.
    pub(crate) fn report_rejections(&self, strict: bool) -> Result<(), BuildError> {
        for r in &self.rejected {
            eprintln!("rejected {}:{}: field `{}`: {}", r.file, r.line, r.field, r.reason);
        }
        match self.rejected.first() {
            Some(first) if strict => Err(BuildError::Strict(
                self.rejected.len(),
                format!("{}:{} field `{}`: {}", first.file, first.line, first.field, first.reason),
            )),
            _ => Ok(()),
        }
    }

    /// A plan with nothing to index (an update that only withdraws or merges).
    pub fn empty() -> Plan {
        Plan {
            files: Vec::new(),
            keep: Vec::new(),
            kept: 0,
            replaced: 0,
            read: 0,
            rejected: Vec::new(),
            withdrawn: Vec::new(),
        }
    }

    pub(crate) fn keeps(&self, position: usize) -> bool {
        self.keep.get(position / 64).is_some_and(|w| w & (1 << (position % 64)) != 0)
    }
}

/// Pass 1: reads and validates every input item, holding only id hashes and positions.
pub fn plan(input: &Path) -> Result<Plan, BuildError> {
    let files = input::input_files(input)?;
    // The last item with each id: its position, and whether it withdraws the id.
    let mut last: HashMap<u128, (u32, bool)> = HashMap::new();
    let mut withdrawals: Vec<(u32, u128, String)> = Vec::new();
    let mut rejected = Vec::new();
    let (mut read, mut valid) = (0usize, 0usize);
    for file in &files {
        input::read_file(file, &mut |item| {
            let position = read;
            read += 1;
            let id_of = |v: &serde_json::Value| v.get("id").and_then(|i| i.as_str()).map(str::to_string);
            if let Ok(v) = &item.value {
                match withdrawal(v) {
                    Some(Ok(id)) => {
                        let key = id_key(&id);
                        last.insert(key, (position as u32, true));
                        withdrawals.push((position as u32, key, id));
                        return;
                    }
                    Some(Err(reason)) => {
                        rejected.push(Rejected {
                            file: item.location.file.display().to_string(),
                            line: item.location.line,
                            id: None,
                            field: "id".into(),
                            reason,
                        });
                        return;
                    }
                    None => {}
                }
            }
            let result = match &item.value {
                Ok(v) => validate(v).map_err(|e| (id_of(v), e.field, e.reason)),
                Err((field, reason)) => Err((None, field.clone(), reason.clone())),
            };
            match result {
                Ok(record) => {
                    valid += 1;
                    last.insert(id_key(&record.id), (position as u32, false));
                }
                Err((id, field, reason)) => rejected.push(Rejected {
                    file: item.location.file.display().to_string(),
                    line: item.location.line,
                    id,
                    field,
                    reason,
                }),
            }
        })?;
    }
    let mut keep = vec![0u64; read.div_ceil(64)];
    let mut kept = 0;
    for &(p, withdrawn) in last.values() {
        if !withdrawn {
            keep[p as usize / 64] |= 1 << (p % 64);
            kept += 1;
        }
    }
    let withdrawn =
        withdrawals.into_iter().filter(|(p, key, _)| last.get(key) == Some(&(*p, true))).map(|(_, _, id)| id).collect();
    Ok(Plan { files, keep, kept, replaced: valid - kept, read, rejected, withdrawn })
}

/// The indexing threads a run uses (1 to 8), once the indexing memory is known to suffice for
/// them: the `--threads` and `--memory-mb` of a build and of an update alike.
pub(crate) fn indexing_threads(threads: usize, memory_mb: usize) -> Result<usize, BuildError> {
    let threads = threads.clamp(1, 8);
    if memory_mb < MIN_MEMORY_MB_PER_THREAD * threads || memory_mb > 64 * 1024 {
        return Err(BuildError::BadOption {
            name: "memory-mb",
            reason: format!(
                "{memory_mb} MB is out of range: tantivy needs at least {MIN_MEMORY_MB_PER_THREAD} MB per indexing thread ({} MB for {threads}), at most 65536",
                MIN_MEMORY_MB_PER_THREAD * threads
            ),
        });
    }
    Ok(threads)
}

/// Runs a whole build and publishes the bundle atomically.
pub fn run(opts: &Options) -> Result<Report, BuildError> {
    let started = Instant::now();
    let threads = indexing_threads(opts.threads, opts.memory_mb)?;
    let plan = plan(&opts.input)?;
    timing("read and validate", started);
    plan.report_rejections(opts.strict)?;
    if plan.kept == 0 {
        return Err(BuildError::Empty(plan.rejected.len()));
    }

    let out = &opts.out;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
    }
    stage_and_publish(out, "building", started, |tmp| write_bundle(&plan, tmp, opts, threads))
}

/// Writes a new version of the bundle `out` into a staging directory next to it
/// (`.<name>.<kind>-<pid>`, with `write`), adds its `report.json` (version and time filled
/// in) and publishes it atomically; on any failure the staging directory is removed and `out`
/// stays as it was. The one way builds and updates publish.
pub(crate) fn stage_and_publish(
    out: &Path,
    kind: &str,
    started: Instant,
    write: impl FnOnce(&Path) -> Result<(Manifest, Report), BuildError>,
) -> Result<Report, BuildError> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "index".into());
    remove_stale_staging(out);
    let tmp = parent.join(format!(".{name}.{kind}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = write(&tmp).and_then(|(mut manifest, mut report)| {
        record_hot_chunks(&tmp, &mut manifest)?;
        report.index_version = manifest.index_version.clone();
        report.build_ms = started.elapsed().as_millis();
        let json = serde_json::to_vec_pretty(&report).map_err(|e| write_err(&tmp, e))?;
        std::fs::write(tmp.join(bundle::REPORT_PATH), json).map_err(|e| write_err(&tmp, e))?;
        Ok(report)
    });
    match result {
        Ok(report) => {
            publish(&tmp, out)?;
            timing("published", started);
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// Removes what builds and updates of `out` killed before they finished left next to it
/// (`.<name>.building-<pid>`, `.<name>.updating-<pid>`, `.<name>.old-<pid>` of a process that
/// is no longer running): the published `out` never depends on them.
pub(crate) fn remove_stale_staging(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else { return };
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let Some(rest) = file_name.strip_prefix(&prefix) else { continue };
        let Some((kind, pid)) = rest.rsplit_once('-') else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let ours = pid == std::process::id();
        let running = Path::new(&format!("/proc/{pid}")).exists();
        if ["building", "updating", "old"].contains(&kind) && !ours && !running {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Swaps two directories in one step (Linux `renameat2(RENAME_EXCHANGE)`): there is no
/// moment at which neither exists. `false` where the system cannot (then the caller renames
/// twice).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(ca), Ok(cb)) =
        (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes()))
    else {
        return false;
    };
    // SAFETY: both pointers are NUL-terminated strings that live across the call.
    let rc =
        unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

/// Swaps the freshly built directory into place. On Linux the two directories are exchanged
/// atomically and the old one, now at `tmp`, removed: a reader (or a crash) sees the old
/// bundle or the new one, never none. Elsewhere the old bundle is moved aside, the new one
/// renamed in, and the old one removed.
pub(crate) fn publish(tmp: &Path, out: &Path) -> Result<(), BuildError> {
    if out.exists() && exchange(tmp, out) {
        let _ = std::fs::remove_dir_all(tmp);
        return Ok(());
    }
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

pub(crate) fn progress_bar(len: usize, show: bool) -> indicatif::ProgressBar {
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

/// The report's counts, collected one indexed record at a time.
pub(crate) struct Summary {
    pub(crate) report: Report,
}

impl Summary {
    pub(crate) fn new(plan: &Plan) -> Summary {
        let years = calendar::known_years();
        Summary {
            report: Report {
                records_read: plan.read,
                replaced: plan.replaced,
                rejected: plan.rejected.clone(),
                calendar_years: format!("{}–{}", years.start(), years.end()),
                ..Default::default()
            },
        }
    }

    pub(crate) fn add(&mut self, r: &Record) {
        let report = &mut self.report;
        report.doc_count += 1;
        *report.by_domain.entry(r.domain.code().to_string()).or_insert(0) += 1;
        *report.by_catalog_item.entry(r.catalog_item.clone().unwrap_or_else(|| "none".into())).or_insert(0) += 1;
        *report.by_region.entry(r.region_code.clone()).or_insert(0) += 1;
        *report.by_publisher.entry(r.publisher.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
        if let Some(late) = timeliness::check(r) {
            report.late.push(late);
        }
    }

    /// Takes back a record counted before (replaced or withdrawn by an update).
    pub(crate) fn remove(&mut self, r: &Record) {
        fn take(map: &mut std::collections::BTreeMap<String, usize>, key: String) {
            if let Some(n) = map.get_mut(&key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    map.remove(&key);
                }
            }
        }
        let report = &mut self.report;
        report.doc_count = report.doc_count.saturating_sub(1);
        take(&mut report.by_domain, r.domain.code().to_string());
        take(&mut report.by_catalog_item, r.catalog_item.clone().unwrap_or_else(|| "none".into()));
        take(&mut report.by_region, r.region_code.clone());
        take(&mut report.by_publisher, r.publisher.clone().unwrap_or_else(|| "unknown".into()));
        report.late.retain(|l| l.id != r.id);
    }
}

impl From<bundle::WriteError> for BuildError {
    fn from(e: bundle::WriteError) -> BuildError {
        BuildError::Write { path: e.path, reason: e.source.to_string() }
    }
}

/// Pass 2's reading, for a build and an update alike: every record the plan keeps, in input
/// order, validated again and handed to `index`; the first error `index` returns stops it. A
/// record that no longer reads or validates as in pass 1, or an input of another length, is
/// [`BuildError::Changed`]: the input changed under the builder.
pub(crate) fn for_each_kept_record(
    plan: &Plan,
    mut index: impl FnMut(Record) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let mut failed: Option<BuildError> = None;
    let mut position = 0usize;
    for file in &plan.files {
        input::read_file(file, &mut |item| {
            let at = position;
            position += 1;
            if failed.is_some() || !plan.keeps(at) {
                return;
            }
            match item.value.as_ref().ok().map(validate) {
                Some(Ok(record)) => {
                    if let Err(e) = index(record) {
                        failed = Some(e);
                    }
                }
                _ => {
                    let file = item.location.file.display().to_string();
                    failed = Some(BuildError::Changed { file, line: item.location.line });
                }
            }
        })?;
    }
    if position != plan.read && failed.is_none() {
        let file = plan.files.last().map(|f| f.display().to_string()).unwrap_or_default();
        failed = Some(BuildError::Changed { file, line: 0 });
    }
    failed.map_or(Ok(()), Err)
}

/// Pass 2: indexes every kept record into a [`BundleWriter`] (document shards written as they
/// fill), then adds the tantivy files with the project sizes ([`gongkai_core::projects`]), the
/// lexicon, the blacklist's notices and the dictionary, and the manifest.
fn write_bundle(plan: &Plan, dir: &Path, opts: &Options, threads: usize) -> Result<(Manifest, Report), BuildError> {
    let mut bundle_writer = BundleWriter::create(dir)?;
    let index_dir = bundle_writer.index_dir();
    let (schema, fields) = schema::build();
    let index = tantivy::Index::create_in_dir(&index_dir, schema).map_err(|e| write_err(&index_dir, e))?;
    gongkai_core::analysis::register(&index);
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(threads, opts.memory_mb * 1_000_000).map_err(|e| write_err(&index_dir, e))?;
    // No background merges: the segments committed are exactly those merged below (a
    // background merge could otherwise retire segments an explicit merge then asks for).
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));

    let t0 = Instant::now();
    let bar = progress_bar(plan.kept, opts.progress);
    bar.set_message("indexing");
    let mut lexicon = LexiconBuilder::default();
    let mut blacklist = Blacklist::default();
    let mut projects = ProjectCounter::default();
    let mut summary = Summary::new(plan);
    for_each_kept_record(plan, |record| {
        let json = serde_json::to_vec(&record).map_err(|e| write_err(dir, e))?;
        let ord = bundle_writer.push_doc(json)?;
        let (document, notice) = fields.analyse(&record, ord);
        let own = record.project_code.as_deref().map(gongkai_core::analysis::code_key);
        projects.add(ord, own.as_deref(), &fields.code_keys_of(&document));
        writer.add_document(document).map_err(|e| write_err(&index_dir, e))?;
        lexicon.add(&record);
        blacklist.add(notice);
        summary.add(&record);
        bar.inc(1);
        Ok(())
    })?;
    timing("index documents", t0);
    bar.set_message("merging");
    writer.commit().map_err(|e| write_err(&index_dir, e))?;
    // Ids and sizes only: a SegmentMeta kept alive would keep its files from being collected.
    let segments = segments_in_time_order(&index).map_err(|e| write_err(&index_dir, e))?;
    timing(&format!("{} segments", segments.len()), t0);
    // One segment per indexing thread is kept as it is: merging them costs about as much as
    // a sixth of the build and saves the edge little. More segments than threads (a corpus
    // that outgrew the memory budget) are merged, in time order, into segments of at most
    // MERGED_SEGMENT_DOCS documents: a merge's memory grows with the documents it writes.
    // A merge is one thread's work: as many run at once as there are indexing threads.
    if segments.len() > threads {
        let groups = merge_groups(&segments.iter().map(|s| s.1).collect::<Vec<_>>());
        for batch in groups.chunks(threads) {
            let merges: Vec<_> = batch
                .iter()
                .map(|group| {
                    let ids: Vec<tantivy::index::SegmentId> = group.iter().map(|&i| segments[i].0).collect();
                    writer.merge(&ids)
                })
                .collect();
            for merge in merges {
                merge.wait().map_err(|e| write_err(&index_dir, e))?;
            }
        }
    }
    writer.garbage_collect_files().wait().map_err(|e| write_err(&index_dir, e))?;
    writer.wait_merging_threads().map_err(|e| write_err(&index_dir, e))?;
    bar.finish_and_clear();
    timing("commit and merge", t0);

    let sizes_path = index_dir.join(projects::FILE_NAME);
    std::fs::write(&sizes_path, projects.finish().to_bytes()).map_err(|e| write_err(&sizes_path, e))?;
    bundle_writer.add_index_files()?;
    bundle_writer.add_file(bundle::LEXICON_PATH, &lexicon.finish().to_bytes())?;
    let notices = blacklist.to_bytes().map_err(|e| write_err(Path::new(bundle::BLACKLIST_PATH), e))?;
    bundle_writer.add_file(bundle::BLACKLIST_PATH, &notices)?;
    // The dictionary the index was analysed with travels with it: an edge built without the
    // embedded dictionary (the Worker) analyses queries exactly as the index was.
    let dictionary = gongkai_core::analysis::dictionary_text();
    if let Some(dict) = dictionary {
        bundle_writer.add_file(bundle::DICTIONARY_PATH, dict.as_bytes())?;
    }
    let analyzer = gongkai_core::analysis::fingerprint(&bundle::sha256_hex(dictionary.unwrap_or("").as_bytes()));
    let manifest = bundle_writer.finish(summary.report.doc_count as u64, now_rfc3339(), analyzer)?;
    timing("bundle files", t0);
    Ok((manifest, summary.report))
}

/// Opens the bundle just written in `dir` as the Worker does (by rounds of range reads) and
/// records in its manifest, rewritten, the chunks opening read ([`bundle::IndexFile::hot`]): an
/// edge then loads them all in its first round instead of discovering them round by round.
pub(crate) fn record_hot_chunks(dir: &Path, manifest: &mut Manifest) -> Result<(), BuildError> {
    let t0 = Instant::now();
    let hot = edge::native::record_hot_chunks(dir).map_err(|e| write_err(dir, e))?;
    manifest.set_hot_chunks(&hot);
    manifest.write(dir).map_err(|e| write_err(&e.path, e.source))?;
    timing("hot chunks", t0);
    Ok(())
}

pub(crate) fn now_rfc3339() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.to_rfc3339()).unwrap_or_default()
}

/// Prints how long a phase took so far, when `GONGKAI_TIMING` is set (for profiling builds).
pub(crate) fn timing(phase: &str, since: Instant) {
    if std::env::var_os("GONGKAI_TIMING").is_some() {
        eprintln!("  {phase}: {:.0} ms", since.elapsed().as_secs_f64() * 1e3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_merged_in_groups_of_bounded_size() {
        // 200,000 records in 8 segments: one merge, as before.
        assert_eq!(merge_groups(&[25_000; 8]), vec![(0..8).collect::<Vec<_>>()]);
        // 1,000,000 in 38: five groups of at most 250,000 documents.
        let groups = merge_groups(&[26_316; 38]);
        assert_eq!(groups.iter().map(Vec::len).collect::<Vec<_>>(), [9, 9, 9, 9, 2]);
        assert!(groups.iter().all(|g| g.len() as u32 * 26_316 <= MERGED_SEGMENT_DOCS));
        // A segment already too large is left alone; its neighbours still merge.
        assert_eq!(merge_groups(&[300_000, 1000, 1000, 300_000, 5]), vec![vec![1, 2]]);
    }
}
