//! `baogao grep`: paragraphs matching a query across reports.

use super::LoadArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct GrepArgs {
    /// The query.
    pub query: String,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(_args: GrepArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("grep: not built yet")
}
