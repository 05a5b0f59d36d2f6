//! Keywords cost: cutting every corpus report's words (jieba, the one expensive step, done once
//! per report on the TUI's worker thread), and weighing one report or section against the pile
//! (done on the UI thread when `K` is pressed).
//!
//! Run: `cargo run --release --example bench_keywords` (`$BAOGAO_SHARED`, default `../shared`).

use baogao_core::keywords::{distinctive, Pile, ReportTerms};
use std::time::Instant;

fn main() {
    let shared = std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into());
    let reports: Vec<baogao_core::Report> =
        baogao_core::load::load_paths(&[format!("{shared}/corpus")], &Default::default())
            .into_iter()
            .filter_map(Result::ok)
            .collect();
    if reports.is_empty() {
        eprintln!("no corpus under {shared} (set BAOGAO_SHARED)");
        std::process::exit(2);
    }
    let chars: usize = reports.iter().map(|r| r.text.chars().count()).sum();
    let t = Instant::now();
    baogao_core::segment::warm_up();
    println!(
        "jieba dictionary: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let terms: Vec<ReportTerms> = reports.iter().map(ReportTerms::of).collect();
    let cut = t.elapsed().as_secs_f64();
    println!(
        "cut {} reports ({:.1} M chars) on one core: {:.0} ms, {:.1} ms a report, {:.2} M chars/s",
        reports.len(),
        chars as f64 / 1e6,
        cut * 1e3,
        cut * 1e3 / reports.len() as f64,
        chars as f64 / 1e6 / cut
    );
    let mut pile = Pile::new();
    terms.iter().for_each(|t| pile.add(t));
    let t = Instant::now();
    for x in &terms {
        std::hint::black_box(distinctive(x, 0..x.len(), &pile, 30));
    }
    let weigh = t.elapsed().as_secs_f64();
    println!(
        "weigh a whole report against the pile: {:.2} ms on average",
        weigh * 1e3 / terms.len() as f64
    );
}
