//! The text view: which paragraphs it shows and how they wrap at the pane's width.

use super::*;

impl App {
    /// Paragraphs shown in the text view, in order.
    pub fn view_paras(&self) -> Vec<usize> {
        let Some(r) = self.current() else {
            return Vec::new();
        };
        let range = match self.section_only {
            Some(s) if s < r.sections.len() => r.sections[s].span(),
            _ => 0..r.paragraphs.len(),
        };
        if self.filter.active() && self.narrow {
            self.report_hits(self.reports_view.sel)
                .iter()
                .map(|h| h.1)
                .filter(|p| range.contains(p))
                .collect()
        } else {
            range.collect()
        }
    }

    /// Wrap the view's paragraphs at the text pane's width.
    /// Does nothing when nothing the layout depends on has changed (a key that only moves
    /// the selection does not re-wrap the report).
    pub(super) fn layout_text(&mut self) {
        let (w, _) = self.text_view();
        let narrowed = self.filter.active() && self.narrow;
        let key = TextKey {
            width: w,
            report: self.reports_view.sel,
            reports: self.reports.len().min(1),
            section: self.section_only,
            narrowed,
            filter_gen: self.filter_gen,
        };
        if self.text_key == Some(key) {
            return;
        }
        self.text_key = Some(key);
        self.lines.clear();
        let view = self.view_paras();
        let Some(r) = self.reports.get(self.reports_view.sel) else {
            return;
        };
        let mut last_section = None;
        for p in view {
            if narrowed
                && (last_section != Some(r.paragraphs[p].section()) || !self.lines.is_empty())
            {
                self.lines.push(TextLine {
                    para: p,
                    kind: LineKind::Crumb,
                });
                last_section = Some(r.paragraphs[p].section());
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

    /// Change something that re-wraps the text (size, panes shown) keeping the paragraph at
    /// the top of the view at the top, and the current paragraph in view.
    pub(super) fn keeping_top(&mut self, change: impl FnOnce(&mut App)) {
        // A text pane with no room (the table zoomed over it) has no top to keep, and its
        // scroll is left alone until it is back.
        let shown = |app: &App| {
            let (w, h) = app.text_view();
            w > 1 && h > 0
        };
        let top = shown(self)
            .then(|| self.lines.get(self.text_scroll).map(|l| l.para))
            .flatten();
        change(self);
        self.refresh();
        if !shown(self) {
            return;
        }
        if let Some((first, _)) = top.and_then(|p| self.para_lines(p)) {
            self.text_scroll = first;
        }
        self.ensure_para_visible();
        self.refresh();
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

    pub(super) fn ensure_para_visible(&mut self) {
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
    pub(super) fn match_line(&self) -> Option<usize> {
        let r = self.current()?;
        let spans = self.spans(self.reports_view.sel, self.para);
        let (s, _) = *spans.get(self.match_span)?;
        let (_, indent) = display_chars(r, self.para);
        let c = s + indent;
        self.lines.iter().position(|l| {
            l.para == self.para && matches!(l.kind, LineKind::Body { start, end } if c >= start && c < end.max(start + 1))
        })
    }
}
