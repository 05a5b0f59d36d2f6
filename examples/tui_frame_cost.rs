//! In-process cost of the TUI's work per keystroke on a big pile: `App::update` (filter, index,
//! rows, layout) plus one `draw` into a TestBackend, without any terminal. Complements
//! `tui_latency` (the real binary in tmux).
//!
//! ```text
//! cargo run --release --example tui_frame_cost
//! ```
//!
//! The pile (`FRAME_FILES`, default 1000 reports) is built at run time from
//! `$BAOGAO_SHARED/corpus` (default `../shared`); nothing is committed.

#[path = "support/base_reports.rs"]
mod base_reports;
use base_reports::base_reports;

fn main() {
    let Some(base) = base_reports() else {
        return;
    };
    let n: usize = std::env::var("FRAME_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    baogao::bench::tui_frame_cost(&base, n);
}
