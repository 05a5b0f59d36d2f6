//! The reports pane's rows. Under a filter in all-reports scope the reports with a match come
//! first (in their loaded order) and those without are dimmed after them — or hidden, with
//! `H`. The selected report is always shown, even hidden, so that there is always a current
//! report. Without a filter (or in this-report scope) the rows are the reports as loaded.
//!
//! `reports_view.sel` stays a report index; `reports_view.scroll` counts rows.

use super::*;

impl App {
    /// Are the reports reordered (matches first) now?
    fn reordered(&self) -> bool {
        self.filter.active() && self.filter.all_reports
    }

    /// The report shown on each row of the reports pane, top to bottom.
    pub fn reports_pane_rows(&self) -> Vec<usize> {
        let all = 0..self.reports.len();
        if !self.reordered() {
            return all.collect();
        }
        // The matches are sorted by report: one pass over them lists the reports with hits
        // (a lookup per report cost milliseconds on a big pile, several times a frame).
        let mut has = vec![false; self.reports.len()];
        for m in self.filter.matches.chunk_by(|a, b| a.0 == b.0) {
            if let Some(h) = has.get_mut(m[0].0) {
                *h = true;
            }
        }
        let (with, without): (Vec<usize>, Vec<usize>) = all.partition(|&i| has[i]);
        let mut rows = with;
        if self.hide_unmatched {
            let sel = self.reports_view.sel;
            if without.contains(&sel) {
                // Kept where it was loaded among the others.
                let at = rows.partition_point(|&r| r < sel);
                rows.insert(at, sel);
            }
        } else {
            rows.extend(without);
        }
        rows
    }

    /// The row the selected report is on, and the number of rows.
    pub(super) fn selected_row(&self) -> (usize, usize) {
        let rows = self.reports_pane_rows();
        let at = rows
            .iter()
            .position(|&r| r == self.reports_view.sel)
            .unwrap_or(0);
        (at, rows.len())
    }

    /// A movement in the reports pane, over rows.
    pub(super) fn move_report_row(&mut self, action: Action, height: usize) {
        let rows = self.reports_pane_rows();
        let (at, _) = self.selected_row();
        let mut v = ListView {
            sel: at,
            scroll: self.reports_view.scroll,
        };
        if v.handle(action, rows.len(), height) {
            self.reports_view.scroll = v.scroll;
            if let Some(&r) = rows.get(v.sel) {
                if r != self.reports_view.sel {
                    self.select_report(r);
                }
            }
        }
    }

    /// The report on row `row` of the pane (counted from the top of the list).
    pub(super) fn report_on_row(&self, row: usize) -> Option<usize> {
        self.reports_pane_rows().get(row).copied()
    }

    /// Keep the selected report's row in the `height`-row window.
    pub(super) fn keep_report_in_view(&mut self, height: usize) {
        let (at, len) = self.selected_row();
        let mut v = ListView {
            sel: at,
            scroll: self.reports_view.scroll,
        };
        v.keep_in_view(height, len);
        self.reports_view.scroll = v.scroll;
    }

    /// `H`: reports without a match sorted last / hidden.
    pub(super) fn toggle_unmatched(&mut self) {
        self.hide_unmatched = !self.hide_unmatched;
        self.set_toast(
            if self.hide_unmatched {
                "Reports without a match: hidden"
            } else {
                "Reports without a match: listed last"
            }
            .into(),
        );
        self.refresh();
    }
}
