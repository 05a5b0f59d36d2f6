//! Cost of opening the TUI's Compare view, and of changing its indicator, measure or result
//! kind, on a pile of reports (default 1000, `COMPARE_FILES`) cycled from
//! `$BAOGAO_SHARED/corpus` (default `../shared`) at run time; nothing is committed.
//!
//! ```text
//! cargo run --release --example tui_compare_cost
//! ```

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
    let n: usize = std::env::var("COMPARE_FILES")
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
    baogao::bench::tui_compare_cost(&base, n);
}
