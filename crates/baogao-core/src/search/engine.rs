//! Matching: a compiled query (one [`FoldFinder`] per word) run over a *haystack*, the display
//! text of many paragraphs joined by `\n`, matched as if it were folded.
//!
//! Query terms never contain `\n`, so a match never crosses a paragraph. The scan is driven by one
//! positive clause, the one that looks rarest: its words are searched over the whole haystack,
//! and each paragraph they land in is checked against the full query. After a hit the scan jumps
//! to the next paragraph, so a common word costs no more than one pass.

use super::fold_find::FoldFinder;
use super::query::{Clause, Query};

/// A query ready to run: finders for every word.
#[derive(Clone)]
pub(crate) struct Compiled {
    clauses: Vec<CClause>,
    /// Index of the clause that drives the scan (a positive one).
    driver: usize,
    /// For each alternative of the driver clause, the word the scan looks for.
    driver_words: Vec<usize>,
}

#[derive(Clone)]
struct CClause {
    negated: bool,
    alts: Vec<Vec<FoldFinder>>,
}

/// Sampling the haystack to pick the driver only pays off on big haystacks.
const SAMPLE_MIN: usize = 1 << 20;
const SAMPLE_CHUNK: usize = 1 << 16;
const SAMPLE_CHUNKS: usize = 8;

impl Compiled {
    pub(crate) fn new(query: &Query, hay: &[u8]) -> Compiled {
        let clauses: Vec<CClause> = query.clauses.iter().map(compile_clause).collect();
        let driver = pick_driver(&query.clauses, &clauses, hay);
        let driver_words = clauses[driver]
            .alts
            .iter()
            .map(|a| driver_word(a, hay))
            .collect();
        Compiled {
            clauses,
            driver,
            driver_words,
        }
    }

    /// Does the text of one paragraph match?
    pub(crate) fn matches(&self, para: &[u8]) -> bool {
        self.clauses.iter().all(|c| {
            let sat = c.alts.iter().any(|a| alt_ok(a, para));
            sat != c.negated
        })
    }

    /// Byte spans of all highlights in a matching paragraph: sorted, overlaps merged.
    pub(crate) fn byte_spans(&self, para: &[u8]) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        for c in self.clauses.iter().filter(|c| !c.negated) {
            for a in c.alts.iter().filter(|a| alt_ok(a, para)) {
                for f in a {
                    spans.extend(f.find_iter(para));
                }
            }
        }
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// Char spans of all highlights in a matching paragraph (empty when it does not match).
    pub(crate) fn char_spans(&self, para: &[u8]) -> Vec<(usize, usize)> {
        if !self.matches(para) {
            return Vec::new();
        }
        to_char_spans(para, &self.byte_spans(para))
    }

    /// The lazily advancing scan over a haystack (it owns the compiled query; see
    /// [`Scan::compiled`]).
    pub(crate) fn into_scan(self, hay: Hay<'_>) -> Scan<'_> {
        let cursors = self
            .driver_words
            .iter()
            .map(|&word| Cursor {
                word,
                pos: 0,
                next: None,
                done: false,
            })
            .collect();
        Scan {
            compiled: self,
            hay,
            cursors,
            from_para: 0,
        }
    }
}

fn compile_clause(c: &Clause) -> CClause {
    CClause {
        negated: c.negated,
        alts: c
            .alts
            .iter()
            .map(|a| a.words.iter().map(|w| FoldFinder::new(w)).collect())
            .collect(),
    }
}

fn alt_ok(alt: &[FoldFinder], para: &[u8]) -> bool {
    alt.iter().all(|f| f.is_in(para))
}

/// Occurrences of `f` in a sample of `hay`; for a small haystack, a guess from the needle's
/// length instead (longer is rarer).
fn sample_count(f: &FoldFinder, hay: &[u8]) -> usize {
    if hay.len() < SAMPLE_MIN {
        // Small: longer needles are rarer; no pass over the text.
        return usize::MAX / 4 - f.needle_len();
    }
    let step = hay.len() / SAMPLE_CHUNKS;
    (0..SAMPLE_CHUNKS)
        .map(|i| {
            let s = i * step;
            f.find_iter(&hay[s..(s + SAMPLE_CHUNK).min(hay.len())])
                .count()
        })
        .sum()
}

/// The word of an alternative that the scan looks for (the rarest one), as an index.
fn driver_word(alt: &[FoldFinder], hay: &[u8]) -> usize {
    if alt.len() == 1 {
        return 0;
    }
    (0..alt.len())
        .min_by_key(|&i| sample_count(&alt[i], hay))
        .unwrap_or(0)
}

fn pick_driver(raw: &[Clause], clauses: &[CClause], hay: &[u8]) -> usize {
    let positives: Vec<usize> = (0..raw.len()).filter(|&i| !raw[i].negated).collect();
    if positives.len() == 1 {
        return positives[0];
    }
    let cost = |i: usize| -> usize {
        clauses[i]
            .alts
            .iter()
            .map(|a| a.iter().map(|f| sample_count(f, hay)).min().unwrap_or(0))
            .fold(0usize, |acc, c| acc.saturating_add(c))
    };
    positives
        .into_iter()
        .min_by_key(|&i| cost(i))
        .expect("a query has a positive clause")
}

/// Byte spans in `text` (in order) → char spans. An offset past the text counts as its end, and
/// one before the offset before it as that offset (spans of a damaged entry never panic).
pub(crate) fn to_char_spans(text: &[u8], spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut count_to = |b: usize| {
        let b = b.clamp(byte, text.len());
        chars += text[byte..b]
            .iter()
            .filter(|&&x| (x & 0xC0) != 0x80)
            .count();
        byte = b;
        chars
    };
    for &(s, e) in spans {
        let cs = count_to(s);
        let ce = count_to(e);
        out.push((cs, ce));
    }
    out
}

/// Paragraphs in one text: paragraph `i` is `text[starts[i] .. starts[i+1] - 1]` (the byte
/// before the next start is the `\n` separator; `starts` has one entry more than paragraphs).
#[derive(Clone, Copy)]
pub(crate) struct Hay<'a> {
    pub text: &'a [u8],
    pub starts: &'a [usize],
}

impl<'a> Hay<'a> {
    pub(crate) fn paragraphs(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn paragraph(&self, i: usize) -> &'a [u8] {
        let end = (self.starts[i + 1] - 1).min(self.text.len());
        &self.text[self.starts[i]..end]
    }

    fn paragraph_of(&self, byte: usize, from: usize) -> usize {
        from + self.starts[from..].partition_point(|&s| s <= byte) - 1
    }
}

struct Cursor {
    /// The driver word of the alternative with the same index.
    word: usize,
    pos: usize,
    next: Option<usize>,
    done: bool,
}

/// Matching paragraph indices of a haystack, in order, found as the iterator is advanced.
pub(crate) struct Scan<'a> {
    compiled: Compiled,
    hay: Hay<'a>,
    cursors: Vec<Cursor>,
    /// Paragraphs before this one have been yielded or rejected.
    from_para: usize,
}

impl Scan<'_> {
    pub(crate) fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The next paragraph (≥ `from_para`) where the driver clause's words occur.
    fn next_candidate(&mut self) -> Option<usize> {
        let hay = self.hay;
        let from = self.from_para;
        let alts = &self.compiled.clauses[self.compiled.driver].alts;
        for (c, alt) in self.cursors.iter_mut().zip(alts) {
            if c.done || c.next.is_some_and(|n| n >= from) {
                continue;
            }
            let start = c.pos.max(hay.starts[from]);
            match alt[c.word].find_from(hay.text, start) {
                Some((at, _)) => {
                    let p = hay.paragraph_of(at, from);
                    c.next = Some(p);
                    c.pos = hay.starts[p + 1];
                }
                None => {
                    c.done = true;
                    c.next = None;
                }
            }
        }
        self.cursors.iter().filter_map(|c| c.next).min()
    }
}

impl Iterator for Scan<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.from_para < self.hay.paragraphs() {
            let p = self.next_candidate()?;
            self.from_para = p + 1;
            if self.compiled().matches(self.hay.paragraph(p)) {
                return Some(p);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_count_wide_chars() {
        let t = "全年gdp增长6%";
        let at = t.find("gdp").unwrap();
        assert_eq!(to_char_spans(t.as_bytes(), &[(at, at + 3)]), vec![(2, 5)]);
    }

    #[test]
    fn scan_finds_each_matching_paragraph_once() {
        let text = "乡村振兴乡村振兴\n无关\n产业与乡村振兴\n乡村";
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        starts.push(text.len() + 1);
        let found = |query: &str| -> Vec<usize> {
            let q = Query::parse(query, false).unwrap();
            Compiled::new(&q, text.as_bytes())
                .into_scan(Hay {
                    text: text.as_bytes(),
                    starts: &starts,
                })
                .collect()
        };
        assert_eq!(found("乡村振兴"), vec![0, 2]);
        assert_eq!(found("乡村|无关 -产业"), vec![0, 1, 3]);
    }
}
