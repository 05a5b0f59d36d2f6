//! Extraction throughput: `indicators::extract` over a ≥ 30 MB corpus built at run time by
//! repeating the reports of `$BAOGAO_SHARED/corpus` (default `../shared`). Loading is not timed;
//! one thread. Prints MB/s of report text (UTF-8 bytes). Target: ≥ 20 MB/s.
//!
//! Usage: `cargo run --release --example bench_indicators [-- MEGABYTES]`

use std::time::Instant;

fn main() {
    let shared = std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into());
    let want_mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let dir = format!("{shared}/corpus");
    let reports: Vec<baogao_core::Report> =
        baogao_core::load::load_paths(std::slice::from_ref(&dir), &Default::default())
            .into_iter()
            .flatten()
            .collect();
    if reports.is_empty() {
        println!("bench_indicators: no reports under {dir} (set BAOGAO_SHARED); skipped");
        return;
    }
    let one_pass: usize = reports.iter().map(|r| r.text.len()).sum();
    let passes = (want_mb * 1_000_000).div_ceil(one_pass.max(1));
    let total = one_pass * passes;
    // Warm the vocabulary index and caches.
    let mut rows = 0usize;
    for r in &reports {
        rows += baogao_core::indicators::extract(r).len();
    }
    let start = Instant::now();
    let mut n = 0usize;
    for _ in 0..passes {
        for r in &reports {
            n += baogao_core::indicators::extract(r).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "bench_indicators: {} reports x {passes} = {:.1} MB of text, {n} rows ({rows} per pass) in {secs:.2} s: {:.1} MB/s",
        reports.len(),
        total as f64 / 1e6,
        total as f64 / 1e6 / secs
    );
    // `bench_indicators MB --typical`: the corpus only (for a profiler).
    if std::env::args().nth(2).as_deref() == Some("--typical") {
        return;
    }
    // The worst shape: one long paragraph without a `。`, full of figures and lists.
    let clause = "全年地区生产总值增长5%和6%，城乡居民人均可支配收入分别增长5%、6%，";
    let text = clause.repeat(2_000_000 / clause.len());
    let report = baogao_core::load::from_text("one-paragraph", &text, "utf-8");
    let start = Instant::now();
    let rows = baogao_core::indicators::extract(&report);
    let n = rows.len();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "bench_indicators: one {:.1} MB paragraph without 。, {n} rows in {secs:.2} s: {:.1} MB/s",
        report.text.len() as f64 / 1e6,
        report.text.len() as f64 / 1e6 / secs
    );
    // Its panel rows (each figure's paragraph and quote looked at: once quadratic).
    let start = Instant::now();
    let panel = baogao_core::panel::rows(&report, &rows).len();
    println!(
        "bench_indicators: its panel, {panel} rows in {:.2} s",
        start.elapsed().as_secs_f64()
    );
}
