//! Which report, section and paragraph are selected, and keeping outline and text in step.

use super::*;

impl App {
    pub fn select_report(&mut self, i: usize) {
        self.reports_view.sel = i;
        self.para = 0;
        self.match_span = 0;
        self.text_scroll = 0;
        self.collapsed.clear();
        self.section_only = None;
        self.outline_view.sel = 0;
        self.outline_view.scroll = 0;
        if self.filter.active() {
            if let Some(&(_, p)) = self.report_hits(i).first() {
                self.para = p;
            }
        }
        self.rebuild_outline();
        self.rebuild_rows();
        self.rows_view.sel = 0;
        self.rows_view.scroll = 0;
        self.layout_text();
        self.ensure_para_visible();
    }

    /// Move the text to the outline's selected section.
    pub(super) fn follow_outline(&mut self) {
        let Some(row) = self.outline.get(self.outline_view.sel).copied() else {
            return;
        };
        if self.section_only.is_some() {
            self.section_only = row.section;
        }
        let Some(r) = self.current() else { return };
        let range = match row.section {
            Some(s) => r.sections[s].span(),
            None => 0..r.paragraphs.len(),
        };
        let target = if self.filter.active() && self.narrow {
            self.report_hits(self.reports_view.sel)
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
    pub(super) fn sync_outline(&mut self) {
        let Some(r) = self.current() else { return };
        if self.para >= r.paragraphs.len() {
            return;
        }
        let chain = r.section_chain(r.paragraphs[self.para].section());
        // The deepest visible section of the chain.
        let mut best = 0;
        for s in chain {
            if let Some(i) = self.outline.iter().position(|o| o.section == Some(s)) {
                best = i;
            }
        }
        if self.focus != Pane::Outline || self.outline.get(self.outline_view.sel).is_none() {
            self.outline_view.sel = best;
        } else if self.outline_view.sel != best {
            // While the outline has focus the user drives it; keep their row if it still
            // contains the paragraph.
            let keep = self.outline[self.outline_view.sel]
                .section
                .is_none_or(|s| r.sections[s].span().contains(&self.para));
            if !keep {
                self.outline_view.sel = best;
            }
        }
    }

    pub(super) fn rebuild_outline(&mut self) {
        self.outline.clear();
        let Some(r) = self.reports.get(self.reports_view.sel) else {
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
                for c in r.sections[s].children() {
                    walk(r, c, depth + 1, collapsed, out);
                }
            }
        }
        for s in r.roots() {
            walk(r, s, 1, &self.collapsed, &mut rows);
        }
        self.outline = rows;
        self.outline_view.sel = self
            .outline_view
            .sel
            .min(self.outline.len().saturating_sub(1));
    }
}
