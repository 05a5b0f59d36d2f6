//! The model of a Compare view: one indicator and measure over all loaded reports, places as
//! rows, years as columns, each cell a target and its result side by side with the gap and
//! whether the target was met — terminal-free, for the TUI (or any other front end) to draw.
//!
//! Whether a result meets its target depends on the target's direction ([`direction`]): most
//! targets are floors (growth of at least 5%), some are ceilings (a jobless rate `控制在5.5%以内`,
//! a price rise of `3%左右`, energy use per unit of output `下降3%`, stored as −3); a rate of
//! unknown direction is not judged.

use super::pivot::cell_text;
use super::targets::{pair_refs, same_place};
use super::{opt_number, PanelRow};
use crate::indicators::{Kind, Measure};
use crate::table::{format_number, kind_label, measure_label};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

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
    /// `(report, char offset)` of the target's mention.
    pub target_at: Option<(String, usize)>,
    /// `(report, char offset)` of the result's mention.
    pub result_at: Option<(String, usize)>,
    /// Units of the target and of the result (`%`, `亿元`).
    pub target_unit: Option<String>,
    pub result_unit: Option<String>,
}

impl CompareCell {
    /// The target as a cell: `5.5%左右`, `4.5–5%`; empty without one.
    pub fn target_text(&self) -> String {
        self.target.as_ref().map_or_else(String::new, |(v, h, q)| {
            cell_text(*v, *h, self.target_unit.as_deref(), q.as_deref())
        })
    }

    /// The result as a cell: `6.2%`; empty without one.
    pub fn result_text(&self) -> String {
        self.result.map_or_else(String::new, |(v, _)| {
            cell_text(v, None, self.result_unit.as_deref(), None)
        })
    }

    /// The gap with its sign (`+0.2`, `-0.4`); empty without one.
    pub fn gap_text(&self) -> String {
        match self.gap {
            Some(g) if g > 0.0 => format!("+{}", format_number(g)),
            Some(g) => format_number(g),
            None => String::new(),
        }
    }
}

/// Which way a target points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A floor: met at or above the target's low end (growth, revenue, jobs created).
    AtLeast,
    /// A ceiling: met at or below the target's upper end (a jobless rate, a price rise, energy
    /// use per unit of output, emissions).
    AtMost,
}

/// Qualifiers that make a target a ceiling, and those that make it a floor.
const CEILING: &[&str] = &["以内", "以下", "不超过", "控制在", "之内"];
const FLOOR: &[&str] = &["以上", "超过", "不低于", "高于"];
/// Indicator names whose targets are ceilings whatever the qualifier says (`控制在5.5%左右`
/// keeps only `左右`): jobless rates, prices, energy use and emissions.
const LOWER_IS_BETTER: &[&str] = &["失业率", "价格", "物价", "能耗", "排放"];

/// The direction of a target of `indicator` with `qualifier`: the qualifier when it says,
/// else what the indicator is known to be; `None` for a rate (`…率`) of unknown direction.
pub fn direction(indicator: &str, qualifier: Option<&str>) -> Option<Direction> {
    if let Some(q) = qualifier {
        if CEILING.contains(&q) {
            return Some(Direction::AtMost);
        }
        if FLOOR.contains(&q) {
            return Some(Direction::AtLeast);
        }
    }
    if LOWER_IS_BETTER.iter().any(|w| indicator.contains(w)) {
        return Some(Direction::AtMost);
    }
    if indicator.ends_with('率') {
        return None;
    }
    Some(Direction::AtLeast)
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

/// Whether `result` meets a target pointing `dir`: at most its upper end for a ceiling, at
/// least its low end for a floor.
pub fn met(result: f64, value: f64, high: Option<f64>, dir: Direction) -> bool {
    match dir {
        Direction::AtMost => result <= high.unwrap_or(value) + 1e-9,
        Direction::AtLeast => result >= value - 1e-9,
    }
}

/// Build the view from panel rows (one-year figures with a place and a year count).
pub fn compare(rows: &[PanelRow], indicator: &str, measure: Measure) -> Compare {
    compare_where(rows, indicator, measure, |_| true)
}

/// [`compare`] over the rows that `keep` keeps (e.g. targets and actual figures only), without
/// copying the others.
pub fn compare_where(
    rows: &[PanelRow],
    indicator: &str,
    measure: Measure,
    keep: impl Fn(&PanelRow) -> bool,
) -> Compare {
    let mine: Vec<&PanelRow> = rows
        .iter()
        .filter(|r| {
            &*r.indicator == indicator
                && r.measure == measure
                && r.span == 1
                && r.year.is_some()
                && r.place.is_some()
                && keep(r)
        })
        .collect();
    // Places in order of appearance, found by hash (a collection of a thousand places is
    // not searched place by place for every name).
    let mut index = PlaceIndex::default();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    for r in &mine {
        if let (Some(p), Some(y)) = (&r.place, r.year) {
            index.add(p);
            years.insert(y);
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let mut grid: Vec<Vec<CompareCell>> =
        vec![vec![CompareCell::default(); years.len()]; index.places.len()];
    let at = |p: &str, y: i32| {
        let row = index.find(p)?;
        let col = years.binary_search(&y).ok()?;
        Some((row, col))
    };
    // Where each mention sits, by the keys a pairing gives back (report and quote).
    let mut target_offsets: HashMap<(&str, i32, &str), usize> = HashMap::new();
    let mut result_offsets: HashMap<(Kind, &str, &str), usize> = HashMap::new();
    for r in &mine {
        match (r.kind, r.year) {
            (Kind::Target, Some(y)) => {
                target_offsets
                    .entry((&r.report, y, &r.quote))
                    .or_insert(r.offset);
            }
            (k, _) => {
                result_offsets
                    .entry((k, &r.report, &r.quote))
                    .or_insert(r.offset);
            }
        }
    }
    // Results first (an actual before an estimate), then the targets with their pairing.
    for r in mine.iter().filter(|r| r.kind != Kind::Target) {
        let (Some(p), Some(y)) = (&r.place, r.year) else {
            continue;
        };
        let Some((i, j)) = at(p, y) else {
            continue;
        };
        let cell = &mut grid[i][j];
        let better = match cell.result {
            None => true,
            Some((_, k)) => k == Kind::Estimate && r.kind == Kind::Actual,
        };
        if better {
            cell.result = Some((r.value, r.kind));
            cell.result_unit = r.unit.as_deref().map(str::to_string);
            cell.source = Some((r.report.to_string(), r.offset));
            cell.result_at = cell.source.clone();
        }
    }
    for t in pair_refs(&mine) {
        let Some(p) = &t.place else { continue };
        let Some((i, j)) = at(p, t.year) else {
            continue;
        };
        let cell = &mut grid[i][j];
        if cell.target.is_some() {
            continue;
        }
        cell.target = Some((t.target.value, t.target.high, t.target.qualifier.clone()));
        cell.target_unit = t.target.unit.clone();
        let target_offset = target_offsets
            .get(&(t.target.report.as_str(), t.year, t.target.quote.as_str()))
            .copied()
            .unwrap_or(0);
        cell.target_at = Some((t.target.report.clone(), target_offset));
        if let Some(r) = &t.result {
            cell.result = Some((r.value, r.kind));
            cell.result_unit = r.unit.as_deref().map(str::to_string);
            cell.gap = t.gap;
            // Only figures in one unit are judged (a gap exists only then).
            cell.met = t.gap.and_then(|_| {
                let dir = direction(indicator, t.target.qualifier.as_deref())?;
                Some(met(r.value, t.target.value, t.target.high, dir))
            });
            let offset = result_offsets
                .get(&(r.kind, r.report.as_str(), r.quote.as_str()))
                .copied()
                .unwrap_or(0);
            cell.result_at = Some((r.report.clone(), offset));
            cell.source = cell.result_at.clone();
        }
        if cell.source.is_none() {
            cell.source = cell.target_at.clone();
        }
    }
    Compare {
        indicator: indicator.to_string(),
        measure,
        years,
        rows: index.places.into_iter().zip(grid).collect(),
    }
}

/// Chars a place's parent ends with (`呼伦贝尔市` in `呼伦贝尔市海拉尔区`), as [`same_place`] has it.
const PARENT_END: [char; 6] = ['省', '市', '州', '盟', '区', '县'];

/// Places in order of first appearance, each found again in time proportional to its name:
/// the same name, or ([`same_place`]) one with its parent in front of the other.
#[derive(Default)]
struct PlaceIndex {
    places: Vec<String>,
    /// Every name seen, and each place's name without a parent in front, to its place.
    names: HashMap<String, usize>,
    tails: HashMap<String, usize>,
}

impl PlaceIndex {
    /// The names `p` stands for without parents in front: `乙市丙县` → `丙县`, at least two chars.
    fn tails(p: &str) -> impl Iterator<Item = &str> {
        p.char_indices()
            .filter(|(_, c)| PARENT_END.contains(c))
            .map(move |(i, c)| &p[i + c.len_utf8()..])
            .filter(|t| t.chars().count() >= 2)
    }

    /// The place `p` is: its first place by [`same_place`], in order of appearance.
    fn find(&self, p: &str) -> Option<usize> {
        if let Some(&i) = self.names.get(p) {
            return Some(i);
        }
        // `p` with a parent in front of a known place, or a known place's name without its
        // parent.
        let shorter = Self::tails(p).filter_map(|t| self.names.get(t).copied());
        let longer = self.tails.get(p).copied();
        shorter
            .chain(longer)
            .filter(|&i| same_place(&self.places[i], p))
            .min()
    }

    fn add(&mut self, p: &str) -> usize {
        let i = self.find(p).unwrap_or_else(|| {
            self.places.push(p.to_string());
            let i = self.places.len() - 1;
            for t in Self::tails(p) {
                self.tails.entry(t.to_string()).or_insert(i);
            }
            i
        });
        self.names.entry(p.to_string()).or_insert(i);
        i
    }
}

/// One cell of a Compare view as a record: what `y` copies and `e` exports, one row per place
/// and year with a target or a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRecord {
    pub place: String,
    pub year: i32,
    pub indicator: String,
    pub measure: Measure,
    #[serde(serialize_with = "opt_number")]
    pub target: Option<f64>,
    #[serde(serialize_with = "opt_number")]
    pub target_high: Option<f64>,
    pub target_qualifier: Option<String>,
    pub target_unit: Option<String>,
    #[serde(serialize_with = "opt_number")]
    pub result: Option<f64>,
    pub result_kind: Option<Kind>,
    pub result_unit: Option<String>,
    #[serde(serialize_with = "opt_number")]
    pub gap: Option<f64>,
    pub met: Option<bool>,
    pub target_report: Option<String>,
    pub result_report: Option<String>,
}

/// Column headers of the Compare records in the text formats.
pub const COMPARE_COLUMNS: &[&str] = &[
    "地区",
    "年份",
    "指标",
    "度量",
    "目标",
    "结果",
    "差距",
    "达成",
    "结果类型",
    "目标报告",
    "结果报告",
];

impl Compare {
    /// The records of rows `range` (every row: `0..rows.len()`), places in order, years
    /// ascending; empty cells are left out.
    pub fn records(&self, range: std::ops::Range<usize>) -> Vec<CompareRecord> {
        let mut out = Vec::new();
        for (place, cells) in self.rows.get(range).unwrap_or_default() {
            for (year, c) in self.years.iter().zip(cells) {
                if c.target.is_none() && c.result.is_none() {
                    continue;
                }
                out.push(CompareRecord {
                    place: place.clone(),
                    year: *year,
                    indicator: self.indicator.clone(),
                    measure: self.measure,
                    target: c.target.as_ref().map(|t| t.0),
                    target_high: c.target.as_ref().and_then(|t| t.1),
                    target_qualifier: c.target.as_ref().and_then(|t| t.2.clone()),
                    target_unit: c.target.as_ref().and(c.target_unit.clone()),
                    result: c.result.map(|r| r.0),
                    result_kind: c.result.map(|r| r.1),
                    result_unit: c.result.and(c.result_unit.clone()),
                    gap: c.gap,
                    met: c.met,
                    target_report: c.target_at.as_ref().map(|s| s.0.clone()),
                    result_report: c.result_at.as_ref().map(|s| s.0.clone()),
                });
            }
        }
        out
    }
}

/// One record's cells, in the order of [`COMPARE_COLUMNS`].
pub fn record_cells(r: &CompareRecord) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        r.place.clone(),
        r.year.to_string(),
        r.indicator.clone(),
        measure_label(r.measure).to_string(),
        r.target.map_or_else(String::new, |v| {
            cell_text(
                v,
                r.target_high,
                r.target_unit.as_deref(),
                r.target_qualifier.as_deref(),
            )
        }),
        r.result.map_or_else(String::new, |v| {
            cell_text(v, None, r.result_unit.as_deref(), None)
        }),
        r.gap.map(format_number).unwrap_or_default(),
        match r.met {
            Some(true) => "达成".to_string(),
            Some(false) => "未达成".to_string(),
            None => String::new(),
        },
        r.result_kind
            .map(kind_label)
            .unwrap_or_default()
            .to_string(),
        opt(&r.target_report),
        opt(&r.result_report),
    ]
}
