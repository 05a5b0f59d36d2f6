//! `baogao keywords`: the top terms of each report and of its top-level sections, written as the
//! reports are read (in input order, with memory bounded by a window of reports).

use super::batches::{each_report, finish};
use super::LoadArgs;
use baogao_core::Report;
use clap::Args;
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
    let top = args.top;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut first = true;
    let (loaded, written) = each_report(
        &args.paths,
        &args.load,
        |r| report_keywords(r, top),
        |k| {
            if !std::mem::take(&mut first) {
                writeln!(out)?;
            }
            write_one(&mut out, &k)
        },
    );
    finish(written.and_then(|_| out.flush()))?;
    Ok(ExitCode::from(loaded.code()))
}

fn report_keywords(r: &Report, top: usize) -> ReportKeywords {
    ReportKeywords {
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
    }
}

fn write_one(out: &mut impl Write, k: &ReportKeywords) -> std::io::Result<()> {
    writeln!(out, "{}", printable(&k.name))?;
    writeln!(out, "  {}", words(&k.whole))?;
    for (label, kw) in &k.sections {
        if !kw.is_empty() {
            writeln!(out, "  {} › {}", printable(label), words(kw))?;
        }
    }
    Ok(())
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
