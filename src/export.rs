//! Export of indicator rows: TSV, CSV (UTF-8 BOM), Markdown, JSON. Shared by CLI and TUI.
//!
//! (Interface fixed for the CLI and the TUI; being built.)

use crate::indicators::Indicator;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Csv,
    Markdown,
    Json,
}

/// Render rows (with a header row where the format has one).
pub fn render(rows: &[Indicator], format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(rows).unwrap_or_default(),
        _ => String::new(),
    }
}
