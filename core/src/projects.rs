//! How many records each record's project has: the bundle's `project-sizes.bin`.
//!
//! A hit whose 项目编号 is carried or quoted by at least two records shows its project's
//! timeline (`timeline.records`). Looking that number up as the document frequency of the
//! code's term costs, per hit and per segment, a block of the `code` field's term dictionary: at
//! 1,000,000 records a page of 10 hits read 1.5–2.5 MiB of dictionary blocks, in a round of
//! range reads of its own after the page's document shards (the codes are in the records). The
//! builder writes the numbers instead, one byte an ordinal, so an edge reads them for the
//! page's ordinals, known before the shards, in the same round as the shards.
//!
//! The file lives among the tantivy files (`index/`, which tantivy leaves alone), so it is read
//! by the same verified chunks as they are. Layout, little-endian:
//!
//! ```text
//! "GKPS" · u32 version (1) · u64 n (ordinals)      the 16-byte header
//! n × u8: the size of the project of ordinal i     0: no project code; 255: 255 or more
//! n × u64: the key of that project code            (what an update needs; an edge never reads it)
//! ```
//!
//! The size is the number of live records whose `code` field holds the key (the record's own
//! 项目编号 or one quoted in its title or body: [`crate::schema::code_keys`]), the number
//! `/v1/project/{code}` lists. An update recomputes it for every code its records add or remove.

use std::collections::HashMap;

/// The file's name in the bundle's tantivy directory.
pub const FILE_NAME: &str = "project-sizes.bin";

const MAGIC: &[u8; 4] = b"GKPS";
const VERSION: u32 = 1;
/// Bytes before the sizes.
pub const HEADER_BYTES: usize = 16;
/// The size byte meaning "this many or more": look the number up.
pub const MANY: u8 = u8::MAX;

/// The key under which a project code is counted: the first 8 bytes of the SHA-256 of its code
/// key ([`crate::analysis::code_key`]), never 0 (0 marks "no project code").
pub fn key_of(code_key: &str) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(code_key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first).max(1)
}

/// Where the size of ordinal `ord` is in the file.
pub fn offset_of(ord: u64) -> u64 {
    HEADER_BYTES as u64 + ord
}

/// Where the sizes are in a file of `len` bytes (the header's count follows from the length).
pub fn sizes_in(len: u64) -> std::ops::Range<u64> {
    let n = len.saturating_sub(HEADER_BYTES as u64) / 9;
    HEADER_BYTES as u64..HEADER_BYTES as u64 + n
}

/// What a size byte says: `Some(records)`, or `None` for [`MANY`] (look it up).
pub fn decode(byte: u8) -> Option<u32> {
    (byte != MANY).then_some(byte as u32)
}

/// Why a `project-sizes.bin` cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("project-sizes.bin: {0}")]
pub struct BadProjectSizes(String);

/// The sizes and keys of every ordinal, as the builder writes and an update rewrites them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProjectSizes {
    sizes: Vec<u8>,
    keys: Vec<u64>,
}

impl ProjectSizes {
    /// Reads a file written by [`ProjectSizes::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<ProjectSizes, BadProjectSizes> {
        let bad = |m: &str| BadProjectSizes(m.to_string());
        if bytes.len() < HEADER_BYTES || &bytes[..4] != MAGIC {
            return Err(bad("not a project sizes file (no GKPS header)"));
        }
        let version = u32::from_le_bytes(bytes[4..8].try_into().map_err(|_| bad("short header"))?);
        if version != VERSION {
            return Err(BadProjectSizes(format!("version {version}, this build reads {VERSION}: rebuild the index")));
        }
        let n = u64::from_le_bytes(bytes[8..16].try_into().map_err(|_| bad("short header"))?) as usize;
        let body = &bytes[HEADER_BYTES..];
        if body.len() != n * 9 {
            return Err(BadProjectSizes(format!("{} bytes after the header for {n} ordinals (want {})", body.len(), n * 9)));
        }
        let (sizes, keys) = body.split_at(n);
        let keys = keys.chunks_exact(8).map(|k| u64::from_le_bytes(k.try_into().unwrap_or_default())).collect();
        Ok(ProjectSizes { sizes: sizes.to_vec(), keys })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_BYTES + self.sizes.len() * 9);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.sizes.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.sizes);
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out
    }

    /// Ordinals covered (one past the largest).
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Whether no ordinal is covered.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The key of ordinal `ord`'s own project code (0: none, or not covered).
    pub fn key(&self, ord: u64) -> u64 {
        self.keys.get(ord as usize).copied().unwrap_or(0)
    }

    /// The stored size byte of ordinal `ord` (0 when not covered).
    pub fn size_byte(&self, ord: u64) -> u8 {
        self.sizes.get(ord as usize).copied().unwrap_or(0)
    }

    /// Sets ordinal `ord`'s project key (0: none) and size (records; stored as at most [`MANY`]).
    pub fn set(&mut self, ord: u64, key: u64, records: u32) {
        let i = ord as usize;
        if i >= self.sizes.len() {
            self.sizes.resize(i + 1, 0);
            self.keys.resize(i + 1, 0);
        }
        self.keys[i] = key;
        self.sizes[i] = if key == 0 { 0 } else { records.min(MANY as u32) as u8 };
    }
}

/// Counts, while a build streams its records, how many records hold each code key, and
/// remembers each ordinal's own project key; [`ProjectCounter::finish`] gives the sizes.
#[derive(Debug, Default)]
pub struct ProjectCounter {
    records: HashMap<u64, u32>,
    own: Vec<(u64, u64)>,
}

impl ProjectCounter {
    /// Adds the record of ordinal `ord`: its own project code key (if any) and every code key
    /// its `code` field holds ([`crate::schema::code_keys`]; the own key among them).
    pub fn add(&mut self, ord: u64, own: Option<&str>, keys: &[String]) {
        let mut seen: Vec<u64> = keys.iter().map(|k| key_of(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *self.records.entry(k).or_insert(0) += 1;
        }
        if let Some(own) = own.filter(|k| !k.is_empty()) {
            self.own.push((ord, key_of(own)));
        }
    }

    /// The sizes of every ordinal added.
    pub fn finish(self) -> ProjectSizes {
        let mut sizes = ProjectSizes::default();
        for (ord, key) in self.own {
            sizes.set(ord, key, self.records.get(&key).copied().unwrap_or(0));
        }
        sizes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_project_counts_the_records_that_carry_or_quote_its_code() {
        let mut c = ProjectCounter::default();
        c.add(0, Some("jszc320115202600942"), &keys(&["jszc320115202600942"]));
        // A result notice of the same project that also quotes its 招标 notice's code twice.
        c.add(1, Some("jszc320115202600942"), &keys(&["jszc320115202600942", "jszc320115202600942"]));
        // A contract that only quotes the code: it counts, but its own project is another.
        c.add(2, Some("ht2026001"), &keys(&["ht2026001", "jszc320115202600942"]));
        c.add(4, None, &keys(&[]));
        let sizes = c.finish();
        assert_eq!(sizes.len(), 3, "ordinal 4 has no project: nothing to store past 2");
        assert_eq!([0, 1, 2].map(|o| sizes.size_byte(o)), [3, 3, 1]);
        assert_eq!(sizes.key(2), key_of("ht2026001"));
        assert_eq!(sizes.size_byte(4), 0);
        let back = ProjectSizes::from_bytes(&sizes.to_bytes()).unwrap();
        assert_eq!(back, sizes);
        // What an edge reads: one byte at the ordinal's offset.
        let bytes = sizes.to_bytes();
        assert_eq!(decode(bytes[offset_of(1) as usize]), Some(3));
        assert_eq!(sizes_in(bytes.len() as u64), offset_of(0)..offset_of(3));
    }

    #[test]
    fn the_keys_counted_are_the_terms_the_code_field_indexes() {
        let record: crate::Record = serde_json::from_value(serde_json::json!({
            "id": "jszc-1", "domain": "procurement", "publisher": "南京市江宁区财政局",
            "published_at": "2026-03-02", "region_code": "320115",
            "project_code": "JSZC-320115-2026-00942",
            "title": "南京市江宁区人民医院彩色多普勒超声诊断仪采购项目中标（成交）结果公告",
            "body": "项目编号：ＪＳＺＣ－３２０１１５－２０２６－００９４２。依据宁财购〔2026〕15号文件组织采购。",
        }))
        .expect("a record");
        let (schema, fields) = crate::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        crate::analysis::register(&index);
        let (doc, _) = fields.analyse(&record, 0);
        let keys = crate::schema::code_keys(&record);
        assert_eq!(fields.code_keys_of(&doc), keys);
        assert!(keys.iter().filter(|k| k.as_str() == "jszc320115202600942").count() >= 2, "{keys:?}");
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        for k in &keys {
            let term = tantivy::Term::from_field_text(fields.code, k);
            assert_eq!(searcher.doc_freq(&term).unwrap(), 1, "{k} is a term of the code field");
        }
    }

    #[test]
    fn large_projects_say_look_it_up_and_bad_files_say_why() {
        let mut s = ProjectSizes::default();
        s.set(7, key_of("a"), 1000);
        assert_eq!(decode(s.size_byte(7)), None);
        assert_eq!(decode(s.size_byte(3)), Some(0));
        let mut bytes = s.to_bytes();
        bytes.pop();
        assert!(ProjectSizes::from_bytes(&bytes).unwrap_err().to_string().contains("for 8 ordinals"));
        assert!(ProjectSizes::from_bytes(b"nope").unwrap_err().to_string().contains("GKPS"));
        let mut v2 = s.to_bytes();
        v2[4] = 2;
        assert!(ProjectSizes::from_bytes(&v2).unwrap_err().to_string().contains("rebuild"));
    }
}
