//! Indicator extraction: a report's figures as rows (name, value, unit, change, kind).
//!
//! - [`number`] reads figures (`６．１３万亿元`, `xx.x亿元`, `百亿元`, `6%-7%`, `1000余万元`);
//! - [`vocab`] knows the core indicators and their spellings;
//! - `names` finds the names of a segment (scopes folded, sub-indicators and shares told apart);
//! - [`mention`] binds names to figures in a paragraph (`分别` lists, `其中`, `由…增加到…`);
//! - [`lexicon`] holds the names and cue words as data (`lexicon.json`, extended by a user file)
//!   and finds them all in one scan of a paragraph;
//! - [`cues`] holds the rules that read cue words around figures;
//! - [`Packed`] holds a report's figures compactly (a pile's worth at once), [`FigureRef`] is
//!   one figure borrowed, what tables read;
//! - `kind` tells actual, estimate and target; this module adds section, quote and offsets, and
//!   makes a goal said in the review (`完成了增长6%的目标`) a target of the year reviewed.
//!
//! A row holds one qualifier: the one written after its level, else its change's, else the one
//! written before its level (`不低于` and `不超过` read as 以上 and 以内, `突破` and `逾` as 超过,
//! `不到` and `低于` as 以下); `力争` is a kind cue, and a second figure is a row of its own.
//!
//! Exactness first: a figure is given to a name only when nothing but cue words stands between
//! them; anything doubtful becomes a row without a canonical name instead.

pub mod cues;
mod figure;
mod kind;
pub mod lexicon;
pub mod mention;
mod names;
pub mod number;
mod packed;
mod period;
mod table_rows;
pub mod vocab;

use crate::report::Report;
pub use crate::shared_str::SharedStr;
pub use figure::{ChangeRef, FigureRef};
use kind::{kind_of, opens_target_list, section_kinds, Marks};
use lexicon::{Group, Lexicon, Scan};
use mention::RawRow;
pub use packed::{name_in_quote, Packed, PackedBuilder};
use serde::Serialize;

/// JSON numbers as written: `102`, not `102.0`.
fn whole_as_integer<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A year-on-year (or other) change attached to a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    #[serde(serialize_with = "whole_as_integer")]
    pub value: Option<f64>,
    /// `%`, `个百分点` or `倍`.
    pub unit: String,
    pub masked: bool,
    /// What it is compared with, when the text says (`比上年`, `同比`, `年均`).
    pub basis: Option<String>,
    /// The upper end of a range (`增长5%—5.5%` → 5.5), else `None`.
    #[serde(serialize_with = "whole_as_integer")]
    pub high: Option<f64>,
}

/// What a row's figure measures: a change (`增长6%`) or an amount or rate (`38.6亿元`, `3.9%`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Growth,
    Level,
}

impl Measure {
    /// A row with a level figure measures that amount or rate; one with only a change, growth.
    pub fn of_row(has_level: bool) -> Measure {
        if has_level {
            Measure::Level
        } else {
            Measure::Growth
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Actual,
    Estimate,
    Target,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actual => "actual",
            Kind::Estimate => "estimate",
            Kind::Target => "target",
        }
    }
}

/// One indicator mention; serialises to the JSON contract of `baogao indicators`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The report's path as given; shared by the report's mentions.
    pub report: std::sync::Arc<str>,
    /// The titles of the sections holding the mention, from the top; shared by the mentions of
    /// one paragraph (a big pile holds a million of them).
    pub section: std::sync::Arc<[String]>,
    pub name: String,
    pub canonical: Option<std::sync::Arc<str>>,
    #[serde(serialize_with = "whole_as_integer")]
    pub value: Option<f64>,
    pub masked: bool,
    /// Shared by the report's figures of one unit (a pile holds a million figures and a few
    /// dozen units).
    pub unit: Option<std::sync::Arc<str>>,
    /// Boxed: about one figure in seven has a change, and a pile holds a million figures.
    pub change: Option<Box<Change>>,
    pub kind: Kind,
    pub qualifier: Option<String>,
    /// The sentence of the mention: a piece of the report's text, not a copy.
    pub quote: SharedStr,
    /// Char offset of the mention in `Report::text`.
    pub offset: usize,
    /// The year the figure describes (the report year for its plan, the year before for its
    /// review, a year the sentence names), `None` when unknown.
    pub year: Option<i32>,
    /// How many years the figure covers: 1, or the length of a period (`年均`, `累计`, `五年来`).
    pub span: u32,
    /// `level` when the row has an amount or rate, else `growth` (a change only).
    pub measure: Measure,
    /// The upper end of a range of the level figure, else `None`.
    #[serde(serialize_with = "whole_as_integer")]
    pub high: Option<f64>,
    /// Index of the paragraph holding the mention.
    #[serde(skip)]
    pub paragraph: usize,
}

/// Every figure of a report, in text order. Rows with `canonical` set are the core indicators;
/// the others carry a best-effort name. Uses the active lexicon ([`lexicon::active`]).
pub fn extract(report: &Report) -> Vec<Indicator> {
    extract_with(report, lexicon::active())
}

/// [`extract`] with a given lexicon (e.g. the built-in one extended by a user file).
pub fn extract_with(report: &Report, lex: &Lexicon) -> Vec<Indicator> {
    extract_scanning(report, lex, Scanned::FigureSentences)
}

/// What of a paragraph with figures the lexicon scan covers: the same rows either way (a test
/// holds the two to it).
#[derive(Clone, Copy, PartialEq)]
enum Scanned {
    /// The sentences holding figures ([`Scan::of_sentences`]).
    FigureSentences,
    /// The whole paragraph.
    #[cfg_attr(not(test), allow(dead_code))]
    Whole,
}

fn extract_scanning(report: &Report, lex: &Lexicon, scanned: Scanned) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut f: Vec<char> = Vec::new();
    let mut d: Vec<char> = Vec::new();
    let mut folded = String::new();
    let mut at: Vec<usize> = Vec::new();
    let section_kinds = section_kinds(lex, report);
    let source: std::sync::Arc<str> = report.source.as_str().into();
    // The columns of the statistical table being read, if any.
    let mut table: Option<table_rows::Columns> = None;
    // Paragraphs after a `…主要预期目标是:` line list targets.
    let mut target_run = 0usize;
    let mut target_section = None;
    // The titles of the last section with figures, and the time they name.
    type Titles = (std::sync::Arc<[String]>, Option<period::TitleTime>);
    let mut chain: Option<(Option<usize>, Titles)> = None;
    // A summary's title (`2023年工作总结`) dates its figures as an outermost section title would.
    let summary_title = report.meta.title.as_ref().filter(|t| {
        let t = crate::fold::fold(t);
        lex.mentions(Group::ReviewTitle, &t) && !lex.mentions(Group::TargetTitle, &t)
    });
    for (pi, para) in report.paragraphs.iter().enumerate() {
        folded.clear();
        crate::fold::fold_into(report.paragraph_text(pi), &mut folded);
        let folded = folded.as_str();
        if target_run > 0 && para.section() != target_section {
            target_run = 0;
        }
        let listed_target = target_run > 0;
        target_run = target_run.saturating_sub(1);
        if opens_target_list(lex, folded) {
            target_run = 10;
            target_section = para.section();
        }
        // A statistical table's rows are read by the columns its header names.
        match table_rows::cells(report.paragraph_text(pi)) {
            Some(cells) => {
                if let Some(columns) = table_rows::Columns::of_header(&cells) {
                    table = Some(columns);
                    continue;
                }
                let sec_kind = para.section().and_then(|s| section_kinds[s]);
                let title_year =
                    || match period::title_time(&report.section_titles(pi), report.meta.year) {
                        Some(period::TitleTime::Year(y)) => Some(y),
                        _ => None,
                    };
                let read = table.as_ref().and_then(|t| {
                    let at = table_rows::Place {
                        pi,
                        source: &source,
                        sec_kind,
                        title_year: title_year(),
                    };
                    t.read(lex, report, &at, &cells)
                });
                match read {
                    Some(rows) => {
                        out.extend(rows);
                        continue;
                    }
                    None => table = None,
                }
            }
            None => table = None,
        }
        if !folded.bytes().any(|b| b.is_ascii_digit() || b == b'x') && !has_cn_numeral(folded) {
            continue;
        }
        // The chars, and their folds (folding is char for char: `folded`'s chars), in one
        // decoding.
        f.clear();
        d.clear();
        for c in report.paragraph_text(pi).chars() {
            d.push(c);
            f.push(crate::fold::fold_char(c));
        }
        let figs = number::scan(&f, &d);
        if figs.is_empty() {
            continue;
        }
        let scan = match scanned {
            Scanned::FigureSentences => {
                at.clear();
                at.extend(figs.iter().flat_map(|g| [g.start, g.end.saturating_sub(1)]));
                at.sort_unstable();
                Scan::of_sentences(lex, folded, &f, &at)
            }
            Scanned::Whole => Scan::of_text(lex, folded),
        };
        let place = report.meta.place.as_deref();
        let mut rows = mention::parse_paragraph(&scan, &f, &d, &figs, place);
        if rows.is_empty() {
            continue;
        }
        // Text order of the mentions.
        rows.sort_by_key(|r| r.name_start.min(r.first_figure()));
        // Paragraphs of one section share its titles (as the report cache reads them back).
        let (section, title) = match &chain {
            Some((s, titles)) if *s == para.section() => titles.clone(),
            _ => {
                let titles: std::sync::Arc<[String]> = report.section_titles(pi).into();
                let dated: Vec<String> = summary_title
                    .into_iter()
                    .cloned()
                    .chain(titles.iter().cloned())
                    .collect();
                let title = period::title_time(&dated, report.meta.year);
                chain = Some((para.section(), (titles.clone(), title)));
                (titles, title)
            }
        };
        let sec_kind = match para.section().and_then(|s| section_kinds[s]) {
            _ if listed_target => Some(Kind::Target),
            k => k,
        };
        let para = Para {
            index: pi,
            scan: &scan,
            title,
            f: &f,
            bytes: byte_offsets(&d),
            marks: Marks::new(&scan, &f),
            section,
            source: source.clone(),
            sec_kind,
        };
        for r in rows {
            out.push(finish(report, lex, &para, r));
        }
    }
    share_units(&mut out);
    out
}

/// A report's figures of one unit share it (a report uses a dozen or so units).
fn share_units(rows: &mut [Indicator]) {
    let mut distinct: Vec<std::sync::Arc<str>> = Vec::new();
    for unit in rows.iter_mut().filter_map(|r| r.unit.as_mut()) {
        match distinct.iter().find(|u| **u == *unit) {
            Some(u) => *unit = u.clone(),
            // A report with odd units in every row keeps them unshared past a bound.
            None if distinct.len() < 64 => distinct.push(unit.clone()),
            None => {}
        }
    }
}

/// Chars `qs..qe` of paragraph `p`, trimmed, as a piece of the report's text (not a copy).
fn quote_in(report: &Report, p: &Para, qs: usize, qe: usize) -> SharedStr {
    let at = |i: usize| p.bytes.get(i).map_or(0, |&b| b as usize);
    let start = report.paragraphs[p.index].range().start + at(qs);
    let end = start + at(qe).saturating_sub(at(qs));
    let Some(piece) = report.text.get(start..end) else {
        return SharedStr::default();
    };
    let trimmed = piece.trim();
    let lead = piece.len() - piece.trim_start().len();
    SharedStr::slice(&report.text, start + lead..start + lead + trimmed.len())
}

/// The byte offset of each of the chars `d`, and of their end.
fn byte_offsets(d: &[char]) -> Vec<u32> {
    let mut out = Vec::with_capacity(d.len() + 1);
    let mut at = 0u32;
    out.push(at);
    for c in d {
        at = at.saturating_add(c.len_utf8() as u32);
        out.push(at);
    }
    out
}

/// Whether a paragraph may hold a figure other than Arabic digits or `x` masks.
fn has_cn_numeral(s: &str) -> bool {
    s.contains(['百', '千', '点', '十', '×', '万', '亿', '倍'])
}
/// The longest quote a row carries: the sentence, else its `;` segment, else its clauses.
const QUOTE_MAX: usize = 160;

/// Char range of the quote: the 。-sentence with the mention, narrowed to the `;` segment or
/// the `,` clauses from the name to the last figure when the sentence is long.
fn quote_range(f: &[char], marks: &Marks, r: &RawRow) -> (usize, usize) {
    let first = r.first_figure().min(r.name_start);
    let last = [
        r.level.as_ref().map(|l| l.figure.end),
        r.change.as_ref().map(|c| c.end),
        Some(r.name_start + 1),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(first)
    .min(f.len());
    let (s, _) = marks.sentence(first);
    let (_, e) = marks.sentence(last.saturating_sub(1).max(first));
    if e - s <= QUOTE_MAX {
        return (s, e);
    }
    let (ss, se) = r.segment;
    let (ss, se) = (ss.min(first), (se + 1).min(f.len()).max(last));
    if se - ss <= QUOTE_MAX {
        return (ss, se);
    }
    let is_clause_end = |c: char| matches!(c, ',' | ';' | '。' | '!' | '?' | ':');
    // Out to the clause marks, but no further than a window around the mention (text
    // without clause marks).
    let floor = ss.max(first.saturating_sub(QUOTE_MAX / 2));
    let mut a = first;
    while a > floor && !is_clause_end(f[a - 1]) {
        a -= 1;
    }
    let ceil = se.min(last + QUOTE_MAX / 2);
    let mut b = last;
    while b < ceil && !is_clause_end(f[b]) {
        b += 1;
    }
    (a, (b + 1).min(f.len()).min(se.max(last)))
}

/// One paragraph's views, for turning its raw rows into indicators.
struct Para<'a> {
    index: usize,
    scan: &'a Scan<'a>,
    /// The time the section titles name, if any.
    title: Option<period::TitleTime>,
    f: &'a [char],
    /// `bytes[i]`: the byte offset of display char `i` in the paragraph (one more entry), so a
    /// quote is placed without summing the chars before it (quadratic in a long paragraph).
    bytes: Vec<u32>,
    marks: Marks,
    section: std::sync::Arc<[String]>,
    /// The report's source, one allocation for all its mentions.
    source: std::sync::Arc<str>,
    sec_kind: Option<Kind>,
}

fn finish(report: &Report, lex: &Lexicon, p: &Para, r: RawRow) -> Indicator {
    let kind = kind_of(&p.marks, &r, p.sec_kind, report.meta.year);
    // Outside the plan, a figure said as a goal (`完成了增长6%的目标`) restates the target of the
    // year under review: a target of that year, never its result.
    let restated = match (p.sec_kind, kind) {
        (Some(Kind::Target), _) | (None, Kind::Target) => false,
        _ => [
            r.level.as_ref().map(|l| l.figure.end),
            r.change.as_ref().map(|c| c.end),
        ]
        .into_iter()
        .flatten()
        .any(|e| mention::goal_after(p.scan, p.f, e)),
    };
    let kind = if restated { Kind::Target } else { kind };
    let (qs, qe) = quote_range(p.f, &p.marks, &r);
    let quote = quote_in(report, p, qs, qe);
    let level = r.level.as_ref();
    // One qualifier a row: the level's written after it, else the change's, else the level's
    // written before it (`突破4700元,增长10%以上` keeps the change's `以上`: a bound written
    // before a level, often a round milestone, says less than one written after a figure).
    let qualifier = level
        .and_then(|l| l.figure.qualifier)
        .or_else(|| r.change.as_ref().and_then(|c| c.qualifier))
        .or_else(|| level.and_then(|l| l.qualifier));
    let end = [
        level.map(|l| l.figure.end),
        r.change.as_ref().map(|c| c.end),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(r.name_start)
    .min(p.f.len());
    let (year, span) = period::period(&period::At {
        f: p.f,
        sentence: p.marks.sentence(r.first_figure().min(r.name_start)).0,
        end,
        growth: level.is_none(),
        kind,
        sec_kind: p.sec_kind,
        report_year: report.meta.year,
        restated,
        title: p.title,
    });
    Indicator {
        report: p.source.clone(),
        section: p.section.clone(),
        name: r.name.clone(),
        canonical: r.entry.map(|e| lex.indicators()[e].canonical.clone()),
        value: level.and_then(|l| l.figure.value),
        masked: level.is_some_and(|l| l.figure.masked),
        unit: level.and_then(|l| l.figure.unit.as_deref()).map(Into::into),
        change: r.change.as_ref().map(|c| {
            Box::new(Change {
                value: c.value,
                unit: c.unit.clone(),
                masked: c.masked,
                basis: c.basis.clone(),
                high: c.high,
            })
        }),
        kind,
        qualifier: qualifier.map(str::to_string),
        year,
        span,
        measure: Measure::of_row(level.is_some()),
        high: level.and_then(|l| l.figure.high),
        quote,
        offset: report.paragraphs[p.index].char_start() + r.name_start,
        paragraph: p.index,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_scope;
