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
    f.render_widget(Clear, r);
    let b = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(
            " Keys (override by action name in the config file) ",
            t.title,
        ))
        .title_bottom(Line::styled(" j/k scroll · Esc close ", t.dim).right_aligned());
    let inner = b.inner(r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (ctx, rows) in app.keymap.help() {
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::styled(ctx.to_string(), t.heading));
        for (keys, desc, name) in rows {
            let k = format!("  {keys:<14}");
            let d = truncate(desc, w.saturating_sub(str_width(&k) + 2 + name.len() + 1));
            lines.push(spread(
                vec![Span::styled(k, t.key), Span::raw(d)],
                vec![Span::styled(name, t.dim)],
                w,
            ));
        }
    }
    lines.push(Line::styled("Filter language", t.heading));
    for l in baogao_core::search::QUERY_HELP.lines() {
        lines.push(Line::raw(truncate(&format!("  {l}"), w)));
    }
    if let Some(h) = &app.hint {
        lines.push(Line::styled("Your own reports", t.heading));
        lines.push(Line::raw(truncate(&format!("  {h}"), w)));
    }
    let skip = app
        .popup_scroll
        .min(lines.len().saturating_sub(inner.height as usize));
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn draw_errors(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = popup_area(area, 100, area.height.saturating_sub(4));
    f.render_widget(Clear, r);
    let b = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(
            format!(" Files that failed to load ({}) ", app.errors.len()),
            t.title,
        ));
    let inner = b.inner(r);
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
    let lines: Vec<Line> = lines.into_iter().skip(app.popup_scroll).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn draw_export(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(d) = &app.export else { return };
    let r = popup_area(area, 76, 10);
    f.render_widget(Clear, r);
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
