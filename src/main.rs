//! The `baogao` binary: CLI subcommands, and the TUI when no subcommand is given.

fn main() -> std::process::ExitCode {
    baogao::main()
}
