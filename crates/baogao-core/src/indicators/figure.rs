//! A borrowed view of one figure: what tables read (cells, widths, sorting), whether the row
//! is an [`Indicator`] of its own or one of a report's [`Packed`](super::Packed) rows.

use super::{Change, Indicator, Kind, Measure};

/// A [`Change`]'s fields, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChangeRef<'a> {
    pub value: Option<f64>,
    pub unit: &'a str,
    pub masked: bool,
    pub basis: Option<&'a str>,
    pub high: Option<f64>,
}

impl Change {
    /// This change as a [`ChangeRef`].
    pub fn borrowed(&self) -> ChangeRef<'_> {
        let Change {
            value,
            unit,
            masked,
            basis,
            high,
        } = self;
        ChangeRef {
            value: *value,
            unit,
            masked: *masked,
            basis: basis.as_deref(),
            high: *high,
        }
    }
}

impl ChangeRef<'_> {
    /// A [`Change`] of its own.
    pub fn to_change(&self) -> Change {
        Change {
            value: self.value,
            unit: self.unit.to_string(),
            masked: self.masked,
            basis: self.basis.map(str::to_string),
            high: self.high,
        }
    }
}

/// An [`Indicator`]'s fields, borrowed. Cheap to make and to copy: sorting a table of a
/// million rows makes two per comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureRef<'a> {
    pub report: &'a str,
    pub section: &'a [String],
    pub name: &'a str,
    pub canonical: Option<&'a str>,
    pub value: Option<f64>,
    pub masked: bool,
    pub unit: Option<&'a str>,
    pub change: Option<ChangeRef<'a>>,
    pub kind: Kind,
    pub qualifier: Option<&'a str>,
    pub quote: &'a str,
    pub offset: usize,
    pub year: Option<i32>,
    pub span: u32,
    pub measure: Measure,
    pub high: Option<f64>,
    pub paragraph: usize,
}

impl Indicator {
    /// This row as a [`FigureRef`].
    pub fn figure(&self) -> FigureRef<'_> {
        // Every field named: a field added to `Indicator` must be added here too.
        let Indicator {
            report,
            section,
            name,
            canonical,
            value,
            masked,
            unit,
            change,
            kind,
            qualifier,
            quote,
            offset,
            year,
            span,
            measure,
            high,
            paragraph,
        } = self;
        FigureRef {
            report,
            section,
            name,
            canonical: canonical.as_deref(),
            value: *value,
            masked: *masked,
            unit: unit.as_deref(),
            change: change.as_deref().map(Change::borrowed),
            kind: *kind,
            qualifier: qualifier.as_deref(),
            quote,
            offset: *offset,
            year: *year,
            span: *span,
            measure: *measure,
            high: *high,
            paragraph: *paragraph,
        }
    }
}
