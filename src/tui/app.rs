//! Application state and `update`: every change of state goes through here. Drawing reads this
//! state and never changes it; terminal effects (clipboard, mouse mode) are queued as
//! [`Effect`]s for the event loop to perform after the next draw.

use super::keymap::{Action, Context, Key, Keymap};
use super::layout::{self, Areas, Pane, PANES};
use super::table::{self, Column, COLUMNS};
use super::theme::Theme;
use super::wrap;
use crate::export::Format;
use crate::indicators::Indicator;
use crate::report::Report;
use crate::search::{self, Query, SearchIndex};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui_textarea::{CursorMove, TextArea};
use std::collections::HashSet;

/// Something only the terminal can do, performed after the next draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Copy(String),
    Mouse(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Errors,
    Export,
}

/// The export dialog: a format and a file name.
pub struct ExportDialog {
    pub format: Format,
    pub name: TextArea<'static>,
    /// The name as proposed (its extension follows the format until the user edits it).
    proposed: String,
    pub error: Option<String>,
    /// Where a relative name goes (the current directory), for the dialog to show.
    pub dir: String,
}

pub const FORMATS: [Format; 4] = [Format::Tsv, Format::Csv, Format::Markdown, Format::Json];

pub fn format_label(f: Format) -> &'static str {
    match f {
        Format::Tsv => "TSV",
        Format::Csv => "CSV (UTF-8 BOM)",
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
    }
}

impl ExportDialog {
    pub fn name_text(&self) -> String {
        self.name.lines().first().cloned().unwrap_or_default()
    }

    fn set_format(&mut self, f: Format) {
        let old = self.name_text();
        self.format = f;
        if old == self.proposed {
            let stem = old.rsplit_once('.').map(|(s, _)| s).unwrap_or(&old);
            self.proposed = format!("{stem}.{}", crate::export_file::extension(f));
            self.name = TextArea::new(vec![self.proposed.clone()]);
            self.name.move_cursor(CursorMove::End);
        }
    }
}

/// Background loading progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub bytes: u64,
    pub finished: bool,
}

/// One wrapped line of the text view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub para: usize,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Where the next paragraph sits (shown between matches when the view is narrowed).
    Crumb,
    /// Chars `[start, end)` of the paragraph's display text (indent included).
    Body { start: usize, end: usize },
}

/// A row of the outline: `None` is the whole report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineRow {
    pub section: Option<usize>,
    pub depth: usize,
}

pub struct Filter {
    pub input: TextArea<'static>,
    pub focused: bool,
    pub query: Option<Query>,
    pub error: Option<String>,
    /// Hits over all loaded reports, by report then paragraph.
    /// Matching paragraphs over all loaded reports: (report, paragraph), sorted.
    pub matches: Vec<(usize, usize)>,
    /// How many reports have a match.
    pub report_count: usize,
    pub all_reports: bool,
    pub words: bool,
    pub history: Vec<String>,
    history_pos: Option<usize>,
}

impl Filter {
    fn new() -> Filter {
        Filter {
            input: TextArea::default(),
            focused: false,
            query: None,
            error: None,
            matches: Vec::new(),
            report_count: 0,
            all_reports: true,
            words: false,
            history: Vec::new(),
            history_pos: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().first().cloned().unwrap_or_default()
    }

    /// Chars of the input before the caret.
    pub fn caret(&self) -> usize {
        self.input.cursor().1
    }

    pub fn active(&self) -> bool {
        self.query.is_some()
    }
}

pub struct App {
    pub reports: Vec<Report>,
    pub indicators: Vec<Vec<Indicator>>,
    /// Each indicator's paragraph, compact: the per-keystroke row filter reads only these.
    ind_paras: Vec<Vec<u32>>,
    /// Every indicator's name and standard name, for matching the filter quickly.
    names: super::names::NameIndex,
    pub errors: Vec<String>,
    pub progress: Option<Progress>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub hint: Option<String>,
    pub size: (u16, u16),
    pub focus: Pane,
    pub show_indicators: bool,
    pub popup: Option<Popup>,
    pub popup_scroll: usize,
    pub toast: Option<String>,
    toast_ticks: u32,
    pub quit: bool,
    pub print_table: bool,
    pub mouse: bool,
    pub effects: Vec<Effect>,
    // Reports pane.
    pub report_sel: usize,
    pub report_scroll: usize,
    // Outline pane.
    pub outline: Vec<OutlineRow>,
    pub collapsed: HashSet<usize>,
    pub outline_sel: usize,
    pub outline_scroll: usize,
    // Text pane.
    pub para: usize,
    /// Which match span of the current paragraph is "the current match".
    pub match_span: usize,
    pub text_scroll: usize,
    /// While filtering: show only matching paragraphs (else the whole report, matches marked).
    pub narrow: bool,
    /// Show only this section (with its sub-sections) instead of the whole report.
    pub section_only: Option<usize>,
    pub lines: Vec<TextLine>,
    // Indicators pane.
    pub rows: Vec<(usize, usize)>,
    pub row_sel: usize,
    pub row_scroll: usize,
    pub sort: Option<(Column, bool)>,
    pub filter: Filter,
    pub export: Option<ExportDialog>,
    /// Copy and export format (config `format`).
    pub format: Format,
    /// Where to go once that report has loaded (restored from the last session).
    pub restore: Option<crate::state::Position>,
    /// The user has pressed a key (a late restore must not yank them away).
    touched: bool,
    /// The search index over the first `indexed` reports (later ones are searched one by one
    /// until the index is rebuilt).
    index: SearchIndex,
    indexed: usize,
}

/// Does paragraph `p` open a section (a heading line)?
pub fn is_heading(r: &Report, p: usize) -> bool {
    r.paragraphs[p]
        .section
        .is_some_and(|s| r.sections[s].heading == p)
}

/// The paragraph as displayed: body paragraphs get the customary `　　` indent.
pub fn display_chars(r: &Report, p: usize) -> (Vec<char>, usize) {
    let text = r.paragraph_text(p);
    // Title lines before the first section stay flush; so do headings.
    let title_line =
        r.paragraphs[p].section.is_none() && text.chars().count() <= 40 && !text.ends_with('。');
    let indent = if title_line
        || is_heading(r, p)
        || text.starts_with('\u{3000}')
        || text.starts_with(' ')
    {
        0
    } else {
        2
    };
    let mut chars: Vec<char> = std::iter::repeat_n('\u{3000}', indent).collect();
    chars.extend(text.chars().map(wrap::safe_char));
    (chars, indent)
}

/// A report's name for lists: its title, with the place in front when the title lacks it
/// (`政府工作报告` → `青溪镇政府工作报告`).
pub fn report_name(r: &Report) -> String {
    let name = r.display_name();
    match (&r.meta.title, &r.meta.place) {
        (Some(t), Some(p)) if !t.contains(p.as_str()) => format!("{p}{name}"),
        _ => name,
    }
}

/// `一、2023年工作回顾 › (一)…` for a section.
pub fn section_label(r: &Report, s: usize) -> String {
    let sec = &r.sections[s];
    format!("{}{}", sec.label.as_deref().unwrap_or(""), sec.title)
}

impl App {
    pub fn new(reports: Vec<Report>, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            reports: Vec::new(),
            indicators: Vec::new(),
            names: super::names::NameIndex::new(),
            ind_paras: Vec::new(),
            errors: Vec::new(),
            progress: None,
            keymap,
            theme,
            hint: None,
            size: (80, 24),
            focus: Pane::Text,
            show_indicators: true,
            popup: None,
            popup_scroll: 0,
            toast: None,
            toast_ticks: 0,
            quit: false,
            print_table: false,
            mouse: true,
            effects: Vec::new(),
            report_sel: 0,
            report_scroll: 0,
            outline: Vec::new(),
            collapsed: HashSet::new(),
            outline_sel: 0,
            outline_scroll: 0,
            para: 0,
            match_span: 0,
            text_scroll: 0,
            narrow: true,
            section_only: None,
            lines: Vec::new(),
            rows: Vec::new(),
            row_sel: 0,
            row_scroll: 0,
            sort: None,
            filter: Filter::new(),
            export: None,
            format: Format::Tsv,
            restore: None,
            touched: false,
            index: SearchIndex::new(&[]),
            indexed: 0,
        };
        for r in reports {
            let ind = crate::indicators::extract(&r);
            app.add_report(r, ind);
        }
        app.refresh();
        app
    }

    // ---------------------------------------------------------------- geometry

    pub fn areas(&self) -> Areas {
        layout::areas(
            self.size.0,
            self.size.1,
            self.focus,
            self.show_indicators,
            self.report_lines() * self.reports.len().max(1),
        )
    }

    /// Lines per entry of the report list (two when there is room for the details line).
    pub fn report_lines(&self) -> usize {
        if self.size.0 >= 120 {
            2
        } else {
            1
        }
    }

    /// Text viewport: (width, height) of the wrapped body (the breadcrumb takes the first row).
    pub fn text_view(&self) -> (usize, usize) {
        let r = layout::inner(self.areas().text);
        // One column is the gutter that marks the current paragraph.
        (
            (r.width as usize).saturating_sub(1),
            (r.height as usize).saturating_sub(1),
        )
    }

    fn list_height(&self, pane: Pane) -> usize {
        let h = layout::inner(self.areas().pane(pane)).height as usize;
        match pane {
            // Header row and detail line.
            Pane::Indicators => h.saturating_sub(2),
            _ => h,
        }
    }

    pub fn context(&self) -> Context {
        if self.popup == Some(Popup::Export) {
            return Context::Dialog;
        }
        if self.popup.is_some() {
            return Context::Popup;
        }
        if self.filter.focused {
            return Context::Filter;
        }
        match self.focus {
            Pane::Reports => Context::Reports,
            Pane::Outline => Context::Outline,
            Pane::Text => Context::Text,
            Pane::Indicators => Context::Indicators,
        }
    }

    pub fn current(&self) -> Option<&Report> {
        self.reports.get(self.report_sel)
    }

    // ---------------------------------------------------------------- loading

    /// A report arrived (from the background loader or at start).
    pub fn add_report(&mut self, r: Report, indicators: Vec<Indicator>) {
        let idx = self.reports.len();
        if let Some(q) = &self.filter.query {
            let before = self.filter.matches.len();
            self.filter.matches.extend(
                search::search_report(&r, idx, q)
                    .into_iter()
                    .map(|h| (h.report, h.paragraph)),
            );
            if self.filter.matches.len() > before {
                self.filter.report_count += 1;
            }
        }
        self.reports.push(r);
        self.names.push(
            indicators
                .iter()
                .map(|i| (i.name.as_str(), i.canonical.as_deref())),
        );
        self.ind_paras
            .push(indicators.iter().map(|i| i.paragraph as u32).collect());
        self.indicators.push(indicators);
        // Rebuild the index as the pile doubles: linear in total, and keystrokes stay fast.
        if self.reports.len() - self.indexed >= self.indexed.max(32) {
            self.reindex();
        }
        if idx == 0 {
            self.select_report(0);
        }
        let back_here = self
            .restore
            .as_ref()
            .is_some_and(|p| p.report == self.reports[idx].source);
        if back_here && !self.touched {
            if let Some(pos) = self.restore.take() {
                self.restore_now(&pos);
            }
        }
        if self.filter.active() {
            self.rebuild_rows();
        }
        self.refresh();
    }

    /// Index every loaded report.
    pub fn reindex(&mut self) {
        self.index = SearchIndex::new(&self.reports);
        self.indexed = self.reports.len();
    }

    pub fn add_error(&mut self, message: String) {
        self.errors.push(wrap::safe(&message));
    }

    pub fn set_progress(&mut self, p: Progress) {
        if p.finished && self.indexed < self.reports.len() {
            self.reindex();
        }
        if p.finished && !self.errors.is_empty() {
            self.set_toast(format!(
                "{} file(s) failed to load — press ! for the list",
                self.errors.len()
            ));
        }
        self.progress = Some(p);
    }

    // ---------------------------------------------------------------- events

    /// A key from the terminal: through the keymap, or typed into the filter input.
    pub fn key(&mut self, ev: KeyEvent) {
        if ev.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        self.touched = true;
        let key = Key::from_event(ev);
        // Ctrl-C always quits, whatever the keymap says.
        if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL {
            self.update(Action::Quit);
            return;
        }
        let ctx = self.context();
        if let Some(a) = self.keymap.lookup(ctx, key) {
            self.update(a);
            return;
        }
        // Ctrl-U clears to the line head, as in a shell (the input's own binding is undo).
        let ctrl_u = key.code == KeyCode::Char('u') && key.mods == KeyModifiers::CONTROL;
        if ctx == Context::Filter && ctrl_u {
            self.filter.input.delete_line_by_head();
            self.filter_changed();
        } else if ctx == Context::Dialog && ctrl_u {
            if let Some(d) = &mut self.export {
                d.name.delete_line_by_head();
            }
        } else if ctx == Context::Filter {
            // No newlines or tabs in a one-line input.
            let newline = matches!(ev.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
                || (ev.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(ev.code, KeyCode::Char('m' | 'j')));
            if !newline && self.filter.input.input(ev) {
                self.filter_changed();
            }
        } else if ctx == Context::Dialog {
            let newline = matches!(ev.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
                || (ev.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(ev.code, KeyCode::Char('m' | 'j')));
            if let Some(d) = self.export.as_mut().filter(|_| !newline) {
                if d.name.input(ev) {
                    d.error = None;
                }
            }
        }
    }

    /// Pasted text goes into the filter input (one line).
    pub fn paste(&mut self, text: &str) {
        if !self.filter.focused {
            self.update(Action::FocusFilter);
        }
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.filter.input.insert_str(line.trim());
        self.filter_changed();
    }

    /// Type text into the filter input (tests and scripted use).
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.refresh();
    }

    /// Called a few times a second: expires the toast.
    pub fn tick(&mut self) {
        if self.toast_ticks > 0 {
            self.toast_ticks -= 1;
            if self.toast_ticks == 0 {
                self.toast = None;
            }
        }
    }

    pub fn set_toast(&mut self, s: String) {
        self.toast = Some(s);
        self.toast_ticks = 16;
    }

    pub fn mouse(&mut self, ev: MouseEvent) {
        let a = self.areas();
        if self.popup.is_some() {
            match ev.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                MouseEventKind::Down(_) => self.update(Action::Close),
                _ => {}
            }
            return;
        }
        if ev.row == a.filter.y && matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
            self.update(Action::FocusFilter);
            return;
        }
        let Some(pane) = a.pane_at(ev.column, ev.row) else {
            return;
        };
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let saved = self.focus;
                self.focus = pane;
                let down = ev.kind == MouseEventKind::ScrollDown;
                if pane == Pane::Text {
                    self.scroll_text(if down { 3 } else { -3 });
                } else {
                    self.update(if down { Action::Down } else { Action::Up });
                }
                self.focus = saved;
                self.refresh();
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.filter.focused = false;
                self.focus = pane;
                let inner = layout::inner(a.pane(pane));
                if ev.row < inner.y
                    || ev.row >= inner.bottom()
                    || ev.column < inner.x
                    || ev.column >= inner.right()
                {
                    self.refresh();
                    return;
                }
                let row = (ev.row - inner.y) as usize;
                match pane {
                    Pane::Reports => {
                        let i = self.report_scroll + row / self.report_lines();
                        if i < self.reports.len() {
                            self.select_report(i);
                        }
                    }
                    Pane::Outline => {
                        let i = self.outline_scroll + row;
                        if i < self.outline.len() {
                            self.outline_sel = i;
                            self.follow_outline();
                        }
                    }
                    Pane::Text => {
                        if row >= 1 {
                            if let Some(l) = self.lines.get(self.text_scroll + row - 1) {
                                self.para = l.para;
                                self.match_span = 0;
                            }
                        }
                    }
                    Pane::Indicators => {
                        if row == 0 {
                            let x = ev.column.saturating_sub(inner.x) as usize;
                            if let Some(col) = self.column_at(inner.width as usize, x) {
                                self.sort = match self.sort {
                                    Some((c, asc)) if c == col => Some((c, !asc)),
                                    _ => Some((col, true)),
                                };
                                self.rebuild_rows();
                            }
                        } else if self.row_scroll + row - 1 < self.rows.len() {
                            self.row_sel = self.row_scroll + row - 1;
                        }
                    }
                }
                self.refresh();
            }
            _ => {}
        }
    }

    // ---------------------------------------------------------------- update

    pub fn update(&mut self, action: Action) {
        use Action as A;
        match action {
            A::Quit => self.quit = true,
            A::Help => {
                self.popup = Some(Popup::Help);
                self.popup_scroll = 0;
            }
            A::ShowErrors => {
                self.popup = Some(Popup::Errors);
                self.popup_scroll = 0;
            }
            A::Close => {
                self.popup = None;
                self.export = None;
            }
            A::Confirm => self.confirm_export(),
            A::NextFormat | A::PrevFormat => {
                if let Some(d) = &mut self.export {
                    let i = FORMATS.iter().position(|&f| f == d.format).unwrap_or(0);
                    let n = FORMATS.len();
                    let j = if action == A::NextFormat {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    d.set_format(FORMATS[j]);
                }
            }
            _ if self.popup.is_some() => match action {
                A::Down => self.popup_scroll = (self.popup_scroll + 1).min(self.popup_max()),
                A::Up => self.popup_scroll = self.popup_scroll.saturating_sub(1),
                A::PageDown | A::HalfPageDown => {
                    self.popup_scroll = (self.popup_scroll + 10).min(self.popup_max())
                }
                A::Bottom => self.popup_scroll = self.popup_max(),
                A::PageUp | A::HalfPageUp => {
                    self.popup_scroll = self.popup_scroll.saturating_sub(10)
                }
                A::Top => self.popup_scroll = 0,
                _ => {}
            },
            A::NextPane | A::PrevPane => {
                let visible: Vec<Pane> = PANES
                    .into_iter()
                    .filter(|&p| p != Pane::Indicators || self.show_indicators)
                    .collect();
                let i = visible.iter().position(|&p| p == self.focus).unwrap_or(0);
                let n = visible.len();
                let j = if action == A::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.focus = visible[j];
            }
            A::Up
            | A::Down
            | A::Top
            | A::Bottom
            | A::PageUp
            | A::PageDown
            | A::HalfPageUp
            | A::HalfPageDown => self.move_in_pane(action),
            A::Collapse | A::Expand => self.fold(action == A::Expand),
            A::Open => self.open(),
            A::FocusFilter => {
                self.filter.focused = true;
                self.filter.history_pos = None;
                self.filter.input.move_cursor(CursorMove::End);
            }
            A::FilterAccept => {
                self.filter.focused = false;
                let t = self.filter.text();
                if !t.trim().is_empty() {
                    self.filter.history.retain(|h| h != &t);
                    self.filter.history.push(t);
                    if self.filter.history.len() > 100 {
                        self.filter.history.remove(0);
                    }
                }
            }
            A::FilterClear => {
                self.filter.focused = false;
                self.filter.input = TextArea::default();
                self.filter_changed();
            }
            A::HistoryPrev | A::HistoryNext => self.history(action == A::HistoryPrev),
            A::NextMatch => self.next_match(true),
            A::PrevMatch => self.next_match(false),
            A::ToggleIndicators => {
                self.show_indicators = !self.show_indicators;
                if !self.show_indicators && self.focus == Pane::Indicators {
                    self.focus = Pane::Text;
                }
            }
            A::ToggleScope => {
                self.filter.all_reports = !self.filter.all_reports;
                self.rebuild_rows();
                let s = if self.filter.all_reports {
                    "all reports"
                } else {
                    "this report"
                };
                self.set_toast(format!("Filter scope: {s}"));
            }
            A::ToggleWords => {
                self.filter.words = !self.filter.words;
                self.filter_changed();
                let s = if self.filter.words {
                    "on (whole words)"
                } else {
                    "off (any substring)"
                };
                self.set_toast(format!("Word mode {s}"));
            }
            A::SortNext => {
                let cols = self.columns();
                self.sort = match self.sort {
                    None => Some((cols[0], true)),
                    Some((c, _)) => cols
                        .iter()
                        .position(|&x| x == c)
                        .and_then(|i| cols.get(i + 1))
                        .map(|&c| (c, true)),
                };
                self.rebuild_rows();
            }
            A::SortReverse => {
                if let Some((c, asc)) = self.sort {
                    self.sort = Some((c, !asc));
                    self.rebuild_rows();
                }
            }
            A::CopyTable => self.copy_table(),
            A::CopyRow => self.copy_row(),
            A::CopyParagraph => self.copy_paragraph(),
            A::ToggleMouse => {
                self.mouse = !self.mouse;
                self.effects.push(Effect::Mouse(self.mouse));
                self.set_toast(if self.mouse {
                    "Mouse on (press m for terminal text selection)".into()
                } else {
                    "Mouse off: the terminal's own selection works (m turns it back on)".into()
                });
            }
            A::PrintTable => {
                self.print_table = true;
                self.quit = true;
            }
            A::ToggleSection => {
                self.section_only = match self.section_only {
                    Some(_) => None,
                    None => self.outline.get(self.outline_sel).and_then(|o| o.section),
                };
                if self.section_only.is_none()
                    && self
                        .outline
                        .get(self.outline_sel)
                        .is_some_and(|o| o.section.is_none())
                {
                    self.set_toast("Select a section in the outline to show it alone".into());
                }
                self.layout_text();
                if !self.view_paras().contains(&self.para) {
                    if let Some(&p) = self.view_paras().first() {
                        self.para = p;
                        self.match_span = 0;
                    }
                }
                self.text_scroll = 0;
                self.layout_text();
                self.ensure_para_visible();
            }
            A::Export => {
                if self.rows.is_empty() {
                    self.set_toast("Nothing to export: the indicator table is empty".into());
                } else {
                    let proposed =
                        crate::export_file::default_name(self.format, std::time::SystemTime::now());
                    let mut name = TextArea::new(vec![proposed.clone()]);
                    name.move_cursor(CursorMove::End);
                    self.export = Some(ExportDialog {
                        format: self.format,
                        name,
                        proposed,
                        error: None,
                        dir: std::env::current_dir()
                            .map(|d| wrap::safe(&d.display().to_string()))
                            .unwrap_or_default(),
                    });
                    self.popup = Some(Popup::Export);
                }
            }
        }
        self.refresh();
    }

    fn move_in_pane(&mut self, action: Action) {
        use Action as A;
        let h = self.list_height(self.focus).max(1);
        let delta: isize = match action {
            A::Up => -1,
            A::Down => 1,
            A::PageUp => -(h as isize),
            A::PageDown => h as isize,
            A::HalfPageUp => -((h / 2).max(1) as isize),
            A::HalfPageDown => (h / 2).max(1) as isize,
            A::Top => isize::MIN / 2,
            A::Bottom => isize::MAX / 2,
            _ => 0,
        };
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.focus {
            Pane::Reports => {
                let i = step(self.report_sel, self.reports.len());
                if i != self.report_sel {
                    self.select_report(i);
                }
            }
            Pane::Outline => {
                self.outline_sel = step(self.outline_sel, self.outline.len());
                self.follow_outline();
            }
            Pane::Indicators => self.row_sel = step(self.row_sel, self.rows.len()),
            Pane::Text => match action {
                A::Up | A::Down => self.text_step(action == A::Down),
                A::Top | A::Bottom => {
                    let view = self.view_paras();
                    let p = if action == A::Top {
                        view.first()
                    } else {
                        view.last()
                    };
                    if let Some(&p) = p {
                        self.para = p;
                        self.match_span = 0;
                        self.text_scroll = if action == A::Top { 0 } else { usize::MAX };
                    }
                }
                _ => self.scroll_text(delta),
            },
        }
    }

    /// j/k in the text: scroll through a paragraph taller than the view, else go to the next.
    fn text_step(&mut self, down: bool) {
        self.layout_text();
        let (_, h) = self.text_view();
        let Some((first, last)) = self.para_lines(self.para) else {
            return;
        };
        if down && last >= self.text_scroll + h {
            self.text_scroll += 3.min(last + 1 - (self.text_scroll + h));
            return;
        }
        if !down && first < self.text_scroll {
            self.text_scroll -= 3.min(self.text_scroll - first);
            return;
        }
        let view = self.view_paras();
        let Some(i) = view.iter().position(|&p| p == self.para) else {
            return;
        };
        let j = if down { i + 1 } else { i.wrapping_sub(1) };
        if let Some(&p) = view.get(j) {
            self.para = p;
            self.match_span = 0;
            self.ensure_para_visible();
        }
    }

    /// Scroll the text by lines; the current paragraph becomes the first one in view.
    fn scroll_text(&mut self, delta: isize) {
        self.layout_text();
        let (_, h) = self.text_view();
        let max = self.lines.len().saturating_sub(h);
        self.text_scroll = (self.text_scroll as isize + delta).clamp(0, max as isize) as usize;
        if let Some(l) = self.lines.get(self.text_scroll) {
            let target = l.para;
            // A paragraph that begins above the view: prefer the next one starting in view.
            let starts_here = self
                .para_lines(target)
                .is_some_and(|(f, _)| f >= self.text_scroll);
            self.para = if starts_here {
                target
            } else {
                self.lines[self.text_scroll..]
                    .iter()
                    .take(h)
                    .map(|l| l.para)
                    .find(|&p| p != target)
                    .unwrap_or(target)
            };
            self.match_span = 0;
        }
    }

    /// Collapse or expand the selected outline section.
    fn fold(&mut self, expand: bool) {
        if self.focus != Pane::Outline {
            return;
        }
        let Some(row) = self.outline.get(self.outline_sel).copied() else {
            return;
        };
        let Some(s) = row.section else { return };
        let has_children = self
            .current()
            .is_some_and(|r| !r.sections[s].children.is_empty());
        if expand {
            self.collapsed.remove(&s);
        } else if has_children && !self.collapsed.contains(&s) {
            self.collapsed.insert(s);
        } else if let Some(parent) = self.current().and_then(|r| r.sections[s].parent) {
            // Collapsing a leaf goes to its parent, as in file trees.
            self.rebuild_outline();
            if let Some(i) = self.outline.iter().position(|o| o.section == Some(parent)) {
                self.outline_sel = i;
                self.follow_outline();
            }
        }
        self.rebuild_outline();
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Reports => self.focus = Pane::Text,
            Pane::Outline => self.focus = Pane::Text,
            Pane::Text => {
                if self.filter.active() {
                    self.narrow = !self.narrow;
                    self.layout_text();
                    self.ensure_para_visible();
                }
            }
            Pane::Indicators => {
                let Some(&(ri, ii)) = self.rows.get(self.row_sel) else {
                    return;
                };
                let p = self.indicators[ri][ii].paragraph;
                if ri != self.report_sel {
                    self.select_report(ri);
                }
                if self.filter.active() && !self.hit(ri, p) {
                    self.narrow = false;
                }
                self.para = p.min(self.reports[ri].paragraphs.len().saturating_sub(1));
                self.match_span = 0;
                self.focus = Pane::Text;
                self.layout_text();
                self.ensure_para_visible();
            }
        }
    }

    fn history(&mut self, older: bool) {
        let n = self.filter.history.len();
        if n == 0 {
            return;
        }
        let pos = match (self.filter.history_pos, older) {
            (None, true) => Some(n - 1),
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        self.filter.history_pos = pos;
        let text = pos
            .map(|i| self.filter.history[i].clone())
            .unwrap_or_default();
        self.filter.input = TextArea::new(vec![text]);
        self.filter.input.move_cursor(CursorMove::End);
        self.filter_changed();
    }

    // ---------------------------------------------------------------- filter

    pub fn filter_changed(&mut self) {
        let text = self.filter.text();
        self.filter.error = None;
        self.filter.query = None;
        self.filter.matches.clear();
        self.filter.report_count = 0;
        if !text.trim().is_empty() {
            match Query::parse(&text, self.filter.words) {
                Ok(q) => {
                    let mut m: Vec<(usize, usize)> = if self.indexed > 0 {
                        self.index.run(&q).iter().collect()
                    } else {
                        Vec::new()
                    };
                    for (i, r) in self.reports.iter().enumerate().skip(self.indexed) {
                        m.extend(
                            search::search_report(r, i, &q)
                                .into_iter()
                                .map(|h| (h.report, h.paragraph)),
                        );
                    }
                    let mut last = None;
                    for &(r, _) in &m {
                        if last != Some(r) {
                            self.filter.report_count += 1;
                            last = Some(r);
                        }
                    }
                    self.filter.matches = m;
                    self.filter.query = Some(q);
                }
                Err(e) => self.filter.error = Some(e.to_string()),
            }
        }
        self.narrow = true;
        if self.filter.active() {
            // Show a report that has matches, and its first match.
            if self.report_hits(self.report_sel).is_empty() && self.filter.all_reports {
                if let Some(&(r, _)) = self.filter.matches.first() {
                    self.select_report(r);
                }
            }
            if let Some(&(_, p)) = self.report_hits(self.report_sel).first() {
                if !self.hit(self.report_sel, self.para) {
                    self.para = p;
                }
            }
            self.match_span = 0;
        }
        self.rebuild_rows();
        self.refresh();
        self.ensure_para_visible();
    }

    /// The matches of one report, (report, paragraph) sorted by paragraph.
    pub fn report_hits(&self, r: usize) -> &[(usize, usize)] {
        let m = &self.filter.matches;
        let a = m.partition_point(|x| x.0 < r);
        let b = m.partition_point(|x| x.0 <= r);
        &m[a..b]
    }

    /// Does paragraph `p` of report `r` match the filter?
    pub fn hit(&self, r: usize, p: usize) -> bool {
        self.report_hits(r).binary_search(&(r, p)).is_ok()
    }

    /// Match spans (char offsets in the paragraph text), computed for what is on screen only.
    pub fn spans(&self, r: usize, p: usize) -> Vec<(usize, usize)> {
        match (&self.filter.query, self.reports.get(r)) {
            (Some(q), Some(rep)) if p < rep.paragraphs.len() && self.hit(r, p) => {
                search::match_spans(q, rep.paragraph_text(p))
            }
            _ => Vec::new(),
        }
    }

    /// Matches of a report inside a paragraph range.
    pub fn hits_in(&self, r: usize, range: std::ops::Range<usize>) -> usize {
        let hits = self.report_hits(r);
        let a = hits.partition_point(|h| h.1 < range.start);
        let b = hits.partition_point(|h| h.1 < range.end);
        b - a
    }

    /// Reports with at least one match.
    pub fn reports_with_hits(&self) -> usize {
        self.filter.report_count
    }

    fn next_match(&mut self, forward: bool) {
        if !self.filter.active() || self.filter.matches.is_empty() {
            self.set_toast("No matches: press / and type".into());
            return;
        }
        let r = self.report_sel;
        let n = self.spans(r, self.para).len();
        if forward && self.match_span + 1 < n {
            self.match_span += 1;
            self.ensure_para_visible();
            return;
        }
        if !forward && self.match_span > 0 && n > 0 {
            self.match_span -= 1;
            self.ensure_para_visible();
            return;
        }
        let hits = self.report_hits(r);
        let next = if forward {
            hits.iter().find(|h| h.1 > self.para)
        } else {
            hits.iter().rev().find(|h| h.1 < self.para)
        }
        .copied();
        let target = match next {
            Some(t) => Some(t),
            None if self.filter.all_reports => {
                // On to the next (previous) report with matches, wrapping around.
                let all = &self.filter.matches;
                if forward {
                    all.iter().find(|h| h.0 > r).or(all.first()).copied()
                } else {
                    let prev = all.iter().rev().find(|h| h.0 < r).or(all.last()).copied();
                    prev.and_then(|(pr, _)| self.report_hits(pr).last().copied())
                }
            }
            None => if forward { hits.first() } else { hits.last() }.copied(),
        };
        let Some((tr, tp)) = target else { return };
        if next.is_none() && tr == r {
            self.set_toast("Search wrapped".into());
        }
        if tr != r {
            self.select_report(tr);
        }
        self.para = tp;
        self.match_span = if forward {
            0
        } else {
            self.spans(tr, tp).len().saturating_sub(1)
        };
        self.layout_text();
        self.ensure_para_visible();
    }

    // ---------------------------------------------------------------- selection

    pub fn select_report(&mut self, i: usize) {
        self.report_sel = i;
        self.para = 0;
        self.match_span = 0;
        self.text_scroll = 0;
        self.collapsed.clear();
        self.section_only = None;
        self.outline_sel = 0;
        self.outline_scroll = 0;
        if self.filter.active() {
            if let Some(&(_, p)) = self.report_hits(i).first() {
                self.para = p;
            }
        }
        self.rebuild_outline();
        self.rebuild_rows();
        self.row_sel = 0;
        self.row_scroll = 0;
        self.layout_text();
        self.ensure_para_visible();
    }

    /// Move the text to the outline's selected section.
    fn follow_outline(&mut self) {
        let Some(row) = self.outline.get(self.outline_sel).copied() else {
            return;
        };
        if self.section_only.is_some() {
            self.section_only = row.section;
        }
        let Some(r) = self.current() else { return };
        let range = match row.section {
            Some(s) => r.sections[s].span.clone(),
            None => 0..r.paragraphs.len(),
        };
        let target = if self.filter.active() && self.narrow {
            self.report_hits(self.report_sel)
                .iter()
                .map(|h| h.1)
                .find(|p| range.contains(p))
        } else {
            Some(range.start)
        };
        if let Some(p) = target {
            self.para = p;
            self.match_span = 0;
            self.layout_text();
            // Put the section's first paragraph at the top of the view.
            if let Some((first, _)) = self.para_lines(p) {
                self.text_scroll =
                    first.saturating_sub(usize::from(self.narrow && self.filter.active()));
            }
        }
    }

    /// Outline selection follows the text's current paragraph.
    fn sync_outline(&mut self) {
        let Some(r) = self.current() else { return };
        if self.para >= r.paragraphs.len() {
            return;
        }
        let chain = r.section_chain(r.paragraphs[self.para].section);
        // The deepest visible section of the chain.
        let mut best = 0;
        for s in chain {
            if let Some(i) = self.outline.iter().position(|o| o.section == Some(s)) {
                best = i;
            }
        }
        if self.focus != Pane::Outline || self.outline.get(self.outline_sel).is_none() {
            self.outline_sel = best;
        } else if self.outline_sel != best {
            // While the outline has focus the user drives it; keep their row if it still
            // contains the paragraph.
            let keep = self.outline[self.outline_sel]
                .section
                .is_none_or(|s| r.sections[s].span.contains(&self.para));
            if !keep {
                self.outline_sel = best;
            }
        }
    }

    fn rebuild_outline(&mut self) {
        self.outline.clear();
        let Some(r) = self.reports.get(self.report_sel) else {
            return;
        };
        let mut rows = vec![OutlineRow {
            section: None,
            depth: 0,
        }];
        fn walk(
            r: &Report,
            s: usize,
            depth: usize,
            collapsed: &HashSet<usize>,
            out: &mut Vec<OutlineRow>,
        ) {
            out.push(OutlineRow {
                section: Some(s),
                depth,
            });
            if !collapsed.contains(&s) {
                for &c in &r.sections[s].children {
                    walk(r, c, depth + 1, collapsed, out);
                }
            }
        }
        for s in r.roots() {
            walk(r, s, 1, &self.collapsed, &mut rows);
        }
        self.outline = rows;
        self.outline_sel = self.outline_sel.min(self.outline.len().saturating_sub(1));
    }

    // ---------------------------------------------------------------- text layout

    /// Paragraphs shown in the text view, in order.
    pub fn view_paras(&self) -> Vec<usize> {
        let Some(r) = self.current() else {
            return Vec::new();
        };
        let range = match self.section_only {
            Some(s) if s < r.sections.len() => r.sections[s].span.clone(),
            _ => 0..r.paragraphs.len(),
        };
        if self.filter.active() && self.narrow {
            self.report_hits(self.report_sel)
                .iter()
                .map(|h| h.1)
                .filter(|p| range.contains(p))
                .collect()
        } else {
            range.collect()
        }
    }

    /// Wrap the view's paragraphs at the text pane's width.
    fn layout_text(&mut self) {
        self.lines.clear();
        let (w, _) = self.text_view();
        let narrowed = self.filter.active() && self.narrow;
        let view = self.view_paras();
        let Some(r) = self.reports.get(self.report_sel) else {
            return;
        };
        let mut last_section = None;
        for p in view {
            if narrowed && (last_section != Some(r.paragraphs[p].section) || !self.lines.is_empty())
            {
                self.lines.push(TextLine {
                    para: p,
                    kind: LineKind::Crumb,
                });
                last_section = Some(r.paragraphs[p].section);
            }
            let (chars, _) = display_chars(r, p);
            for (start, end) in wrap::wrap(&chars, w.max(1)) {
                self.lines.push(TextLine {
                    para: p,
                    kind: LineKind::Body { start, end },
                });
            }
        }
    }

    /// First and last line index of a paragraph in the text layout.
    pub fn para_lines(&self, p: usize) -> Option<(usize, usize)> {
        let first = self.lines.iter().position(|l| l.para == p)?;
        let n = self.lines[first..]
            .iter()
            .take_while(|l| l.para == p)
            .count();
        Some((first, first + n - 1))
    }

    fn ensure_para_visible(&mut self) {
        let (_, h) = self.text_view();
        let h = h.max(1);
        let Some((first, last)) = self.para_lines(self.para) else {
            return;
        };
        // Keep the current match itself in view in a long paragraph.
        let target_line = self.match_line().unwrap_or(first);
        if first < self.text_scroll {
            self.text_scroll = first;
        } else if last >= self.text_scroll + h {
            self.text_scroll = if last - first < h {
                last + 1 - h
            } else {
                first
            };
        }
        if target_line >= self.text_scroll + h {
            self.text_scroll = target_line + 1 - h;
        }
    }

    /// The line holding the current match.
    fn match_line(&self) -> Option<usize> {
        let r = self.current()?;
        let spans = self.spans(self.report_sel, self.para);
        let (s, _) = *spans.get(self.match_span)?;
        let (_, indent) = display_chars(r, self.para);
        let c = s + indent;
        self.lines.iter().position(|l| {
            l.para == self.para && matches!(l.kind, LineKind::Body { start, end } if c >= start && c < end.max(start + 1))
        })
    }

    // ---------------------------------------------------------------- indicator rows

    /// Table columns: the report name leads when the table spans reports.
    pub fn columns(&self) -> Vec<Column> {
        let mut cols = Vec::new();
        if self.filter.all_reports && self.filter.active() && self.reports.len() > 1 {
            cols.push(Column::Report);
        }
        cols.extend(COLUMNS);
        cols
    }

    fn rebuild_rows(&mut self) {
        let sel = self.rows.get(self.row_sel).copied();
        let mut rows = Vec::new();
        let spanning = self.filter.all_reports && self.filter.active();
        let reports: Vec<usize> = if spanning {
            (0..self.reports.len()).collect()
        } else if self.report_sel < self.reports.len() {
            vec![self.report_sel]
        } else {
            vec![]
        };
        let name_hits = self.filter.query.as_ref().map(|q| self.names.matching(q));
        for ri in reports {
            let Some(name_hits) = &name_hits else {
                rows.extend((0..self.indicators[ri].len()).map(|ii| (ri, ii)));
                continue;
            };
            // Indicators come in text order, so the report's matches are walked alongside.
            let hits = self.report_hits(ri);
            let mut h = 0;
            let first = self.names.global(ri, 0);
            for (ii, &para) in self.ind_paras[ri].iter().enumerate() {
                let para = para as usize;
                while h < hits.len() && hits[h].1 < para {
                    h += 1;
                }
                let in_hit = hits.get(h).is_some_and(|x| x.1 == para);
                if in_hit || name_hits[first + ii] {
                    rows.push((ri, ii));
                }
            }
        }
        if let Some((col, asc)) = self.sort {
            let names: Vec<String> = self.reports.iter().map(report_name).collect();
            rows.sort_by(|a, b| {
                let (x, y) = (&self.indicators[a.0][a.1], &self.indicators[b.0][b.1]);
                let o = if col == Column::Report {
                    names[a.0].cmp(&names[b.0])
                } else {
                    table::compare(x, y, col)
                };
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        self.rows = rows;
        self.row_sel = sel
            .and_then(|s| self.rows.iter().position(|&r| r == s))
            .unwrap_or(0);
    }

    /// Column widths for a table `width` cells wide (same order as [`App::columns`]).
    pub fn column_widths(&self, width: usize) -> Vec<usize> {
        let cols = self.columns();
        let min = |c: Column| match c {
            Column::Name | Column::Section | Column::Report => 10,
            Column::Value | Column::Change => 8,
            Column::Unit | Column::Qualifier => 6,
            Column::Kind => 4,
        };
        let weight = |c: Column| match c {
            Column::Name => 3,
            Column::Section => 2,
            Column::Report => 1,
            _ => 0,
        };
        let mut shown = vec![true; cols.len()];
        let need = |shown: &[bool]| -> usize {
            let n = shown.iter().filter(|&&s| s).count();
            cols.iter()
                .zip(shown)
                .filter(|(_, &s)| s)
                .map(|(&c, _)| min(c))
                .sum::<usize>()
                + n.saturating_sub(1)
        };
        // Narrow screens drop the less important columns first.
        let drop_order = [
            Column::Section,
            Column::Qualifier,
            Column::Report,
            Column::Kind,
            Column::Change,
            Column::Unit,
        ];
        for d in drop_order {
            if need(&shown) <= width {
                break;
            }
            if let Some(i) = cols.iter().position(|&c| c == d) {
                shown[i] = false;
            }
        }
        let extra = width.saturating_sub(need(&shown));
        let total_w: usize = cols
            .iter()
            .zip(&shown)
            .filter(|(_, &s)| s)
            .map(|(&c, _)| weight(c))
            .sum();
        let mut w: Vec<usize> = cols
            .iter()
            .zip(&shown)
            .map(|(&c, &s)| {
                if s {
                    min(c) + extra * weight(c) / total_w.max(1)
                } else {
                    0
                }
            })
            .collect();
        // Rounding leftovers (and a too-narrow screen) go to the name column.
        let used: usize =
            w.iter().sum::<usize>() + shown.iter().filter(|&&s| s).count().saturating_sub(1);
        if let Some(i) = cols.iter().position(|&c| c == Column::Name) {
            if used < width {
                w[i] += width - used;
            } else {
                w[i] = w[i].saturating_sub(used - width);
            }
        }
        w
    }

    fn column_at(&self, width: usize, x: usize) -> Option<Column> {
        let mut start = 0;
        for (c, w) in self.columns().into_iter().zip(self.column_widths(width)) {
            if w == 0 {
                continue;
            }
            if x >= start && x < start + w + 1 {
                return Some(c);
            }
            start += w + 1;
        }
        None
    }

    /// The table's current rows as (indicator, report name).
    pub fn table_rows(&self) -> Vec<(&Indicator, String)> {
        self.rows
            .iter()
            .map(|&(r, i)| (&self.indicators[r][i], report_name(&self.reports[r])))
            .collect()
    }

    pub fn table_tsv(&self) -> String {
        let rows = self.table_rows();
        let refs: Vec<(&Indicator, &str)> = rows.iter().map(|(i, n)| (*i, n.as_str())).collect();
        table::tsv(&self.columns(), &refs)
    }

    // ---------------------------------------------------------------- export

    /// Write the table's current rows to the dialog's file (never overwriting: a taken name
    /// gets a `-N` suffix) and say where it went.
    fn confirm_export(&mut self) {
        let Some(d) = &self.export else { return };
        let name = d.name_text();
        let name = name.trim();
        if name.is_empty() {
            if let Some(d) = &mut self.export {
                d.error = Some("Type a file name".into());
            }
            return;
        }
        let rows: Vec<Indicator> = self
            .table_rows()
            .into_iter()
            .map(|(i, _)| i.clone())
            .collect();
        let format = d.format;
        match crate::export_file::write(&rows, format, Some(std::path::Path::new(name))) {
            Ok(path) => {
                self.popup = None;
                self.export = None;
                let n = rows.len();
                self.set_toast(format!(
                    "Exported {n} row{} to {}",
                    if n == 1 { "" } else { "s" },
                    wrap::safe(&path.display().to_string())
                ));
            }
            Err(e) => {
                if let Some(d) = &mut self.export {
                    d.error = Some(wrap::safe(&e.to_string()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- copy

    fn copy(&mut self, what: &str, text: String) {
        let size = human_size(text.len());
        // Terminals drop (or choke on) clipboard writes of many megabytes.
        if text.len() > COPY_LIMIT {
            self.set_toast(format!(
                "Too big for the clipboard ({size}): export it with e, or p to print it"
            ));
            return;
        }
        self.set_toast(format!(
            "Copied {what} ({size}) to the clipboard via OSC 52"
        ));
        self.effects.push(Effect::Copy(text));
    }

    fn copy_table(&mut self) {
        if self.rows.is_empty() {
            self.set_toast("Nothing to copy: the indicator table is empty".into());
            return;
        }
        let n = self.rows.len();
        let tsv = if self.format == Format::Tsv {
            self.table_tsv()
        } else {
            let rows: Vec<Indicator> = self
                .table_rows()
                .into_iter()
                .map(|(i, _)| i.clone())
                .collect();
            crate::export::render(&rows, self.format)
        };
        self.copy(
            &format!("indicator table: {n} row{}", if n == 1 { "" } else { "s" }),
            tsv,
        );
    }

    fn copy_row(&mut self) {
        let Some(&(r, i)) = self.rows.get(self.row_sel) else {
            self.set_toast("Nothing to copy: no indicator row selected".into());
            return;
        };
        let name = report_name(&self.reports[r]);
        let tsv = table::tsv(&self.columns(), &[(&self.indicators[r][i], name.as_str())]);
        let row = tsv.lines().nth(1).unwrap_or_default().to_string();
        self.copy("indicator row", row);
    }

    fn copy_paragraph(&mut self) {
        let Some(r) = self.current() else { return };
        if self.para >= r.paragraphs.len() {
            return;
        }
        let text: String = r
            .paragraph_text(self.para)
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let n = text.chars().count();
        self.copy(&format!("paragraph: {n} chars"), text);
    }

    /// Go to a remembered position (if its report is loaded).
    pub fn restore_now(&mut self, pos: &crate::state::Position) {
        if let Some((ri, para, _)) = pos.resolve(&self.reports) {
            self.select_report(ri);
            self.para = para;
            self.layout_text();
            self.ensure_para_visible();
            self.refresh();
        }
    }

    /// How far a popup list can scroll (its lines minus the rows it shows).
    fn popup_max(&self) -> usize {
        let lines = match self.popup {
            Some(Popup::Help) => {
                let keys: usize = self
                    .keymap
                    .help()
                    .iter()
                    .filter(|(_, r)| !r.is_empty())
                    .map(|(_, r)| r.len() + 1)
                    .sum();
                keys + 1 + crate::search::QUERY_HELP.lines().count() + 2
            }
            Some(Popup::Errors) => self.errors.len(),
            _ => 0,
        };
        // Help: the screen minus two margin rows and the border; errors: four margin rows.
        let margin = if self.popup == Some(Popup::Errors) {
            6
        } else {
            4
        };
        lines.saturating_sub((self.size.1 as usize).saturating_sub(margin))
    }

    /// Where the user is, for the state file.
    pub fn position(&self) -> Option<crate::state::Position> {
        let r = self.current()?;
        Some(crate::state::Position {
            report: r.source.clone(),
            paragraph: self.para,
            section: r.paragraphs.get(self.para).and_then(|p| p.section),
        })
    }

    // ---------------------------------------------------------------- refresh

    /// Recompute what depends on the state and keep every selection in view.
    pub fn refresh(&mut self) {
        if self.report_sel >= self.reports.len() {
            self.report_sel = self.reports.len().saturating_sub(1);
        }
        if self.outline.is_empty() && !self.reports.is_empty() {
            self.rebuild_outline();
        }
        let nparas = self.current().map(|r| r.paragraphs.len()).unwrap_or(0);
        if self.para >= nparas {
            self.para = nparas.saturating_sub(1);
        }
        self.layout_text();
        let (_, th) = self.text_view();
        let max = self.lines.len().saturating_sub(th.max(1));
        self.text_scroll = self.text_scroll.min(max);
        self.sync_outline();
        self.row_sel = self.row_sel.min(self.rows.len().saturating_sub(1));
        let per = self.report_lines();
        self.report_scroll = keep_in_view(
            self.report_sel,
            self.report_scroll,
            self.list_height(Pane::Reports) / per,
            self.reports.len(),
        );
        self.outline_scroll = keep_in_view(
            self.outline_sel,
            self.outline_scroll,
            self.list_height(Pane::Outline),
            self.outline.len(),
        );
        self.row_scroll = keep_in_view(
            self.row_sel,
            self.row_scroll,
            self.list_height(Pane::Indicators),
            self.rows.len(),
        );
    }
}

/// The largest text sent through OSC 52 (the sequence is a third larger).
pub const COPY_LIMIT: usize = 1024 * 1024;

/// A scroll offset that keeps `sel` inside a `height`-row window over `len` rows.
fn keep_in_view(sel: usize, scroll: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut s = scroll.min(len.saturating_sub(height));
    if sel < s {
        s = sel;
    } else if sel >= s + height {
        s = sel + 1 - height;
    }
    s
}

pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    }
}
