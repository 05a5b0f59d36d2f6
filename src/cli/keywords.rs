//! `baogao keywords`: the top terms of each report and of its top-level sections — the terms that
//! set it apart from the other reports given and from typical report language (see
//! `baogao_core::keywords`).
//!
//! A report's weights need the whole pile's document frequencies, so nothing is printed before the
//! last report is read. Memory stays small all the same: reports are read through the bounded
//! pipeline of [`super::batches`] and dropped at once; only their word counts are kept (a few
//! integers per distinct word and paragraph, not the text).

use super::batches::{each_report, finish};
use super::LoadArgs;
use baogao_core::keywords::{distinctive, section_paragraphs, Pile, ReportTerms};
use baogao_core::Report;
use clap::Args;
use std::io::Write;
use std::ops::Range;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct KeywordsArgs {
    /// How many keywords per report and per section.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

/// Section headings are shortened to this many chars.
const LABEL_CHARS: usize = 24;

/// What is kept of one report until the pile is complete: its word counts and section ranges.
struct Counted {
    name: String,
    terms: ReportTerms,
    sections: Vec<(String, Range<usize>)>,
}

fn counted(r: &Report) -> Counted {
    Counted {
        name: r.source.clone(),
        terms: ReportTerms::of(r),
        sections: r
            .roots()
            .map(|s| {
                let sec = &r.sections[s];
                let label = baogao_core::marker::heading_text(
                    sec.label.as_deref().unwrap_or(""),
                    &sec.title,
                );
                let label = match label.char_indices().nth(LABEL_CHARS) {
                    Some((i, _)) => format!("{}…", &label[..i]),
                    None => label,
                };
                (label, section_paragraphs(r, s))
            })
            .collect(),
    }
}

pub fn run(args: KeywordsArgs) -> anyhow::Result<ExitCode> {
    let top = args.top;
    let mut pile = Pile::new();
    let mut all: Vec<Counted> = Vec::new();
    let (loaded, _) = each_report(&args.paths, &args.load, counted, |c| {
        pile.add(&c.terms);
        all.push(c);
        Ok(())
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = (|| -> std::io::Result<()> {
        for (i, c) in all.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}", printable(&c.name))?;
            let whole = distinctive(&c.terms, 0..c.terms.len(), &pile, top);
            if whole.is_empty() {
                // Said, not left as a blank line that reads like lost output.
                writeln!(out, "  (no keywords)")?;
            } else {
                writeln!(out, "  {}", words(&whole))?;
            }
            for (label, range) in &c.sections {
                let kw = distinctive(&c.terms, range.clone(), &pile, top);
                if !kw.is_empty() {
                    writeln!(out, "  {} › {}", printable(label), words(&kw))?;
                }
            }
        }
        out.flush()
    })();
    finish(written)?;
    Ok(ExitCode::from(loaded.code()))
}

fn words(kw: &[(String, f64)]) -> String {
    kw.iter()
        .map(|(w, _)| printable(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// File names may hold control characters; they never reach the terminal.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    baogao_core::sanitize::visible(s)
}
