//! `baogao outline`: each report's section tree, as text or JSON.

use super::{load_reporting, LoadArgs};
use baogao_core::outline_json::{text_tree, OutlineDoc};
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
    let (reports, code) = load_reporting(&args.paths, &args.load);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutlineFormat::Json => {
            let docs: Vec<OutlineDoc> = reports.iter().map(OutlineDoc::new).collect();
            serde_json::to_writer_pretty(&mut out, &docs)?;
            writeln!(out)?;
        }
        OutlineFormat::Text => {
            for (i, r) in reports.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", text_tree(r))?;
            }
        }
    }
    Ok(ExitCode::from(code))
}
