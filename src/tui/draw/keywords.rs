//! The keywords popup: the selected report's (or section's) distinctive terms, best first, with
//! their weights; "cutting words…" while the worker runs.

use super::popups::{clear_popup, popup_area, popup_block, scroll_note};
use super::*;

pub(super) fn draw_keywords(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let k = &app.keywords;
    let r = popup_area(area, 60, area.height.saturating_sub(2));
    let len = app.popup_len();
    let rows = app.popup_rows();
    let title = format!(" Keywords: {} ", k.title);
    let title = truncate(&title, (r.width as usize).saturating_sub(2));
    let against = format!(" against {} report(s) ", k.pile_size());
    let b = popup_block(app, r, &title)
        .title_bottom(Line::styled(against, t.dim).left_aligned())
        .title_bottom(Line::styled(scroll_note(app, len, rows), t.dim).right_aligned());
    let inner = b.inner(r);
    clear_popup(f, r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let lines: Vec<Line> = if k.pending() > 0 {
        vec![Line::styled(
            format!("Cutting the words of {} report(s)…", k.pending()),
            t.dim,
        )]
    } else if k.words.is_empty() {
        vec![Line::styled("No keywords here.", t.dim)]
    } else {
        k.words
            .iter()
            .enumerate()
            .skip(app.popup_scroll.offset.min(Scroller::max(len, rows)))
            .map(|(i, (word, weight))| {
                spread(
                    vec![
                        Span::styled(format!("{:>3} ", i + 1), t.dim),
                        Span::raw(truncate(word, w.saturating_sub(12))),
                    ],
                    vec![Span::styled(format!("{weight:.1}"), t.dim)],
                    w,
                )
            })
            .collect()
    };
    f.render_widget(Paragraph::new(lines), inner);
}
