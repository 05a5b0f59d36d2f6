//! Command line: argument parsing and the subcommands. Errors become messages naming the input
//! and an exit status: 0 all good, 1 some inputs failed, 2 nothing usable or a usage error.

mod batches;
mod completions;
mod grep;
mod indicators;
mod keywords;
mod outline;
mod panel;
mod stream;
mod targets;

#[doc(hidden)]
pub use grep::fuzz_entry;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "baogao",
    version,
    about = "Read Chinese government work reports (政府工作报告) in the terminal",
    after_help = "Examples:\n  baogao                              no PATH: the config's \"paths\", else the last session's reports\n                                      (those still there), else the bundled samples\n  cat r.txt | baogao -                a report on standard input (keys come from the terminal)\n  baogao reports/                     open a directory of reports in the TUI (press ? for keys)\n  baogao --print-table a.txt          after quitting, print the indicator table (no OSC 52 needed)\n  baogao outline 2024年政府工作报告.txt  print the section tree\n  baogao outline --format json a.txt  the tree as JSON\n\nFiles:\n  config  $XDG_CONFIG_HOME/baogao/config.json (~/.config/baogao/config.json; macOS: ~/Library/Application Support/baogao/)\n          theme, mouse, format, paths, keymap (action names as in the ? help), text_width; see --print-config\n  state   $XDG_STATE_HOME/baogao/state.json (~/.local/state/baogao/state.json): last reports, position, filter history (merged with other instances' on saving)\n  cache   $BAOGAO_CACHE_DIR, else ~/.cache/baogao (XDG_CACHE_HOME): reports/ for the TUI (at most 1 GiB), grep/ (256 MiB);\n          safe to delete; --no-cache turns it off\n\nCopying uses OSC 52 (works over SSH; in tmux: set -g set-clipboard on). NO_COLOR turns colours off."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Report files or directories to open in the TUI (`-`: standard input). None: the
    /// config's "paths", else the last session's reports that are still there, else the bundled
    /// sample reports.
    pub paths: Vec<String>,
    #[command(flatten)]
    pub tui: TuiArgs,
}

/// Flags of the terminal UI (`baogao [PATH...]`).
#[derive(Args, Debug, Clone)]
pub struct TuiArgs {
    /// After quitting, print the indicator table on stdout as `y` copies it (every column, the
    /// config's format, TSV unless set): a fallback for terminals that drop OSC 52 clipboard
    /// writes (the `p` key does the same).
    #[arg(long)]
    pub print_table: bool,
    /// Do not capture the mouse (the terminal's own text selection keeps working).
    #[arg(long)]
    pub no_mouse: bool,
    /// Colour theme (beats the config file and NO_COLOR).
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<crate::config::Theme>,
    /// Under tmux, send OSC 52 through passthrough (needs `allow-passthrough on`) instead of
    /// letting tmux take it (`set-clipboard on`).
    #[arg(long)]
    pub osc52_passthrough: bool,
    /// Print the effective configuration (JSON) and exit.
    #[arg(long)]
    pub print_config: bool,
    /// Skip files larger than this many bytes (at most 1 GiB).
    #[arg(long, default_value_t = baogao_core::load::DEFAULT_MAX_SIZE, value_name = "BYTES",
          value_parser = clap::value_parser!(u64).range(1..=baogao_core::load::MAX_SIZE_LIMIT))]
    pub max_size: u64,
    /// Do not use the cache of loaded reports. The cache (in $BAOGAO_CACHE_DIR/reports, else
    /// ~/.cache/baogao/reports; at most 1 GiB) lets a pile opened before skip parsing and
    /// indicator extraction; it is safe to delete.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Args, Debug, Clone)]
pub struct LoadArgs {
    /// Skip files larger than this many bytes (at most 1 GiB).
    #[arg(long, default_value_t = baogao_core::load::DEFAULT_MAX_SIZE, value_name = "BYTES",
          value_parser = clap::value_parser!(u64).range(1..=baogao_core::load::MAX_SIZE_LIMIT))]
    pub max_size: u64,
}

impl LoadArgs {
    /// How the commands load: without file line numbers, which only `grep` prints (it asks
    /// for them; working them out is a sixth of loading).
    pub fn options(&self) -> baogao_core::LoadOptions {
        baogao_core::LoadOptions {
            max_size: self.max_size,
            source_lines: false,
            ..Default::default()
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print each report's section tree.
    Outline(outline::OutlineArgs),
    /// Print each report's indicators (figures) as a table.
    Indicators(indicators::IndicatorsArgs),
    /// Print the long table of all reports' figures (place, year, indicator, kind…), or a
    /// place × year pivot.
    Panel(panel::PanelArgs),
    /// Print each annual target paired with its result from any loaded report.
    Targets(targets::TargetsArgs),
    /// Print the paragraphs that match a query, each at the file line it starts on
    /// (`path:LINE:`; `¶N`, the paragraph number, for HTML, docx, PDF and CSV cells).
    Grep(grep::GrepArgs),
    /// Print the top keywords of each report and section.
    Keywords(keywords::KeywordsArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

pub fn run() -> ExitCode {
    quiet_panics();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // A usage error quotes the arguments, which may be file names: through the sanitiser.
            eprint!(
                "{}",
                baogao_core::sanitize::visible_lines(&e.render().to_string())
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    // `baogao outlin x`: a mistyped command, not a report to open.
    if cli.command.is_none() {
        if let Some(first) = cli.paths.first() {
            if first != "-" && !std::path::Path::new(first).exists() {
                if let Some(name) = close_command(first) {
                    warn(format_args!(
                        "`{first}` is neither a file nor a command; did you mean `baogao {name}`? (see `baogao --help`)"
                    ));
                    return ExitCode::from(2);
                }
            }
        }
    }
    // Before any extraction: the user's aliases and indicators join the built-in lexicon.
    crate::lexicon_file::install();
    let result = match cli.command {
        Some(Command::Outline(args)) => outline::run(args),
        Some(Command::Indicators(args)) => indicators::run(args),
        Some(Command::Panel(args)) => panel::run(args),
        Some(Command::Targets(args)) => targets::run(args),
        Some(Command::Grep(args)) => grep::run(args),
        Some(Command::Keywords(args)) => keywords::run(args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Man) => completions::man(),
        None => tui_main(cli.paths, cli.tui),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`baogao outline … | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            warn(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// Panic messages can quote input (a slicing panic shows the string): they go through the
/// sanitiser like every other message. A hook set later (the TUI's) can still chain to this one.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        // A third-party parser's panic is caught and reported as its file's error.
        if baogao_core::load::contained::in_third_party() {
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        warn(format_args!("internal error{at}: {msg}"));
    }));
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A message on stderr, through the sanitiser: file names and file text in it are shown, never
/// sent to the terminal as control sequences.
pub(crate) fn warn(msg: impl std::fmt::Display) {
    eprintln!(
        "baogao: {}",
        baogao_core::sanitize::visible(&msg.to_string())
    );
}

/// Say so when a directory given on the command line holds no report file at all (otherwise
/// the run would end with nothing loaded and no word why).
pub(crate) fn warn_empty_dirs(paths: &[String], inputs: &[baogao_core::load::Input]) {
    for p in paths {
        let dir = std::path::Path::new(p);
        if dir.is_dir()
            && !inputs
                .iter()
                .any(|i| std::path::Path::new(i.name()).starts_with(dir))
        {
            warn(format_args!(
                "{p}: no report files here (looked for .{})",
                baogao_core::load::REPORT_EXTENSIONS.join(" .")
            ));
        }
    }
}

/// `baogao [PATH...]`: the terminal UI, started from one resolved [`Settings`] value.
fn tui_main(paths: Vec<String>, args: TuiArgs) -> anyhow::Result<ExitCode> {
    use crate::settings::{CommandLine, PathSource, Settings};
    let actions = crate::tui::Action::names();
    let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
    let config = crate::config::Config::load_checked(&actions);
    if args.print_config {
        let (mut shown, warnings) = config;
        shown.apply_no_color(std::env::var_os("NO_COLOR").as_deref());
        if let Some(t) = args.theme {
            shown.theme = t;
        }
        // A closed pipe (`--print-config | head -1`) is a normal end, as `is_broken_pipe` says.
        use std::io::Write;
        writeln!(std::io::stdout().lock(), "{}", shown.effective_json())?;
        for w in &warnings {
            warn(w);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !crate::tui::has_terminal() {
        eprintln!("baogao: the terminal UI needs a terminal; for plain output try `baogao outline`, `baogao indicators` or `baogao grep`");
        return Ok(ExitCode::from(2));
    }
    let cli = CommandLine {
        paths,
        theme: args.theme,
        no_mouse: args.no_mouse,
        print_table: args.print_table,
        passthrough: args.osc52_passthrough,
        max_size: args.max_size,
    };
    let settings = Settings::resolve(
        cli,
        std::env::var_os("NO_COLOR").as_deref(),
        config,
        crate::state::State::load(),
        |p| std::path::Path::new(p).exists(),
    );
    let (keymap, problems) = crate::tui::Keymap::with_chords(&settings.keymap);
    let mut all_problems = settings.problems.clone();
    all_problems.extend(problems);
    // Cheap (no sweep): the loader sweeps once it is done.
    let cache = match args.no_cache {
        true => None,
        false => crate::tui::cached::open().unwrap_or_else(|why| {
            all_problems.push(why);
            None
        }),
    };
    let samples = settings.source == PathSource::Samples;
    let opts = crate::tui::Options {
        paths: settings.paths.clone(),
        // The TUI shows no file line numbers.
        load: crate::tui::load_options(settings.max_size),
        reports: if samples {
            crate::samples::reports()
        } else {
            Vec::new()
        },
        keymap,
        theme: crate::tui::Theme::of(settings.theme),
        mouse: settings.mouse,
        print_table: settings.print_table,
        passthrough: settings.passthrough,
        hint: samples.then(|| crate::samples::HINT.to_string()),
        problems: all_problems.clone(),
        format: settings.format,
        text_width: settings.text_width,
        restore: settings.restore.clone(),
        history: settings.history.clone(),
        cache,
    };
    let outcome = crate::tui::run(opts)?;
    // Written, not printed: after a hang-up the terminal is gone and printing would panic
    // before the state is saved.
    use std::io::Write;
    // Listed under `!` while running; repeated here where they stay readable.
    for n in &all_problems {
        let _ = writeln!(
            std::io::stderr(),
            "baogao: {}",
            baogao_core::sanitize::visible(n)
        );
    }
    if let Some(table) = outcome.print {
        let mut out = std::io::stdout();
        let table = baogao_core::sanitize::visible_lines(&table);
        let _ = out.write_all(table.as_bytes()).and_then(|_| out.flush());
    }
    // Remember the session, merged with what another instance may have saved meanwhile.
    let session = crate::state::State {
        // Only regular files and directories: a FIFO or device is read again only when named.
        last_reports: settings
            .paths
            .into_iter()
            .filter(|p| baogao_core::load::is_rememberable(std::path::Path::new(p)))
            .collect(),
        selected: outcome.position,
        filter_history: outcome.history,
    };
    if let Err(e) = session.save_merged() {
        let _ = writeln!(
            std::io::stderr(),
            "baogao: could not save the session state: {e}"
        );
    }
    Ok(match outcome.signal {
        // The conventional status of a process ended by a signal.
        Some(s) => ExitCode::from(128u8.saturating_add(s as u8)),
        None => ExitCode::SUCCESS,
    })
}

/// The subcommand `word` is probably a typo of: at most two edits away (one for short names),
/// or a prefix of at least three letters.
fn close_command(word: &str) -> Option<String> {
    use clap::CommandFactory;
    let word = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .map(|n| (edit_distance(&word, &n), n))
        .filter(|(d, n)| {
            let allowed = if n.chars().count() <= 4 { 1 } else { 2 };
            *d <= allowed || (word.chars().count() >= 3 && n.starts_with(&word))
        })
        .min()
        .map(|(_, n)| n)
}

/// Edit distance over chars counting a swap of neighbours as one edit (`grpe` → `grep`);
/// `a` is cut at 64 chars, so the work stays small.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 0..a.len() {
        let mut cur = vec![i + 1; b.len() + 1];
        for j in 0..b.len() {
            cur[j + 1] = (prev[j] + usize::from(a[i] != b[j]))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                cur[j + 1] = cur[j + 1].min(before[j - 1] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_commands_are_recognised_and_report_names_are_not() {
        assert_eq!(close_command("outlin").as_deref(), Some("outline"));
        assert_eq!(close_command("indicaters").as_deref(), Some("indicators"));
        assert_eq!(close_command("grpe").as_deref(), Some("grep"));
        assert_eq!(close_command("key").as_deref(), Some("keywords"));
        assert_eq!(close_command("Outline").as_deref(), Some("outline"));
        for name in [
            "report.txt",
            "2024年政府工作报告",
            "reports",
            "a",
            "mine",
            "green",
        ] {
            assert_eq!(close_command(name), None, "{name}");
        }
        assert_eq!(edit_distance("", "grep"), 4);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
