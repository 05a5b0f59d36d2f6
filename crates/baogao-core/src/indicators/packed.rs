//! A report's figures packed for holding many reports at once (the TUI keeps every figure of
//! the pile): 48-byte rows of numbers and offsets, each distinct string of the report held
//! once, quotes (and the names written in them) as ranges of the report's text. What few rows
//! have (a change, the upper end of a range) and numbers too wide for a row's narrow fields
//! are kept beside the rows, by row. About 77 bytes a figure with its strings and changes,
//! against some 280 for an [`Indicator`] with its own.
//!
//! Lossless: [`Packed::to_vec`] gives back the very rows packed ([`Packed::new`]'s doc says
//! what that assumes of them).

use super::{ChangeRef, FigureRef, Indicator, Kind, Measure, SharedStr};
use crate::report::narrow;
use std::ops::Range;
use std::sync::Arc;

/// One report's figures, in the order given.
#[derive(Debug, Clone, Default)]
pub struct Packed {
    /// The report's path, as the rows name it.
    report: Arc<str>,
    /// The report's text, which quotes are ranges of.
    text: Arc<str>,
    rows: Box<[Row]>,
    /// Names not written in their sentence, the atoms' strings (and quotes that are not pieces
    /// of `text`), each distinct one once.
    strings: Box<str>,
    /// The short strings many figures share (canonical names, units, qualifiers, a change's
    /// unit and basis): a row numbers them here rather than holding a piece of `strings`.
    atoms: Box<[Piece]>,
    /// The changes of the rows that have one (about one in seven), by row.
    changes: Box<[PackedChange]>,
    /// The upper ends of the rows that give a range, by row.
    highs: Box<[(u32, f64)]>,
    /// The fields of the rows whose numbers do not fit a row's narrow fields, by row.
    wide: Box<[(u32, Fields)]>,
    /// The distinct section paths (the rows of one paragraph share theirs).
    sections: Box<[Arc<[String]>]>,
}

/// A byte range of [`Packed::strings`] or of the report's text.
#[derive(Debug, Clone, Copy, Default)]
struct Piece {
    start: u32,
    end: u32,
}

impl Piece {
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A change of row `row`: its unit and basis are atoms.
#[derive(Debug, Clone, Copy)]
struct PackedChange {
    value: f64,
    high: f64,
    row: u32,
    unit: u32,
    basis: u32,
    flags: u16,
}

/// One figure: optional numbers have a flag, strings are pieces, and its [`Fields`] are
/// narrowed (flag `WIDE`: they are in [`Packed::wide`] instead, and these are 0).
#[derive(Debug, Clone, Copy)]
struct Row {
    value: f64,
    /// A piece of `text` (flag `NAME_IN_TEXT`) or of `strings`.
    name: Piece,
    /// A piece of `text`, or of `strings` (flag `QUOTE_COPY`).
    quote: Piece,
    offset: u32,
    paragraph: u32,
    canonical: u16,
    unit: u16,
    qualifier: u16,
    section: u16,
    year: i16,
    span: u16,
    flags: u16,
    kind: Kind,
    measure: Measure,
}

/// A row's indices and small numbers at full width: indices in `atoms` (meaningful when the
/// row's flag says the field is there) and `sections`, the year and the span. A report's fit a
/// row's narrow fields but for a report of more than 65,536 distinct strings or section paths,
/// or a year or span out of 16 bits.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Fields {
    canonical: u32,
    unit: u32,
    qualifier: u32,
    section: u32,
    year: i32,
    span: u32,
}

impl Fields {
    /// The fields narrowed, when each fits.
    fn narrow(&self) -> Option<(u16, u16, u16, u16, i16, u16)> {
        Some((
            self.canonical.try_into().ok()?,
            self.unit.try_into().ok()?,
            self.qualifier.try_into().ok()?,
            self.section.try_into().ok()?,
            self.year.try_into().ok()?,
            self.span.try_into().ok()?,
        ))
    }
}

/// The entry of row `i` in a side table kept by row.
fn by_row<T>(table: &[(u32, T)], i: usize) -> Option<&T> {
    let i = u32::try_from(i).ok()?;
    let at = table.binary_search_by_key(&i, |e| e.0).ok()?;
    Some(&table[at].1)
}

// Row flags.
const VALUE: u16 = 1;
const HIGH: u16 = 1 << 1;
const MASKED: u16 = 1 << 2;
const CANONICAL: u16 = 1 << 3;
const UNIT: u16 = 1 << 4;
const QUALIFIER: u16 = 1 << 5;
const YEAR: u16 = 1 << 6;
/// The quote is a piece of `strings`, not of the text.
const QUOTE_COPY: u16 = 1 << 7;
/// (A change's flags are `VALUE`, `HIGH`, `MASKED` and this.)
const BASIS: u16 = 1 << 8;
/// The name is a piece of the text (it is written so in the quote), not of `strings`.
const NAME_IN_TEXT: u16 = 1 << 9;
/// The row has a change (in `changes`).
const CHANGE: u16 = 1 << 10;
/// The row's fields are in `wide`.
const WIDE: u16 = 1 << 11;

/// The bits of those that are on.
fn flags_of(bits: &[(bool, u16)]) -> u16 {
    bits.iter()
        .filter(|(on, _)| *on)
        .fold(0, |f, (_, bit)| f | bit)
}

/// Builds `strings`, each distinct string once (a table of pieces of the text built so far,
/// so strings need not outlive the build).
#[derive(Default)]
struct Strings {
    text: String,
    seen: hashbrown::HashTable<Piece>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Piece {
        use std::hash::BuildHasher;
        let hash = |s: &str| rustc_hash::FxBuildHasher.hash_one(s);
        let text = &self.text;
        let h = hash(s);
        if let Some(&p) = self.seen.find(h, |p| text.get(p.range()) == Some(s)) {
            return p;
        }
        let start = narrow(self.text.len());
        self.text.push_str(s);
        let p = Piece {
            start,
            end: narrow(self.text.len()),
        };
        let text = &self.text;
        self.seen
            .insert_unique(h, p, |p| hash(text.get(p.range()).unwrap_or_default()));
        p
    }
}

/// The byte offset where `name` first occurs in `quote`, as [`PackedBuilder`] holds a name
/// that is a piece of its quote. (By bytes: a UTF-8 needle only matches at char boundaries.
/// `str::find` set up a two-way searcher per figure, a seventh of the warm loader's work; and
/// `memmem::find` sets up its own searcher per call, most of its cost on a sentence.)
pub fn name_in_quote(quote: &str, name: &str) -> Option<usize> {
    let (q, n) = (quote.as_bytes(), name.as_bytes());
    // A sentence: where its first byte is, compared on. (A long quote, a paragraph without a
    // `。`, gets the searcher, whose set-up then pays.)
    match n.split_first() {
        Some((&first, rest)) if q.len() <= SHORT_QUOTE => {
            memchr::memchr_iter(first, q).find(|&i| q[i + 1..].starts_with(rest))
        }
        _ => memchr::memmem::find(q, n),
    }
}

/// Quotes up to this many bytes are searched for their name without a searcher set up.
const SHORT_QUOTE: usize = 1024;

impl Packed {
    /// Pack `rows`, the figures of `report` (as [`super::extract`] gives them). Lossless for
    /// rows that name `report` (their `report` field is its source) and whose offsets and
    /// paragraph numbers are below 4 Gi, as every report's are.
    pub fn new(report: &crate::Report, rows: &[Indicator]) -> Packed {
        let mut b = PackedBuilder::new(&report.source, &report.text, rows.len());
        for r in rows {
            // A new run of section titles holds the row's own, shared (its panel rows hold it
            // too), rather than a copy.
            b.push_sharing(r.figure(), Some(&r.section), None);
        }
        b.finish()
    }

    /// The section titles of a run of figures equal to `titles`, to share rather than copy.
    /// Looked for among the few runs from `*from` on, and `*from` left at the run found: asked
    /// in text order, each is found at once, and a miss costs little (no search of every run).
    pub fn shared_section(&self, titles: &[String], from: &mut usize) -> Option<Arc<[String]>> {
        const WINDOW: usize = 64;
        let runs = self.sections.get(*from..).unwrap_or_default();
        let i = runs.iter().take(WINDOW).position(|s| **s == *titles)?;
        *from += i;
        Some(runs[i].clone())
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Figure `i`, borrowed. Panics when `i` is out of range, as indexing does.
    pub fn figure(&self, i: usize) -> FigureRef<'_> {
        let r = &self.rows[i];
        let w = self.fields(i);
        let on = |f: u16| r.flags & f != 0;
        let s = |p: Piece| self.strings.get(p.range()).unwrap_or_default();
        let atom = |f: u16, a: u32| {
            on(f).then(|| s(self.atoms.get(a as usize).copied().unwrap_or_default()))
        };
        let quote = if on(QUOTE_COPY) {
            s(r.quote)
        } else {
            self.text.get(r.quote.range()).unwrap_or_default()
        };
        FigureRef {
            report: &self.report,
            section: self
                .sections
                .get(w.section as usize)
                .map_or(&[][..], |s| &s[..]),
            name: if on(NAME_IN_TEXT) {
                self.text.get(r.name.range()).unwrap_or_default()
            } else {
                s(r.name)
            },
            canonical: atom(CANONICAL, w.canonical),
            value: on(VALUE).then_some(r.value),
            masked: on(MASKED),
            unit: atom(UNIT, w.unit),
            change: self.change(i).map(|c| {
                let on = |f: u16| c.flags & f != 0;
                let atom = |a: u32| s(self.atoms.get(a as usize).copied().unwrap_or_default());
                ChangeRef {
                    value: on(VALUE).then_some(c.value),
                    unit: atom(c.unit),
                    masked: on(MASKED),
                    basis: on(BASIS).then(|| atom(c.basis)),
                    high: on(HIGH).then_some(c.high),
                }
            }),
            kind: r.kind,
            qualifier: atom(QUALIFIER, w.qualifier),
            quote,
            offset: r.offset as usize,
            year: on(YEAR).then_some(w.year),
            span: w.span,
            measure: r.measure,
            high: on(HIGH).then(|| by_row(&self.highs, i).copied()).flatten(),
            paragraph: r.paragraph as usize,
        }
    }

    /// Row `i`'s fields at full width.
    fn fields(&self, i: usize) -> Fields {
        let r = &self.rows[i];
        if r.flags & WIDE != 0 {
            return by_row(&self.wide, i).copied().unwrap_or_default();
        }
        Fields {
            canonical: r.canonical.into(),
            unit: r.unit.into(),
            qualifier: r.qualifier.into(),
            section: r.section.into(),
            year: r.year.into(),
            span: r.span.into(),
        }
    }

    /// Row `i`'s change.
    fn change(&self, i: usize) -> Option<&PackedChange> {
        if self.rows[i].flags & CHANGE == 0 {
            return None;
        }
        let i = u32::try_from(i).ok()?;
        let at = self.changes.binary_search_by_key(&i, |c| c.row).ok()?;
        self.changes.get(at)
    }

    /// Every figure, borrowed, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = FigureRef<'_>> + '_ {
        (0..self.len()).map(|i| self.figure(i))
    }

    /// The paragraph figure `i` is in.
    pub fn paragraph(&self, i: usize) -> usize {
        self.rows[i].paragraph as usize
    }

    /// Whether figure `i` is a core indicator (has a canonical name).
    pub fn is_core(&self, i: usize) -> bool {
        self.rows[i].flags & CANONICAL != 0
    }

    /// Figure `i` as an [`Indicator`] of its own (its report name, section path and quote
    /// shared with the other figures of the report).
    pub fn get(&self, i: usize) -> Indicator {
        let f = self.figure(i);
        let r = &self.rows[i];
        Indicator {
            report: self.report.clone(),
            section: self
                .sections
                .get(self.fields(i).section as usize)
                .cloned()
                .unwrap_or_else(|| Arc::from(Vec::new())),
            name: f.name.to_string(),
            canonical: f.canonical.map(Arc::from),
            value: f.value,
            masked: f.masked,
            unit: f.unit.map(Arc::from),
            change: f.change.map(|c| Box::new(c.to_change())),
            kind: f.kind,
            qualifier: f.qualifier.map(str::to_string),
            quote: if r.flags & QUOTE_COPY != 0 {
                SharedStr::from(f.quote)
            } else {
                SharedStr::slice(&self.text, r.quote.range())
            },
            offset: f.offset,
            year: f.year,
            span: f.span,
            measure: f.measure,
            high: f.high,
            paragraph: f.paragraph,
        }
    }

    /// Every figure as an [`Indicator`] of its own.
    pub fn to_vec(&self) -> Vec<Indicator> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

/// Packs figures one at a time ([`Packed::new`] packs a slice): for a reader that has them
/// borrowed one by one, such as the TUI's report cache.
pub struct PackedBuilder {
    report: Arc<str>,
    text: Arc<str>,
    rows: Vec<Row>,
    strings: Strings,
    atoms: Vec<Piece>,
    /// Each atom's index by its piece.
    atom_of: rustc_hash::FxHashMap<(u32, u32), u32>,
    changes: Vec<PackedChange>,
    highs: Vec<(u32, f64)>,
    wide: Vec<(u32, Fields)>,
    sections: Vec<Arc<[String]>>,
}

impl PackedBuilder {
    /// For the figures of the report named `source` whose text is `text` (its `Report::text`),
    /// about `capacity` of them.
    pub fn new(source: &str, text: &Arc<str>, capacity: usize) -> PackedBuilder {
        PackedBuilder {
            report: source.into(),
            text: text.clone(),
            rows: Vec::with_capacity(capacity),
            strings: Strings::default(),
            atoms: Vec::new(),
            atom_of: Default::default(),
            changes: Vec::new(),
            highs: Vec::new(),
            wide: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Add a figure. Its `report` is taken to be the report's source; a quote that is a piece
    /// of the report's text (the same `str` in memory) is held as its range.
    pub fn push(&mut self, f: FigureRef<'_>) {
        self.push_sharing(f, None, None);
    }

    /// [`PackedBuilder::push`] for a figure whose name's place in its quote is known (from
    /// [`name_in_quote`], worked out before): `name_at` is its byte offset there, or `None`
    /// when the name is not in the quote. The same result without searching the quote (a reader
    /// of stored figures packs a million of them); an offset where the name is not is searched
    /// again.
    pub fn push_with_name_at(&mut self, f: FigureRef<'_>, name_at: Option<usize>) {
        self.push_sharing(f, None, Some(name_at));
    }

    /// [`PackedBuilder::push`], a new run of section titles holding `section` (equal to
    /// `f.section`) when given rather than a copy, and the name's place in the quote when
    /// known (see [`PackedBuilder::push_with_name_at`]).
    fn push_sharing(
        &mut self,
        f: FigureRef<'_>,
        section: Option<&Arc<[String]>>,
        name_at: Option<Option<usize>>,
    ) {
        let mut flags = flags_of(&[
            (f.value.is_some(), VALUE),
            (f.high.is_some(), HIGH),
            (f.masked, MASKED),
            (f.canonical.is_some(), CANONICAL),
            (f.unit.is_some(), UNIT),
            (f.qualifier.is_some(), QUALIFIER),
            (f.year.is_some(), YEAR),
            (f.change.is_some(), CHANGE),
        ]);
        let row = narrow(self.rows.len());
        let quote = match range_in(&self.text, f.quote) {
            Some(q) => Piece {
                start: narrow(q.start),
                end: narrow(q.end),
            },
            None => {
                flags |= QUOTE_COPY;
                self.strings.add(f.quote)
            }
        };
        // Most names are written in the sentence as they are: a range of the text then.
        let at = match name_at {
            Some(None) => None,
            Some(Some(at))
                if f.quote
                    .as_bytes()
                    .get(at..)
                    .is_some_and(|q| q.starts_with(f.name.as_bytes())) =>
            {
                Some(at)
            }
            _ => name_in_quote(f.quote, f.name),
        };
        let name = match at {
            Some(at) if flags & QUOTE_COPY == 0 && !f.name.is_empty() => {
                flags |= NAME_IN_TEXT;
                let start = quote.start.saturating_add(narrow(at));
                Piece {
                    start,
                    end: start.saturating_add(narrow(f.name.len())),
                }
            }
            _ => self.strings.add(f.name),
        };
        // The figures of a paragraph share its section path: one per run.
        if self.sections.last().is_none_or(|s| **s != *f.section) {
            self.sections
                .push(section.map_or_else(|| f.section.into(), Arc::clone));
        }
        if let Some(c) = f.change {
            let flags = flags_of(&[
                (c.value.is_some(), VALUE),
                (c.high.is_some(), HIGH),
                (c.masked, MASKED),
                (c.basis.is_some(), BASIS),
            ]);
            let packed = PackedChange {
                value: c.value.unwrap_or_default(),
                high: c.high.unwrap_or_default(),
                row,
                unit: self.atom(Some(c.unit)),
                basis: self.atom(c.basis),
                flags,
            };
            self.changes.push(packed);
        }
        if let Some(h) = f.high {
            self.highs.push((row, h));
        }
        let fields = Fields {
            canonical: self.atom(f.canonical),
            unit: self.atom(f.unit),
            qualifier: self.atom(f.qualifier),
            section: narrow(self.sections.len() - 1),
            year: f.year.unwrap_or_default(),
            span: f.span,
        };
        let narrowed = fields.narrow();
        let (canonical, unit, qualifier, section, year, span) = narrowed.unwrap_or_default();
        if narrowed.is_none() {
            flags |= WIDE;
            self.wide.push((row, fields));
        }
        self.rows.push(Row {
            value: f.value.unwrap_or_default(),
            name,
            quote,
            offset: narrow(f.offset),
            paragraph: narrow(f.paragraph),
            canonical,
            unit,
            qualifier,
            section,
            year,
            span,
            flags,
            kind: f.kind,
            measure: f.measure,
        });
    }

    /// The index of `s` among the atoms (0 for `None`, whose flag is off).
    fn atom(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s else {
            return 0;
        };
        let p = self.strings.add(s);
        let next = narrow(self.atoms.len());
        let i = *self.atom_of.entry((p.start, p.end)).or_insert(next);
        if i == next {
            self.atoms.push(p);
        }
        i
    }

    pub fn finish(self) -> Packed {
        Packed {
            report: self.report,
            text: self.text,
            rows: self.rows.into(),
            strings: self.strings.text.into(),
            atoms: self.atoms.into(),
            changes: self.changes.into(),
            highs: self.highs.into(),
            wide: self.wide.into(),
            sections: self.sections.into(),
        }
    }
}

/// The range of `text` that `piece` is, when it is a slice of that very string in memory.
fn range_in(text: &str, piece: &str) -> Option<Range<usize>> {
    let start = (piece.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + piece.len();
    (end <= text.len()).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::super::Change;
    use super::*;
    use crate::load::from_text;

    proptest::proptest! {
        /// The name is found where `memmem` finds it, in quotes short and long, of Chinese and
        /// ASCII (lead bytes shared by many chars).
        #[test]
        fn a_name_is_found_where_memmem_finds_it(
            quote in "[增长长增5%a。]{0,40}",
            name in "[增长5a]{0,3}",
            long in proptest::bool::ANY,
        ) {
            let quote = if long { quote.repeat(40) } else { quote };
            proptest::prop_assert_eq!(
                name_in_quote(&quote, &name),
                memchr::memmem::find(quote.as_bytes(), name.as_bytes())
            );
        }
    }

    /// A report of our own with figures of every shape: levels, changes with a basis and a
    /// range, masked figures, qualifiers, targets, a period, sections.
    const TEXT: &str = "一、2023年工作回顾\n\
        全县地区生产总值102.5亿元，比上年增长6%；一般公共预算收入xx亿元，增长5%—5.5%。\n\
        (一)民生\n\
        城镇居民人均可支配收入4.2万元以上，增长7%左右；城镇调查失业率控制在5.5%以内。\n\
        五年来，全县固定资产投资年均增长9.1%，累计完成投资1200余亿元。\n\
        二、2024年工作安排\n\
        今年主要预期目标是：地区生产总值增长6%左右，粮食产量稳定在30万吨以上。";

    #[test]
    fn packs_and_unpacks_every_row_as_it_was() {
        let r = from_text("示例县2024年政府工作报告.txt", TEXT, "UTF-8");
        let rows = super::super::extract(&r);
        assert!(rows.len() >= 8, "{rows:#?}");
        assert!(rows.iter().any(|x| x.change.is_some()));
        assert!(rows.iter().any(|x| x.qualifier.is_some()));
        assert!(rows.iter().any(|x| x.masked));
        assert!(rows.iter().any(|x| x.canonical.is_none()));
        let p = Packed::new(&r, &rows);
        assert_eq!(p.len(), rows.len());
        assert_eq!(p.to_vec(), rows);
        for (i, x) in rows.iter().enumerate() {
            assert_eq!(p.figure(i), x.figure());
            assert_eq!(p.paragraph(i), x.paragraph);
            assert_eq!(p.is_core(i), x.canonical.is_some());
            // Quotes stay pieces of the report's text.
            assert!(p.get(i).quote.range_in(&r.text).is_some());
        }
        assert!(p.iter().eq(rows.iter().map(Indicator::figure)));
    }

    /// A name's known place in its quote packs as searching for it does; a wrong place is
    /// searched again, and a name said not to be there is copied, with the same row back.
    #[test]
    fn a_known_name_place_packs_as_a_search_does() {
        // The name is written twice in the sentence: the first place is the one held.
        let r = from_text(
            "县.txt",
            "全县粮食产量1.2万吨，粮食产量居全市第一。",
            "UTF-8",
        );
        let rows = super::super::extract(&r);
        let x = rows
            .iter()
            .find(|x| x.name == "粮食产量")
            .unwrap_or_else(|| panic!("{rows:#?}"));
        let quote: &str = &x.quote;
        let first = name_in_quote(quote, &x.name).expect("the name is in its quote");
        let after = first + x.name.len();
        let second = after + name_in_quote(&quote[after..], &x.name).expect("twice");
        let pack = |at: Option<Option<usize>>| {
            let mut b = PackedBuilder::new(&r.source, &r.text, 1);
            match at {
                None => b.push(x.figure()),
                Some(at) => b.push_with_name_at(x.figure(), at),
            }
            b.finish()
        };
        let searched = pack(None);
        assert_eq!(searched.to_vec(), vec![x.clone()]);
        assert_eq!(
            format!("{:?}", pack(Some(Some(first)))),
            format!("{searched:?}")
        );
        // Not the name's place (inside a char, past the end): searched again.
        for wrong in [first + 1, quote.len() + 5] {
            assert_eq!(
                format!("{:?}", pack(Some(Some(wrong)))),
                format!("{searched:?}")
            );
        }
        // Its second place is a piece of the text too: the same row, another range.
        let later = pack(Some(Some(second)));
        assert_eq!(later.to_vec(), vec![x.clone()]);
        assert_ne!(format!("{later:?}"), format!("{searched:?}"));
        // Said not to be there: copied, the same row.
        let copied = pack(Some(None));
        assert_eq!(copied.to_vec(), vec![x.clone()]);
        assert_ne!(format!("{copied:?}"), format!("{searched:?}"));
    }

    #[test]
    fn rows_made_by_hand_round_trip_too() {
        let r = from_text("乡.txt", "全乡粮食产量1.2万吨。", "UTF-8");
        let mut rows = super::super::extract(&r);
        assert!(!rows.is_empty());
        let mut odd = rows[0].clone();
        // A quote that is not a piece of the text, no section, every option absent.
        odd.quote = SharedStr::from("另写的一句话");
        odd.section = Arc::from(Vec::new());
        odd.canonical = None;
        odd.value = None;
        odd.high = None;
        odd.unit = None;
        odd.qualifier = None;
        odd.year = None;
        odd.change = None;
        odd.masked = true;
        rows.push(odd.clone());
        // Every option present, a change with all its parts, odd numbers.
        odd.value = Some(-0.0);
        odd.high = Some(f64::MAX);
        odd.year = Some(0);
        odd.qualifier = Some("以上".into());
        odd.unit = Some("亿元".into());
        odd.change = Some(Box::new(Change {
            value: Some(-3.25),
            unit: "个百分点".into(),
            masked: false,
            basis: Some("比上年".into()),
            high: Some(1.0),
        }));
        rows.push(odd);
        let p = Packed::new(&r, &rows);
        let back = p.to_vec();
        assert_eq!(back, rows);
        assert_eq!(back[2].value.map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert!(Packed::new(&r, &[]).is_empty());
    }

    #[test]
    fn numbers_too_wide_for_a_row_round_trip() {
        let r = from_text("乡.txt", "全乡粮食产量1.2万吨，增长3%。", "UTF-8");
        let first = super::super::extract(&r);
        assert!(first[0].change.is_some(), "{first:#?}");
        // More distinct qualifiers and section paths than 16 bits number, then years and
        // spans out of 16 bits: every later row is wide, and each keeps its change and range.
        let n = 70_000;
        let rows: Vec<Indicator> = (0..n)
            .map(|i| {
                let mut x = first[0].clone();
                x.qualifier = Some(format!("约{i}"));
                x.section = Arc::from(vec![format!("第{i}节")]);
                x.high = (i % 3 == 0).then_some(i as f64);
                if i % 5 == 0 {
                    x.change = None;
                }
                if i + 2 >= n {
                    x.year = Some(if i % 2 == 0 { 40_000 } else { -40_000 });
                    x.span = 70_000;
                }
                x
            })
            .collect();
        let p = Packed::new(&r, &rows);
        assert!(p.wide.len() > 4_000, "{}", p.wide.len());
        assert_eq!(p.to_vec(), rows);
        assert_eq!(p.figure(n - 1).span, 70_000);
        assert_eq!(p.figure(n - 2).year, Some(40_000));
    }

    #[test]
    fn a_row_stays_small() {
        // A pile holds a million: every 8 bytes here is 8 MB there.
        assert!(
            std::mem::size_of::<Row>() <= 48,
            "{}",
            std::mem::size_of::<Row>()
        );
    }

    #[test]
    fn strings_are_held_once() {
        let r = from_text("县.txt", TEXT, "UTF-8");
        let rows = super::super::extract(&r);
        let p = Packed::new(&r, &rows);
        let distinct: std::collections::HashSet<&str> = rows
            .iter()
            .flat_map(|x| {
                // A name written in its sentence is a range of the text.
                let named_apart = !x.quote.contains(x.name.as_str());
                [
                    named_apart.then_some(x.name.as_str()),
                    x.canonical.as_deref(),
                    x.unit.as_deref(),
                ]
            })
            .chain(rows.iter().map(|x| x.qualifier.as_deref()))
            .chain(rows.iter().flat_map(|x| {
                let c = x.change.as_deref();
                [
                    c.map(|c| c.unit.as_str()),
                    c.and_then(|c| c.basis.as_deref()),
                ]
            }))
            .flatten()
            .collect();
        let once: usize = distinct.iter().map(|s| s.len()).sum();
        assert_eq!(p.strings.len(), once);
        // Most names are in their sentences.
        let in_text = rows.iter().filter(|x| x.quote.contains(x.name.as_str()));
        assert!(in_text.count() * 2 > rows.len());
    }
}
