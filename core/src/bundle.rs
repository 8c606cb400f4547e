//! The index bundle: what the builder writes and the edge loads.
//!
//! ```text
//! <index-dir>/
//!   manifest.json          format, index_version, doc_count, build time, sha256 of every file
//!                          and of every chunk of every tantivy file (16 KiB chunks for
//!                          postings, positions and term dictionaries, 64 KiB for the rest)
//!   report.json            the build report (not part of the bundle proper)
//!   index/<tantivy file>   postings, positions, fast fields: one segment per indexing thread
//!   index/<file>.partN     a tantivy file over MAX_FILE_BYTES, split (edge reassembles)
//!   docs/docs-NNNN.bin     stored documents, in shards (see [`DocShardWriter`])
//!   lexicon.json           vocabulary for suggestions, pinyin and spelling correction
//!   dictionary.txt         the jieba dictionary the index was analysed with
//! ```
//!
//! Every file is at most [`MAX_FILE_BYTES`] (Cloudflare's static asset limit is 25 MiB), and
//! documents are separate from postings, so an edge can hold the postings in memory and fetch
//! document shards only for the hits it shows.
//!
//! Every tantivy file also has a SHA-256 per chunk in the manifest ([`IndexFile::chunks`],
//! chunks of [`IndexFile::chunk_bytes`]: [`chunk_bytes_for`] its kind), so an edge that reads the index lazily, by byte ranges, checks each
//! range against the chunks it covers ([`Manifest::verify_chunk`]) before tantivy sees it.
//!
//! [`BundleWriter`] writes this layout (the builder's only way to write it) and [`Manifest`]
//! reads it, so the format has one owner; the paths are the constants [`MANIFEST_PATH`],
//! [`REPORT_PATH`], [`INDEX_DIR`], [`DOCS_DIR`], [`LEXICON_PATH`], [`BLACKLIST_PATH`] and [`DICTIONARY_PATH`].

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The bundle format this code writes and reads.
/// Version 2 added the per-chunk checksums of the tantivy files; version 3 writes tantivy's
/// SSTable term dictionary (opening it reads a footer and a block index, a lookup one block)
/// instead of the FST one (read whole at open), which this tantivy build no longer reads;
/// version 4 adds the blacklist's notices ([`BLACKLIST_PATH`]), which an edge built by scanning
/// the index before; version 5 tags records with the procurement categories their text names
/// (the `category` fields of [`crate::schema`]); version 6 checksums postings, positions and
/// term dictionaries by [`SMALL_CHUNK_BYTES`] chunks (a query reads a term's postings rounded
/// out to whole chunks) and writes each file's chunk digests as one base64 string of binary
/// SHA-256s ([`ChunkDigests`]) instead of a list of hex strings. Bundles of older versions are
/// refused ([`BundleError::WrongFormat`]: rebuild them).
pub const FORMAT: &str = "gongkai-bundle/6";
/// Size of a checksummed chunk of most tantivy files (the last chunk of a file may be shorter).
/// [`MAX_FILE_BYTES`] is a multiple of it, so a chunk never straddles two `.partN` files.
pub const CHUNK_BYTES: u64 = 64 * 1024;
const _: () = assert!((MAX_FILE_BYTES as u64).is_multiple_of(CHUNK_BYTES));
/// Size of a checksummed chunk of the files a query reads a little of in many places: postings
/// (`.idx`), positions (`.pos`) and term dictionaries (`.term`, read a block at a time). At
/// 1,000,000 records a rare term's postings are a few hundred bytes, and a query of many terms
/// read 174 whole 64 KiB chunks of postings; a smaller chunk fetches less for each, at the cost
/// of more digests in the manifest (32 bytes a chunk).
pub const SMALL_CHUNK_BYTES: u64 = 16 * 1024;
const _: () = assert!(CHUNK_BYTES.is_multiple_of(SMALL_CHUNK_BYTES));

/// The chunk size of the tantivy file `name` ([`CHUNK_BYTES`] or [`SMALL_CHUNK_BYTES`]).
pub fn chunk_bytes_for(name: &str) -> u64 {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("idx" | "pos" | "term") => SMALL_CHUNK_BYTES,
        _ => CHUNK_BYTES,
    }
}

/// The SHA-256 of each chunk of a tantivy file, in order. In `manifest.json` they are one
/// base64 string of the digests end to end (32 bytes each): at 1,000,000 records ~54,000
/// chunks, 2.3 MB of JSON, held as 1.7 MB of bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChunkDigests(Vec<[u8; 32]>);

impl ChunkDigests {
    /// Number of chunks.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (an empty file).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The digest of chunk `i`.
    pub fn get(&self, i: usize) -> Option<&[u8; 32]> {
        self.0.get(i)
    }
}

impl FromIterator<[u8; 32]> for ChunkDigests {
    fn from_iter<I: IntoIterator<Item = [u8; 32]>>(iter: I) -> ChunkDigests {
        ChunkDigests(iter.into_iter().collect())
    }
}

impl Extend<[u8; 32]> for ChunkDigests {
    fn extend<I: IntoIterator<Item = [u8; 32]>>(&mut self, iter: I) {
        self.0.extend(iter)
    }
}

impl Serialize for ChunkDigests {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self.0.as_flattened()))
    }
}

impl<'de> Deserialize<'de> for ChunkDigests {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ChunkDigests, D::Error> {
        use base64::Engine;
        use serde::de::Error;
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(|e| D::Error::custom(format!("chunk digests are not base64: {e}")))?;
        match bytes.as_chunks::<32>() {
            (digests, []) => Ok(ChunkDigests(digests.to_vec())),
            _ => Err(D::Error::custom(format!("chunk digests are {} bytes, not 32 a chunk", bytes.len()))),
        }
    }
}
/// Largest file in a bundle (24 MiB, under Cloudflare's 25 MiB static asset limit).
pub const MAX_FILE_BYTES: usize = 24 * 1024 * 1024;
/// Target size of a document shard (about 150 records): a page of hits fetches at most ten
/// small shards, and an edge can keep a bounded cache of them.
pub const DOC_SHARD_TARGET_BYTES: usize = 256 * 1024;
const SHARD_MAGIC: &[u8; 4] = b"GKD1";

/// One file of the bundle, with its checksum.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    /// Path relative to the bundle directory, with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex sha256 of the content.
    pub sha256: String,
}

/// A bundle file whose bytes matched the manifest's SHA-256: only [`Manifest::verify_file`]
/// and [`Manifest::verify_file_with_digest`] make one, so code that takes a `VerifiedFile`
/// cannot be handed unchecked bytes.
#[derive(Debug, Clone)]
pub struct VerifiedFile {
    path: String,
    bytes: Vec<u8>,
}

impl VerifiedFile {
    /// The file's path in the bundle.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file's bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// A tantivy file and the parts it was split into (usually one, itself).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexFile {
    /// The tantivy file name (e.g. `meta.json`, `<segment>.idx`).
    pub name: String,
    /// Bundle paths of its parts, in order.
    pub parts: Vec<String>,
    /// Length of the whole file (all parts) in bytes.
    pub bytes: u64,
    /// Size of its chunks ([`chunk_bytes_for`] its name; the last chunk may be shorter).
    pub chunk_bytes: u64,
    /// SHA-256 of each chunk of the whole file, in order.
    #[serde(rename = "chunk_sha256")]
    pub chunks: ChunkDigests,
    /// The chunks opening the index reads of this file (footers, term dictionary block
    /// indexes, column headers), recorded by the builder ([`Manifest::set_hot_chunks`]): an
    /// edge reading by rounds loads them all in its first round. Empty when not recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hot: Vec<u32>,
}

impl IndexFile {
    /// The byte range of the whole file that chunk `i` covers.
    pub fn chunk_range(&self, i: usize) -> std::ops::Range<u64> {
        let start = (i as u64 * self.chunk_bytes).min(self.bytes);
        start..(start + self.chunk_bytes).min(self.bytes)
    }

    /// The chunks covering a byte range of the whole file (none for an empty range).
    pub fn chunks_covering(&self, range: std::ops::Range<u64>) -> std::ops::Range<usize> {
        if range.start >= range.end {
            return 0..0;
        }
        (range.start / self.chunk_bytes) as usize..range.end.min(self.bytes).div_ceil(self.chunk_bytes) as usize
    }

    /// Keeps only the chunk numbers that exist, sorted, without repeats.
    fn normalize_hot(&mut self) {
        let n = self.chunks.len() as u32;
        self.hot.retain(|&c| c < n);
        self.hot.sort_unstable();
        self.hot.dedup();
    }

    /// Checks chunk `chunk` of this file against its checksum, hashing it here; its length
    /// must be the chunk's too.
    pub fn verify_chunk(&self, chunk: usize, bytes: &[u8]) -> Result<(), BundleError> {
        let range = self.chunk_range(chunk);
        let whole = bytes.len() as u64 == range.end - range.start;
        self.check_chunk(chunk, bytes.len(), if whole { Some(sha256(bytes)) } else { None })
    }

    /// Checks chunk `chunk` of this file, `len` bytes read, against its checksum, given the
    /// SHA-256 the runtime computed (a Worker hashes with WebCrypto, outside wasm).
    pub fn verify_chunk_digest(&self, chunk: usize, len: usize, sha256: &[u8; 32]) -> Result<(), BundleError> {
        self.check_chunk(chunk, len, Some(*sha256))
    }

    fn check_chunk(&self, chunk: usize, len: usize, digest: Option<[u8; 32]>) -> Result<(), BundleError> {
        let range = self.chunk_range(chunk);
        let expected = self.chunks.get(chunk);
        let whole = len as u64 == range.end - range.start;
        if expected.is_some() && whole && digest.as_ref() == expected {
            return Ok(());
        }
        Err(BundleError::ChunkChecksum {
            file: self.name.clone(),
            chunk,
            start: range.start,
            end: range.end,
            expected: expected.map_or_else(|| "(no such chunk)".to_string(), |d| hex(d)),
            actual: match digest {
                Some(d) if whole => hex(&d),
                _ => format!("(a read of {len} bytes)"),
            },
        })
    }

    /// Where chunk `i` lies: the bundle path of its part and its offset in that part.
    pub fn chunk_location(&self, i: usize) -> Option<(&str, u64)> {
        let start = i as u64 * self.chunk_bytes;
        if start >= self.bytes {
            return None;
        }
        let part = (start / MAX_FILE_BYTES as u64) as usize;
        Some((self.parts.get(part)?.as_str(), start % MAX_FILE_BYTES as u64))
    }
}

/// A shard of stored documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocShardEntry {
    /// Bundle path of the shard.
    pub path: String,
    /// Ordinal of its first document.
    pub first: u64,
    /// Number of documents in it.
    pub count: u64,
}

/// `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Identifies this build's content: the first 16 hex digits of a hash over all file
    /// checksums. Changes whenever any record changes; used for ETags.
    pub index_version: String,
    /// Number of documents.
    pub doc_count: u64,
    /// Build time, RFC 3339 (UTC).
    pub built_at: String,
    /// The tantivy index files.
    pub index_files: Vec<IndexFile>,
    /// The document shards, in ordinal order.
    pub doc_shards: Vec<DocShardEntry>,
    /// Every file of the bundle with its checksum.
    pub files: Vec<FileEntry>,
    /// The analyzers' fingerprint at build time ([`crate::analysis::fingerprint`]); empty in
    /// bundles from before it was recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analyzer: String,
}

/// Errors reading a bundle.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The manifest is not valid JSON of the manifest's shape.
    #[error("manifest.json is not a {FORMAT} manifest: {0}")]
    BadManifest(#[source] serde_json::Error),
    /// The manifest is of another bundle format (an older or newer builder wrote it).
    #[error(
        "manifest.json is of format `{0}`, this edge reads {FORMAT}: rebuild the index with the matching index-builder"
    )]
    WrongFormat(String),
    /// `lexicon.json` is not a lexicon.
    #[error("lexicon.json is not a lexicon: {0}")]
    BadLexicon(#[source] serde_json::Error),
    /// `blacklist.json` is not the blacklist's notices.
    #[error("blacklist.json is not a list of blacklist notices: {0}")]
    BadBlacklist(#[source] serde_json::Error),
    /// A file listed in the manifest is missing.
    #[error("bundle file `{0}` is missing")]
    Missing(String),
    /// A file's checksum does not match the manifest.
    #[error("bundle file `{path}` is corrupt: sha256 {actual} but the manifest says {expected}")]
    Checksum {
        /// The file.
        path: String,
        /// What the manifest says.
        expected: String,
        /// What the file hashes to.
        actual: String,
    },
    /// A file's length is not the manifest's: truncated, or replaced after publication.
    #[error("bundle file `{path}` is {actual} bytes but the manifest says {expected}: truncated or replaced after publication")]
    WrongSize {
        /// The file.
        path: String,
        /// What the manifest says.
        expected: u64,
        /// The file's length on disk.
        actual: u64,
    },
    /// A chunk of a tantivy file does not match the manifest's chunk checksum.
    #[error("bundle file `{file}` is corrupt at chunk {chunk} (bytes {start}..{end}): sha256 {actual} but the manifest says {expected}")]
    ChunkChecksum {
        /// The tantivy file.
        file: String,
        /// The chunk's number.
        chunk: usize,
        /// Its first byte in the file.
        start: u64,
        /// Its end in the file.
        end: u64,
        /// What the manifest says.
        expected: String,
        /// What the bytes hash to.
        actual: String,
    },
    /// A document shard is malformed.
    #[error("document shard `{0}` is malformed")]
    BadShard(String),
    /// tantivy could not open the index.
    #[error("the index could not be opened: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// Hex sha256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha256(bytes))
}

/// SHA-256 of bytes (what [`ChunkDigests`] holds per chunk).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Lower-case hex of bytes: the one encoder of checksums, versions and fingerprints (the
/// Worker's WebCrypto digests too).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Hex sha256 of everything a reader yields, read 1 MiB at a time (a bundle file is hashed
/// without being held in memory).
pub fn sha256_hex_of_reader(reader: impl std::io::Read) -> std::io::Result<String> {
    sha256_hex_copying(reader, None::<&mut std::io::Sink>)
}

/// [`sha256_hex_of_reader`] that also writes what it reads to `out`, when there is one (a
/// file copied and checked in one pass).
pub fn sha256_hex_copying<W: std::io::Write>(
    mut reader: impl std::io::Read,
    mut out: Option<&mut W>,
) -> std::io::Result<String> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        if let Some(out) = out.as_deref_mut() {
            out.write_all(&buf[..n])?;
        }
    }
    Ok(hex(&h.finalize()))
}

/// Hex SHA-256 of everything a reader yields and the SHA-256 of each `chunk_bytes` chunk of
/// it, read a chunk at a time.
fn sha256_with_chunks(mut reader: impl std::io::Read, chunk_bytes: u64) -> std::io::Result<(String, ChunkDigests)> {
    let mut whole = Sha256::new();
    let mut chunks = ChunkDigests::default();
    let mut buf = vec![0u8; chunk_bytes as usize];
    loop {
        let mut filled = 0;
        while filled < buf.len() {
            let n = reader.read(&mut buf[filled..])?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled == 0 {
            break;
        }
        whole.update(&buf[..filled]);
        chunks.0.push(sha256(&buf[..filled]));
        if filled < buf.len() {
            break;
        }
    }
    Ok((hex(&whole.finalize()), chunks))
}

impl Manifest {
    /// Records, per tantivy file, the chunks opening the index read (`hot`: file name → chunk
    /// numbers); files not named get none. Numbers past a file's end are dropped.
    pub fn set_hot_chunks(&mut self, hot: &BTreeMap<String, Vec<u32>>) {
        for f in &mut self.index_files {
            f.hot = hot.get(&f.name).cloned().unwrap_or_default();
            f.normalize_hot();
        }
    }

    /// Writes this manifest as `manifest.json` into the bundle directory `dir`.
    pub fn write(&self, dir: &std::path::Path) -> Result<(), WriteError> {
        let path = dir.join(MANIFEST_PATH);
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| WriteError { path: path.clone(), source: std::io::Error::other(e) })?;
        std::fs::write(&path, json).map_err(|source| WriteError { path, source })
    }

    /// Parses `manifest.json`, refusing other formats.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, BundleError> {
        // The format first: another version's manifest may lack fields of this one's shape.
        #[derive(Deserialize)]
        struct Format {
            format: String,
        }
        let f: Format = serde_json::from_slice(bytes).map_err(BundleError::BadManifest)?;
        if f.format != FORMAT {
            return Err(BundleError::WrongFormat(f.format));
        }
        serde_json::from_slice(bytes).map_err(BundleError::BadManifest)
    }

    /// Checks a file's bytes against the manifest, hashing them here.
    pub fn verify(&self, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
        self.check_digest(path, &sha256_hex(bytes))
    }

    /// Checks a file against the manifest, hashing its bytes here, and hands it back marked
    /// as verified.
    pub fn verify_file(&self, path: &str, bytes: Vec<u8>) -> Result<VerifiedFile, BundleError> {
        self.verify(path, &bytes)?;
        Ok(VerifiedFile { path: path.to_string(), bytes })
    }

    /// Like [`Manifest::verify_file`], with the SHA-256 computed by the runtime instead
    /// (the Worker hashes with WebCrypto, natively and off the wasm heap, while the file is
    /// still a JS buffer). The comparison with the manifest is still made here.
    pub fn verify_file_with_digest(
        &self,
        path: &str,
        bytes: Vec<u8>,
        sha256_hex: &str,
    ) -> Result<VerifiedFile, BundleError> {
        self.check_digest(path, sha256_hex)?;
        Ok(VerifiedFile { path: path.to_string(), bytes })
    }

    /// The manifest's SHA-256 of a file, if the file belongs to the bundle.
    pub fn sha256_of(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|f| f.path == path).map(|f| f.sha256.as_str())
    }

    /// Checks a SHA-256 the runtime computed for a file against the manifest.
    pub fn check_digest(&self, path: &str, actual: &str) -> Result<(), BundleError> {
        let expected = self.sha256_of(path).ok_or_else(|| BundleError::Missing(path.to_string()))?;
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(BundleError::Checksum {
                path: path.to_string(),
                expected: expected.to_string(),
                actual: actual.to_string(),
            });
        }
        Ok(())
    }

    /// Every path the edge must load up front (index parts and the lexicon), not the doc shards.
    pub fn eager_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.index_files.iter().flat_map(|f| f.parts.iter().cloned()).collect();
        paths.extend(self.support_paths());
        paths
    }

    /// The files besides the index an edge loads up front (the lexicon, the blacklist and the
    /// dictionary, when the bundle has them): all an edge that reads the index lazily loads whole.
    pub fn support_paths(&self) -> Vec<String> {
        [LEXICON_PATH, BLACKLIST_PATH, crate::analysis::DICTIONARY_FILE]
            .into_iter()
            .filter(|extra| self.files.iter().any(|f| f.path == *extra))
            .map(String::from)
            .collect()
    }

    /// The tantivy file of this name, if the bundle has one.
    pub fn index_file(&self, name: &str) -> Option<&IndexFile> {
        self.index_files.iter().find(|f| f.name == name)
    }

    /// Checks chunk `chunk` of the tantivy file `name` against the manifest's chunk checksum
    /// ([`IndexFile::verify_chunk`]).
    pub fn verify_chunk(&self, name: &str, chunk: usize, bytes: &[u8]) -> Result<(), BundleError> {
        let file = self.index_file(name).ok_or_else(|| BundleError::Missing(format!("{INDEX_DIR}/{name}")))?;
        file.verify_chunk(chunk, bytes)
    }

    /// The shard holding document `ord`, and the document's index within it.
    pub fn shard_of(&self, ord: u64) -> Option<(&DocShardEntry, usize)> {
        // Shards are in ordinal order: the last one starting at or before `ord`.
        let at = self.doc_shards.partition_point(|s| s.first <= ord).checked_sub(1)?;
        let s = &self.doc_shards[at];
        (ord < s.first + s.count).then(|| (s, (ord - s.first) as usize))
    }
}

/// Path of the lexicon inside a bundle.
pub const LEXICON_PATH: &str = "lexicon.json";
/// Path of the blacklist's notices inside a bundle ([`crate::blacklist::Blacklist`]).
pub const BLACKLIST_PATH: &str = "blacklist.json";
/// Path of the manifest inside a bundle.
pub const MANIFEST_PATH: &str = "manifest.json";
/// Path of the build report next to the bundle's files (not listed in the manifest).
pub const REPORT_PATH: &str = "report.json";
/// Directory of the tantivy files (and their `.partN` pieces).
pub const INDEX_DIR: &str = "index";
/// Directory of the document shards.
pub const DOCS_DIR: &str = "docs";
/// Path of the jieba dictionary the index was analysed with.
pub const DICTIONARY_PATH: &str = crate::analysis::DICTIONARY_FILE;

/// Bundle path of document shard `i`.
pub fn doc_shard_path(i: usize) -> String {
    format!("{DOCS_DIR}/docs-{i:04}.bin")
}

/// Computes the index version from the file checksums.
pub fn index_version(files: &[FileEntry]) -> String {
    let mut h = Sha256::new();
    for f in files {
        h.update(f.path.as_bytes());
        h.update(f.sha256.as_bytes());
    }
    hex(&h.finalize()[..8])
}

/// Splits a file's bytes into parts of at most [`MAX_FILE_BYTES`]; returns `(suffix, bytes)`
/// pairs, the suffix empty when the file is small enough to stay whole.
pub fn split_parts(bytes: &[u8]) -> Vec<(String, &[u8])> {
    if bytes.len() <= MAX_FILE_BYTES {
        return vec![(String::new(), bytes)];
    }
    bytes.chunks(MAX_FILE_BYTES).enumerate().map(|(i, c)| (format!(".part{i}"), c)).collect()
}

/// Writes documents into shards of about [`DOC_SHARD_TARGET_BYTES`].
///
/// A shard is `GKD1`, a little-endian u32 count, `count + 1` u32 offsets, then the documents'
/// JSON one after the other: document *i* is `data[offsets[i]..offsets[i+1]]`.
#[derive(Default)]
pub struct DocShardWriter {
    finished: Vec<(u64, Vec<Vec<u8>>)>,
    current: Vec<Vec<u8>>,
    current_bytes: usize,
    next_ord: u64,
    current_first: u64,
}

impl DocShardWriter {
    /// Adds a document; returns its ordinal.
    pub fn push(&mut self, json: Vec<u8>) -> u64 {
        if self.current_bytes + json.len() > DOC_SHARD_TARGET_BYTES && !self.current.is_empty() {
            let docs = std::mem::take(&mut self.current);
            self.finished.push((self.current_first, docs));
            self.current_bytes = 0;
            self.current_first = self.next_ord;
        }
        self.current_bytes += json.len();
        self.current.push(json);
        let ord = self.next_ord;
        self.next_ord += 1;
        ord
    }

    /// A writer whose first document gets ordinal `next_ord`: an incremental update appends
    /// its documents after the shards the bundle already has.
    pub fn starting_at(next_ord: u64) -> DocShardWriter {
        DocShardWriter { next_ord, current_first: next_ord, ..DocShardWriter::default() }
    }

    /// Encodes the shards that are already full, `(first ordinal, count, bytes)`, and forgets
    /// them: a builder that writes these out as it goes holds at most one shard in memory.
    pub fn take_finished(&mut self) -> Vec<(u64, u64, Vec<u8>)> {
        std::mem::take(&mut self.finished).into_iter().map(|(first, docs)| encode_shard(first, &docs)).collect()
    }

    /// Encodes all remaining shards: `(first ordinal, count, bytes)`.
    pub fn finish(mut self) -> Vec<(u64, u64, Vec<u8>)> {
        if !self.current.is_empty() {
            self.finished.push((self.current_first, std::mem::take(&mut self.current)));
        }
        self.take_finished()
    }
}

fn encode_shard(first: u64, docs: &[Vec<u8>]) -> (u64, u64, Vec<u8>) {
    let total: usize = docs.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(8 + 4 * (docs.len() + 1) + total);
    out.extend_from_slice(SHARD_MAGIC);
    out.extend_from_slice(&(docs.len() as u32).to_le_bytes());
    let mut at = 0u32;
    out.extend_from_slice(&at.to_le_bytes());
    for d in docs {
        at += d.len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for d in docs {
        out.extend_from_slice(d);
    }
    (first, docs.len() as u64, out)
}

/// A bundle file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{path}`: {source}")]
pub struct WriteError {
    /// The file or directory.
    pub path: std::path::PathBuf,
    /// The cause.
    pub source: std::io::Error,
}

/// Writes a bundle into a directory — the one writer of the layout [`Manifest`] describes and
/// the edge reads: document shards as they fill (at most one shard in memory), the tantivy
/// files checksummed where they lie and split into `.partN` pieces over [`MAX_FILE_BYTES`]
/// (streaming, never held whole), the lexicon, the dictionary, then the manifest.
///
/// ```text
/// let mut w = BundleWriter::create(dir)?;
/// // index with tantivy into w.index_dir(), and for each document: w.push_doc(json)?
/// w.add_index_files()?;           // after tantivy's last commit
/// w.add_file(LEXICON_PATH, &lexicon.to_bytes())?;
/// let manifest = w.finish(doc_count, built_at, analyzer)?;
/// ```
pub struct BundleWriter {
    dir: std::path::PathBuf,
    shards: DocShardWriter,
    doc_shards: Vec<DocShardEntry>,
    doc_files: Vec<FileEntry>,
    index_files: Vec<IndexFile>,
    index_entries: Vec<FileEntry>,
    other_files: Vec<FileEntry>,
}

impl BundleWriter {
    /// Creates `dir` with its `index/` and `docs/` directories.
    pub fn create(dir: &std::path::Path) -> Result<BundleWriter, WriteError> {
        for d in [dir.join(INDEX_DIR), dir.join(DOCS_DIR)] {
            std::fs::create_dir_all(&d).map_err(|source| WriteError { path: d.clone(), source })?;
        }
        Ok(BundleWriter {
            dir: dir.to_path_buf(),
            shards: DocShardWriter::default(),
            doc_shards: Vec::new(),
            doc_files: Vec::new(),
            index_files: Vec::new(),
            index_entries: Vec::new(),
            other_files: Vec::new(),
        })
    }

    /// Continues the bundle `old` in a new directory `dir` (an incremental update): `old`'s
    /// document shards are kept with their checksums (the caller links or copies their files
    /// into `dir`), new documents get ordinals after its last one and go into new shards
    /// numbered after its own.
    pub fn resume(dir: &std::path::Path, old: &Manifest) -> Result<BundleWriter, WriteError> {
        let mut w = BundleWriter::create(dir)?;
        let next = old.doc_shards.last().map(|s| s.first + s.count).unwrap_or(0);
        w.shards = DocShardWriter::starting_at(next);
        w.doc_shards = old.doc_shards.clone();
        w.doc_files =
            old.doc_shards.iter().filter_map(|s| old.files.iter().find(|f| f.path == s.path).cloned()).collect();
        Ok(w)
    }

    /// Registers a tantivy file that is already in the bundle, under the parts and checksums
    /// it had (an update keeps the segment files it did not change; tantivy never rewrites a
    /// file under the same name, except `meta.json` and `.managed.json`). Its parts must be in
    /// [`BundleWriter::index_dir`]; [`BundleWriter::add_index_files`] leaves them alone.
    pub fn keep_index_file(&mut self, file: IndexFile, entries: Vec<FileEntry>) {
        self.index_entries.extend(entries);
        self.index_files.push(file);
    }

    /// Replaces document shard `i` (of the shards [`BundleWriter::resume`] kept) by `docs`, as
    /// many documents as it held: an update blanks the documents it replaced or withdrew, so
    /// their text does not stay readable in the published files. The new shard gets a new
    /// path (`docs/docs-NNNN.<hash>.bin`), so an edge still serving the previous version, whose
    /// manifest names the old path, never reads changed bytes under a name it knows; the
    /// caller removes the old file.
    pub fn rewrite_doc_shard(&mut self, i: usize, docs: &[&[u8]]) -> Result<(), WriteError> {
        let Some(shard) = self.doc_shards.get(i).cloned() else {
            return Err(WriteError {
                path: self.dir.join(DOCS_DIR),
                source: std::io::Error::other(format!("no document shard {i}")),
            });
        };
        let owned: Vec<Vec<u8>> = docs.iter().map(|d| d.to_vec()).collect();
        let (_, _, bytes) = encode_shard(shard.first, &owned);
        let rel = format!("{DOCS_DIR}/docs-{i:04}.{}.bin", &sha256_hex(&bytes)[..8]);
        let entry = write_file(&self.dir, &rel, &bytes)?;
        self.doc_files.retain(|f| f.path != shard.path);
        self.doc_files.push(entry);
        self.doc_shards[i] = DocShardEntry { path: rel, first: shard.first, count: docs.len() as u64 };
        Ok(())
    }

    /// Whether `name` in the index directory is a file or part registered by
    /// [`BundleWriter::keep_index_file`].
    fn is_kept(&self, name: &str) -> bool {
        let rel = format!("{INDEX_DIR}/{name}");
        self.index_files.iter().any(|f| f.name == name || f.parts.contains(&rel))
    }

    /// Where tantivy writes the index.
    pub fn index_dir(&self) -> std::path::PathBuf {
        self.dir.join(INDEX_DIR)
    }

    /// Adds a document's stored JSON; returns its ordinal. Full shards are written at once.
    pub fn push_doc(&mut self, json: Vec<u8>) -> Result<u64, WriteError> {
        let ord = self.shards.push(json);
        let ready = self.shards.take_finished();
        self.write_shards(ready)?;
        Ok(ord)
    }

    fn write_shards(&mut self, ready: Vec<(u64, u64, Vec<u8>)>) -> Result<(), WriteError> {
        for (first, count, bytes) in ready {
            let rel = doc_shard_path(self.doc_shards.len());
            self.doc_files.push(write_file(&self.dir, &rel, &bytes)?);
            self.doc_shards.push(DocShardEntry { path: rel, first, count });
        }
        Ok(())
    }

    /// Checksums the tantivy files in [`BundleWriter::index_dir`] (call after the last
    /// commit), splitting any over [`MAX_FILE_BYTES`] into `.partN` files; lock files go.
    pub fn add_index_files(&mut self) -> Result<(), WriteError> {
        use std::io::Read;
        let index_dir = self.index_dir();
        let err = |path: &std::path::Path| {
            let path = path.to_path_buf();
            move |source| WriteError { path, source }
        };
        for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
            let _ = std::fs::remove_file(index_dir.join(lock));
        }
        let mut names: Vec<String> = std::fs::read_dir(&index_dir)
            .map_err(err(&index_dir))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| !n.ends_with(".lock") && !self.is_kept(n))
            .collect();
        names.sort();
        for name in names {
            let path = index_dir.join(&name);
            let len = std::fs::metadata(&path).map_err(err(&path))?.len();
            let mut parts = Vec::new();
            let mut chunks = ChunkDigests::default();
            let chunk_bytes = chunk_bytes_for(&name);
            if len as usize <= MAX_FILE_BYTES {
                let file = std::fs::File::open(&path).map_err(err(&path))?;
                let (sha256, part_chunks) = sha256_with_chunks(file, chunk_bytes).map_err(err(&path))?;
                chunks = part_chunks;
                let rel = format!("{INDEX_DIR}/{name}");
                self.index_entries.push(FileEntry { path: rel.clone(), bytes: len, sha256 });
                parts.push(rel);
            } else {
                let mut reader = std::fs::File::open(&path).map_err(err(&path))?;
                let mut chunk = Vec::with_capacity(MAX_FILE_BYTES);
                for i in 0.. {
                    chunk.clear();
                    (&mut reader).take(MAX_FILE_BYTES as u64).read_to_end(&mut chunk).map_err(err(&path))?;
                    if chunk.is_empty() {
                        break;
                    }
                    let rel = format!("{INDEX_DIR}/{name}.part{i}");
                    self.index_entries.push(write_file(&self.dir, &rel, &chunk)?);
                    chunks.extend(chunk.chunks(chunk_bytes as usize).map(sha256));
                    parts.push(rel);
                }
                std::fs::remove_file(&path).map_err(err(&path))?;
            }
            self.index_files.push(IndexFile { name, parts, bytes: len, chunk_bytes, chunks, hot: Vec::new() });
        }
        Ok(())
    }

    /// Writes another file of the bundle (the lexicon, the dictionary), checksummed.
    pub fn add_file(&mut self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let entry = write_file(&self.dir, rel, bytes)?;
        self.other_files.push(entry);
        Ok(())
    }

    /// Writes the last document shard and the manifest (files in the order index, documents,
    /// others); returns the manifest.
    pub fn finish(mut self, doc_count: u64, built_at: String, analyzer: String) -> Result<Manifest, WriteError> {
        let rest = std::mem::take(&mut self.shards).finish();
        self.write_shards(rest)?;
        let mut files = self.index_entries;
        files.extend(self.doc_files);
        files.extend(self.other_files);
        let manifest = Manifest {
            format: FORMAT.into(),
            index_version: index_version(&files),
            doc_count,
            built_at,
            index_files: self.index_files,
            doc_shards: self.doc_shards,
            files,
            analyzer,
        };
        manifest.write(&self.dir)?;
        Ok(manifest)
    }
}

fn write_file(dir: &std::path::Path, rel: &str, bytes: &[u8]) -> Result<FileEntry, WriteError> {
    let path = dir.join(rel);
    std::fs::write(&path, bytes).map_err(|source| WriteError { path, source })?;
    Ok(FileEntry { path: rel.to_string(), bytes: bytes.len() as u64, sha256: sha256_hex(bytes) })
}

/// A decoded document shard: random access to each document's JSON bytes.
pub struct DocShard {
    bytes: Vec<u8>,
    count: usize,
}

impl DocShard {
    /// Checks the shard's structure.
    pub fn parse(path: &str, bytes: Vec<u8>) -> Result<DocShard, BundleError> {
        let bad = || BundleError::BadShard(path.to_string());
        if bytes.len() < 12 || &bytes[..4] != SHARD_MAGIC {
            return Err(bad());
        }
        let count = u32::from_le_bytes(bytes[4..8].try_into().map_err(|_| bad())?) as usize;
        let data_start = 8 + 4 * (count + 1);
        if bytes.len() < data_start {
            return Err(bad());
        }
        let shard = DocShard { bytes, count };
        if shard.offset(count) as usize + data_start != shard.bytes.len() {
            return Err(bad());
        }
        Ok(shard)
    }

    fn offset(&self, i: usize) -> u32 {
        let at = 8 + 4 * i;
        u32::from_le_bytes([self.bytes[at], self.bytes[at + 1], self.bytes[at + 2], self.bytes[at + 3]])
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the shard is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The JSON bytes of document `i` of this shard.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        if i >= self.count {
            return None;
        }
        let data_start = 8 + 4 * (self.count + 1);
        let (a, b) = (self.offset(i) as usize, self.offset(i + 1) as usize);
        self.bytes.get(data_start + a..data_start + b)
    }
}

/// Opens a tantivy index from the bundle's verified index files, in memory, and registers
/// the analyzers. The files' bytes are used where they lie (no copy), except that a file
/// split into parts is joined once.
pub fn open_index(
    manifest: &Manifest,
    files: &mut BTreeMap<String, VerifiedFile>,
) -> Result<tantivy::Index, BundleError> {
    let mut dir = ReadOnlyDirectory::default();
    for f in manifest.index_files.iter().filter(|f| f.name != crate::projects::FILE_NAME) {
        let whole = join_parts(f, files)?;
        dir.files.insert(std::path::PathBuf::from(&f.name), tantivy::directory::OwnedBytes::new(whole));
    }
    let index = tantivy::Index::open(dir)?;
    crate::analysis::register(&index);
    Ok(index)
}

/// Takes out of `files` the parts of the index directory's file `name` that is not tantivy's
/// own (the project sizes: [`crate::projects`]), joined; `None` if the bundle has none.
pub fn take_index_file(
    manifest: &Manifest,
    files: &mut BTreeMap<String, VerifiedFile>,
    name: &str,
) -> Result<Option<Vec<u8>>, BundleError> {
    manifest.index_files.iter().find(|f| f.name == name).map(|f| join_parts(f, files)).transpose()
}

fn join_parts(f: &IndexFile, files: &mut BTreeMap<String, VerifiedFile>) -> Result<Vec<u8>, BundleError> {
    let mut whole: Vec<u8> = Vec::new();
    for part in &f.parts {
        let bytes = files.remove(part).ok_or_else(|| BundleError::Missing(part.clone()))?.into_bytes();
        if whole.is_empty() {
            whole = bytes;
        } else {
            whole.extend_from_slice(&bytes);
        }
    }
    Ok(whole)
}

/// A read-only tantivy [`Directory`](tantivy::directory::Directory) over bytes already in
/// memory: what an edge serves from. Unlike tantivy's `RamDirectory` it takes the bytes as
/// they are instead of copying them, and refuses every write (the edge never writes).
#[derive(Debug, Clone, Default)]
struct ReadOnlyDirectory {
    files: std::collections::HashMap<std::path::PathBuf, tantivy::directory::OwnedBytes>,
}

mod read_only {
    use super::ReadOnlyDirectory;
    use std::io;
    use std::path::Path;
    use std::sync::Arc;
    use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
    use tantivy::directory::{Directory, DirectoryLock, FileHandle, Lock, WatchCallback, WatchHandle, WritePtr};

    fn read_only() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, "the edge's index is read-only")
    }

    impl Directory for ReadOnlyDirectory {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            let bytes = self.files.get(path).ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
            Ok(Arc::new(bytes.clone()))
        }

        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            Err(DeleteError::IoError { io_error: Arc::new(read_only()), filepath: path.to_path_buf() })
        }

        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            Ok(self.files.contains_key(path))
        }

        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            Err(OpenWriteError::IoError { io_error: Arc::new(read_only()), filepath: path.to_path_buf() })
        }

        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            let bytes = self.files.get(path).ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
            Ok(bytes.as_slice().to_vec())
        }

        fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
            Err(read_only())
        }

        fn sync_directory(&self) -> io::Result<()> {
            Ok(())
        }

        fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
            // Nothing writes, so there is nothing to exclude.
            Ok(DirectoryLock::from(Box::new(())))
        }

        fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            // The files never change under an engine; a new index is a new engine.
            Ok(WatchHandle::empty())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hot_chunks_are_kept_in_range_sorted_and_optional_in_the_json() {
        let file = |name: &str, n: usize| IndexFile {
            name: name.into(),
            parts: vec![format!("index/{name}")],
            bytes: n as u64 * CHUNK_BYTES,
            chunk_bytes: CHUNK_BYTES,
            chunks: (0..n).map(|i| [i as u8; 32]).collect(),
            hot: vec![],
        };
        let mut m = Manifest {
            format: FORMAT.into(),
            index_version: "0".into(),
            doc_count: 0,
            built_at: String::new(),
            index_files: vec![file("a.term", 3), file("b.idx", 1)],
            doc_shards: vec![],
            files: vec![],
            analyzer: String::new(),
        };
        let none = serde_json::to_string(&m).unwrap();
        assert!(!none.contains("\"hot\""), "no hot chunks, no field: {none}");
        m.set_hot_chunks(&BTreeMap::from([("a.term".to_string(), vec![2, 0, 2, 7])]));
        assert_eq!(m.index_files[0].hot, vec![0, 2], "past the end dropped, sorted, once each");
        assert!(m.index_files[1].hot.is_empty());
        let back = Manifest::parse(&serde_json::to_vec(&m).unwrap()).unwrap();
        assert_eq!(back, m);
        // A manifest written without the field reads as one without hot chunks.
        let old = Manifest::parse(none.as_bytes()).unwrap();
        assert!(old.index_files.iter().all(|f| f.hot.is_empty()));
        // Chunk digests are 32 bytes each, base64: anything else is refused, saying so.
        let digests = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [0u8; 32]);
        assert!(none.contains(&format!("\"{digests}\"")), "b.idx's one digest: {none}");
        let short = none.replacen(&format!("\"{digests}\""), "\"AAAA\"", 1);
        let e = Manifest::parse(short.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("chunk digests are 3 bytes, not 32 a chunk"), "{e}");
        let e = Manifest::parse(none.replacen(&format!("\"{digests}\""), "\"not base64!\"", 1).as_bytes()).unwrap_err();
        assert!(e.to_string().contains("chunk digests are not base64"), "{e}");
    }

    #[test]
    fn manifest_errors_keep_their_cause_and_say_what_to_do() {
        use std::error::Error;
        let e = Manifest::parse(b"{not json").unwrap_err();
        assert!(matches!(e, BundleError::BadManifest(_)));
        assert!(e.source().is_some(), "the serde_json error is kept as the source");
        // A version-1 bundle (no chunk checksums) is refused before its files are looked at.
        let other = br#"{"format":"gongkai-bundle/1","index_version":"x","doc_count":0,"built_at":"","index_files":[{"name":"meta.json","parts":["index/meta.json"]}],"doc_shards":[],"files":[]}"#;
        let e = Manifest::parse(other).unwrap_err();
        assert!(matches!(e, BundleError::WrongFormat(ref f) if f == "gongkai-bundle/1"));
        assert!(e.to_string().contains("rebuild the index"), "{e}");
    }

    #[test]
    fn the_writer_streams_shards_splits_large_files_and_the_manifest_verifies_them() {
        let dir = std::env::temp_dir().join(format!("gongkai-bundle-writer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut w = BundleWriter::create(&dir).unwrap();
        let docs: Vec<String> = (0..3000)
            .map(|i| {
                format!("{{\"id\":\"JSZC-320115-2026-{i:05}\",\"title\":\"南京市江宁区第{i}号采购项目公开招标公告\"}}")
            })
            .collect();
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(w.push_doc(d.as_bytes().to_vec()).unwrap(), i as u64);
        }
        // Full shards are on disk before the bundle is finished.
        assert!(std::fs::read_dir(dir.join(DOCS_DIR)).unwrap().count() >= 1);
        // A tantivy file larger than MAX_FILE_BYTES is split; a small one kept whole.
        let big: Vec<u8> = (0..MAX_FILE_BYTES + 1000).map(|i| (i % 251) as u8).collect();
        std::fs::write(w.index_dir().join("abc.idx"), &big).unwrap();
        std::fs::write(w.index_dir().join("meta.json"), b"{}").unwrap();
        std::fs::write(w.index_dir().join(".tantivy-writer.lock"), b"").unwrap();
        w.add_index_files().unwrap();
        w.add_file(LEXICON_PATH, b"{\"words\":[],\"entities\":[]}").unwrap();
        let written = w.finish(3000, "2026-05-01T00:00:00+00:00".into(), "0123456789abcdef".into()).unwrap();
        let manifest = Manifest::parse(&std::fs::read(dir.join(MANIFEST_PATH)).unwrap()).unwrap();
        assert_eq!(manifest, written);
        let split = manifest.index_files.iter().find(|f| f.name == "abc.idx").unwrap();
        assert_eq!(split.parts, ["index/abc.idx.part0", "index/abc.idx.part1"]);
        assert!(!dir.join("index/abc.idx").exists() && !dir.join("index/.tantivy-writer.lock").exists());
        let mut joined = Vec::new();
        for f in &manifest.files {
            let bytes = std::fs::read(dir.join(&f.path)).unwrap();
            assert!(bytes.len() <= MAX_FILE_BYTES);
            manifest.verify(&f.path, &bytes).unwrap();
            if f.path.starts_with("index/abc.idx") {
                joined.extend_from_slice(&bytes);
            }
        }
        assert_eq!(joined, big);
        // Every chunk of the split file verifies where it lies, across the parts.
        assert_eq!(split.bytes, big.len() as u64);
        assert_eq!(split.chunk_bytes, SMALL_CHUNK_BYTES, "postings are checked by small chunks");
        assert_eq!(split.chunks.len(), big.len().div_ceil(SMALL_CHUNK_BYTES as usize));
        for i in 0..split.chunks.len() {
            let range = split.chunk_range(i);
            let (part, at) = split.chunk_location(i).unwrap();
            let part_bytes = std::fs::read(dir.join(part)).unwrap();
            let bytes = &part_bytes[at as usize..at as usize + (range.end - range.start) as usize];
            assert_eq!(bytes, &big[range.start as usize..range.end as usize]);
            manifest.verify_chunk("abc.idx", i, bytes).unwrap();
        }
        assert!(split.chunk_location(split.chunks.len()).is_none());
        assert_eq!(split.chunks_covering(0..1), 0..1);
        assert_eq!(split.chunks_covering(SMALL_CHUNK_BYTES - 1..SMALL_CHUNK_BYTES + 1), 0..2);
        assert_eq!(split.chunks_covering(5..5), 0..0);
        // One flipped byte is caught in its chunk, named with its byte range.
        let last = split.chunks.len() - 1;
        let mut tampered = big[split.chunk_range(last).start as usize..].to_vec();
        tampered[3] ^= 1;
        let e = manifest.verify_chunk("abc.idx", last, &tampered).unwrap_err();
        assert!(matches!(e, BundleError::ChunkChecksum { chunk, .. } if chunk == last), "{e}");
        assert!(e.to_string().contains("abc.idx") && e.to_string().contains(&format!("chunk {last}")), "{e}");
        // A short read is refused too, and a file that is not in the bundle is named.
        assert!(manifest.verify_chunk("abc.idx", 0, &big[..100]).is_err());
        assert!(matches!(manifest.verify_chunk("nope.idx", 0, b""), Err(BundleError::Missing(_))));
        let meta = manifest.index_file("meta.json").unwrap();
        assert_eq!((meta.bytes, meta.chunks.len(), meta.chunk_bytes), (2, 1, CHUNK_BYTES));
        manifest.verify_chunk("meta.json", 0, b"{}").unwrap();
        // Every document comes back from its shard.
        for i in [0u64, 1, 1499, 2999] {
            let (entry, at) = manifest.shard_of(i).unwrap();
            let shard = DocShard::parse(&entry.path, std::fs::read(dir.join(&entry.path)).unwrap()).unwrap();
            assert_eq!(shard.get(at).unwrap(), docs[i as usize].as_bytes());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn shards_round_trip_and_reject_garbage() {
        let mut w = DocShardWriter::default();
        let docs: Vec<String> = (0..5000).map(|i| format!("{{\"id\":\"doc-{i}\",\"title\":\"公告{i}\"}}")).collect();
        for d in &docs {
            w.push(d.as_bytes().to_vec());
        }
        let shards = w.finish();
        assert_eq!(shards.iter().map(|s| s.1).sum::<u64>(), 5000);
        let (first, _count, bytes) = &shards[0];
        assert_eq!(*first, 0);
        let shard = DocShard::parse("docs-0000.bin", bytes.clone()).unwrap();
        assert_eq!(shard.get(42).unwrap(), docs[42].as_bytes());
        assert!(shard.get(shard.len()).is_none());
        let mut broken = bytes.clone();
        broken.truncate(bytes.len() - 1);
        assert!(DocShard::parse("x", broken).is_err());
        assert!(DocShard::parse("x", b"nope".to_vec()).is_err());
    }

    #[test]
    fn large_files_are_split_under_the_limit() {
        let big = vec![7u8; MAX_FILE_BYTES * 2 + 10];
        let parts = split_parts(&big);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|(_, p)| p.len() <= MAX_FILE_BYTES));
        assert_eq!(split_parts(b"small")[0].0, "");
    }
}
