//! Keyword filter engine: query language ([`query`]), exact match spans, word mode, and a
//! [`SearchIndex`] fast enough to re-run on every keystroke.
//!
//! Entry points:
//! - [`Query::parse`] — the query language is documented in [`query`]; [`QUERY_HELP`] is the
//!   short form for help screens.
//! - [`search_report`] — every matching paragraph of one report, with spans (a plain scan).
//! - [`match_spans`] — the spans of a query in any text.
//! - [`SearchIndex`] — the paragraphs' text (shared with the reports) plus character and
//!   character-pair posting lists of its folded view, grown report by report ([`SearchIndex::add`]); [`SearchIndex::run`] gives
//!   [`Results`] (total, per-report and per-section counts, the matching paragraphs) from a few
//!   short lists, checking only candidate paragraphs; [`SearchIndex::refine`] narrows the
//!   previous results as a query grows; [`SearchIndex::hits`] adds spans lazily.
//! - [`Signature`] — a few bits that say when a query cannot match a text (a stored one lets
//!   `grep` skip reading most of a cached file for a rare term).
//! - [`background::SearchJob`] — a query on a worker thread, cancelled when dropped (a newer
//!   keystroke), so a search never blocks drawing.
//!
//! Matching is on the display text as if it were folded ([`crate::fold`]: no folded copy is
//! kept). Spans are **char** offsets into the paragraph's display text (folding is char-for-char,
//! so they are the same in the folded view), ordered and non-overlapping.

pub mod background;
mod engine;
mod fold_find;
mod index;
mod postings;
pub mod query;
pub mod signature;

pub use index::{IndexMemory, PostingsSaver, Results, SavedPostings, SearchIndex};
pub use postings::PostingStats;
pub use query::{Query, QueryError, QUERY_HELP};
pub use signature::Signature;

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
    Compiled::new(query, b"").char_spans(text.as_bytes())
}

/// Paragraph starts in a report's text (plus the end sentinel), as [`Hay`] wants them.
fn report_starts(report: &Report) -> Vec<usize> {
    let mut starts: Vec<usize> = report.paragraphs.iter().map(|p| p.range().start).collect();
    starts.push(report.text.len() + 1);
    starts
}

/// The matching paragraphs of one report, with spans; `Hit::report` is set to `report_index`.
pub fn search_report(report: &Report, report_index: usize, query: &Query) -> Vec<Hit> {
    let starts = report_starts(report);
    search_paragraphs(report.text.as_bytes(), &starts, query)
        .into_iter()
        .map(|mut h| {
            h.report = report_index;
            h
        })
        .collect()
}

/// The low-level scan under [`search_report`], for callers holding a report's text without a
/// [`Report`]: paragraph `i` is `text[starts[i] .. starts[i+1] - 1]` (one separator byte, `\n`,
/// before each next start; `starts` has one entry more than there are paragraphs). Hits have
/// `report` 0. Starts that are not increasing or lie outside the text give no hits.
pub fn search_paragraphs(text: &[u8], starts: &[usize], query: &Query) -> Vec<Hit> {
    paragraph_hits(text, starts, query, engine::to_char_spans)
}

/// [`search_paragraphs`] with each hit's spans as byte ranges of its paragraph (on char
/// boundaries, as the scan finds them): for a caller that prints slices of the text, which
/// would otherwise count chars twice, there and back. [`char_spans`] gives the char spans.
pub fn search_paragraphs_by_bytes(text: &[u8], starts: &[usize], query: &Query) -> Vec<Hit> {
    paragraph_hits(text, starts, query, |_, spans| spans.to_vec())
}

/// Byte spans of a paragraph's `text` (in order) as char spans (a span past the text ends with
/// it).
pub fn char_spans(text: &[u8], spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    engine::to_char_spans(text, spans)
}

fn paragraph_hits(
    text: &[u8],
    starts: &[usize],
    query: &Query,
    spans: impl Fn(&[u8], &[(usize, usize)]) -> Vec<(usize, usize)>,
) -> Vec<Hit> {
    let Some(hay) = paragraphs_hay(text, starts) else {
        return Vec::new();
    };
    let mut scan = Compiled::new(query, hay.text).into_scan(hay);
    let mut hits = Vec::new();
    while let Some(p) = scan.next() {
        let para = hay.paragraph(p);
        hits.push(Hit {
            report: 0,
            paragraph: p,
            spans: spans(para, &scan.compiled().byte_spans(para)),
        });
    }
    hits
}

/// How many paragraphs [`search_paragraphs`] gives, without making their spans (`grep -c`).
pub fn count_paragraphs(text: &[u8], starts: &[usize], query: &Query) -> usize {
    let Some(hay) = paragraphs_hay(text, starts) else {
        return 0;
    };
    let mut scan = Compiled::new(query, hay.text).into_scan(hay);
    let mut n = 0;
    while scan.next().is_some() {
        n += 1;
    }
    n
}

/// The paragraphs of [`search_paragraphs`], if `starts` are valid for `text`.
fn paragraphs_hay<'a>(text: &'a [u8], starts: &'a [usize]) -> Option<Hay<'a>> {
    let valid = starts.windows(2).all(|w| w[0] < w[1])
        && starts.iter().rev().skip(1).all(|&s| s <= text.len())
        && starts.last().is_none_or(|&e| e <= text.len() + 1);
    if !valid || starts.len() < 2 {
        return None;
    }
    // Text past the last paragraph's end (a damaged cache entry) belongs to no paragraph: a match
    // there must not be looked up.
    let end = starts
        .last()
        .map_or(0, |&e| e.saturating_sub(1))
        .min(text.len());
    Some(Hay {
        text: &text[..end],
        starts,
    })
}

#[cfg(test)]
mod tests;
