//! The corpus files a big pile is made of (shared by the benchmarks that build one at run time).

use std::path::{Path, PathBuf};

/// Every `.txt` file under `dir` of at most 200 KB: one 380 KB web dump would make the pile
/// lopsided; the rest average ~43 KB. Walked with a stack, not recursion.
pub fn pile_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt")
                && e.metadata().is_ok_and(|m| m.len() <= 200_000)
            {
                out.push(p);
            }
        }
    }
}
