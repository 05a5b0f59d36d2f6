//! `baogao indicators`: a report's figures as a table.

use super::LoadArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct IndicatorsArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(_args: IndicatorsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("indicators: not built yet")
}
