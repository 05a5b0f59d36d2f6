//! Load + outline throughput on one core, over a ≥ 30 MB corpus built at run time from
//! `$BAOGAO_SHARED/corpus` (default `../shared`): every file's bytes, repeated until the total
//! passes 30 MB, each decoded, cleaned, split into paragraphs and outlined.
//!
//! Run: `cargo run --release --example bench_load` (floor: 50 MB/s).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let inputs = baogao_core::load::expand(&[shared.join("corpus").to_string_lossy().into_owned()]);
    let files: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| {
            let bytes = baogao_core::load::read_input(i, &Default::default()).ok()?;
            Some((i.name().to_string(), bytes))
        })
        .collect();
    if files.is_empty() {
        eprintln!("no corpus under {} (set BAOGAO_SHARED)", shared.display());
        std::process::exit(2);
    }
    let one_pass: usize = files.iter().map(|(_, b)| b.len()).sum();
    // `BENCH_LOAD_MB` makes a smaller run (under callgrind, say); 30 MB by default.
    let mb: usize = std::env::var("BENCH_LOAD_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let target: usize = mb * 1024 * 1024;
    let passes = target.div_ceil(one_pass);
    println!(
        "corpus: {} files, {:.1} MB per pass, {passes} passes = {:.1} MB",
        files.len(),
        one_pass as f64 / 1e6,
        (one_pass * passes) as f64 / 1e6
    );
    let mut runs = Vec::new();
    let mut cpu_runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let (mut reports, mut paragraphs, mut sections) = (0, 0, 0);
        for _ in 0..passes {
            for (name, bytes) in &files {
                for r in baogao_core::load::load_bytes(name, bytes)
                    .into_iter()
                    .flatten()
                {
                    reports += 1;
                    paragraphs += r.paragraphs.len();
                    sections += r.sections.len();
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().map(|c| c - cpu_start.unwrap_or(0.0));
        let mb = (one_pass * passes) as f64 / 1e6;
        let mbs = mb / secs;
        print!("  {reports} reports, {paragraphs} paragraphs, {sections} sections in {secs:.2} s: {mbs:.1} MB/s");
        if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
            print!(" ({:.1} MB/s of CPU time)", mb / cpu);
            cpu_runs.push(mb / cpu);
        }
        println!();
        runs.push(mbs);
    }
    runs.sort_by(|a, b| a.total_cmp(b));
    cpu_runs.sort_by(|a, b| a.total_cmp(b));
    print!("load + outline, one core: median {:.1} MB/s wall", runs[1]);
    if let Some(c) = cpu_runs.get(cpu_runs.len() / 2) {
        print!(", {c:.1} MB/s per CPU-second (one core's speed when the machine is shared)");
    }
    println!("; floor 50 MB/s");
}

/// This process's user + system CPU time (Linux `/proc/self/stat`), to see one core's speed
/// when other work shares the machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
