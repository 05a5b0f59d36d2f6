//! The live filter: running the query (index plus reports not yet indexed), the matches, and
//! moving between them.

use super::*;

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

    /// Run the query in the input over every loaded report.
    pub(super) fn run_filter(&mut self) {
        self.filter_gen += 1;
        let text = self.filter.text();
        self.filter.error = None;
        self.filter.query = None;
        self.filter.matches.clear();
        self.filter.report_count = 0;
        if !text.trim().is_empty() {
            match Query::parse(&text, self.filter.words) {
                Ok(q) => {
                    self.searches += 1;
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
