//! baogao (报告): read Chinese government work reports in the terminal.
//!
//! Everything but `tui` is terminal-free; the CLI subcommands and the TUI both sit on it.
//!
//! ```text
//!  files ──load──▶ Report { text, folded view, paragraphs, sections, meta }
//!   (decode, clean,  │
//!    formats,        ├── outline, marker, meta  section tree, metadata   → `baogao outline`
//!    background)     ├── indicators ──▶ export  figures as rows; TSV…    → `baogao indicators`
//!                    ├── search, segment        queries, spans, jieba    → `baogao grep`
//!                    └── keywords               TF-IDF terms             → `baogao keywords`
//!
//!  config, state, samples, export_file: the daily-use pieces
//!  tui: state → action → draw, over all of the above     → `baogao [PATH...]`
//! ```

pub mod config;
pub mod error;
pub mod export;
pub mod export_file;
pub mod fold;
pub mod indicators;
pub mod keywords;
pub mod load;
pub mod marker;
pub mod meta;
pub mod outline;
pub mod outline_json;
pub mod report;
pub mod samples;
pub mod search;
pub mod segment;
pub mod state;
pub mod tui;

pub use error::LoadError;
pub use load::{load_paths, LoadOptions};
pub use report::{Paragraph, Report, Section};
