//! Drawing: a pure function of the [`App`] state. No I/O, no mutation. Every string that came
//! from a file passes through [`wrap::safe`] / [`wrap::truncate`] before it reaches a cell.

use super::app::{
    display_chars, heading_end, human_size, report_name, section_label, App, HelpLine, LineKind,
    Popup, Scroller,
};
use super::keymap::Context;
use super::layout::{self, Pane};
use super::table::Column;
use super::wrap::{self, str_width, truncate};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

mod compare;
mod keywords;
mod panes;
mod popups;

use panes::{draw_indicators, draw_outline, draw_reports, draw_text};
use popups::{draw_errors, draw_export, draw_help, draw_jump};
pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    // The layout `update` computed for this size (once per change, shared with mouse hits).
    let a = if (area.width, area.height) == app.size {
        app.areas()
    } else {
        let a = layout::areas(
            area.width,
            area.height,
            app.focus,
            app.show_indicators,
            app.report_lines() * app.reports.len().max(1),
        );
        if app.table_zoomed() {
            layout::zoom_table(a)
        } else {
            a
        }
    };
    if a.too_small {
        let msg = truncate(
            &if area.width >= 30 {
                format!("baogao: {}×{} is too small", area.width, area.height)
            } else {
                "too small".to_string()
            },
            area.width as usize,
        );
        f.render_widget(Paragraph::new(msg), a.status);
        return;
    }
    if app.compare.open {
        let screen = Rect::new(0, 0, area.width, area.height.saturating_sub(1));
        compare::draw_compare(app, f, screen);
    } else {
        draw_panes(app, f, &a);
    }
    draw_status(app, f, a.status);
    match app.popup {
        Some(Popup::Help) => draw_help(app, f, area),
        Some(Popup::Errors) => draw_errors(app, f, area),
        Some(Popup::Export) => draw_export(app, f, area),
        Some(Popup::Jump) => draw_jump(app, f, area),
        Some(Popup::Keywords) => keywords::draw_keywords(app, f, area),
        None => {}
    }
}

/// The four panes and the filter line (the screen unless the Compare view covers it).
fn draw_panes(app: &App, f: &mut Frame, a: &layout::Areas) {
    if a.reports.width > 0 {
        draw_reports(app, f, a.reports);
    }
    if a.outline.width > 0 {
        draw_outline(app, f, a.outline);
    }
    if a.text.width > 0 {
        draw_text(app, f, a.text);
    }
    if a.indicators.width > 0 {
        draw_indicators(app, f, a.indicators);
    }
    draw_filter(app, f, a.filter);
}
pub(super) fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.focus == pane && !app.filter.focused && app.popup.is_none();
    let t = &app.theme;
    Block::bordered()
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Span::styled(
            title,
            if focused {
                t.title.patch(t.border_focus)
            } else {
                t.title
            },
        ))
}
/// `left` then `right` pushed to the far end of a `width`-cell row.
pub(super) fn spread<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let lw: usize = left.iter().map(|s| str_width(&s.content)).sum();
    let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let mut spans = left;
    if lw + rw < width {
        spans.push(Span::raw(" ".repeat(width - lw - rw)));
        spans.extend(right);
    }
    Line::from(spans)
}
pub(super) fn row_style(app: &App, pane: Pane, selected: bool) -> Style {
    if !selected {
        Style::new()
    } else if app.focus == pane && !app.filter.focused {
        app.theme.selected
    } else {
        app.theme.selected_unfocused
    }
}
pub(super) fn draw_filter(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let fl = &app.filter;
    let mut right: Vec<Span> = Vec::new();
    if let Some(e) = &fl.error {
        // As much of the message as the row allows, leaving the input some room.
        right.push(Span::styled(
            truncate(e, w.saturating_sub(3 + 12 + 16).max(10)),
            t.error,
        ));
    } else if fl.active() {
        let (np, nr) = if fl.all_reports {
            (fl.matches.len(), app.reports_with_hits())
        } else {
            let n = app.report_hits(app.reports_view.sel).len();
            (n, usize::from(n > 0))
        };
        // Which match this is (`k/N`, `–/N` away from the matches), then the counts.
        let (k, n) = app.match_position();
        let k = k.map_or("–".to_string(), |k| k.to_string());
        right.push(Span::styled(
            format!(
                "{k}/{n} · {np} paragraph{} in {nr} report{}",
                if np == 1 { "" } else { "s" },
                if nr == 1 { "" } else { "s" }
            ),
            t.count,
        ));
    }
    if app.searching() {
        // The counts are the previous query's until the worker answers.
        let sep = if right.is_empty() { "" } else { " · " };
        right.push(Span::styled(format!("{sep}searching…"), t.dim));
    } else if fl.active() && fl.covered < app.reports.len() {
        // Reports loaded but not indexed yet (the index catches up after a fast load): the
        // counts are partial, and say over how much.
        let sep = if right.is_empty() { "" } else { " · " };
        right.push(Span::styled(
            format!("{sep}{}/{} reports searched", fl.covered, app.reports.len()),
            t.dim,
        ));
    }
    let scope = if fl.all_reports {
        "all reports"
    } else {
        "this report"
    };
    let sep = if right.is_empty() { "" } else { " · " };
    right.push(Span::styled(format!("{sep}{scope}"), t.dim));
    if fl.words {
        right.push(Span::styled(" · words", t.dim));
    }
    right.push(Span::raw(" "));
    let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let prompt = Span::styled(" / ", t.key);
    let field = w.saturating_sub(3 + rw + 1).max(1);
    let text = wrap::safe(&fl.text());
    if text.is_empty() && !fl.focused {
        let hint = truncate(
            &format!(
                "type / to filter — e.g. {}",
                super::app::PLACEHOLDER_EXAMPLES.join(", ")
            ),
            field,
        );
        let line = spread(vec![prompt, Span::styled(hint, t.dim)], right, w);
        f.render_widget(Paragraph::new(line), area);
        return;
    }
    // Scroll the input so the caret stays visible; the caret column is in display cells.
    let (shown, caret_col) = input_view(&text, fl.caret(), field);
    let style = if fl.focused {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let line = spread(vec![prompt, Span::styled(shown, style)], right, w);
    f.render_widget(Paragraph::new(line), area);
    if fl.focused && app.popup.is_none() {
        // The real cursor sits at the caret, so IME candidate windows appear there.
        let x = area.x as usize + 3 + caret_col;
        f.set_cursor_position(Position::new(
            x.min(area.right().saturating_sub(1) as usize) as u16,
            area.y,
        ));
    }
}
pub(super) fn draw_status(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let ctx = app.context();
    let label = match ctx {
        Context::Filter => "FILTER",
        Context::Popup if app.popup == Some(Popup::Errors) => "PROBLEMS",
        Context::Popup if app.popup == Some(Popup::Keywords) => "KEYWORDS",
        Context::Popup => "HELP",
        Context::Input => "INPUT",
        Context::Dialog => "EXPORT",
        Context::Jump => "JUMP",
        Context::Compare => "COMPARE",
        Context::Reports => "REPORTS",
        Context::Outline => "OUTLINE",
        Context::Text => "TEXT",
        Context::Indicators => "INDICATORS",
        Context::Global => "",
    };
    let mut right: Vec<Span> = Vec::new();
    if let Some(msg) = &app.toast {
        right.push(Span::styled(
            format!(" {} ", truncate(msg, w.saturating_sub(14))),
            t.toast,
        ));
    } else if let Some(p) = app.progress.as_ref().filter(|p| !p.finished) {
        let gw = 10usize;
        let filled = (p.done * gw).checked_div(p.total).unwrap_or(0).min(gw);
        right.push(Span::styled(
            format!("loading {}/{} ", p.done, p.total),
            t.dim,
        ));
        right.push(Span::styled("█".repeat(filled), t.gauge));
        right.push(Span::styled("░".repeat(gw - filled), t.dim));
        right.push(Span::styled(
            format!(" {}", human_size(p.bytes as usize)),
            t.dim,
        ));
        if !app.errors.is_empty() {
            right.push(Span::styled(
                format!(" · {} errors", app.errors.len()),
                t.error,
            ));
        }
    } else if app.figures_pending() > 0 {
        // Every report is in; their figures follow.
        let (done, total) = (app.with_figures(), app.reports.len());
        let gw = 10usize;
        let filled = (done * gw).checked_div(total).unwrap_or(0).min(gw);
        right.push(Span::styled(format!("figures {done}/{total} "), t.dim));
        right.push(Span::styled("█".repeat(filled), t.gauge));
        right.push(Span::styled("░".repeat(gw - filled), t.dim));
        right.push(Span::raw(" "));
    } else if !app.errors.is_empty() {
        right.push(Span::styled(
            format!("{} failed (!) ", app.errors.len()),
            t.error,
        ));
    }
    let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let mut left = vec![
        Span::styled(format!(" {label} "), t.selected),
        Span::raw(" "),
    ];
    let mut used = label.len() + 3;
    for (k, h) in app.keymap.hints(ctx) {
        // Enter in the text only means something while filtering.
        if ctx == Context::Text && h == "context" && !app.filter.active() {
            continue;
        }
        let piece = str_width(&k) + str_width(h) + 3;
        if used + piece + rw + 1 > w {
            break;
        }
        left.push(Span::styled(k, t.key));
        left.push(Span::raw(format!(" {h}  ")));
        used += piece;
    }
    f.render_widget(Paragraph::new(spread(left, right, w)).style(t.status), area);
}

/// A one-line input scrolled so the caret stays inside a `field`-cell window: the visible
/// text and the caret's column in it, in display cells (so the real cursor, and an IME's
/// candidate window, sit exactly at the caret even after wide chars).
pub(super) fn input_view(text: &str, caret: usize, field: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let caret = caret.min(chars.len());
    let caret_w: usize = chars[..caret].iter().map(|&c| wrap::char_width(c)).sum();
    let skip = caret_w.saturating_sub(field.saturating_sub(1));
    let mut shown = String::new();
    let (mut skipped, mut used) = (0, 0);
    for &c in &chars {
        let cw = wrap::char_width(c);
        if skipped < skip {
            skipped += cw;
            continue;
        }
        if used + cw > field {
            break;
        }
        shown.push(c);
        used += cw;
    }
    (shown, caret_w.saturating_sub(skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_view_keeps_the_caret_in_the_window() {
        let text = "一般公共预算收入 -税收 abc 增长";
        let n = text.chars().count();
        for field in 1..20 {
            for caret in 0..=n {
                let (shown, col) = input_view(text, caret, field);
                assert!(str_width(&shown) <= field, "{field} {caret}: {shown}");
                assert!(col < field.max(2), "{field} {caret}: col {col}");
                // The shown text before the caret column is the end of the text before it.
                let before: String = text.chars().take(caret).collect();
                let mut w = 0;
                let head: String = shown
                    .chars()
                    .take_while(|&c| {
                        w += wrap::char_width(c);
                        w <= col
                    })
                    .collect();
                assert!(
                    before.ends_with(&head),
                    "{field} {caret}: {head:?} / {before:?}"
                );
                assert_eq!(str_width(&head), col, "{field} {caret}");
                assert!(col <= str_width(&before));
            }
        }
        assert_eq!(input_view("收入", 2, 10), ("收入".to_string(), 4));
        assert_eq!(input_view("收入", 1, 10), ("收入".to_string(), 2));
    }
}
