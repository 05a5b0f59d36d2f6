//! Indicator extraction: a report's figures as rows (name, value, unit, change, kind).
//!
//! (Interface fixed for the CLI and the TUI; the extractor itself is being built.)

use crate::report::Report;
use serde::Serialize;

/// A year-on-year (or other) change attached to a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub value: Option<f64>,
    /// `%`, `个百分点` or `倍`.
    pub unit: String,
    pub masked: bool,
    /// What it is compared with, when the text says (`比上年`, `同比`, `年均`).
    pub basis: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Actual,
    Estimate,
    Target,
}

/// One indicator mention; serialises to the JSON contract of `baogao indicators`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub report: String,
    pub section: Vec<String>,
    pub name: String,
    pub canonical: Option<String>,
    pub value: Option<f64>,
    pub masked: bool,
    pub unit: Option<String>,
    pub change: Option<Change>,
    pub kind: Kind,
    pub qualifier: Option<String>,
    pub quote: String,
    /// Char offset of the mention in `Report::text`.
    pub offset: usize,
    /// Index of the paragraph holding the mention.
    #[serde(skip)]
    pub paragraph: usize,
}

/// Every figure of a report, in text order. Rows with `canonical` set are the core indicators;
/// the others carry a best-effort name.
pub fn extract(_report: &Report) -> Vec<Indicator> {
    Vec::new()
}
