//! `baogao keywords`: the top terms of each report and of its top-level sections — the terms that
//! set it apart from the other reports given and from typical report language (see
//! `baogao_core::keywords`).

use super::{load_reporting, LoadArgs};
use baogao_core::keywords::{distinctive, section_paragraphs, Pile, ReportTerms};
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
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

/// Keywords of one report: the whole, then each top-level section.
struct ReportKeywords {
    name: String,
    whole: Vec<(String, f64)>,
    sections: Vec<(String, Vec<(String, f64)>)>,
}

pub fn run(args: KeywordsArgs) -> anyhow::Result<ExitCode> {
    let (reports, code) = load_reporting(&args.paths, &args.load);
    let top = args.top;
    // The one jieba pass per report; the pile's document frequencies from all of them.
    let terms: Vec<ReportTerms> = reports.par_iter().map(ReportTerms::of).collect();
    let mut pile = Pile::new();
    terms.iter().for_each(|t| pile.add(t));
    let all: Vec<ReportKeywords> = reports
        .par_iter()
        .zip(&terms)
        .map(|(r, t)| ReportKeywords {
            name: r.source.clone(),
            whole: distinctive(t, 0..t.len(), &pile, top),
            sections: r
                .roots()
                .map(|s| {
                    let sec = &r.sections[s];
                    let label = format!("{}{}", sec.label.as_deref().unwrap_or(""), sec.title);
                    let label = match label.char_indices().nth(LABEL_CHARS) {
                        Some((i, _)) => format!("{}…", &label[..i]),
                        None => label,
                    };
                    (label, distinctive(t, section_paragraphs(r, s), &pile, top))
                })
                .collect(),
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = (|| -> std::io::Result<()> {
        for (i, k) in all.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}", printable(&k.name))?;
            writeln!(out, "  {}", words(&k.whole))?;
            for (label, kw) in &k.sections {
                if !kw.is_empty() {
                    writeln!(out, "  {} › {}", printable(label), words(kw))?;
                }
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(ExitCode::from(code))
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
