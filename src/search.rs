//! Keyword filter engine: query language, exact match spans, word mode.
//!
//! (Interface fixed for the CLI and the TUI; being built.)

use crate::report::Report;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("empty query")]
    Empty,
}

/// A parsed query.
#[derive(Debug, Clone)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Parse a query; `words` turns on jieba word mode.
    pub fn parse(input: &str, _words: bool) -> Result<Query, QueryError> {
        let terms: Vec<String> = input.split_whitespace().map(crate::fold::fold).collect();
        if terms.is_empty() {
            return Err(QueryError::Empty);
        }
        Ok(Query { terms })
    }
}

/// A matching paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub report: usize,
    pub paragraph: usize,
    /// Match spans as char offsets into the paragraph text, non-overlapping, ordered.
    pub spans: Vec<(usize, usize)>,
}

/// Spans of the query's positive terms in any text (char offsets); empty when it does not match.
pub fn match_spans(query: &Query, text: &str) -> Vec<(usize, usize)> {
    let folded = crate::fold::fold(text);
    let mut spans = Vec::new();
    for t in &query.terms {
        if !folded.contains(t.as_str()) {
            return Vec::new();
        }
        for (b, _) in folded.match_indices(t.as_str()) {
            let s = folded[..b].chars().count();
            spans.push((s, s + t.chars().count()));
        }
    }
    spans.sort();
    spans
}

/// All matching paragraphs of all reports, in report and paragraph order.
pub fn search(reports: &[Report], query: &Query) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (ri, r) in reports.iter().enumerate() {
        for pi in 0..r.paragraphs.len() {
            let spans = match_spans(query, r.paragraph_text(pi));
            if !spans.is_empty() {
                hits.push(Hit {
                    report: ri,
                    paragraph: pi,
                    spans,
                });
            }
        }
    }
    hits
}
