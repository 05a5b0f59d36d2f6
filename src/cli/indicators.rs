//! `baogao indicators`: a report's figures as a table.

use super::{load_reporting, LoadArgs};
use baogao_core::export::{render, Format};
use baogao_core::indicators::{extract, Indicator};
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
}

impl From<TableFormat> for Format {
    fn from(f: TableFormat) -> Format {
        match f {
            TableFormat::Tsv => Format::Tsv,
            TableFormat::Csv => Format::Csv,
            TableFormat::Md => Format::Markdown,
            TableFormat::Json => Format::Json,
        }
    }
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  baogao indicators 2024年政府工作报告.txt          core indicators as TSV (paste into Excel/WPS)\n  baogao indicators --format csv reports/ > t.csv  one CSV for a directory of reports\n  baogao indicators --all --format md a.txt         every figure, as a Markdown table\n\nColumns: 报告 章节 指标 标准名 数值 单位 亿元 增减 类型 限定 原文 年份 年数 度量 数值上限 增减上限\n(JSON: report, section, name, canonical, value, masked, unit, change, kind, qualifier, quote, offset,\nyear, span, measure, high; change: value, unit, masked, basis, high). Numbers as written: no\ntrailing zeros, at most six decimals. The TUI's y, Y, p and e write the same columns."
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
    let table = render(&rows, args.format.into());
    let table = match args.format {
        TableFormat::Json => table.as_str().into(),
        _ => baogao_core::sanitize::visible_lines(&table),
    };
    out.write_all(table.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::from(code))
}
