//! The help and load-problem popups: what they list, and their scrolling. The popup owns its
//! scroll offset and takes the usual keys (j/k/↑/↓/PgUp/PgDn/g/G, Ctrl-d/u) before anything
//! else sees them.

use super::*;

/// A scrolled window over `len` lines of which `rows` are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroller {
    pub offset: usize,
}

impl Scroller {
    /// The largest offset: the last line at the bottom of the window.
    pub fn max(len: usize, rows: usize) -> usize {
        len.saturating_sub(rows.max(1))
    }

    /// Scroll for a movement action; false when the action is not a movement.
    pub fn handle(&mut self, action: Action, len: usize, rows: usize) -> bool {
        use Action as A;
        let rows = rows.max(1);
        let max = Scroller::max(len, rows);
        let cur = self.offset.min(max);
        self.offset = match action {
            A::Down => cur + 1,
            A::Up => cur.saturating_sub(1),
            A::PageDown => cur + rows,
            A::PageUp => cur.saturating_sub(rows),
            A::HalfPageDown => cur + (rows / 2).max(1),
            A::HalfPageUp => cur.saturating_sub((rows / 2).max(1)),
            A::Top => 0,
            A::Bottom => max,
            _ => return false,
        }
        .min(max);
        true
    }

    /// `12–30/48`: the lines shown and how many there are.
    pub fn position(&self, len: usize, rows: usize) -> String {
        if len == 0 {
            return "0/0".into();
        }
        let first = self.offset.min(Scroller::max(len, rows));
        let last = (first + rows.max(1)).min(len);
        format!("{}–{}/{}", first + 1, last, len)
    }
}

/// One line of the help popup, before styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Key {
        keys: String,
        description: &'static str,
        action: String,
    },
    Text(String),
}

impl App {
    /// The help: every binding of the keymap by context, the filter language, how to open
    /// your own reports.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for (ctx, rows) in self.keymap.help() {
            if rows.is_empty() {
                continue;
            }
            lines.push(HelpLine::Heading(ctx.to_string()));
            for (keys, description, action) in rows {
                lines.push(HelpLine::Key {
                    keys,
                    description,
                    action,
                });
            }
        }
        lines.push(HelpLine::Text(
            "In the filter input, Alt with a key that is not bound above is Esc then the key \
             (terminals send Esc-then-key that way)."
                .into(),
        ));
        lines.push(HelpLine::Heading("Filter language".into()));
        for l in baogao_core::search::QUERY_HELP.lines() {
            lines.push(HelpLine::Text(format!("  {l}")));
        }
        if let Some(h) = &self.hint {
            lines.push(HelpLine::Heading("Your own reports".into()));
            lines.push(HelpLine::Text(format!("  {h}")));
        }
        lines
    }

    /// How many lines the open popup lists.
    pub fn popup_len(&self) -> usize {
        match self.popup {
            Some(Popup::Help) => self.help_lines().len(),
            Some(Popup::Errors) => self.errors.len().max(1),
            Some(Popup::Keywords) => self.keywords.words.len().max(1),
            _ => 0,
        }
    }

    /// How many of them fit: the popup's inner height (help: the screen minus two margin rows
    /// and the border; load problems: four margin rows).
    pub fn popup_rows(&self) -> usize {
        let margin = if self.popup == Some(Popup::Errors) {
            6
        } else {
            4
        };
        (self.size.1 as usize).saturating_sub(margin).max(1)
    }

    /// A movement key in an open popup scrolls it.
    pub(super) fn scroll_popup(&mut self, action: Action) -> bool {
        let (len, rows) = (self.popup_len(), self.popup_rows());
        self.popup_scroll.handle(action, len, rows)
    }
}
