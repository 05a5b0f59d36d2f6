//! The one keymap table: key → action per context. The help overlay and the status-bar hints
//! are generated from it, so they never drift from the keys. Config overrides replace the keys
//! of an action by its snake_case name.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

/// Everything a key can ask for. The snake_case names are the config file's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    NextPane,
    PrevPane,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Collapse,
    Expand,
    Open,
    FocusFilter,
    NextMatch,
    PrevMatch,
    ToggleIndicators,
    ToggleFigures,
    ToggleZoom,
    CopyTable,
    CopyRow,
    CopyParagraph,
    ToggleScope,
    /// Under a filter over all reports: the reports without a match listed last / hidden.
    ToggleUnmatched,
    /// The keywords popup.
    ShowKeywords,
    ToggleWords,
    SortNext,
    SortReverse,
    Help,
    FilterAccept,
    FilterClear,
    HistoryPrev,
    HistoryNext,
    Export,
    ToggleMouse,
    PrintTable,
    ShowErrors,
    Close,
    ToggleSection,
    Confirm,
    NextFormat,
    PrevFormat,
    /// Outside the input: drop a kept filter.
    ClearFilter,
    CopySection,
    /// Show the current paragraph (or section) in `$PAGER`.
    Pager,
    /// The `:` prompt.
    JumpToSection,
    /// The Compare view: targets and results of all reports, place × year.
    OpenCompare,
    NextIndicator,
    PrevIndicator,
    NextMeasure,
    NextResultKind,
    CellLeft,
    CellRight,
    // Editing a one-line input (the filter, the export file name).
    CursorLeft,
    CursorRight,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    DeleteToStart,
    DeleteToEnd,
    Undo,
    Redo,
}

impl Action {
    /// Every action name, as in the help and the config file.
    pub fn names() -> Vec<String> {
        let mut v: Vec<String> = DEFAULT.iter().map(|r| r.action.name()).collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    }

    /// The config-file name of the action (`copy_table`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    /// Parse a config-file action name.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

/// Where a binding applies. `Global` keys work in every pane (not in the filter input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Reports,
    Outline,
    Text,
    Indicators,
    Filter,
    /// Editing keys of both one-line inputs (the filter, the export file name).
    Input,
    Popup,
    Dialog,
    /// The `:` prompt.
    Jump,
    /// The Compare view (`t`).
    Compare,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Reports => "Reports",
            Context::Outline => "Outline",
            Context::Text => "Text",
            Context::Indicators => "Indicators",
            Context::Filter => "Filter input",
            Context::Input => "Editing the filter or a file name (other typed keys insert)",
            Context::Popup => "Help and lists",
            Context::Dialog => "Export dialog",
            Context::Jump => "Jump to a section (:)",
            Context::Compare => "Compare view (t): targets and results, place × year",
        }
    }
}

/// The one key type is the config file's [`KeyChord`]: the default table below, the config's
/// overrides and the terminal's events all become one, so they compare equal.
pub use crate::config::KeyChord as Key;

/// A terminal key event as a [`Key`] (a typed `G` carries no shift; Shift-Tab is shifted Tab;
/// Ctrl-letters in either case are one key). `None` for keys the table cannot name.
pub fn from_event(ev: KeyEvent) -> Option<Key> {
    use crate::config::Key as K;
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let mut shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    let key = match ev.code {
        KeyCode::Char(' ') => {
            shift = false;
            K::Space
        }
        KeyCode::Char(c) => {
            shift = false;
            K::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        }
        KeyCode::BackTab => {
            shift = true;
            K::Tab
        }
        KeyCode::Tab => K::Tab,
        KeyCode::Enter => K::Enter,
        KeyCode::Esc => K::Esc,
        KeyCode::Backspace => K::Backspace,
        KeyCode::Delete => K::Delete,
        KeyCode::Insert => K::Insert,
        KeyCode::Home => K::Home,
        KeyCode::End => K::End,
        KeyCode::PageUp => K::PageUp,
        KeyCode::PageDown => K::PageDown,
        KeyCode::Up => K::Up,
        KeyCode::Down => K::Down,
        KeyCode::Left => K::Left,
        KeyCode::Right => K::Right,
        KeyCode::F(n) => K::F(n),
        _ => return None,
    };
    Some(Key {
        key,
        ctrl,
        alt,
        shift,
    })
}

/// A key as the help and the status bar show it: `Ctrl-d`, `↓`, `PgDn`, `Shift-Tab`.
pub fn label(k: &Key) -> String {
    use crate::config::Key as K;
    let mut s = String::new();
    if k.ctrl {
        s.push_str("Ctrl-");
    }
    if k.alt {
        s.push_str("Alt-");
    }
    if k.shift {
        s.push_str("Shift-");
    }
    match k.key {
        K::Space => s.push_str("Space"),
        K::Char(c) => s.push(c),
        K::Enter => s.push_str("Enter"),
        K::Esc => s.push_str("Esc"),
        K::Tab => s.push_str("Tab"),
        K::Up => s.push('↑'),
        K::Down => s.push('↓'),
        K::Left => s.push('←'),
        K::Right => s.push('→'),
        K::PageUp => s.push_str("PgUp"),
        K::PageDown => s.push_str("PgDn"),
        K::Home => s.push_str("Home"),
        K::End => s.push_str("End"),
        K::Backspace => s.push_str("Backspace"),
        K::Delete => s.push_str("Del"),
        K::Insert => s.push_str("Ins"),
        K::F(n) => s.push_str(&format!("F{n}")),
    }
    s
}

/// One row of the default table: keys, action, context, description, and the short status-bar
/// hint (if the action earns a place there).
pub struct Row {
    pub keys: &'static [&'static str],
    pub action: Action,
    pub context: Context,
    pub description: &'static str,
    pub hint: Option<&'static str>,
}

use Action as A;
use Context as C;

const fn row(
    keys: &'static [&'static str],
    action: Action,
    context: Context,
    description: &'static str,
    hint: Option<&'static str>,
) -> Row {
    Row {
        keys,
        action,
        context,
        description,
        hint,
    }
}

/// THE keymap. Order is the order of help and hints.
pub const DEFAULT: &[Row] = &[
    row(&["q", "ctrl-c"], A::Quit, C::Global, "quit", Some("quit")),
    row(&["tab"], A::NextPane, C::Global, "next pane", Some("pane")),
    row(
        &["shift-tab"],
        A::PrevPane,
        C::Global,
        "previous pane",
        None,
    ),
    row(&["j", "down"], A::Down, C::Global, "move down", None),
    row(&["k", "up"], A::Up, C::Global, "move up", None),
    row(&["g", "home"], A::Top, C::Global, "go to the top", None),
    row(
        &["G", "end"],
        A::Bottom,
        C::Global,
        "go to the bottom",
        None,
    ),
    row(&["pgdn"], A::PageDown, C::Global, "page down", None),
    row(&["pgup"], A::PageUp, C::Global, "page up", None),
    row(
        &["ctrl-d"],
        A::HalfPageDown,
        C::Global,
        "half a page down",
        None,
    ),
    row(
        &["ctrl-u"],
        A::HalfPageUp,
        C::Global,
        "half a page up",
        None,
    ),
    row(
        &["/"],
        A::FocusFilter,
        C::Global,
        "filter (type to narrow, live)",
        Some("filter"),
    ),
    row(&["n"], A::NextMatch, C::Global, "next match", None),
    row(&["N"], A::PrevMatch, C::Global, "previous match", None),
    row(
        &["a"],
        A::ToggleScope,
        C::Global,
        "filter scope: this report / all reports",
        None,
    ),
    row(
        &["H"],
        A::ToggleUnmatched,
        C::Global,
        "reports without a match: listed last / hidden",
        None,
    ),
    row(
        &["K"],
        A::ShowKeywords,
        C::Global,
        "keywords of the report (outline: of the section)",
        None,
    ),
    row(
        &["w"],
        A::ToggleWords,
        C::Global,
        "word mode (jieba words) on/off",
        None,
    ),
    row(
        &["i"],
        A::ToggleIndicators,
        C::Global,
        "show/hide the indicator table",
        Some("indicators"),
    ),
    row(
        &["A"],
        A::ToggleFigures,
        C::Global,
        "indicator table: core indicators / every figure",
        None,
    ),
    row(
        &["z"],
        A::ToggleZoom,
        C::Global,
        "indicator table full screen (zoom) on/off",
        None,
    ),
    row(
        &["y"],
        A::CopyTable,
        C::Global,
        "copy the table: all columns, header, config format",
        Some("copy table"),
    ),
    row(
        &["Y"],
        A::CopyRow,
        C::Global,
        "copy the selected row as y would, without the header",
        None,
    ),
    row(
        &["c"],
        A::CopyParagraph,
        C::Global,
        "copy the current paragraph",
        None,
    ),
    row(
        &["C"],
        A::CopySection,
        C::Global,
        "copy the whole section (the outline's row, else the paragraph's)",
        None,
    ),
    row(
        &["v"],
        A::Pager,
        C::Global,
        "show the paragraph (the section with o) in $PAGER",
        None,
    ),
    row(
        &[":"],
        A::JumpToSection,
        C::Global,
        "jump to a section by its number: 三, 3 or 3.2",
        None,
    ),
    row(
        &["e"],
        A::Export,
        C::Global,
        "export the indicator table to a file",
        None,
    ),
    row(
        &["m"],
        A::ToggleMouse,
        C::Global,
        "mouse capture on/off (off: terminal selection works)",
        None,
    ),
    row(
        &["p"],
        A::PrintTable,
        C::Global,
        "quit and print the table on stdout (as y copies it)",
        None,
    ),
    row(
        &["!"],
        A::ShowErrors,
        C::Global,
        "show files that failed to load",
        None,
    ),
    row(
        &["esc"],
        A::ClearFilter,
        C::Global,
        "clear a kept filter",
        None,
    ),
    row(
        &["?", "f1"],
        A::Help,
        C::Global,
        "help (this screen)",
        Some("help"),
    ),
    row(&["enter"], A::Open, C::Reports, "open the report", None),
    row(
        &["h", "left"],
        A::Collapse,
        C::Outline,
        "collapse section",
        None,
    ),
    row(
        &["l", "right"],
        A::Expand,
        C::Outline,
        "expand section",
        None,
    ),
    row(
        &["enter"],
        A::Open,
        C::Outline,
        "show the section in the text",
        None,
    ),
    row(
        &["enter"],
        A::Open,
        C::Text,
        "matches only / whole report (while filtering)",
        Some("context"),
    ),
    row(
        &["enter"],
        A::Open,
        C::Indicators,
        "jump to the indicator's paragraph",
        Some("jump"),
    ),
    row(
        &["s"],
        A::SortNext,
        C::Indicators,
        "sort by the next column",
        Some("sort"),
    ),
    row(
        &["S"],
        A::SortReverse,
        C::Indicators,
        "reverse the sort order",
        None,
    ),
    row(
        &["enter"],
        A::FilterAccept,
        C::Filter,
        "keep the filter, leave the input",
        Some("keep"),
    ),
    row(
        &["esc"],
        A::FilterClear,
        C::Filter,
        "clear the filter, leave the input",
        Some("clear"),
    ),
    row(
        &["up"],
        A::HistoryPrev,
        C::Filter,
        "previous filter from history",
        Some("history"),
    ),
    row(
        &["down"],
        A::HistoryNext,
        C::Filter,
        "next filter from history",
        None,
    ),
    row(
        &["alt-a", "f3"],
        A::ToggleScope,
        C::Filter,
        "scope: this report / all reports",
        Some("scope"),
    ),
    row(
        &["alt-w", "f2"],
        A::ToggleWords,
        C::Filter,
        "word mode on/off",
        Some("words"),
    ),
    row(&["ctrl-c"], A::Quit, C::Filter, "quit", None),
    row(
        &["left", "ctrl-b"],
        A::CursorLeft,
        C::Input,
        "caret left",
        None,
    ),
    row(
        &["right", "ctrl-f"],
        A::CursorRight,
        C::Input,
        "caret right",
        None,
    ),
    row(
        &["alt-b", "ctrl-left"],
        A::WordLeft,
        C::Input,
        "word left",
        None,
    ),
    row(
        &["alt-f", "ctrl-right"],
        A::WordRight,
        C::Input,
        "word right",
        None,
    ),
    row(
        &["home", "ctrl-a"],
        A::LineStart,
        C::Input,
        "to the start",
        None,
    ),
    row(&["end", "ctrl-e"], A::LineEnd, C::Input, "to the end", None),
    row(
        &["backspace", "ctrl-h"],
        A::DeleteBack,
        C::Input,
        "delete before the caret",
        None,
    ),
    row(
        &["delete", "ctrl-d"],
        A::DeleteForward,
        C::Input,
        "delete at the caret",
        None,
    ),
    row(
        &["ctrl-w", "alt-backspace"],
        A::DeleteWordBack,
        C::Input,
        "delete the word before",
        None,
    ),
    row(
        &["alt-d"],
        A::DeleteWordForward,
        C::Input,
        "delete the word after",
        None,
    ),
    row(
        &["ctrl-u"],
        A::DeleteToStart,
        C::Input,
        "delete to the start",
        None,
    ),
    row(
        &["ctrl-k"],
        A::DeleteToEnd,
        C::Input,
        "delete to the end",
        None,
    ),
    row(&["ctrl-z"], A::Undo, C::Input, "undo", None),
    row(&["ctrl-r"], A::Redo, C::Input, "redo", None),
    row(
        &["j", "down"],
        A::Down,
        C::Popup,
        "scroll down",
        Some("scroll"),
    ),
    row(&["k", "up"], A::Up, C::Popup, "scroll up", None),
    row(&["pgdn", "space"], A::PageDown, C::Popup, "page down", None),
    row(&["pgup"], A::PageUp, C::Popup, "page up", None),
    row(
        &["ctrl-d"],
        A::HalfPageDown,
        C::Popup,
        "half a page down",
        None,
    ),
    row(&["ctrl-u"], A::HalfPageUp, C::Popup, "half a page up", None),
    row(&["g", "home"], A::Top, C::Popup, "to the top", None),
    row(&["G", "end"], A::Bottom, C::Popup, "to the end", None),
    row(
        &["esc", "q", "?"],
        A::Close,
        C::Popup,
        "close",
        Some("close"),
    ),
    row(&["ctrl-c"], A::Quit, C::Popup, "quit", None),
    row(
        &["o"],
        A::ToggleSection,
        C::Global,
        "text: the outline's section only / the whole report",
        None,
    ),
    row(
        &["enter"],
        A::Confirm,
        C::Dialog,
        "write the file",
        Some("write"),
    ),
    row(
        &["tab"],
        A::NextFormat,
        C::Dialog,
        "next format",
        Some("format"),
    ),
    row(
        &["shift-tab"],
        A::PrevFormat,
        C::Dialog,
        "previous format",
        None,
    ),
    row(&["esc"], A::Close, C::Dialog, "cancel", Some("cancel")),
    row(&["ctrl-c"], A::Quit, C::Dialog, "quit", None),
    row(
        &["enter"],
        A::Confirm,
        C::Jump,
        "go to the section",
        Some("go"),
    ),
    row(&["esc"], A::Close, C::Jump, "cancel", Some("cancel")),
    row(&["ctrl-c"], A::Quit, C::Jump, "quit", None),
    row(
        &["t"],
        A::OpenCompare,
        C::Global,
        "compare view: targets vs results of all reports",
        Some("compare"),
    ),
    row(
        &["enter"],
        A::Open,
        C::Compare,
        "jump to the selected figure in its report",
        Some("jump"),
    ),
    row(
        &["h", "left"],
        A::CellLeft,
        C::Compare,
        "previous figure (a year's target, then its result)",
        None,
    ),
    row(
        &["l", "right"],
        A::CellRight,
        C::Compare,
        "next figure",
        Some("figure"),
    ),
    row(
        &["]", "tab"],
        A::NextIndicator,
        C::Compare,
        "next indicator",
        Some("indicator"),
    ),
    row(
        &["[", "shift-tab"],
        A::PrevIndicator,
        C::Compare,
        "previous indicator",
        None,
    ),
    row(
        &["m"],
        A::NextMeasure,
        C::Compare,
        "measure: growth / level",
        Some("measure"),
    ),
    row(
        &["r"],
        A::NextResultKind,
        C::Compare,
        "results: actual else estimate / actual only / estimates only",
        Some("results"),
    ),
    row(&["esc", "q"], A::Close, C::Compare, "back", Some("back")),
];

/// A context's help: its title and (keys, description, action name) rows.
pub type HelpSection = (&'static str, Vec<(String, &'static str, String)>);

/// The effective keymap: the default table with overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub context: Context,
    pub description: &'static str,
    pub hint: Option<&'static str>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULT
                .iter()
                .map(|r| Binding {
                    keys: r
                        .keys
                        .iter()
                        .filter_map(|k| crate::config::parse_key(k).ok())
                        .collect(),
                    action: r.action,
                    context: r.context,
                    description: r.description,
                    hint: r.hint,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Apply overrides from the config file (keys already parsed there).
    pub fn with_chords(
        overrides: &std::collections::BTreeMap<String, Vec<crate::config::KeyChord>>,
    ) -> (Keymap, Vec<String>) {
        Keymap::with_keys(overrides)
    }

    fn with_keys(
        overrides: &std::collections::BTreeMap<String, Vec<Key>>,
    ) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                problems.push(format!(
                    "keymap: unknown action `{name}` ignored (see `?` for names)"
                ));
                continue;
            };
            let keys = keys.clone();
            // A key now given to this action leaves the actions that had it.
            for b in &mut map.bindings {
                if b.action != action
                    && !matches!(
                        b.context,
                        C::Filter | C::Input | C::Popup | C::Dialog | C::Jump
                    )
                {
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
            // Keys typed into the filter input stay out of reach of pane overrides.
            let in_panes = map.bindings.iter().any(|b| {
                b.action == action
                    && !matches!(
                        b.context,
                        C::Filter | C::Input | C::Popup | C::Dialog | C::Jump
                    )
            });
            for b in map.bindings.iter_mut().filter(|b| b.action == action) {
                if !in_panes
                    || !matches!(
                        b.context,
                        C::Filter | C::Input | C::Popup | C::Dialog | C::Jump
                    )
                {
                    b.keys = keys.clone();
                }
            }
        }
        (map, problems)
    }

    /// The action for a key in a context: the context's own bindings first, then global ones
    /// (the filter input and popups have no global fallback).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let own = self
            .bindings
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key));
        if let Some(b) = own {
            return Some(b.action);
        }
        if matches!(context, Context::Filter | Context::Dialog | Context::Jump) {
            return self
                .bindings
                .iter()
                .find(|b| b.context == Context::Input && b.keys.contains(&key))
                .map(|b| b.action);
        }
        if context == Context::Popup {
            return None;
        }
        self.bindings
            .iter()
            .find(|b| b.context == Context::Global && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// Keys of an action in a context, as shown to the user (`j/↓`).
    pub fn keys_label(&self, b: &Binding) -> String {
        b.keys.iter().map(label).collect::<Vec<_>>().join("/")
    }

    /// Status-bar hints for a context: its own hints, then the global ones.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        let mut push = |b: &Binding| {
            if let (Some(h), Some(k)) = (b.hint, b.keys.first()) {
                out.push((label(k), h));
            }
        };
        for b in self.bindings.iter().filter(|b| b.context == context) {
            push(b);
        }
        if !matches!(
            context,
            Context::Filter | Context::Popup | Context::Dialog | Context::Jump
        ) {
            // The Compare view fills the screen: of the pane keys, only copying and help apply.
            let applies = |b: &&Binding| {
                context != Context::Compare || matches!(b.action, A::CopyTable | A::Help)
            };
            for b in self
                .bindings
                .iter()
                .filter(|b| b.context == Context::Global)
                .filter(applies)
            {
                push(b);
            }
        }
        out
    }

    /// Help lines grouped by context: (context title, [(keys, description, action name)]).
    pub fn help(&self) -> Vec<HelpSection> {
        let order = [
            C::Global,
            C::Reports,
            C::Outline,
            C::Text,
            C::Indicators,
            C::Filter,
            C::Input,
            C::Popup,
            C::Dialog,
            C::Jump,
            C::Compare,
        ];
        order
            .iter()
            .map(|&c| {
                let rows = self
                    .bindings
                    .iter()
                    .filter(|b| b.context == c && !b.keys.is_empty())
                    .map(|b| (self.keys_label(b), b.description, b.action.name()))
                    .collect();
                (c.title(), rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> Key {
        from_event(KeyEvent::new(code, mods)).expect("a nameable key")
    }

    #[test]
    fn default_keys_resolve() {
        let m = Keymap::default();
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(A::Down)
        );
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(A::Bottom)
        );
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('D'), KeyModifiers::CONTROL)),
            Some(A::HalfPageDown)
        );
        assert_eq!(
            m.lookup(C::Reports, ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(A::PrevPane)
        );
        assert_eq!(
            m.lookup(C::Outline, ev(KeyCode::Left, KeyModifiers::NONE)),
            Some(A::Collapse)
        );
        assert_eq!(
            m.lookup(C::Indicators, ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(A::Open)
        );
        // `y` copies the table whichever pane has focus, but is text in the filter input.
        for c in [C::Reports, C::Outline, C::Text, C::Indicators] {
            assert_eq!(
                m.lookup(c, ev(KeyCode::Char('y'), KeyModifiers::NONE)),
                Some(A::CopyTable)
            );
        }
        assert_eq!(
            m.lookup(C::Filter, ev(KeyCode::Char('y'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            m.lookup(C::Filter, ev(KeyCode::Esc, KeyModifiers::NONE)),
            Some(A::FilterClear)
        );
    }

    #[test]
    fn every_default_key_parses_and_names_round_trip() {
        for r in DEFAULT {
            for k in r.keys {
                assert!(crate::config::parse_key(k).is_ok(), "{k}");
            }
            assert_eq!(Action::from_name(&r.action.name()), Some(r.action));
        }
        assert_eq!(A::CopyTable.name(), "copy_table");
        assert_eq!(A::HalfPageDown.name(), "half_page_down");
    }

    #[test]
    fn no_key_bound_twice_in_one_context() {
        let m = Keymap::default();
        let mut seen = std::collections::HashSet::new();
        for b in &m.bindings {
            for k in &b.keys {
                assert!(seen.insert((b.context, *k)), "{k} twice in {:?}", b.context);
            }
        }
    }

    #[test]
    fn overrides_move_keys() {
        // Through the config file, as a user writes them: one parser, one key type.
        let text = r#"{"keymap": {"copy_table": ["ctrl-y", "x"], "quit": ["Q"],
            "fly": ["z"], "help": ["hyper-h"]}}"#;
        let (config, warnings) = crate::config::Config::from_json(text, None);
        assert_eq!(warnings.len(), 1, "hyper-h: {warnings:?}");
        let (m, problems) = Keymap::with_chords(&config.keymap);
        assert_eq!(problems.len(), 1, "fly: {problems:?}");
        let y = ev(KeyCode::Char('y'), KeyModifiers::NONE);
        assert_eq!(m.lookup(C::Text, y), None);
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('y'), KeyModifiers::CONTROL)),
            Some(A::CopyTable)
        );
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            m.lookup(C::Text, ev(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(A::Quit)
        );
        // The help follows the keymap.
        let help = m.help();
        let global = &help[0].1;
        assert!(global
            .iter()
            .any(|(k, _, a)| k == "Ctrl-y/x" && a == "copy_table"));
    }
}
