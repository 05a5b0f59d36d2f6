//! `baogao outline`: each report's section tree, as text or JSON, printed report by report as
//! the inputs are loaded (in input order, with memory bounded whatever the number of inputs).

use super::LoadArgs;
use baogao_core::outline_json::{text_tree, OutlineDoc};
use baogao_core::sanitize::visible_lines;
use baogao_core::{LoadError, Report};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct OutlineArgs {
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: OutlineArgs) -> anyhow::Result<ExitCode> {
    let inputs = baogao_core::load::expand(&args.paths);
    super::warn_empty_dirs(&args.paths, &inputs);
    let opts = args.load.options();
    let format = args.format;
    // Each report is rendered on a worker and dropped there; only its text travels.
    let render = |input: &baogao_core::load::Input| -> Vec<Result<String, LoadError>> {
        baogao_core::load::load_input(input, &opts)
            .into_iter()
            .map(|r| r.map(|r| render(&r, format)))
            .collect()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut loaded, mut failed) = (0usize, 0usize);
    let mut written: std::io::Result<()> = Ok(());
    super::stream::ordered(&inputs, render, |rendered| {
        for r in rendered {
            match r {
                Ok(text) => {
                    written = write_one(&mut out, format, loaded == 0, &text);
                    loaded += 1;
                }
                Err(e) => {
                    failed += 1;
                    super::warn(e);
                }
            }
            if written.is_err() {
                return false;
            }
        }
        true
    });
    written?;
    if format == OutlineFormat::Json {
        writeln!(out, "{}", if loaded == 0 { "[]" } else { "\n]" })?;
    }
    out.flush()?;
    let code = if loaded == 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    };
    Ok(ExitCode::from(code))
}

/// One report: its tree, or its JSON element indented as an element of the pretty-printed
/// array (JSON strings hold no raw line breaks, so indenting every line is exact).
fn render(r: &Report, format: OutlineFormat) -> String {
    match format {
        OutlineFormat::Text => visible_lines(&text_tree(r)).into_owned(),
        OutlineFormat::Json => {
            let json = baogao_core::sanitize::json::to_string_pretty(&OutlineDoc::new(r))
                .unwrap_or_default();
            let mut out = String::with_capacity(json.len() + json.len() / 8);
            for (i, line) in json.lines().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str("  ");
                out.push_str(line);
            }
            out
        }
    }
}

fn write_one(
    out: &mut impl Write,
    format: OutlineFormat,
    first: bool,
    text: &str,
) -> std::io::Result<()> {
    match format {
        OutlineFormat::Text => {
            if !first {
                writeln!(out)?;
            }
            write!(out, "{text}")
        }
        OutlineFormat::Json => write!(out, "{}{text}", if first { "[\n" } else { ",\n" }),
    }
}
