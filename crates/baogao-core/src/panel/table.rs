//! Panel and target rows as tables: the cells of each row for the generic [`crate::table`]
//! formats (TSV, CSV with BOM, aligned Markdown), JSON from the rows' own serialisation, and
//! JSON lines written row by row.

use super::pivot::cell_text;
use super::targets::TargetRow;
use super::PanelRow;
use crate::table::{format_number, kind_label, measure_label, Destination, Format, Table};
use serde::Serialize;
use std::io::{self, Write};

/// Column headers of the panel table formats.
pub const PANEL_COLUMNS: &[&str] = &[
    "地区", "层级", "年份", "年数", "指标", "类型", "度量", "数值", "上限", "单位", "限定", "报告",
    "章节", "原文",
];

/// Column headers of the targets table formats.
pub const TARGET_COLUMNS: &[&str] = &[
    "地区",
    "层级",
    "年份",
    "指标",
    "度量",
    "目标",
    "结果",
    "差距",
    "结果类型",
    "目标报告",
    "结果报告",
    "目标原文",
    "结果原文",
];

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// One panel row's cells, in the order of [`PANEL_COLUMNS`].
pub fn panel_cells(r: &PanelRow) -> Vec<String> {
    vec![
        opt(&r.place),
        opt(&r.level),
        opt(&r.year),
        r.span.to_string(),
        r.indicator.to_string(),
        kind_label(r.kind).to_string(),
        measure_label(r.measure).to_string(),
        format_number(r.value),
        r.high.map(format_number).unwrap_or_default(),
        opt(&r.unit),
        opt(&r.qualifier),
        r.report.to_string(),
        r.section.join(" > "),
        r.quote.to_string(),
    ]
}

/// One target row's cells, in the order of [`TARGET_COLUMNS`].
pub fn target_cells(t: &TargetRow) -> Vec<String> {
    let target = cell_text(
        t.target.value,
        t.target.high,
        t.target.unit.as_deref(),
        t.target.qualifier.as_deref(),
    );
    let (result, kind, report, quote) = match &t.result {
        Some(r) => (
            cell_text(r.value, None, r.unit.as_deref(), None),
            kind_label(r.kind).to_string(),
            r.report.clone(),
            r.quote.clone(),
        ),
        None => Default::default(),
    };
    vec![
        opt(&t.place),
        opt(&t.level),
        t.year.to_string(),
        t.indicator.clone(),
        measure_label(t.measure).to_string(),
        target,
        result,
        t.gap.map(format_number).unwrap_or_default(),
        kind,
        t.target.report.clone(),
        report,
        t.target.quote.clone(),
        quote,
    ]
}

/// Rows in a format: JSON (an array, or one object a line) from the rows' contract, the text
/// formats from their cells under `header`.
pub fn render<T: Serialize>(
    rows: &[T],
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
    format: Format,
) -> String {
    crate::table::render(rows, format, Destination::File, |rows| {
        grid(header, rows.iter().map(cells))
    })
}

/// A header and rows of cells as a [`Table`].
pub fn grid<I: IntoIterator<Item = Vec<String>>>(header: &[&str], body: I) -> Table {
    Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: body.into_iter().collect(),
    }
}

/// One compact JSON object and a newline: a line of a JSON-lines stream.
pub fn write_json_line<T: Serialize>(out: &mut impl Write, row: &T) -> io::Result<()> {
    crate::table::write_jsonl(out, [row])
}
