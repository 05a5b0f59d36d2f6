//! Terminal events into state: keys through the keymap (or into a text input), mouse,
//! paste, resize, the clock.

use super::*;

impl App {
    /// A key from the terminal: through the keymap, or typed into the filter input.
    pub fn key(&mut self, ev: KeyEvent) {
        if ev.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        self.touched = true;
        let key = Key::from_event(ev);
        // Ctrl-C always quits, whatever the keymap says.
        if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL {
            self.update(Action::Quit);
            return;
        }
        let ctx = self.context();
        if let Some(a) = self.keymap.lookup(ctx, key) {
            self.update(a);
            return;
        }
        // Esc and a key typed at once arrive as one Alt+key. In the filter input, where that
        // Alt+key means nothing, it is Esc (clear and leave) followed by the key.
        if ctx == Context::Filter && key.mods == KeyModifiers::ALT {
            if let KeyCode::Char(c) = key.code {
                if !"hdbf<>pn[]v".contains(c) {
                    self.update(Action::FilterClear);
                    self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                    return;
                }
            }
        }
        // Ctrl-U clears to the line head, as in a shell (the input's own binding is undo).
        let ctrl_u = key.code == KeyCode::Char('u') && key.mods == KeyModifiers::CONTROL;
        if ctx == Context::Filter && ctrl_u {
            self.filter.input.delete_line_by_head();
            self.filter_changed();
        } else if ctx == Context::Dialog && ctrl_u {
            if let Some(d) = &mut self.export {
                d.name.delete_line_by_head();
            }
        } else if ctx == Context::Filter {
            // No newlines or tabs in a one-line input.
            let newline = matches!(ev.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
                || (ev.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(ev.code, KeyCode::Char('m' | 'j')));
            if !newline && self.filter.input.input(ev) {
                self.filter_changed();
            }
        } else if ctx == Context::Dialog {
            let newline = matches!(ev.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
                || (ev.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(ev.code, KeyCode::Char('m' | 'j')));
            if let Some(d) = self.export.as_mut().filter(|_| !newline) {
                if d.name.input(ev) {
                    d.error = None;
                }
            }
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

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.refresh();
    }

    /// Called a few times a second: expires the toast.
    pub fn tick(&mut self) {
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
                        let i = self.report_scroll + row / self.report_lines();
                        if i < self.reports.len() {
                            self.select_report(i);
                        }
                    }
                    Pane::Outline => {
                        let i = self.outline_scroll + row;
                        if i < self.outline.len() {
                            self.outline_sel = i;
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
                        } else if self.row_scroll + row - 1 < self.rows.len() {
                            self.row_sel = self.row_scroll + row - 1;
                        }
                    }
                }
                self.refresh();
            }
            _ => {}
        }
    }
}
