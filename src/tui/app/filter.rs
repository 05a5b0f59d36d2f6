//! The live filter: running the query (index plus reports not yet indexed), the matches, and
//! moving between them.

use super::*;
use crate::tui::searcher::Found;

/// The examples the empty filter shows; each matches something in the bundled samples (a test
/// checks), so a first try finds something.
pub const PLACEHOLDER_EXAMPLES: &[&str] = &["就业", "收入 -税收", "\"一般公共预算\""];

impl App {
    /// The current paragraph's place among the matches in scope, and how many there are:
    /// `(Some(k), n)` for the k-th (1-based), `(None, n)` when the paragraph is not a match.
    pub fn match_position(&self) -> (Option<usize>, usize) {
        let here = (self.reports_view.sel, self.para);
        let list = if self.filter.all_reports {
            &self.filter.matches[..]
        } else {
            self.report_hits(self.reports_view.sel)
        };
        (list.binary_search(&here).ok().map(|i| i + 1), list.len())
    }

    /// The filter input changed: search now, or at the end of the burst being handled.
    pub fn filter_changed(&mut self) {
        if self.batching {
            self.filter_stale = true;
        } else {
            self.filter_stale = false;
            self.run_filter();
        }
    }

    /// Send the query in the input to the search worker. The screen keeps the previous
    /// matches (marked "searching…") until the answer arrives ([`App::found`]); an empty or
    /// broken query clears the matches at once.
    pub(super) fn run_filter(&mut self) {
        let text = self.filter.text();
        self.filter.error = None;
        self.search_gen += 1;
        let parsed = (!text.trim().is_empty()).then(|| Query::parse(&text, self.filter.words));
        if let Some(Ok(q)) = parsed {
            self.searches += 1;
            self.search.search(self.search_gen, Some(q.clone()));
            self.filter.pending = Some(q);
            return;
        }
        self.search.search(self.search_gen, None);
        if let Some(Err(e)) = parsed {
            self.filter.error = Some(e.to_string());
        }
        self.filter.pending = None;
        self.set_matches(None, Vec::new(), self.reports.len());
    }

    /// An answer from the search worker: the matches of the query typed last (answers to
    /// older queries are dropped).
    pub fn found(&mut self, found: Found) {
        match found {
            Found::All {
                gen,
                matches,
                reports,
            } if gen == self.search_gen => {
                let q = self.filter.pending.take();
                self.set_matches(q, matches, reports);
            }
            Found::More {
                gen,
                from,
                to,
                matches,
            } if gen == self.search_gen
                && self.filter.pending.is_none()
                && self.filter.covered == from =>
            {
                self.more_matches(from, to, matches)
            }
            _ => {}
        }
    }

    /// Show the matches of a new query (`None`: no filter).
    fn set_matches(&mut self, query: Option<Query>, matches: Vec<(usize, usize)>, covered: usize) {
        self.filter_gen += 1;
        self.filter.query = query;
        self.filter.report_count = count_reports(&matches);
        self.filter.matches = matches;
        self.filter.covered = covered;
        self.narrow = true;
        if self.filter.active() {
            // Show a report that has matches, and its first match.
            if self.report_hits(self.reports_view.sel).is_empty() && self.filter.all_reports {
                if let Some(&(r, _)) = self.filter.matches.first() {
                    self.select_report(r);
                }
            }
            if let Some(&(_, p)) = self.report_hits(self.reports_view.sel).first() {
                if !self.hit(self.reports_view.sel, self.para) {
                    self.para = p;
                }
            }
            self.match_span = 0;
        }
        self.rebuild_rows();
        self.refresh();
        self.ensure_para_visible();
    }

    /// The standing query's matches in reports `from..to`, indexed since its answer.
    fn more_matches(&mut self, from: usize, to: usize, matches: Vec<(usize, usize)>) {
        self.filter.covered = to;
        if matches.is_empty() {
            return;
        }
        self.filter_gen += 1;
        self.filter.report_count += count_reports(&matches);
        self.filter.matches.extend(matches);
        if !self.filter.all_reports {
            if (from..to).contains(&self.reports_view.sel) {
                self.rebuild_rows();
            }
        } else if self.sort.is_none() {
            // Unsorted: the rows of the reports from `from` on are at the end; only they change.
            // Reports still waiting for their figures have no rows yet (they come with them).
            let upto = self.extracted;
            if from >= upto {
                return;
            }
            let keep = self.rows.partition_point(|r| r.0 < from);
            let mut rows = std::mem::take(&mut self.rows);
            rows.truncate(keep);
            let last = upto - 1;
            let index = self.figure_names();
            let names = index.report_range(from).start..index.report_range(last).end;
            let hits = self
                .filter
                .query
                .as_ref()
                .map(|q| index.matching_in(q, names));
            let mut at = 0;
            for ri in from..upto {
                let range = self.figure_names().report_range(ri);
                let n = range.len();
                let names = hits.as_ref().map(|h| &h[at..at + n]);
                at += n;
                self.report_rows(ri, self.report_hits(ri), names, &mut rows);
            }
            self.rows = rows;
        } else {
            self.rebuild_rows();
        }
        self.refresh();
    }

    /// Answers the search worker has sent since the last call, as messages for the next burst.
    pub fn search_answers(&self) -> Vec<Msg> {
        std::iter::from_fn(|| self.search.try_recv())
            .map(Msg::Found)
            .collect()
    }

    /// Wake the event loop whenever the search worker answers.
    pub fn set_search_waker(&self, wake: crate::tui::searcher::Waker) {
        self.search.set_waker(wake);
    }

    /// Reuse the filter's index saved in `store` when the same reports load, and save it there
    /// (see [`crate::tui::index_cache`]).
    pub fn use_saved_index(&self, store: crate::tui::index_cache::IndexStore) {
        self.search.use_saved(store);
    }

    /// Let a filter index being saved finish (at most `limit`), else stop it.
    pub fn finish_saving_index(&self, limit: std::time::Duration) {
        self.search.finish_saving(limit);
    }

    /// Wait, for at most `limit`, until the search worker is done with the end of loading
    /// (what the index holds is then what it keeps).
    pub fn wait_index_loaded(&self, limit: std::time::Duration) {
        self.search.wait_loaded(limit);
    }

    /// Reports whose filter index was taken from a saved one.
    pub fn saved_index_reports(&self) -> usize {
        self.search.adopted()
    }

    /// Wait for the answer to the query typed last (for an action that needs its matches).
    pub(super) fn await_search(&mut self) {
        while self.filter.pending.is_some() {
            match self.search.recv() {
                Some(f) => self.found(f),
                None => break,
            }
        }
    }

    /// Wait until the filter's matches cover every report added so far (tests and benchmarks:
    /// a deterministic wait for the worker's answers, no sleeping).
    pub fn settle(&mut self) {
        self.flush_filter();
        self.await_search();
        while self.filter.active() && self.filter.covered < self.reports.len() {
            match self.search.recv() {
                Some(f) => self.found(f),
                None => break,
            }
        }
    }

    /// Is a search running whose answer the screen does not show yet?
    pub fn searching(&self) -> bool {
        self.filter.pending.is_some()
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
                baogao_core::search::match_spans(q, rep.paragraph_text(p))
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

    pub(super) fn next_match(&mut self, forward: bool) {
        if !self.filter.active() || self.filter.matches.is_empty() {
            self.set_toast("No matches: press / and type".into());
            return;
        }
        let r = self.reports_view.sel;
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
        // Past the last match (or before the first) in scope: back round, and say so.
        let wrapped = if forward {
            (tr, tp) <= (r, self.para)
        } else {
            (tr, tp) >= (r, self.para)
        };
        if wrapped {
            self.set_toast(if forward {
                "Search wrapped to the first match".into()
            } else {
                "Search wrapped to the last match".into()
            });
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
}

/// Reports with at least one match, in matches sorted by report.
fn count_reports(matches: &[(usize, usize)]) -> usize {
    let mut n = 0;
    let mut last = None;
    for &(r, _) in matches {
        if last != Some(r) {
            n += 1;
            last = Some(r);
        }
    }
    n
}
