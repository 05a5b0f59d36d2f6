//! Streaming CLI at scale: time to the first byte of output, total time and peak resident memory
//! of `indicators --format json`, `indicators --format jsonl`, `outline --format json`,
//! `keywords` and `panel --format jsonl` over piles of 1,000 and 10,000 reports, against the
//! pile's size (targets for the streamed commands: peak ≤ 0.2× the pile, first byte ≤ 0.5 s).
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_stream [-- BINARY]
//! ```
//!
//! The piles are built at run time from `$BAOGAO_SHARED/corpus` (default `../shared`) in a
//! temporary directory: the corpus's `.txt` files copied round-robin, bytes unchanged; nothing is
//! committed. `STREAM_FILES` sets the pile sizes (default `1000,10000`). Linux only (reads
//! `/proc/PID/status`).

#[path = "support/pile_files.rs"]
mod pile_files;
use pile_files::pile_files;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Peak resident memory (bytes) of a process so far (`VmHWM`).
fn peak(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

struct Run {
    first_byte: Option<f64>,
    total: f64,
    peak: u64,
    bytes_out: u64,
}

/// Run `bin args`, reading its output as it comes.
fn measure(bin: &Path, args: &[&str]) -> Result<Run, String> {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let pid = child.id();
    // Peak memory is sampled on a thread while the output is read here.
    let done = Arc::new(AtomicBool::new(false));
    let high = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (done, high) = (done.clone(), high.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(p) = peak(pid) {
                    high.fetch_max(p, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let mut buf = vec![0u8; 1 << 16];
    let mut first_byte = None;
    let mut bytes_out = 0u64;
    loop {
        match out.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                first_byte.get_or_insert_with(|| start.elapsed().as_secs_f64());
                bytes_out += n as u64;
            }
        }
    }
    // The last sample, just before the process is reaped.
    if let Some(p) = peak(pid) {
        high.fetch_max(p, Ordering::Relaxed);
    }
    let _ = child.wait();
    let total = start.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    Ok(Run {
        first_byte,
        total,
        peak: high.load(Ordering::Relaxed),
        bytes_out,
    })
}

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_stream: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let bin = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/baogao"));
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let mut sources = Vec::new();
    pile_files(&shared.join("corpus"), &mut sources);
    sources.sort();
    if sources.is_empty() {
        println!(
            "bench_stream: no corpus under {} (set BAOGAO_SHARED); nothing measured",
            shared.display()
        );
        return Ok(());
    }
    let sizes: Vec<usize> = std::env::var("STREAM_FILES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    for n in sizes {
        let pile = work.path().join(format!("pile{n}"));
        std::fs::create_dir_all(&pile).map_err(|e| e.to_string())?;
        let mut bytes = 0u64;
        for i in 0..n {
            let src = &sources[i % sources.len()];
            let name = format!(
                "{i:05}_{}",
                src.file_name().unwrap_or_default().to_string_lossy()
            );
            bytes += std::fs::copy(src, pile.join(name)).map_err(|e| e.to_string())?;
        }
        let p = pile.to_string_lossy().into_owned();
        println!("{n} reports, {:.1} MB", bytes as f64 / 1e6);
        for args in [
            vec!["indicators", "--format", "json"],
            vec!["indicators", "--format", "jsonl"],
            vec!["outline", "--format", "json"],
            vec!["keywords"],
            vec!["panel", "--format", "jsonl"],
        ] {
            let mut full = args.clone();
            full.push(&p);
            let r = measure(&bin, &full)?;
            println!(
                "  {:<28} first byte {:>6} s  all {:>6.2} s  peak {:>7.1} MB = {:.3}× the pile  ({:.1} MB out)",
                args.join(" "),
                r.first_byte.map_or("-".into(), |t| format!("{t:.2}")),
                r.total,
                r.peak as f64 / 1e6,
                r.peak as f64 / bytes as f64,
                r.bytes_out as f64 / 1e6
            );
        }
        let _ = std::fs::remove_dir_all(&pile);
    }
    Ok(())
}
