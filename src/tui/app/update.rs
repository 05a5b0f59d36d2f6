//! `App::update(Action)`: what each action does, and moving within the focused pane.

use super::*;
use baogao_core::indicators::FigureRef;

impl App {
    pub fn update(&mut self, action: Action) {
        use Action as A;
        // Actions see the result of everything typed before them: those that read the matches
        // wait for the search worker's answer.
        self.flush_filter();
        if reads_matches(action) {
            self.await_search();
        }
        match action {
            A::Quit => self.quit = true,
            A::Help => {
                self.popup = Some(Popup::Help);
                self.popup_scroll = Scroller::default();
            }
            A::ShowErrors => {
                self.popup = Some(Popup::Errors);
                self.popup_scroll = Scroller::default();
            }
            // The Compare view takes the keys it knows (popups over it keep theirs).
            _ if self.popup.is_none() && self.compare.open && self.compare_update(action) => {}
            A::CursorLeft
            | A::CursorRight
            | A::WordLeft
            | A::WordRight
            | A::LineStart
            | A::LineEnd
            | A::DeleteBack
            | A::DeleteForward
            | A::DeleteWordBack
            | A::DeleteWordForward
            | A::DeleteToStart
            | A::DeleteToEnd
            | A::Undo
            | A::Redo => self.edit(action),
            A::Close if self.popup.is_none() && self.compare.open => self.compare.open = false,
            A::Close => {
                self.popup = None;
                self.export = None;
            }
            A::Confirm if self.popup == Some(Popup::Jump) => self.confirm_jump(),
            A::Confirm => self.confirm_export(),
            A::CopySection => self.copy_section(),
            A::Pager => self.open_in_pager(),
            A::JumpToSection => self.open_jump(),
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
            _ if self.popup.is_some() => {
                self.scroll_popup(action);
            }
            A::OpenCompare => self.open_compare(),
            // The Compare view's own keys mean nothing elsewhere.
            A::NextIndicator
            | A::PrevIndicator
            | A::NextMeasure
            | A::NextResultKind
            | A::CellLeft
            | A::CellRight => {}
            A::ClearFilter => {
                if self.filter.active() || !self.filter.text().is_empty() {
                    self.filter.input = TextArea::default();
                    self.filter_changed();
                    self.set_toast("Filter cleared".into());
                }
            }
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
            A::ToggleIndicators => self.keeping_top(|app| {
                app.show_indicators = !app.show_indicators;
                if !app.show_indicators && app.focus == Pane::Indicators {
                    app.focus = Pane::Text;
                }
            }),
            A::ToggleFigures => {
                self.show_every_figure(!self.all_figures);
                self.set_toast(if self.all_figures {
                    "Indicator table: every figure".to_string()
                } else {
                    "Indicator table: core indicators".to_string()
                });
            }
            A::ToggleZoom => self.keeping_top(|app| {
                let zoomed = app.table_zoomed();
                app.zoom = !zoomed;
                if app.zoom {
                    app.show_indicators = true;
                    app.focus = Pane::Indicators;
                }
            }),
            A::ToggleUnmatched => self.toggle_unmatched(),
            A::ShowKeywords => self.show_keywords(),
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
                    None => self
                        .outline
                        .get(self.outline_view.sel)
                        .and_then(|o| o.section),
                };
                if self.section_only.is_none()
                    && self
                        .outline
                        .get(self.outline_view.sel)
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
            A::Export => self.open_export(),
        }
        self.refresh();
    }

    /// A movement goes to the focused pane's own view.
    pub(super) fn move_in_pane(&mut self, action: Action) {
        use Action as A;
        let h = self.list_height(self.focus).max(1);
        match self.focus {
            Pane::Reports => {
                let per = self.report_lines();
                self.move_report_row(action, h / per);
            }
            Pane::Outline => {
                if self.outline_view.handle(action, self.outline.len(), h) {
                    self.follow_outline();
                }
            }
            Pane::Indicators => {
                self.rows_view.handle(action, self.rows.len(), h);
            }
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
                A::PageUp => self.scroll_text(-(h as isize)),
                A::PageDown => self.scroll_text(h as isize),
                A::HalfPageUp => self.scroll_text(-((h / 2).max(1) as isize)),
                A::HalfPageDown => self.scroll_text((h / 2).max(1) as isize),
                _ => {}
            },
        }
    }

    /// j/k in the text: scroll through a paragraph taller than the view, else go to the next.
    pub(super) fn text_step(&mut self, down: bool) {
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
    pub(super) fn scroll_text(&mut self, delta: isize) {
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
    pub(super) fn fold(&mut self, expand: bool) {
        if self.focus != Pane::Outline {
            return;
        }
        let Some(row) = self.outline.get(self.outline_view.sel).copied() else {
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
        } else if let Some(parent) = self.current().and_then(|r| r.sections[s].parent()) {
            // Collapsing a leaf goes to its parent, as in file trees.
            self.rebuild_outline();
            if let Some(i) = self.outline.iter().position(|o| o.section == Some(parent)) {
                self.outline_view.sel = i;
                self.follow_outline();
            }
        }
        self.rebuild_outline();
    }

    pub(super) fn open(&mut self) {
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
                let Some(&(ri, ii)) = self.rows.get(self.rows_view.sel) else {
                    return;
                };
                self.jump_to_indicator(ri, ii);
            }
        }
    }

    /// Show indicator `ii` of report `ri` in the text: its paragraph near the top, its figure
    /// highlighted (Enter on an indicator row or a Compare cell).
    pub(super) fn jump_to_indicator(&mut self, ri: usize, ii: usize) {
        let p = self.indicators[ri].paragraph(ii);
        self.figure = self
            .reports
            .get(ri)
            .and_then(|r| figure_span(r, self.indicators[ri].figure(ii)))
            .map(|(a, b)| (ri, p, a, b));
        if ri != self.reports_view.sel {
            self.select_report(ri);
        }
        if self.filter.active() && !self.hit(ri, p) {
            self.narrow = false;
        }
        self.para = p.min(self.reports[ri].paragraphs.len().saturating_sub(1));
        self.match_span = 0;
        self.focus = Pane::Text;
        self.layout_text();
        // The figure's paragraph near the top, where the eye goes after a jump.
        if let Some((first, _)) = self.para_lines(self.para) {
            self.text_scroll = first;
        }
        self.refresh();
        self.ensure_para_visible();
    }

    pub(super) fn history(&mut self, older: bool) {
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
}

/// Does the action read the filter's matches (so it must wait for a search under way)?
/// Editing the filter, moving, and opening or closing popups do not.
fn reads_matches(action: Action) -> bool {
    use Action as A;
    !matches!(
        action,
        A::Quit
            | A::Help
            | A::ShowErrors
            | A::Close
            | A::CursorLeft
            | A::CursorRight
            | A::WordLeft
            | A::WordRight
            | A::LineStart
            | A::LineEnd
            | A::DeleteBack
            | A::DeleteForward
            | A::DeleteWordBack
            | A::DeleteWordForward
            | A::DeleteToStart
            | A::DeleteToEnd
            | A::Undo
            | A::Redo
            | A::ClearFilter
            | A::FilterClear
            | A::FocusFilter
            | A::HistoryPrev
            | A::HistoryNext
            | A::ToggleWords
            | A::ToggleMouse
            | A::NextPane
            | A::PrevPane
    )
}

/// Where an indicator's mention sits in its paragraph: from its name to the end of the clause
/// holding its first figure (`一般公共预算收入１２３４５万元`), at most 40 chars.
fn figure_span(r: &Report, ind: FigureRef<'_>) -> Option<(usize, usize)> {
    let para = r.paragraphs.get(ind.paragraph)?;
    let start = ind.offset.checked_sub(para.char_start())?;
    let chars: Vec<char> = r.paragraph_text(ind.paragraph).chars().collect();
    if start >= chars.len() {
        return None;
    }
    let digit = chars[start..]
        .iter()
        .position(|c| c.is_numeric() || *c == 'x' || *c == 'X')
        .map_or(start, |d| start + d);
    let end = chars[digit..]
        .iter()
        .position(|c| "，。；：、,;:（(".contains(*c))
        .map_or(chars.len(), |e| digit + e);
    Some((start, end.min(start + 40).max(start + 1)))
}
