//! Printed-page robustness: every corpus report is turned into the forms that PDF extraction and
//! copy-paste produce (hard wraps, indentation, blank lines between lines, page numbers, the whole
//! report on one line with spaces at the old line ends), loaded again, and compared with the
//! original load: outline headings and core indicator rows, F1 per form over the corpus.
//!
//! The generator is ours: it wraps by display width (CJK = 2 cells) at 28–40 characters and keeps
//! closing punctuation on the line it closes, as typesetters do.
//!
//! Exits non-zero when any form scores below F1 0.95 (CI runs it).
//! Usage: `cargo run --release --example eval_printed [-- -v]` (`-v`: per-report misses).

#[path = "support/compare.rs"]
mod compare;

use compare::{core_rows, headings, print_misses, Counts};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthChar;

const THRESHOLD: f64 = 0.95;

/// Characters a line may not start with: they stay at the end of the line before.
fn closing(c: char) -> bool {
    "，。、；：！？）」』”》%％,.;:!?)".contains(c)
}

fn cells(c: char) -> usize {
    if c == '\u{3000}' {
        2
    } else {
        c.width().unwrap_or(0)
    }
}

/// Wrap one paragraph at `chars` CJK characters (2 × `chars` cells); `indent` puts two
/// full-width spaces before the first line.
fn wrap(paragraph: &str, chars: usize, indent: bool) -> Vec<String> {
    let limit = chars * 2;
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    if indent {
        cur.push_str("\u{3000}\u{3000}");
        used = 4;
    }
    for c in paragraph.trim().chars() {
        let w = cells(c);
        if used + w > limit && !closing(c) && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            used = 0;
        }
        cur.push(c);
        used += w;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn page_mark(n: usize, total: usize, style: usize) -> String {
    match style % 4 {
        0 => format!("— {n} —"),
        1 => format!("- {n} -"),
        2 => format!("第{n}页"),
        _ => format!("{n}/{total}"),
    }
}

/// Insert a page number after every `every` lines (so also inside paragraphs).
fn with_pages(lines: Vec<String>, every: usize, style: usize) -> Vec<String> {
    paged(lines, every, |n, total| vec![page_mark(n, total, style)])
}

/// After every `every` lines, the lines `page_break(page number, pages)` gives.
fn paged(
    lines: Vec<String>,
    every: usize,
    page_break: impl Fn(usize, usize) -> Vec<String>,
) -> Vec<String> {
    let total = lines.len().div_ceil(every);
    let mut out = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        out.push(l);
        if (i + 1) % every == 0 {
            out.extend(page_break((i + 1) / every, total));
        }
    }
    out
}

fn wrapped(paragraphs: &[String], chars: usize, indent: bool) -> Vec<String> {
    paragraphs
        .iter()
        .flat_map(|p| wrap(p, chars, indent))
        .collect()
}

const FORMS: &[&str] = &[
    "wrap28",
    "wrap40-indent",
    "wrap34-blank-lines",
    "wrap32-blank-lines-indent",
    "wrap36-indent-pages",
    "wrap30-pages",
    "one-line-30",
    "one-line-38-pages",
    "wrap34-pages-running-head",
];

fn printed(form: &str, paragraphs: &[String]) -> String {
    match form {
        "wrap28" => wrapped(paragraphs, 28, false).join("\n"),
        "wrap40-indent" => wrapped(paragraphs, 40, true).join("\n"),
        "wrap34-blank-lines" => wrapped(paragraphs, 34, false).join("\n\n"),
        "wrap32-blank-lines-indent" => wrapped(paragraphs, 32, true).join("\n\n"),
        "wrap36-indent-pages" => with_pages(wrapped(paragraphs, 36, true), 40, 0).join("\n"),
        "wrap30-pages" => {
            // Each page number in its own style, with the blank lines page breaks leave.
            paged(wrapped(paragraphs, 30, false), 38, |n, total| {
                vec![String::new(), page_mark(n, total, n), String::new()]
            })
            .join("\n")
        }
        "one-line-30" => wrapped(paragraphs, 30, false).join(" "),
        "one-line-38-pages" => with_pages(wrapped(paragraphs, 38, false), 40, 0).join(" "),
        "wrap34-pages-running-head" => {
            // Each page opens with the report's title (its first line, when short) as a running
            // head, and ends with its number; a page break also falls inside paragraphs.
            let head = paragraphs
                .first()
                .filter(|t| t.chars().count() <= 30)
                .cloned()
                .unwrap_or_else(|| "某地人民政府工作报告".to_string());
            paged(wrapped(paragraphs, 34, false), 36, |n, total| {
                vec![
                    String::new(),
                    page_mark(n, total, 1),
                    String::new(),
                    head.clone(),
                ]
            })
            .join("\n")
        }
        _ => unreachable!("unknown form"),
    }
}

fn main() -> ExitCode {
    let verbose = std::env::args().any(|a| a == "-v");
    let shared =
        PathBuf::from(std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into()));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        eprintln!(
            "eval_printed: no corpus at {} (set BAOGAO_SHARED)",
            corpus.display()
        );
        return ExitCode::from(2);
    }
    let originals: Vec<baogao_core::Report> = baogao_core::load::load_paths(
        &[corpus.to_string_lossy().into_owned()],
        &Default::default(),
    )
    .into_iter()
    .flatten()
    .collect();
    let mut ok = true;
    println!("{:<28} {:>10} {:>10}", "form", "outline F1", "rows F1");
    for form in FORMS {
        let (mut outline, mut rows) = (Counts::default(), Counts::default());
        for r in &originals {
            let paragraphs: Vec<String> = (0..r.paragraphs.len())
                .map(|i| r.paragraph_text(i).to_string())
                .collect();
            let text = printed(form, &paragraphs);
            let again = baogao_core::load::from_text(&r.source, &text, "utf-8");
            let (h0, h1) = (headings(r), headings(&again));
            let (c0, c1) = (core_rows(r), core_rows(&again));
            let (ho, co) = (Counts::of(&h0, &h1), Counts::of(&c0, &c1));
            if verbose && (ho.f1() < 1.0 || co.f1() < 1.0) {
                println!(
                    "  {form} {}: outline {:.3} rows {:.3}",
                    r.source,
                    ho.f1(),
                    co.f1()
                );
                print_misses((&h0, &h1), (&c0, &c1), 5);
            }
            outline.add(ho);
            rows.add(co);
        }
        println!("{form:<28} {:>10.3} {:>10.3}", outline.f1(), rows.f1());
        ok &= outline.f1() >= THRESHOLD && rows.f1() >= THRESHOLD;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        println!("eval_printed: a form scores below F1 {THRESHOLD}");
        ExitCode::FAILURE
    }
}
