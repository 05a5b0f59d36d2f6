//! The `baogao` application: the command line and the terminal UI (both private), and the
//! daily-use pieces (config, state, export files, bundled samples), over the terminal-free
//! [`baogao_core`].
//!
//! ```text
//!  baogao_core (load, outline, meta, indicators, table/export, search, keywords)
//!     ▲                         ▲
//!  config, state, samples,   cli (clap) ──▶ one settings value ──▶ tui::run
//!  export_file               tui: Msg ──update──▶ App ──draw (pure)──▶ frame
//! ```

mod cache;
mod cli;
pub mod config;
pub mod export_file;
mod lexicon_file;
pub mod samples;
pub mod settings;
pub mod state;
mod tui;

/// The whole program: parse the command line, run a subcommand or the terminal UI, and give the
/// exit status.
pub fn main() -> std::process::ExitCode {
    cli::run()
}

/// Measurement hooks for the examples in `examples/` (the TUI stays private).
#[doc(hidden)]
pub mod bench {
    pub use crate::tui::compare_cost::compare_cost as tui_compare_cost;
    pub use crate::tui::frame_cost::frame_cost as tui_frame_cost;
    pub use crate::tui::loader::load_cost as tui_load_cost;
    pub use crate::tui::memory_cost::memory_cost as tui_memory_cost;
}

/// Entry points for the fuzz targets in `fuzz/` (parsers that live in the binary's private parts).
#[doc(hidden)]
pub mod fuzz_hooks {
    pub use crate::cli::fuzz_entry as grep_cache_entry;
    pub use crate::tui::cached::fuzz_entry as report_cache_entry;
    pub use crate::tui::index_cache::fuzz_entry as saved_index;
}
