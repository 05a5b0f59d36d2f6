//! Application state and `update`: every change of state goes through here. Drawing reads this
//! state and never changes it; terminal effects (clipboard, mouse mode) are queued as
//! [`Effect`]s for the event loop to perform after the next draw.

use super::keymap::{self, Action, Context, Keymap};
use super::layout::{self, Areas, Pane, PANES};
use super::table::{self, Column, COLUMNS};
use super::theme::Theme;
use super::wrap;
use baogao_core::export::Format;
use baogao_core::indicators::{Indicator, Packed};
use baogao_core::panel::PackedRows;
use baogao_core::report::Report;
use baogao_core::search::Query;
use baogao_core::table::Destination;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui_textarea::{CursorMove, TextArea};
use std::collections::HashSet;
use std::sync::Arc;

pub mod compare;
mod early;
mod events;
mod export;
mod filter;
mod keywords;
mod labels;
mod list;
mod msg;
mod navigate;
mod order;
mod popup;
mod rows;
pub mod section;
mod text;
mod update;

pub use export::{format_label, ExportDialog, FORMATS};
pub use filter::PLACEHOLDER_EXAMPLES;
pub use list::ListView;
pub use msg::Msg;
pub use popup::{HelpLine, Scroller};

/// Something only the terminal can do, performed after the next draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Copy(String),
    Mouse(bool),
    /// Show this text in `$PAGER` (the screen is given back meanwhile).
    Pager(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Errors,
    Export,
    /// The `:` prompt: jump to a section by its number.
    Jump,
    /// `K`: the keywords of the report or section.
    Keywords,
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
    /// The query being searched for on the worker, while the screen still shows the matches
    /// of the one before ("searching…").
    pub pending: Option<Query>,
    /// The matches cover the first `covered` reports (the rest are still being indexed).
    pub covered: usize,
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
            pending: None,
            covered: 0,
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
    /// Shared with the loader, which extracts their figures after they are shown.
    pub reports: Vec<Arc<Report>>,
    /// Each report's figures, packed (a pile holds a million); empty for a report still
    /// waiting for them.
    pub indicators: Vec<Packed>,
    /// The reports before this one have their figures (the rest are waiting for the loader).
    extracted: usize,
    /// The figures of one waiting report, asked for ahead of their turn (the selected one's).
    early: Option<early::Early>,
    /// The table's rows are to be rebuilt at the end of the burst (figures came in under a
    /// sorted table).
    rows_stale: bool,
    /// Indicators over all reports: (core ones, every figure).
    ind_totals: (usize, usize),
    /// Every indicator's name and standard name, for matching the filter quickly: built the
    /// first time every figure is shown (most sessions never do; a ninth of the figures are
    /// core indicators).
    names: Option<super::names::NameIndex>,
    /// The same for the core indicators only (the default table).
    core_names: super::names::NameIndex,
    /// The report list's labels, worked out as reports arrive.
    pub list_labels: labels::ListLabels,
    /// Load failures, after the config and state problems (the first `config_problems`).
    pub errors: Vec<String>,
    pub config_problems: usize,
    pub progress: Option<Progress>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub hint: Option<String>,
    pub size: (u16, u16),
    pub focus: Pane,
    pub show_indicators: bool,
    /// Every figure in the table, not only the core indicators (those with a canonical name).
    pub all_figures: bool,
    pub popup: Option<Popup>,
    /// The open popup's scroll (owned by the popup, reset when one opens).
    pub popup_scroll: Scroller,
    pub toast: Option<String>,
    toast_ticks: u32,
    pub quit: bool,
    pub print_table: bool,
    pub mouse: bool,
    pub effects: Vec<Effect>,
    // Reports pane.
    pub reports_view: ListView,
    /// Under a filter over all reports: hide the reports without a match (else listed last).
    pub hide_unmatched: bool,
    /// The keywords popup's words and worker.
    pub keywords: keywords::KeywordsState,
    // Outline pane.
    pub outline: Vec<OutlineRow>,
    pub collapsed: HashSet<usize>,
    pub outline_view: ListView,
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
    pub rows_view: ListView,
    pub sort: Option<(Column, bool)>,
    /// The indicator table fills the screen while it has the focus (`z`).
    pub zoom: bool,
    pub filter: Filter,
    pub export: Option<ExportDialog>,
    /// Where a relative export name is written: the current directory when `None`.
    pub export_dir: Option<std::path::PathBuf>,
    /// The `:` prompt's input.
    pub jump: TextArea<'static>,
    /// The figure the last jump from the indicator table went to: (report, paragraph, chars
    /// `[start, end)` of the paragraph text), drawn highlighted.
    pub figure: Option<(usize, usize, usize, usize)>,
    /// Copy and export format (config `format`).
    pub format: Format,
    /// The widest the text is wrapped, in columns (config `text_width`; 0: the pane's width).
    pub text_width: usize,
    /// Where to go once that report has loaded (restored from the last session).
    pub restore: Option<crate::state::Position>,
    /// The user has pressed a key (a late restore must not yank them away).
    touched: bool,
    /// The worker that indexes the reports and runs the filter's queries.
    search: super::searcher::Searcher,
    /// The generation of the last query sent to it (answers to older ones are dropped).
    search_gen: u64,
    /// Inside a burst of messages: filter changes wait for its end.
    batching: bool,
    /// The filter input changed and the search has not run yet.
    filter_stale: bool,
    /// Searches run so far (one per burst of typing).
    pub searches: u64,
    /// Bumped whenever the matches change, so the text layout knows to re-wrap.
    filter_gen: u64,
    /// What the text layout was last computed for; unchanged inputs skip the re-wrap.
    text_key: Option<TextKey>,
    /// The pane layout, computed once per change of size or panes shown.
    areas_cache: std::cell::Cell<Option<(AreasKey, Areas)>>,
    /// The Compare view (`t`) and the panel rows it is built from.
    pub compare: compare::CompareState,
}

/// Everything the wrapped text depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextKey {
    width: usize,
    report: usize,
    reports: usize,
    section: Option<usize>,
    narrowed: bool,
    filter_gen: u64,
}

/// Everything the pane layout depends on.
type AreasKey = (u16, u16, Pane, bool, usize, bool);

/// Does paragraph `p` open a section (a heading line)?
pub fn is_heading(r: &Report, p: usize) -> bool {
    r.paragraphs[p]
        .section()
        .is_some_and(|s| r.sections[s].heading() == p)
}

/// Where a heading paragraph's heading ends, in display chars (see [`display_chars`]): after
/// its first `。` (`一是加快发展。全年…` is a heading sentence followed by body text), else the
/// whole paragraph. `None` for paragraphs that open no section.
pub fn heading_end(r: &Report, p: usize) -> Option<usize> {
    if !is_heading(r, p) {
        return None;
    }
    let (chars, _) = display_chars(r, p);
    Some(
        chars
            .iter()
            .position(|&c| c == '。')
            .map_or(chars.len(), |i| i + 1),
    )
}

/// The paragraph as displayed: body paragraphs get the customary `　　` indent.
pub fn display_chars(r: &Report, p: usize) -> (Vec<char>, usize) {
    let text = r.paragraph_text(p);
    // Title lines before the first section stay flush; so do headings.
    let title_line =
        r.paragraphs[p].section().is_none() && text.chars().count() <= 40 && !text.ends_with('。');
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

/// `一、2023年工作回顾 › （一）…` for a section: the marker as the report writes it (`第一，`,
/// `（一）`), not its width-folded form, then the title.
pub fn section_label(r: &Report, s: usize) -> String {
    let sec = &r.sections[s];
    let label = sec
        .label
        .as_deref()
        .map(|l| label_as_written(r, sec.heading(), l).unwrap_or_else(|| l.to_string()))
        .unwrap_or_default();
    baogao_core::marker::heading_text(&label, &sec.title)
}

/// The chars of the heading paragraph's display text where its folded text has `label` (folding
/// is char-for-char, so the positions agree).
fn label_as_written(r: &Report, heading: usize, label: &str) -> Option<String> {
    if heading >= r.paragraphs.len() {
        return None;
    }
    let folded = r.paragraph_folded(heading);
    let at = folded.find(label)?;
    let start = folded[..at].chars().count();
    let len = label.chars().count();
    Some(
        r.paragraph_text(heading)
            .chars()
            .skip(start)
            .take(len)
            .collect(),
    )
}

impl App {
    pub fn new(reports: Vec<Report>, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            reports: Vec::new(),
            indicators: Vec::new(),
            names: None,
            core_names: super::names::NameIndex::new(),
            list_labels: labels::ListLabels::default(),
            ind_totals: (0, 0),
            extracted: 0,
            early: None,
            rows_stale: false,
            errors: Vec::new(),
            config_problems: 0,
            progress: None,
            keymap,
            theme,
            hint: None,
            size: (80, 24),
            focus: Pane::Text,
            show_indicators: true,
            all_figures: false,
            popup: None,
            popup_scroll: Scroller::default(),
            toast: None,
            toast_ticks: 0,
            quit: false,
            print_table: false,
            mouse: true,
            effects: Vec::new(),
            reports_view: ListView::default(),
            hide_unmatched: false,
            keywords: Default::default(),
            outline: Vec::new(),
            collapsed: HashSet::new(),
            outline_view: ListView::default(),
            para: 0,
            match_span: 0,
            text_scroll: 0,
            narrow: true,
            section_only: None,
            lines: Vec::new(),
            rows: Vec::new(),
            rows_view: ListView::default(),
            sort: None,
            zoom: false,
            filter: Filter::new(),
            export: None,
            export_dir: None,
            jump: TextArea::default(),
            figure: None,
            format: Format::Tsv,
            text_width: 0,
            restore: None,
            touched: false,
            search: super::searcher::Searcher::new(),
            search_gen: 0,
            batching: false,
            filter_stale: false,
            searches: 0,
            filter_gen: 0,
            text_key: None,
            areas_cache: std::cell::Cell::new(None),
            compare: compare::CompareState::default(),
        };
        for r in reports {
            let ind = baogao_core::indicators::extract(&r);
            app.add_report(r, ind);
        }
        app.refresh();
        app
    }

    // ---------------------------------------------------------------- geometry

    /// The pane layout for the current size and panes, computed once per change.
    pub fn areas(&self) -> Areas {
        let zoomed = self.table_zoomed();
        let key = (
            self.size.0,
            self.size.1,
            self.focus,
            self.show_indicators,
            self.report_lines() * self.reports.len().max(1),
            zoomed,
        );
        if let Some((k, a)) = self.areas_cache.get() {
            if k == key {
                return a;
            }
        }
        let a = layout::areas(key.0, key.1, key.2, key.3, key.4);
        let a = if zoomed { layout::zoom_table(a) } else { a };
        self.areas_cache.set(Some((key, a)));
        a
    }

    /// Whether the indicator table fills the screen: zoomed (`z`), shown, and focused.
    pub fn table_zoomed(&self) -> bool {
        self.zoom && self.show_indicators && self.focus == Pane::Indicators
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
        let mut w = (r.width as usize).saturating_sub(1);
        if self.text_width > 0 {
            w = w.min(self.text_width);
        }
        (w, (r.height as usize).saturating_sub(1))
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
        if self.popup == Some(Popup::Jump) {
            return Context::Jump;
        }
        if self.popup.is_some() {
            return Context::Popup;
        }
        if self.compare.open {
            return Context::Compare;
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
        self.reports.get(self.reports_view.sel).map(|r| &**r)
    }

    // ---------------------------------------------------------------- loading

    /// A report arrived (from the background loader or at start).
    pub fn add_report(&mut self, r: Report, indicators: Vec<Indicator>) {
        let packed = Packed::new(&r, &indicators);
        drop(indicators);
        self.add_packed(r, packed, None);
    }

    /// [`App::add_report`] with the figures packed already (and the panel rows, if worked
    /// out). Only while no report before it is waiting for its figures (reports in hand at
    /// start, tests, benchmarks).
    pub fn add_packed(&mut self, r: Report, indicators: Packed, panel: Option<PackedRows>) {
        let r = Arc::new(r);
        self.push_report(r.clone());
        self.take_figures(&r, indicators, panel);
        if std::mem::take(&mut self.rows_stale) {
            self.rebuild_rows();
        }
        self.refresh();
    }

    /// A report arrived; its figures come later ([`App::take_figures`]).
    pub fn add_pending(&mut self, r: Arc<Report>) {
        self.push_report(r);
        self.refresh();
    }

    fn push_report(&mut self, r: Arc<Report>) {
        self.flush_filter();
        let idx = self.reports.len();
        // Indexed (and checked against the standing query) on the worker; its matches come
        // back as a message.
        self.search.add(&r);
        self.list_labels.push(&r);
        self.reports.push(r);
        self.indicators.push(Packed::default());
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
    }

    /// The figures of `r`, the first report waiting for them (else they are not taken): its
    /// indicators and, when worked out already, its panel rows. The screen is brought up to
    /// date at the end of the burst ([`App::handle`]).
    pub fn take_figures(&mut self, r: &Arc<Report>, indicators: Packed, panel: Option<PackedRows>) {
        let idx = self.extracted;
        if !self.reports.get(idx).is_some_and(|x| Arc::ptr_eq(x, r)) {
            return;
        }
        self.flush_filter();
        self.extracted += 1;
        self.end_early(idx);
        let entries = || {
            indicators
                .iter()
                .enumerate()
                .map(|(ii, i)| (ii, i.name, i.canonical, i.paragraph))
        };
        if let Some(names) = &mut self.names {
            names.push(entries());
        }
        self.core_names
            .push(entries().filter(|(_, _, canonical, _)| canonical.is_some()));
        self.ind_totals.0 += (0..indicators.len())
            .filter(|&i| indicators.is_core(i))
            .count();
        self.ind_totals.1 += indicators.len();
        self.indicators[idx] = indicators;
        if let Some(rows) = panel {
            self.add_panel_rows(idx, rows);
        }
        let spanning = self.filter.active() && self.filter.all_reports;
        if spanning && self.sort.is_some() {
            self.rows_stale = true;
        } else if spanning {
            self.refresh_rows_of(idx);
        } else if idx == self.reports_view.sel {
            self.rebuild_rows();
        }
    }

    /// Reports still waiting for their figures.
    pub fn figures_pending(&self) -> usize {
        self.reports.len() - self.extracted
    }

    /// Reports whose figures the table still waits for: under a filter over every report, all
    /// those still waiting; else the selected report, if it is (the one it asks the loader
    /// for, [`App::figures_wanted`]).
    pub fn figures_the_table_waits_for(&self) -> usize {
        if self.filter.active() && self.filter.all_reports {
            self.figures_pending()
        } else {
            usize::from(self.figures_wanted().is_some())
        }
    }

    /// Reports with their figures (the first ones: figures come in report order).
    pub fn with_figures(&self) -> usize {
        self.extracted
    }

    /// Under a filter over all reports, unsorted: the table's rows of report `idx` again (its
    /// figures came in), in place; the rest stay.
    fn refresh_rows_of(&mut self, idx: usize) {
        let range = self.figure_names().report_range(idx);
        let names = self
            .filter
            .query
            .as_ref()
            .map(|q| self.figure_names().matching_in(q, range));
        let mut fresh = Vec::new();
        self.report_rows(idx, self.report_hits(idx), names.as_deref(), &mut fresh);
        let lo = self.rows.partition_point(|r| r.0 < idx);
        let hi = self.rows.partition_point(|r| r.0 <= idx);
        if fresh.is_empty() && lo == hi {
            return;
        }
        let sel = &mut self.rows_view.sel;
        if *sel >= hi && !self.rows.is_empty() {
            *sel = *sel + fresh.len() - (hi - lo);
        }
        self.rows.splice(lo..hi, fresh);
    }

    /// Indicators over all reports: the core ones, or every figure.
    pub fn indicator_totals(&self, every_figure: bool) -> usize {
        if every_figure {
            self.ind_totals.1
        } else {
            self.ind_totals.0
        }
    }

    pub fn add_error(&mut self, message: String) {
        self.errors.push(wrap::safe(&message));
    }

    /// Config and state problems: listed under `!` before the load failures, announced once.
    pub fn add_problems(&mut self, problems: Vec<String>) {
        if problems.is_empty() {
            return;
        }
        let n = problems.len();
        self.config_problems += n;
        self.errors
            .splice(0..0, problems.iter().map(|p| wrap::safe(p)));
        self.set_toast(format!(
            "{n} problem{} with the config or state file — press ! for the list",
            if n == 1 { "" } else { "s" }
        ));
    }

    pub fn set_progress(&mut self, p: Progress) {
        let failed = self.errors.len() - self.config_problems;
        if p.finished && failed > 0 {
            self.set_toast(format!(
                "{failed} file(s) failed to load — press ! for the list"
            ));
        }
        self.progress = Some(p);
    }

    // ---------------------------------------------------------------- refresh

    /// Recompute what depends on the state and keep every selection in view.
    pub fn refresh(&mut self) {
        if self.reports_view.sel >= self.reports.len() {
            self.reports_view.sel = self.reports.len().saturating_sub(1);
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
        let per = self.report_lines();
        let heights = (
            self.list_height(Pane::Reports) / per,
            self.list_height(Pane::Outline),
            self.list_height(Pane::Indicators),
        );
        self.keep_report_in_view(heights.0);
        self.outline_view
            .keep_in_view(heights.1, self.outline.len());
        self.rows_view.keep_in_view(heights.2, self.rows.len());
        self.compare_refresh();
    }
}

/// The largest text sent through OSC 52 (the sequence is a third larger).
pub const COPY_LIMIT: usize = 1024 * 1024;

pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    }
}
