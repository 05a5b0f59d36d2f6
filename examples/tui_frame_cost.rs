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

use std::path::{Path, PathBuf};

fn main() {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        println!(
            "no corpus under {} (set BAOGAO_SHARED); nothing measured",
            corpus.display()
        );
        return;
    }
    let n: usize = std::env::var("FRAME_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let paths: Vec<String> = ["seeds", "real"]
        .iter()
        .map(|d| corpus.join(d).to_string_lossy().into_owned())
        .collect();
    let base: Vec<_> = baogao_core::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
        .collect();
    if base.is_empty() {
        println!("no reports loaded");
        return;
    }
    baogao::bench::tui_frame_cost(&base, n);
}
