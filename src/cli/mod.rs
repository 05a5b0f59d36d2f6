//! Command line: argument parsing and the subcommands. Errors become messages naming the input
//! and an exit status: 0 all good, 1 some inputs failed, 2 nothing usable or a usage error.

mod completions;
mod grep;
mod indicators;
mod keywords;
mod outline;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "baogao",
    version,
    about = "Read Chinese government work reports (政府工作报告) in the terminal",
    after_help = "Examples:\n  baogao reports/                     open a directory of reports in the TUI\n  baogao outline 2024年政府工作报告.txt  print the section tree\n  baogao outline --format json a.txt  the tree as JSON"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Report files or directories to open in the TUI.
    pub paths: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct LoadArgs {
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = baogao::load::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

impl LoadArgs {
    pub fn options(&self) -> baogao::LoadOptions {
        baogao::LoadOptions {
            max_size: self.max_size,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print each report's section tree.
    Outline(outline::OutlineArgs),
    /// Print each report's indicators (figures) as a table.
    Indicators(indicators::IndicatorsArgs),
    /// Print the paragraphs that match a query.
    Grep(grep::GrepArgs),
    /// Print the top keywords of each report and section.
    Keywords(keywords::KeywordsArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(Command::Outline(args)) => outline::run(args),
        Some(Command::Indicators(args)) => indicators::run(args),
        Some(Command::Grep(args)) => grep::run(args),
        Some(Command::Keywords(args)) => keywords::run(args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Man) => completions::man(),
        None => {
            eprintln!("baogao: the terminal UI is not built yet; try `baogao outline PATH`");
            Ok(ExitCode::from(2))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("baogao: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Load inputs, report each failure on stderr, and give the exit status they imply.
pub fn load_reporting(paths: &[String], args: &LoadArgs) -> (Vec<baogao::Report>, u8) {
    let mut reports = Vec::new();
    let mut failed = 0;
    for r in baogao::load_paths(paths, &args.options()) {
        match r {
            Ok(r) => reports.push(r),
            Err(e) => {
                failed += 1;
                eprintln!("baogao: {e}");
            }
        }
    }
    let code = if reports.is_empty() {
        2
    } else if failed > 0 {
        1
    } else {
        0
    };
    (reports, code)
}
