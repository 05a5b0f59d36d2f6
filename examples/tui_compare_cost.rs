//! Cost of opening the TUI's Compare view, and of changing its indicator, measure or result
//! kind, on a pile of reports (default 1000, `COMPARE_FILES`) cycled from
//! `$BAOGAO_SHARED/corpus` (default `../shared`) at run time; nothing is committed.
//!
//! ```text
//! cargo run --release --example tui_compare_cost
//! ```

#[path = "support/base_reports.rs"]
mod base_reports;
use base_reports::base_reports;

fn main() {
    let Some(base) = base_reports() else {
        return;
    };
    let n: usize = std::env::var("COMPARE_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    baogao::bench::tui_compare_cost(&base, n);
}
