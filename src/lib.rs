//! baogao (报告): read Chinese government work reports in the terminal.
//!
//! The library has no terminal code; the CLI subcommands and the TUI both sit on it.
//!
//! ```text
//!  bytes ──load──▶ Report { text, folded view, paragraphs, sections, meta }
//!                    │
//!                    ├── outline     section tree (markers, nesting)     → `baogao outline`
//!                    ├── indicators  figures as rows                      → `baogao indicators`
//!                    ├── search      query language, spans, keywords      → `baogao grep`, `keywords`
//!                    └── export      TSV / CSV / Markdown / JSON
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
