//! The user's config file, `dirs::config_dir()/baogao/config.json` (`$XDG_CONFIG_HOME` on Linux):
//!
//! ```json
//! {
//!   "theme": "dark",
//!   "mouse": true,
//!   "format": "tsv",
//!   "paths": ["~/reports"],
//!   "text_width": 100,
//!   "keymap": { "quit": ["q", "ctrl-c"], "half_page_down": ["ctrl-d"] }
//! }
//! ```
//!
//! Every field is optional. A config never stops the app: a syntax error, a wrong type, an
//! unknown field or a bad key string becomes a [`ConfigWarning`] naming the file, line and column,
//! and the affected part falls back to its default. Key strings are parsed here ([`parse_key`])
//! into terminal-independent [`KeyChord`]s, the one key type the TUI's keymap uses too; action
//! names belong to the TUI, which passes them in ([`Config::load_checked`]) so an unknown one is
//! reported with its line like any other problem.

use baogao_core::export::Format;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Colour theme. `none` draws without colours (also forced by `NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    None,
}

/// The effective configuration: defaults, overridden by the file, overridden by the environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub theme: Theme,
    /// Capture the mouse (click, wheel). Off leaves selection to the terminal.
    pub mouse: bool,
    /// Format of copies (`y`, `Y`), `p` and the export dialog's first choice.
    pub format: Format,
    /// Reports opened when no PATH is given (`~` expanded; relative paths are taken from the
    /// current directory, like PATH arguments).
    pub paths: Vec<String>,
    /// Key overrides: action name → the keys that replace its defaults.
    pub keymap: BTreeMap<String, Vec<KeyChord>>,
    /// The widest the report text is wrapped, in terminal columns (readable lines on a wide
    /// terminal); 0: the whole pane.
    pub text_width: u16,
}

/// The default [`Config::text_width`]: 50 Chinese characters a line.
pub const TEXT_WIDTH: u16 = 100;

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: Theme::Dark,
            mouse: true,
            format: Format::Tsv,
            paths: Vec::new(),
            keymap: BTreeMap::new(),
            text_width: TEXT_WIDTH,
        }
    }
}

/// The fields a config file may hold, in the order `--print-config` shows them.
pub const FIELDS: &[&str] = &["theme", "mouse", "format", "paths", "keymap", "text_width"];

/// Something wrong in the config file. The app goes on with defaults for the affected part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub path: Option<PathBuf>,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    /// `path:line:column: message`, like a compiler, so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "config")?,
        }
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Where the config file lives: `dirs::config_dir()/baogao/config.json`.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("baogao").join("config.json"))
}

/// The config-file name of a format: `tsv`, `csv`, `md`, `json`, `jsonl`.
pub fn format_name(format: Format) -> &'static str {
    format.name()
}

/// Parse a format name (`tsv`, `csv`, `md` or `markdown`, `json`, `jsonl`; any case).
pub fn parse_format(s: &str) -> Option<Format> {
    Format::parse(s)
}

impl Config {
    /// Load the config file from [`path()`] without looking at the environment; keymap entries
    /// naming an action not in `actions` are warnings (an empty list checks nothing).
    pub fn load_checked(actions: &[&str]) -> (Config, Vec<ConfigWarning>) {
        match path() {
            Some(p) => Config::load_from_checked(&p, actions),
            None => (Config::default(), Vec::new()),
        }
    }

    /// Load one config file, without looking at the environment.
    pub fn load_from(path: &Path) -> (Config, Vec<ConfigWarning>) {
        Config::load_from_checked(path, &[])
    }

    fn load_from_checked(path: &Path, actions: &[&str]) -> (Config, Vec<ConfigWarning>) {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::from_json_checked(&text, Some(path), actions),
                Err(_) => (
                    Config::default(),
                    vec![warning(
                        Some(path),
                        None,
                        "not UTF-8 text; using defaults".into(),
                    )],
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![warning(
                    Some(path),
                    None,
                    format!("cannot read: {e}; using defaults"),
                )],
            ),
        }
    }

    /// Build a config from JSON text; `path` only names the file in warnings.
    pub fn from_json(text: &str, path: Option<&Path>) -> (Config, Vec<ConfigWarning>) {
        Config::from_json_checked(text, path, &[])
    }

    /// [`Config::from_json`], also warning (with the line) about keymap entries whose action is
    /// not in `actions` (an empty list checks nothing).
    pub fn from_json_checked(
        text: &str,
        path: Option<&Path>,
        actions: &[&str],
    ) -> (Config, Vec<ConfigWarning>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let w = ConfigWarning {
                    path: path.map(Path::to_path_buf),
                    line: Some(e.line()),
                    column: Some(e.column()),
                    message: format!("invalid JSON: {}; using defaults", strip_position(&e)),
                };
                return (config, vec![w]);
            }
        };
        let Value::Object(fields) = value else {
            warnings.push(warning(
                path,
                Some((1, 1)),
                "the config must be a JSON object `{ ... }`; using defaults".into(),
            ));
            return (config, warnings);
        };
        for (key, value) in &fields {
            let mut field_warning = |key: &str, message: String| {
                warnings.push(warning(path, locate_key(text, key), message))
            };
            match key.as_str() {
                "theme" => match serde_json::from_value(value.clone()) {
                    Ok(t) => config.theme = t,
                    Err(e) => field_warning(key, format!("theme: {e}")),
                },
                "mouse" => match value {
                    Value::Bool(b) => config.mouse = *b,
                    _ => field_warning(key, format!("mouse: expected true or false, found {}", kind(value))),
                },
                "format" => match value.as_str().and_then(parse_format) {
                    Some(f) => config.format = f,
                    None => field_warning(
                        key,
                        format!("format: expected one of \"tsv\", \"csv\", \"md\", \"json\", \"jsonl\", found {value}"),
                    ),
                },
                "paths" => match serde_json::from_value::<Vec<String>>(value.clone()) {
                    Ok(p) => config.paths = p.iter().map(|p| expand_tilde(p)).collect(),
                    Err(_) => {
                        let found = match value {
                            Value::Array(_) => "a list holding something other than strings",
                            other => kind(other),
                        };
                        field_warning(key, format!("paths: expected a list of strings, found {found}"))
                    }
                },
                "text_width" => match value.as_u64() {
                    Some(n) if n == 0 || (20..=1000).contains(&n) => config.text_width = n as u16,
                    _ => field_warning(
                        key,
                        format!("text_width: expected 0 (no limit) or a number of columns from 20 to 1000, found {value}"),
                    ),
                },
                "keymap" => match value {
                    Value::Object(map) => {
                        let mut key_warnings = Vec::new();
                        config.keymap = keymap(map, text, path, actions, &mut key_warnings);
                        warnings.extend(key_warnings);
                    }
                    _ => field_warning(
                        key,
                        format!("keymap: expected an object {{\"action\": [\"key\", ...]}}, found {}", kind(value)),
                    ),
                },
                _ => field_warning(
                    key,
                    format!("unknown field `{key}` ignored (known: {})", FIELDS.join(", ")),
                ),
            }
        }
        // serde_json's map is sorted by key; report in the order of the file.
        warnings.sort_by_key(|w| (w.line.unwrap_or(usize::MAX), w.column.unwrap_or(0)));
        (config, warnings)
    }

    /// `NO_COLOR` set to anything but the empty string forces the `none` theme.
    pub fn apply_no_color(&mut self, no_color: Option<&std::ffi::OsStr>) {
        if no_color.is_some_and(|v| !v.is_empty()) {
            self.theme = Theme::None;
        }
    }

    /// The effective config as pretty JSON, in the file's own shape (for `--print-config`).
    pub fn effective_json(&self) -> String {
        let mut m = Map::new();
        m.insert(
            "theme".into(),
            serde_json::to_value(self.theme).unwrap_or(Value::Null),
        );
        m.insert("mouse".into(), Value::Bool(self.mouse));
        m.insert(
            "format".into(),
            Value::String(format_name(self.format).into()),
        );
        m.insert("paths".into(), Value::from(self.paths.clone()));
        let keys: Map<String, Value> = self
            .keymap
            .iter()
            .map(|(a, ks)| {
                (
                    a.clone(),
                    Value::from(ks.iter().map(|k| k.to_string()).collect::<Vec<_>>()),
                )
            })
            .collect();
        m.insert("keymap".into(), Value::Object(keys));
        m.insert("text_width".into(), Value::from(self.text_width));
        serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default()
    }
}

/// Parse the keymap object; bad entries become warnings and are left out.
fn keymap(
    map: &Map<String, Value>,
    text: &str,
    path: Option<&Path>,
    actions: &[&str],
    warnings: &mut Vec<ConfigWarning>,
) -> BTreeMap<String, Vec<KeyChord>> {
    let mut out = BTreeMap::new();
    for (action, keys) in map {
        if !actions.is_empty() && !actions.contains(&action.as_str()) {
            warnings.push(warning(
                path,
                locate_key(text, action),
                format!("keymap: unknown action `{action}` ignored (the ? help names them)"),
            ));
            continue;
        }
        let strings: Vec<&str> = match keys {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) if items.iter().all(Value::is_string) => {
                items.iter().filter_map(Value::as_str).collect()
            }
            _ => {
                warnings.push(warning(
                    path,
                    locate_key(text, action),
                    format!(
                        "keymap.{action}: expected a list of key strings, found {}",
                        kind(keys)
                    ),
                ));
                continue;
            }
        };
        let mut chords = Vec::new();
        for s in strings {
            match parse_key(s) {
                Ok(k) => chords.push(k),
                Err(e) => warnings.push(warning(
                    path,
                    locate_string(text, s),
                    format!("keymap.{action}: {e}"),
                )),
            }
        }
        if !chords.is_empty() {
            out.insert(action.clone(), chords);
        }
    }
    out
}

fn warning(path: Option<&Path>, at: Option<(usize, usize)>, message: String) -> ConfigWarning {
    ConfigWarning {
        path: path.map(Path::to_path_buf),
        line: at.map(|a| a.0),
        column: at.map(|a| a.1),
        message,
    }
}

/// serde_json's message without its ` at line L column C` tail (we report those separately).
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// 1-based (line, column) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where `"key":` first appears (good enough to point at a field).
fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let quoted = serde_json::to_string(key).ok()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let at = from + i;
        let after = text[at + quoted.len()..].trim_start();
        if after.starts_with(':') {
            return Some(line_col(text, at));
        }
        from = at + quoted.len();
    }
    None
}

/// Where the string value `"s"` first appears.
fn locate_string(text: &str, s: &str) -> Option<(usize, usize)> {
    let quoted = serde_json::to_string(s).ok()?;
    text.find(&quoted).map(|i| line_col(text, i))
}

fn expand_tilde(p: &str) -> String {
    if p == "~" || p.starts_with("~/") {
        if let Some(home) = dirs::home_dir() {
            return format!("{}{}", home.display(), &p[1..]);
        }
    }
    p.to_string()
}

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character as typed: `j`, `G`, `?`, `/`.
    Char(char),
    /// `f1` … `f24`.
    F(u8),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    Space,
}

/// A key with modifiers, independent of any terminal library (the TUI maps it to its events).
///
/// For characters, shift is part of the character: `shift-g` parses as `G` with `shift: false`,
/// as terminals report it. `shift-tab` is `Tab` with `shift: true` (crossterm's `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeyChord {
    pub fn plain(key: Key) -> Self {
        KeyChord {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }
}

/// Why a key string is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyParseError {
    #[error("empty key string")]
    Empty,
    #[error("`{0}` has modifiers but no key")]
    MissingKey(String),
    #[error("unknown key `{0}` (try `j`, `ctrl-d`, `shift-tab`, `f5`, `pagedown`, `enter`)")]
    Unknown(String),
}

const NAMED: &[(&str, Key)] = &[
    ("enter", Key::Enter),
    ("return", Key::Enter),
    ("esc", Key::Esc),
    ("escape", Key::Esc),
    ("tab", Key::Tab),
    ("backspace", Key::Backspace),
    ("bs", Key::Backspace),
    ("delete", Key::Delete),
    ("del", Key::Delete),
    ("insert", Key::Insert),
    ("ins", Key::Insert),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pgup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("pgdn", Key::PageDown),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("space", Key::Space),
];

/// Parse a key string: modifiers `ctrl-` (`c-`, `control-`), `alt-` (`a-`, `m-`, `meta-`),
/// `shift-` (`s-`), joined with `-` or `+`, then a single character or a key name (`enter`,
/// `esc`, `tab`, `backtab`, `backspace`, `delete`, `insert`, `home`, `end`, `pageup`,
/// `pagedown`, `up`, `down`, `left`, `right`, `space`, `f1`…`f24`). Names and modifiers ignore
/// case; a single character keeps it (`G` is not `g`).
pub fn parse_key(s: &str) -> Result<KeyChord, KeyParseError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(KeyParseError::Empty);
    }
    let mut chord = KeyChord::plain(Key::Space);
    let mut rest = s;
    // Strip modifiers while what is left is longer than one character (`-` alone is a key).
    loop {
        if rest.chars().count() <= 1 {
            break;
        }
        let Some(sep) = rest.find(['-', '+']) else {
            break;
        };
        if sep == 0 {
            break;
        }
        match rest[..sep].to_ascii_lowercase().as_str() {
            "ctrl" | "c" | "control" => chord.ctrl = true,
            "alt" | "a" | "m" | "meta" | "option" => chord.alt = true,
            "shift" | "s" => chord.shift = true,
            _ => break,
        }
        rest = &rest[sep + 1..];
        if rest.is_empty() {
            return Err(KeyParseError::MissingKey(s.to_string()));
        }
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Other blanks and control characters are not keys one can name this way.
        if c != ' ' && (c.is_whitespace() || c.is_control()) {
            return Err(KeyParseError::Unknown(s.to_string()));
        }
        // Ctrl-letters reach the app in either case, so `ctrl-D` is `ctrl-d`.
        let c = if chord.ctrl {
            c.to_ascii_lowercase()
        } else {
            c
        };
        chord.key = if c == ' ' { Key::Space } else { Key::Char(c) };
        if chord.shift && c.is_alphabetic() {
            // `shift-g` is `G`, as the terminal reports it (with ctrl, case is lost).
            if !chord.ctrl {
                chord.key = Key::Char(c.to_uppercase().next().unwrap_or(c));
            }
            chord.shift = false;
        }
        return Ok(chord);
    }
    let lower = rest.to_ascii_lowercase();
    if lower == "backtab" {
        chord.key = Key::Tab;
        chord.shift = true;
        return Ok(chord);
    }
    if let Some(&(_, key)) = NAMED.iter().find(|(n, _)| *n == lower) {
        chord.key = key;
        return Ok(chord);
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|d| d.parse::<u8>().ok()) {
        if (1..=24).contains(&n) {
            chord.key = Key::F(n);
            return Ok(chord);
        }
    }
    Err(KeyParseError::Unknown(s.to_string()))
}

impl fmt::Display for KeyChord {
    /// The canonical key string, which [`parse_key`] reads back: `ctrl-alt-shift-pagedown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.key {
            Key::Char(c) => write!(f, "{c}"),
            Key::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == other)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_for<'a>(c: &'a Config, action: &str) -> Option<&'a [KeyChord]> {
        c.keymap.get(action).map(Vec::as_slice)
    }

    fn chord(key: Key, ctrl: bool, alt: bool, shift: bool) -> KeyChord {
        KeyChord {
            key,
            ctrl,
            alt,
            shift,
        }
    }

    #[test]
    fn parses_key_strings() {
        assert_eq!(parse_key("j"), Ok(KeyChord::plain(Key::Char('j'))));
        assert_eq!(parse_key("G"), Ok(KeyChord::plain(Key::Char('G'))));
        assert_eq!(parse_key("shift-g"), Ok(KeyChord::plain(Key::Char('G'))));
        assert_eq!(
            parse_key("ctrl-d"),
            Ok(chord(Key::Char('d'), true, false, false))
        );
        // Terminals report Ctrl-letters in either case: one key.
        assert_eq!(
            parse_key("Ctrl+D"),
            Ok(chord(Key::Char('d'), true, false, false))
        );
        assert_eq!(
            parse_key("shift-tab"),
            Ok(chord(Key::Tab, false, false, true))
        );
        assert_eq!(parse_key("backtab"), parse_key("shift-tab"));
        assert_eq!(parse_key("f5"), Ok(KeyChord::plain(Key::F(5))));
        assert_eq!(
            parse_key("alt-pagedown"),
            Ok(chord(Key::PageDown, false, true, false))
        );
        assert_eq!(parse_key("-"), Ok(KeyChord::plain(Key::Char('-'))));
        assert_eq!(
            parse_key("ctrl--"),
            Ok(chord(Key::Char('-'), true, false, false))
        );
        assert_eq!(parse_key("?"), Ok(KeyChord::plain(Key::Char('?'))));
        assert_eq!(parse_key("ESC"), Ok(KeyChord::plain(Key::Esc)));
        // A wide character is a key like any other (an IME-free layout may send it).
        assert_eq!(parse_key("。"), Ok(KeyChord::plain(Key::Char('。'))));
    }

    #[test]
    fn rejects_bad_key_strings() {
        assert_eq!(parse_key(""), Err(KeyParseError::Empty));
        assert_eq!(
            parse_key("ctrl-"),
            Err(KeyParseError::MissingKey("ctrl-".into()))
        );
        assert!(matches!(parse_key("f25"), Err(KeyParseError::Unknown(_))));
        assert!(matches!(
            parse_key("hyper-x"),
            Err(KeyParseError::Unknown(_))
        ));
        assert!(matches!(
            parse_key("pagedwn"),
            Err(KeyParseError::Unknown(_))
        ));
    }

    proptest::proptest! {
        #[test]
        fn any_key_string_parses_or_errs_and_round_trips(s in "(ctrl|alt|shift|c|m|s)?[-+]?(\\PC|f[0-9]{1,2}|[a-z]{2,9})") {
            if let Ok(k) = parse_key(&s) {
                proptest::prop_assert_eq!(parse_key(&k.to_string()), Ok(k));
            }
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,12}") {
            let _ = parse_key(&s);
        }
    }

    #[test]
    fn key_strings_round_trip() {
        for s in [
            "j",
            "G",
            "ctrl-d",
            "shift-tab",
            "f12",
            "ctrl-alt-shift-pagedown",
            "space",
            "enter",
        ] {
            let k = parse_key(s).unwrap();
            assert_eq!(k.to_string(), s);
            assert_eq!(parse_key(&k.to_string()), Ok(k));
        }
    }

    #[test]
    fn reads_every_field() {
        let text = r#"{"theme": "light", "mouse": false, "format": "md",
            "paths": ["/data/报告", "~/reports"], "keymap": {"quit": ["x", "ctrl-q"], "help": "f1"},
            "text_width": 0}"#;
        let (c, w) = Config::from_json(text, None);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.theme, Theme::Light);
        assert!(!c.mouse);
        assert_eq!(c.format, Format::Markdown);
        assert_eq!(c.text_width, 0);
        assert_eq!(Config::from_json(r#"{"text_width": 5}"#, None).1.len(), 1);
        assert_eq!(
            Config::from_json(r#"{"text_width": 5}"#, None).0.text_width,
            TEXT_WIDTH
        );
        assert_eq!(c.paths[0], "/data/报告");
        assert!(!c.paths[1].starts_with('~') || dirs::home_dir().is_none());
        assert_eq!(
            keys_for(&c, "quit"),
            Some(
                &[
                    KeyChord::plain(Key::Char('x')),
                    chord(Key::Char('q'), true, false, false)
                ][..]
            )
        );
        assert_eq!(
            keys_for(&c, "help"),
            Some(&[KeyChord::plain(Key::F(1))][..])
        );
        assert_eq!(keys_for(&c, "copy_table"), None);
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let text = "{\n  \"theme\": \"dark\",\n  \"mouse\": yes\n}\n";
        let (c, w) = Config::from_json(text, Some(Path::new("/cfg/baogao/config.json")));
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].line, w[0].column), (Some(3), Some(12)));
        let shown = w[0].to_string();
        assert!(shown.starts_with("/cfg/baogao/config.json:3:"), "{shown}");
        assert!(shown.contains("invalid JSON"), "{shown}");
    }

    #[test]
    fn wrong_types_and_unknown_fields_warn_and_keep_the_rest() {
        let text = "{\n  \"theme\": \"blue\",\n  \"mouse\": \"yes\",\n  \"format\": \"xlsx\",\n  \"paths\": \"a.txt\",\n  \"colour\": 1,\n  \"keymap\": {\"quit\": [\"q\", \"ctrl-\"], \"help\": 3}\n}";
        let (c, w) = Config::from_json(text, Some(Path::new("c.json")));
        let shown: Vec<String> = w.iter().map(|w| w.to_string()).collect();
        let has = |prefix: &str, word: &str| {
            shown
                .iter()
                .any(|s| s.starts_with(prefix) && s.contains(word))
        };
        assert!(has("c.json:2:3: theme", "blue"), "{shown:#?}");
        assert!(has("c.json:3:3: mouse", "a string"), "{shown:#?}");
        assert!(has("c.json:4:3: format", "xlsx"), "{shown:#?}");
        assert!(has("c.json:5:3: paths", "list of strings"), "{shown:#?}");
        assert!(
            has("c.json:6:3: unknown field `colour`", "theme"),
            "{shown:#?}"
        );
        assert!(has("c.json:7:", "keymap.quit"), "{shown:#?}");
        assert!(has("c.json:7:", "keymap.help"), "{shown:#?}");
        assert_eq!(w.len(), 7);
        let lines: Vec<_> = w.iter().map(|w| w.line.unwrap()).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7, 7], "in file order");
        // The good parts survive.
        assert_eq!(c.theme, Theme::Dark);
        assert!(c.mouse);
        assert_eq!(
            keys_for(&c, "quit"),
            Some(&[KeyChord::plain(Key::Char('q'))][..])
        );
        assert_eq!(keys_for(&c, "help"), None);
    }

    #[test]
    fn not_an_object_falls_back_to_defaults() {
        let (c, w) = Config::from_json("[1, 2]", None);
        assert_eq!(c, Config::default());
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("JSON object"));
    }

    #[test]
    fn no_color_forces_the_plain_theme() {
        let (mut c, _) = Config::from_json(r#"{"theme": "light"}"#, None);
        c.apply_no_color(Some(std::ffi::OsStr::new("")));
        assert_eq!(c.theme, Theme::Light);
        c.apply_no_color(None);
        assert_eq!(c.theme, Theme::Light);
        c.apply_no_color(Some(std::ffi::OsStr::new("1")));
        assert_eq!(c.theme, Theme::None);
    }

    #[test]
    fn unknown_actions_are_reported_by_the_hook() {
        let text = "{\"keymap\": {\n  \"quit\": [\"x\"],\n  \"fly\": [\"f\"]}}";
        let (c, w) = Config::from_json_checked(text, Some(Path::new("c.json")), &["quit", "help"]);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("`fly`"));
        assert_eq!(w[0].to_string().split(": ").next(), Some("c.json:3:3"));
        assert!(c.keymap.contains_key("quit") && !c.keymap.contains_key("fly"));
    }

    #[test]
    fn effective_json_reads_back_to_the_same_config() {
        let text = r#"{"theme": "none", "mouse": false, "format": "csv", "paths": ["/r"], "text_width": 72,
            "keymap": {"quit": ["shift-g", "ctrl-alt-f3"]}}"#;
        let (c, _) = Config::from_json(text, None);
        let shown = c.effective_json();
        let (again, w) = Config::from_json(&shown, None);
        assert!(w.is_empty());
        assert_eq!(again, c);
        let v: Value = serde_json::from_str(&shown).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, FIELDS);
        assert_eq!(v["keymap"]["quit"][0], "G");
    }

    #[test]
    fn missing_file_is_silent_and_unreadable_file_warns() {
        let dir = tempfile::tempdir().unwrap();
        let (c, w) = Config::load_from(&dir.path().join("config.json"));
        assert_eq!(c, Config::default());
        assert!(w.is_empty());
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, b"{\"theme\": \"\xff\"}").unwrap();
        let (_, w) = Config::load_from(&bad);
        assert_eq!(w.len(), 1);
        assert!(w[0].to_string().contains("bad.json"));
    }
}
