//! The settings of an edge deployment, parsed along one path for both runtimes.
//!
//! Each setting has one name ([`ALLOWED_ORIGINS`], [`RANKING`], [`SHARD_CACHE_MB`],
//! [`INDEX_CACHE_MB`], [`MATCH_BUDGET`], [`READ_BUDGET_MB`]): the Worker reads it from its variable of that name,
//! `edge-serve` from its flag (`--allow-origins`, `--ranking`, `--shard-cache-mb`,
//! `--index-cache-mb`, `--match-budget`, `--read-budget-mb`) or the environment. Both hand the values to
//! [`Config::from_settings`], so a value means the same in both and a bad one is refused with the
//! setting's name in both.

use crate::ranking::Ranking;

/// Origins allowed to call the API from a browser: a comma- (or space-) separated list, or `*` /
/// empty for every origin.
pub const ALLOWED_ORIGINS: &str = "ALLOWED_ORIGINS";
/// Ranking knob overrides, `knob=value,...` ([`crate::ranking::KNOBS`]).
pub const RANKING: &str = "RANKING";
/// Most MiB of document shards kept in memory between requests (1–1024).
pub const SHARD_CACHE_MB: &str = "SHARD_CACHE_MB";

/// Most MiB of index chunks kept in memory between requests when the index is read lazily
/// (1–4096; see [`crate::lazy`]).
pub const INDEX_CACHE_MB: &str = "INDEX_CACHE_MB";

/// Matches a search counts before it stops at a segment boundary (1,000–100,000,000; see
/// [`Config::match_budget`]).
pub const MATCH_BUDGET: &str = "MATCH_BUDGET";

/// The default [`Config::match_budget`].
pub const DEFAULT_MATCH_BUDGET: u64 = 100_000;

/// MiB of postings and positions a search reads before it stops at a segment boundary (1–4096;
/// see [`Config::read_budget`]).
pub const READ_BUDGET_MB: &str = "READ_BUDGET_MB";

/// The default [`Config::read_budget`], in bytes.
pub const DEFAULT_READ_BUDGET: u64 = 8 * 1024 * 1024;

/// Settings of an edge deployment.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Origins allowed to call the API from a browser (CORS). `None` allows every origin,
    /// which is the default: the widget is meant to be embedded anywhere.
    pub allowed_origins: Option<Vec<String>>,
    /// Ranking knobs (see [`crate::ranking::Ranking`]).
    pub ranking: Ranking,
    /// Most bytes of document shards kept in memory between requests (default
    /// [`crate::engine::MAX_CACHED_SHARD_BYTES`]). A page of 10 hits reads at most 10 shards of
    /// ~256 KiB; more cache means fewer reads of shards already seen, at the cost of memory (the
    /// Worker keeps less: its isolate has 128 MB). Any size works: a request holds the shards it
    /// loaded until it has answered ([`crate::engine::RequestShards`]).
    pub shard_cache_bytes: usize,
    /// Most bytes of verified index chunks kept when the index is read lazily (default
    /// [`crate::lazy::MAX_CACHED_INDEX_BYTES`]): postings, positions and columns read by earlier
    /// queries. A chunk dropped from it is read and verified again when a query needs it.
    pub index_cache_bytes: usize,
    /// How many matches a search walks before it stops: segments are searched newest first
    /// (by their latest record), and once the matches counted reach this many, the older
    /// segments are left out. The page is then the best of the newest records, `total` is
    /// extrapolated by record count (`total_estimated: true` in the answer) and the facets
    /// count the records searched. A query matching fewer records is answered exactly; one
    /// matching more costs at most this many matches plus one segment's (segments hold at most
    /// 250,000 records), however large the index grows.
    pub match_budget: u64,
    /// How many bytes of postings and positions a search reads before it stops: segments are
    /// searched newest first, and the next one is left out when its share (the postings of the
    /// query's terms in it, and the positions of its phrases' terms, known from their
    /// dictionary entries before anything is read) would take the bytes read past this. The
    /// newest segment is always searched. Left-out segments are answered as under the match
    /// budget (`total_estimated: true`). What it bounds is what a request holds in memory and
    /// fetches (a Worker's isolate has 128 MB), and its time: a query of common words in a
    /// large index reads their postings whole, at 1,000,000 records up to 36 MiB.
    pub read_budget: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            allowed_origins: None,
            ranking: Ranking::default(),
            shard_cache_bytes: crate::engine::MAX_CACHED_SHARD_BYTES,
            index_cache_bytes: crate::lazy::MAX_CACHED_INDEX_BYTES,
            match_budget: DEFAULT_MATCH_BUDGET,
            read_budget: DEFAULT_READ_BUDGET,
        }
    }
}

/// A setting whose value makes no sense.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{setting}: {message}")]
pub struct SettingError {
    /// The setting's name ([`ALLOWED_ORIGINS`], [`RANKING`], [`SHARD_CACHE_MB`], [`INDEX_CACHE_MB`],
    /// [`MATCH_BUDGET`], [`READ_BUDGET_MB`]).
    pub setting: &'static str,
    /// What is wrong and what would be right.
    pub message: String,
}

impl Config {
    /// Applies the settings that `get` knows (setting name → value; `None` or blank when
    /// unset) on top of `self` (the runtime's defaults).
    pub fn from_settings(self, get: impl Fn(&str) -> Option<String>) -> Result<Config, SettingError> {
        let mut config = self;
        let value = |name: &str| get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(v) = get(ALLOWED_ORIGINS) {
            config.allowed_origins = parse_origins(&v);
        }
        if let Some(v) = value(RANKING) {
            config.ranking =
                Ranking::default().with_overrides(&v).map_err(|message| SettingError { setting: RANKING, message })?;
        }
        // A size in MiB from 1 to `most`, in bytes.
        let mib = |setting: &'static str, most: u64| -> Result<Option<u64>, SettingError> {
            let Some(v) = value(setting) else { return Ok(None) };
            let mb = v.parse::<u64>().ok().filter(|mb| (1..=most).contains(mb)).ok_or_else(|| SettingError {
                setting,
                message: format!("`{v}` is not a whole number of MiB from 1 to {most}"),
            })?;
            Ok(Some(mb * 1024 * 1024))
        };
        if let Some(bytes) = mib(SHARD_CACHE_MB, 1024)? {
            config.shard_cache_bytes = bytes as usize;
        }
        if let Some(bytes) = mib(INDEX_CACHE_MB, 4096)? {
            config.index_cache_bytes = bytes as usize;
        }
        if let Some(v) = value(MATCH_BUDGET) {
            let n = v.replace('_', "").parse::<u64>().ok().filter(|n| (1_000..=100_000_000).contains(n));
            config.match_budget = n.ok_or_else(|| SettingError {
                setting: MATCH_BUDGET,
                message: format!("`{v}` is not a whole number of matches from 1000 to 100000000"),
            })?;
        }
        if let Some(bytes) = mib(READ_BUDGET_MB, 4096)? {
            config.read_budget = bytes;
        }
        Ok(config)
    }
}

/// `https://a.gov.cn, https://b.gov.cn/` → the two origins (trailing `/` dropped, as browsers
/// send them); `*`, an empty list or one containing `*` → `None` (every origin).
pub fn parse_origins(list: &str) -> Option<Vec<String>> {
    let origins: Vec<String> = list
        .split([',', ' ', '\n', '\t'])
        .map(|o| o.trim().trim_end_matches('/'))
        .filter(|o| !o.is_empty())
        .map(String::from)
        .collect();
    if origins.is_empty() || origins.iter().any(|o| o == "*") {
        None
    } else {
        Some(origins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<Config, SettingError> {
        let m: HashMap<&str, &str> = pairs.iter().copied().collect();
        Config::default().from_settings(|k| m.get(k).map(|v| v.to_string()))
    }

    #[test]
    fn origins_star_and_lists() {
        assert_eq!(parse(&[(ALLOWED_ORIGINS, "*")]).unwrap().allowed_origins, None);
        assert_eq!(parse(&[(ALLOWED_ORIGINS, "")]).unwrap().allowed_origins, None);
        assert_eq!(parse(&[(ALLOWED_ORIGINS, "https://a.gov.cn, *")]).unwrap().allowed_origins, None);
        assert_eq!(
            parse(&[(ALLOWED_ORIGINS, "https://www.suzhou.gov.cn, https://zfxxgk.nanjing.gov.cn/")])
                .unwrap()
                .allowed_origins,
            Some(vec!["https://www.suzhou.gov.cn".to_string(), "https://zfxxgk.nanjing.gov.cn".to_string()])
        );
    }

    #[test]
    fn ranking_and_cache() {
        let c = parse(&[(RANKING, "title=5"), (SHARD_CACHE_MB, "2")]).unwrap();
        assert_eq!(c.ranking.title, 5.0);
        assert_eq!(c.shard_cache_bytes, 2 * 1024 * 1024);
        let e = parse(&[(RANKING, "title=100")]).unwrap_err();
        assert_eq!(e.setting, RANKING);
        assert!(e.to_string().contains("1 to 10"), "{e}");
        assert_eq!(parse(&[(SHARD_CACHE_MB, "0")]).unwrap_err().setting, SHARD_CACHE_MB);
        assert_eq!(parse(&[(INDEX_CACHE_MB, "128")]).unwrap().index_cache_bytes, 128 << 20);
        let e = parse(&[(INDEX_CACHE_MB, "lots")]).unwrap_err();
        assert_eq!(e.setting, INDEX_CACHE_MB);
        assert!(e.to_string().contains("`lots`") && e.to_string().contains("1 to 4096"), "{e}");
        assert_eq!(parse(&[(MATCH_BUDGET, "250_000")]).unwrap().match_budget, 250_000);
        assert_eq!(parse(&[(READ_BUDGET_MB, "4")]).unwrap().read_budget, 4 << 20);
        assert_eq!(parse(&[]).unwrap().read_budget, DEFAULT_READ_BUDGET);
        for bad in ["0", "5000", "lots"] {
            let e = parse(&[(READ_BUDGET_MB, bad)]).unwrap_err();
            assert_eq!(e.setting, READ_BUDGET_MB);
            assert!(e.message.contains(bad), "{e}");
        }
        let e = parse(&[(MATCH_BUDGET, "10")]).unwrap_err();
        assert_eq!(e.setting, MATCH_BUDGET);
        assert!(e.to_string().contains("`10`") && e.to_string().contains("1000 to 100000000"), "{e}");
        assert_eq!(parse(&[]).unwrap(), Config::default());
    }
}
