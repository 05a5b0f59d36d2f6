//! The TUI's memory by structure on a pile of reports, as bytes per byte of report text: the
//! reports (display text, the rest), the indicators (packed), the panel rows (packed), the App's own
//! tables and the search index. Used by `examples/tui_memory.rs` (which counts the heap with
//! its own allocator and passes the count in); not API.

use super::app::Msg;
use super::{Action, App, Keymap, Theme};
use baogao_core::Report;

/// Build the pile of `n` reports cycled from `base` stage by stage, printing what each adds to
/// the live heap (`live`: bytes allocated now, as malloc holds them).
pub fn memory_cost(base: &[Report], n: usize, live: fn() -> usize) {
    let at = |l: usize| live().saturating_sub(l);
    // The extractor's tables, made on first use, are not the pile's.
    if let Some(r) = base.first() {
        drop(baogao_core::indicators::extract(r));
    }
    let start = live();
    // Each copy owns its text, as the loader makes them (a clone would share it).
    let mut reports = Vec::with_capacity(n);
    let mut text = 0usize;
    for i in 0..n {
        let mut r = base[i % base.len()].clone();
        r.source = format!("{}#{i}", r.source);
        r.text = (*r.text).into();
        text += r.text.len();
        reports.push(r);
    }
    let reports_bytes = at(start);
    // As the loader works: the panel rows come from the extracted figures, which are then
    // packed (what the App holds) and dropped.
    let mut panel_bytes = 0;
    let mut indicators_bytes = 0;
    let mut figures = 0;
    let mut panel = Vec::with_capacity(n);
    let mut extracted = Vec::with_capacity(n);
    for r in &reports {
        // What the extraction leaves behind counts for the figures: the packed rows share its
        // section titles.
        let start = live();
        let ind = baogao_core::indicators::extract(r);
        figures += ind.len();
        let mark = live();
        // Packed, as the loader sends them.
        let rows = baogao_core::panel::rows_sharing_text(r, &ind);
        panel.push(baogao_core::panel::PackedRows::new(r, &rows));
        drop(rows);
        let rows = at(mark);
        panel_bytes += rows;
        extracted.push(baogao_core::indicators::Packed::new(r, &ind));
        drop(ind);
        indicators_bytes += at(start).saturating_sub(rows);
    }
    let rows: usize = panel.iter().map(|p| p.len()).sum();
    // The App takes the reports, indicators and rows as they are (moved, not copied): what it
    // adds is its own tables, and the search worker's index.
    let mark = live();
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.resize(120, 40);
    for ((r, ind), p) in reports.into_iter().zip(extracted).zip(panel) {
        app.add_packed(r, ind, Some(p));
    }
    // The search worker indexes on its own thread: a filter over every report waits until it
    // has indexed them all, and loading's end gives back the lists' spare capacity.
    app.update(Action::FocusFilter);
    app.type_str("的");
    app.settle();
    app.update(Action::FilterClear);
    app.settle();
    app.handle([Msg::LoadDone]);
    app.wait_index_loaded(std::time::Duration::from_secs(60));
    let app_bytes = at(mark);
    let per = |b: usize| b as f64 / text as f64;
    println!(
        "{n} reports, {:.1} MB of display text ({figures} figures, {rows} panel rows); bytes per byte of text:",
        text as f64 / 1e6
    );
    println!(
        "  reports {:.2} (display text 1.00, paragraphs, sections and meta {:.2})",
        per(reports_bytes),
        per(reports_bytes.saturating_sub(text))
    );
    println!(
        "  indicators {:.2} ({} bytes a figure with its strings)",
        per(indicators_bytes),
        indicators_bytes / figures.max(1)
    );
    println!("  panel rows {:.2}", per(panel_bytes));
    println!(
        "  the App's own tables and the search index {:.2} (the index alone: bench_search)",
        per(app_bytes)
    );
    println!(
        "  in all {:.2} (the TUI's peak adds the allocator's free space, the loader's queues and the jieba dictionary)",
        per(live().saturating_sub(start))
    );
    // The TUI loads it at start, on a thread of its own; the target allows for it.
    let before = live();
    baogao_core::segment::warm_up();
    println!(
        "  the jieba dictionary (loaded at start, beside the pile): {:.1} MB",
        live().saturating_sub(before) as f64 / 1e6
    );
}
