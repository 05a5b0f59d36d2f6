//! Command line: argument parsing and the subcommands. Errors become messages naming the input
//! and an exit status: 0 all good, 1 some inputs failed, 2 nothing usable or a usage error.

mod completions;
mod grep;
mod indicators;
mod keywords;
mod outline;
mod stream;

#[doc(hidden)]
pub use grep::fuzz_entry;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "baogao",
    version,
    about = "Read Chinese government work reports (政府工作报告) in the terminal",
    after_help = "Examples:\n  baogao                              the last session, the config's paths, or the bundled samples\n  baogao reports/                     open a directory of reports in the TUI (press ? for keys)\n  baogao --print-table a.txt          after quitting, print the indicator table (no OSC 52 needed)\n  baogao outline 2024年政府工作报告.txt  print the section tree\n  baogao outline --format json a.txt  the tree as JSON\n\nFiles:\n  config  $XDG_CONFIG_HOME/baogao/config.json (~/.config/baogao/config.json; macOS: ~/Library/Application Support/baogao/)\n          theme, mouse, format, paths, keymap (action names as in the ? help); see --print-config\n  state   $XDG_STATE_HOME/baogao/state.json (~/.local/state/baogao/state.json): last reports, position, filter history\n\nCopying uses OSC 52 (works over SSH; in tmux: set -g set-clipboard on). NO_COLOR turns colours off."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Report files or directories to open in the TUI (none: the config's paths, else the
    /// bundled sample reports).
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
    /// Colour theme: dark, light or none (NO_COLOR also means none).
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,
    /// Under tmux, send OSC 52 through passthrough (needs `allow-passthrough on`) instead of
    /// letting tmux take it (`set-clipboard on`).
    #[arg(long)]
    pub osc52_passthrough: bool,
    /// Print the effective configuration (JSON) and exit.
    #[arg(long)]
    pub print_config: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = baogao_core::load::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

#[derive(Args, Debug, Clone)]
pub struct LoadArgs {
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = baogao_core::load::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

impl LoadArgs {
    pub fn options(&self) -> baogao_core::LoadOptions {
        baogao_core::LoadOptions {
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
    let result = match cli.command {
        Some(Command::Outline(args)) => outline::run(args),
        Some(Command::Indicators(args)) => indicators::run(args),
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

/// `baogao [PATH...]`: the terminal UI.
fn tui_main(paths: Vec<String>, args: TuiArgs) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let (config, warnings) = crate::config::Config::load();
    if args.print_config {
        println!("{}", config.effective_json());
        let names = crate::tui::Action::names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for w in warnings.iter().chain(&config.validate_actions(&names)) {
            warn(w);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("baogao: the terminal UI needs a terminal; for plain output try `baogao outline`, `baogao indicators` or `baogao grep`");
        return Ok(ExitCode::from(2));
    }
    let mut notices: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    let (keymap, problems) = crate::tui::Keymap::with_chords(&config.keymap);
    notices.extend(problems);
    let theme_name = args.theme.clone().unwrap_or_else(|| {
        serde_json::to_value(config.theme)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    });
    let (mut state, state_warning) = crate::state::State::load();
    if let Some(w) = state_warning {
        notices.push(format!("{}: {}", w.path.display(), w.problem));
    }
    // No PATH: the configured paths, else the last session's, else the bundled samples.
    let paths = if !paths.is_empty() {
        // Absolute, so the remembered session works from any directory.
        paths
            .iter()
            .map(|p| match std::path::absolute(p) {
                Ok(a) if p != "-" => a.to_string_lossy().into_owned(),
                _ => p.clone(),
            })
            .collect()
    } else if !config.paths.is_empty() {
        config.paths.clone()
    } else {
        // The last session's files, those still there.
        state
            .last_reports
            .iter()
            .filter(|p| std::path::Path::new(p).exists())
            .cloned()
            .collect()
    };
    let (reports, hint) = if paths.is_empty() {
        (
            crate::samples::reports(),
            Some(crate::samples::HINT.to_string()),
        )
    } else {
        (Vec::new(), None)
    };
    let last = paths.clone();
    let opts = crate::tui::Options {
        paths,
        load: baogao_core::LoadOptions {
            max_size: args.max_size,
        },
        reports,
        keymap,
        theme: crate::tui::Theme::named(&theme_name),
        mouse: config.mouse && !args.no_mouse,
        print_table: args.print_table,
        passthrough: args.osc52_passthrough,
        hint,
        notices: notices.clone(),
        format: config.format,
        restore: state.selected.clone(),
        history: state.filter_history.clone(),
    };
    let outcome = crate::tui::run(opts)?;
    // Shown as a toast while running; repeated here where they stay readable.
    for n in &notices {
        warn(n);
    }
    if let Some(table) = outcome.print {
        print!("{}", baogao_core::sanitize::visible_lines(&table));
    }
    // Remember the session: the paths as given, the position, the filter history.
    // Only regular files and directories: a FIFO or device is read again only when named again.
    state.last_reports = last
        .into_iter()
        .filter(|p| baogao_core::load::is_rememberable(std::path::Path::new(p)))
        .collect();
    state.selected = outcome.position;
    state.filter_history.clear();
    for q in &outcome.history {
        state.push_filter(q);
    }
    if let Err(e) = state.save() {
        warn(format_args!("could not save the session state: {e}"));
    }
    Ok(ExitCode::SUCCESS)
}

/// Load inputs, report each failure on stderr, and give the exit status they imply.
pub fn load_reporting(paths: &[String], args: &LoadArgs) -> (Vec<baogao_core::Report>, u8) {
    let mut reports = Vec::new();
    let mut failed = 0;
    let inputs = baogao_core::load::expand(paths);
    warn_empty_dirs(paths, &inputs);
    for r in baogao_core::load::load_inputs(&inputs, &args.options()) {
        match r {
            Ok(r) => reports.push(r),
            Err(e) => {
                failed += 1;
                warn(e);
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
