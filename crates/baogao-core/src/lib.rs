//! baogao-core: the terminal-free core of baogao (报告), a reader for Chinese government work
//! reports. No terminal, no command line: every capability here is a function of bytes and text,
//! testable on its own; the `baogao` binary (CLI and TUI) is a thin edge over it.
//!
//! ```text
//!  files ──load──▶ Report { text, paragraphs, sections, meta }
//!   (bounded read,   │
//!    decode, clean,  ├── outline, marker, meta  section tree, metadata   → `baogao outline`
//!    repair; txt,    │
//!    html, docx,     │
//!    csv, pdf;       │
//!    background)     │
//!                    ├── indicators ──▶ table   figures as rows; TSV…    → `baogao indicators`
//!                    │     └──▶ panel           across reports: year,    → `baogao panel`,
//!                    │                          pivot, targets/results     `baogao targets`
//!                    ├── search, segment        queries, spans, jieba    → `baogao grep`
//!                    └── keywords               TF-IDF terms             → `baogao keywords`
//!
//!  sanitize: the one filter for text bound for a terminal or stderr
//! ```
//!
//! ```
//! let report = baogao_core::load::from_text("r.txt", "一、2023年工作回顾\n地区生产总值增长6%。", "UTF-8");
//! assert_eq!(report.sections.len(), 1);
//! ```

pub(crate) mod char_count;
pub mod error;
pub mod export;
pub mod fold;
pub mod indicators;
pub mod keywords;
pub mod load;
pub mod marker;
pub mod meta;
pub mod outline;
pub mod outline_json;
pub mod panel;
pub mod report;
pub mod sanitize;
pub mod search;
pub mod segment;
pub mod shared_str;
pub(crate) mod split_lf;
pub mod table;

pub use error::LoadError;
pub use load::{load_paths, LoadOptions};
pub use report::{Paragraph, Report, Section};
