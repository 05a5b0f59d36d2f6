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
    let inputs = baogao::load::expand(&[shared.join("corpus").to_string_lossy().into_owned()]);
    let files: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| {
            let bytes = baogao::load::read_input(i, &Default::default()).ok()?;
            Some((i.name().to_string(), bytes))
        })
        .collect();
    if files.is_empty() {
        eprintln!("no corpus under {} (set BAOGAO_SHARED)", shared.display());
        std::process::exit(2);
    }
    let one_pass: usize = files.iter().map(|(_, b)| b.len()).sum();
    let target: usize = 30 * 1024 * 1024;
    let passes = target.div_ceil(one_pass);
    println!(
        "corpus: {} files, {:.1} MB per pass, {passes} passes = {:.1} MB",
        files.len(),
        one_pass as f64 / 1e6,
        (one_pass * passes) as f64 / 1e6
    );
    let mut runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let (mut reports, mut paragraphs, mut sections) = (0, 0, 0);
        for _ in 0..passes {
            for (name, bytes) in &files {
                for r in baogao::load::load_bytes(name, bytes).into_iter().flatten() {
                    reports += 1;
                    paragraphs += r.paragraphs.len();
                    sections += r.sections.len();
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let mbs = (one_pass * passes) as f64 / 1e6 / secs;
        println!("  {reports} reports, {paragraphs} paragraphs, {sections} sections in {secs:.2} s: {mbs:.1} MB/s");
        runs.push(mbs);
    }
    runs.sort_by(|a, b| a.total_cmp(b));
    println!(
        "load + outline, one core: median {:.1} MB/s (floor 50 MB/s)",
        runs[1]
    );
}
