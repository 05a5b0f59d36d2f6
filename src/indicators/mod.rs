//! Indicator extraction: a report's figures as rows (name, value, unit, change, kind).
//!
//! - [`number`] reads figures (`６．１３万亿元`, `xx.x亿元`, `百亿元`, `6%-7%`, `1000余万元`);
//! - [`vocab`] knows the core indicators and their spellings;
//! - [`mention`] binds names to figures in a paragraph (`分别` lists, `其中`, `由…增加到…`);
//! - this module adds kind (actual / estimate / target), section, quote and offsets.
//!
//! Exactness first: a figure is given to a name only when nothing but cue words stands between
//! them; anything doubtful becomes a row without a canonical name instead.

pub mod cues;
pub mod mention;
mod names;
pub mod number;
pub mod vocab;

use crate::report::Report;
use mention::RawRow;
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
    pub report: String,
    pub section: Vec<String>,
    pub name: String,
    pub canonical: Option<String>,
    #[serde(serialize_with = "whole_as_integer")]
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
pub fn extract(report: &Report) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut f: Vec<char> = Vec::new();
    let mut d: Vec<char> = Vec::new();
    let section_kinds = section_kinds(report);
    // Paragraphs after a `…主要预期目标是:` line list targets.
    let mut target_run = 0usize;
    let mut target_section = None;
    for (pi, para) in report.paragraphs.iter().enumerate() {
        let folded = report.paragraph_folded(pi);
        if target_run > 0 && para.section != target_section {
            target_run = 0;
        }
        let listed_target = target_run > 0;
        target_run = target_run.saturating_sub(1);
        if opens_target_list(folded) {
            target_run = 10;
            target_section = para.section;
        }
        if !folded.bytes().any(|b| b.is_ascii_digit() || b == b'x') && !has_cn_numeral(folded) {
            continue;
        }
        f.clear();
        f.extend(folded.chars());
        d.clear();
        d.extend(report.paragraph_text(pi).chars());
        if f.len() != d.len() {
            continue;
        }
        let rows = mention::parse_paragraph(&f, &d);
        if rows.is_empty() {
            continue;
        }
        let section = report.section_titles(pi);
        let sec_kind = match para.section.and_then(|s| section_kinds[s]) {
            _ if listed_target => Some(Kind::Target),
            k => k,
        };
        for r in rows {
            out.push(finish(report, pi, &f, &d, r, &section, sec_kind));
        }
    }
    out
}

/// Whether a paragraph may hold a figure other than Arabic digits or `x` masks.
fn has_cn_numeral(s: &str) -> bool {
    s.contains(['百', '千', '点', '十', '×', '万', '亿', '倍'])
}

fn opens_target_list(folded: &str) -> bool {
    let t = folded.trim_end();
    (t.ends_with(':') || t.ends_with("是")) && cues::TARGET_CUES.iter().any(|c| t.contains(c))
}

/// Section kind from titles: the outermost title that says review or plan decides.
fn section_kinds(report: &Report) -> Vec<Option<Kind>> {
    let year = report.meta.year;
    let own = |title: &str| -> Option<Kind> {
        let t = crate::fold::fold(title);
        if cues::REVIEW_TITLES.iter().any(|w| t.contains(w)) {
            return Some(Kind::Actual);
        }
        if cues::TARGET_TITLES.iter().any(|w| t.contains(w)) {
            return Some(Kind::Target);
        }
        let y = title_year(&t)?;
        let ry = year?;
        Some(if y >= ry { Kind::Target } else { Kind::Actual })
    };
    let mut kinds: Vec<Option<Kind>> = Vec::with_capacity(report.sections.len());
    // A top-level part that says nothing itself, after the plan part, is one of the plan's tasks.
    let mut last_root = None;
    for (i, s) in report.sections.iter().enumerate() {
        // Parents come before children, so the parent's verdict is known.
        let parent = s.parent.and_then(|p| if p < i { kinds[p] } else { None });
        let mut k = parent.or_else(|| own(&s.title));
        if s.parent.is_none() {
            if k.is_none() && last_root == Some(Kind::Target) {
                k = last_root;
            }
            if k.is_some() {
                last_root = k;
            }
        }
        kinds.push(k);
    }
    kinds
}

fn title_year(t: &str) -> Option<i32> {
    let b = t.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let w = &b[i..i + 4];
        if w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' || w[0] == b'2')
            && b.get(i + 4) == Some(&0xe5)
        {
            std::str::from_utf8(w).ok()?.parse().ok()
        } else {
            None
        }
    })
}

/// Sentence bounds (`。` `!` `?`) around char `at`.
fn sentence(f: &[char], at: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '。' | '!' | '?');
    let mut s = at.min(f.len());
    while s > 0 && !is_end(f[s - 1]) {
        s -= 1;
    }
    let mut e = at.min(f.len());
    while e < f.len() && !is_end(f[e]) {
        e += 1;
    }
    (s, (e + 1).min(f.len()))
}

fn kind_of(f: &[char], r: &RawRow, sec_kind: Option<Kind>, year: Option<i32>) -> Kind {
    let first = r.first_figure();
    let (s, _) = sentence(f, first);
    let before = &f[s..first.min(f.len())];
    if cues::contains(before, "预计") {
        return Kind::Estimate;
    }
    if sec_kind == Some(Kind::Target) {
        return Kind::Target;
    }
    // In a review part only an explicit goal counts (`…年初确定的目标任务` does not).
    let words: &[&str] = if sec_kind == Some(Kind::Actual) {
        &["预期目标", "主要目标是", "目标是", "力争"]
    } else {
        cues::TARGET_CUES
    };
    let cue = words.iter().any(|c| match cues::find(before, c) {
        Some(p) => before.get(p + c.chars().count()) != Some(&'了'),
        None => false,
    });
    if cue || by_year(before, year) {
        return Kind::Target;
    }
    Kind::Actual
}

/// `到2025年,…` / `到20xx年`: a goal for a coming date. The `到` opens a clause (not
/// `增加到2007年的…`), and a written year must not be before the report's own year.
fn by_year(chars: &[char], report_year: Option<i32>) -> bool {
    (0..chars.len()).any(|i| {
        if chars[i] != '到' || chars.len() <= i + 5 || chars[i + 5] != '年' {
            return false;
        }
        let y = &chars[i + 1..i + 5];
        if y[0] != '2' || !y.iter().all(|c| c.is_ascii_digit() || *c == 'x') {
            return false;
        }
        let opens = i == 0
            || cues::is_punct(chars[i - 1])
            || ["力争", "计划", "预计", "争取", "确保"]
                .iter()
                .any(|w| cues::ends_with_at(chars, i, w));
        if !opens {
            return false;
        }
        let written: String = y.iter().collect();
        match (written.parse::<i32>(), report_year) {
            (Ok(w), Some(r)) => w >= r,
            _ => true,
        }
    })
}

/// The longest quote a row carries: the sentence, else its `;` segment, else its clauses.
const QUOTE_MAX: usize = 160;

/// Char range of the quote: the 。-sentence with the mention, narrowed to the `;` segment or
/// the `,` clauses from the name to the last figure when the sentence is long.
fn quote_range(f: &[char], r: &RawRow) -> (usize, usize) {
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
    let (s, _) = sentence(f, first);
    let (_, e) = sentence(f, last.saturating_sub(1).max(first));
    if e - s <= QUOTE_MAX {
        return (s, e);
    }
    let (ss, se) = r.segment;
    let (ss, se) = (ss.min(first), (se + 1).min(f.len()).max(last));
    if se - ss <= QUOTE_MAX {
        return (ss, se);
    }
    let is_clause_end = |c: char| matches!(c, ',' | ';' | '。' | '!' | '?' | ':');
    let mut a = first;
    while a > ss && !is_clause_end(f[a - 1]) {
        a -= 1;
    }
    let mut b = last;
    while b < se && !is_clause_end(f[b]) {
        b += 1;
    }
    (a, (b + 1).min(f.len()).min(se.max(last)))
}

fn finish(
    report: &Report,
    pi: usize,
    f: &[char],
    d: &[char],
    r: RawRow,
    section: &[String],
    sec_kind: Option<Kind>,
) -> Indicator {
    let kind = kind_of(f, &r, sec_kind, report.meta.year);
    let (qs, qe) = quote_range(f, &r);
    let quote: String = d[qs..qe].iter().collect::<String>().trim().to_string();
    let level = r.level.as_ref();
    let qualifier = level
        .and_then(|l| l.qualifier)
        .or_else(|| r.change.as_ref().and_then(|c| c.qualifier));
    Indicator {
        report: report.source.clone(),
        section: section.to_vec(),
        name: r.name.clone(),
        canonical: r.entry.map(|e| vocab::VOCAB[e].canonical.to_string()),
        value: level.and_then(|l| l.figure.value),
        masked: level.is_some_and(|l| l.figure.masked),
        unit: level.and_then(|l| l.figure.unit.clone()),
        change: r.change.as_ref().map(|c| Change {
            value: c.value,
            unit: c.unit.clone(),
            masked: c.masked,
            basis: c.basis.map(str::to_string),
        }),
        kind,
        qualifier: qualifier.map(str::to_string),
        quote,
        offset: report.paragraphs[pi].char_start + r.name_start,
        paragraph: pi,
    }
}

#[cfg(test)]
mod tests;
