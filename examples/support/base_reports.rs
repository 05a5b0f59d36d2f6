//! The corpus reports (seeds and real) that in-process benchmarks repeat into a big pile.

use std::path::{Path, PathBuf};

/// The loaded reports of `$BAOGAO_SHARED/corpus` (default `../shared`), or `None` with a line
/// saying why nothing is measured.
pub fn base_reports() -> Option<Vec<baogao_core::Report>> {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        println!(
            "no corpus under {} (set BAOGAO_SHARED); nothing measured",
            corpus.display()
        );
        return None;
    }
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
        return None;
    }
    Some(base)
}
