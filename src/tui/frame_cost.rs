//! In-process cost of the TUI's work per keystroke on a pile of reports: `App::update` plus one
//! `draw` into a TestBackend, without a terminal. Used by `examples/tui_frame_cost.rs`; not API.

use super::{draw, Action, App, Keymap, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Instant;

/// Build an app of `n` reports cycled from `base` and print the per-keystroke costs.
pub fn frame_cost(base: &[baogao_core::Report], n: usize) {
    let t = Instant::now();
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::dark());
    app.resize(120, 40);
    let mut bytes = 0;
    let mut adding = std::time::Duration::ZERO;
    for i in 0..n {
        let mut r = base[i % base.len()].clone();
        r.source = format!("{}#{i}", r.source);
        bytes += r.text.len();
        let ind = baogao_core::indicators::extract(&r);
        let a = Instant::now();
        app.add_report(r, ind);
        adding += a.elapsed();
    }
    let a = Instant::now();
    app.settle();
    println!(
        "{n} reports, {:.1} MB of text, added (with indicator extraction) in {:.0} ms; on the UI thread {:.3} ms per report; then {:.0} ms until the search worker had indexed them all",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3,
        adding.as_secs_f64() * 1e3 / n.max(1) as f64,
        a.elapsed().as_secs_f64() * 1e3
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t = Instant::now();
    term.draw(|f| draw(&app, f)).unwrap();
    println!(
        "one frame, no filter: {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let all: Vec<baogao_core::Report> = app.reports.iter().map(|r| (**r).clone()).collect();
    let index = baogao_core::search::SearchIndex::new(&all);
    for query in ["一般公共预算收入", "发展", "17575"] {
        let q = baogao_core::search::Query::parse(query, false).unwrap();
        let t = Instant::now();
        let n = index.run(&q).len();
        println!(
            "  (index alone: {query} → {n} paragraphs in {:.2} ms)",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let repeat: usize = std::env::var("FRAME_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    for query in ["一般公共预算收入", "发展", "17575"].repeat(repeat) {
        app.update(Action::FilterClear);
        app.update(Action::FocusFilter);
        let mut worst = 0f64;
        let mut total = 0f64;
        for c in query.chars() {
            let t = Instant::now();
            app.type_str(&c.to_string());
            // Until the worker's answer is on screen.
            app.settle();
            term.draw(|f| draw(&app, f)).unwrap();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            worst = worst.max(ms);
            total += ms;
        }
        println!(
            "filter {query:<10} keystroke → frame: mean {:.2} ms, worst {:.2} ms ({} paragraphs in {} reports, {} table rows)",
            total / query.chars().count() as f64,
            worst,
            app.filter.matches.len(),
            app.reports_with_hits(),
            app.rows.len()
        );
    }
    // An input method commits a whole word at once: one burst, one search, one frame.
    for word in ["一般公共预算收入", "乡村振兴"] {
        app.update(Action::FilterClear);
        app.update(Action::FocusFilter);
        let searches = app.searches;
        let t = Instant::now();
        app.handle(word.chars().map(|c| {
            super::app::Msg::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ))
        }));
        app.settle();
        term.draw(|f| draw(&app, f)).unwrap();
        println!(
            "committed word {word}: one frame {:.2} ms, {} search(es)",
            t.elapsed().as_secs_f64() * 1e3,
            app.searches - searches
        );
    }
    for (label, a) in [
        ("scope toggle", Action::ToggleScope),
        ("next match", Action::NextMatch),
        ("move down", Action::Down),
    ] {
        let t = Instant::now();
        app.update(a);
        term.draw(|f| draw(&app, f)).unwrap();
        println!("{label}: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    }
}
