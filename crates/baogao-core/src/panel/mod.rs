//! Across reports: the long table (panel) of figures by place, year and indicator, a place × year
//! pivot, and annual targets paired with their results.
//!
//! - [`rows`] turns one report's indicator rows into panel rows: one per indicator, kind,
//!   measure, year and span (a level and a change of one mention are two rows; a figure stated
//!   twice is one row);
//! - `period` dates a row when the extractor did not (the one place with such fallback rules);
//! - [`pivot`] lays one indicator out as place × year;
//! - [`PackedRows`] holds a report's rows compactly, for a holder of a whole pile (the TUI);
//! - [`targets`] pairs each annual target with the result for the same place and year;
//! - [`compare`] is the model of a Compare view: targets and results side by side, met or missed;
//! - [`table`] renders panel and target rows as TSV, CSV, Markdown, JSON and JSON lines.
//!
//! Reports are read one at a time and reduced to panel rows, so a national collection needs
//! memory for its figures only, never for all its texts.

pub mod compare;
mod packed;
mod period;
pub mod pivot;
pub mod table;
pub mod targets;

use crate::indicators::{Indicator, Kind, Measure};
use crate::report::Report;
use serde::Serialize;
use std::collections::HashMap;

pub use packed::PackedRows;
pub use period::{periods, Periods};

/// JSON numbers as written: `9`, not `9.0`.
pub(crate) fn number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

pub(crate) fn opt_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => number(x, s),
        None => s.serialize_none(),
    }
}

/// One row of the panel; serialises to the JSON contract of `baogao panel`, keys in this order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelRow {
    /// Shared by a report's rows.
    pub place: Option<std::sync::Arc<str>>,
    /// national, province, city, county, township.
    pub level: Option<crate::meta::Level>,
    /// The year the figure describes.
    pub year: Option<i32>,
    /// 1 for one year; the number of years of a period average or total.
    pub span: u32,
    /// The canonical indicator name.
    pub indicator: std::sync::Arc<str>,
    pub kind: Kind,
    pub measure: Measure,
    /// The figure, or the low end of a range.
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// The high end of a range, else `None`.
    #[serde(serialize_with = "opt_number")]
    pub high: Option<f64>,
    /// Shared with the indicator it comes from.
    pub unit: Option<std::sync::Arc<str>>,
    pub qualifier: Option<String>,
    /// The report's path as given (shared with the indicator it comes from).
    pub report: std::sync::Arc<str>,
    /// Shared with the indicator it comes from.
    pub section: std::sync::Arc<[String]>,
    /// The sentence: a copy of its own ([`rows`]), shared by the rows of one sentence, or a
    /// piece of the report's text ([`rows_sharing_text`]).
    pub quote: crate::shared_str::SharedStr,
    /// Char offset of the mention in the report's text (for jumping to it).
    #[serde(skip)]
    pub offset: usize,
    /// Said in the report's statement of its main targets (`主要预期目标是:…`).
    #[serde(skip)]
    pub main_statement: bool,
    /// `value` as the text writes it (`9.0`), for cells, when [`crate::table::format_number`]
    /// writes it otherwise (`9`); `None` when that is how it is written, or it is not found in
    /// the quote (most rows: nothing to hold).
    #[serde(skip)]
    pub written: Option<String>,
    /// A target of a year before the report's own: restated in its review (`完成了增长6%的
    /// 目标`), so second to the target the year's own report states.
    #[serde(skip)]
    pub restated: bool,
}

impl PanelRow {
    /// The key a report states a figure under once.
    fn key(&self) -> (&str, Kind, Measure, Option<i32>, u32) {
        (
            &self.indicator,
            self.kind,
            self.measure,
            self.year,
            self.span,
        )
    }
}

/// A report's panel rows from its indicator rows (as `indicators::extract` gives them).
/// Only core indicators (with a canonical name) and stated figures (not masked) count.
pub fn rows(report: &Report, indicators: &[Indicator]) -> Vec<PanelRow> {
    rows_with(report, indicators, false)
}

/// [`rows`] whose quotes are pieces of the report's text (the indicators'), not copies: for a
/// holder that keeps the report anyway (the TUI), where a copy would hold the sentences twice.
pub fn rows_sharing_text(report: &Report, indicators: &[Indicator]) -> Vec<PanelRow> {
    rows_with(report, indicators, true)
}

fn rows_with(report: &Report, indicators: &[Indicator], share_text: bool) -> Vec<PanelRow> {
    let place: Option<std::sync::Arc<str>> = report.meta.place.as_deref().map(Into::into);
    let level = report
        .meta
        .level
        .or_else(|| place.as_deref().and_then(crate::meta::level_of));
    // A change's unit (`%`, `个百分点`) held once a report, not once a row.
    let mut growth_units: Vec<std::sync::Arc<str>> = Vec::new();
    let mut out: Vec<(bool, PanelRow)> = Vec::new();
    // Rows keep their own copy of a quote (a piece of the report's text in the indicator), so
    // a panel kept after its reports does not hold their whole texts; rows of one sentence
    // share it.
    let mut quotes: Vec<crate::shared_str::SharedStr> = Vec::new();
    // Figures of one paragraph come together: its paragraph is judged once (a long paragraph
    // judged once per figure would cost time quadratic in its length).
    let mut main_of: Option<(usize, bool)> = None;
    for ind in indicators {
        let Some(indicator) = &ind.canonical else {
            continue;
        };
        let p = periods(report, ind);
        let restated = ind.kind == Kind::Target
            && matches!((p.growth.0.or(p.level.0), report.meta.year), (Some(y), Some(r)) if y < r);
        // A review that restates last year's targets is not this report's statement of them.
        let in_main = match main_of {
            Some((pi, m)) if pi == ind.paragraph => m,
            _ => {
                let m = in_main_targets(report, ind.paragraph);
                main_of = Some((ind.paragraph, m));
                m
            }
        };
        let main = !restated && in_main;
        let (level_q, growth_q) = split_qualifier(ind);
        // Rows of one sentence come together: only the last few quotes are looked at (all of
        // them would cost time quadratic in a report's sentences).
        let quote = if share_text {
            ind.quote.clone()
        } else {
            match quotes.iter().rev().take(8).find(|q| **q == ind.quote) {
                Some(q) => q.clone(),
                None => {
                    let q = crate::shared_str::SharedStr::from(ind.quote.as_str());
                    quotes.push(q.clone());
                    q
                }
            }
        };
        let base = PanelRow {
            place: place.clone(),
            level,
            year: None,
            span: 1,
            indicator: indicator.clone(),
            kind: ind.kind,
            measure: Measure::Level,
            value: 0.0,
            high: None,
            unit: None,
            qualifier: None,
            report: ind.report.clone(),
            section: ind.section.clone(),
            quote,
            offset: ind.offset,
            main_statement: main,
            written: None,
            restated,
        };
        if let (Some(v), false) = (ind.value, ind.masked) {
            out.push((
                main,
                PanelRow {
                    year: p.level.0,
                    span: p.level.1,
                    value: v,
                    high: ind.high,
                    unit: ind.unit.clone(),
                    qualifier: level_q,
                    written: ind
                        .unit
                        .as_deref()
                        .and_then(|u| as_written(&ind.quote, v, u)),
                    ..base.clone()
                },
            ));
        }
        if let Some(c) = &ind.change {
            if let (Some(v), false) = (c.value, c.masked) {
                out.push((
                    main,
                    PanelRow {
                        year: p.growth.0,
                        span: p.growth.1,
                        measure: Measure::Growth,
                        value: v,
                        high: c.high,
                        unit: Some(shared_unit(&mut growth_units, &c.unit)),
                        qualifier: growth_q,
                        written: as_written(&ind.quote, v, &c.unit),
                        ..base
                    },
                ));
            }
        }
    }
    dedup(out)
}

/// One row per key: the main-targets statement first, then the first mention.
fn dedup(rows: Vec<(bool, PanelRow)>) -> Vec<PanelRow> {
    let mut best: HashMap<(String, Kind, Measure, Option<i32>, u32), usize> = HashMap::new();
    let mut keep: Vec<Option<(bool, PanelRow)>> = Vec::with_capacity(rows.len());
    for (main, row) in rows {
        let k = row.key();
        let k = (k.0.to_string(), k.1, k.2, k.3, k.4);
        match best.get(&k) {
            Some(&i) => {
                let earlier_main = keep[i].as_ref().is_some_and(|(m, _)| *m);
                if main && !earlier_main {
                    keep[i] = None;
                    best.insert(k, keep.len());
                    keep.push(Some((main, row)));
                }
            }
            None => {
                best.insert(k, keep.len());
                keep.push(Some((main, row)));
            }
        }
    }
    keep.into_iter().flatten().map(|(_, r)| r).collect()
}

/// Words that open a report's statement of its main targets (`主要预期目标是:`).
const TARGET_STATEMENT: &[&str] = &["主要预期目标", "预期目标", "主要目标"];

/// Whether paragraph `pi` is (or continues) the statement of the main targets: it names them, or
/// it is one of the items listed under a paragraph that does (`…主要预期目标是:` then one line
/// per target).
fn in_main_targets(report: &Report, pi: usize) -> bool {
    const LIST_MAX: usize = 12;
    let names = |i: usize| {
        let f = report.paragraph_folded(i);
        TARGET_STATEMENT.iter().any(|w| f.contains(w))
    };
    if pi >= report.paragraphs.len() {
        return false;
    }
    if names(pi) {
        return true;
    }
    let section = report.paragraphs[pi].section();
    (pi.saturating_sub(LIST_MAX)..pi)
        .rev()
        .take_while(|&i| report.paragraphs[i].section() == section)
        .any(|i| names(i) && report.paragraph_folded(i).trim_end().ends_with(':'))
}

/// Qualifiers written before a figure; the others follow it.
const BEFORE: &[&str] = &["超过", "近", "约"];

/// The qualifier of a mention split between its level and its change. The extractor gives one
/// (the level's, else the change's); it belongs to the change when the quote writes it next to
/// the change figure (`增长12%以上`), else to the level.
fn split_qualifier(ind: &Indicator) -> (Option<String>, Option<String>) {
    let Some(q) = ind.qualifier.clone() else {
        return (None, None);
    };
    let (has_level, change) = (
        ind.value.is_some() || ind.masked,
        ind.change
            .as_ref()
            .and_then(|c| c.value.map(|v| (v, c.high, &c.unit))),
    );
    match (has_level, change) {
        (false, _) => (None, Some(q)),
        (true, None) => (Some(q), None),
        (true, Some((v, high, unit))) => {
            let text = crate::fold::fold(&ind.quote);
            // A range carries its qualifier after the upper end (`5%—5.5%左右`).
            let next = |x: f64| written_next_to(&text, x.abs(), unit, &q);
            if next(v) || high.is_some_and(next) {
                (None, Some(q))
            } else {
                (Some(q), None)
            }
        }
    }
}

/// The figures of `text` written right before `unit`: `(start, end, digits)` char positions of
/// the number and its digits without spaces (`5 . 5%` → `5.5`).
fn figures_before(text: &[char], unit: &[char]) -> Vec<(usize, usize, String)> {
    let is_num = |c: char| c.is_ascii_digit() || c == '.' || c == ' ';
    let mut out = Vec::new();
    for i in 0..text.len() {
        if text.get(i..i + unit.len()) != Some(unit) {
            continue;
        }
        let mut s = i;
        while s > 0 && is_num(text[s - 1]) {
            s -= 1;
        }
        let digits: String = text[s..i].iter().filter(|c| **c != ' ').collect();
        if !digits.is_empty() {
            out.push((s, i, digits));
        }
    }
    out
}

/// Whether `text` writes qualifier `q` right next to the figure `v` `unit` (`12%以上`, `超过9%`);
/// the figure may be written with other decimals (`6.0%`) or spaced (`5 . 5%`).
fn written_next_to(text: &str, v: f64, unit: &str, q: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let unit: Vec<char> = unit.chars().collect();
    let q: Vec<char> = q.chars().collect();
    let at = |i: usize, w: &[char]| chars.get(i..i + w.len()) == Some(w);
    let before = BEFORE.iter().any(|b| b.chars().eq(q.iter().copied()));
    figures_before(&chars, &unit)
        .into_iter()
        .any(|(s, e, digits)| {
            digits.parse::<f64>().ok() == Some(v)
                && if before {
                    s >= q.len() && at(s - q.len(), &q)
                } else {
                    at(e + unit.len(), &q)
                }
        })
}

/// The figure `v` as the quote writes it before `unit` (`9.0` for 9 in `增长9.0%`), when it
/// does and [`crate::table::format_number`] writes it otherwise.
fn as_written(quote: &str, v: f64, unit: &str) -> Option<String> {
    let chars: Vec<char> = crate::fold::fold(quote).chars().collect();
    let unit: Vec<char> = unit.chars().collect();
    figures_before(&chars, &unit)
        .into_iter()
        .map(|(_, _, digits)| digits)
        .find(|d| d.parse::<f64>().ok() == Some(v.abs()))
        .filter(|d| *d != crate::table::format_number(v.abs()))
}

/// `unit` from those held already, else held from now on.
fn shared_unit(held: &mut Vec<std::sync::Arc<str>>, unit: &str) -> std::sync::Arc<str> {
    if let Some(u) = held.iter().find(|u| ***u == *unit) {
        return u.clone();
    }
    let u: std::sync::Arc<str> = unit.into();
    held.push(u.clone());
    u
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_styles;
