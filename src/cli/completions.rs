//! `baogao completions SHELL` and `baogao man`: generated from the clap definition.

use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: String,
}

pub fn run(_args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("completions: not built yet")
}

pub fn man() -> anyhow::Result<ExitCode> {
    anyhow::bail!("man: not built yet")
}
