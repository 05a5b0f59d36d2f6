//! One settings value for the terminal UI, resolved once from everything that has a say, in this
//! order (later wins): built-in defaults, the config file, the environment (`NO_COLOR`), the
//! command line. The state file adds where the last session was. The TUI never looks at any of
//! these sources itself.
//!
//! Which reports open with no PATH: the config's `paths`, else the last session's reports that
//! still exist, else the bundled samples.

use crate::config::{Config, ConfigWarning, KeyChord, Theme};
use crate::state::{Position, State, StateWarning};
use baogao_core::export::Format;
use std::collections::BTreeMap;

/// The command line's say (the TUI flags and PATHs).
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub paths: Vec<String>,
    pub theme: Option<Theme>,
    pub no_mouse: bool,
    pub print_table: bool,
    pub passthrough: bool,
    pub max_size: u64,
}

/// Where the reports come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSource {
    CommandLine,
    Config,
    LastSession,
    Samples,
}

/// Everything the TUI starts with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub theme: Theme,
    pub mouse: bool,
    pub format: Format,
    /// The widest the text is wrapped (columns; 0: the pane's width).
    pub text_width: u16,
    pub keymap: BTreeMap<String, Vec<KeyChord>>,
    /// The reports to open (empty with [`PathSource::Samples`]).
    pub paths: Vec<String>,
    pub source: PathSource,
    pub print_table: bool,
    pub passthrough: bool,
    pub max_size: u64,
    pub restore: Option<Position>,
    pub history: Vec<String>,
    /// Problems with the config and state files, each `file:line: message` where it has a line.
    pub problems: Vec<String>,
}

impl Settings {
    /// Resolve. `no_color` is the value of `NO_COLOR`; `exists` says whether a remembered path
    /// is still there.
    pub fn resolve(
        cli: CommandLine,
        no_color: Option<&std::ffi::OsStr>,
        (mut config, config_warnings): (Config, Vec<ConfigWarning>),
        (state, state_warning): (State, Option<StateWarning>),
        exists: impl Fn(&str) -> bool,
    ) -> Settings {
        config.apply_no_color(no_color);
        let mut problems: Vec<String> = config_warnings.iter().map(|w| w.to_string()).collect();
        if let Some(w) = state_warning {
            problems.push(w.to_string());
        }
        let (paths, source) = if !cli.paths.is_empty() {
            (absolute(&cli.paths), PathSource::CommandLine)
        } else if !config.paths.is_empty() {
            (config.paths.clone(), PathSource::Config)
        } else {
            let last: Vec<String> = state
                .last_reports
                .iter()
                .filter(|p| exists(p))
                .cloned()
                .collect();
            if last.is_empty() {
                (last, PathSource::Samples)
            } else {
                (last, PathSource::LastSession)
            }
        };
        Settings {
            theme: cli.theme.unwrap_or(config.theme),
            mouse: config.mouse && !cli.no_mouse,
            format: config.format,
            text_width: config.text_width,
            keymap: config.keymap,
            paths,
            source,
            print_table: cli.print_table,
            passthrough: cli.passthrough,
            max_size: cli.max_size,
            restore: state.selected,
            history: state.filter_history,
            problems,
        }
    }
}

/// PATH arguments made absolute, so the remembered session works from any directory (`-`,
/// standard input, stays as it is).
fn absolute(paths: &[String]) -> Vec<String> {
    paths
        .iter()
        .map(|p| match std::path::absolute(p) {
            Ok(a) if p != "-" => a.to_string_lossy().into_owned(),
            _ => p.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn config(text: &str) -> (Config, Vec<ConfigWarning>) {
        Config::from_json(text, Some(std::path::Path::new("/c/config.json")))
    }

    fn state(last: &[&str]) -> (State, Option<StateWarning>) {
        let s = State {
            last_reports: last.iter().map(|s| s.to_string()).collect(),
            filter_history: vec!["收入".into()],
            ..State::default()
        };
        (s, None)
    }

    #[test]
    fn later_sources_win_theme() {
        let c = || config(r#"{"theme": "light"}"#);
        let s = Settings::resolve(CommandLine::default(), None, c(), state(&[]), |_| true);
        assert_eq!(s.theme, Theme::Light);
        let s = Settings::resolve(
            CommandLine::default(),
            Some(OsStr::new("1")),
            c(),
            state(&[]),
            |_| true,
        );
        assert_eq!(s.theme, Theme::None, "NO_COLOR beats the config");
        let cli = CommandLine {
            theme: Some(Theme::Dark),
            ..CommandLine::default()
        };
        let s = Settings::resolve(cli, Some(OsStr::new("1")), c(), state(&[]), |_| true);
        assert_eq!(s.theme, Theme::Dark, "an explicit --theme beats NO_COLOR");
    }

    #[test]
    fn paths_come_from_the_command_line_then_config_then_last_session_then_samples() {
        let cli = CommandLine {
            paths: vec!["-".into()],
            ..CommandLine::default()
        };
        let with_paths = || config(r#"{"paths": ["/data/r"]}"#);
        let s = Settings::resolve(cli, None, with_paths(), state(&["/old"]), |_| true);
        assert_eq!(
            (s.paths, s.source),
            (vec!["-".to_string()], PathSource::CommandLine)
        );
        let s = Settings::resolve(
            CommandLine::default(),
            None,
            with_paths(),
            state(&["/old"]),
            |_| true,
        );
        assert_eq!(s.source, PathSource::Config);
        let s = Settings::resolve(
            CommandLine::default(),
            None,
            config("{}"),
            state(&["/old", "/gone"]),
            |p| p == "/old",
        );
        assert_eq!(
            (s.paths, s.source),
            (vec!["/old".to_string()], PathSource::LastSession)
        );
        let s = Settings::resolve(
            CommandLine::default(),
            None,
            config("{}"),
            state(&["/gone"]),
            |_| false,
        );
        assert_eq!(s.source, PathSource::Samples);
        assert_eq!(s.history, ["收入"]);
    }

    #[test]
    fn every_problem_is_listed_with_its_line() {
        let text = "{\n  \"theme\": \"blue\",\n  \"mouse\": 3,\n  \"colour\": 1\n}";
        let s = Settings::resolve(
            CommandLine::default(),
            None,
            config(text),
            state(&[]),
            |_| true,
        );
        assert_eq!(s.problems.len(), 3, "{:?}", s.problems);
        for (p, line) in s.problems.iter().zip([2, 3, 4]) {
            assert!(p.starts_with(&format!("/c/config.json:{line}:")), "{p}");
        }
        assert!(s.mouse, "a bad value keeps the default");
    }
}
