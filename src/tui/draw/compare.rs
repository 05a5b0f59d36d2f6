//! Drawing the Compare view: places × years, each year a target, its result and the gap
//! (coloured met / missed), then the selected cell's details and a bar chart of the selected
//! place's targets and results over the years. Reads the texts and widths the view computed
//! when it was built; nothing here is heavier than the rows in view.

use super::super::app::compare::{compare_areas, year_width, CompareView};
use super::super::theme::Theme;
use super::{truncate, App};
use crate::tui::wrap::{safe, str_width};
use baogao_core::panel::compare::CompareCell;
use baogao_core::table::{format_number, kind_label, measure_label};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Clear, Paragraph};
use ratatui::Frame;

/// The widest the place column gets before names are cut.
const PLACE_MAX: usize = 16;

/// Styles of a met and a missed target: green and red, or bold and underlined without colour.
fn verdict_styles(theme: &Theme) -> (Style, Style) {
    if *theme == Theme::none() {
        (
            Style::new().add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    } else {
        (
            Style::new().fg(Color::Green),
            Style::new().fg(Color::LightRed),
        )
    }
}

pub(super) fn draw_compare(app: &App, f: &mut Frame, area: Rect) {
    let Some(v) = app.compare.view.as_ref() else {
        return;
    };
    f.render_widget(Clear, area);
    let t = &app.theme;
    let a = compare_areas(area);
    let title = format!(
        " Compare · {} · {} ",
        v.indicator_name(),
        measure_label(v.measure)
    );
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(
            truncate(&title, (area.width as usize).saturating_sub(2)),
            t.title.patch(t.border_focus),
        ));
    f.render_widget(block, a.block);
    draw_info(app, v, f, a.info);
    let cols = columns(v, a.table.width as usize);
    draw_table(app, v, &cols, f, a.table);
    draw_detail(app, v, f, a.detail);
    if a.chart.height > 0 {
        draw_chart(app, v, &cols, f, a.chart);
    }
}

/// The choices and the tally: `indicator 1/12 · results: … · 3 places × 4 years · met 2 ·
/// missed 1`.
fn draw_info(app: &App, v: &CompareView, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (met, missed) =
        v.model
            .rows
            .iter()
            .flat_map(|(_, cells)| cells)
            .fold((0, 0), |(m, x), c| match c.met {
                Some(true) => (m + 1, x),
                Some(false) => (m, x + 1),
                None => (m, x),
            });
    let (met_style, missed_style) = verdict_styles(t);
    let mut spans = vec![
        Span::styled(
            format!("{}/{}", v.indicator + 1, v.indicators.len()),
            t.count,
        ),
        Span::styled(
            format!(
                " · {} · {} × {} · ",
                v.kind.label(),
                plural(v.model.rows.len(), "place"),
                plural(v.model.years.len(), "year"),
            ),
            t.dim,
        ),
        Span::styled(format!("met {met}"), met_style),
        Span::styled(" · ", t.dim),
        Span::styled(format!("missed {missed}"), missed_style),
    ];
    let later = app.with_figures().saturating_sub(v.reports);
    let coming = app.figures_pending();
    // Before the tally, so a narrow screen still shows them.
    if coming > 0 {
        spans.insert(
            1,
            Span::styled(
                format!(" · figures of {} coming", plural(coming, "report")),
                t.count,
            ),
        );
    }
    if later > 0 {
        spans.insert(
            1,
            Span::styled(format!(" · {later} more loaded: t updates"), t.count),
        );
    }
    f.render_widget(Paragraph::new(clip(spans, area.width as usize)), area);
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The place column's width and the years shown (a window that holds the selected year).
struct Columns {
    place: usize,
    years: std::ops::Range<usize>,
}

fn columns(v: &CompareView, width: usize) -> Columns {
    let place = v.place_width.min(PLACE_MAX).min(width / 3).max(2);
    let room = width.saturating_sub(place);
    let w = |j: usize| year_width(v.widths[j]) + 2;
    let n = v.model.years.len();
    let sel = v.year().min(n.saturating_sub(1));
    // From the selected year leftwards while they fit, then rightwards with what is left.
    let mut first = sel;
    let mut used = if n > 0 { w(sel) } else { 0 };
    while first > 0 && used + w(first - 1) <= room {
        first -= 1;
        used += w(first);
    }
    let mut last = if n > 0 { sel + 1 } else { 0 };
    while last < n && used + w(last) <= room {
        used += w(last);
        last += 1;
    }
    Columns {
        place,
        years: first..last,
    }
}

/// `s` cut or padded to exactly `w` cells.
fn fit(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let pad = w.saturating_sub(str_width(&s));
    format!("{s}{}", " ".repeat(pad))
}

fn draw_table(app: &App, v: &CompareView, cols: &Columns, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let (met_style, missed_style) = verdict_styles(t);
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(fit("地区", cols.place), t.header)];
    for j in cols.years.clone() {
        head.push(Span::raw("  "));
        let year = v.model.years[j].to_string();
        let style = if j == v.year() {
            t.header.add_modifier(Modifier::REVERSED)
        } else {
            t.header
        };
        head.push(Span::styled(fit(&year, year_width(v.widths[j])), style));
    }
    lines.push(Line::from(head));
    let rows = (area.height as usize).saturating_sub(1);
    let view = v.rows.scroll..(v.rows.scroll + rows).min(v.model.rows.len());
    for i in view {
        let selected = i == v.rows.sel;
        let base = if selected {
            t.selected_unfocused
        } else {
            Style::new()
        };
        let (place, cells) = &v.model.rows[i];
        let mut spans = vec![Span::styled(fit(&safe(place), cols.place), base)];
        for j in cols.years.clone() {
            let (tw, rw, gw) = v.widths[j];
            let text = &v.texts[i][j];
            let cell: &CompareCell = &cells[j];
            let pick = |side: usize| {
                if selected && v.year() == j && v.col % 2 == side {
                    t.selected
                } else {
                    base
                }
            };
            spans.push(Span::styled("  ", base));
            spans.push(Span::styled(fit(&text.target, tw), pick(0).patch(t.dim)));
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(fit(&text.result, rw), pick(1)));
            if gw > 0 {
                let verdict = match cell.met {
                    Some(true) => met_style,
                    Some(false) => missed_style,
                    None => Style::new(),
                };
                spans.push(Span::styled(" ", base));
                spans.push(Span::styled(fit(&text.gap, gw), base.patch(verdict)));
            }
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// The file name of a report path, for the detail line.
fn file_name(path: &str) -> String {
    safe(path.rsplit(['/', '\\']).next().unwrap_or(path))
}

/// The selected cell: `2023 · target 6%左右 (a.txt) · result 6.2% 实际 (b.txt) · gap +0.2 met`.
fn draw_detail(app: &App, v: &CompareView, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let (met_style, missed_style) = verdict_styles(t);
    let Some(((place, cells), texts)) = v.model.rows.get(v.rows.sel).zip(v.texts.get(v.rows.sel))
    else {
        let empty = Span::styled("no figures for this choice", t.dim);
        f.render_widget(Paragraph::new(empty), area);
        return;
    };
    let j = v.year();
    let (Some(cell), Some(text), Some(year)) = (cells.get(j), texts.get(j), v.model.years.get(j))
    else {
        return;
    };
    let mut spans = vec![Span::styled(format!("{} {year}", safe(place)), t.key)];
    if cell.target.is_some() {
        let from = cell.target_at.as_ref().map(|s| file_name(&s.0));
        spans.push(Span::raw(format!(
            " · target {} ({})",
            text.target,
            from.unwrap_or_default()
        )));
    }
    if let Some((_, kind)) = cell.result {
        let from = cell.result_at.as_ref().map(|s| file_name(&s.0));
        spans.push(Span::raw(format!(
            " · result {} {} ({})",
            text.result,
            kind_label(kind),
            from.unwrap_or_default()
        )));
    }
    if cell.target.is_none() && cell.result.is_none() {
        spans.push(Span::styled(" · no figure", t.dim));
    }
    if cell.gap.is_some() {
        let (word, style) = match cell.met {
            Some(true) => (" met", met_style),
            Some(false) => (" missed", missed_style),
            None => ("", Style::new()),
        };
        spans.push(Span::raw(format!(" · gap {}", text.gap)));
        spans.push(Span::styled(word, style));
    }
    f.render_widget(Paragraph::new(clip(spans, area.width as usize)), area);
}

/// Targets and results of the selected place over the years shown, as pairs of bars (the
/// value written on each; negative figures, such as a fall in energy use, drawn from the
/// lowest one).
fn draw_chart(app: &App, v: &CompareView, cols: &Columns, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some((place, cells)) = v.model.rows.get(v.rows.sel) else {
        return;
    };
    let (met_style, missed_style) = verdict_styles(t);
    let years = cols.years.clone();
    let values: Vec<f64> = years
        .clone()
        .flat_map(|j| {
            [
                cells[j].target.as_ref().map(|x| x.0),
                cells[j].result.map(|x| x.0),
            ]
        })
        .flatten()
        .collect();
    let floor = values.iter().copied().fold(0.0f64, f64::min);
    let height = |x: f64| ((x - floor) * 100.0).round().max(0.0) as u64 + 1;
    let text = |x: f64| format_number(x);
    let bar_w = values
        .iter()
        .map(|&x| str_width(&text(x)))
        .max()
        .unwrap_or(1)
        .clamp(3, 8) as u16;
    let group_w = 2 * bar_w + 1 + 3;
    let fits = (area.width / group_w.max(1)) as usize;
    // The groups nearest the selected year.
    let shown: Vec<usize> = {
        let sel = v.year();
        let mut ys: Vec<usize> = years.clone().collect();
        while ys.len() > fits {
            if ys.last().is_some_and(|&l| l > sel) {
                ys.pop();
            } else {
                ys.remove(0);
            }
        }
        ys
    };
    let groups: Vec<BarGroup> = shown
        .iter()
        .map(|&j| {
            let c = &cells[j];
            let target = match &c.target {
                Some((x, _, _)) => Bar::default()
                    .value(height(*x))
                    .text_value(text(*x))
                    .style(t.dim),
                None => Bar::default().value(0).text_value(""),
            };
            let verdict = match c.met {
                Some(true) => met_style,
                Some(false) => missed_style,
                None => t.gauge,
            };
            let result = match c.result {
                Some((x, _)) => Bar::default()
                    .value(height(x))
                    .text_value(text(x))
                    .style(verdict),
                None => Bar::default().value(0).text_value(""),
            };
            BarGroup::default()
                .label(Line::from(v.model.years[j].to_string()))
                .bars(&[target, result])
        })
        .collect();
    let title = format!(" {} · target | result by year ", safe(place));
    let mut chart = BarChart::default()
        .block(Block::bordered().border_style(t.border).title(Span::styled(
            truncate(&title, (area.width as usize).saturating_sub(2)),
            t.title,
        )))
        .bar_width(bar_w)
        .bar_gap(1)
        .group_gap(3)
        .value_style(Style::new().add_modifier(Modifier::REVERSED));
    for g in groups {
        chart = chart.data(g);
    }
    f.render_widget(chart, area);
}

/// Spans cut to `width` cells (the last one truncated with `…`).
fn clip(spans: Vec<Span<'_>>, width: usize) -> Line<'_> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = str_width(&s.content);
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            let rest = width.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(truncate(&s.content, rest), s.style));
            }
            break;
        }
    }
    Line::from(out)
}
