//! Export of indicator rows, kept for callers of its first form: the model and the formats
//! live in [`crate::table`]; these are the same functions under their old names.

use crate::indicators::Indicator;
pub use crate::table::{change_cell, format_number, kind_label, Format};
use crate::table::{Destination, EXPORT_COLUMNS};

/// Header cells of the written table ([`EXPORT_COLUMNS`]).
pub fn columns() -> Vec<&'static str> {
    EXPORT_COLUMNS.iter().map(|c| c.header()).collect()
}

/// One row's cells, in the order of [`columns`].
pub fn cells(row: &Indicator) -> Vec<String> {
    crate::table::cells(row, &EXPORT_COLUMNS)
}

/// Rows as a file or standard output holds them ([`Destination::File`]).
pub fn render(rows: &[Indicator], format: Format) -> String {
    crate::table::render_indicators(rows, format, Destination::File)
}
