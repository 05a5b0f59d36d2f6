//! Popups over the panes: help, load errors, the export dialog.

use super::*;

pub(super) fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub(super) fn draw_help(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = popup_area(area, 84, area.height.saturating_sub(2));
    let items = app.help_lines();
    let rows = app.popup_rows();
    let b = popup_block(
        app,
        r,
        " Keys (override by action name in the config file) ",
    )
    .title_bottom(Line::styled(scroll_note(app, items.len(), rows), t.dim).right_aligned());
    let inner = b.inner(r);
    clear_popup(f, r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let lines: Vec<Line> = items
        .into_iter()
        .skip(
            app.popup_scroll
                .offset
                .min(Scroller::max(app.popup_len(), rows)),
        )
        .take(inner.height as usize)
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(truncate(&h, w), t.heading),
            HelpLine::Text(s) => Line::raw(truncate(&s, w)),
            HelpLine::Key {
                keys,
                description,
                action,
            } => {
                let k = format!("  {keys:<14}");
                let d = truncate(
                    description,
                    w.saturating_sub(str_width(&k) + 2 + action.len() + 1),
                );
                spread(
                    vec![Span::styled(k, t.key), Span::raw(d)],
                    vec![Span::styled(action, t.dim)],
                    w,
                )
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// ` 12–30/48 · j/k scroll · Esc close `, from the keymap.
pub(super) fn scroll_note(app: &App, len: usize, rows: usize) -> String {
    format!(
        " {} · {} ",
        app.popup_scroll.position(len, rows),
        app.keymap
            .hints(Context::Popup)
            .iter()
            .map(|(k, h)| format!("{k} {h}"))
            .collect::<Vec<_>>()
            .join(" · ")
    )
}

pub(super) fn popup_block<'a>(app: &App, r: Rect, title: &str) -> Block<'a> {
    let _ = r;
    Block::bordered()
        .border_style(app.theme.border_focus)
        .title(Span::styled(title.to_string(), app.theme.title))
}

/// Clear a popup's rectangle, and a wide character whose right half sits under its left edge
/// (the terminal would draw it over the border).
pub(super) fn clear_popup(f: &mut Frame, r: Rect) {
    f.render_widget(Clear, r);
    if r.x == 0 {
        return;
    }
    let buf = f.buffer_mut();
    for y in r.y..r.bottom() {
        if let Some(cell) = buf.cell_mut(Position::new(r.x - 1, y)) {
            if str_width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

pub(super) fn draw_errors(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = popup_area(area, 100, area.height.saturating_sub(4));
    let len = app.popup_len();
    let rows = app.popup_rows();
    let b = popup_block(
        app,
        r,
        &format!(
            " Problems: files that failed to load, config ({}) ",
            app.errors.len()
        ),
    )
    .title_bottom(Line::styled(scroll_note(app, len, rows), t.dim).right_aligned());
    let inner = b.inner(r);
    clear_popup(f, r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = app
        .errors
        .iter()
        .map(|e| Line::raw(truncate(e, w)))
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("Every file loaded.", t.dim));
    }
    let skip = app.popup_scroll.offset.min(Scroller::max(len, rows));
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The `:` prompt: one input line in a small box.
pub(super) fn draw_jump(app: &App, f: &mut Frame, area: Rect) {
    let r = popup_area(area, 44, 3);
    let b = popup_block(app, r, " Jump to section (三, 3 or 3.2) ");
    let inner = b.inner(r);
    clear_popup(f, r);
    f.render_widget(b, r);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let text = wrap::safe(app.jump.lines().first().map(String::as_str).unwrap_or(""));
    let field = (inner.width as usize).saturating_sub(2).max(1);
    let (shown, caret_col) = input_view(&text, app.jump.cursor().1, field);
    let line = Line::from(vec![
        Span::styled(": ", app.theme.key),
        Span::styled(shown, Style::new().add_modifier(Modifier::BOLD)),
    ]);
    f.render_widget(Paragraph::new(line), inner);
    let x = inner.x as usize + 2 + caret_col;
    f.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1) as usize) as u16,
        inner.y,
    ));
}

pub(super) fn draw_export(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(d) = &app.export else { return };
    let r = popup_area(area, 76, 10);
    clear_popup(f, r);
    let b = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(
            format!(" Export {} indicator rows ", app.rows.len()),
            t.title,
        ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let w = inner.width as usize;
    let mut formats = vec![Span::raw("Format  ")];
    for fmt in crate::tui::app::FORMATS {
        let label = format!(" {} ", crate::tui::app::format_label(fmt));
        formats.push(Span::styled(
            label,
            if fmt == d.format { t.selected } else { t.dim },
        ));
        formats.push(Span::raw(" "));
    }
    let name = wrap::safe(&d.name_text());
    let field = w.saturating_sub(9).max(1);
    let (shown, caret_col) = input_view(&name, d.name.cursor().1, field);
    let mut lines = vec![
        Line::from(formats),
        Line::raw(""),
        Line::from(vec![
            Span::raw("File    "),
            Span::styled(
                shown,
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
        ]),
        Line::from(vec![
            Span::raw("In      "),
            Span::styled(truncate(&d.dir, w.saturating_sub(8)), t.dim),
        ]),
        Line::styled(
            truncate(
                "A taken name gets a -1, -2… suffix; nothing is overwritten.",
                w,
            ),
            t.dim,
        ),
        Line::raw(""),
    ];
    match &d.error {
        Some(e) => lines.push(Line::styled(truncate(e, w), t.error)),
        None => lines.push(Line::styled(
            truncate("Enter write · Tab format · Esc cancel", w),
            t.dim,
        )),
    }
    f.render_widget(Paragraph::new(lines), inner);
    let x = inner.x as usize + 8 + caret_col;
    f.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1) as usize) as u16,
        inner.y + 2,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    #[test]
    fn a_wide_char_under_the_left_edge_is_cleared() {
        let mut term = Terminal::new(TestBackend::new(20, 4)).unwrap();
        term.draw(|f| {
            let wide = "中文中文中文中文中文";
            let lines: Vec<Line> = (0..4).map(|_| Line::raw(wide)).collect();
            f.render_widget(Paragraph::new(lines), f.area());
            // x = 5: the wide char at 4–5 sits half under the popup's left border.
            let r = Rect::new(5, 0, 10, 4);
            clear_popup(f, r);
            f.render_widget(Block::bordered(), r);
        })
        .unwrap();
        let buf = term.backend().buffer();
        for y in 0..4 {
            assert_eq!(buf[(4, y)].symbol(), " ", "row {y}");
            assert_ne!(buf[(5, y)].symbol(), " ", "the border is drawn on row {y}");
        }
        // The wide char before it is untouched.
        assert_eq!(buf[(2, 0)].symbol(), "文");
    }
}
