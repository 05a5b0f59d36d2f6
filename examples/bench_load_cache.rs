//! The TUI loader alone (no UI) on a pile: wall and CPU seconds until done, cold (no cache), with an empty
//! report cache (the run that writes it) and warm, so the loader's share of `tui_latency`'s "all
//! loaded" is seen.
//!
//! ```text
//! cargo run --release --example bench_load_cache
//! ```
//!
//! The pile (`LOAD_FILES`, default 1000 files) is copied at run time from `$BAOGAO_SHARED/corpus`
//! (default `../shared`) into a temporary directory, with the cache beside it; `LOAD_WARM_RUNS`
//! warm runs (default 3); `LOAD_SKIP_COLD=1` leaves out the cold run (to profile warm runs).

#[path = "support/pile_files.rs"]
mod pile_files;

use std::path::{Path, PathBuf};

/// CPU seconds (user + system) of this process so far, all threads: what a phase costs whatever
/// else the machine is doing.
fn cpu() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return f64::NAN;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(u.ru_utime) + secs(u.ru_stime)
}

/// The loader on `paths` (with the cache in `cache`, if any): wall seconds, CPU seconds, reports.
fn phase(paths: &[String], cache: Option<&Path>) -> (f64, f64, usize) {
    let c = cpu();
    let (t, r) = baogao::bench::tui_load_cost(paths.to_vec(), cache);
    (t, cpu() - c, r)
}

fn main() {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let mut sources = Vec::new();
    pile_files::pile_files(&shared.join("corpus"), &mut sources);
    sources.sort();
    if sources.is_empty() {
        println!(
            "bench_load_cache: no corpus under {}; skipping",
            shared.display()
        );
        return;
    }
    let n: usize = std::env::var("LOAD_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let work = tempfile::tempdir().expect("a temporary directory");
    let pile = work.path().join("pile");
    std::fs::create_dir(&pile).expect("the pile directory");
    let mut bytes = 0;
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let name = format!(
            "{i:05}_{}",
            src.file_name().unwrap_or_default().to_string_lossy()
        );
        bytes += std::fs::copy(src, pile.join(name)).expect("a copy");
    }
    let cache = work.path().join("cache");
    let paths = vec![pile.to_string_lossy().into_owned()];
    println!("pile: {n} files, {:.1} MB", bytes as f64 / 1e6);
    if std::env::var_os("LOAD_SKIP_COLD").is_none() {
        let (t, c, r) = phase(&paths, None);
        println!("cold (no cache):          {t:.3} s, CPU {c:.3} s, {r} reports");
    }
    let (t, c, r) = phase(&paths, Some(&cache));
    println!("empty cache (writes it):  {t:.3} s, CPU {c:.3} s, {r} reports");
    let warm_runs: usize = std::env::var("LOAD_WARM_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    for _ in 0..warm_runs {
        let (t, c, r) = phase(&paths, Some(&cache));
        println!("warm:                     {t:.3} s, CPU {c:.3} s, {r} reports");
    }
    let on_disk: u64 = std::fs::read_dir(&cache)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "cache on disk: {:.1} MB = {:.2}× the pile",
        on_disk as f64 / 1e6,
        on_disk as f64 / bytes as f64
    );
}
