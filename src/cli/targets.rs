//! `baogao targets`: each annual target of the loaded reports paired with its result — the
//! actual (else estimated) figure for the same place, indicator, measure and year from any
//! loaded report, usually the next year's review.

use super::batches::{each_report, finish};
use super::indicators::TableFormat;
use super::panel::{Filter, KindArg};
use super::LoadArgs;
use baogao_core::panel::table::{render, target_cells, write_json_line, TARGET_COLUMNS};
use baogao_core::panel::targets::pair;
use baogao_core::panel::PanelRow;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  baogao targets reports/                          every annual target and its result (TSV)\n  baogao targets --indicator GDP --format md reports/\n  baogao targets --format jsonl reports/ > targets.jsonl\n\nJSON: [{place, level, year, indicator, measure, target: {value, high, unit, qualifier, report,\nquote}, result: {value, unit, kind, report, quote} | null, gap}]; gap = result − target low end."
)]
pub struct TargetsArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Tsv)]
    pub format: TableFormat,
    /// Only this indicator (a canonical name or a spelling of it); repeatable.
    #[arg(long = "indicator", value_name = "NAME")]
    pub indicators: Vec<String>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: TargetsArgs) -> anyhow::Result<ExitCode> {
    let filter = Filter::new(&args.indicators, &[] as &[KindArg], None);
    let mut all: Vec<PanelRow> = Vec::new();
    // Only one-year figures can pair; the texts are dropped as they are read.
    let (loaded, _) = each_report(
        &args.paths,
        &args.load,
        |r| {
            let mut rows = filter.rows(r);
            rows.retain(|x| x.span == 1 && x.year.is_some() && x.place.is_some());
            rows
        },
        |rows| {
            all.extend(rows);
            Ok(())
        },
    );
    if loaded.ok == 0 {
        return Ok(ExitCode::from(loaded.code()));
    }
    let paired = pair(&all);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format.table() {
        None => paired.iter().try_for_each(|t| write_json_line(&mut out, t)),
        // Cells come from files (names, quotes): their control chars are shown, never sent.
        Some(f) => out.write_all(
            baogao_core::sanitize::visible_lines(&render(&paired, TARGET_COLUMNS, target_cells, f))
                .as_bytes(),
        ),
    };
    finish(written.and_then(|_| out.flush()))?;
    Ok(ExitCode::from(loaded.code()))
}
