//! Tables: the indicator table (one model for the CLI, the export dialog, copies and the TUI
//! pane) and the generic pieces other tables reuse.
//!
//! - [`Table`], [`Format`], [`Destination`], [`render`], [`to_json`], [`write_jsonl`]: text cells
//!   written as TSV, CSV, Markdown; serialisable rows as JSON or JSON Lines;
//! - [`format_number`], [`quantity`], [`split_unit`]: the one rule for numbers, and the base unit
//!   figures compare in;
//! - [`collate`]: the order names sort in (pinyin);
//! - [`Column`], [`EXPORT_COLUMNS`], [`cell`], [`render_indicators`], [`compare`]: the indicator
//!   table, with the rule for what a written table holds (see the `indicator` module doc,
//!   repeated here): every [`EXPORT_COLUMNS`] column for the rows given, whatever a screen
//!   shows; `Y`'s row is the same row without the header ([`Destination::Rows`]).
//!
//! ```
//! use baogao_core::table::{Destination, Format, Table};
//! let t = Table { header: vec!["地区".into(), "目标".into()], rows: vec![vec!["甲县".into(), "5%".into()]] };
//! assert_eq!(t.render(Format::Tsv, Destination::File), "地区\t目标\n甲县\t5%\n");
//! ```

mod collate;
mod indicator;
mod number;
mod render;

pub use collate::collate;
pub use indicator::{
    cell, cells, change_cell, compare, indicator_table, kind_label, measure_label,
    render_indicators, Column, EXPORT_COLUMNS,
};
pub use number::{format_number, quantity, shift_decimal, split_unit, yi_yuan_text, Quantity};
pub use render::{render, to_json, write_jsonl, Destination, Format, Table};
