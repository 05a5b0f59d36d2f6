//! Annual targets paired with their results.
//!
//! Every one-year target (span 1, dated; one per place, indicator, measure and year) is paired with the result for the same place,
//! indicator, measure and year from any loaded report — usually the next year's review. An
//! actual figure wins over an estimate (`预计…`, said before the year's statistics are final);
//! among equals the first report given wins. A place matches itself and its name with the
//! parent in front (`呼伦贝尔市海拉尔区` is `海拉尔区`), since reports name themselves both ways. The gap is result − target (the low end of a
//! range), when both are in the same unit.

use super::{number, opt_number, PanelRow};
use crate::indicators::{Kind, Measure};
use serde::Serialize;
use std::collections::HashMap;

/// A target as the targets table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    #[serde(serialize_with = "number")]
    pub value: f64,
    #[serde(serialize_with = "opt_number")]
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub report: String,
    pub quote: String,
}

/// The figure that says how the target year went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    #[serde(serialize_with = "number")]
    pub value: f64,
    pub unit: Option<String>,
    pub kind: Kind,
    pub report: String,
    pub quote: String,
}

/// One row of `baogao targets`; serialises to its JSON contract, keys in this order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRow {
    pub place: Option<String>,
    pub level: Option<crate::meta::Level>,
    pub year: i32,
    pub indicator: String,
    pub measure: Measure,
    pub target: Target,
    pub result: Option<Outcome>,
    /// Result − target low end; `None` without a result or when the units differ.
    #[serde(serialize_with = "opt_number")]
    pub gap: Option<f64>,
}

type Key = (String, Measure, i32);

fn key(r: &PanelRow) -> Option<Key> {
    Some((r.indicator.to_string(), r.measure, r.year?))
}

/// Whether two reports name the same place: the same name, or one the other with its parent
/// in front (`呼伦贝尔市海拉尔区` and `海拉尔区`).
pub fn same_place(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long == short {
        return true;
    }
    // The part in front must itself be a place (`…市`), not more of one name (`西海滨区`).
    short.chars().count() >= 2
        && long
            .strip_suffix(short)
            .is_some_and(|parent| parent.ends_with(['省', '市', '州', '盟', '区', '县']))
}

/// How good a result is for a target at `place`: the same name before a parent-prefixed one, an
/// actual figure before an estimate.
fn rank(place: &str, r: &PanelRow) -> (bool, bool) {
    (r.place.as_deref() != Some(place), r.kind != Kind::Actual)
}

/// Pair the annual targets among `rows` with their results among `rows`, targets in the order
/// given.
pub fn pair(rows: &[PanelRow]) -> Vec<TargetRow> {
    pair_refs(&rows.iter().collect::<Vec<_>>())
}

/// [`pair`] over borrowed rows (a selection of a larger table, not copied).
pub fn pair_refs(rows: &[&PanelRow]) -> Vec<TargetRow> {
    let mut results: HashMap<Key, Vec<&PanelRow>> = HashMap::new();
    for &r in rows {
        if r.kind == Kind::Target || r.span != 1 || r.place.is_none() {
            continue;
        }
        if let Some(k) = key(r) {
            results.entry(k).or_default().push(r);
        }
    }
    one_target_each(rows)
        .into_iter()
        .filter_map(|t| {
            let year = t.year?;
            let result = match (&t.place, key(t)) {
                (Some(place), Some(k)) => results.get(&k).and_then(|found| {
                    found
                        .iter()
                        .filter(|r| r.place.as_deref().is_some_and(|p| same_place(p, place)))
                        // The first of the best (min_by_key keeps the first of equals).
                        .min_by_key(|r| rank(place, r))
                        .copied()
                }),
                _ => None,
            };
            let gap = result
                .filter(|r| r.unit == t.unit)
                .map(|r| round(r.value - t.value));
            Some(TargetRow {
                place: t.place.as_deref().map(str::to_string),
                level: t.level,
                year,
                indicator: t.indicator.to_string(),
                measure: t.measure,
                target: Target {
                    value: t.value,
                    high: t.high,
                    unit: t.unit.as_deref().map(str::to_string),
                    qualifier: t.qualifier.clone(),
                    report: t.report.to_string(),
                    quote: t.quote.to_string(),
                },
                result: result.map(|r| Outcome {
                    value: r.value,
                    unit: r.unit.as_deref().map(str::to_string),
                    kind: r.kind,
                    report: r.report.to_string(),
                    quote: r.quote.to_string(),
                }),
                gap,
            })
        })
        .collect()
}

/// The annual targets, one per place, indicator, measure and year: a target restated in a later
/// report (`完成了增长6%的目标`) or a report given twice counts once — the one said in a
/// main-targets statement, else one not restated in a later review, else the first given.
/// Targets keep the order given.
fn one_target_each<'a>(rows: &[&'a PanelRow]) -> Vec<&'a PanelRow> {
    let mut kept: Vec<&PanelRow> = Vec::new();
    let mut slot: HashMap<Key, Vec<usize>> = HashMap::new();
    for &t in rows
        .iter()
        .filter(|r| r.kind == Kind::Target && r.span == 1)
    {
        let Some(k) = key(t) else { continue };
        let same = slot.entry(k).or_default();
        let earlier = same
            .iter()
            .copied()
            .find(|&i| match (&kept[i].place, &t.place) {
                (Some(a), Some(b)) => same_place(a, b),
                _ => false,
            });
        // The year's own statement first, then any target not restated later, then the first.
        let rank = |r: &PanelRow| (!r.main_statement, r.restated);
        match earlier {
            Some(i) if rank(t) < rank(kept[i]) => kept[i] = t,
            Some(_) => {}
            None => {
                same.push(kept.len());
                kept.push(t);
            }
        }
    }
    kept
}

/// A difference of two written figures without float noise (`6.1 − 6.5` is `-0.4`).
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
