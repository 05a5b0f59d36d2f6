//! The TUI's report cache: for each file opened, its parsed reports with their indicators and
//! panel rows, so that a pile opened before skips decoding, cleaning, outlining and indicator
//! extraction (~3 ms of CPU a file; a hit costs ~0.3 ms: decompressing, checking the texts are
//! UTF-8, taking the fields apart).
//!
//! A [`crate::cache::Store`] named `reports` (`~/.cache/baogao/reports`, or
//! `$BAOGAO_CACHE_DIR/reports`): its rules on validity (program build, the file's XXH3-128 content
//! hash, checksums), privacy (0700 directory, 0600 entries written through `O_EXCL` temporary
//! files) and size (least recently used entries go first) apply. The key also covers the user's
//! lexicon, which changes what is extracted. Bound: [`MAX_BYTES`] (1 GiB). Entries take about 0.9
//! of the files' bytes (the text compresses 1.5×; the figures' section titles come on top, their
//! quotes are ranges of the text), so the bound holds a pile of ~1.1 GB of reports: the 10,000-report pile of the
//! benchmarks (430 MB) twice over.
//!
//! An entry is one LZ4 block (`lz4_flex`, pure Rust; ~1.5× smaller and decompressed at ~2 GB/s,
//! zstd's better ratio cost three times as long to decompress) of a flat little-endian encoding
//! written field by field ([`encode`], [`decode`]): every struct is taken apart with an exhaustive
//! pattern, so a field added to `Report`, `Indicator` or `PanelRow` does not compile until it is
//! cached too. The serde derives of those types are their JSON contracts (fields skipped, whole
//! numbers written as integers) and would not round-trip. Sources are stored relative to the
//! file's name as given (`""`, or `#3` for a CSV row), as grep's entries are, so an entry serves
//! the file under any spelling of its path. Quotes (of figures, and of panel rows that share the
//! text) are stored as ranges of the text.

use crate::cache::{Kind, Store};
use baogao_core::indicators::{
    name_in_quote, Change, ChangeRef, FigureRef, Indicator, Kind as FigureKind, Measure, Packed,
    PackedBuilder, SharedStr,
};
use baogao_core::marker::MarkerKind;
use baogao_core::meta::{Level, Meta};
use baogao_core::panel::PanelRow;
use baogao_core::report::{Paragraph, Report, Section};

/// The report cache's size bound on disk.
pub const MAX_BYTES: u64 = 1 << 30;

pub(crate) const KIND: Kind = Kind {
    name: "reports",
    // 3: a panel row's quote is a range of the text when it is a piece of it. 4: a section's
    // direct paragraphs are not listed (they are counted from the paragraphs). 5: a panel row's
    // level is a code. 6: a figure's name in its quote is stored as its place there, and a
    // section path the same as the one before as a mark.
    format: 6,
    max_bytes: MAX_BYTES,
};

/// One report as the TUI takes it in.
pub type Loaded = (Report, Packed, Vec<PanelRow>);

/// The report cache: `Ok(None)` when there is none to use, `Err` naming a directory unfit for
/// use. Cheap (no sweep: the loader sweeps when it is done).
pub fn open() -> Result<Option<Store>, String> {
    Store::open(KIND, crate::lexicon_file::identity())
}

/// A decoded entry larger than this is refused (a file is at most `--max-size`, 64 MB by
/// default; its reports and figures are a few times that at most).
const MAX_RAW: usize = 1 << 31;

/// One report to encode, with its indicators and panel rows.
pub type ToStore<'a> = (&'a Report, &'a [Indicator], &'a [PanelRow]);

/// The entry (part 1) for [`encode`]d reports: compressed.
pub fn pack(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() / 2 + 16);
    out.extend_from_slice(&(raw.len() as u64).to_le_bytes());
    out.extend_from_slice(&lz4_flex::block::compress(raw));
    out
}

/// The reports of the file named `name` from its entry (part 1); `None` when it does not
/// decompress or decode, or its contents do not hold together.
pub fn from_entry(name: &str, part1: &[u8]) -> Option<Vec<Loaded>> {
    let (len, block) = part1.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    // LZ4 expands at most ~255 times: a larger claim is damage, not a size to allocate.
    if len > MAX_RAW || len > block.len().saturating_mul(255).saturating_add(64) {
        return None;
    }
    let raw = lz4_flex::block::decompress(block, len).ok()?;
    if raw.len() != len {
        return None;
    }
    decode(name, &raw)
}

struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }
    fn i32(&mut self, v: i32) {
        self.u32(v as u32);
    }
    fn f64(&mut self, v: f64) {
        // The bits: exact, NaN and -0 included.
        self.u64(v.to_bits());
    }
    fn bool(&mut self, v: bool) {
        self.u8(v as u8);
    }
    fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt<T>(&mut self, v: &Option<T>, put: impl FnOnce(&mut Self, &T)) {
        match v {
            None => self.u8(0),
            Some(x) => {
                self.u8(1);
                put(self, x);
            }
        }
    }
    fn opt_str<S: AsRef<str>>(&mut self, v: &Option<S>) {
        self.opt(v, |w, s| w.str(s.as_ref()));
    }
    /// A section path: `0` when it is the one written before in `prev` (figures and rows come
    /// in runs that share one; reading every title again was 7% of a warm load), else `1`
    /// and its titles.
    fn path<'s>(&mut self, prev: &mut Option<&'s [String]>, path: &'s [String]) {
        if *prev == Some(path) {
            self.u8(0);
        } else {
            self.u8(1);
            self.list(path, |w, s| w.str(s));
            *prev = Some(path);
        }
    }
    fn list<'v, T>(&mut self, v: &'v [T], mut put: impl FnMut(&mut Self, &'v T)) {
        self.usize(v.len());
        for x in v {
            put(self, x);
        }
    }
    /// The report's source when `s` is it (indicators and rows name their report), else `s`.
    fn source_or(&mut self, s: &str, source: &str) {
        if s == source {
            self.u8(0);
        } else {
            self.u8(1);
            self.str(s);
        }
    }
}

struct R<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn i32(&mut self) -> Option<i32> {
        Some(self.u32()? as i32)
    }
    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(self.u64()?))
    }
    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn str(&mut self) -> Option<String> {
        self.str_ref().map(str::to_owned)
    }
    /// A string, borrowed from the entry.
    fn str_ref(&mut self) -> Option<&'a str> {
        let n = self.usize()?;
        // SIMD validation: texts are most of an entry, and std's check took a tenth of a hit.
        simdutf8::basic::from_utf8(self.take(n)?).ok()
    }
    fn opt<T>(&mut self, get: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => get(self).map(Some),
            _ => None,
        }
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        self.opt(|r| r.str())
    }
    /// A list's length.
    fn count(&mut self) -> Option<usize> {
        let n = self.usize()?;
        // Every element takes at least a byte: a count beyond what is left is damage.
        (n <= self.b.len() - self.at).then_some(n)
    }
    fn list<T>(&mut self, mut get: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(get(self)?);
        }
        Some(v)
    }
    fn source_or(&mut self, source: &std::sync::Arc<str>) -> Option<std::sync::Arc<str>> {
        match self.u8()? {
            0 => Some(source.clone()),
            1 => self.str().map(Into::into),
            _ => None,
        }
    }
}

fn marker_code(k: MarkerKind) -> u8 {
    match k {
        MarkerKind::HanComma => 0,
        MarkerKind::HanParen => 1,
        MarkerKind::HanShi => 2,
        MarkerKind::Ordinal => 3,
        MarkerKind::Arabic => 4,
        MarkerKind::ArabicParen => 5,
        MarkerKind::Circled => 6,
        MarkerKind::Dash => 7,
        MarkerKind::Part => 8,
    }
}

fn marker_of(c: u8) -> Option<MarkerKind> {
    Some(match c {
        0 => MarkerKind::HanComma,
        1 => MarkerKind::HanParen,
        2 => MarkerKind::HanShi,
        3 => MarkerKind::Ordinal,
        4 => MarkerKind::Arabic,
        5 => MarkerKind::ArabicParen,
        6 => MarkerKind::Circled,
        7 => MarkerKind::Dash,
        8 => MarkerKind::Part,
        _ => return None,
    })
}

fn level_code(l: Level) -> u8 {
    match l {
        Level::National => 0,
        Level::Province => 1,
        Level::City => 2,
        Level::County => 3,
        Level::Township => 4,
    }
}

fn level_of(c: u8) -> Option<Level> {
    Some(match c {
        0 => Level::National,
        1 => Level::Province,
        2 => Level::City,
        3 => Level::County,
        4 => Level::Township,
        _ => return None,
    })
}

fn kind_code(k: FigureKind) -> u8 {
    match k {
        FigureKind::Actual => 0,
        FigureKind::Estimate => 1,
        FigureKind::Target => 2,
    }
}

fn kind_of(c: u8) -> Option<FigureKind> {
    Some(match c {
        0 => FigureKind::Actual,
        1 => FigureKind::Estimate,
        2 => FigureKind::Target,
        _ => return None,
    })
}

fn measure_code(m: Measure) -> u8 {
    match m {
        Measure::Growth => 0,
        Measure::Level => 1,
    }
}

fn measure_of(c: u8) -> Option<Measure> {
    Some(match c {
        0 => Measure::Growth,
        1 => Measure::Level,
        _ => return None,
    })
}

/// The flat encoding of the reports of the file named `name` (see the module doc); `None` when
/// one of them is not named after it (never seen: the loader names every report by its input).
pub fn encode(name: &str, loaded: &[ToStore]) -> Option<Vec<u8>> {
    let mut w = W(Vec::with_capacity(
        loaded.iter().map(|l| l.0.text.len()).sum::<usize>() * 5 / 4 + 64,
    ));
    w.usize(loaded.len());
    for &(r, indicators, rows) in loaded {
        let Report {
            source,
            encoding,
            meta,
            text,
            paragraphs,
            sections,
            source_lines,
        } = r;
        w.str(source.strip_prefix(name)?);
        // Quotes are stored as ranges of the text: one that is not a piece of it is not stored.
        if indicators.iter().any(|i| i.quote.range_in(text).is_none()) {
            return None;
        }
        w.str(encoding);
        let Meta {
            title,
            place,
            level,
            year,
            kind,
            date,
            speaker,
        } = meta;
        w.opt_str(title);
        w.opt_str(place);
        w.opt(level, |w, l| w.u8(level_code(*l)));
        w.opt(year, |w, y| w.i32(*y));
        w.opt_str(kind);
        w.opt_str(date);
        w.opt_str(speaker);
        w.str(text);
        w.list(paragraphs, |w, p| {
            let range = p.range();
            w.usize(range.start);
            w.usize(range.end);
            w.usize(p.char_start());
            w.opt(&p.section(), |w, s| w.usize(*s));
        });
        w.list(sections, |w, s| {
            let Section {
                level,
                label,
                title,
                kind,
                parent,
                children,
                heading,
                span,
            } = s;
            w.usize((*level).into());
            w.opt_str(label);
            w.str(title);
            w.opt(kind, |w, k| w.u8(marker_code(*k)));
            w.opt(parent, |w, p| w.usize(*p as usize));
            w.list(children, |w, c| w.usize(*c as usize));
            w.usize(*heading as usize);
            w.usize(span.start as usize);
            w.usize(span.end as usize);
        });
        w.list(source_lines, |w, l| w.opt(l, |w, l| w.u32(*l)));
        let mut prev = None;
        w.list(indicators, |w, i| {
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
            } = i;
            w.source_or(report, source);
            w.path(&mut prev, section);
            // A name in its quote is stored as its place there, so that reading the entry need
            // not search for it (see `PackedBuilder::push_with_name_at`).
            match name_in_quote(quote, name) {
                Some(at) => {
                    w.u8(1);
                    w.usize(at);
                    w.usize(name.len());
                }
                None => {
                    w.u8(0);
                    w.str(name);
                }
            }
            w.opt(canonical, |w, c| w.str(c));
            w.opt(value, |w, v| w.f64(*v));
            w.bool(*masked);
            w.opt_str(unit);
            w.opt(change, |w, c| {
                let Change {
                    value,
                    unit,
                    masked,
                    basis,
                    high,
                } = &**c;
                w.opt(value, |w, v| w.f64(*v));
                w.str(unit);
                w.bool(*masked);
                w.opt_str(basis);
                w.opt(high, |w, v| w.f64(*v));
            });
            w.u8(kind_code(*kind));
            w.opt_str(qualifier);
            // Where in the text (checked above).
            let q = quote.range_in(text).unwrap_or(0..0);
            w.usize(q.start);
            w.usize(q.end);
            w.usize(*offset);
            w.opt(year, |w, y| w.i32(*y));
            w.u32(*span);
            w.u8(measure_code(*measure));
            w.opt(high, |w, v| w.f64(*v));
            w.usize(*paragraph);
        });
        let mut prev = None;
        w.list(rows, |w, row| {
            let PanelRow {
                place,
                level,
                year,
                span,
                indicator,
                kind,
                measure,
                value,
                high,
                unit,
                qualifier,
                report,
                section,
                quote,
                offset,
                main_statement,
                written,
                restated,
            } = row;
            w.opt_str(place);
            w.opt(level, |w, l| w.u8(level_code(*l)));
            w.opt(year, |w, y| w.i32(*y));
            w.u32(*span);
            w.str(indicator);
            w.u8(kind_code(*kind));
            w.u8(measure_code(*measure));
            w.f64(*value);
            w.opt(high, |w, v| w.f64(*v));
            w.opt_str(unit);
            w.opt_str(qualifier);
            w.source_or(report, source);
            w.path(&mut prev, section);
            // A range of the text when the row shares it (the TUI's rows do), else the words.
            match quote.range_in(text) {
                Some(q) => {
                    w.u8(0);
                    w.usize(q.start);
                    w.usize(q.end);
                }
                None => {
                    w.u8(1);
                    w.str(quote);
                }
            }
            w.usize(*offset);
            w.bool(*main_statement);
            w.opt_str(written);
            w.bool(*restated);
        });
    }
    Some(w.0)
}

/// Read back what [`encode`] wrote, naming the reports after `name`.
fn decode(name: &str, raw: &[u8]) -> Option<Vec<Loaded>> {
    let mut r = R { b: raw, at: 0 };
    let out = r.list(|r| {
        let source = format!("{name}{}", r.str()?);
        // One allocation for the report's name in its indicators and rows, and one per distinct
        // string interned below (canonical names, units, the rows' quotes), as when extracted;
        // the indicators' quotes are ranges of the text.
        let shared: std::sync::Arc<str> = source.as_str().into();
        // (FxHash: the entry is our own, checksummed; SipHash was 4% of a warm load.)
        let mut strings: rustc_hash::FxHashSet<std::sync::Arc<str>> = Default::default();
        let mut intern = |q: String| -> std::sync::Arc<str> {
            match strings.get(q.as_str()) {
                Some(a) => a.clone(),
                None => {
                    let a: std::sync::Arc<str> = q.into();
                    strings.insert(a.clone());
                    a
                }
            }
        };
        let encoding = r.str()?;
        let meta = Meta {
            title: r.opt_str()?,
            place: r.opt_str()?,
            level: r.opt(|r| level_of(r.u8()?))?,
            year: r.opt(|r| r.i32())?,
            kind: r.opt_str()?,
            date: r.opt_str()?,
            speaker: r.opt_str()?,
        };
        let text: std::sync::Arc<str> = r.str()?.into();
        let paragraphs = r.list(|r| {
            let range = r.usize()?..r.usize()?;
            let char_start = r.usize()?;
            Some(Paragraph::new(range, char_start, r.opt(|r| r.usize())?))
        })?;
        // Numbers past a section's narrow fields are damage: the entry is refused.
        let index = |r: &mut R<'_>| u32::try_from(r.usize()?).ok();
        let sections = r.list(|r| {
            Some(Section {
                level: r.usize()?.try_into().ok()?,
                label: r.opt_str()?.map(Into::into),
                title: r.str()?.into(),
                kind: r.opt(|r| marker_of(r.u8()?))?,
                parent: r.opt(index)?,
                children: r.list(index)?.into(),
                heading: index(r)?,
                span: index(r)?..index(r)?,
            })
        })?;
        let source_lines = r.list(|r| r.opt(|r| r.u32()))?;
        // The figures go straight into the packed form the TUI holds (no `Indicator` each).
        let mut packed = PackedBuilder::new(&source, &text, 0);
        // The section path of the figures before (a run of figures shares one).
        // The section path of the figure before (none before the first).
        let mut path: Option<Vec<String>> = None;
        r.list(|r| {
            // Always the report's own name (see `encode`): nothing else to keep.
            r.source_or(&shared)?;
            // The path of the figure before, or a new one (see `W::path`).
            match r.u8()? {
                0 => {}
                1 => path = Some(r.list(|r| r.str())?),
                _ => return None,
            }
            let section = path.as_deref()?;
            // Where the name is in the quote, or the name (see `encode`); read once the quote is.
            let name = match r.u8()? {
                1 => Err((r.usize()?, r.usize()?)),
                0 => Ok(r.str_ref()?),
                _ => return None,
            };
            let canonical = r.opt(|r| r.str_ref())?;
            let value = r.opt(|r| r.f64())?;
            let masked = r.bool()?;
            let unit = r.opt(|r| r.str_ref())?;
            let change = r.opt(|r| {
                Some(ChangeRef {
                    value: r.opt(|r| r.f64())?,
                    unit: r.str_ref()?,
                    masked: r.bool()?,
                    basis: r.opt(|r| r.str_ref())?,
                    high: r.opt(|r| r.f64())?,
                })
            })?;
            let kind = kind_of(r.u8()?)?;
            let qualifier = r.opt(|r| r.str_ref())?;
            // A piece of the report's text (an empty one when the range is not of it: the
            // entry is our own and checksummed, so that is damage the checks let through).
            let quote = text.get(r.usize()?..r.usize()?).unwrap_or_default();
            let (name, name_at) = match name {
                Ok(name) => (name, None),
                // Damage the checksums let through (a place outside the quote) refuses the entry.
                Err((at, len)) => (quote.get(at..at.checked_add(len)?)?, Some(at)),
            };
            packed.push_with_name_at(
                FigureRef {
                    report: &source,
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
                    offset: r.usize()?,
                    year: r.opt(|r| r.i32())?,
                    span: r.u32()?,
                    measure: measure_of(r.u8()?)?,
                    high: r.opt(|r| r.f64())?,
                    paragraph: r.usize()?,
                },
                name_at,
            );
            Some(())
        })?;
        let indicators = packed.finish();
        // Panel rows share their section titles with the figures, as when extracted (else
        // equal neighbours get one allocation).
        let (mut run, mut last) = (0, None::<std::sync::Arc<[String]>>);
        let mut share = |titles: Vec<String>| -> std::sync::Arc<[String]> {
            if let Some(a) = indicators.shared_section(&titles, &mut run) {
                return a;
            }
            match &last {
                Some(a) if **a == titles[..] => a.clone(),
                _ => {
                    let a: std::sync::Arc<[String]> = titles.into();
                    last = Some(a.clone());
                    a
                }
            }
        };
        let mut prev_row: Option<std::sync::Arc<[String]>> = None;
        let rows = r.list(|r| {
            Some(PanelRow {
                place: r.opt(|r| r.str().map(&mut intern))?,
                level: r.opt(|r| level_of(r.u8()?))?,
                year: r.opt(|r| r.i32())?,
                span: r.u32()?,
                indicator: intern(r.str()?),
                kind: kind_of(r.u8()?)?,
                measure: measure_of(r.u8()?)?,
                value: r.f64()?,
                high: r.opt(|r| r.f64())?,
                unit: r.opt(|r| r.str().map(&mut intern))?,
                qualifier: r.opt_str()?,
                report: r.source_or(&shared)?,
                // The path of the row before (see `W::path`), or a new one.
                section: match (r.u8()?, &prev_row) {
                    (0, Some(p)) => std::sync::Arc::clone(p),
                    (1, _) => {
                        let p = share(r.list(|r| r.str())?);
                        prev_row = Some(std::sync::Arc::clone(&p));
                        p
                    }
                    _ => return None,
                },
                quote: match r.u8()? {
                    // Damage the checksums let through gives an empty quote, as for figures.
                    0 => SharedStr::slice(&text, r.usize()?..r.usize()?),
                    1 => intern(r.str()?).into(),
                    _ => return None,
                },
                offset: r.usize()?,
                main_statement: r.bool()?,
                written: r.opt_str()?,
                restated: r.bool()?,
            })
        })?;
        let report = Report {
            source,
            encoding,
            meta,
            text,
            paragraphs,
            sections,
            source_lines,
        };
        holds_together(&report, &indicators).then_some((report, indicators, rows))
    })?;
    (r.at == raw.len()).then_some(out)
}

/// Do the indices the TUI follows stay inside the report (so a damaged entry that slipped past
/// the checksums cannot make it index out of bounds)?
fn holds_together(r: &Report, indicators: &Packed) -> bool {
    let (paras, secs) = (r.paragraphs.len(), r.sections.len());
    // Paragraphs in text order, each knowing the char its text starts at.
    let (mut end, mut chars) = (0, 0);
    let paragraphs_ok = r.paragraphs.iter().all(|p| {
        let ok = p.range().start >= end
            && p.range().start <= p.range().end
            && r.text.is_char_boundary(p.range().start)
            && r.text.is_char_boundary(p.range().end)
            && p.section().is_none_or(|s| s < secs);
        if !ok {
            return false;
        }
        chars += r.text[end..p.range().start].chars().count();
        end = p.range().start;
        p.char_start() == chars
    });
    let total = chars + r.text[end..].chars().count();
    // A section's parent comes before it (as the outline builds them), so parents never cycle.
    paragraphs_ok
        && r.sections.iter().enumerate().all(|(i, s)| {
            s.parent().is_none_or(|p| p < i)
                && s.children().all(|c| c > i && c < secs)
                && s.heading() < paras
                && s.span.start <= s.span.end
                && s.span().end <= paras
        })
        && indicators
            .iter()
            .all(|i| i.paragraph < paras && i.offset <= total)
}

#[cfg(test)]
mod tests;

/// The fuzz target `report_cache`: the first byte picks what the rest is.
/// - 0: an entry as read from disk (LZ4 block and length): decoded, never trusted.
/// - 1: the raw encoding, compressed here, so the decoder itself meets arbitrary bytes.
/// - otherwise: report text, parsed, extracted, stored and read back, which must give exactly
///   what was stored.
///
/// Whatever decodes must hold together: every paragraph and section indexes its report's text.
#[doc(hidden)]
pub fn fuzz_entry(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let back = match mode {
        0 => from_entry("f.txt", rest),
        1 => from_entry("f.txt", &pack(rest)),
        _ => {
            let text = String::from_utf8_lossy(rest);
            let r = baogao_core::load::from_text("f.txt", &text, "UTF-8");
            let ind = baogao_core::indicators::extract(&r);
            let rows = baogao_core::panel::rows_sharing_text(&r, &ind);
            let fresh = [(r, ind, rows)];
            let items: Vec<ToStore> = fresh.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
            let Some(raw) = encode("f.txt", &items) else {
                return;
            };
            let back = from_entry("f.txt", &pack(&raw));
            let unpacked = back.as_ref().map(|v| {
                v.iter()
                    .map(|(r, i, p)| (r, i.to_vec(), p))
                    .collect::<Vec<_>>()
            });
            assert_eq!(
                format!("{unpacked:?}"),
                format!("{:?}", Some(&fresh)),
                "a stored report must read back exactly"
            );
            back
        }
    };
    for (r, ind, _) in back.iter().flatten() {
        for i in 0..r.paragraphs.len() {
            let _ = r.paragraph_text(i);
            let _ = r.paragraph_folded(i);
            let _ = r.section_titles(i);
        }
        for i in ind.iter() {
            assert!(i.offset <= r.text.chars().count());
        }
    }
}
