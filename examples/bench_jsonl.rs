//! Memory of the streamed outputs: `baogao panel --format jsonl` and `baogao indicators --format
//! jsonl` over 1× and 8× a copy of `$BAOGAO_SHARED/corpus`, against `indicators --format json`
//! (which holds every row until the end). The peak resident memory of a streamed command should
//! stay about the same when the input grows eightfold.
//!
//! Run: `cargo build --release && cargo run --release --example bench_jsonl [-- BINARY]`
//! (default binary `target/release/baogao`). Linux only (reads `/proc/PID/status`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak resident memory (kB) of a child so far, from `/proc/PID/status` (`VmHWM`).
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Run `bin args` with stdout discarded; (seconds, peak kB as last seen).
fn measure(bin: &Path, args: &[&str]) -> (f64, u64) {
    let start = Instant::now();
    let mut child = match Command::new(bin)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot run {}: {e}", bin.display());
            std::process::exit(2);
        }
    };
    let mut peak = 0;
    loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (start.elapsed().as_secs_f64(), peak)
}

fn main() {
    let bin = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/target/release/baogao"
            ))
        });
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let inputs = baogao_core::load::expand(&[shared.join("corpus").to_string_lossy().into_owned()]);
    if inputs.is_empty() {
        eprintln!("no corpus under {} (set BAOGAO_SHARED)", shared.display());
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("baogao-bench-jsonl-{}", std::process::id()));
    for copies in [1usize, 8] {
        let _ = std::fs::remove_dir_all(&dir);
        let mut bytes = 0u64;
        for c in 0..copies {
            let sub = dir.join(c.to_string());
            let _ = std::fs::create_dir_all(&sub);
            for (i, input) in inputs.iter().enumerate() {
                let src = PathBuf::from(input.name());
                let name = format!(
                    "{i}_{}",
                    src.file_name().and_then(|n| n.to_str()).unwrap_or("r.txt")
                );
                if let Ok(n) = std::fs::copy(&src, sub.join(name)) {
                    bytes += n;
                }
            }
        }
        let d = dir.to_string_lossy().into_owned();
        println!("{copies}× corpus: {:.1} MB", bytes as f64 / 1e6);
        for args in [
            vec!["panel", "--format", "jsonl", &d],
            vec!["indicators", "--format", "jsonl", &d],
            vec!["indicators", "--format", "json", &d],
        ] {
            let (secs, kb) = measure(&bin, &args);
            println!(
                "  {:<32} {secs:>6.2} s  peak {:>7.1} MB",
                args[..args.len() - 1].join(" "),
                kb as f64 / 1024.0
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
