//! Score `indicators::extract` against the gold tables in `$BAOGAO_SHARED/gold/indicators`.
//!
//! A gold row matches an output row with the same report, canonical, kind, value, masked, unit
//! and change (value/unit/masked). Gold rows marked `optional` count for neither precision nor
//! recall. Also counts rows (of the seeds and of `corpus/real`) whose numbers contradict the
//! text: a value or change missing from the quote, or a quote not at the row's offset. Exits
//! non-zero when precision < 0.95, recall < 0.90 or any contradiction (CI runs it).
//!
//! Usage: `cargo run --release --example eval_indicators [-- -v]` (`-v` lists misses and extras);
//! `… -- --dump [--all] PATH...` prints rows as JSON; `… -- --text 句子` prints one line per row.

use baogao_core::indicators::{extract, number, Indicator};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn num_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

fn matches(gold: &Value, row: &Indicator) -> bool {
    let s = |k: &str| gold.get(k).and_then(Value::as_str);
    if s("canonical") != row.canonical.as_deref()
        || s("kind") != Some(row.kind.as_str())
        || !num_eq(gold.get("value").and_then(Value::as_f64), row.value)
        || gold.get("masked").and_then(Value::as_bool) != Some(row.masked)
        || s("unit") != row.unit.as_deref()
    {
        return false;
    }
    match (gold.get("change").filter(|c| !c.is_null()), &row.change) {
        (None, None) => true,
        (Some(g), Some(c)) => {
            num_eq(g.get("value").and_then(Value::as_f64), c.value)
                && g.get("unit").and_then(Value::as_str) == Some(c.unit.as_str())
                && g.get("masked").and_then(Value::as_bool) == Some(c.masked)
        }
        _ => false,
    }
}

/// Whether the row's figures are really in its quote, and the quote at its offset.
fn contradicts(text_chars: &[char], row: &Indicator) -> Option<String> {
    let q: Vec<char> = row.quote.chars().collect();
    let start = row.offset.saturating_sub(q.len());
    let window =
        &text_chars[start.min(text_chars.len())..(row.offset + q.len()).min(text_chars.len())];
    let found = window.windows(q.len().max(1)).any(|w| w == q.as_slice());
    if !found {
        return Some("quote not at offset".into());
    }
    let folded: Vec<char> = baogao_core::fold::fold(&row.quote).chars().collect();
    let figs = number::scan(&folded, &q);
    let has = |v: f64, unit: Option<&str>| {
        figs.iter().any(|f| {
            f.value.is_some_and(|x| (x - v.abs()).abs() < 1e-9)
                && (unit.is_none() || f.unit.as_deref() == unit)
        })
    };
    if let Some(v) = row.value {
        if !has(v, row.unit.as_deref()) {
            return Some(format!("value {v} {:?} not in quote", row.unit));
        }
    }
    if row.masked && !figs.iter().any(|f| f.masked) {
        return Some("masked value not in quote".into());
    }
    if let Some(c) = &row.change {
        if let Some(v) = c.value {
            if !has(v, Some(&c.unit)) {
                return Some(format!("change {v}{} not in quote", c.unit));
            }
        }
    }
    None
}

/// `--dump [--all] PATH...`: print the rows of some reports as JSON (for eyeballing).
fn dump(args: &[String]) -> ExitCode {
    let all = args.iter().any(|a| a == "--all");
    let paths: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    let mut rows = Vec::new();
    for r in baogao_core::load::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
    {
        rows.extend(
            extract(&r)
                .into_iter()
                .filter(|row| all || row.canonical.is_some()),
        );
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&rows).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dump") {
        return dump(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--text") {
        // `--text SENTENCE`: every row of one piece of text, one line each.
        let report =
            baogao_core::load::from_text("text", args.get(1).map_or("", String::as_str), "utf-8");
        for r in extract(&report) {
            println!("{}", baogao_core::export::cells(&r)[2..10].join(" | "));
        }
        return ExitCode::SUCCESS;
    }
    let verbose = args.iter().any(|a| a == "-v");
    let shared =
        PathBuf::from(std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into()));
    let gold_dir = shared.join("gold/indicators");
    let Ok(entries) = std::fs::read_dir(&gold_dir) else {
        println!(
            "eval_indicators: no gold at {} (set BAOGAO_SHARED); skipped",
            gold_dir.display()
        );
        return ExitCode::SUCCESS;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let (mut tp, mut fp, mut fnn, mut contra) = (0usize, 0usize, 0usize, 0usize);
    for gf in files {
        let Ok(gold) = std::fs::read_to_string(&gf)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<Value>(&s).map_err(|e| e.to_string()))
        else {
            eprintln!("eval_indicators: cannot read {}", gf.display());
            return ExitCode::from(2);
        };
        let Some(file) = gold.get("file").and_then(Value::as_str) else {
            continue;
        };
        // Scored on the seeds; other gold files are reported but do not gate.
        let path = shared.join("corpus").join(file);
        let reports = baogao_core::load::load_paths(
            &[path.to_string_lossy().into_owned()],
            &Default::default(),
        );
        let Some(Ok(report)) = reports.into_iter().next() else {
            eprintln!("eval_indicators: cannot load {}", path.display());
            return ExitCode::from(2);
        };
        let rows: Vec<Indicator> = extract(&report)
            .into_iter()
            .filter(|r| r.canonical.is_some())
            .collect();
        let empty = Vec::new();
        let golds = gold.get("rows").and_then(Value::as_array).unwrap_or(&empty);
        let optional = |g: &Value| g.get("optional").and_then(Value::as_bool) == Some(true);
        let mut used = vec![false; rows.len()];
        let mut missed = Vec::new();
        let mut ftp = 0;
        for g in golds.iter().filter(|g| !optional(g)) {
            match (0..rows.len()).find(|&i| !used[i] && matches(g, &rows[i])) {
                Some(i) => {
                    used[i] = true;
                    ftp += 1;
                }
                None => missed.push(g),
            }
        }
        for g in golds.iter().filter(|g| optional(g)) {
            if let Some(i) = (0..rows.len()).find(|&i| !used[i] && matches(g, &rows[i])) {
                used[i] = true; // neutral
            }
        }
        let extra: Vec<&Indicator> = rows
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(r, _)| r)
            .collect();
        let chars: Vec<char> = report.text.chars().collect();
        // Every row, named or not, must agree with the text.
        let every = extract(&report);
        let bad: Vec<(String, &Indicator)> = every
            .iter()
            .filter_map(|r| contradicts(&chars, r).map(|why| (why, r)))
            .collect();
        let (p, r) = ratio(ftp, ftp + extra.len(), ftp + missed.len());
        println!(
            "{:<40} gold {:>3}  out {:>3}  tp {:>3}  precision {:.3}  recall {:.3}  contradictions {}",
            Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            ftp + missed.len(),
            rows.len(),
            ftp,
            p,
            r,
            bad.len()
        );
        if verbose {
            for g in &missed {
                println!("  MISSED {}", serde_json::to_string(g).unwrap_or_default());
            }
            for e in &extra {
                println!("  EXTRA  {}", serde_json::to_string(e).unwrap_or_default());
            }
        }
        for (why, row) in &bad {
            println!(
                "  CONTRADICTION ({why}) {}",
                serde_json::to_string(row).unwrap_or_default()
            );
        }
        tp += ftp;
        fp += extra.len();
        fnn += missed.len();
        contra += bad.len();
    }
    // Reports without gold: no scores, but their rows must not contradict the text either.
    let real = shared.join("corpus/real");
    if real.is_dir() {
        let paths = vec![real.to_string_lossy().into_owned()];
        let (mut n, mut named, mut bad) = (0, 0, 0);
        for report in baogao_core::load::load_paths(&paths, &Default::default())
            .into_iter()
            .flatten()
        {
            let chars: Vec<char> = report.text.chars().collect();
            for row in extract(&report) {
                n += 1;
                named += usize::from(row.canonical.is_some());
                if let Some(why) = contradicts(&chars, &row) {
                    bad += 1;
                    println!(
                        "  CONTRADICTION ({why}) {}",
                        serde_json::to_string(&row).unwrap_or_default()
                    );
                }
            }
        }
        println!("corpus/real: {n} rows ({named} core indicators), contradictions {bad}");
        contra += bad;
    }
    let (p, r) = ratio(tp, tp + fp, tp + fnn);
    println!("TOTAL precision {p:.3}  recall {r:.3}  (tp {tp}, fp {fp}, fn {fnn})  contradictions {contra}");
    if p < 0.95 || r < 0.90 || contra > 0 {
        println!(
            "eval_indicators: FAILED (needs precision >= 0.95, recall >= 0.90, no contradictions)"
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn ratio(tp: usize, out: usize, gold: usize) -> (f64, f64) {
    let p = if out == 0 {
        1.0
    } else {
        tp as f64 / out as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        tp as f64 / gold as f64
    };
    (p, r)
}
