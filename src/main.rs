//! The `baogao` binary: CLI subcommands, and the TUI when no subcommand is given.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
