//! Figures ahead of their turn. The loader extracts figures in report order after a pile is
//! listed, so a reader who opens a report deep in a big pile would wait for the pass to reach
//! it; the selected report's are asked for at once ([`App::figures_wanted`]) and shown in its
//! table until their turn. They stay out of the pile's name indexes (those take reports in
//! order): the report has small indexes of its own meanwhile.

use super::*;
use crate::tui::names::NameIndex;

/// A report's figures that came ahead of their turn.
pub(super) struct Early {
    report: usize,
    /// Its names for the filter, as [`App::figure_names`] has the pile's: the core
    /// indicators', and every figure's.
    core: NameIndex,
    every: NameIndex,
}

impl App {
    /// The indicators of `r`, a report still waiting for its figures, ahead of their turn (the
    /// loader's answer to [`App::figures_wanted`]). Its [`App::take_figures`] still comes.
    pub fn take_early_figures(&mut self, r: &Arc<Report>, indicators: Packed) {
        let waiting = &self.reports[self.extracted.min(self.reports.len())..];
        let Some(idx) = waiting.iter().position(|x| Arc::ptr_eq(x, r)) else {
            return;
        };
        let idx = idx + self.extracted;
        let entries = || {
            indicators
                .iter()
                .enumerate()
                .map(|(ii, i)| (ii, i.name, i.canonical, i.paragraph))
        };
        let (mut core, mut every) = (NameIndex::new(), NameIndex::new());
        core.push(entries().filter(|(_, _, canonical, _)| canonical.is_some()));
        every.push(entries());
        self.indicators[idx] = indicators;
        self.early = Some(Early {
            report: idx,
            core,
            every,
        });
        self.rebuild_rows();
    }

    /// The report whose figures the table waits for alone, to ask the loader for ahead of
    /// their turn: the selected one, while its figures are still to come (and not under a
    /// filter over every report, whose table waits for all of them).
    pub fn figures_wanted(&self) -> Option<usize> {
        let sel = self.reports_view.sel;
        let alone = !(self.filter.active() && self.filter.all_reports);
        (alone && sel < self.reports.len() && sel >= self.extracted && !self.is_early(sel))
            .then_some(sel)
    }

    /// Does report `ri` have figures ahead of their turn?
    pub fn is_early(&self, ri: usize) -> bool {
        ri >= self.extracted && self.early.as_ref().is_some_and(|e| e.report == ri)
    }

    /// Report `ri`'s turn came: its figures are in the pile's indexes now.
    pub(super) fn end_early(&mut self, ri: usize) {
        if self.early.as_ref().is_some_and(|e| e.report == ri) {
            self.early = None;
        }
    }

    /// The name index that holds report `ri`'s entries in the table's view, and their range
    /// there: the pile's ([`App::figure_names`]), or the report's own while its figures are
    /// early.
    pub(super) fn names_of(&self, ri: usize) -> (&NameIndex, std::ops::Range<usize>) {
        match &self.early {
            Some(e) if self.is_early(ri) => {
                let index = if self.all_figures { &e.every } else { &e.core };
                (index, index.report_range(0))
            }
            _ => {
                let index = self.figure_names();
                (index, index.report_range(ri))
            }
        }
    }
}
