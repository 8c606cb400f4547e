//! Where an edge reading its index by rounds (as the Worker does) spends heap: a counting
//! allocator reports the bytes live after opening, then per request the peak while it ran, what
//! stayed after it, and what it fetched and joined:
//! `cargo run --release -p edge --example memory -- <index-dir> <paths-file>`
//! (one `/v1/...?query` a line). Native pointers are twice the Worker's, so structures of many
//! small parts weigh more here than in wasm; byte buffers weigh the same.

use edge::native::LocalEdge;
use edge::Config;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(b: usize) -> String {
    format!("{:.1}", b as f64 / 1048576.0)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, paths] = args.as_slice() else {
        eprintln!("usage: memory <index-dir> <paths-file>");
        return std::process::ExitCode::from(2);
    };
    match run(Path::new(dir), Path::new(paths)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memory: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, paths: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(paths).map_err(|e| format!("{}: {e}", paths.display()))?;
    let requests: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let config = Config::default().from_settings(|name| std::env::var(name).ok()).map_err(|e| e.to_string())?;
    let edge = LocalEdge::open_by_rounds(dir, config).map_err(|e| e.to_string())?;
    let stats = || edge.engine.index_stats().unwrap_or_default();
    println!(
        "opened: live {} MiB (peak {} MiB), index chunks cached {} MiB",
        mib(LIVE.load(Ordering::Relaxed)),
        mib(PEAK.load(Ordering::Relaxed)),
        mib(stats().cached_bytes as usize)
    );
    println!("peak MiB  +over  live after  fetched  joined  cached  request");
    for r in &requests {
        let (before, live) = (stats(), LIVE.load(Ordering::Relaxed));
        PEAK.store(live, Ordering::Relaxed);
        let resp = edge.get(r);
        let after = stats();
        let peak = PEAK.load(Ordering::Relaxed);
        println!(
            "{:>8} {:>6} {:>11} {:>8} {:>7} {:>7}  {r} ({})",
            mib(peak),
            mib(peak - live),
            mib(LIVE.load(Ordering::Relaxed)),
            mib((after.bytes_fetched - before.bytes_fetched) as usize),
            mib((after.bytes_joined - before.bytes_joined) as usize),
            mib(after.cached_bytes as usize),
            resp.status
        );
    }
    Ok(())
}
