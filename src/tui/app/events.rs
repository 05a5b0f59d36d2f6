//! Terminal events into state: keys through the keymap (or into a text input), mouse,
//! paste, resize, the clock.

use super::*;

impl App {
    /// A key from the terminal: through the keymap (every key that does something is in
    /// its table), else a character typed into the open input.
    pub fn key(&mut self, ev: KeyEvent) {
        use crate::config::Key as K;
        if ev.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        self.touched = true;
        let Some(key) = keymap::from_event(ev) else {
            return;
        };
        let ctx = self.context();
        if let Some(a) = self.keymap.lookup(ctx, key) {
            self.update(a);
            return;
        }
        if !matches!(ctx, Context::Filter | Context::Dialog | Context::Jump) || key.ctrl {
            return;
        }
        let c = match key.key {
            K::Char(c) => c,
            K::Space => ' ',
            _ => return,
        };
        if key.alt {
            // Esc and a key typed at once arrive as one Alt+key. In the filter input, where
            // that Alt+key is bound to nothing, it is Esc (clear and leave) followed by the key.
            if ctx == Context::Filter {
                self.update(Action::FilterClear);
                self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            return;
        }
        if let Some(input) = self.input_mut() {
            input.insert_char(c);
            self.input_changed();
        }
    }

    /// The one-line input that has the keyboard: the export file name, else the filter.
    fn input_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.popup {
            Some(Popup::Export) => return self.export.as_mut().map(|d| &mut d.name),
            Some(Popup::Jump) => return Some(&mut self.jump),
            _ => {}
        }
        self.filter.focused.then_some(&mut self.filter.input)
    }

    fn input_changed(&mut self) {
        match self.popup {
            Some(Popup::Export) => {
                if let Some(d) = &mut self.export {
                    d.error = None;
                }
            }
            Some(Popup::Jump) => {}
            _ => self.filter_changed(),
        }
    }

    /// An editing action on the open input.
    pub(super) fn edit(&mut self, action: Action) {
        use Action as A;
        let Some(input) = self.input_mut() else {
            return;
        };
        let changed = match action {
            A::CursorLeft
            | A::CursorRight
            | A::WordLeft
            | A::WordRight
            | A::LineStart
            | A::LineEnd => {
                input.move_cursor(match action {
                    A::CursorLeft => CursorMove::Back,
                    A::CursorRight => CursorMove::Forward,
                    A::WordLeft => CursorMove::WordBack,
                    A::WordRight => CursorMove::WordForward,
                    A::LineStart => CursorMove::Head,
                    _ => CursorMove::End,
                });
                false
            }
            A::DeleteBack => input.delete_char(),
            A::DeleteForward => input.delete_next_char(),
            A::DeleteWordBack => input.delete_word(),
            A::DeleteWordForward => input.delete_next_word(),
            A::DeleteToStart => input.delete_line_by_head(),
            A::DeleteToEnd => input.delete_line_by_end(),
            A::Undo => input.undo(),
            A::Redo => input.redo(),
            _ => false,
        };
        if changed {
            self.input_changed();
        }
    }

    /// Pasted text goes into the open input: the export file name, else the filter.
    pub fn paste(&mut self, text: &str) {
        self.touched = true;
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Some(d) = self
            .export
            .as_mut()
            .filter(|_| self.popup == Some(Popup::Export))
        {
            d.name.insert_str(line.trim());
            d.error = None;
            return;
        }
        if self.popup.is_some() {
            return;
        }
        if !self.filter.focused {
            self.update(Action::FocusFilter);
        }
        self.filter.input.insert_str(line.trim());
        self.filter_changed();
    }

    /// Type text into the filter input (tests and scripted use).
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// A new terminal size: the paragraph at the top of the text stays at the top (and the
    /// current paragraph, with its match, in view).
    pub fn resize(&mut self, w: u16, h: u16) {
        self.keeping_top(|app| app.size = (w, h));
    }

    /// Called a few times a second: expires the toast.
    pub fn tick(&mut self) {
        self.poll_keywords();
        if self.toast_ticks > 0 {
            self.toast_ticks -= 1;
            if self.toast_ticks == 0 {
                self.toast = None;
            }
        }
    }

    pub fn set_toast(&mut self, s: String) {
        self.toast = Some(s);
        self.toast_ticks = 16;
    }

    pub fn mouse(&mut self, ev: MouseEvent) {
        self.flush_filter();
        if !matches!(ev.kind, MouseEventKind::Moved) {
            self.touched = true;
        }
        let a = self.areas();
        if self.popup.is_some() {
            match ev.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                MouseEventKind::Down(_) => self.update(Action::Close),
                _ => {}
            }
            return;
        }
        if self.compare.open {
            // The wheel moves the Compare view's selection; the panes below are hidden.
            match ev.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                _ => {}
            }
            return;
        }
        if ev.row == a.filter.y && matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
            self.update(Action::FocusFilter);
            return;
        }
        let Some(pane) = a.pane_at(ev.column, ev.row) else {
            return;
        };
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let saved = self.focus;
                self.focus = pane;
                let down = ev.kind == MouseEventKind::ScrollDown;
                if pane == Pane::Text {
                    self.scroll_text(if down { 3 } else { -3 });
                } else {
                    self.update(if down { Action::Down } else { Action::Up });
                }
                self.focus = saved;
                self.refresh();
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.filter.focused = false;
                self.focus = pane;
                let inner = layout::inner(a.pane(pane));
                if ev.row < inner.y
                    || ev.row >= inner.bottom()
                    || ev.column < inner.x
                    || ev.column >= inner.right()
                {
                    self.refresh();
                    return;
                }
                let row = (ev.row - inner.y) as usize;
                match pane {
                    Pane::Reports => {
                        let row = self.reports_view.scroll + row / self.report_lines();
                        if let Some(i) = self.report_on_row(row) {
                            self.select_report(i);
                        }
                    }
                    Pane::Outline => {
                        let i = self.outline_view.scroll + row;
                        if i < self.outline.len() {
                            self.outline_view.sel = i;
                            self.follow_outline();
                        }
                    }
                    Pane::Text => {
                        if row >= 1 {
                            if let Some(l) = self.lines.get(self.text_scroll + row - 1) {
                                self.para = l.para;
                                self.match_span = 0;
                            }
                        }
                    }
                    Pane::Indicators => {
                        if row == 0 {
                            let x = ev.column.saturating_sub(inner.x) as usize;
                            if let Some(col) = self.column_at(inner.width as usize, x) {
                                self.sort = match self.sort {
                                    Some((c, asc)) if c == col => Some((c, !asc)),
                                    _ => Some((col, true)),
                                };
                                self.rebuild_rows();
                            }
                        } else if self.rows_view.scroll + row - 1 < self.rows.len() {
                            self.rows_view.sel = self.rows_view.scroll + row - 1;
                        }
                    }
                }
                self.refresh();
            }
            _ => {}
        }
    }
}
