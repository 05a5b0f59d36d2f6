//! The indicator table's rows: which indicators follow the filter, their order, the columns
//! and their widths.

use super::*;

/// How many leading rows of the table set its column widths (besides the rows in view).
const WIDTH_SAMPLE: usize = 200;

impl App {
    /// Table columns: the report name leads when the table spans reports; the zoomed table
    /// adds the sentence.
    pub fn columns(&self) -> Vec<Column> {
        let mut cols = Vec::new();
        if self.filter.all_reports && self.filter.active() && self.reports.len() > 1 {
            cols.push(Column::Report);
        }
        cols.extend(COLUMNS);
        if self.table_zoomed() {
            cols.push(Column::Quote);
        }
        cols
    }

    pub(super) fn rebuild_rows(&mut self) {
        let sel = self.rows.get(self.rows_view.sel).copied();
        let mut rows = Vec::new();
        let spanning = self.filter.all_reports && self.filter.active();
        let reports = if spanning {
            0..self.reports.len()
        } else if self.reports_view.sel < self.reports.len() {
            self.reports_view.sel..self.reports_view.sel + 1
        } else {
            0..0
        };
        let index = self.figure_names();
        let name_hits = self.filter.query.as_ref().map(|q| index.matching(q));
        // The matches are sorted by report: each report's run is found by walking them once.
        let matches = &self.filter.matches;
        let mut at = matches.partition_point(|m| m.0 < reports.start);
        for ri in reports {
            let start = at;
            while matches.get(at).is_some_and(|m| m.0 == ri) {
                at += 1;
            }
            let early_hits;
            let names = if self.is_early(ri) {
                let (index, range) = self.names_of(ri);
                early_hits = self
                    .filter
                    .query
                    .as_ref()
                    .map(|q| index.matching_in(q, range));
                early_hits.as_deref()
            } else {
                let range = self.figure_names().report_range(ri);
                name_hits.as_ref().map(|n| &n[range])
            };
            self.report_rows(ri, &matches[start..at], names, &mut rows);
        }
        if let Some((col, asc)) = self.sort {
            let names: Vec<String> = self.reports.iter().map(|r| report_name(r)).collect();
            // Stable: rows equal by the column and name keep their text order.
            rows.sort_by(|a, b| {
                let x = self.indicators[a.0].figure(a.1);
                let y = self.indicators[b.0].figure(b.1);
                if col == Column::Report {
                    let o = baogao_core::table::collate(&names[a.0], &names[b.0]);
                    let o = if asc { o } else { o.reverse() };
                    o.then_with(|| baogao_core::table::compare(x, y, Column::Label, false))
                } else {
                    baogao_core::table::compare(x, y, col, !asc)
                }
            });
        }
        self.rows = rows;
        self.rows_view.sel = sel
            .and_then(|s| self.rows.iter().position(|&r| r == s))
            .unwrap_or(0);
    }

    /// The names of the indicators the table shows: the core ones, or every figure.
    pub(super) fn figure_names(&self) -> &crate::tui::names::NameIndex {
        match (&self.names, self.all_figures) {
            (Some(every), true) => every,
            _ => &self.core_names,
        }
    }

    /// Show every figure in the table, or the core indicators only. The index of every
    /// figure's name is made the first time it is needed.
    pub(super) fn show_every_figure(&mut self, every: bool) {
        if every && self.names.is_none() {
            let mut names = crate::tui::names::NameIndex::new();
            // Over the reports with figures: the rest join as theirs come.
            for inds in &self.indicators[..self.extracted] {
                names.push(
                    inds.iter()
                        .enumerate()
                        .map(|(ii, i)| (ii, i.name, i.canonical, i.paragraph)),
                );
            }
            self.names = Some(names);
        }
        self.all_figures = every;
        self.rebuild_rows();
    }

    /// The rows of one report that follow the filter: the shown indicators (the entries of
    /// [`App::figure_names`]) in matching paragraphs (`hits`: the report's matches), or whose
    /// name matches (`names`: per entry of this report; `None`: no filter, all rows).
    pub(super) fn report_rows(
        &self,
        ri: usize,
        hits: &[(usize, usize)],
        names: Option<&[bool]>,
        rows: &mut Vec<(usize, usize)>,
    ) {
        // Runs over the whole pile on every search: the compact paragraph numbers of the shown
        // entries are read, never the indicators themselves.
        let (index, range) = self.names_of(ri);
        let members = index.members(range.clone());
        let Some(names) = names else {
            rows.extend(members.iter().map(|&ii| (ri, ii as usize)));
            return;
        };
        if hits.is_empty() {
            // No matching paragraph: the rows whose names match, if any.
            if names.contains(&true) {
                let named = members.iter().zip(names).filter(|&(_, &n)| n);
                rows.extend(named.map(|(&ii, _)| (ri, ii as usize)));
            }
            return;
        }
        // Indicators come in text order, so the report's matches are walked alongside.
        let paras = index.paragraphs(range);
        let mut h = 0;
        for (e, (&ii, &para)) in members.iter().zip(paras).enumerate() {
            let para = para as usize;
            while h < hits.len() && hits[h].1 < para {
                h += 1;
            }
            let in_hit = hits.get(h).is_some_and(|x| x.1 == para);
            if in_hit || names.get(e).copied().unwrap_or(false) {
                rows.push((ri, ii as usize));
            }
        }
    }

    /// Column widths for a table `width` cells wide (same order as [`App::columns`]), fitted
    /// to the header, the leading rows and the rows in view ([`table::fit`]).
    pub fn column_widths(&self, width: usize) -> Vec<usize> {
        let cols = self.columns();
        // The sorted column's header carries an arrow.
        let arrow = |c: Column| usize::from(self.sort.is_some_and(|(s, _)| s == c));
        let mut natural: Vec<usize> = cols
            .iter()
            .map(|&c| wrap::str_width(c.header()) + arrow(c))
            .collect();
        // The first rows of the table and the rows in view: widths stay put while scrolling
        // a table of ordinary size, and a huge one costs no more than a few hundred rows.
        let view = self.list_height(Pane::Indicators).max(1);
        let head = self.rows.len().min(WIDTH_SAMPLE);
        let seen = (0..head).chain(self.rows_view.scroll.max(head)..(self.rows_view.scroll + view));
        let with_report = cols.contains(&Column::Report);
        // Rows of a report come together: its name is worked out once per run of them.
        let mut name = (usize::MAX, String::new());
        for &(ri, ii) in seen.filter_map(|i| self.rows.get(i)) {
            if with_report && name.0 != ri {
                name = (ri, report_name(&self.reports[ri]));
            }
            let name = &name.1;
            for (n, &c) in natural.iter_mut().zip(&cols) {
                *n = (*n).max(table::cell_width(self.indicators[ri].figure(ii), c, name));
            }
        }
        table::fit(&cols, &natural, width)
    }

    pub(super) fn column_at(&self, width: usize, x: usize) -> Option<Column> {
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

    /// The table's current rows, in their order.
    pub fn table_rows(&self) -> Vec<Indicator> {
        self.rows
            .iter()
            .map(|&(r, i)| self.indicators[r].get(i))
            .collect()
    }

    /// The table as `y` copies it and `p` prints it: every column, in the configured format
    /// (see [`baogao_core::table`] for the rule).
    pub fn table_text(&self, dest: Destination) -> String {
        baogao_core::table::render_indicators(&self.table_rows(), self.format, dest)
    }
}
