//! A report's panel rows packed for holding many reports at once (the TUI keeps every row of
//! the pile for its Compare view): 72-byte rows of numbers and indices, each distinct string of
//! the report held once (shared with the rows packed, not copied, where they share it), quotes
//! as ranges of the report's text. About 80 bytes a row, against some 300 for a [`PanelRow`]
//! with its own strings.
//!
//! Lossless: [`PackedRows::to_vec`] gives back the very rows packed ([`PackedRows::new`]'s doc
//! says what that assumes of them).

use super::PanelRow;
use crate::indicators::{Kind, Measure};
use crate::meta::Level;
use crate::report::narrow;
use crate::shared_str::SharedStr;
use std::sync::Arc;

/// One report's panel rows, in the order given.
#[derive(Debug, Clone, Default)]
pub struct PackedRows {
    /// The report's text, which quotes are ranges of.
    text: Arc<str>,
    rows: Box<[Row]>,
    /// The rows' strings, each distinct one once: places, indicators, units, qualifiers, the
    /// figures as written, report paths, and quotes that are not pieces of `text`.
    atoms: Box<[Arc<str>]>,
    /// The distinct section paths (the rows of one paragraph share theirs).
    sections: Box<[Arc<[String]>]>,
}

/// One row: optional fields have a flag, strings are indices in `atoms`.
#[derive(Debug, Clone, Copy)]
struct Row {
    value: f64,
    high: f64,
    /// A byte range of `text`, or (flag `QUOTE_ATOM`) an atom in `start`.
    quote: (u32, u32),
    offset: u32,
    year: i32,
    span: u32,
    indicator: u32,
    place: u32,
    unit: u32,
    qualifier: u32,
    written: u32,
    report: u32,
    section: u32,
    flags: u16,
    level: Option<Level>,
    kind: Kind,
    measure: Measure,
}

// Row flags.
const HIGH: u16 = 1;
const YEAR: u16 = 1 << 1;
const PLACE: u16 = 1 << 2;
const UNIT: u16 = 1 << 3;
const QUALIFIER: u16 = 1 << 4;
const WRITTEN: u16 = 1 << 5;
const MAIN: u16 = 1 << 6;
const RESTATED: u16 = 1 << 7;
/// The quote is an atom, not a piece of the text.
const QUOTE_ATOM: u16 = 1 << 8;

/// Builds the atoms, each distinct string once: an `Arc` given is kept (shared with its other
/// holders), a `str` is copied once.
#[derive(Default)]
struct Atoms {
    list: Vec<Arc<str>>,
    index: rustc_hash::FxHashMap<Arc<str>, u32>,
}

impl Atoms {
    fn shared(&mut self, s: &Arc<str>) -> u32 {
        self.add(s, || s.clone())
    }

    fn copied(&mut self, s: &str) -> u32 {
        self.add(s, || Arc::from(s))
    }

    fn add(&mut self, s: &str, make: impl FnOnce() -> Arc<str>) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let a = make();
        let i = narrow(self.list.len());
        self.list.push(a.clone());
        self.index.insert(a, i);
        i
    }
}

impl PackedRows {
    /// Pack `rows`, the panel rows of `report` (as [`super::rows`] or
    /// [`super::rows_sharing_text`] give them). Lossless for rows whose offsets are below 4 Gi,
    /// as every report's are. A quote that is a piece of the report's text is held as its range.
    pub fn new(report: &crate::Report, rows: &[PanelRow]) -> PackedRows {
        let text = report.text.clone();
        let mut atoms = Atoms::default();
        let mut sections: Vec<Arc<[String]>> = Vec::new();
        let mut packed = Vec::with_capacity(rows.len());
        for r in rows {
            let mut flags = 0;
            let mut opt = |flag: u16, i: Option<u32>| match i {
                Some(i) => {
                    flags |= flag;
                    i
                }
                None => 0,
            };
            let place = opt(PLACE, r.place.as_ref().map(|s| atoms.shared(s)));
            let unit = opt(UNIT, r.unit.as_ref().map(|s| atoms.shared(s)));
            let qualifier = opt(QUALIFIER, r.qualifier.as_deref().map(|s| atoms.copied(s)));
            let written = opt(WRITTEN, r.written.as_deref().map(|s| atoms.copied(s)));
            let quote = match r.quote.range_in(&text) {
                Some(q) => (narrow(q.start), narrow(q.end)),
                None => (opt(QUOTE_ATOM, Some(atoms.copied(&r.quote))), 0),
            };
            for (on, flag) in [
                (r.high.is_some(), HIGH),
                (r.year.is_some(), YEAR),
                (r.main_statement, MAIN),
                (r.restated, RESTATED),
            ] {
                if on {
                    flags |= flag;
                }
            }
            // The rows of a paragraph share its section path: one per run.
            let same = |s: &Arc<[String]>| Arc::ptr_eq(s, &r.section) || **s == *r.section;
            if !sections.last().is_some_and(same) {
                sections.push(r.section.clone());
            }
            packed.push(Row {
                value: r.value,
                high: r.high.unwrap_or_default(),
                quote,
                offset: narrow(r.offset),
                year: r.year.unwrap_or_default(),
                span: r.span,
                indicator: atoms.shared(&r.indicator),
                place,
                unit,
                qualifier,
                written,
                report: atoms.shared(&r.report),
                section: narrow(sections.len() - 1),
                flags,
                level: r.level,
                kind: r.kind,
                measure: r.measure,
            });
        }
        PackedRows {
            text,
            rows: packed.into(),
            atoms: atoms.list.into(),
            sections: sections.into(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn atom(&self, i: u32) -> &Arc<str> {
        &self.atoms[i as usize]
    }

    /// Row `i`'s atom `a` when `flag` is on. Panics when `i` is out of range, as indexing does.
    fn opt_atom(&self, i: usize, flag: u16, a: impl Fn(&Row) -> u32) -> Option<&Arc<str>> {
        let r = &self.rows[i];
        (r.flags & flag != 0).then(|| self.atom(a(r)))
    }

    /// Row `i`'s indicator (its canonical name).
    pub fn indicator(&self, i: usize) -> &str {
        self.atom(self.rows[i].indicator)
    }

    /// Row `i`'s place.
    pub fn place(&self, i: usize) -> Option<&str> {
        self.opt_atom(i, PLACE, |r| r.place).map(|s| &**s)
    }

    /// The year row `i` describes.
    pub fn year(&self, i: usize) -> Option<i32> {
        let r = &self.rows[i];
        (r.flags & YEAR != 0).then_some(r.year)
    }

    /// How many years row `i` covers.
    pub fn span(&self, i: usize) -> u32 {
        self.rows[i].span
    }

    /// What row `i` measures.
    pub fn measure(&self, i: usize) -> Measure {
        self.rows[i].measure
    }

    /// Row `i` as a [`PanelRow`] of its own (its strings shared with the other rows').
    pub fn get(&self, i: usize) -> PanelRow {
        let r = &self.rows[i];
        let on = |f: u16| r.flags & f != 0;
        let owned = |f: u16, a: u32| on(f).then(|| self.atom(a).to_string());
        PanelRow {
            place: self.opt_atom(i, PLACE, |r| r.place).cloned(),
            level: r.level,
            year: self.year(i),
            span: r.span,
            indicator: self.atom(r.indicator).clone(),
            kind: r.kind,
            measure: r.measure,
            value: r.value,
            high: on(HIGH).then_some(r.high),
            unit: self.opt_atom(i, UNIT, |r| r.unit).cloned(),
            qualifier: owned(QUALIFIER, r.qualifier),
            report: self.atom(r.report).clone(),
            section: self
                .sections
                .get(r.section as usize)
                .cloned()
                .unwrap_or_else(|| Arc::from(Vec::new())),
            quote: if on(QUOTE_ATOM) {
                SharedStr::from(self.atom(r.quote.0).clone())
            } else {
                SharedStr::slice(&self.text, r.quote.0 as usize..r.quote.1 as usize)
            },
            offset: r.offset as usize,
            main_statement: on(MAIN),
            written: owned(WRITTEN, r.written),
            restated: on(RESTATED),
        }
    }

    /// Every row as a [`PanelRow`] of its own.
    pub fn to_vec(&self) -> Vec<PanelRow> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::from_text;

    /// A report of our own with rows of every shape: levels and changes, targets restated and
    /// stated, a range, qualifiers, a figure written with its decimals, sections.
    const TEXT: &str = "一、2023年工作回顾\n\
        年初确定的地区生产总值增长6%的目标顺利完成。\n\
        全市地区生产总值1200.0亿元，比上年增长6.0%；一般公共预算收入88亿元，增长5%—5.5%。\n\
        二、2024年工作安排\n\
        今年主要预期目标是：\n\
        地区生产总值增长5.5%左右，城镇调查失业率控制在5.5%以内，粮食产量稳定在30万吨以上。";

    fn report() -> crate::Report {
        from_text("示例市2024年政府工作报告.txt", TEXT, "UTF-8")
    }

    #[test]
    fn packs_and_unpacks_every_row_as_it_was() {
        let r = report();
        let ind = crate::indicators::extract(&r);
        for rows in [
            super::super::rows_sharing_text(&r, &ind),
            super::super::rows(&r, &ind),
        ] {
            assert!(rows.len() >= 6, "{rows:#?}");
            assert!(rows.iter().any(|x| x.measure == Measure::Growth));
            assert!(rows.iter().any(|x| x.measure == Measure::Level));
            assert!(rows.iter().any(|x| x.main_statement));
            assert!(rows.iter().any(|x| x.restated));
            assert!(rows.iter().any(|x| x.high.is_some()));
            assert!(rows.iter().any(|x| x.qualifier.is_some()));
            assert!(rows.iter().any(|x| x.written.is_some()));
            let p = PackedRows::new(&r, &rows);
            assert_eq!(p.len(), rows.len());
            assert_eq!(p.to_vec(), rows);
            for (i, x) in rows.iter().enumerate() {
                assert_eq!(p.indicator(i), &*x.indicator);
                assert_eq!(p.place(i), x.place.as_deref());
                assert_eq!((p.year(i), p.span(i)), (x.year, x.span));
                assert_eq!(p.measure(i), x.measure);
                // A quote stays a piece of the text when it was one.
                let back = p.get(i);
                assert_eq!(
                    back.quote.range_in(&r.text).is_some(),
                    x.quote.range_in(&r.text).is_some()
                );
                // Shared strings stay shared.
                assert!(Arc::ptr_eq(&back.indicator, &x.indicator));
                assert!(Arc::ptr_eq(&back.section, &x.section));
            }
        }
    }

    #[test]
    fn rows_made_by_hand_round_trip_too() {
        let r = report();
        let ind = crate::indicators::extract(&r);
        let mut rows = super::super::rows_sharing_text(&r, &ind);
        assert!(!rows.is_empty());
        let mut odd = rows[0].clone();
        // Every option absent, a quote of no text, another report's name, odd numbers.
        odd.place = None;
        odd.level = None;
        odd.year = None;
        odd.high = None;
        odd.unit = None;
        odd.qualifier = None;
        odd.written = None;
        odd.quote = SharedStr::from("另写的一句话");
        odd.report = Arc::from("别处.txt");
        odd.section = Arc::from(Vec::new());
        odd.value = -0.0;
        odd.span = 0;
        odd.kind = Kind::Estimate;
        rows.push(odd.clone());
        // Every option present.
        odd.place = Some("某县".into());
        odd.level = Some(Level::County);
        odd.year = Some(i32::MIN);
        odd.high = Some(f64::MAX);
        odd.unit = Some("万吨".into());
        odd.qualifier = Some("以上".into());
        odd.written = Some("1.50".into());
        odd.main_statement = true;
        odd.restated = true;
        odd.section = Arc::from(vec!["二、".to_string(), "(一)".to_string()]);
        rows.push(odd);
        let p = PackedRows::new(&r, &rows);
        let back = p.to_vec();
        assert_eq!(back, rows);
        let n = rows.len();
        assert_eq!(back[n - 2].value.to_bits(), (-0.0f64).to_bits());
        assert!(PackedRows::new(&r, &[]).is_empty());
    }

    #[test]
    fn strings_are_held_once_and_rows_stay_small() {
        let r = report();
        let ind = crate::indicators::extract(&r);
        let rows = super::super::rows_sharing_text(&r, &ind);
        let p = PackedRows::new(&r, &rows);
        let distinct: std::collections::HashSet<&str> = p.atoms.iter().map(|a| &**a).collect();
        assert_eq!(distinct.len(), p.atoms.len());
        // One report, one place: each is one atom.
        assert_eq!(p.atoms.iter().filter(|a| ***a == *r.source).count(), 1);
        // A pile holds hundreds of thousands: every 8 bytes here is megabytes there.
        assert!(
            std::mem::size_of::<Row>() <= 72,
            "{}",
            std::mem::size_of::<Row>()
        );
    }
}
