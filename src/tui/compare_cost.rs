//! In-process cost of the Compare view on a pile of reports: opening it (the panel rows of
//! every report, then the model), each change of choice, and one frame. Used by
//! `examples/tui_compare_cost.rs`; not API.

use super::{draw, Action, App, Keymap, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Instant;

/// This thread's CPU time in ms (wall time on a busy machine counts other processes' turns).
fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes the timespec it is given.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6;
        }
    }
    0.0
}

/// Build an app of `n` reports cycled from `base` (each copy a place of its own, so the view
/// has as many rows as a real collection) and print the costs.
pub fn compare_cost(base: &[baogao_core::Report], n: usize) {
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::dark());
    app.resize(120, 40);
    let mut loader_ms = 0.0;
    for i in 0..n {
        let mut r = base[i % base.len()].clone();
        r.source = format!("{}#{i}", r.source);
        if i >= base.len() {
            r.meta.place = r.meta.place.map(|p| format!("{}{p}", i / base.len()));
        }
        let ind = baogao_core::indicators::extract(&r);
        // The loader's work, on its worker threads in the app.
        let t = Instant::now();
        let panel = baogao_core::panel::rows_sharing_text(&r, &ind);
        let panel = baogao_core::panel::PackedRows::new(&r, &panel);
        loader_ms += t.elapsed().as_secs_f64() * 1e3;
        let ind = baogao_core::indicators::Packed::new(&r, &ind);
        app.add_packed(r, ind, Some(panel));
    }
    println!(
        "panel rows of {n} reports: {loader_ms:.1} ms in all, done by the loader beside extraction"
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let c = cpu_ms();
    app.update(Action::OpenCompare);
    let open = ms(t);
    let open_cpu = cpu_ms() - c;
    let t = Instant::now();
    let _ = term.draw(|f| draw(&app, f));
    let frame = ms(t);
    let Some(v) = app.compare.view.as_ref() else {
        println!("{n} reports: nothing to compare");
        return;
    };
    println!(
        "{n} reports, {} panel rows: first open {open:.1} ms wall, {open_cpu:.1} ms CPU (the model), frame {frame:.2} ms; \
         {} × {} years of {}",
        app.compare.cache.row_count(),
        v.model.rows.len(),
        v.model.years.len(),
        v.indicator_name()
    );
    app.update(Action::Close);
    let t = Instant::now();
    app.update(Action::OpenCompare);
    println!("reopen (nothing loaded since): {:.2} ms", ms(t));
    let gdp = app.compare.cache.rows_of("地区生产总值");
    let t = Instant::now();
    let m = baogao_core::panel::compare::compare(
        &gdp,
        "地区生产总值",
        baogao_core::indicators::Measure::Growth,
    );
    println!(
        "  model alone: compare() {:.2} ms ({} places)",
        ms(t),
        m.rows.len()
    );
    let t = Instant::now();
    let growth: Vec<_> = gdp
        .iter()
        .filter(|r| r.measure == baogao_core::indicators::Measure::Growth)
        .cloned()
        .collect();
    let paired = baogao_core::panel::targets::pair(&growth).len();
    println!("  of which pairing {paired} targets: {:.2} ms", ms(t));
    let mut worst = (0.0f64, 0.0f64);
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
        let c = cpu_ms();
        app.update(a);
        let _ = term.draw(|f| draw(&app, f));
        let cpu = cpu_ms() - c;
        let wall = ms(t);
        worst = (worst.0.max(wall), worst.1.max(cpu));
        let name = app
            .compare
            .view
            .as_ref()
            .map_or(String::new(), |v| v.indicator_name().to_string());
        println!("{label} ({name}) → frame: {wall:.2} ms wall, {cpu:.2} ms CPU");
    }
    println!(
        "worst change of choice → frame: {:.1} ms wall, {:.1} ms CPU",
        worst.0, worst.1
    );
}
