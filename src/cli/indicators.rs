//! `baogao indicators`: a report's figures as a table, written as the reports are read (in input
//! order, with memory bounded by a window of reports whatever the number of inputs).

use super::batches::{each_report, finish};
use super::LoadArgs;
use baogao_core::export::{render, Format};
use baogao_core::indicators::{extract, Indicator};
use baogao_core::panel::table::write_json_line;
use baogao_core::sanitize::visible_lines;
use baogao_core::table::{indicator_table, Destination, EXPORT_COLUMNS};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Tab-separated with a header (pastes as a table into Excel/WPS).
    Tsv,
    /// CSV, UTF-8 with BOM, RFC 4180 quoting.
    Csv,
    /// Markdown pipe table, aligned for the terminal.
    #[value(alias = "markdown")]
    Md,
    /// One JSON array of rows for all inputs.
    Json,
    /// JSON lines: one object a line, written as rows are ready (reports are read a batch at a
    /// time; for DuckDB `read_json_auto`, Polars, Spark).
    Jsonl,
}

impl TableFormat {
    /// The whole-table format; `None` for JSON lines, which are streamed.
    pub fn table(self) -> Option<Format> {
        match self {
            TableFormat::Tsv => Some(Format::Tsv),
            TableFormat::Csv => Some(Format::Csv),
            TableFormat::Md => Some(Format::Markdown),
            TableFormat::Json => Some(Format::Json),
            TableFormat::Jsonl => None,
        }
    }
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  baogao indicators 2024年政府工作报告.txt          core indicators as TSV (paste into Excel/WPS)\n  baogao indicators --format csv reports/ > t.csv  one CSV for a directory of reports\n  baogao indicators --all --format md a.txt         every figure, as a Markdown table\n\nColumns: 报告 章节 指标 标准名 数值 单位 亿元 增减 类型 限定 原文 年份 年数 度量 数值上限 增减上限\n(JSON: report, section, name, canonical, value, masked, unit, change, kind, qualifier, quote, offset,\nyear, span, measure, high; change: value, unit, masked, basis, high). Numbers as written: no\ntrailing zeros, at most six decimals. The TUI's y, Y, p and e write the same columns.\njsonl: the JSON objects one a line, written as each batch of reports is read."
)]
pub struct IndicatorsArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Tsv)]
    pub format: TableFormat,
    /// Also list figures that are not core indicators, with a best-effort name.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let Some(format) = args.format.table() else {
        return jsonl(&args);
    };
    let all = args.all;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut table = StreamedTable::new(format);
    let (loaded, written) = each_report(
        &args.paths,
        &args.load,
        |r| {
            let mut rows = extract(r);
            if !all {
                rows.retain(|row| row.canonical.is_some());
            }
            rows
        },
        |rows| table.write(&mut out, rows),
    );
    let written = written.and_then(|_| {
        if loaded.ok > 0 {
            table.finish(&mut out)?;
        }
        out.flush()
    });
    finish(written)?;
    Ok(ExitCode::from(loaded.code()))
}

/// The indicator table written as reports are read, in input order. TSV, CSV and JSON go out
/// report by report, byte for byte what one rendering of all rows gives; a Markdown table is
/// aligned over all its rows, so it keeps the rows (never the reports' text) until the end.
struct StreamedTable {
    format: Format,
    /// The header (TSV, CSV) or the array's `[` (JSON) is out.
    opened: bool,
    /// Markdown: the rows so far.
    kept: Vec<Indicator>,
}

impl StreamedTable {
    fn new(format: Format) -> StreamedTable {
        StreamedTable {
            format,
            opened: false,
            kept: Vec::new(),
        }
    }

    fn write(&mut self, out: &mut impl Write, rows: Vec<Indicator>) -> std::io::Result<()> {
        match self.format {
            Format::Markdown => {
                self.kept.extend(rows);
                Ok(())
            }
            Format::Json => {
                for row in &rows {
                    let json = baogao_core::sanitize::json::to_string_pretty(row)
                        .map_err(std::io::Error::other)?;
                    // An element of a pretty-printed array: every line indented two spaces
                    // (JSON strings hold no raw line breaks).
                    out.write_all(if self.opened { b",\n" } else { b"[\n" })?;
                    self.opened = true;
                    for (i, line) in json.lines().enumerate() {
                        if i > 0 {
                            out.write_all(b"\n")?;
                        }
                        out.write_all(b"  ")?;
                        out.write_all(line.as_bytes())?;
                    }
                }
                Ok(())
            }
            _ => {
                self.open(out)?;
                if rows.is_empty() {
                    return Ok(());
                }
                let text =
                    indicator_table(&rows, &EXPORT_COLUMNS).render(self.format, Destination::Rows);
                out.write_all(visible_lines(&text).as_bytes())
            }
        }
    }

    /// The header of a TSV or CSV table (a CSV file's starts with the BOM).
    fn open(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if std::mem::replace(&mut self.opened, true) {
            return Ok(());
        }
        let header = indicator_table(&[], &EXPORT_COLUMNS).render(self.format, Destination::File);
        out.write_all(visible_lines(&header).as_bytes())
    }

    /// What closes the table (some report was loaded).
    fn finish(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        match self.format {
            Format::Markdown => {
                let table = render(&self.kept, Format::Markdown);
                out.write_all(visible_lines(&table).as_bytes())
            }
            Format::Json if self.opened => out.write_all(b"\n]\n"),
            Format::Json => out.write_all(b"[]\n"),
            _ => self.open(out),
        }
    }
}

/// `--format jsonl`: each report's rows written as it is read.
fn jsonl(args: &IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let all = args.all;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (loaded, written) = each_report(
        &args.paths,
        &args.load,
        |r| {
            let mut rows = extract(r);
            rows.retain(|row| all || row.canonical.is_some());
            rows
        },
        |rows| {
            rows.iter()
                .try_for_each(|row| write_json_line(&mut out, row))
        },
    );
    finish(written.and_then(|_| out.flush()))?;
    Ok(ExitCode::from(loaded.code()))
}
