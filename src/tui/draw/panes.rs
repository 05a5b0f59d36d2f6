//! The four panes: reports, outline, text, indicators.

use super::*;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

pub(super) fn draw_reports(app: &App, f: &mut Frame, area: Rect) {
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
    // One line per report: the place and year the name lacks go in front (`2024 · 政府工作报告`);
    // names still identical are told apart by their file names. The labels are worked out as
    // reports arrive: a frame formats only the rows in view.
    let mut lines = Vec::new();
    // Under a filter over all reports: those with a match first (see `app::order`).
    for i in app
        .reports_pane_rows()
        .into_iter()
        .skip(app.reports_view.scroll)
    {
        let r = &app.reports[i];
        if lines.len() + per > inner.height as usize {
            break;
        }
        let sel = i == app.reports_view.sel;
        let style = row_style(app, Pane::Reports, sel);
        let hits = app.report_hits(i).len();
        let counts = if app.filter.active() {
            vec![Span::styled(
                format!("{hits}处"),
                if hits > 0 { t.count } else { t.dim },
            )]
        } else if i >= app.with_figures() && !app.is_early(i) {
            // Its figures are still to come: no count yet.
            vec![Span::styled(format!("{}段", r.paragraphs.len()), t.dim)]
        } else {
            vec![Span::styled(
                format!(
                    "{}段 {}项",
                    r.paragraphs.len(),
                    (0..app.indicators[i].len())
                        .filter(|&x| app.indicators[i].is_core(x))
                        .count()
                ),
                t.dim,
            )]
        };
        let cw: usize = counts.iter().map(|s| str_width(&s.content)).sum();
        let name_w = if per == 2 {
            w
        } else {
            w.saturating_sub(cw + 2)
        };
        let mut label = app.list_labels.label(i, per).to_string();
        // The file name goes first (on one line), after the title when it fits there whole, else
        // at the start of the detail line, where a narrow pane does not cut it off.
        let mut dup_file = None;
        if app.list_labels.shared(i, per) {
            let file = std::path::Path::new(&r.source)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| r.source.clone());
            let after = format!("{label} ({file})");
            if per == 1 {
                label = format!("{file} · {label}");
            } else if str_width(&after) <= name_w {
                label = after;
            } else {
                dup_file = Some(file);
            }
        }
        let name = truncate(&label, name_w);
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
            parts.extend(dup_file);
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

pub(super) fn draw_outline(app: &App, f: &mut Frame, area: Rect) {
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
        .skip(app.outline_view.scroll)
        .take(inner.height as usize)
    {
        let (label, range, kids) = match row.section {
            None => ("全文".to_string(), 0..r.paragraphs.len(), false),
            Some(s) => (
                section_label(r, s),
                r.sections[s].span(),
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
            let n = app.hits_in(app.reports_view.sel, range);
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
            i == app.outline_view.sel,
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The breadcrumb of a paragraph: `一、2023年工作回顾 › (一)…`.
pub(super) fn crumb(app: &App, para: usize, width: usize) -> String {
    let Some(r) = app.current() else {
        return String::new();
    };
    if para >= r.paragraphs.len() {
        return String::new();
    }
    let chain: Vec<String> = r
        .section_chain(r.paragraphs[para].section())
        .into_iter()
        .map(|s| section_label(r, s))
        .collect();
    if chain.is_empty() {
        return truncate(&report_name(r), width);
    }
    truncate(&chain.join(" › "), width)
}

pub(super) fn draw_text(app: &App, f: &mut Frame, area: Rect) {
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
    if app.filter.active() && app.narrow && app.report_hits(app.reports_view.sel).is_empty() {
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
    type Cached = (usize, Vec<char>, usize, Vec<(usize, usize)>, usize);
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
                    let spans = app.spans(app.reports_view.sel, l.para);
                    let head = heading_end(r, l.para).unwrap_or(0);
                    cached = Some((l.para, chars, indent, spans, head));
                }
                let Some((_, chars, indent, spans, head)) = cached.as_ref() else {
                    continue;
                };
                let mut out = vec![gutter];
                let mut run = String::new();
                let mut run_style = Style::new();
                for (ci, &c) in chars.iter().enumerate().take(end).skip(start) {
                    // Heading style for the heading sentence only, not the body after it.
                    let base = if ci < *head { t.heading } else { Style::new() };
                    let in_figure = app.figure.is_some_and(|(fr, fp, a, b)| {
                        fr == app.reports_view.sel
                            && fp == l.para
                            && ci.checked_sub(*indent).is_some_and(|x| x >= a && x < b)
                    });
                    let style = match ci
                        .checked_sub(*indent)
                        .and_then(|x| spans.iter().position(|&(a, b)| x >= a && x < b))
                    {
                        _ if in_figure => t.current_match,
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
    // Beside the body lines: below the border and the breadcrumb.
    let track = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    scrollbar(
        f,
        track,
        app.lines.len(),
        app.text_scroll,
        body_h,
        t.border_focus,
    );
}

pub(super) fn draw_indicators(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let counted = |v: &baogao_core::indicators::Packed| {
        if app.all_figures {
            v.len()
        } else {
            (0..v.len()).filter(|&i| v.is_core(i)).count()
        }
    };
    let total: usize = if app.filter.active() && app.filter.all_reports {
        // Counted as reports arrive: a frame does not walk every indicator of the pile.
        app.indicator_totals(app.all_figures)
    } else {
        app.indicators
            .get(app.reports_view.sel)
            .map(counted)
            .unwrap_or(0)
    };
    let what = if app.all_figures {
        "Figures"
    } else {
        "Indicators"
    };
    let mut title = format!(" {what} {}/{} ", app.rows.len(), total);
    if let Some((c, asc)) = app.sort {
        title.push_str(&format!(
            "· {} {} ",
            c.header(),
            if asc { "↑" } else { "↓" }
        ));
    }
    if app.table_zoomed() {
        title.push_str("· z: back ");
    }
    // The loader extracts figures after the reports are in: say what the table still lacks.
    let spanning = app.filter.active() && app.filter.all_reports;
    match app.figures_the_table_waits_for() {
        0 => {}
        1 if !spanning => title.push_str("· figures to come "),
        1 => title.push_str("· figures of 1 report to come "),
        n => title.push_str(&format!("· figures of {n} reports to come ")),
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
        for (((text, style), cw), &col) in cells.into_iter().zip(&widths).zip(&cols) {
            if *cw == 0 {
                continue;
            }
            if !spans.is_empty() {
                spans.push(Span::raw(" "));
            }
            // A section path keeps its end (the innermost section) when cut.
            let s = if col == Column::Section {
                truncate_start(&text, *cw)
            } else {
                truncate(&text, *cw)
            };
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
        .skip(app.rows_view.scroll)
        .take(body_h);
    for (i, &(ri, ii)) in visible {
        let ind = app.indicators[ri].figure(ii);
        let name = report_name(&app.reports[ri]);
        let cells = cols
            .iter()
            .map(|&c| {
                let style = match c {
                    Column::Figure | Column::Change => t.count,
                    Column::Section | Column::Report | Column::Quote => t.dim,
                    _ => Style::new(),
                };
                (crate::tui::table::cell(ind, c, &name), style)
            })
            .collect();
        let style = row_style(app, Pane::Indicators, i == app.rows_view.sel);
        let mut line = cell_line(cells).style(style);
        let lw = line.width();
        if lw < w {
            line.spans.push(Span::styled(" ".repeat(w - lw), style));
        }
        lines.push(line);
    }
    if app.rows.is_empty() {
        let waits = app.figures_the_table_waits_for() > 0;
        let msg = if waits && app.filter.active() && app.filter.all_reports {
            "No indicators in the matching paragraphs yet: figures still to come."
        } else if waits {
            "Figures still to come: the pile's reports are read first."
        } else if app.filter.active() {
            "No indicators in the matching paragraphs."
        } else {
            "No indicators found in this report."
        };
        lines.push(Line::styled(truncate(msg, w), t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
    // Beside the rows: below the header, above the detail line.
    let track = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(4),
        ..area
    };
    scrollbar(
        f,
        track,
        app.rows.len(),
        app.rows_view.scroll,
        body_h,
        t.border_focus,
    );
    // The detail line: the selected row's source sentence.
    if let Some(ind) = app
        .rows
        .get(app.rows_view.sel)
        .map(|&(r, i)| app.indicators[r].figure(i))
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

/// Cut `s` to at most `width` cells from the left, starting with `…` when cut.
fn truncate_start(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return wrap::safe(s);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = wrap::char_width(c);
        if w + cw + 1 > width {
            break;
        }
        tail.push(wrap::safe_char(c));
        w += cw;
    }
    if width == 0 {
        return String::new();
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// A scrollbar on a pane's right border (`track`: the rows beside the scrolled content) when
/// the content is taller than the view.
fn scrollbar(f: &mut Frame, track: Rect, len: usize, pos: usize, view: usize, style: Style) {
    if len <= view || track.height < 2 {
        return;
    }
    let mut state = ScrollbarState::new(len.saturating_sub(view) + 1)
        .position(pos)
        .viewport_content_length(view);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_symbol("┃")
        .thumb_style(style);
    f.render_stateful_widget(bar, track, &mut state);
}
