//! Keyword filter engine: query language ([`query`]), exact match spans, word mode, and a
//! [`SearchIndex`] fast enough to re-run on every keystroke.
//!
//! Entry points:
//! - [`Query::parse`] — the query language is documented in [`query`]; [`QUERY_HELP`] is the
//!   short form for help screens.
//! - [`search`] — every matching paragraph of every report, with spans (simple; collects all).
//! - [`match_spans`] — the spans of a query in any text.
//! - [`SearchIndex`] — built once over `&[Report]` (one folded copy of all paragraphs plus their
//!   boundaries); [`SearchIndex::run`] gives [`Results`] (total, per-report and per-section counts,
//!   the matching paragraphs) in one pass without computing spans; [`SearchIndex::hits`] yields
//!   hits with spans lazily, so the first screen is ready before the scan has finished.
//!
//! Spans are **char** offsets into the paragraph's display text (folding is char-for-char, so they
//! are the same in the folded view), ordered and non-overlapping.

mod engine;
pub mod query;

pub use query::{Query, QueryError, QUERY_HELP};

use crate::report::Report;
use engine::{Compiled, Hay};

/// A matching paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the report in the slice searched.
    pub report: usize,
    /// Index of the paragraph in the report.
    pub paragraph: usize,
    /// Match spans as char offsets into the paragraph text, non-overlapping, ordered.
    pub spans: Vec<(usize, usize)>,
}

/// Spans of the query's positive terms in any text (char offsets); empty when it does not match.
/// Matching ignores case and full/half width:
///
/// ```
/// use baogao_core::search::{match_spans, Query};
/// let q = Query::parse("GDP|生产总值", false).unwrap();
/// assert_eq!(match_spans(&q, "ＧＤＰ增长5%"), vec![(0, 3)]);
/// ```
pub fn match_spans(query: &Query, text: &str) -> Vec<(usize, usize)> {
    let folded = crate::fold::fold(text);
    Compiled::new(query, b"").char_spans(folded.as_bytes())
}

/// Paragraph starts in a report's folded text (plus the end sentinel), as [`Hay`] wants them.
fn report_starts(report: &Report) -> Vec<usize> {
    let mut starts: Vec<usize> = report
        .paragraphs
        .iter()
        .map(|p| report.folded.folded_byte(p.char_start))
        .collect();
    starts.push(report.folded.text.len() + 1);
    starts
}

/// The matching paragraphs of one report, with spans; `Hit::report` is set to `report_index`.
pub fn search_report(report: &Report, report_index: usize, query: &Query) -> Vec<Hit> {
    let starts = report_starts(report);
    search_paragraphs(report.folded.text.as_bytes(), &starts, query)
        .into_iter()
        .map(|mut h| {
            h.report = report_index;
            h
        })
        .collect()
}

/// The low-level scan under [`search_report`], for callers holding folded text without a
/// [`Report`]: paragraph `i` is `folded[starts[i] .. starts[i+1] - 1]` (one separator byte, `\n`,
/// before each next start; `starts` has one entry more than there are paragraphs). Hits have
/// `report` 0. Starts that are not increasing or lie outside the text give no hits.
pub fn search_paragraphs(folded: &[u8], starts: &[usize], query: &Query) -> Vec<Hit> {
    let valid = starts.windows(2).all(|w| w[0] < w[1])
        && starts.iter().rev().skip(1).all(|&s| s <= folded.len())
        && starts.last().is_none_or(|&e| e <= folded.len() + 1);
    if !valid || starts.len() < 2 {
        return Vec::new();
    }
    let hay = Hay {
        text: folded,
        starts,
    };
    let mut scan = Compiled::new(query, hay.text).into_scan(hay);
    let mut hits = Vec::new();
    while let Some(p) = scan.next() {
        let para = hay.paragraph(p);
        hits.push(Hit {
            report: 0,
            paragraph: p,
            spans: engine::to_char_spans(para, &scan.compiled().byte_spans(para)),
        });
    }
    hits
}

/// All matching paragraphs of all reports, in report and paragraph order.
pub fn search(reports: &[Report], query: &Query) -> Vec<Hit> {
    reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| search_report(r, i, query))
        .collect()
}

/// The folded text of many reports in one buffer, for fast repeated queries.
///
/// Build it once after loading (it copies the folded text: about as many bytes as the reports'
/// text) and keep it next to the reports; it holds no reference to them. Report and paragraph
/// indices are those of the slice it was built from.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Every paragraph's folded text followed by `\n`.
    text: String,
    /// Global paragraph starts in `text`, plus the end.
    starts: Vec<usize>,
    /// First global paragraph of each report, plus the total.
    report_first: Vec<usize>,
}

/// The index of no reports (a derived default would lack the end sentinels `new` adds).
impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex::new(&[])
    }
}

impl SearchIndex {
    ///
    /// ```
    /// use baogao_core::search::{Query, SearchIndex};
    /// let reports = vec![
    ///     baogao_core::load::from_text("a.txt", "一、回顾\n乡村振兴扎实推进。\n二、安排\n产业升级。", "UTF-8"),
    ///     baogao_core::load::from_text("b.txt", "全面推进乡村振兴。", "UTF-8"),
    /// ];
    /// let index = SearchIndex::new(&reports);
    /// let results = index.run(&Query::parse("乡村振兴", false).unwrap());
    /// assert_eq!(results.len(), 2);
    /// assert_eq!(results.report_count(), 2);
    /// ```
    pub fn new(reports: &[Report]) -> SearchIndex {
        let bytes: usize = reports.iter().map(|r| r.folded.text.len() + 1).sum();
        let paras: usize = reports.iter().map(|r| r.paragraphs.len()).sum();
        let mut text = String::with_capacity(bytes);
        let mut starts = Vec::with_capacity(paras + 1);
        let mut report_first = Vec::with_capacity(reports.len() + 1);
        for r in reports {
            report_first.push(starts.len());
            for i in 0..r.paragraphs.len() {
                starts.push(text.len());
                text.push_str(r.paragraph_folded(i));
                text.push('\n');
            }
        }
        starts.push(text.len());
        report_first.push(starts.len() - 1);
        SearchIndex {
            text,
            starts,
            report_first,
        }
    }

    /// Number of reports indexed.
    pub fn reports(&self) -> usize {
        self.report_first.len() - 1
    }

    /// Bytes of folded text held.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    fn hay(&self) -> Hay<'_> {
        Hay {
            text: self.text.as_bytes(),
            starts: &self.starts,
        }
    }

    fn locate(&self, global: usize) -> (usize, usize) {
        let r = self.report_first.partition_point(|&f| f <= global) - 1;
        (r, global - self.report_first[r])
    }

    /// The folded text of one paragraph (`None` if out of range).
    pub fn paragraph_folded(&self, report: usize, paragraph: usize) -> Option<&str> {
        let first = *self.report_first.get(report)?;
        let end = *self.report_first.get(report + 1)?;
        let g = first + paragraph;
        (g < end).then(|| &self.text[self.starts[g]..self.starts[g + 1] - 1])
    }

    /// All matching paragraphs, without spans: one scan, after which counts are free.
    pub fn run(&self, query: &Query) -> Results {
        let scan = Compiled::new(query, self.text.as_bytes()).into_scan(self.hay());
        let mut matches = Vec::new();
        let mut r = 0;
        for g in scan {
            while self.report_first[r + 1] <= g {
                r += 1;
            }
            matches.push((r as u32, (g - self.report_first[r]) as u32));
        }
        Results {
            query: query.clone(),
            matches,
        }
    }

    /// Hits with spans, found lazily in report and paragraph order: `index.hits(&q).take(50)`
    /// stops scanning after the 50th.
    pub fn hits<'a>(&'a self, query: &Query) -> impl Iterator<Item = Hit> + 'a {
        let hay = self.hay();
        let mut scan = Compiled::new(query, self.text.as_bytes()).into_scan(hay);
        std::iter::from_fn(move || {
            let p = scan.next()?;
            let para = hay.paragraph(p);
            let (report, paragraph) = self.locate(p);
            Some(Hit {
                report,
                paragraph,
                spans: engine::to_char_spans(para, &scan.compiled().byte_spans(para)),
            })
        })
    }

    /// Spans of `query` in one paragraph (empty when it does not match or is out of range).
    pub fn spans(&self, query: &Query, report: usize, paragraph: usize) -> Vec<(usize, usize)> {
        match self.paragraph_folded(report, paragraph) {
            Some(p) => Compiled::new(query, b"").char_spans(p.as_bytes()),
            None => Vec::new(),
        }
    }
}

/// The outcome of [`SearchIndex::run`]: matching `(report, paragraph)` pairs in order.
#[derive(Debug, Clone)]
pub struct Results {
    query: Query,
    matches: Vec<(u32, u32)>,
}

impl Results {
    /// Total matching paragraphs.
    pub fn len(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The query these results answer.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// All matches as `(report, paragraph)`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.matches.iter().map(|&(r, p)| (r as usize, p as usize))
    }

    fn range_of(&self, report: usize) -> std::ops::Range<usize> {
        let r = report as u32;
        let a = self.matches.partition_point(|m| m.0 < r);
        let b = self.matches.partition_point(|m| m.0 <= r);
        a..b
    }

    /// Matching paragraphs of one report, in order.
    pub fn paragraphs_of(&self, report: usize) -> impl Iterator<Item = usize> + '_ {
        self.matches[self.range_of(report)]
            .iter()
            .map(|m| m.1 as usize)
    }

    /// Number of matching paragraphs in one report.
    pub fn count_in(&self, report: usize) -> usize {
        self.range_of(report).len()
    }

    /// `(report, matching paragraphs)` for every report with at least one match, in order.
    pub fn report_counts(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &(r, _) in &self.matches {
            match out.last_mut() {
                Some((lr, n)) if *lr == r as usize => *n += 1,
                _ => out.push((r as usize, 1)),
            }
        }
        out
    }

    /// Number of reports with at least one match.
    pub fn report_count(&self) -> usize {
        self.report_counts().len()
    }

    /// For one report (`report` is its index, `r` the report itself): the number of matching
    /// paragraphs under each of its sections, sub-sections included (indexed like `r.sections`).
    pub fn section_counts(&self, report: usize, r: &Report) -> Vec<usize> {
        let paras: Vec<usize> = self.paragraphs_of(report).collect();
        r.sections
            .iter()
            .map(|s| {
                let a = paras.partition_point(|&p| p < s.span.start);
                let b = paras.partition_point(|&p| p < s.span.end);
                b - a
            })
            .collect()
    }

    /// Hits with spans for one report (spans are computed here, for these paragraphs only).
    pub fn hits_for_report(&self, index: &SearchIndex, report: usize) -> Vec<Hit> {
        let compiled = Compiled::new(&self.query, b"");
        self.paragraphs_of(report)
            .map(|p| Hit {
                report,
                paragraph: p,
                spans: index
                    .paragraph_folded(report, p)
                    .map(|t| compiled.char_spans(t.as_bytes()))
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// All hits with spans, computed as the iterator advances.
    pub fn hits<'a>(&'a self, index: &'a SearchIndex) -> impl Iterator<Item = Hit> + 'a {
        let compiled = Compiled::new(&self.query, b"");
        self.iter().map(move |(report, paragraph)| Hit {
            report,
            paragraph,
            spans: index
                .paragraph_folded(report, paragraph)
                .map(|t| compiled.char_spans(t.as_bytes()))
                .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests;
