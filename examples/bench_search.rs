//! Search speed over ~1,000 reports built at run time from `$BAOGAO_SHARED/corpus` (default
//! `../shared`): each corpus report repeated with a small change (a numbered line added, one
//! paragraph dropped) so no two are identical.
//!
//! Prints the index build throughput, the latency (median, p99) of full runs (all matches and
//! counts) and of the first screen (first 50 hits with spans) for several kinds of query, then
//! compares whole `baogao grep 乡村振兴 DIR` processes (cold with `--no-cache`, with the grep
//! cache warm, and `--count`) with `rg -c 乡村振兴 DIR` on the same 1,000 files written to a
//! temporary directory (needs `target/release/baogao`: run `cargo build --release` first or set
//! `BAOGAO_BIN`; and `rg` on the PATH).
//!
//! Run: `cargo run --release --example bench_search` (goals: ≤ 5 ms median per query;
//! grep within 1.5× of rg, at most 4×).

use baogao_core::search::{Query, SearchIndex};
use baogao_core::Report;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const REPORTS: usize = 1000;
const RUNS: usize = 101;

fn main() {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let corpus = shared.join("corpus");
    let paths = vec![corpus.to_string_lossy().into_owned()];
    let base: Vec<Report> = baogao_core::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
        .collect();
    if base.is_empty() {
        eprintln!("no corpus under {} (set BAOGAO_SHARED)", corpus.display());
        std::process::exit(2);
    }
    let reports = build_corpus(&base);
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let paras: usize = reports.iter().map(|r| r.paragraphs.len()).sum();
    println!(
        "corpus: {} reports from {} originals, {:.1} MB of text, {paras} paragraphs",
        reports.len(),
        base.len(),
        bytes as f64 / 1e6
    );

    let mut builds = Vec::new();
    let mut index = SearchIndex::default();
    for _ in 0..5 {
        let t = Instant::now();
        index = SearchIndex::new(&reports);
        builds.push(t.elapsed());
    }
    let build = median(&mut builds);
    println!(
        "index build: {:.1} ms median, {:.0} MB/s",
        ms(build),
        bytes as f64 / 1e6 / build.as_secs_f64()
    );

    baogao_core::segment::warm_up();
    println!(
        "\n{:<34} {:>8} {:>8} {:>9} {:>9} {:>10}",
        "query", "matches", "reports", "median", "p99", "first 50"
    );
    for (label, q, words) in [
        ("common: 发展", "发展", false),
        ("rare: 碳达峰", "碳达峰", false),
        ("Latin, folded: gdp", "gdp", false),
        ("AND: 乡村振兴 产业", "乡村振兴 产业", false),
        ("OR: gdp|生产总值", "gdp|生产总值", false),
        ("NOT: 乡村振兴 -疫情", "乡村振兴 -疫情", false),
        ("phrase: \"高质量发展\"", "\"高质量发展\"", false),
        (
            "OR of 3: gdp|生产总值|经济总量",
            "gdp|生产总值|经济总量",
            false,
        ),
        ("words: 乡村振兴产业发展", "乡村振兴产业发展", true),
        ("none: 量子计算机", "量子计算机", false),
    ] {
        let query = Query::parse(q, words).expect("valid query");
        let mut full = Vec::with_capacity(RUNS);
        let mut first = Vec::with_capacity(RUNS);
        let mut results = index.run(&query);
        for _ in 0..RUNS {
            let t = Instant::now();
            results = index.run(&query);
            full.push(t.elapsed());
            let t = Instant::now();
            let n = index.hits(&query).take(50).count();
            first.push(t.elapsed());
            assert!(n <= 50);
        }
        let (med, p99) = (median(&mut full), percentile(&mut full, 0.99));
        println!(
            "{} {:>8} {:>8} {:>7.2}ms {:>7.2}ms {:>8.3}ms",
            pad(label, 34),
            results.len(),
            results.report_count(),
            ms(med),
            ms(p99),
            ms(median(&mut first))
        );
    }

    grep_vs_rg(&corpus);
}

/// `REPORTS` reports: the originals in turn, each with a numbered first line and one paragraph
/// left out.
fn build_corpus(base: &[Report]) -> Vec<Report> {
    (0..REPORTS)
        .map(|i| {
            let r = &base[i % base.len()];
            let skip = i / base.len() % r.paragraphs.len().max(1);
            let mut text = format!("第{i}份\n");
            for p in (0..r.paragraphs.len()).filter(|&p| p != skip || r.paragraphs.len() == 1) {
                text.push_str(r.paragraph_text(p));
                text.push('\n');
            }
            baogao_core::load::from_text(&format!("{i:04}_{}", r.source), &text, "UTF-8")
        })
        .collect()
}

/// Write `REPORTS` files (the corpus files' bytes in turn, each with a numbered line appended)
/// and time both tools as whole processes.
fn grep_vs_rg(corpus: &Path) {
    let bin = std::env::var_os("BAOGAO_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/baogao"));
    if !bin.exists() {
        println!(
            "\n(no {}: build with --release to compare with rg)",
            bin.display()
        );
        return;
    }
    let inputs = baogao_core::load::expand(&[corpus.to_string_lossy().into_owned()]);
    let files: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| {
            let bytes = baogao_core::load::read_input(i, &Default::default()).ok()?;
            let name = Path::new(i.name())
                .file_name()?
                .to_string_lossy()
                .into_owned();
            Some((name, bytes))
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut total = 0;
    for i in 0..REPORTS {
        let (name, bytes) = &files[i % files.len()];
        let mut b = bytes.clone();
        // ASCII, so it is the same line in every encoding.
        b.extend_from_slice(format!("\n(no. {i})\n").as_bytes());
        total += b.len();
        std::fs::write(dir.path().join(format!("{i:04}_{name}")), b).expect("write");
    }
    let d = dir.path().to_string_lossy().into_owned();
    // The grep cache goes to a temporary directory too, never the user's.
    let cache = tempfile::tempdir().expect("temp dir");
    println!(
        "\nwhole process over {REPORTS} files ({:.1} MB) in {d}:",
        total as f64 / 1e6
    );
    let run = |args: &[&str]| {
        let mut c = Command::new(&bin);
        c.args(args).env("BAOGAO_CACHE_DIR", cache.path());
        time_cmd(&mut c)
    };
    let Some(rg) = time_cmd(Command::new("rg").args(["-c", "乡村振兴", &d])) else {
        println!("  (rg not found: apt-get install ripgrep)");
        return;
    };
    println!(
        "  {} {:>8.1} ms  ({} files; rg does not decode GB2312)",
        pad("rg -c 乡村振兴", 46),
        ms(rg.0),
        rg.1
    );
    for (label, args) in [
        (
            "baogao grep --no-cache 乡村振兴 (cold: load all)",
            vec!["grep", "--no-cache", "乡村振兴", &d],
        ),
        (
            "baogao grep 乡村振兴 (cache warm)",
            vec!["grep", "乡村振兴", &d],
        ),
        (
            "baogao grep --count 乡村振兴 (cache warm)",
            vec!["grep", "--count", "乡村振兴", &d],
        ),
    ] {
        match run(&args) {
            Some((t, lines)) => println!(
                "  {} {:>8.1} ms  ({lines} lines) = {:.2}× rg",
                pad(label, 46),
                ms(t),
                t.as_secs_f64() / rg.0.as_secs_f64()
            ),
            None => println!("  {label}: could not run"),
        }
    }
    println!("  (goal: within 1.5× of rg, limit 4×)");
}

/// Median wall time over 7 runs (after one warm-up run, which also fills the grep cache) and
/// the number of output lines.
fn time_cmd(cmd: &mut Command) -> Option<(Duration, usize)> {
    let out = cmd.output().ok()?;
    let lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        cmd.output().ok()?;
        times.push(t.elapsed());
    }
    Some((median(&mut times), lines))
}

/// Pad to a display width (Chinese characters take two columns).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn median(v: &mut [Duration]) -> Duration {
    percentile(v, 0.5)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
