//! Reports reduced as they are loaded: each report is reduced (to its rows) on a worker thread and
//! dropped, and the results reach the writer in input order. Memory holds a window of reports,
//! however many inputs there are — what `--format jsonl`
//! and the cross-report commands (`panel`, `targets`) need for a national collection.

use super::LoadArgs;
use baogao_core::{LoadError, Report};
use std::io;

/// How the loading went, for the exit status.
#[derive(Debug, Default, Clone, Copy)]
pub struct Loaded {
    pub ok: usize,
    pub failed: usize,
}

impl Loaded {
    /// 0 all loaded, 1 some inputs failed, 2 nothing loaded.
    pub fn code(&self) -> u8 {
        match (self.ok, self.failed) {
            (0, _) => 2,
            (_, 0) => 0,
            _ => 1,
        }
    }
}

/// Load every input of `paths`, give each report to `reduce` (on worker threads) and each result
/// to `sink` (in input order), through the ordered pipeline of [`super::stream`]. A failed input
/// is named on stderr, as is a directory holding no report file. A write error (a closed pipe) stops the run; it is returned with the count
/// so far.
pub fn each_report<T: Send>(
    paths: &[String],
    load: &LoadArgs,
    reduce: impl Fn(&Report) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()>,
) -> (Loaded, io::Result<()>) {
    let opts = load.options();
    let inputs = baogao_core::load::expand(paths);
    super::warn_empty_dirs(paths, &inputs);
    let mut loaded = Loaded::default();
    let mut written = Ok(());
    super::stream::ordered(
        &inputs,
        |input| -> Vec<Result<T, LoadError>> {
            baogao_core::load::load_input(input, &opts)
                .into_iter()
                .map(|r| r.map(|report| reduce(&report)))
                .collect()
        },
        |results| {
            for r in results {
                match r {
                    Ok(t) => {
                        loaded.ok += 1;
                        if let Err(e) = sink(t) {
                            written = Err(e);
                            return false;
                        }
                    }
                    Err(e) => {
                        loaded.failed += 1;
                        // Paths may hold control characters: shown, never sent.
                        super::warn(e);
                    }
                }
            }
            true
        },
    );
    (loaded, written)
}

/// A finished write: a closed pipe (`| head`) is not an error.
pub fn finish(written: io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
