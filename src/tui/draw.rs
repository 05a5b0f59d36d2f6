//! Drawing: a pure function of the [`App`] state. No I/O, no mutation. Every string that came
//! from a file passes through [`wrap::safe`] / [`wrap::truncate`] before it reaches a cell.

use super::app::{
    display_chars, human_size, is_heading, report_name, section_label, App, LineKind, Popup,
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

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    let a = layout::areas(
        area.width,
        area.height,
        app.focus,
        app.show_indicators,
        app.report_lines() * app.reports.len().max(1),
    );
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
    draw_status(app, f, a.status);
    match app.popup {
        Some(Popup::Help) => draw_help(app, f, area),
        Some(Popup::Errors) => draw_errors(app, f, area),
        Some(Popup::Export) => draw_export(app, f, area),
        None => {}
    }
}

fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
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
fn spread<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let lw: usize = left.iter().map(|s| str_width(&s.content)).sum();
    let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let mut spans = left;
    if lw + rw < width {
        spans.push(Span::raw(" ".repeat(width - lw - rw)));
        spans.extend(right);
    }
    Line::from(spans)
}

fn row_style(app: &App, pane: Pane, selected: bool) -> Style {
    if !selected {
        Style::new()
    } else if app.focus == pane && !app.filter.focused {
        app.theme.selected
    } else {
        app.theme.selected_unfocused
    }
}

fn draw_reports(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let title = if app.filter.active() {
        format!(
            " Reports {}/{} ",
            app.reports_with_hits(),
            app.reports.len()
        )
    } else {
        format!(" Reports ({}) ", app.reports.len())
    };
    let mut b = block(app, Pane::Reports, title);
    if app.hint.is_some() {
        // Bundled samples: say how to open your own (the full hint was the first toast).
        let h = truncate(
            " samples · baogao PATH opens yours ",
            (area.width as usize).saturating_sub(2),
        );
        b = b.title_bottom(Line::styled(h, t.dim).right_aligned());
    }
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let per = app.report_lines();
    let mut lines = Vec::new();
    for (i, r) in app.reports.iter().enumerate().skip(app.report_scroll) {
        if lines.len() + per > inner.height as usize {
            break;
        }
        let sel = i == app.report_sel;
        let style = row_style(app, Pane::Reports, sel);
        let hits = app.report_hits(i).len();
        let counts = if app.filter.active() {
            vec![Span::styled(
                format!("{hits}处"),
                if hits > 0 { t.count } else { t.dim },
            )]
        } else {
            vec![Span::styled(
                format!("{}段 {}项", r.paragraphs.len(), app.indicators[i].len()),
                t.dim,
            )]
        };
        let cw: usize = counts.iter().map(|s| str_width(&s.content)).sum();
        let name_w = if per == 2 {
            w
        } else {
            w.saturating_sub(cw + 2)
        };
        let name = truncate(&report_name(r), name_w);
        let name_style = if app.filter.active() && hits == 0 {
            t.dim
        } else {
            Style::new()
        };
        let line = if per == 2 {
            spread(
                vec![Span::styled(name, name_style.add_modifier(Modifier::BOLD))],
                vec![],
                w,
            )
        } else {
            spread(vec![Span::styled(name, name_style)], counts.clone(), w)
        };
        lines.push(line.style(style));
        if per == 2 {
            let m = &r.meta;
            let mut parts: Vec<String> = Vec::new();
            parts.extend(m.place.clone());
            parts.extend(m.year.map(|y| y.to_string()));
            parts.extend(m.kind.clone());
            let meta = truncate(
                &format!("  {}", parts.join(" · ")),
                w.saturating_sub(cw + 1),
            );
            lines.push(spread(vec![Span::styled(meta, t.dim)], counts, w).style(style));
        }
    }
    if app.reports.is_empty() {
        let msg = if app.progress.as_ref().is_some_and(|p| !p.finished) {
            "Loading…"
        } else {
            "No reports"
        };
        lines.push(Line::styled(msg, t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_outline(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let b = block(app, Pane::Outline, " Outline ".into());
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some(r) = app.current() else { return };
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, row) in app
        .outline
        .iter()
        .enumerate()
        .skip(app.outline_scroll)
        .take(inner.height as usize)
    {
        let (label, range, kids) = match row.section {
            None => ("全文".to_string(), 0..r.paragraphs.len(), false),
            Some(s) => (
                section_label(r, s),
                r.sections[s].span.clone(),
                !r.sections[s].children.is_empty(),
            ),
        };
        let marker = match row.section {
            Some(s) if kids && app.collapsed.contains(&s) => "▸ ",
            _ if kids => "▾ ",
            _ => "  ",
        };
        let indent = "  ".repeat(row.depth.saturating_sub(1));
        let right = if app.filter.active() {
            let n = app.hits_in(app.report_sel, range);
            vec![Span::styled(
                format!("{n}"),
                if n > 0 { t.count } else { t.dim },
            )]
        } else {
            vec![]
        };
        let rw: usize = right.iter().map(|s| str_width(&s.content)).sum();
        let avail = w.saturating_sub(rw + 1 + str_width(&indent) + 2);
        let style = if row.section.is_none() || row.depth == 1 {
            t.title
        } else {
            Style::new()
        };
        let left = vec![
            Span::raw(indent),
            Span::styled(marker, t.dim),
            Span::styled(truncate(&label, avail), style),
        ];
        lines.push(spread(left, right, w).style(row_style(
            app,
            Pane::Outline,
            i == app.outline_sel,
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The breadcrumb of a paragraph: `一、2023年工作回顾 › (一)…`.
fn crumb(app: &App, para: usize, width: usize) -> String {
    let Some(r) = app.current() else {
        return String::new();
    };
    if para >= r.paragraphs.len() {
        return String::new();
    }
    let chain: Vec<String> = r
        .section_chain(r.paragraphs[para].section)
        .into_iter()
        .map(|s| section_label(r, s))
        .collect();
    if chain.is_empty() {
        return truncate(&report_name(r), width);
    }
    truncate(&chain.join(" › "), width)
}

fn draw_text(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let room = (area.width as usize).saturating_sub(20);
    let title = match (app.current(), app.section_only) {
        (Some(r), Some(sec)) if sec < r.sections.len() => {
            format!(" § {} ", truncate(&section_label(r, sec), room))
        }
        (Some(r), _) => format!(" {} ", truncate(&report_name(r), room)),
        (None, _) => " Text ".into(),
    };
    let mut b = block(app, Pane::Text, title);
    if let Some(r) = app.current() {
        if !r.paragraphs.is_empty() {
            let pos = format!(" ¶ {}/{} ", app.para + 1, r.paragraphs.len());
            b = b.title_top(Line::styled(pos, t.dim).right_aligned());
        }
    }
    let inner = b.inner(area);
    f.render_widget(b, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let Some(r) = app.current() else {
        let msg = if app.progress.as_ref().is_some_and(|p| !p.finished) {
            "Loading reports…"
        } else {
            "No report loaded. Open files or directories: baogao PATH..."
        };
        f.render_widget(Paragraph::new(Line::styled(msg, t.dim)), inner);
        return;
    };
    let mut lines = vec![Line::styled(crumb(app, app.para, w), t.crumb)];
    if app.filter.active() && app.narrow && app.report_hits(app.report_sel).is_empty() {
        lines.push(Line::styled(
            truncate("No matches in this report.", w),
            t.dim,
        ));
        if app.filter.all_reports && !app.filter.matches.is_empty() {
            lines.push(Line::styled(
                truncate("n / N go to the next report with matches.", w),
                t.dim,
            ));
        }
    }
    let body_h = (inner.height as usize).saturating_sub(1);
    // One paragraph's chars and match spans, shared by its lines.
    type Cached = (usize, Vec<char>, usize, Vec<(usize, usize)>);
    let mut cached: Option<Cached> = None;
    for l in app.lines.iter().skip(app.text_scroll).take(body_h) {
        let current = l.para == app.para;
        let gutter = Span::styled(if current { "▎" } else { " " }, t.current_para);
        match l.kind {
            LineKind::Crumb => {
                let c = crumb(app, l.para, w.saturating_sub(4));
                lines.push(Line::from(vec![
                    gutter,
                    Span::styled(format!("── {c}"), t.crumb.add_modifier(Modifier::DIM)),
                ]));
            }
            LineKind::Body { start, end } => {
                if cached.as_ref().is_none_or(|c| c.0 != l.para) {
                    let (chars, indent) = display_chars(r, l.para);
                    let spans = app.spans(app.report_sel, l.para);
                    cached = Some((l.para, chars, indent, spans));
                }
                let Some((_, chars, indent, spans)) = cached.as_ref() else {
                    continue;
                };
                let base = if is_heading(r, l.para) {
                    t.heading
                } else {
                    Style::new()
                };
                let mut out = vec![gutter];
                let mut run = String::new();
                let mut run_style = base;
                for (ci, &c) in chars.iter().enumerate().take(end).skip(start) {
                    let style = match ci
                        .checked_sub(*indent)
                        .and_then(|x| spans.iter().position(|&(a, b)| x >= a && x < b))
                    {
                        Some(k) if current && k == app.match_span => t.current_match,
                        Some(_) => base.patch(t.matched),
                        None => base,
                    };
                    if style != run_style && !run.is_empty() {
                        out.push(Span::styled(std::mem::take(&mut run), run_style));
                    }
                    run_style = style;
                    run.push(c);
                }
                if !run.is_empty() {
                    out.push(Span::styled(run, run_style));
                }
                lines.push(Line::from(out));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_indicators(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let total: usize = if app.filter.active() && app.filter.all_reports {
        app.indicators.iter().map(Vec::len).sum()
    } else {
        app.indicators
            .get(app.report_sel)
            .map(Vec::len)
            .unwrap_or(0)
    };
    let mut title = format!(" Indicators {}/{} ", app.rows.len(), total);
    if let Some((c, asc)) = app.sort {
        title.push_str(&format!(
            "· {} {} ",
            c.header(),
            if asc { "↑" } else { "↓" }
        ));
    }
    let b = block(app, Pane::Indicators, title);
    let inner = b.inner(area);
    f.render_widget(b, area);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let cols = app.columns();
    let widths = app.column_widths(w);
    let cell_line = |cells: Vec<(String, Style)>| -> Line<'static> {
        let mut spans = Vec::new();
        for ((text, style), cw) in cells.into_iter().zip(&widths) {
            if *cw == 0 {
                continue;
            }
            if !spans.is_empty() {
                spans.push(Span::raw(" "));
            }
            let s = truncate(&text, *cw);
            let pad = cw.saturating_sub(str_width(&s));
            spans.push(Span::styled(format!("{s}{}", " ".repeat(pad)), style));
        }
        Line::from(spans)
    };
    let header: Vec<(String, Style)> = cols
        .iter()
        .map(|&c| {
            let arrow = match app.sort {
                Some((s, asc)) if s == c => {
                    if asc {
                        "↑"
                    } else {
                        "↓"
                    }
                }
                _ => "",
            };
            (format!("{}{arrow}", c.header()), t.header)
        })
        .collect();
    let mut lines = vec![cell_line(header)];
    let body_h = (inner.height as usize).saturating_sub(2);
    // Only the visible rows are looked at: the table may hold tens of thousands.
    let visible = app
        .rows
        .iter()
        .enumerate()
        .skip(app.row_scroll)
        .take(body_h);
    for (i, &(ri, ii)) in visible {
        let ind = &app.indicators[ri][ii];
        let name = report_name(&app.reports[ri]);
        let cells = cols
            .iter()
            .map(|&c| {
                let style = match c {
                    Column::Value | Column::Change => t.count,
                    Column::Section | Column::Report => t.dim,
                    _ => Style::new(),
                };
                (super::table::cell(ind, c, &name), style)
            })
            .collect();
        let style = row_style(app, Pane::Indicators, i == app.row_sel);
        let mut line = cell_line(cells).style(style);
        let lw = line.width();
        if lw < w {
            line.spans.push(Span::styled(" ".repeat(w - lw), style));
        }
        lines.push(line);
    }
    if app.rows.is_empty() {
        let msg = if app.filter.active() {
            "No indicators in the matching paragraphs."
        } else {
            "No indicators found in this report."
        };
        lines.push(Line::styled(truncate(msg, w), t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
    // The detail line: the selected row's source sentence.
    if let Some(ind) = app
        .rows
        .get(app.row_sel)
        .map(|&(r, i)| &app.indicators[r][i])
    {
        let y = inner.bottom() - 1;
        let quote = truncate(&format!("› {}", ind.quote.trim()), w);
        f.render_widget(
            Paragraph::new(Line::styled(quote, t.dim)),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}

fn draw_filter(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let fl = &app.filter;
    let mut right: Vec<Span> = Vec::new();
    if let Some(e) = &fl.error {
        right.push(Span::styled(truncate(e, 30), t.error));
    } else if fl.active() {
        let (np, nr) = if fl.all_reports {
            (fl.matches.len(), app.reports_with_hits())
        } else {
            let n = app.report_hits(app.report_sel).len();
            (n, usize::from(n > 0))
        };
        right.push(Span::styled(
            format!(
                "{np} paragraph{} in {nr} report{}",
                if np == 1 { "" } else { "s" },
                if nr == 1 { "" } else { "s" }
            ),
            t.count,
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
            "type / to filter — e.g. 17575, 收入 -税收, \"一般公共预算\"",
            field,
        );
        let line = spread(vec![prompt, Span::styled(hint, t.dim)], right, w);
        f.render_widget(Paragraph::new(line), area);
        return;
    }
    // Scroll the input so the caret stays visible; the caret column is in display cells.
    let chars: Vec<char> = text.chars().collect();
    let caret = fl.caret().min(chars.len());
    let caret_w: usize = chars[..caret].iter().map(|&c| wrap::char_width(c)).sum();
    let skip_w = caret_w.saturating_sub(field.saturating_sub(1));
    let mut shown = String::new();
    let mut acc = 0;
    let mut sw = 0;
    for &c in &chars {
        let cw = wrap::char_width(c);
        if acc < skip_w {
            acc += cw;
            continue;
        }
        if sw + cw > field {
            break;
        }
        shown.push(c);
        sw += cw;
    }
    let style = if fl.focused {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let line = spread(vec![prompt, Span::styled(shown, style)], right, w);
    f.render_widget(Paragraph::new(line), area);
    if fl.focused && app.popup.is_none() {
        // The real cursor sits at the caret, so IME candidate windows appear there.
        let x = area.x as usize + 3 + caret_w - acc;
        f.set_cursor_position(Position::new(
            x.min(area.right().saturating_sub(1) as usize) as u16,
            area.y,
        ));
    }
}

fn draw_status(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let ctx = app.context();
    let label = match ctx {
        Context::Filter => "FILTER",
        Context::Popup => "HELP",
        Context::Dialog => "EXPORT",
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

fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_help(app: &App, f: &mut Frame, area: Rect) {
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
    for l in crate::search::QUERY_HELP.lines() {
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

fn draw_errors(app: &App, f: &mut Frame, area: Rect) {
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

fn draw_export(app: &App, f: &mut Frame, area: Rect) {
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
    for fmt in super::app::FORMATS {
        let label = format!(" {} ", super::app::format_label(fmt));
        formats.push(Span::styled(
            label,
            if fmt == d.format { t.selected } else { t.dim },
        ));
        formats.push(Span::raw(" "));
    }
    let name = wrap::safe(&d.name_text());
    let field = w.saturating_sub(9).max(1);
    let chars: Vec<char> = name.chars().collect();
    let caret = d.name.cursor().1.min(chars.len());
    let caret_w: usize = chars[..caret].iter().map(|&c| wrap::char_width(c)).sum();
    let skip = caret_w.saturating_sub(field.saturating_sub(1));
    let mut shown = String::new();
    let (mut acc, mut sw) = (0, 0);
    for &c in &chars {
        let cw = wrap::char_width(c);
        if acc < skip {
            acc += cw;
            continue;
        }
        if sw + cw > field {
            break;
        }
        shown.push(c);
        sw += cw;
    }
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
    let x = inner.x as usize + 8 + caret_w - acc;
    f.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1) as usize) as u16,
        inner.y + 2,
    ));
}
