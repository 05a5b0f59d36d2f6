//! Corpus evaluation for the report core:
//! 1. every file of `$BAOGAO_SHARED/corpus` (default `../shared`) loads without error;
//! 2. the outline of each gold document is scored against `$BAOGAO_SHARED/gold/outline`:
//!    numbered headings matched by level and title (both width-folded), multiset-wise.
//!
//! Prints precision, recall and F1; exits non-zero below F1 0.97 or on any load failure.
//! Run: `cargo run --release --example eval_outline`

use baogao_core::fold::fold;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

fn shared_dir() -> PathBuf {
    std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"))
}

fn headings(r: &baogao_core::Report) -> Vec<(usize, String, String)> {
    r.sections
        .iter()
        .filter_map(|s| {
            s.label
                .as_ref()
                .map(|l| (usize::from(s.level), fold(l), fold(&s.title)))
        })
        .collect()
}

fn main() -> ExitCode {
    let shared = shared_dir();
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        eprintln!(
            "eval_outline: no corpus at {} (set BAOGAO_SHARED)",
            corpus.display()
        );
        return ExitCode::from(2);
    }
    let mut ok = true;

    // 1. Every corpus file loads.
    let files = baogao_core::load::expand(&[corpus.to_string_lossy().into_owned()]);
    let mut loaded = 0;
    for input in &files {
        for r in baogao_core::load::load_input(input, &Default::default()) {
            match r {
                Ok(r) => {
                    loaded += 1;
                    if r.paragraphs.len() < 3 {
                        println!(
                            "suspicious: {} has only {} paragraphs",
                            r.source,
                            r.paragraphs.len()
                        );
                    }
                }
                Err(e) => {
                    ok = false;
                    println!("LOAD FAILED: {e}");
                }
            }
        }
    }
    println!("loaded {loaded} reports from {} corpus files", files.len());

    // 2. Outline against gold.
    let gold_dir = shared.join("gold/outline");
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    gold_files.sort();
    let (mut tp, mut n_out, mut n_gold) = (0usize, 0usize, 0usize);
    for g in &gold_files {
        let Ok(text) = std::fs::read_to_string(g) else {
            continue;
        };
        let Ok(gold): Result<serde_json::Value, _> = serde_json::from_str(&text) else {
            println!("bad gold file {}", g.display());
            ok = false;
            continue;
        };
        let file = gold["file"].as_str().unwrap_or_default();
        let path = corpus.join(file);
        let report = match baogao_core::load::load_input(
            &baogao_core::load::Input::File(path.to_string_lossy().into_owned()),
            &Default::default(),
        )
        .into_iter()
        .next()
        {
            Some(Ok(r)) => r,
            _ => {
                println!("{file}: cannot load");
                ok = false;
                continue;
            }
        };
        let want: Vec<(usize, String, String)> = gold["headings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|h| {
                        (
                            h["level"].as_u64().unwrap_or(0) as usize,
                            fold(h["label"].as_str().unwrap_or_default()),
                            fold(h["title"].as_str().unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let got = headings(&report);
        let mut pool: HashMap<(usize, String), usize> = HashMap::new();
        for (l, _, t) in &want {
            *pool.entry((*l, t.clone())).or_default() += 1;
        }
        let mut hit = 0;
        let mut extra = Vec::new();
        for (l, lab, t) in &got {
            match pool.get_mut(&(*l, t.clone())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    hit += 1;
                }
                _ => extra.push(format!("{l} {lab}{t}")),
            }
        }
        let missed: Vec<String> = pool
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|((l, t), n)| format!("{l} {t} ×{n}"))
            .collect();
        let p = hit as f64 / got.len().max(1) as f64;
        let r = hit as f64 / want.len().max(1) as f64;
        println!(
            "{file}: gold {} out {} matched {hit}  P {p:.3} R {r:.3}",
            want.len(),
            got.len()
        );
        for e in extra.iter().take(5) {
            println!("    extra:  {e}");
        }
        for m in missed.iter().take(5) {
            println!("    missed: {m}");
        }
        tp += hit;
        n_out += got.len();
        n_gold += want.len();
    }
    let p = tp as f64 / n_out.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("outline: precision {p:.3} recall {r:.3} F1 {f1:.3} ({tp} of {n_gold} gold headings, {n_out} output)");
    if gold_files.is_empty() {
        println!("no gold outlines found in {}", gold_dir.display());
        ok = false;
    }
    if f1 < 0.97 {
        println!("FAIL: outline F1 below 0.97");
        ok = false;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
