//! The Compare view (`t`): one indicator over all loaded reports, places as rows and years as
//! columns, each cell a target and its result side by side with the gap (issue 11 item 4). The
//! model is [`baogao_core::panel::compare`]; this file holds the view's state, its choices
//! (indicator, measure, which results count) and its keys.
//!
//! Cost: every report's panel rows are worked out once — by the background loader, beside its
//! indicators ([`Msg::Figures`]), or else when the view first needs them — and kept packed
//! ([`PanelCache`]; reports whose figures come while the view is open join at `t` or the next
//! choice). A choice unpacks its indicator's rows and builds the model and its cell texts once;
//! drawing only reads them.

use super::*;
use baogao_core::indicators::{Kind, Measure};
use baogao_core::panel::compare::{compare_where, record_cells, Compare, COMPARE_COLUMNS};
use baogao_core::panel::pivot::default_measure;
use baogao_core::panel::{PackedRows, PanelRow};
use baogao_core::table::Format;
use ratatui::layout::Rect;
use std::collections::HashMap;

/// The indicator the view opens on when the reports have it.
const DEFAULT_INDICATOR: &str = "地区生产总值";

/// Which results enter the view (the targets always do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultKind {
    /// The actual figure, else the estimate (`预计`).
    Any,
    Actual,
    Estimate,
}

impl ResultKind {
    pub fn label(self) -> &'static str {
        match self {
            ResultKind::Any => "actual else estimate",
            ResultKind::Actual => "actual only",
            ResultKind::Estimate => "estimates only",
        }
    }

    fn next(self) -> ResultKind {
        match self {
            ResultKind::Any => ResultKind::Actual,
            ResultKind::Actual => ResultKind::Estimate,
            ResultKind::Estimate => ResultKind::Any,
        }
    }

    fn admits(self, k: Kind) -> bool {
        match (self, k) {
            (_, Kind::Target) | (ResultKind::Any, _) => true,
            (ResultKind::Actual, k) => k == Kind::Actual,
            (ResultKind::Estimate, k) => k == Kind::Estimate,
        }
    }
}

/// Every loaded report's panel rows, computed once per report and kept packed (a pile holds
/// hundreds of thousands), with each indicator's rows listed (a choice unpacks only its
/// indicator's rows).
#[derive(Debug, Default)]
pub struct PanelCache {
    /// Per report, in load order: its rows.
    pub packed: Vec<PackedRows>,
    /// Per indicator, its rows: (report, row) indices in `packed`.
    pub by_indicator: HashMap<String, Vec<(u32, u32)>>,
    /// Per indicator, its one-year figures with a place and a year (what the view can show).
    pub dated: HashMap<String, usize>,
    /// How many of the loaded reports are in the cache (the first ones).
    pub reports: usize,
    /// A report's index by its path (the first report of a path given twice).
    pub index: HashMap<String, usize>,
}

impl PanelCache {
    /// Take in report `i`'s rows.
    fn push(&mut self, i: usize, source: &str, rows: PackedRows) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for j in 0..rows.len() {
            let indicator = rows.indicator(j);
            if rows.span(j) == 1 && rows.year(j).is_some() && rows.place(j).is_some() {
                *self.dated.entry(indicator.to_string()).or_default() += 1;
            }
            let entry = (at(self.packed.len()), at(j));
            match self.by_indicator.get_mut(indicator) {
                Some(v) => v.push(entry),
                None => {
                    self.by_indicator.insert(indicator.to_string(), vec![entry]);
                }
            }
        }
        self.packed.push(rows);
        self.index.entry(source.to_string()).or_insert(i);
        self.reports = i + 1;
    }

    /// How many rows there are in all.
    pub fn row_count(&self) -> usize {
        self.by_indicator.values().map(Vec::len).sum()
    }

    /// The rows of indicator `name`, unpacked, in load order.
    pub fn rows_of(&self, name: &str) -> Vec<PanelRow> {
        self.rows_where(name, |_, _| true)
    }

    /// [`PanelCache::rows_of`] that `keep` (given a report's rows and a row's index) keeps:
    /// the others are not unpacked.
    pub fn rows_where(
        &self,
        name: &str,
        keep: impl Fn(&PackedRows, usize) -> bool,
    ) -> Vec<PanelRow> {
        let Some(list) = self.by_indicator.get(name) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|&(r, i)| {
                let p = self.packed.get(r as usize)?;
                let i = i as usize;
                (i < p.len() && keep(p, i)).then(|| p.get(i))
            })
            .collect()
    }
}

/// One cell's texts, made terminal-safe once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellText {
    pub target: String,
    pub result: String,
    pub gap: String,
}

/// The open view: its choices, the model they give, and the selection.
#[derive(Debug)]
pub struct CompareView {
    /// Indicators with one-year figures, most figures first, and how many each has.
    pub indicators: Vec<(String, usize)>,
    pub indicator: usize,
    pub measure: Measure,
    pub kind: ResultKind,
    pub model: Compare,
    /// `model`'s cells as text, row by row.
    pub texts: Vec<Vec<CellText>>,
    /// Per year: the widths of its target, result and gap texts (at least the header's).
    pub widths: Vec<(usize, usize, usize)>,
    /// The widest place name.
    pub place_width: usize,
    pub rows: ListView,
    /// The selected figure: `2 × year + 0` for a target, `+ 1` for a result.
    pub col: usize,
    /// How many reports the view was built over.
    pub reports: usize,
}

impl CompareView {
    pub fn year(&self) -> usize {
        self.col / 2
    }

    /// The selected side: true for the result.
    pub fn on_result(&self) -> bool {
        self.col % 2 == 1
    }

    pub fn indicator_name(&self) -> &str {
        self.indicators
            .get(self.indicator)
            .map_or("", |(n, _)| n.as_str())
    }
}

/// Whether the view is open, and the last view (kept for reopening where the user left it).
#[derive(Debug, Default)]
pub struct CompareState {
    pub open: bool,
    pub view: Option<CompareView>,
    pub cache: PanelCache,
}

/// Where the view draws: the table (header row included) and the chart below it, inside the
/// view's border, for a screen area without the status line.
pub struct CompareAreas {
    pub block: Rect,
    /// The line naming the choices.
    pub info: Rect,
    pub table: Rect,
    /// The selected cell's details.
    pub detail: Rect,
    pub chart: Rect,
}

/// Rows of the chart when there is room for it.
const CHART_HEIGHT: u16 = 7;

pub fn compare_areas(area: Rect) -> CompareAreas {
    let block = area;
    let inner = layout::inner(block);
    let chart_h = if inner.height >= 16 { CHART_HEIGHT } else { 0 };
    let row = |y: u16, h: u16| Rect::new(inner.x, y, inner.width, h);
    let info = row(inner.y, inner.height.min(1));
    let rest = inner.height.saturating_sub(1);
    let table_h = rest.saturating_sub(1 + chart_h);
    let table = row(inner.y + info.height, table_h);
    let detail = row(table.bottom(), rest.saturating_sub(table_h).min(1));
    let chart = row(
        detail.bottom(),
        chart_h.min(rest.saturating_sub(table_h + 1)),
    );
    CompareAreas {
        block,
        info,
        table,
        detail,
        chart,
    }
}

impl App {
    /// The screen without the status line: where the view goes.
    pub fn compare_screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(1))
    }

    /// Table rows in view (the header row aside).
    fn compare_height(&self) -> usize {
        (compare_areas(self.compare_screen()).table.height as usize).saturating_sub(1)
    }

    /// Add the reports with figures since the last call to the panel cache.
    fn fold_in_reports(&mut self) {
        let c = &mut self.compare.cache;
        for i in c.reports..self.extracted {
            let r = &self.reports[i];
            let rows = baogao_core::panel::rows_sharing_text(r, &self.indicators[i].to_vec());
            c.push(i, &r.source, PackedRows::new(r, &rows));
        }
    }

    /// The panel rows the loader worked out for report `idx`: taken when that report is the
    /// next one the cache lacks (else they are worked out when the view needs them).
    pub(super) fn add_panel_rows(&mut self, idx: usize, rows: PackedRows) {
        let c = &mut self.compare.cache;
        if c.reports == idx {
            c.push(idx, &self.reports[idx].source, rows);
        }
    }

    /// `t`: open the view (where it was left, brought up to date with reports loaded since).
    pub(super) fn open_compare(&mut self) {
        self.fold_in_reports();
        let fresh = self
            .compare
            .view
            .as_ref()
            .is_none_or(|v| v.reports != self.extracted);
        if fresh {
            let (indicator, measure, kind) = match &self.compare.view {
                Some(v) => (
                    Some(v.indicator_name().to_string()),
                    Some(v.measure),
                    v.kind,
                ),
                None => (None, None, ResultKind::Any),
            };
            self.build_compare(indicator, measure, kind);
        }
        if self
            .compare
            .view
            .as_ref()
            .is_none_or(|v| v.indicators.is_empty())
        {
            self.set_toast(
                "Nothing to compare: no dated figure of a core indicator in the loaded reports"
                    .into(),
            );
            return;
        }
        self.compare.open = true;
        self.filter.focused = false;
    }

    /// Build the view for a choice (`None`: the default indicator or measure).
    fn build_compare(
        &mut self,
        indicator: Option<String>,
        measure: Option<Measure>,
        kind: ResultKind,
    ) {
        self.fold_in_reports();
        let cache = &self.compare.cache;
        let mut indicators: Vec<(String, usize)> =
            cache.dated.iter().map(|(n, c)| (n.clone(), *c)).collect();
        indicators.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // The default as `panel --pivot` has it: 地区生产总值 when present, else the indicator
        // with the most figures.
        let name = indicator
            .filter(|n| indicators.iter().any(|(x, _)| x == n))
            .or_else(|| {
                indicators
                    .iter()
                    .find(|(n, _)| n == DEFAULT_INDICATOR)
                    .or(indicators.first())
                    .map(|(n, _)| n.clone())
            })
            .unwrap_or_default();
        // Only one-year rows enter the model or decide its default measure; once the measure is
        // chosen, only its rows.
        let rows = cache.rows_where(&name, |p, i| {
            p.span(i) == 1 && measure.is_none_or(|m| p.measure(i) == m)
        });
        let measure = measure.unwrap_or_else(|| default_measure(&rows, &name));
        let model = compare_where(&rows, &name, measure, |r| kind.admits(r.kind));
        drop(rows);
        let (texts, widths, place_width) = cell_texts(&model);
        let old = self.compare.view.take();
        let indicator = indicators.iter().position(|(n, _)| *n == name).unwrap_or(0);
        let mut view = CompareView {
            indicators,
            indicator,
            measure,
            kind,
            col: default_column(&model),
            model,
            texts,
            widths,
            place_width,
            rows: ListView::default(),
            reports: self.extracted,
        };
        // The same place and year stay selected across a choice, where they still exist.
        if let Some(old) = old {
            let place = old.model.rows.get(old.rows.sel).map(|r| r.0.clone());
            let year = old.model.years.get(old.year()).copied();
            if let Some(i) = place.and_then(|p| view.model.rows.iter().position(|r| r.0 == p)) {
                view.rows.sel = i;
            }
            if let Some(j) = year.and_then(|y| view.model.years.iter().position(|&x| x == y)) {
                view.col = 2 * j + old.col % 2;
            }
        }
        self.compare.view = Some(view);
    }

    /// An action while the view is open. False: not the view's (the app handles it: help,
    /// problems, quit, the export dialog's keys).
    pub(super) fn compare_update(&mut self, action: Action) -> bool {
        use Action as A;
        let h = self.compare_height();
        match action {
            A::Close => self.compare.open = false,
            // `t` again: bring the view up to date with reports loaded since it was built.
            A::OpenCompare => self.open_compare(),
            A::Open => self.compare_jump(),
            A::CopyTable => self.compare_copy(false),
            A::CopyRow => self.compare_copy(true),
            A::Export => self.open_export(),
            A::NextIndicator | A::PrevIndicator | A::NextMeasure | A::NextResultKind => {
                self.compare_choose(action)
            }
            A::CellLeft | A::CellRight => {
                if let Some(v) = &mut self.compare.view {
                    let n = 2 * v.model.years.len();
                    v.col = if action == A::CellRight {
                        (v.col + 1).min(n.saturating_sub(1))
                    } else {
                        v.col.saturating_sub(1)
                    };
                }
            }
            A::Help | A::ShowErrors | A::Quit | A::ToggleMouse => return false,
            _ => {
                if let Some(v) = &mut self.compare.view {
                    let n = v.model.rows.len();
                    v.rows.handle(action, n, h);
                }
            }
        }
        true
    }

    fn compare_choose(&mut self, action: Action) {
        use Action as A;
        let Some(v) = &self.compare.view else { return };
        let n = v.indicators.len().max(1);
        let (mut ind, mut measure, mut kind) = (v.indicator, Some(v.measure), v.kind);
        match action {
            A::NextIndicator => (ind, measure) = ((ind + 1) % n, None),
            A::PrevIndicator => (ind, measure) = ((ind + n - 1) % n, None),
            A::NextMeasure => {
                measure = Some(match v.measure {
                    Measure::Growth => Measure::Level,
                    Measure::Level => Measure::Growth,
                })
            }
            _ => kind = kind.next(),
        }
        let name = v.indicators.get(ind).map(|(n, _)| n.clone());
        self.build_compare(name, measure, kind);
    }

    /// Keep the selection in the window after a resize or a change.
    pub(super) fn compare_refresh(&mut self) {
        let h = self.compare_height();
        if let Some(v) = &mut self.compare.view {
            let n = v.model.rows.len();
            v.rows.keep_in_view(h, n);
            v.col = v.col.min((2 * v.model.years.len()).saturating_sub(1));
        }
    }

    /// `Enter`: the selected figure's paragraph in its report, the figure highlighted (as Enter
    /// on an indicator row). The other side of the cell when the selected side is empty.
    fn compare_jump(&mut self) {
        let Some(v) = &self.compare.view else { return };
        let Some((_, cells)) = v.model.rows.get(v.rows.sel) else {
            return;
        };
        let Some(cell) = cells.get(v.year()) else {
            return;
        };
        let at = if v.on_result() {
            cell.result_at.as_ref().or(cell.target_at.as_ref())
        } else {
            cell.target_at.as_ref().or(cell.result_at.as_ref())
        };
        let Some((report, offset)) = at.cloned() else {
            self.set_toast("No figure here to jump to".into());
            return;
        };
        let indicator = v.model.indicator.clone();
        let Some(&ri) = self.compare.cache.index.get(&report) else {
            return;
        };
        let found = self.indicators[ri]
            .iter()
            .position(|i| i.offset == offset && i.canonical == Some(&indicator))
            .or_else(|| self.indicators[ri].iter().position(|i| i.offset == offset));
        if let Some(ii) = found {
            self.compare.open = false;
            self.jump_to_indicator(ri, ii);
        }
    }

    /// The records of the whole view (or of the selected place), in the copy format.
    fn compare_text(
        &self,
        format: Format,
        dest: Destination,
        row_only: bool,
    ) -> Option<(String, usize)> {
        let v = self.compare.view.as_ref()?;
        let range = if row_only {
            v.rows.sel..v.rows.sel + 1
        } else {
            0..v.model.rows.len()
        };
        let recs = v.model.records(range);
        if recs.is_empty() {
            return None;
        }
        let text = baogao_core::table::render(&recs, format, dest, |rows| {
            baogao_core::panel::table::grid(COMPARE_COLUMNS, rows.iter().map(record_cells))
        });
        Some((text, recs.len()))
    }

    /// `y` (the whole view) and `Y` (the selected place): one record per place and year.
    fn compare_copy(&mut self, row_only: bool) {
        let dest = if row_only {
            Destination::Rows
        } else {
            Destination::Clipboard
        };
        let Some((text, n)) = self.compare_text(self.format, dest, row_only) else {
            self.set_toast("Nothing to copy: the comparison is empty".into());
            return;
        };
        let what = if row_only {
            "comparison row"
        } else {
            "comparison"
        };
        self.copy(
            &format!(
                "{what}: {n} record{}, {}",
                if n == 1 { "" } else { "s" },
                format_label(self.format)
            ),
            text,
        );
    }

    /// Whether the export dialog writes the comparison (else the indicator table).
    pub(super) fn exporting_compare(&self) -> bool {
        self.compare.open
    }

    /// Write the comparison to `name` (never overwriting); the path written and the records.
    pub(super) fn export_compare(
        &self,
        name: &str,
        format: Format,
    ) -> Result<(std::path::PathBuf, usize), String> {
        let path = self.export_path(name);
        let format = crate::export_file::format_of_name(&path).unwrap_or(format);
        let (text, n) = self
            .compare_text(format, Destination::File, false)
            .ok_or("Nothing to export: the comparison is empty")?;
        crate::export_file::write_content(&text, &path)
            .map(|p| (p, n))
            .map_err(|e| e.to_string())
    }
}

/// A year column's width: target, a space, result, and the gap after a space when there is one.
pub fn year_width((t, r, g): (usize, usize, usize)) -> usize {
    t + 1 + r + if g > 0 { 1 + g } else { 0 }
}

/// The column first selected: the latest year with a judged target, else the latest with a
/// target, else the last; on its target.
fn default_column(m: &Compare) -> usize {
    let latest = |f: &dyn Fn(&baogao_core::panel::compare::CompareCell) -> bool| {
        (0..m.years.len())
            .rev()
            .find(|&j| m.rows.iter().any(|(_, cells)| f(&cells[j])))
    };
    let year = latest(&|c| c.met.is_some())
        .or_else(|| latest(&|c| c.target.is_some()))
        .unwrap_or(m.years.len().saturating_sub(1));
    2 * year
}

/// The cells as terminal-safe text, each year's column widths and the widest place.
#[allow(clippy::type_complexity)]
fn cell_texts(m: &Compare) -> (Vec<Vec<CellText>>, Vec<(usize, usize, usize)>, usize) {
    let w = wrap::str_width;
    let mut widths: Vec<(usize, usize, usize)> = vec![(0, 0, 0); m.years.len()];
    let mut place_width = w("地区");
    let texts = m
        .rows
        .iter()
        .map(|(place, cells)| {
            place_width = place_width.max(w(&wrap::safe(place)));
            cells
                .iter()
                .zip(widths.iter_mut())
                .map(|(c, wd)| {
                    let t = CellText {
                        target: wrap::safe(&c.target_text()),
                        result: wrap::safe(&c.result_text()),
                        gap: wrap::safe(&c.gap_text()),
                    };
                    *wd = (
                        wd.0.max(w(&t.target)),
                        wd.1.max(w(&t.result)),
                        wd.2.max(w(&t.gap)),
                    );
                    t
                })
                .collect()
        })
        .collect();
    // The year heads a column: it must fit.
    for wd in &mut widths {
        let total = year_width(*wd);
        if total < 4 {
            wd.0 += 4 - total;
        }
    }
    (texts, widths, place_width)
}

#[cfg(test)]
mod tests;
