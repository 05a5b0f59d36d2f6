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

/// The man page (roff): clap_mangen's sections for `baogao` itself, the subcommands with their
/// own arguments (clap_mangen would point at `baogao-outline(1)` pages that do not exist), the
/// terminal UI's keys (from its keymap) and the query language.
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    let mut roff = String::from(".SH SUBCOMMANDS\n");
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
    roff.push_str(".SH \"TERMINAL UI KEYS\"\n");
    roff.push_str("Keys can be changed in the config file by action name (in parentheses).\n");
    for (context, rows) in crate::tui::Keymap::default().help() {
        if rows.is_empty() {
            continue;
        }
        roff.push_str(&format!(".SS \"{}\"\n", escape(context)));
        for (keys, description, action) in rows {
            roff.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{} ({})\n",
                escape(&keys),
                escape(description),
                escape(&action)
            ));
        }
    }
    roff.push_str(".SH \"QUERY LANGUAGE\"\n");
    roff.push_str(
        "The filter in the terminal UI and \\fBbaogao grep\\fR take the same queries.\n.nf\n",
    );
    roff.push_str(&escape(baogao_core::search::QUERY_HELP));
    roff.push_str("\n.fi\n");
    buf.extend_from_slice(roff.as_bytes());
    man.render_extra_section(&mut buf)?;
    man.render_version_section(&mut buf)?;
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
        // No reference to pages that do not exist (baogao-outline(1) and the like).
        assert!(!text.contains("baogao\\-outline(1)"), "{text}");
        assert!(!text.contains("(1)"), "{text}");
        // The terminal UI's keys, from the keymap, and the query language.
        assert!(text.contains(".SH \"TERMINAL UI KEYS\""), "{text}");
        assert!(
            text.contains("(copy_table)") && text.contains("(focus_filter)"),
            "{text}"
        );
        assert!(text.contains(".SH \"QUERY LANGUAGE\""), "{text}");
        assert!(text.contains("(OR)") && text.contains("(NOT)"), "{text}");
    }
}
