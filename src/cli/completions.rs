//! `baogao completions SHELL` and `baogao man`: generated from the clap definition, so they
//! never drift from the real flags.

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  baogao completions bash > ~/.local/share/bash-completion/completions/baogao\n  baogao completions zsh > ~/.zfunc/_baogao\n  baogao completions fish > ~/.config/fish/completions/baogao.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    write_completions(args.shell, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    write_man(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The completion script for `shell`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = super::Cli::command();
    // Generating into a Vec first: clap_complete wants a sized writer.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "baogao", &mut buf);
    out.write_all(&buf)
}

/// The man page (roff): clap_mangen's page for `baogao`, then a section giving each
/// subcommand's own arguments (clap_mangen only lists subcommands by name).
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let mut roff = String::from(".SH \"SUBCOMMAND OPTIONS\"\n");
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        roff.push_str(&format!(".SS \"baogao {}\"\n", sub.get_name()));
        if let Some(about) = sub.get_about() {
            roff.push_str(&format!("{}\n", escape(&about.to_string())));
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let mut names = Vec::new();
            if let Some(c) = arg.get_short() {
                names.push(format!("\\fB\\-{}\\fR", escape(&c.to_string())));
            }
            if let Some(l) = arg.get_long() {
                names.push(format!("\\fB\\-\\-{}\\fR", escape(l)));
            }
            let values: Vec<String> = arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|v| format!("\\fI{}\\fR", escape(v)))
                .collect();
            let mut head = names.join(", ");
            if arg.get_action().takes_values() {
                if !head.is_empty() {
                    head.push(' ');
                }
                if values.is_empty() {
                    head.push_str(&format!(
                        "\\fI{}\\fR",
                        escape(&arg.get_id().to_string().to_uppercase())
                    ));
                } else {
                    head.push_str(&values.join(" "));
                }
            }
            roff.push_str(&format!(".TP\n{head}\n"));
            if let Some(help) = arg.get_help() {
                roff.push_str(&format!("{}\n", escape(&help.to_string())));
            }
        }
    }
    buf.extend_from_slice(roff.as_bytes());
    out.write_all(&buf)
}

/// Escape text for roff: backslashes, hyphens, and a leading `.` or `'` (a control line).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        if line.starts_with(['.', '\'']) {
            out.push_str("\\&");
        }
        out.push_str(&line.replace('\\', "\\e").replace('-', "\\-"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBCOMMANDS: &[&str] = &[
        "outline",
        "indicators",
        "grep",
        "keywords",
        "completions",
        "man",
    ];

    #[test]
    fn completions_name_every_subcommand() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let mut out = Vec::new();
            write_completions(shell, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            for sub in SUBCOMMANDS {
                assert!(text.contains(sub), "{shell}: no `{sub}`");
            }
        }
    }

    #[test]
    fn man_page_is_roff_listing_subcommands_and_flags() {
        let mut out = Vec::new();
        write_man(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(".ie") || text.contains(".TH baogao"),
            "{}",
            &text[..200.min(text.len())]
        );
        for sub in SUBCOMMANDS {
            assert!(text.contains(sub), "no `{sub}`");
        }
        // Each subcommand's own options appear in its part.
        assert!(text.contains(".SS \"baogao outline\""));
        assert!(
            text.contains("\\fB\\-\\-max\\-size\\fR \\fIBYTES\\fR"),
            "{text}"
        );
        // No line of help text turns into a roff request.
        assert!(!text.lines().any(|l| l.starts_with(".-")));
    }
}
