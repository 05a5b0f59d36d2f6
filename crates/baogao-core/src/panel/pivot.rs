//! One indicator laid out as place × year: a row per place (in the order they first appear),
//! a column per year, cells such as `5%左右`, `4.5–5%`, `9%`.
//!
//! Only one-year figures (span 1) enter. Where a place and year hold several figures, a result
//! wins over an estimate and an estimate over a target (what happened over what was planned);
//! filter the rows by kind first to see the targets alone.

use super::targets::same_place;
use super::PanelRow;
use crate::indicators::{Kind, Measure};
use crate::table::format_number;
use std::collections::{BTreeSet, HashMap};

/// Qualifiers written before the figure (`超过9%`); the others follow it (`5%左右`).
const BEFORE: &[&str] = &["超过", "近", "约"];

/// A figure as a cell: `5%左右`, `4.5–5%`, `超过30万亿元`, `9%`.
pub fn cell_text(
    value: f64,
    high: Option<f64>,
    unit: Option<&str>,
    qualifier: Option<&str>,
) -> String {
    written_cell(&format_number(value), high, unit, qualifier)
}

/// A cell from the figure as written (`9.0`), its upper end, unit and qualifier.
fn written_cell(
    value: &str,
    high: Option<f64>,
    unit: Option<&str>,
    qualifier: Option<&str>,
) -> String {
    let mut s = value.to_string();
    if let Some(h) = high {
        s.push('–');
        s.push_str(&format_number(h));
    }
    s.push_str(unit.unwrap_or(""));
    match qualifier {
        Some(q) if BEFORE.contains(&q) => format!("{q}{s}"),
        Some(q) => s + q,
        None => s,
    }
}

/// The cell of one panel row, its figure as the report writes it (`9.0%`).
pub fn cell(r: &PanelRow) -> String {
    let value = r.written.clone().unwrap_or_else(|| format_number(r.value));
    written_cell(&value, r.high, r.unit.as_deref(), r.qualifier.as_deref())
}

/// A place × year table of one indicator and measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Pivot {
    pub indicator: String,
    pub measure: Measure,
    pub years: Vec<i32>,
    /// `(place, one cell per year)`; an empty cell where the place has no figure that year.
    pub rows: Vec<(String, Vec<String>)>,
}

impl Pivot {
    /// Header (`地区`, years) and rows of cells, for the table formats.
    pub fn grid(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec!["地区".to_string()];
        header.extend(self.years.iter().map(i32::to_string));
        let body = self
            .rows
            .iter()
            .map(|(place, cells)| {
                let mut line = vec![place.clone()];
                line.extend(cells.iter().cloned());
                line
            })
            .collect();
        (header, body)
    }
}

fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Actual => 0,
        Kind::Estimate => 1,
        Kind::Target => 2,
    }
}

/// The file name of a report's path (`a/b/c.txt#2` → `c.txt#2`), the label of a report whose
/// place is unknown.
fn file_name(report: &str) -> String {
    report
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(report)
        .to_string()
}

/// Lay out `rows` for `indicator` and `measure`. Rows without a year cannot be placed and are
/// left out; a report without a place gets a row of its own, labelled with its file name.
pub fn pivot(rows: &[PanelRow], indicator: &str, measure: Measure) -> Pivot {
    let mut places: Vec<String> = Vec::new();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    let mut best: HashMap<(String, i32), &PanelRow> = HashMap::new();
    for r in rows {
        if &*r.indicator != indicator || r.measure != measure || r.span != 1 {
            continue;
        }
        let Some(year) = r.year else { continue };
        let place = match &r.place {
            // One row for a place named with and without its parent (`东州市海滨区`, `海滨区`).
            Some(p) => match places.iter().find(|q| same_place(q, p)) {
                Some(q) => q.clone(),
                None => p.to_string(),
            },
            None => file_name(&r.report),
        };
        if !places.contains(&place) {
            places.push(place.clone());
        }
        years.insert(year);
        let slot = best.entry((place, year)).or_insert(r);
        if rank(r.kind) < rank(slot.kind) {
            *slot = r;
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let rows = places
        .into_iter()
        .map(|p| {
            let cells = years
                .iter()
                .map(|y| {
                    best.get(&(p.clone(), *y))
                        .map(|r| cell(r))
                        .unwrap_or_default()
                })
                .collect();
            (p, cells)
        })
        .collect();
    Pivot {
        indicator: indicator.to_string(),
        measure,
        years,
        rows,
    }
}

/// The indicator a pivot shows when none is named: 地区生产总值 when present, else the one
/// with the most rows (the first of equals).
pub fn default_indicator(rows: &[PanelRow]) -> Option<String> {
    const GDP: &str = "地区生产总值";
    if rows.iter().any(|r| &*r.indicator == GDP) {
        return Some(GDP.to_string());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        match counts.iter_mut().find(|(n, _)| **n == *r.indicator) {
            Some((_, c)) => *c += 1,
            None => counts.push((&r.indicator, 1)),
        }
    }
    let max = counts.iter().map(|(_, c)| *c).max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == max)
        .map(|(n, _)| n.to_string())
}

/// The measure a pivot shows when none is named: growth when the indicator has growth rows.
pub fn default_measure(rows: &[PanelRow], indicator: &str) -> Measure {
    if rows
        .iter()
        .any(|r| &*r.indicator == indicator && r.measure == Measure::Growth && r.span == 1)
    {
        Measure::Growth
    } else {
        Measure::Level
    }
}
