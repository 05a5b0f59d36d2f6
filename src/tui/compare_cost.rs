//! In-process cost of the Compare view on a pile of reports: opening it (the panel rows of
//! every report, then the model), each change of choice, and one frame. Used by
//! `examples/tui_compare_cost.rs`; not API.

use super::{draw, Action, App, Keymap, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Instant;

/// Build an app of `n` reports cycled from `base` (each copy a place of its own, so the view
/// has as many rows as a real collection) and print the costs.
pub fn compare_cost(base: &[baogao_core::Report], n: usize) {
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::dark());
    app.resize(120, 40);
    for i in 0..n {
        let mut r = base[i % base.len()].clone();
        r.source = format!("{}#{i}", r.source);
        if i >= base.len() {
            r.meta.place = r.meta.place.map(|p| format!("{}{p}", i / base.len()));
        }
        let ind = baogao_core::indicators::extract(&r);
        app.add_report(r, ind);
    }
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    app.update(Action::OpenCompare);
    let open = ms(t);
    let t = Instant::now();
    let _ = term.draw(|f| draw(&app, f));
    let frame = ms(t);
    let Some(v) = app.compare.view.as_ref() else {
        println!("{n} reports: nothing to compare");
        return;
    };
    println!(
        "{n} reports, {} panel rows: first open {open:.1} ms (panel rows of every report + model), \
         frame {frame:.2} ms; {} × {} years of {}",
        app.compare.cache.rows.len(),
        v.model.rows.len(),
        v.model.years.len(),
        v.indicator_name()
    );
    app.update(Action::Close);
    let t = Instant::now();
    app.update(Action::OpenCompare);
    println!("reopen (nothing loaded since): {:.2} ms", ms(t));
    for (label, a) in [
        ("next indicator", Action::NextIndicator),
        ("next indicator", Action::NextIndicator),
        ("measure", Action::NextMeasure),
        ("result kind", Action::NextResultKind),
        ("previous indicator", Action::PrevIndicator),
        ("move down", Action::Down),
        ("next figure", Action::CellRight),
    ] {
        let t = Instant::now();
        app.update(a);
        let _ = term.draw(|f| draw(&app, f));
        let name = app
            .compare
            .view
            .as_ref()
            .map_or(String::new(), |v| v.indicator_name().to_string());
        println!("{label} ({name}) → frame: {:.2} ms", ms(t));
    }
}
