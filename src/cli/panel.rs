//! `baogao panel`: the long table of all loaded reports' figures — one row per report,
//! indicator, kind, measure, year and span — or, with `--pivot`, one indicator as place × year.
//!
//! Reports are read a batch at a time and reduced to panel rows; JSON lines are written as each
//! report is read.

use super::batches::{each_report, finish};
use super::indicators::TableFormat;
use super::LoadArgs;
use baogao_core::indicators::{extract, Kind, Measure};
use baogao_core::panel::pivot::{default_indicator, default_measure, pivot};
use baogao_core::panel::table::{grid, panel_cells, render, write_json_line, PANEL_COLUMNS};
use baogao_core::panel::{rows, PanelRow};
use baogao_core::table::{Destination, Format};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindArg {
    Actual,
    Estimate,
    Target,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Actual => Kind::Actual,
            KindArg::Estimate => Kind::Estimate,
            KindArg::Target => Kind::Target,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureArg {
    /// A change (增长6%).
    Growth,
    /// An amount or rate (38.6亿元, 3.9%).
    Level,
}

impl From<MeasureArg> for Measure {
    fn from(m: MeasureArg) -> Measure {
        match m {
            MeasureArg::Growth => Measure::Growth,
            MeasureArg::Level => Measure::Level,
        }
    }
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  baogao panel reports/                                 every core figure of every report (TSV)\n  baogao panel --indicator 生产总值 --kind target reports/   the GDP targets\n  baogao panel --pivot --indicator GDP reports/         GDP growth as place × year\n  baogao panel --format jsonl reports/ > panel.jsonl    for DuckDB: read_json_auto('panel.jsonl')\n\nJSON: [{place, level, year, span, indicator, kind, measure, value, high, unit, qualifier,\nreport, section, quote}]; value is the figure or a range's low end, high its upper end; year\nthe year the figure describes; span 1 for one year, else the years of a period average or total."
)]
pub struct PanelArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Tsv)]
    pub format: TableFormat,
    /// Only this indicator (a canonical name or a spelling of it: 地区生产总值, GDP); repeatable.
    #[arg(long = "indicator", value_name = "NAME")]
    pub indicators: Vec<String>,
    /// Only this kind of figure; repeatable.
    #[arg(long = "kind", value_enum, value_name = "KIND")]
    pub kinds: Vec<KindArg>,
    /// One indicator (the first --indicator, else 地区生产总值) as place × year; one-year figures
    /// only, a result before an estimate before a target.
    #[arg(long)]
    pub pivot: bool,
    /// Only changes (growth) or only amounts and rates (level); for --pivot the default is
    /// growth where there is any.
    #[arg(long, value_enum)]
    pub measure: Option<MeasureArg>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

/// Which panel rows a command keeps: indicators (canonical names) and kinds; empty keeps all.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub indicators: Vec<String>,
    pub kinds: Vec<Kind>,
    pub measure: Option<Measure>,
}

impl Filter {
    pub fn new(names: &[String], kinds: &[KindArg], measure: Option<MeasureArg>) -> Filter {
        Filter {
            indicators: names.iter().map(|n| canonical(n)).collect(),
            kinds: kinds.iter().map(|k| Kind::from(*k)).collect(),
            measure: measure.map(Measure::from),
        }
    }

    pub fn keeps(&self, r: &PanelRow) -> bool {
        (self.indicators.is_empty() || self.indicators.iter().any(|i| **i == *r.indicator))
            && (self.kinds.is_empty() || self.kinds.contains(&r.kind))
            && self.measure.is_none_or(|m| m == r.measure)
    }

    /// A report's panel rows that pass.
    pub fn rows(&self, report: &baogao_core::Report) -> Vec<PanelRow> {
        let mut p = rows(report, &extract(report));
        p.retain(|r| self.keeps(r));
        p
    }
}

/// The canonical name of a spelling the vocabulary knows (`GDP` → 地区生产总值), else the name.
pub fn canonical(name: &str) -> String {
    let lex = baogao_core::indicators::lexicon::active();
    lex.lookup(name.trim())
        .map_or(name.trim(), |e| &lex.indicators()[e].canonical)
        .to_string()
}

pub fn run(args: PanelArgs) -> anyhow::Result<ExitCode> {
    let filter = Filter::new(&args.indicators, &args.kinds, args.measure);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let table = match (args.format.table(), args.pivot) {
        (None, false) => {
            let (loaded, written) = each_report(
                &args.paths,
                &args.load,
                |r| filter.rows(r),
                |rows| {
                    rows.iter()
                        .try_for_each(|row| write_json_line(&mut out, row))
                },
            );
            finish(written.and_then(|_| out.flush()))?;
            return Ok(ExitCode::from(loaded.code()));
        }
        (t, _) => t,
    };
    let mut all: Vec<PanelRow> = Vec::new();
    let (loaded, _) = each_report(
        &args.paths,
        &args.load,
        |r| filter.rows(r),
        |rows| {
            all.extend(rows);
            Ok(())
        },
    );
    if loaded.ok == 0 {
        return Ok(ExitCode::from(loaded.code()));
    }
    let text = if args.pivot {
        pivot_text(&all, &filter, args.format)
    } else {
        render(
            &all,
            PANEL_COLUMNS,
            panel_cells,
            table.unwrap_or(Format::Tsv),
        )
    };
    // Cells come from files (names, quotes): their control chars are shown, never sent.
    let text = baogao_core::sanitize::visible_lines(&text);
    finish(out.write_all(text.as_bytes()).and_then(|_| out.flush()))?;
    Ok(ExitCode::from(loaded.code()))
}

/// The pivot in the chosen format: a grid, or JSON objects `{"place", "<year>": cell, …}`.
fn pivot_text(all: &[PanelRow], filter: &Filter, format: TableFormat) -> String {
    let Some(indicator) = filter
        .indicators
        .first()
        .cloned()
        .or_else(|| default_indicator(all))
    else {
        return String::new();
    };
    let measure = filter
        .measure
        .unwrap_or_else(|| default_measure(all, &indicator));
    let pv = pivot(all, &indicator, measure);
    let (header, body) = pv.grid();
    let objects = || {
        body.iter().map(|line| {
            let mut o = serde_json::Map::new();
            for (h, c) in header.iter().zip(line) {
                let key = if h == "地区" { "place" } else { h.as_str() };
                o.insert(key.to_string(), serde_json::Value::String(c.clone()));
            }
            serde_json::Value::Object(o)
        })
    };
    match format.table() {
        Some(Format::Json) => {
            let v: Vec<serde_json::Value> = objects().collect();
            let mut s =
                baogao_core::sanitize::json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        None => objects()
            .map(|o| baogao_core::sanitize::json::to_string(&o).unwrap_or_default() + "\n")
            .collect(),
        Some(f) => {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            grid(&header, body).render(f, Destination::File)
        }
    }
}
