//! `baogao keywords`: the top terms of each report and of its top-level sections.

use super::{load_reporting, LoadArgs};
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
    let all: Vec<ReportKeywords> = reports
        .par_iter()
        .map(|r| ReportKeywords {
            name: r.source.clone(),
            whole: baogao_core::keywords::report_keywords(r, top),
            sections: r
                .roots()
                .map(|s| {
                    let sec = &r.sections[s];
                    let label = format!("{}{}", sec.label.as_deref().unwrap_or(""), sec.title);
                    let label = match label.char_indices().nth(LABEL_CHARS) {
                        Some((i, _)) => format!("{}…", &label[..i]),
                        None => label,
                    };
                    (label, baogao_core::keywords::section_keywords(r, s, top))
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
