//! How fast the TUI answers on a big pile, measured on the real release binary running in a
//! private tmux server: time to the first frame; filter keystroke → the frame showing its
//! matches (median, max), and the first frame after the key; a word committed at once (as an
//! input method does) → the frame with its matches; the longest gap between frames while the
//! pile loads and the time until all is loaded; the TUI's peak resident memory against the
//! pile's bytes.
//!
//! ```text
//! cargo build --release && cargo run --release --example tui_latency
//! ```
//!
//! The pile (1,000 reports, tens of MB) is built at run time from `$BAOGAO_SHARED/corpus`
//! (default `../shared`) in a temporary directory: corpus files copied round-robin, bytes and
//! encodings unchanged. Nothing is committed.
//!
//! Timing goes through one tmux *control-mode* client (`tmux -C`): commands are written to its
//! stdin and the pane's output comes back as `%output` lines the moment tmux reads it from the
//! pane, so no process is spawned per key or per poll. A frame is "done" when the burst of output
//! it started has gone quiet (no output for [`QUIET`]); the figure is from writing the command
//! to the last byte of the burst. The same measure on `cat` echoing a key gives the harness's
//! own overhead, printed first.
//!
//! The report cache: the keystroke runs above use `--no-cache` (every start parses the pile).
//! With `LATENCY_CACHE=1` the time until all is loaded is then measured three ways, each a fresh
//! start: cold (`--no-cache`), with an empty cache (the first run, which writes it), and warm (the
//! cache filled), with the cache's bytes on disk against the pile's. A load has two steps: every
//! report in (listed, readable; the loading gauge goes), then every report's figures (the loader
//! extracts them second); each start gives both, by the app's frame log, and how long a filter
//! typed as the gauge goes takes to cover the whole pile (the search index may still be catching
//! up). One more cold start times opening the pile's last report the moment every report is in
//! (its figures are asked for ahead of the figures pass): until its table shows them. The cache
//! is a private `BAOGAO_CACHE_DIR` in the temporary directory.
//! `LATENCY_LOAD_ONLY=1` measures only that.
//!
//! Environment: `BAOGAO_BIN` (default `target/release/baogao`), `BAOGAO_SHARED`,
//! `LATENCY_FILES` (default 1000), `LATENCY_RUNS` (startups measured, default 3),
//! `LATENCY_CACHE`, `LATENCY_LOAD_ONLY`.
//!
//! Frame gaps are given twice: as the terminal saw them, and from the TUI's own frame log
//! (`BAOGAO_FRAME_LOG`, a diagnostic that writes a line per frame), which leaves out the delays of
//! tmux and this harness competing with the loading threads for the cores.

#[path = "support/pile_files.rs"]
mod pile_files;
use pile_files::pile_files;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A burst of output is over after this long without output.
const QUIET: Duration = Duration::from_millis(60);
const TARGET_FIRST_FRAME_MS: f64 = 100.0;
const FLOOR_FIRST_FRAME_MS: f64 = 500.0;
const TARGET_KEY_MS: f64 = 16.0;
const TARGET_KEY_MAX_MS: f64 = 50.0;
const TARGET_WORD_MS: f64 = 50.0;
const FLOOR_KEY_MS: f64 = 100.0;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn main() {
    if let Err(e) = run() {
        eprintln!("tui_latency: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let bin = std::env::var_os("BAOGAO_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/baogao"));
    if !bin.is_file() {
        return Err(format!(
            "{} not found: run `cargo build --release` first",
            bin.display()
        ));
    }
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        println!(
            "tui_latency: no corpus at {} (set BAOGAO_SHARED); skipping",
            corpus.display()
        );
        return Ok(());
    }
    let files: usize = env_number("LATENCY_FILES", 1000);
    let runs: usize = env_number("LATENCY_RUNS", 3).max(1);

    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let pile = work.path().join("pile");
    let (n, bytes) = build_pile(&corpus, &pile, files)?;
    println!(
        "pile: {n} files, {:.1} MB (from {}), terminal {WIDTH}x{HEIGHT}",
        bytes as f64 / 1e6,
        corpus.display()
    );

    // A private server with its own config/state dirs, so the user's files play no part.
    let home = work.path().join("home");
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let mut tmux = Tmux::start(&home)?;

    let overhead = tmux.echo_overhead()?;
    println!(
        "harness overhead (key → `cat` echo): median {:.2} ms",
        median(&overhead)
    );

    let command = format!(
        "{} --no-cache {}",
        shell_quote(&bin.to_string_lossy()),
        shell_quote(&pile.to_string_lossy())
    );
    let load_only = std::env::var_os("LATENCY_LOAD_ONLY").is_some();
    if load_only || std::env::var_os("LATENCY_CACHE").is_some() {
        // First, so the figures do not depend on what the keystroke runs left in the page cache.
        let cache_dir = work.path().join("cache");
        cache_runs(&mut tmux, &bin, &pile, &cache_dir, bytes, runs)?;
        if load_only {
            return Ok(());
        }
    }
    let mut first_frames = Vec::new();
    let mut first_bytes = Vec::new();
    let mut loading_keys = Vec::new();
    // Per key typed over the whole pile: (first frame, frame with its matches).
    let mut loaded_keys = Vec::new();
    // Per key of each query (in typing order), the times to the matches over all runs.
    let mut per_key: Vec<(String, Vec<f64>)> = Vec::new();
    let mut words: Vec<(String, Vec<f64>)> = Vec::new();
    let mut load_times = Vec::new();
    let mut gaps = Vec::new();
    let mut peaks = Vec::new();
    let mut app_gaps = Vec::new();
    for run in 0..runs {
        tmux.stamps = None;
        // The app's own log of its frames (see `app_gap`).
        let frame_log = work.path().join(format!("frames-{run}.log"));
        let start = tmux.start_program(&format!(
            "env BAOGAO_FRAME_LOG={} {command}",
            shell_quote(&frame_log.to_string_lossy())
        ))?;
        first_bytes.push(start.first_byte);
        first_frames.push(start.first_frame);
        // Every output from the first frame on, for the gaps between frames while loading.
        tmux.stamps = Some(Vec::new());
        tmux.drawn.clear();
        // Keys while the pile is still loading: focus the filter, type, erase. Progress frames
        // keep coming, so a key's frame is the first one that moves the caret.
        for k in ["/", "增", "长", "BSpace", "BSpace"] {
            match tmux.key_frame(k, false)?.0 {
                Some(t) if k != "/" => loading_keys.push(t),
                Some(_) => {}
                None => eprintln!("tui_latency: no frame moved the caret after {k:?} (loading)"),
            }
        }
        let settled = tmux.wait_settled(Duration::from_secs(180))?;
        let stamps = tmux.stamps.take().unwrap_or_default();
        let loading: Vec<Instant> = stamps.into_iter().filter(|&t| t <= settled).collect();
        let done = last_drawn(&tmux.drawn, settled);
        load_times.push((done - start.t0).as_secs_f64());
        let worst_gap = loading
            .windows(2)
            .map(|w| ms(w[1] - w[0]))
            .fold(0.0, f64::max);
        gaps.push(worst_gap);
        // Keys over the whole pile: type and erase queries a key at a time.
        tmux.keys("Escape")?;
        tmux.wait_quiet();
        tmux.key_frame("/", true)?;
        for q in ["一般公共预算收入", "增长", "乡村振兴"] {
            let chars: Vec<&str> = q
                .char_indices()
                .map(|(i, c)| &q[i..i + c.len_utf8()])
                .collect();
            let erase = vec!["BSpace"; chars.len()];
            for (i, k) in chars.iter().chain(&erase).enumerate() {
                let (frame, result) = tmux.key_result(k)?;
                let label = if i < chars.len() {
                    chars[..=i].concat()
                } else {
                    format!("{}⌫", chars[..chars.len() * 2 - i - 1].concat())
                };
                match (frame, result) {
                    (Some(f), Some(r)) => {
                        loaded_keys.push((f, r));
                        match per_key.iter_mut().find(|(l, _)| *l == label) {
                            Some((_, v)) => v.push(r),
                            None => per_key.push((label, vec![r])),
                        }
                    }
                    _ => eprintln!("tui_latency: no frame moved the caret after {k:?}"),
                }
                if *k == *chars.last().unwrap_or(&"") && run == 0 {
                    let screen = tmux.capture()?;
                    let bar = screen
                        .lines()
                        .rev()
                        .find(|l| l.contains(q))
                        .unwrap_or("(query not on screen)");
                    println!("  filter `{q}`: {}", bar.trim());
                }
            }
        }
        // An input method commits a whole word at once: the word arrives in one read.
        for w in ["乡村振兴", "一般公共预算收入"] {
            let (_, result) = tmux.key_result(w)?;
            match (result, words.iter_mut().find(|(l, _)| l == w)) {
                (Some(r), Some((_, v))) => v.push(r),
                (Some(r), None) => words.push((w.to_string(), vec![r])),
                (None, _) => eprintln!("tui_latency: no frame after committing {w}"),
            }
            tmux.keys("C-u")?;
            tmux.wait_quiet();
        }
        if let Some(p) = tmux.peak_rss(&bin) {
            peaks.push(p as f64);
        }
        tmux.keys("Escape")?;
        tmux.keys("q")?;
        tmux.wait_quiet();
        let app_gap = app_gap(&frame_log);
        if let Some(g) = app_gap {
            app_gaps.push(g);
        }
        println!(
            "run {}: first frame {:.1} ms (first byte {:.1} ms), all loaded after {:.2} s, longest frame gap while loading {:.0} ms (in the app's own log: {})",
            run + 1,
            start.first_frame,
            start.first_byte,
            load_times[run],
            worst_gap,
            app_gap.map_or("none".into(), |g| format!("{g:.0} ms"))
        );
    }
    println!();
    let ff = median(&first_frames);
    println!(
        "first frame:          median {ff:.1} ms over {runs} starts (first byte {:.1} ms)  target ≤{TARGET_FIRST_FRAME_MS} ms, floor {FLOOR_FIRST_FRAME_MS} ms: {}",
        median(&first_bytes),
        verdict(ff, TARGET_FIRST_FRAME_MS, FLOOR_FIRST_FRAME_MS)
    );
    if !loading_keys.is_empty() {
        println!(
            "keystroke → frame (while loading): median {:.1} ms, max {:.1} ms (n={})",
            median(&loading_keys),
            max(&loading_keys),
            loading_keys.len()
        );
    }
    let echo: Vec<f64> = loaded_keys.iter().map(|t| t.0).collect();
    let results: Vec<f64> = loaded_keys.iter().map(|t| t.1).collect();
    let km = median(&results);
    println!(
        "filter keystroke → frame with its matches (all loaded): median {km:.1} ms, p90 {:.1} ms, max {:.1} ms (n={})  target median ≤{TARGET_KEY_MS} ms, max ≤{TARGET_KEY_MAX_MS} ms: {}",
        percentile(&results, 0.9),
        max(&results),
        results.len(),
        if max(&results) > TARGET_KEY_MAX_MS {
            "MISSES the max target"
        } else {
            verdict(km, TARGET_KEY_MS, FLOOR_KEY_MS)
        }
    );
    println!(
        "  (first frame after a key, the caret moved: median {:.1} ms, max {:.1} ms)",
        median(&echo),
        max(&echo)
    );
    let detail: Vec<String> = per_key
        .iter()
        .map(|(l, v)| format!("{l} {:.0}", median(v)))
        .collect();
    println!(
        "  per key, median ms (query after the key; ⌫ after erasing): {}",
        detail.join(", ")
    );
    for (w, v) in &words {
        println!(
            "committed word {w} ({} chars) → frame with its matches: median {:.1} ms, max {:.1} ms  target ≤{TARGET_WORD_MS} ms",
            w.chars().count(),
            median(v),
            max(v)
        );
    }
    println!(
        "all loaded (the last frame that drew something before the screen settled, from the start): median {:.2} s  target ≤6 s",
        median(&load_times)
    );
    println!(
        "longest gap between frames while loading, as the terminal saw them: median over runs {:.0} ms, max {:.0} ms  target ≤50 ms",
        median(&gaps),
        max(&gaps)
    );
    if !app_gaps.is_empty() {
        println!(
            "  the same in the app's own frame log (no tmux or harness scheduling): median {:.0} ms, max {:.0} ms",
            median(&app_gaps),
            max(&app_gaps)
        );
    }
    if !peaks.is_empty() {
        let p = median(&peaks);
        let jieba = jieba_bytes();
        println!(
            "peak RSS of the TUI: {:.0} MB = {:.2}× the pile ({:.0} MB); less the jieba dictionary it loads at start ({:.0} MB here) {:.2}×  target ≤2× (+ the dictionary)",
            p / 1e6,
            p / bytes as f64,
            bytes as f64 / 1e6,
            jieba / 1e6,
            (p - jieba) / bytes as f64
        );
    }
    Ok(())
}

/// What loading the jieba dictionary (as the TUI does at start) adds to this process's resident
/// memory, in bytes.
fn jieba_bytes() -> f64 {
    let rss = || -> Option<f64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024.0)
    };
    let before = rss().unwrap_or(0.0);
    baogao_core::segment::warm_up();
    (rss().unwrap_or(0.0) - before).max(0.0)
}

/// The longest time between the starts of two frames while reports were still arriving, from
/// the log the TUI writes when `BAOGAO_FRAME_LOG` is set (a line per frame: its start in ms since
/// the session began, …, `reports +N` taken in during it). Tmux and this harness compete with
/// the loading threads for the two cores, so the gaps the terminal sees include their delays;
/// this is the app's part alone.
fn app_gap(log: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(log).ok()?;
    let frames: Vec<(f64, usize)> = text
        .lines()
        .filter_map(|l| {
            Some((
                l.split(' ').next()?.parse().ok()?,
                log_field(l, "reports +")?,
            ))
        })
        .collect();
    let last = frames.iter().rposition(|&(_, n)| n > 0)?;
    frames[..=last]
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .reduce(f64::max)
}

/// The last output that drew something by `settled` (the screen's last change), or `settled`.
fn last_drawn(drawn: &[Instant], settled: Instant) -> Instant {
    drawn
        .iter()
        .rfind(|&&t| t <= settled)
        .copied()
        .unwrap_or(settled)
}

/// The number after `name` in a line of the frame log.
fn log_field<T: std::str::FromStr>(line: &str, name: &str) -> Option<T> {
    line.split(name).nth(1)?.split(' ').next()?.parse().ok()
}

/// Start the TUI on the pile, wait until every report is in (the loading gauge gone) and type a
/// filter at once, then wait until the screen settles and quit. Gives the seconds from the start
/// to the last frame that drew something before it settled, from typing the filter to the frame
/// where its matches covered the whole pile (the search index may still be catching up when the
/// gauge goes), the report count the list shows, and the steps from the app's frame log.
fn load_time(
    tmux: &mut Tmux,
    command: &str,
    log: &Path,
) -> Result<(f64, f64, String, Option<Steps>), String> {
    tmux.stamps = None;
    let start = tmux.start_program(&format!(
        "env BAOGAO_FRAME_LOG={} {command}",
        shell_quote(&log.to_string_lossy())
    ))?;
    tmux.stamps = Some(Vec::new());
    tmux.drawn.clear();
    let screen = tmux.all_in(Duration::from_millis(100))?;
    tmux.keys("/")?;
    let typed = tmux.keys(SEARCHABLE_QUERY)?;
    let settled = tmux.wait_settled(Duration::from_secs(300))?;
    tmux.stamps = None;
    let done = last_drawn(&tmux.drawn, settled);
    tmux.keys("Escape")?;
    tmux.keys("q")?;
    tmux.wait_quiet();
    // The list pane's title says how many reports came in: a check that all did.
    let count = screen
        .split("Reports (")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap_or("?")
        .to_string();
    let steps = steps(log);
    // The app's clock starts with the process, a few ms after `t0`.
    let typed_at = (typed - start.t0).as_secs_f64();
    let answered = steps
        .and_then(|s| s.covered)
        .map_or(f64::NAN, |c| c - typed_at);
    Ok(((done - start.t0).as_secs_f64(), answered, count, steps))
}

/// Start the TUI on the pile, wait until every report is in, then open the last one (`G` in
/// the report list) while the figures pass is still at the pile's start: the seconds until its
/// table shows its figures (they are asked for ahead of the pass), and the figures gauge then.
fn deep_report(tmux: &mut Tmux, command: &str) -> Result<(Option<f64>, String), String> {
    tmux.start_program(command)?;
    // The report list takes the keys (the text pane has them at start).
    for _ in 0..4 {
        if tmux.capture()?.lines().any(|l| l.starts_with(" REPORTS")) {
            break;
        }
        tmux.keys("BTab")?;
        std::thread::sleep(Duration::from_millis(200));
    }
    // The list pane (the left column's top): it scrolls to the last report.
    let list = |s: &str| -> Vec<String> {
        s.lines()
            .take(12)
            .map(|l| l.split("││").next().unwrap_or("").to_string())
            .collect()
    };
    let before = tmux.all_in(Duration::from_millis(20))?;
    let pressed = tmux.keys("G")?;
    let limit = Instant::now() + Duration::from_secs(60);
    let mut shown = None;
    let mut gauge = String::new();
    while Instant::now() < limit {
        let screen = tmux.capture()?;
        if list(&screen) != list(&before) && !screen.contains("figures to come") {
            shown = Some(pressed.elapsed().as_secs_f64());
            // The status line's `figures n/N` gauge, gone once every figure is in.
            gauge = screen
                .rsplit_once("figures ")
                .and_then(|(_, g)| g.split_whitespace().next())
                .filter(|g| g.contains('/'))
                .map_or("its end (every figure in)".into(), str::to_string);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.keys("q")?;
    tmux.wait_quiet();
    Ok((shown, gauge))
}

/// When a load's steps were done, in seconds by the app's clock (from its frame log).
#[derive(Clone, Copy)]
struct Steps {
    /// Every report in: listed and readable (the loading gauge gone).
    reports: f64,
    /// Every report's figures in.
    figures: f64,
    /// The filter typed then answered over the whole pile.
    covered: Option<f64>,
}

/// The steps of a load from the frame log.
fn steps(log: &Path) -> Option<Steps> {
    let text = std::fs::read_to_string(log).ok()?;
    let (mut reports, mut figures, mut covered, mut total) = (None, None, None, 0usize);
    for l in text.lines() {
        let Some(start) = l.split(' ').next().and_then(|t| t.parse::<f64>().ok()) else {
            continue;
        };
        let s = start / 1e3;
        total += log_field::<usize>(l, "reports +").unwrap_or(0);
        if log_field::<u8>(l, "all-in ") != Some(1) {
            continue;
        }
        reports.get_or_insert(s);
        if log_field::<usize>(l, "figures-to-come ") == Some(0) {
            figures.get_or_insert(s);
        }
        if log_field::<usize>(l, "filter-covers ") == Some(total) {
            covered.get_or_insert(s);
        }
    }
    Some(Steps {
        reports: reports?,
        figures: figures?,
        covered,
    })
}

/// Typed once all is loaded, to time when the whole pile is searchable.
const SEARCHABLE_QUERY: &str = "增长";

/// Bytes of the regular files under `dir`.
fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => dirs.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// All loaded: cold (`--no-cache`), empty cache (the run that fills it), warm (`runs` times).
fn cache_runs(
    tmux: &mut Tmux,
    bin: &Path,
    pile: &Path,
    cache_dir: &Path,
    pile_bytes: u64,
    runs: usize,
) -> Result<(), String> {
    let bin = shell_quote(&bin.to_string_lossy());
    let pile = shell_quote(&pile.to_string_lossy());
    let with_cache = format!(
        "env BAOGAO_CACHE_DIR={} {bin} {pile}",
        shell_quote(&cache_dir.to_string_lossy())
    );
    let log = cache_dir.with_extension("frames.log");
    // The two steps of a load, by the app's clock: every report in (listed, readable,
    // searchable), then every report's figures.
    let steps = |s: Option<Steps>| {
        s.map_or("steps not in the frame log".into(), |s| {
            format!(
                "reports all in at {:.2} s, figures at {:.2} s",
                s.reports, s.figures
            )
        })
    };
    let (cold, cold_s, n, st) = load_time(tmux, &format!("{bin} --no-cache {pile}"), &log)?;
    println!("all loaded, cold (--no-cache):            {cold:.2} s ({n} reports; {}), a filter typed then covered the pile {cold_s:.2} s later", steps(st));
    let (deep, gauge) = deep_report(tmux, &format!("{bin} --no-cache {pile}"))?;
    match deep {
        Some(t) => println!("the last report opened once every report is in (cold): its table in {t:.2} s (the figures pass then at {gauge})"),
        None => println!("the last report opened once every report is in (cold): its table did not show within 60 s"),
    }
    let _ = std::fs::remove_dir_all(cache_dir);
    let (empty, empty_s, n, st) = load_time(tmux, &with_cache, &log)?;
    println!("all loaded, empty cache (writes it):      {empty:.2} s ({n} reports; {}), a filter typed then covered the pile {empty_s:.2} s later", steps(st));
    let mut warm = Vec::new();
    let mut warm_s = Vec::new();
    for _ in 0..runs {
        let (t, s, n, st) = load_time(tmux, &with_cache, &log)?;
        println!("  warm start: {t:.2} s ({n} reports; {}), a filter typed then covered the pile {s:.2} s later", steps(st));
        warm.push(t);
        warm_s.push(s);
    }
    let on_disk = dir_bytes(cache_dir);
    println!(
        "all loaded, warm cache: median {:.2} s, max {:.2} s over {runs} starts  target ≤1.5 s at 10,000 reports",
        median(&warm),
        max(&warm)
    );
    println!(
        "a filter typed once every report is in, warm: it covered the pile after median {:.2} s, max {:.2} s (the search index catching up)",
        median(&warm_s),
        max(&warm_s)
    );
    println!(
        "cache on disk: {:.1} MB = {:.2}× the pile ({:.1} MB)",
        on_disk as f64 / 1e6,
        on_disk as f64 / pile_bytes as f64,
        pile_bytes as f64 / 1e6
    );
    Ok(())
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn verdict(v: f64, target: f64, floor: f64) -> &'static str {
    if v <= target {
        "meets target"
    } else if v <= floor {
        "within floor, misses target"
    } else {
        "MISSES FLOOR"
    }
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let s = sorted(v);
    if s.is_empty() {
        return f64::NAN;
    }
    s[((s.len() - 1) as f64 * p).round() as usize]
}

fn median(v: &[f64]) -> f64 {
    percentile(v, 0.5)
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NAN, f64::max)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Copy corpus files round-robin into `dir` until there are `count` of them.
fn build_pile(corpus: &Path, dir: &Path, count: usize) -> Result<(usize, u64), String> {
    let mut sources = Vec::new();
    pile_files(corpus, &mut sources);
    sources.sort();
    if sources.is_empty() {
        return Err(format!("no .txt files under {}", corpus.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut bytes = 0;
    for i in 0..count {
        let src = &sources[i % sources.len()];
        let name = format!(
            "{i:04}_{}",
            src.file_name().unwrap_or_default().to_string_lossy()
        );
        bytes += std::fs::copy(src, dir.join(name)).map_err(|e| e.to_string())?;
    }
    Ok((count, bytes))
}

/// One line from the control client, stamped when it arrived.
enum Line {
    /// Pane output (unescaped bytes), and where the caret is after it.
    Output(Vec<u8>, Option<(u16, u16)>),
    /// A command's reply line.
    Reply(String),
    /// `%end` or `%error`: a command is finished.
    End,
    Other,
}

struct Startup {
    /// When the program was started.
    t0: Instant,
    first_byte: f64,
    first_frame: f64,
}

struct Tmux {
    socket: String,
    client: Child,
    input: ChildStdin,
    lines: Receiver<(Instant, Line)>,
    backlog: VecDeque<(Instant, Line)>,
    /// The caret after the last output taken from `lines`.
    caret: Option<(u16, u16)>,
    /// Arrival times of every output taken from `lines`, while recording (frame gaps).
    stamps: Option<Vec<Instant>>,
    /// Arrival times of the outputs that drew something (a visible char), while recording
    /// `stamps`: when the screen last changed. An idle frame (every 250 ms) still writes its
    /// end (styles reset, the caret placed) and would count as the last frame otherwise.
    drawn: Vec<Instant>,
}

impl Tmux {
    fn base(socket: &str, home: &Path) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", socket, "-f", "/dev/null", "-u"])
            .env("LANG", "C.UTF-8")
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env_remove("BAOGAO_CACHE_DIR")
            .env_remove("TMUX")
            .env_remove("NO_COLOR");
        c
    }

    fn start(home: &Path) -> Result<Tmux, String> {
        let socket = format!("baogao-latency-{}", std::process::id());
        let size = (WIDTH.to_string(), HEIGHT.to_string());
        let status = Tmux::base(&socket, home)
            .args([
                "new-session",
                "-d",
                "-s",
                "lat",
                "-x",
                &size.0,
                "-y",
                &size.1,
                "cat",
                ";",
                "set-option",
                "-g",
                "remain-on-exit",
                "on",
            ])
            .status()
            .map_err(|e| format!("cannot run tmux: {e}"))?;
        if !status.success() {
            return Err("tmux new-session failed".into());
        }
        let mut client = Tmux::base(&socket, home)
            .args(["-C", "attach-session", "-t", "lat"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the tmux control client: {e}"))?;
        let input = client.stdin.take().ok_or("no stdin")?;
        let output = client.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(output);
            let mut buf = Vec::new();
            let mut in_reply = false;
            let mut caret = None;
            let mut tail: Vec<u8> = Vec::new();
            loop {
                buf.clear();
                match r.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let now = Instant::now();
                let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
                let parsed = if let Some(rest) = line.strip_prefix(b"%output ") {
                    // `%output %<pane> <data>`
                    let data = rest.splitn(2, |&b| b == b' ').nth(1).unwrap_or(b"");
                    let bytes = unescape(data);
                    tail.extend_from_slice(&bytes);
                    caret = caret_after(&tail, caret);
                    tail.drain(..tail.len().saturating_sub(24));
                    Line::Output(bytes, caret)
                } else if line.starts_with(b"%begin") {
                    in_reply = true;
                    Line::Other
                } else if line.starts_with(b"%end") || line.starts_with(b"%error") {
                    in_reply = false;
                    Line::End
                } else if in_reply {
                    Line::Reply(String::from_utf8_lossy(line).into_owned())
                } else {
                    Line::Other
                };
                if tx.send((now, parsed)).is_err() {
                    return;
                }
            }
        });
        let mut t = Tmux {
            socket,
            client,
            input,
            lines: rx,
            backlog: VecDeque::new(),
            caret: None,
            stamps: None,
            drawn: Vec::new(),
        };
        // Keep the window at the requested size whatever the control client's size.
        t.command(&format!(
            "set-option -g window-size manual ; resize-window -t lat -x {WIDTH} -y {HEIGHT}"
        ))?;
        Ok(t)
    }

    fn send(&mut self, cmd: &str) -> Result<Instant, String> {
        let t = Instant::now();
        self.input
            .write_all(format!("{cmd}\n").as_bytes())
            .and_then(|_| self.input.flush())
            .map_err(|e| format!("tmux control client: {e}"))?;
        Ok(t)
    }

    fn next(&mut self, timeout: Duration) -> Option<(Instant, Line)> {
        if let Some(l) = self.backlog.pop_front() {
            return Some(l);
        }
        match self.lines.recv_timeout(timeout) {
            Ok(l) => {
                if let (t, Line::Output(o, c)) = &l {
                    self.caret = *c;
                    self.stamp(*t, o);
                }
                Some(l)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Run a command and return its reply lines (pane output meanwhile is kept for later).
    fn command(&mut self, cmd: &str) -> Result<Vec<String>, String> {
        self.send(cmd)?;
        let mut reply = Vec::new();
        let mut kept = VecDeque::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let Some((t, l)) = self.next(deadline.saturating_duration_since(Instant::now())) else {
                return Err(format!("no reply from tmux to `{cmd}`"));
            };
            match l {
                Line::Reply(s) => reply.push(s),
                Line::End => break,
                out @ Line::Output(..) => kept.push_back((t, out)),
                Line::Other => {}
            }
        }
        kept.extend(self.backlog.drain(..));
        self.backlog = kept;
        Ok(reply)
    }

    fn capture(&mut self) -> Result<String, String> {
        Ok(self.command("capture-pane -p -t lat")?.join("\n"))
    }

    /// Record an output's arrival (while recording).
    fn stamp(&mut self, t: Instant, output: &[u8]) {
        if let Some(s) = &mut self.stamps {
            s.push(t);
            if visible_chars(output) > 0 {
                self.drawn.push(t);
            }
        }
    }

    /// Forget everything received so far.
    fn drain(&mut self) {
        self.backlog.clear();
        while let Ok(l) = self.lines.try_recv() {
            if let (t, Line::Output(o, c)) = l {
                self.caret = c;
                self.stamp(t, &o);
            }
        }
    }

    /// Wait until the pane has been quiet for [`QUIET`] (at most 2 s).
    fn wait_quiet(&mut self) {
        let end = Instant::now() + Duration::from_secs(2);
        while Instant::now() < end {
            if self.next(QUIET).is_none() {
                break;
            }
        }
        self.drain();
    }

    /// Send keys (tmux key names, or literal text when not a key name).
    fn keys(&mut self, k: &str) -> Result<Instant, String> {
        let named = k.chars().count() > 1 && k.is_ascii();
        let cmd = if named {
            format!("send-keys -t lat {k}")
        } else {
            format!("send-keys -t lat -l {}", shell_quote(k))
        };
        self.send(&cmd)
    }

    /// Press a key and time its frame: (the first frame whose caret differs from before the key,
    /// the last output before [`QUIET`] when `until_quiet`), in ms from sending the key. The
    /// TUI ends every frame by placing the caret, so that frame is complete when it arrives.
    fn key_frame(
        &mut self,
        k: &str,
        until_quiet: bool,
    ) -> Result<(Option<f64>, Option<f64>), String> {
        self.drain();
        let before = self.caret;
        let t0 = self.keys(k)?;
        let deadline = t0 + Duration::from_secs(5);
        let (mut frame, mut last) = (None, None);
        loop {
            // After the key's frame, wait for the output to go quiet; before it, up to the
            // deadline (unrelated output may come first).
            let wait = match frame {
                Some(_) => QUIET,
                None => deadline.saturating_duration_since(Instant::now()),
            };
            match self.next(wait) {
                Some((t, Line::Output(o, _))) => {
                    if std::env::var_os("LATENCY_DEBUG").is_some() {
                        eprintln!(
                            "  {k:?} +{:.1} ms caret {:?}: {}",
                            ms(t - t0),
                            self.caret,
                            String::from_utf8_lossy(&o).escape_debug()
                        );
                    }
                    last = Some(t);
                    if frame.is_none() && self.caret != before {
                        frame = Some(t);
                        if !until_quiet {
                            break;
                        }
                    }
                }
                Some(_) => {}
                None => break,
            }
            if Instant::now() > deadline {
                break;
            }
        }
        Ok((frame.map(|t| ms(t - t0)), last.map(|t| ms(t - t0))))
    }

    /// Send `k` (a key, or literal text sent at once, as an input method commits a word) and
    /// time it to the frame that shows its matches: the last output before the pane goes quiet
    /// with no "searching…" on screen (the screen is captured only after output has stopped,
    /// so the capture is not timed).
    /// Also gives the first frame that moved the caret (the key's own echo), in ms.
    fn key_result(&mut self, k: &str) -> Result<(Option<f64>, Option<f64>), String> {
        self.drain();
        let before = self.caret;
        let t0 = self.keys(k)?;
        let deadline = t0 + Duration::from_secs(10);
        let (mut first, mut last) = (None, None);
        while Instant::now() < deadline {
            match self.next(QUIET) {
                Some((t, Line::Output(o, _))) => {
                    if std::env::var_os("LATENCY_DEBUG").is_some() {
                        eprintln!(
                            "  result {k:?} +{:.1} ms: {}",
                            ms(t - t0),
                            String::from_utf8_lossy(&o).escape_debug()
                        );
                    }
                    last = Some(t);
                    if first.is_none() && self.caret != before {
                        first = Some(t);
                    }
                }
                Some(_) => {}
                None if last.is_none() => {}
                None => {
                    if !self.capture()?.contains("searching…") {
                        break;
                    }
                }
            }
        }
        let since = |t: Option<Instant>| t.map(|t| ms(t - t0));
        Ok((since(first), since(last)))
    }

    /// Peak resident memory (VmHWM, bytes) of the process in the pane running `bin`.
    fn peak_rss(&mut self, bin: &Path) -> Option<u64> {
        let bin = std::fs::canonicalize(bin).ok()?;
        let pid: u32 = self
            .command("display-message -p -t lat '#{pane_pid}'")
            .ok()?
            .first()?
            .trim()
            .parse()
            .ok()?;
        // The pane's shell may have exec'd the program, or run it as its child.
        let mut pids = vec![pid];
        if let Ok(children) = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")) {
            pids.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        pids.into_iter()
            .filter(|p| std::fs::read_link(format!("/proc/{p}/exe")).is_ok_and(|e| e == bin))
            .find_map(|p| {
                let status = std::fs::read_to_string(format!("/proc/{p}/status")).ok()?;
                let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
                let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(kb * 1024)
            })
    }

    /// Times for `cat` (the pane's first program) to echo a key: the harness's own latency.
    fn echo_overhead(&mut self) -> Result<Vec<f64>, String> {
        self.wait_quiet();
        let mut times = Vec::new();
        for _ in 0..15 {
            self.drain();
            let t0 = self.keys("a")?;
            if let Some((t, _)) = self.next(Duration::from_secs(2)) {
                times.push(ms(t - t0));
            }
        }
        Ok(times)
    }

    /// Start `command` in the pane; time to the first byte and to the first frame (the first
    /// output holding at least 20 visible characters).
    /// Start `command` in the pane; time to its first byte and to the end of its first frame
    /// (ratatui ends each frame by showing or hiding the cursor, `ESC[?25h` / `ESC[?25l`, after
    /// the cells; the frame must hold at least 20 visible characters).
    fn start_program(&mut self, command: &str) -> Result<Startup, String> {
        self.wait_quiet();
        let t0 = self.send(&format!("respawn-pane -k -t lat {}", shell_quote(command)))?;
        let mut first_byte = None;
        let mut visible = 0;
        let deadline = t0 + Duration::from_secs(10);
        loop {
            let Some((t, l)) = self.next(deadline.saturating_duration_since(Instant::now())) else {
                return Err("the program drew nothing within 10 s".into());
            };
            if let Line::Output(o, _) = l {
                first_byte.get_or_insert(t);
                visible += visible_chars(&o);
                let ends_frame = o.windows(6).any(|w| w == b"\x1b[?25h" || w == b"\x1b[?25l");
                if visible >= 20 && ends_frame {
                    return Ok(Startup {
                        t0,
                        first_byte: ms(first_byte.unwrap_or(t) - t0),
                        first_frame: ms(t - t0),
                    });
                }
            }
        }
    }

    /// Wait (looking every `poll`, at most 300 s) until every report is in: the loading gauge
    /// gone. The screen then.
    fn all_in(&mut self, poll: Duration) -> Result<String, String> {
        let limit = Instant::now() + Duration::from_secs(300);
        loop {
            let screen = self.capture()?;
            if (screen.contains("Reports (") && !screen.contains("loading "))
                || Instant::now() > limit
            {
                return Ok(screen);
            }
            std::thread::sleep(poll);
        }
    }

    /// Wait until the screen stops changing (loading finished): the moment a look saw its last
    /// change, up to a look (and a capture) late; the first look always "changes" it. Callers
    /// take the last output that drew something before it ([`last_drawn`]).
    fn wait_settled(&mut self, limit: Duration) -> Result<Instant, String> {
        let t0 = Instant::now();
        let mut last_change = t0;
        let mut last = String::new();
        while t0.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(200));
            let screen = self.capture()?;
            if screen != last {
                last = screen;
                last_change = Instant::now();
            } else if last_change.elapsed() >= Duration::from_millis(1500) {
                break;
            }
        }
        self.drain();
        Ok(last_change)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
        let _ = self.client.kill();
        let _ = self.client.wait();
    }
}

/// tmux control mode writes bytes below 32 and `\` as `\ooo`.
fn unescape(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if let (b'\\', Some(oct)) = (data[i], data.get(i + 1..i + 4)) {
            if oct.iter().all(|b| (b'0'..=b'7').contains(b)) {
                out.push((oct[0] - b'0') * 64 + (oct[1] - b'0') * 8 + (oct[2] - b'0'));
                i += 4;
                continue;
            }
        }
        out.push(data[i]);
        i += 1;
    }
    out
}

/// Printable characters in terminal output, escape sequences left out.
fn visible_chars(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            match chars.next() {
                // CSI: parameters, then a final byte in @..~
                Some('[') => {
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                // OSC: up to BEL or ESC \
                Some(']') => {
                    while let Some(d) = chars.next() {
                        if d == '\x07' || (d == '\x1b' && chars.peek() == Some(&'\\')) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if !c.is_control() && c != ' ' {
            n += 1;
        }
    }
    n
}

/// Where the caret is after `bytes`, given where it was: ratatui ends each frame with
/// `ESC[?25h ESC[row;colH` (shown, at the caret) or `ESC[?25l` (hidden). `bytes` should start
/// with the tail of the previous output, as a sequence may be split between two outputs.
fn caret_after(bytes: &[u8], before: Option<(u16, u16)>) -> Option<(u16, u16)> {
    const SHOW: &[u8] = b"\x1b[?25h";
    const HIDE: &[u8] = b"\x1b[?25l";
    let show = bytes.windows(SHOW.len()).rposition(|w| w == SHOW);
    let hide = bytes.windows(HIDE.len()).rposition(|w| w == HIDE);
    match (show, hide) {
        (_, Some(h)) if show.is_none_or(|s| h > s) => None,
        // The move may not have arrived yet: keep the old place until it does.
        (Some(s), _) => move_to(&bytes[s + SHOW.len()..]).or(before),
        _ => before,
    }
}

/// The `ESC[row;colH` at the start of `bytes`.
fn move_to(bytes: &[u8]) -> Option<(u16, u16)> {
    let rest = bytes.strip_prefix(b"\x1b[")?;
    let end = rest.iter().position(|&b| b == b'H')?;
    let (r, c) = std::str::from_utf8(&rest[..end]).ok()?.split_once(';')?;
    Some((r.parse().ok()?, c.parse().ok()?))
}
