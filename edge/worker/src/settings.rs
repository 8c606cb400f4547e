//! The Worker's settings, read from its variables (`[vars]` in wrangler.toml, or the
//! dashboard). Every variable is optional; see `edge/worker/wrangler.toml` for the meaning.

/// Where the index bundle is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Static assets uploaded with the Worker, through the `ASSETS` binding.
    Assets,
    /// An R2 bucket, through a bucket binding.
    R2,
}

/// Parsed settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `INDEX_SOURCE`: `assets` (default) or `r2`.
    pub source: Source,
    /// `ASSETS_BINDING`: name of the static assets binding (default `ASSETS`).
    pub assets_binding: String,
    /// `R2_BINDING`: name of the R2 bucket binding (default `INDEX_BUCKET`).
    pub bucket_binding: String,
    /// `INDEX_PATH`: where the bundle lies: an asset directory or an R2 key prefix, normalized
    /// to `dir/` (default `_index/`), or empty for the root.
    pub index_path: String,
    /// `INDEX_CHECK_SECONDS`: re-read `manifest.json` at most this often and load the new
    /// index when `index_version` changed; `0` never checks (default 60).
    pub check_seconds: u32,
    /// The settings both runtimes share (`ALLOWED_ORIGINS`, `RANKING`, `SHARD_CACHE_MB`,
    /// `INDEX_CACHE_MB`, `MATCH_BUDGET`, `READ_BUDGET_MB`),
    /// parsed by [`edge::Config::from_settings`] exactly as edge-serve parses its flags.
    pub edge: edge::Config,
    /// `INDEX_READ`: `whole` (default) reads every index file at cold start; `lazy` reads the
    /// index by verified 64 KiB chunks as queries need them (`edge::lazy`: footers, term
    /// dictionaries, fieldnorms and columns at start, then each query's postings by rounds of
    /// range reads), so a bundle larger than the isolate's memory can be served.
    pub lazy: bool,
    /// `WORKER_STATS`: `on` enables `GET /_worker/stats` (memory, loads) and `/_worker/panic`,
    /// for tests and benchmarks.
    pub stats: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            source: Source::Assets,
            assets_binding: "ASSETS".into(),
            bucket_binding: "INDEX_BUCKET".into(),
            index_path: "_index/".into(),
            check_seconds: 60,
            lazy: false,
            // SHARD_CACHE_MB defaults to 8 here (edge-serve: 24): each shard is ~256 KiB and a
            // page of 10 hits reads at most 10; less cache leaves the 128 MB isolate more room
            // (at 1,000,000 records the isolate ends the parity requests at 105 MiB of wasm
            // memory with 8 and the index cache's 24, at 118 MiB with 12 and 32).
            edge: edge::Config { shard_cache_bytes: 8 * 1024 * 1024, ..edge::Config::default() },
            stats: false,
        }
    }
}

impl Settings {
    /// Reads the settings through `var` (variable name → value, `None` when unset). A value
    /// that makes no sense is an error naming the variable, never a silent default.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let mut s = Settings::default();
        let get = |k: &str| var(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(v) = get("INDEX_SOURCE") {
            s.source = match v.to_ascii_lowercase().as_str() {
                "assets" => Source::Assets,
                "r2" => Source::R2,
                _ => return Err(format!("INDEX_SOURCE is `{v}`; use `assets` or `r2`")),
            };
        }
        if let Some(v) = get("ASSETS_BINDING") {
            s.assets_binding = v;
        }
        if let Some(v) = get("R2_BINDING") {
            s.bucket_binding = v;
        }
        if let Some(v) = var("INDEX_PATH") {
            let v = v.trim().trim_matches('/');
            if v.split('/').any(|seg| seg == ".." || seg == ".") {
                return Err(format!("INDEX_PATH `{v}` must not contain `.` or `..` segments"));
            }
            s.index_path = if v.is_empty() { String::new() } else { format!("{v}/") };
        }
        if let Some(v) = get("INDEX_CHECK_SECONDS") {
            s.check_seconds = v
                .parse()
                .map_err(|_| format!("INDEX_CHECK_SECONDS is `{v}`; use a whole number of seconds (0 = never)"))?;
        }
        if let Some(v) = get("INDEX_READ") {
            s.lazy = match v.to_ascii_lowercase().as_str() {
                "whole" => false,
                "lazy" => true,
                _ => return Err(format!("INDEX_READ is `{v}`; use `whole` or `lazy`")),
            };
        }
        if let Some(v) = get("WORKER_STATS") {
            s.stats = matches!(v.to_ascii_lowercase().as_str(), "on" | "1" | "true" | "yes");
        }
        s.edge = s.edge.from_settings(&var).map_err(|e| e.to_string())?;
        Ok(s)
    }

    /// The key (R2) or asset path (without the leading `/`) of a bundle file.
    pub fn bundle_key(&self, rel: &str) -> String {
        format!("{}{}", self.index_path, rel.trim_start_matches('/'))
    }

    /// Whether a request path points into the bundle (never served as a public asset).
    pub fn is_bundle_path(&self, path: &str) -> bool {
        let p = path.trim_start_matches('/');
        if self.index_path.is_empty() {
            // Bundle at the asset root: hide its files by their names.
            return p == "manifest.json"
                || p == "lexicon.json"
                || p == "blacklist.json"
                || p == "report.json"
                || p == "dictionary.txt"
                || p.starts_with("index/")
                || p.starts_with("docs/");
        }
        p.starts_with(&self.index_path) || p == self.index_path.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<Settings, String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::from_vars(|k| m.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let s = parse(&[]).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.bundle_key("index/meta.json"), "_index/index/meta.json");
        assert!(s.is_bundle_path("/_index/manifest.json"));
        assert!(!s.is_bundle_path("/widget.js"));
    }

    #[test]
    fn variables() {
        let s = parse(&[
            ("INDEX_SOURCE", "R2"),
            ("INDEX_PATH", "/gongkai/current/"),
            ("INDEX_CHECK_SECONDS", "30"),
            ("ALLOWED_ORIGINS", "https://www.suzhou.gov.cn, https://zfxxgk.nanjing.gov.cn/"),
            ("WORKER_STATS", "on"),
            ("SHARD_CACHE_MB", "24"),
        ])
        .unwrap();
        assert_eq!(s.source, Source::R2);
        assert_eq!(s.bundle_key("manifest.json"), "gongkai/current/manifest.json");
        assert_eq!(s.check_seconds, 30);
        assert_eq!(
            s.edge.allowed_origins,
            Some(vec!["https://www.suzhou.gov.cn".to_string(), "https://zfxxgk.nanjing.gov.cn".to_string()])
        );
        assert!(s.stats);
        assert_eq!(s.edge.shard_cache_bytes, 24 * 1024 * 1024);
        assert!(!s.lazy);
        let lazy = parse(&[("INDEX_READ", "Lazy"), ("INDEX_CACHE_MB", "20")]).unwrap();
        assert!(lazy.lazy);
        assert_eq!(lazy.edge.index_cache_bytes, 20 << 20);
        assert_eq!(parse(&[("MATCH_BUDGET", "5000")]).unwrap().edge.match_budget, 5000);
        assert!(parse(&[("MATCH_BUDGET", "all")]).unwrap_err().contains("MATCH_BUDGET"));
        assert_eq!(parse(&[("READ_BUDGET_MB", "8")]).unwrap().edge.read_budget, 8 << 20);
        assert!(parse(&[("READ_BUDGET_MB", "0")]).unwrap_err().contains("READ_BUDGET_MB"));
        assert!(parse(&[("INDEX_READ", "sometimes")]).unwrap_err().contains("INDEX_READ is `sometimes`"));
        assert_eq!(parse(&[("ALLOWED_ORIGINS", "*")]).unwrap().edge.allowed_origins, None);
        assert_eq!(parse(&[("ALLOWED_ORIGINS", " ")]).unwrap().edge.allowed_origins, None);
        assert_eq!(parse(&[("RANKING", "place_boost=1.5")]).unwrap().edge.ranking.place_boost, 1.5);
        let root = parse(&[("INDEX_PATH", "")]).unwrap();
        assert_eq!(root.bundle_key("lexicon.json"), "lexicon.json");
        assert!(root.is_bundle_path("/index/abc.idx"));
        assert!(root.is_bundle_path("/dictionary.txt"));
        assert!(root.is_bundle_path("/blacklist.json"));
        assert!(!root.is_bundle_path("/widget.js"));
    }

    #[test]
    fn bad_values_are_named() {
        assert!(parse(&[("INDEX_SOURCE", "kv")]).unwrap_err().contains("INDEX_SOURCE"));
        assert!(parse(&[("INDEX_CHECK_SECONDS", "soon")]).unwrap_err().contains("INDEX_CHECK_SECONDS"));
        assert!(parse(&[("INDEX_PATH", "../x")]).unwrap_err().contains("INDEX_PATH"));
        assert!(parse(&[("SHARD_CACHE_MB", "0")]).unwrap_err().contains("SHARD_CACHE_MB"));
        assert!(parse(&[("SHARD_CACHE_MB", "lots")]).unwrap_err().contains("SHARD_CACHE_MB"));
        let e = parse(&[("RANKING", "title=100")]).unwrap_err();
        assert!(e.contains("RANKING") && e.contains("1 to 10"), "{e}");
    }
}
