//! `baogao keywords`: the top terms of each report and section.

use super::LoadArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct KeywordsArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(_args: KeywordsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("keywords: not built yet")
}
