//! Test harness shared by the end-to-end tests: builds the release binaries once, builds
//! the sample index with the real `gongkai-sample` and `index-builder` commands, and runs the real `edge-serve`
//! on a free loopback port.

#![deny(missing_docs)]

use serde_json::Value;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Where test artefacts go (`build/tests/`).
pub fn build_dir() -> PathBuf {
    root().join("build").join("tests")
}

/// Path of a release binary, building `index-builder`, `gongkai-sample` and `edge-serve` once
/// per process.
pub fn bin(name: &str) -> PathBuf {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .current_dir(root())
            .args([
                "build",
                "--release",
                "-p",
                "index-builder",
                "-p",
                "gongkai-sample",
                "-p",
                "edge",
                "--bin",
                "index-builder",
                "--bin",
                "gongkai-sample",
                "--bin",
                "edge-serve",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the release binaries failed");
    });
    root().join("target").join("release").join(name)
}

/// Runs `index-builder` with arguments; returns (success, stderr).
pub fn index_builder(args: &[&str]) -> (bool, String) {
    let out = Command::new(bin("index-builder")).args(args).output().expect("index-builder runs");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs `gongkai-sample` (the sample corpus generator) with arguments; returns (success, stderr).
pub fn gongkai_sample(args: &[&str]) -> (bool, String) {
    let out = Command::new(bin("gongkai-sample")).args(args).output().expect("gongkai-sample runs");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// nDCG@`k` of ranked grades against the ideal grades (the corpus's best, in order): gain
/// 2^grade − 1, log2 discount. Both relevance evaluations score with this one function.
pub fn ndcg_at(k: usize, got: &[u32], ideal: &[u32]) -> f64 {
    let dcg = |grades: &[u32]| {
        grades
            .iter()
            .take(k)
            .enumerate()
            .fold(0.0, |acc, (i, &g)| acc + (2f64.powi(g as i32) - 1.0) / ((i + 2) as f64).log2())
    };
    let best = dcg(ideal);
    if best == 0.0 {
        0.0
    } else {
        dcg(got) / best
    }
}

/// Queries scored so far in one cell of a relevance table: their count, summed nDCG and how
/// many found nothing. Both relevance evaluations add up with this.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Queries.
    pub n: usize,
    /// Sum of their nDCG.
    pub ndcg: f64,
    /// Queries with no hit.
    pub zero: usize,
}

impl Tally {
    /// Counts one query.
    pub fn add(&mut self, ndcg: f64, zero: bool) {
        self.n += 1;
        self.ndcg += ndcg;
        self.zero += zero as usize;
    }

    /// Mean nDCG (0 for no queries).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.ndcg / self.n as f64
        }
    }

    /// Share of queries with no hit (0 for no queries).
    pub fn zero_rate(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.zero as f64 / self.n as f64
        }
    }
}

/// Builds `corpus` (a JSONL file) into a bundle at `index` with the real `index-builder`.
pub fn build_index(corpus: &Path, index: &Path) {
    let (ok, err) = index_builder(&[
        "build",
        "--input",
        corpus.to_str().unwrap_or_default(),
        "--out",
        index.to_str().unwrap_or_default(),
        "--quiet",
    ]);
    assert!(ok, "build of {} failed: {err}", corpus.display());
}

/// The sample corpus (5,000 records, seed 7) and its index, built once per test process
/// into `build/tests/<tag>/`.
pub fn sample_index(tag: &str) -> PathBuf {
    static DIRS: OnceLock<std::sync::Mutex<std::collections::HashMap<String, PathBuf>>> = OnceLock::new();
    let dirs = DIRS.get_or_init(Default::default);
    let mut dirs = dirs.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(d) = dirs.get(tag) {
        return d.clone();
    }
    let dir = build_dir().join(tag);
    std::fs::create_dir_all(&dir).expect("build dir");
    let corpus = dir.join("sample.jsonl");
    let index = dir.join("index");
    let (ok, err) = gongkai_sample(&["--count", "5000", "--seed", "7", "--out", corpus.to_str().unwrap_or_default()]);
    assert!(ok, "sample failed: {err}");
    build_index(&corpus, &index);
    dirs.insert(tag.to_string(), index.clone());
    index
}

/// A running `edge-serve`, killed on drop (also when the test panics: unwinding drops it).
///
/// A server kept in a `static` is never dropped, and a test process can be killed before it
/// drops anything; so edge-serve runs with `--stop-on-stdin-eof` and a pipe from this process
/// as its standard input: when this process ends, however it ends, the pipe closes and
/// edge-serve stops by itself. It also runs in a process group of its own, so a Ctrl-C meant
/// for `cargo test` cannot leave it half-stopped, and the group is killed on drop.
pub struct EdgeServer {
    child: Child,
    /// The write end of edge-serve's standard input; closing it stops edge-serve.
    stdin: Option<ChildStdin>,
    /// `http://127.0.0.1:<port>`
    pub base: String,
}

impl EdgeServer {
    /// Starts edge-serve on a free port and waits until `/healthz` answers.
    pub fn start(index: &Path, extra: &[&str]) -> EdgeServer {
        EdgeServer::start_with_stderr(index, extra, Stdio::inherit())
    }

    /// Like [`EdgeServer::start`], with edge-serve's standard error written to the file `log`
    /// (for tests of what it logs).
    pub fn start_logged(index: &Path, extra: &[&str], log: &Path) -> EdgeServer {
        let file = std::fs::File::create(log).unwrap_or_else(|e| panic!("creating {}: {e}", log.display()));
        EdgeServer::start_with_stderr(index, extra, Stdio::from(file))
    }

    fn start_with_stderr(index: &Path, extra: &[&str], stderr: Stdio) -> EdgeServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(bin("edge-serve"))
            .current_dir(root())
            .args(["--index", index.to_str().unwrap_or_default(), "--addr", &addr, "--stop-on-stdin-eof"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(stderr)
            .process_group(0)
            .spawn()
            .expect("edge-serve starts");
        let mut server = EdgeServer { stdin: None, child, base: format!("http://{addr}") };
        server.stdin = server.child.stdin.take();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if !server.running() {
                panic!("edge-serve exited before answering /healthz (its error is above)");
            }
            if ureq::get(&format!("{}/healthz", server.base)).call().is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("edge-serve did not answer /healthz within 30 s");
    }

    /// GET a path; returns (status, headers of interest, JSON body).
    pub fn get(&self, path: &str) -> (u16, Value) {
        let (status, _, body) = self.get_raw(path, &[]);
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}")))
    }

    /// GET with request headers; returns (status, response headers, body text).
    pub fn get_raw(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, String) {
        let mut req = ureq::get(&format!("{}{}", self.base, path));
        for (k, v) in headers {
            req = req.set(k, v);
        }
        let resp = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{path}: {e}"),
        };
        let status = resp.status();
        let names = resp.headers_names();
        let hdrs =
            names.iter().filter_map(|n| resp.header(n).map(|v| (n.to_ascii_lowercase(), v.to_string()))).collect();
        let body = resp.into_string().unwrap_or_default();
        (status, hdrs, body)
    }

    /// Search with query-string parameters already encoded by [`encode`].
    pub fn search(&self, params: &str) -> Value {
        let (status, body) = self.get(&format!("/v1/search?{params}"));
        assert_eq!(status, 200, "{params}: {body}");
        body
    }
}

impl EdgeServer {
    /// The process id of edge-serve (also its process group's id).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether edge-serve is still running (it has not exited, crashed or been killed).
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for EdgeServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        // The whole group (edge-serve starts no children today; whatever it may start later
        // goes too), then edge-serve itself, reaped.
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes a query-string value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The titles of a search response's hits.
pub fn titles(resp: &Value) -> Vec<String> {
    resp["hits"]
        .as_array()
        .map(|h| h.iter().map(|x| x["title"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

/// A string field of every hit.
pub fn hit_field(resp: &Value, field: &str) -> Vec<String> {
    resp["hits"]
        .as_array()
        .map(|h| h.iter().map(|x| x[field].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}
