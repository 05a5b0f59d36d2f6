//! The model of a Compare view: one indicator and measure over all loaded reports, places as
//! rows, years as columns, each cell a target and its result side by side with the gap and
//! whether the target was met — terminal-free, for the TUI (or any other front end) to draw.

use super::targets::{pair, same_place};
use super::PanelRow;
use crate::indicators::{Kind, Measure};
use std::collections::BTreeSet;

/// One place and year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompareCell {
    /// `(value, high, qualifier)` of the annual target.
    pub target: Option<(f64, Option<f64>, Option<String>)>,
    /// `(value, kind)` of the result.
    pub result: Option<(f64, Kind)>,
    /// Result − target low end.
    pub gap: Option<f64>,
    /// Whether the result meets the target ([`met`]); `None` without both.
    pub met: Option<bool>,
    /// `(report, char offset)` of the figure to jump to: the result's, else the target's.
    pub source: Option<(String, usize)>,
}

/// Places × years of one indicator and measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    pub indicator: String,
    pub measure: Measure,
    pub years: Vec<i32>,
    pub rows: Vec<(String, Vec<CompareCell>)>,
}

impl Compare {
    /// The results of row `i` over the years (for a sparkline or bar chart).
    pub fn series(&self, i: usize) -> Vec<Option<f64>> {
        self.rows.get(i).map_or_else(Vec::new, |(_, cells)| {
            cells.iter().map(|c| c.result.map(|r| r.0)).collect()
        })
    }
}

/// Whether `result` meets a target: at most its upper end for a ceiling (`以内`, `以下`, `不超过`:
/// a jobless rate, a price rise), else at least its low end.
pub fn met(result: f64, value: f64, high: Option<f64>, qualifier: Option<&str>) -> bool {
    match qualifier {
        Some("以内" | "以下" | "不超过" | "控制在") => {
            result <= high.unwrap_or(value) + 1e-9
        }
        _ => result >= value - 1e-9,
    }
}

/// Build the view from panel rows (one-year figures with a place and a year count).
pub fn compare(rows: &[PanelRow], indicator: &str, measure: Measure) -> Compare {
    let mine: Vec<PanelRow> = rows
        .iter()
        .filter(|r| {
            r.indicator == indicator
                && r.measure == measure
                && r.span == 1
                && r.year.is_some()
                && r.place.is_some()
        })
        .cloned()
        .collect();
    let mut places: Vec<String> = Vec::new();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    let label = |places: &mut Vec<String>, p: &str| -> String {
        match places.iter().find(|q| same_place(q, p)) {
            Some(q) => q.clone(),
            None => {
                places.push(p.to_string());
                p.to_string()
            }
        }
    };
    for r in &mine {
        if let (Some(p), Some(y)) = (&r.place, r.year) {
            label(&mut places, p);
            years.insert(y);
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let mut grid: Vec<Vec<CompareCell>> =
        vec![vec![CompareCell::default(); years.len()]; places.len()];
    let at = |places: &[String], p: &str, y: i32| {
        let row = places.iter().position(|q| same_place(q, p))?;
        let col = years.iter().position(|x| *x == y)?;
        Some((row, col))
    };
    // Results first (an actual before an estimate), then the targets with their pairing.
    for r in mine.iter().filter(|r| r.kind != Kind::Target) {
        let (Some(p), Some(y)) = (&r.place, r.year) else {
            continue;
        };
        let Some((i, j)) = at(&places, p, y) else {
            continue;
        };
        let cell = &mut grid[i][j];
        let better = match cell.result {
            None => true,
            Some((_, k)) => k == Kind::Estimate && r.kind == Kind::Actual,
        };
        if better {
            cell.result = Some((r.value, r.kind));
            cell.source = Some((r.report.clone(), r.offset));
        }
    }
    for t in pair(&mine) {
        let Some(p) = &t.place else { continue };
        let Some((i, j)) = at(&places, p, t.year) else {
            continue;
        };
        let cell = &mut grid[i][j];
        if cell.target.is_some() {
            continue;
        }
        cell.target = Some((t.target.value, t.target.high, t.target.qualifier.clone()));
        if let Some(r) = &t.result {
            cell.result = Some((r.value, r.kind));
            cell.gap = t.gap;
            cell.met = Some(met(
                r.value,
                t.target.value,
                t.target.high,
                t.target.qualifier.as_deref(),
            ));
        }
        if cell.source.is_none() {
            let offset = mine
                .iter()
                .find(|r| {
                    r.kind == Kind::Target && r.report == t.target.report && r.year == Some(t.year)
                })
                .map_or(0, |r| r.offset);
            cell.source = Some((t.target.report.clone(), offset));
        }
    }
    Compare {
        indicator: indicator.to_string(),
        measure,
        years,
        rows: places.into_iter().zip(grid).collect(),
    }
}
