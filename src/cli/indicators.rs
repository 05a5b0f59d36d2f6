//! `baogao indicators`: a report's figures as a table.

use super::batches::{each_report, finish};
use super::{load_reporting, LoadArgs};
use baogao_core::export::{render, Format};
use baogao_core::indicators::{extract, Indicator};
use baogao_core::panel::table::write_json_line;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
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
    let (reports, code) = load_reporting(&args.paths, &args.load);
    if reports.is_empty() {
        return Ok(ExitCode::from(code));
    }
    let all = args.all;
    let per_report: Vec<Vec<Indicator>> = reports
        .par_iter()
        .map(|r| {
            let mut rows = extract(r);
            if !all {
                rows.retain(|row| row.canonical.is_some());
            }
            rows
        })
        .collect();
    let rows: Vec<Indicator> = per_report.into_iter().flatten().collect();
    let mut out = std::io::stdout().lock();
    // JSON escapes control chars itself; the tables are shown through the sanitiser.
    let table = render(&rows, format);
    let table = match format {
        baogao_core::table::Format::Json => table.as_str().into(),
        _ => baogao_core::sanitize::visible_lines(&table),
    };
    out.write_all(table.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::from(code))
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
