//! `index-builder update`: adds, replaces (变更) and withdraws (撤回) records in a published
//! bundle without rebuilding it, and publishes the result atomically as a new index version.
//!
//! The update works in a staging directory next to the bundle, `.<name>.updating-<pid>`:
//!
//! 1. The published bundle's files are linked into it (hard links, so no copy): the document
//!    shards as they are, the tantivy files too, except that a tantivy file the bundle split
//!    into `.partN` pieces is joined (tantivy opens whole files). Every tantivy file's SHA-256
//!    is checked against the manifest on the way: a corrupt bundle is refused, not extended.
//! 2. The input is read twice, as a build reads it ([`crate::build::plan`]). Each withdrawn id
//!    and the id of each record to index becomes a tantivy delete; each record is added to one
//!    new segment, after the existing documents (new ordinals, new document shards).
//! 3. tantivy commits: the new segment, a deletion bitmap for every segment that lost a
//!    document, a new `meta.json`. With `--merge`, segments are then merged (deleted documents
//!    are dropped by the merge) into segments of at most [`MERGED_SEGMENT_DOCS`](build::MERGED_SEGMENT_DOCS) documents.
//! 4. The lexicon, the blacklist's notices and the report are those of the previous version,
//!    less the records replaced or withdrawn (read back from their shards), plus the new ones.
//! 5. Unchanged tantivy files keep their parts and checksums; new ones are checksummed (and
//!    split) as a build does; the manifest is written and the staging directory exchanged
//!    with the published one in one step ([`crate::build::publish`]).
//!
//! Until the last step the published bundle is untouched: an update that fails, or is killed,
//! leaves it exactly as it was, and the next build or update removes what it left behind. Run
//! one update of a bundle at a time.

use crate::build::{
    self, for_each_kept_record, id_key, indexing_threads, now_rfc3339, progress_bar, stage_and_publish, timing,
    write_err, BuildError, Summary,
};
use crate::input;
use crate::report::{Report, UpdateSummary};
use gongkai_core::bundle::{self, BundleWriter, DocShard, FileEntry, Manifest};
use gongkai_core::blacklist::Blacklist;
use gongkai_core::lexicon::{Lexicon, LexiconBuilder};
use gongkai_core::projects::{self, ProjectSizes};
use gongkai_core::{schema, Record};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};

/// Update options.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// The published bundle to update (replaced atomically by the updated one).
    pub index: PathBuf,
    /// Records to add or replace, and `{"id": "...", "withdrawn": true}` items to withdraw:
    /// a file or directory, as for a build.
    pub input: Option<PathBuf>,
    /// A text file of ids to withdraw, one a line (blank lines and lines starting with `#`
    /// are skipped). Applied before `input`: a record in `input` publishes its id again.
    pub withdraw: Option<PathBuf>,
    /// Merge the segments after the update ([`MERGED_SEGMENT_DOCS`](build::MERGED_SEGMENT_DOCS) documents at most each).
    pub merge: bool,
    /// Fail the whole update if any record is rejected.
    pub strict: bool,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// Indexing threads.
    pub threads: usize,
    /// Memory for tantivy's indexing buffers in MB, shared by the threads.
    pub memory_mb: usize,
}

impl UpdateOptions {
    /// Options with the command line's defaults: no withdraw list, no merge, 2 threads,
    /// [`build::DEFAULT_MEMORY_MB`], not strict, no progress bar.
    pub fn new(index: impl Into<PathBuf>, input: Option<PathBuf>) -> UpdateOptions {
        UpdateOptions {
            index: index.into(),
            input,
            withdraw: None,
            merge: false,
            strict: false,
            progress: false,
            threads: 2,
            memory_mb: build::DEFAULT_MEMORY_MB,
        }
    }
}

fn bundle_err(index: &Path, reason: impl std::fmt::Display) -> BuildError {
    BuildError::Bundle { path: index.to_path_buf(), reason: reason.to_string() }
}

/// Reads the withdraw list: one id a line.
fn read_withdraw_list(path: &Path) -> Result<Vec<String>, BuildError> {
    let text = std::fs::read(path).map_err(|source| input::InputError::Io { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(text).map_err(|e| BuildError::BadOption {
        name: "withdraw",
        reason: format!("`{}` is not UTF-8 (byte {})", path.display(), e.utf8_error().valid_up_to()),
    })?;
    let mut ids = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let id = line.trim();
        if id.is_empty() || id.starts_with('#') {
            continue;
        }
        if id.chars().count() > 200 {
            return Err(BuildError::BadOption {
                name: "withdraw",
                reason: format!("`{}` line {}: an id is at most 200 characters", path.display(), i + 1),
            });
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// Hard-links `from` to `to`, copying where links are impossible (another file system).
fn link_or_copy(from: &Path, to: &Path) -> Result<(), BuildError> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| write_err(to, e))
}

/// The manifest's entry of a file, or a "missing" error.
fn entry<'a>(manifest: &'a Manifest, index: &Path, path: &str) -> Result<&'a FileEntry, BuildError> {
    manifest
        .files
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| bundle_err(index, format!("manifest.json lists `{path}` in the index but not among its files")))
}

/// Links the published bundle's files into the staging directory, verifying every tantivy
/// file against the manifest. A file split into parts is joined into the staging directory
/// when `join` (a merge reads every byte), else read in place from its parts through the
/// returned [`StagingDirectory`].
fn stage(manifest: &Manifest, index: &Path, tmp: &Path, join: bool) -> Result<StagingDirectory, BuildError> {
    let index_dir = tmp.join(bundle::INDEX_DIR);
    let inner = tantivy::directory::MmapDirectory::open(&index_dir).map_err(|e| write_err(&index_dir, e))?;
    let published = index.join(bundle::INDEX_DIR);
    let old = tantivy::directory::MmapDirectory::open(&published).map_err(|e| bundle_err(index, e))?;
    let mut split: HashMap<PathBuf, Arc<PartsFile>> = HashMap::new();
    for shard in &manifest.doc_shards {
        let from = index.join(&shard.path);
        let want = entry(manifest, index, &shard.path)?.bytes;
        let got = std::fs::metadata(&from).map_err(|e| bundle_err(index, format!("`{}`: {e}", shard.path)))?.len();
        if got != want {
            return Err(bundle_err(index, format!("`{}` is {got} bytes, the manifest says {want}", shard.path)));
        }
        link_or_copy(&from, &tmp.join(&shard.path))?;
    }
    for f in &manifest.index_files {
        let to = tmp.join(bundle::INDEX_DIR).join(&f.name);
        let small = f.name == "meta.json" || f.name == ".managed.json";
        let whole = f.parts.len() == 1 && f.parts[0] == format!("{}/{}", bundle::INDEX_DIR, f.name);
        let in_place = !whole && !small && !join;
        let mut out = if (whole && !small) || in_place {
            None
        } else {
            Some(std::fs::File::create(&to).map_err(|e| write_err(&to, e))?)
        };
        for part in &f.parts {
            let path = index.join(part);
            let file = std::fs::File::open(&path).map_err(|e| bundle_err(index, format!("`{part}`: {e}")))?;
            let actual = bundle::sha256_hex_copying(file, out.as_mut())
                .map_err(|e| bundle_err(index, format!("`{part}`: {e}")))?;
            manifest.check_digest(part, &actual).map_err(|e| bundle_err(index, e))?;
        }
        if in_place {
            let mut parts = Vec::new();
            let mut len = 0;
            for part in &f.parts {
                let name = part.strip_prefix(&format!("{}/", bundle::INDEX_DIR)).unwrap_or(part);
                let handle = old.get_file_handle(Path::new(name)).map_err(|e| bundle_err(index, e))?;
                let n = handle.len();
                parts.push((len, handle));
                len += n;
            }
            split.insert(PathBuf::from(&f.name), Arc::new(PartsFile { parts, len }));
        } else if out.is_none() {
            link_or_copy(&index.join(&f.parts[0]), &to)?;
        }
    }
    Ok(StagingDirectory { inner, split: Arc::new(RwLock::new(split)) })
}

/// One file of the published bundle read in place from its `.partN` pieces: a read within a
/// piece is a slice of its memory map, a read across pieces is copied.
#[derive(Debug)]
struct PartsFile {
    /// Each piece with the offset of its first byte in the whole file.
    parts: Vec<(usize, Arc<dyn FileHandle>)>,
    len: usize,
}

impl tantivy::HasLen for PartsFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PartsFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(std::io::Error::other(format!("range {range:?} outside a file of {} bytes", self.len)));
        }
        let first = self.parts.partition_point(|(at, _)| *at <= range.start).saturating_sub(1);
        let (at, handle) = &self.parts[first];
        if range.end <= at + handle.len() {
            return handle.read_bytes(range.start - at..range.end - at);
        }
        let mut out = Vec::with_capacity(range.len());
        let mut from = range.start;
        for (at, handle) in &self.parts[first..] {
            if from >= range.end {
                break;
            }
            let to = (at + handle.len()).min(range.end);
            out.extend_from_slice(handle.read_bytes(from - at..to - at)?.as_slice());
            from = to;
        }
        Ok(OwnedBytes::new(out))
    }
}

/// What tantivy sees of the staging index: the files in its directory (new segments,
/// `meta.json`, the published files linked in) and the published bundle's split files, read in
/// place from their parts instead of being joined into a copy. Those are never written (tantivy
/// writes a file once); deleting one only forgets it.
#[derive(Debug, Clone)]
struct StagingDirectory {
    inner: tantivy::directory::MmapDirectory,
    split: Arc<RwLock<HashMap<PathBuf, Arc<PartsFile>>>>,
}

impl StagingDirectory {
    fn split_file(&self, path: &Path) -> Option<Arc<PartsFile>> {
        self.split.read().ok()?.get(path).cloned()
    }
}

impl Directory for StagingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.split_file(path) {
            Some(file) => Ok(file),
            None => self.inner.get_file_handle(path),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        if self.split.write().ok().and_then(|mut s| s.remove(path)).is_some() {
            return Ok(());
        }
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.split_file(path).is_some() || self.inner.exists(path)?)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        if self.split_file(path).is_some() {
            return Err(OpenWriteError::FileAlreadyExists(path.to_path_buf()));
        }
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        match self.split_file(path) {
            Some(file) => file
                .read_bytes(0..file.len)
                .map(|b| b.as_slice().to_vec())
                .map_err(|e| OpenReadError::IoError { io_error: Arc::new(e), filepath: path.to_path_buf() }),
            None => self.inner.atomic_read(path),
        }
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// Finds a live document by id: its ordinal in the shards.
fn find_ord(searcher: &tantivy::Searcher, fields: &schema::Fields, id: &str) -> Result<Option<u64>, String> {
    let term = tantivy::Term::from_field_text(fields.id, id);
    for (seg_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(fields.id).map_err(|e| e.to_string())?;
        let Some(mut postings) =
            inverted.read_postings(&term, tantivy::schema::IndexRecordOption::Basic).map_err(|e| e.to_string())?
        else {
            continue;
        };
        use tantivy::DocSet;
        let alive = segment.alive_bitset();
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let column = searcher
                    .segment_reader(seg_ord as u32)
                    .fast_fields()
                    .u64(schema::names::ORD)
                    .map_err(|e| e.to_string())?;
                return Ok(column.first(doc));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}

/// Runs an update and publishes the updated bundle atomically.
pub fn run(opts: &UpdateOptions) -> Result<Report, BuildError> {
    let started = Instant::now();
    let threads = indexing_threads(opts.threads, opts.memory_mb)?;
    if opts.input.is_none() && opts.withdraw.is_none() && !opts.merge {
        return Err(BuildError::BadOption {
            name: "input",
            reason: "nothing to do: give records (--input), ids to withdraw (--withdraw) or --merge".into(),
        });
    }
    let index = &opts.index;
    let manifest_bytes = std::fs::read(index.join(bundle::MANIFEST_PATH))
        .map_err(|e| bundle_err(index, format!("manifest.json: {e} (build the index first)")))?;
    let manifest = Manifest::parse(&manifest_bytes).map_err(|e| bundle_err(index, e))?;
    let dictionary = gongkai_core::analysis::dictionary_text();
    let analyzer = gongkai_core::analysis::fingerprint(&bundle::sha256_hex(dictionary.unwrap_or("").as_bytes()));
    if !manifest.analyzer.is_empty() && manifest.analyzer != analyzer {
        return Err(bundle_err(
            index,
            format!(
                "it was analysed by another version of the analyzers ({}, this builder has {analyzer}); rebuild it with `index-builder build`",
                manifest.analyzer
            ),
        ));
    }

    let mut plan = match &opts.input {
        Some(input) => build::plan(input)?,
        None => build::Plan::empty(),
    };
    let listed = match &opts.withdraw {
        Some(path) => read_withdraw_list(path)?,
        None => Vec::new(),
    };
    timing("read and validate", started);
    plan.report_rejections(opts.strict)?;
    // The list first, then the input's own withdrawals (an id the input publishes again is
    // not among those).
    let mut withdrawn = listed;
    withdrawn.append(&mut plan.withdrawn);

    stage_and_publish(index, "updating", started, |tmp| {
        update_bundle(opts, &manifest, &plan, &withdrawn, tmp, threads, &analyzer)
    })
}

/// Everything but the publishing: writes the updated bundle into `tmp`.
fn update_bundle(
    opts: &UpdateOptions,
    manifest: &Manifest,
    plan: &build::Plan,
    withdrawn: &[String],
    tmp: &Path,
    threads: usize,
    analyzer: &str,
) -> Result<(Manifest, Report), BuildError> {
    let index = &opts.index;
    let t0 = Instant::now();
    let mut bundle_writer = BundleWriter::resume(tmp, manifest)?;
    let directory = stage(manifest, index, tmp, opts.merge)?;
    timing("staged", t0);
    let index_dir = bundle_writer.index_dir();
    let tantivy_index = tantivy::Index::open(directory.clone()).map_err(|e| bundle_err(index, e))?;
    gongkai_core::analysis::register(&tantivy_index);
    let fields = schema::Fields::from_schema(&tantivy_index.schema()).map_err(|e| bundle_err(index, e))?;
    let reader = tantivy_index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| bundle_err(index, e))?;
    let searcher = reader.searcher();
    let before = searcher.num_docs();
    let old_segments: HashSet<tantivy::index::SegmentId> =
        searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
    let mut writer: tantivy::IndexWriter = tantivy_index
        .writer_with_num_threads(threads, opts.memory_mb * 1_000_000)
        .map_err(|e| write_err(&index_dir, e))?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));

    let lookup_err = |e: String| bundle_err(index, format!("looking an id up failed: {e}"));
    let mut removed: BTreeSet<u64> = BTreeSet::new();
    let mut summary = UpdateSummary { from_version: manifest.index_version.clone(), ..Default::default() };
    let mut seen_withdrawn: HashSet<u128> = HashSet::new();
    for id in withdrawn {
        if !seen_withdrawn.insert(id_key(id)) {
            continue;
        }
        match find_ord(&searcher, &fields, id).map_err(lookup_err)? {
            Some(ord) if removed.insert(ord) => {
                summary.withdrawn += 1;
                writer.delete_term(tantivy::Term::from_field_text(fields.id, id));
            }
            Some(_) => {}
            None => summary.not_found.push(id.clone()),
        }
    }

    let lexicon_bytes = std::fs::read(index.join(bundle::LEXICON_PATH)).map_err(|e| bundle_err(index, e))?;
    manifest.verify(bundle::LEXICON_PATH, &lexicon_bytes).map_err(|e| bundle_err(index, e))?;
    let old_lexicon = Lexicon::from_bytes(&lexicon_bytes).map_err(|e| bundle_err(index, e))?;
    drop(lexicon_bytes);
    let mut lexicon = LexiconBuilder::from_lexicon(old_lexicon);
    let blacklist_bytes = std::fs::read(index.join(bundle::BLACKLIST_PATH)).map_err(|e| bundle_err(index, e))?;
    manifest.verify(bundle::BLACKLIST_PATH, &blacklist_bytes).map_err(|e| bundle_err(index, e))?;
    let mut blacklist = Blacklist::from_bytes(&blacklist_bytes).map_err(|e| bundle_err(index, e))?;
    drop(blacklist_bytes);
    // The project sizes (none in a bundle built before them: the edge then looks them up), and
    // the code keys whose projects gained or lost records.
    let mut sizes = match manifest.index_files.iter().any(|f| f.name == projects::FILE_NAME) {
        true => {
            let bytes = directory.atomic_read(Path::new(projects::FILE_NAME)).map_err(|e| bundle_err(index, e))?;
            Some(ProjectSizes::from_bytes(&bytes).map_err(|e| bundle_err(index, e))?)
        }
        false => None,
    };
    let mut changed_codes: BTreeSet<String> = BTreeSet::new();
    // The new records' counts; added to the previous report's after the old records are
    // taken out of it.
    let mut added = Summary::new(plan);
    added.report.rejected.clear();
    let bar = progress_bar(plan.kept, opts.progress);
    bar.set_message("indexing");
    for_each_kept_record(plan, |record| {
        match find_ord(&searcher, &fields, &record.id).map_err(lookup_err)? {
            Some(ord) if removed.insert(ord) => summary.replaced += 1,
            _ => summary.added += 1,
        }
        writer.delete_term(tantivy::Term::from_field_text(fields.id, &record.id));
        let json = serde_json::to_vec(&record).map_err(|e| write_err(tmp, e))?;
        let ord = bundle_writer.push_doc(json)?;
        let (document, notice) = fields.analyse(&record, ord);
        if let Some(sizes) = sizes.as_mut() {
            let own = record.project_code.as_deref().map(gongkai_core::analysis::code_key);
            sizes.set(ord, own.filter(|k| !k.is_empty()).map_or(0, |k| projects::key_of(&k)), 0);
            changed_codes.extend(fields.code_keys_of(&document));
        }
        writer.add_document(document).map_err(|e| write_err(&index_dir, e))?;
        lexicon.add(&record);
        blacklist.add(notice);
        added.add(&record);
        bar.inc(1);
        Ok(())
    })?;
    timing("index documents", t0);
    writer.commit().map_err(|e| write_err(&index_dir, e))?;
    // One new segment per update, not one per indexing thread: merging the update's own
    // segments costs little (they hold only its records) and keeps the edge's segment count
    // from growing twice as fast as the updates.
    let new_segments: Vec<tantivy::index::SegmentId> = tantivy_index
        .searchable_segment_ids()
        .map_err(|e| write_err(&index_dir, e))?
        .into_iter()
        .filter(|id| !old_segments.contains(id))
        .collect();
    if new_segments.len() > 1 && !opts.merge {
        writer.merge(&new_segments).wait().map_err(|e| write_err(&index_dir, e))?;
    }
    if opts.merge {
        bar.set_message("merging");
        let segments = build::segments_in_time_order(&tantivy_index).map_err(|e| write_err(&index_dir, e))?;
        let mut groups = build::merge_groups(&segments.iter().map(|s| s.1).collect::<Vec<_>>());
        // A lone segment with deletions is merged on its own: that drops them.
        for (i, &(_, _, has_deletes)) in segments.iter().enumerate() {
            if has_deletes && !groups.iter().any(|g| g.contains(&i)) {
                groups.push(vec![i]);
            }
        }
        for group in groups {
            let ids: Vec<tantivy::index::SegmentId> = group.into_iter().map(|i| segments[i].0).collect();
            writer.merge(&ids).wait().map_err(|e| write_err(&index_dir, e))?;
        }
        summary.merged = true;
    }
    drop(searcher);
    drop(reader);
    writer.garbage_collect_files().wait().map_err(|e| write_err(&index_dir, e))?;
    writer.wait_merging_threads().map_err(|e| write_err(&index_dir, e))?;
    bar.finish_and_clear();
    timing("commit", t0);

    let metas = tantivy_index.searchable_segment_metas().map_err(|e| write_err(&index_dir, e))?;
    summary.segments = metas.len();
    let doc_count: u64 = metas.iter().map(|m| m.num_docs() as u64).sum();
    drop(metas);
    let in_use: HashSet<PathBuf> =
        tantivy_index.load_metas().map_err(|e| write_err(&index_dir, e))?.list_segment_files();
    let expected = before + summary.added as u64 - summary.withdrawn as u64;
    if doc_count != expected {
        return Err(bundle_err(
            index,
            format!(
                "the updated index holds {doc_count} documents, {expected} were expected; the index was left as it was"
            ),
        ));
    }

    // The previous version's report and lexicon, less the records taken out.
    let mut report: Report = std::fs::read(index.join(bundle::REPORT_PATH))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_else(|| Report { doc_count: before as usize, ..Default::default() });
    let mut base = Summary { report: std::mem::take(&mut report) };
    remove_records(manifest, index, tmp, &removed, &mut bundle_writer, &mut |r| {
        lexicon.remove(r);
        base.remove(r);
        if sizes.is_some() {
            changed_codes.extend(schema::code_keys(r));
        }
    })?;
    blacklist.withdraw(&removed);
    let mut report = base.report;
    let new = added.report;
    report.doc_count += new.doc_count;
    for (total, part) in [
        (&mut report.by_domain, new.by_domain),
        (&mut report.by_catalog_item, new.by_catalog_item),
        (&mut report.by_region, new.by_region),
        (&mut report.by_publisher, new.by_publisher),
    ] {
        for (k, n) in part {
            *total.entry(k).or_insert(0) += n;
        }
    }
    report.late.extend(new.late);
    report.records_read = plan.read;
    report.replaced = plan.replaced + summary.replaced;
    report.rejected = plan.rejected.clone();
    report.doc_count = doc_count as usize;
    report.update = Some(summary);
    timing("report and lexicon", t0);

    // Unchanged tantivy files keep their parts and checksums; the rest are added as a build
    // adds them.
    for f in &manifest.index_files {
        let path = index_dir.join(&f.name);
        if f.name == "meta.json" || f.name == ".managed.json" || !in_use.contains(Path::new(&f.name)) {
            continue;
        }
        let whole = f.parts.len() == 1 && f.parts[0] == format!("{}/{}", bundle::INDEX_DIR, f.name);
        if !whole {
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| write_err(&path, e))?;
            }
            for part in &f.parts {
                link_or_copy(&index.join(part), &tmp.join(part))?;
            }
        }
        let entries = f.parts.iter().map(|p| entry(manifest, index, p).cloned()).collect::<Result<Vec<_>, _>>()?;
        bundle_writer.keep_index_file(f.clone(), entries);
    }
    if let Some(mut sizes) = sizes {
        for &ord in &removed {
            sizes.set(ord, 0, 0);
        }
        recount_projects(&mut sizes, &changed_codes, &tantivy_index, &fields).map_err(|e| write_err(&index_dir, e))?;
        // The published file may be linked in (or read in place from its parts): forgotten
        // first, never written through.
        match directory.delete(Path::new(projects::FILE_NAME)) {
            Ok(()) | Err(DeleteError::FileDoesNotExist(_)) => {}
            Err(e) => return Err(write_err(&index_dir, e)),
        }
        let path = index_dir.join(projects::FILE_NAME);
        std::fs::write(&path, sizes.to_bytes()).map_err(|e| write_err(&path, e))?;
        timing("project sizes", t0);
    }
    bundle_writer.add_index_files()?;
    bundle_writer.add_file(bundle::LEXICON_PATH, &lexicon.finish().to_bytes())?;
    let notices = blacklist.to_bytes().map_err(|e| write_err(Path::new(bundle::BLACKLIST_PATH), e))?;
    bundle_writer.add_file(bundle::BLACKLIST_PATH, &notices)?;
    if let Some(dict) = dictionary_text() {
        bundle_writer.add_file(bundle::DICTIONARY_PATH, dict.as_bytes())?;
    }
    let new_manifest = bundle_writer.finish(doc_count, now_rfc3339(), analyzer.to_string())?;
    timing("bundle files", t0);
    Ok((new_manifest, report))
}

/// Counts again, over the updated index's live records, the records of every code in `codes`,
/// and sets that size on each live record whose own project code it is.
fn recount_projects(
    sizes: &mut ProjectSizes,
    codes: &BTreeSet<String>,
    index: &tantivy::Index,
    fields: &schema::Fields,
) -> tantivy::Result<()> {
    let reader: tantivy::IndexReader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    let mut segments = Vec::new();
    for segment in searcher.segment_readers() {
        let ords = segment.fast_fields().u64(schema::names::ORD)?;
        segments.push((segment.inverted_index(fields.code)?, segment.alive_bitset().cloned(), ords));
    }
    // Only codes some record has as its own project code have a size to show.
    let owned: HashSet<u64> = (0..sizes.len() as u64).map(|o| sizes.key(o)).filter(|&k| k != 0).collect();
    let mut ords = Vec::new();
    for code in codes.iter().filter(|c| owned.contains(&projects::key_of(c))) {
        let term = tantivy::Term::from_field_text(fields.code, code);
        ords.clear();
        for (inverted, alive, column) in &segments {
            let Some(mut postings) = inverted.read_postings(&term, tantivy::schema::IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = tantivy::DocSet::doc(&postings);
            while doc != tantivy::TERMINATED {
                if alive.as_ref().is_none_or(|a| a.is_alive(doc)) {
                    ords.extend(column.first(doc));
                }
                doc = tantivy::DocSet::advance(&mut postings);
            }
        }
        let key = projects::key_of(code);
        for &ord in &ords {
            if sizes.key(ord) == key {
                sizes.set(ord, key, ords.len() as u32);
            }
        }
    }
    Ok(())
}

fn dictionary_text() -> Option<&'static str> {
    gongkai_core::analysis::dictionary_text()
}

/// Reads back the records at `ords` (one shard read per shard, each verified), hands each to
/// `each`, and rewrites each shard that held one with those documents blanked (`null`): a
/// replaced or withdrawn record's text leaves the published files, not only the index.
fn remove_records(
    manifest: &Manifest,
    index: &Path,
    tmp: &Path,
    ords: &BTreeSet<u64>,
    writer: &mut BundleWriter,
    each: &mut dyn FnMut(&Record),
) -> Result<(), BuildError> {
    let mut ords = ords.iter().copied().peekable();
    while let Some(&ord) = ords.peek() {
        let at = manifest.doc_shards.partition_point(|s| s.first <= ord).checked_sub(1);
        let entry = at
            .and_then(|i| manifest.doc_shards.get(i))
            .filter(|s| ord < s.first + s.count)
            .ok_or_else(|| bundle_err(index, format!("no document shard holds ordinal {ord}")))?;
        let bytes = std::fs::read(index.join(&entry.path)).map_err(|e| bundle_err(index, e))?;
        let file = manifest.verify_file(&entry.path, bytes).map_err(|e| bundle_err(index, e))?;
        let shard = DocShard::parse(&entry.path, file.into_bytes()).map_err(|e| bundle_err(index, e))?;
        let mut docs: Vec<&[u8]> = (0..shard.len()).map(|i| shard.get(i).unwrap_or(b"null")).collect();
        while let Some(&ord) = ords.peek() {
            if ord >= entry.first + entry.count {
                break;
            }
            ords.next();
            let i = (ord - entry.first) as usize;
            let record: Record = docs
                .get(i)
                .and_then(|b| serde_json::from_slice(b).ok())
                .ok_or_else(|| bundle_err(index, format!("document {ord} in `{}` cannot be read", entry.path)))?;
            each(&record);
            docs[i] = b"null";
        }
        writer.rewrite_doc_shard(at.unwrap_or_default(), &docs)?;
        let old = tmp.join(&entry.path);
        std::fs::remove_file(&old).map_err(|e| write_err(&old, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_file_reads_as_the_whole_within_and_across_its_parts() {
        let dir = std::env::temp_dir().join(format!("gongkai-parts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let whole: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let sizes = [4096, 4096, 1808];
        let mut at = 0;
        for (i, n) in sizes.iter().enumerate() {
            std::fs::write(dir.join(format!("seg.idx.part{i}")), &whole[at..at + n]).unwrap();
            at += n;
        }
        let mmap = tantivy::directory::MmapDirectory::open(&dir).unwrap();
        let mut parts = Vec::new();
        let mut len = 0;
        for i in 0..sizes.len() {
            let h = mmap.get_file_handle(Path::new(&format!("seg.idx.part{i}"))).unwrap();
            let n = h.len();
            parts.push((len, h));
            len += n;
        }
        let file = PartsFile { parts, len };
        assert_eq!(tantivy::HasLen::len(&file), whole.len());
        for range in [0..10, 4000..4096, 4090..4100, 100..9000, 8190..10_000, 0..10_000, 10_000..10_000, 4096..4096] {
            assert_eq!(file.read_bytes(range.clone()).unwrap().as_slice(), &whole[range.clone()], "{range:?}");
        }
        assert!(file.read_bytes(9990..10_001).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
