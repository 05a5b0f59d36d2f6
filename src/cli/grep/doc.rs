//! What `baogao grep` needs of a file's reports, as one flat buffer: for each report its source,
//! its text and paragraph ranges (what the search scans, matching as if folded, and what is
//! printed), the file line each paragraph starts on (plain text files) and the section chain of
//! each paragraph.
//!
//! Every search runs on this form, whether it was just built from loaded reports or read back from
//! the cache, so both give the same output by construction.
//!
//! Layout (little-endian): the cache's fixed header ([`crate::cache::Header`]), then *part 1*: the
//! texts' [`Signature`] (its length, its own XXH3-64, its bytes), the path, and per report its
//! source, paragraph tables, sections and text. (No folded copy is kept: the cache is about as big
//! as the texts, and a search reads each byte once.) Part 2 is empty.
//!
//! The signature comes first so that a search can read it alone and skip the rest when the query
//! cannot match ([`cannot_match`]): its checksum makes it trustworthy without the body's.

use baogao_core::search::{count_paragraphs, search_paragraphs_by_bytes, Query, Signature};
use baogao_core::Report;
use std::borrow::Cow;

fn put_u32(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u32).to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len());
    out.extend_from_slice(b);
}

/// Part 1 for the reports of one file (`path` is the key the entry is stored under), with their
/// texts' signature when `signed` (else an empty one, which rules nothing out).
/// Each report's `source` is stored as `sources[i]` when given (the part after the file name, so
/// that the entry serves the file under any spelling of its path), else whole.
pub fn encode(path: &str, reports: &[Report], sources: Option<&[&str]>, signed: bool) -> Vec<u8> {
    let mut p1 = Vec::new();
    let signature = if signed {
        Signature::of(reports.iter().map(|r| &*r.text)).to_bytes()
    } else {
        Vec::new()
    };
    put_u32(&mut p1, signature.len());
    p1.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&signature).to_le_bytes());
    p1.extend_from_slice(&signature);
    put_bytes(&mut p1, path.as_bytes());
    put_u32(&mut p1, reports.len());
    for (i, r) in reports.iter().enumerate() {
        let source = sources.and_then(|s| s.get(i)).copied().unwrap_or(&r.source);
        put_bytes(&mut p1, source.as_bytes());
        put_u32(&mut p1, r.paragraphs.len());
        for p in &r.paragraphs {
            put_u32(&mut p1, p.range().start);
            put_u32(&mut p1, p.range().end);
            put_u32(&mut p1, p.section().map_or(u32::MAX as usize, |s| s));
        }
        // File lines: a count (0 for formats without lines), then 0 for "not found" or the line.
        put_u32(&mut p1, r.source_lines.len());
        for l in &r.source_lines {
            put_u32(&mut p1, l.map_or(0, |l| l as usize));
        }
        put_u32(&mut p1, r.sections.len());
        for s in &r.sections {
            put_u32(&mut p1, s.parent().map_or(u32::MAX as usize, |s| s));
            put_bytes(&mut p1, s.label.as_deref().unwrap_or("").as_bytes());
            put_bytes(&mut p1, s.title.as_bytes());
        }
        put_bytes(&mut p1, r.text.as_bytes());
    }
    p1
}

/// Files whose text does not fit the 32-bit offsets of the format are never cached.
pub fn fits(reports: &[Report]) -> bool {
    reports.iter().map(|r| r.text.len()).sum::<usize>() < (u32::MAX / 2) as usize
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn u32(&mut self) -> Option<usize> {
        let v = self.b.get(self.at..self.at + 4)?;
        self.at += 4;
        Some(u32::from_le_bytes(v.try_into().ok()?) as usize)
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()?;
        let v = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(v)
    }

    fn str(&mut self) -> Option<&'a str> {
        simdutf8::basic::from_utf8(self.bytes()?).ok()
    }

    /// The next `n` records of `size` bytes, as one slice (decoded when used).
    fn records(&mut self, n: usize, size: usize) -> Option<&'a [u8]> {
        let len = n.checked_mul(size)?;
        let v = self.b.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(v)
    }
}

fn u32_at(b: &[u8], i: usize) -> Option<usize> {
    let v = b.get(i * 4..i * 4 + 4)?;
    Some(u32::from_le_bytes(v.try_into().ok()?) as usize)
}

/// A section of a parsed entry; its label and title are read (as UTF-8) only when a hit under
/// it is printed: a count reads none of them.
pub struct SectionView<'a> {
    parent: Option<usize>,
    label: &'a [u8],
    title: &'a [u8],
}

/// Text of an entry (written by us as UTF-8, checksummed; lossy only for a forged one),
/// validated with SIMD (std's check was a tenth of printing a search's matches).
fn entry_text(b: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(b) {
        Ok(s) => s.into(),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// One report of a parsed entry, borrowing part 1. What only printing needs (lines, sections'
/// text) stays in part 1 until a hit asks for it: a count reads none of it.
pub struct ReportView<'a> {
    pub source: String,
    /// Where each paragraph starts in `text`, and the end of the text plus one (the scan's form).
    starts: Vec<usize>,
    /// Display byte range and section of each paragraph: three u32 each.
    paras: &'a [u8],
    /// The file line each paragraph starts on (0: unknown), a u32 each; empty for formats
    /// without lines.
    lines: &'a [u8],
    sections: Vec<SectionView<'a>>,
    /// The paragraphs joined by `\n`.
    text: &'a [u8],
}

/// Bytes of part 1 before its signature's table.
const SIGNATURE_HEAD: usize = 12;

/// The bytes of part 1 that [`cannot_match`] needs at most: a search reads this much of an
/// entry first.
pub const PEEK: usize = SIGNATURE_HEAD + baogao_core::search::signature::MAX_BYTES;

/// The signature at the start of part 1 (or of its first bytes), if whole and intact.
fn signature(p1: &[u8]) -> Option<Signature> {
    let mut c = Cursor { b: p1, at: 0 };
    let len = c.u32()?;
    let sum = u64::from_le_bytes(c.records(1, 8)?.try_into().ok()?);
    let table = c.records(1, len)?;
    (xxhash_rust::xxh3::xxh3_64(table) == sum)
        .then(|| Signature::from_bytes(table))
        .flatten()
}

/// Can the entry whose part 1 starts with `prefix` be passed over without reading the rest? Only
/// when its signature is whole in `prefix`, intact, and says `query` cannot match any of its
/// reports.
pub fn cannot_match(prefix: &[u8], query: &Query) -> bool {
    signature(prefix).is_some_and(|s| !s.may_match(query))
}

/// Parse part 1; `None` if it is malformed (the caller then loads the file afresh).
pub fn parse(p1: &[u8]) -> Option<(String, Vec<ReportView<'_>>)> {
    let mut c = Cursor { b: p1, at: 0 };
    let len = c.u32()?;
    c.records(1, 8 + len)?;
    let path = c.str()?.to_owned();
    let n = c.u32()?;
    let mut reports = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let source = c.str()?.to_owned();
        let np = c.u32()?;
        if np > p1.len() {
            return None;
        }
        let paras = c.records(np, 12)?;
        let nl = c.u32()?;
        if nl != 0 && nl != np {
            return None;
        }
        let lines = c.records(nl, 4)?;
        let ns = c.u32()?;
        if ns > p1.len() {
            return None;
        }
        let mut sections = Vec::with_capacity(ns);
        for _ in 0..ns {
            let parent = c.u32()?;
            sections.push(SectionView {
                parent: (parent != u32::MAX as usize).then_some(parent),
                label: c.bytes()?,
                title: c.bytes()?,
            });
        }
        let text = c.bytes()?;
        let mut starts = (0..np)
            .map(|i| u32_at(paras, 3 * i))
            .collect::<Option<Vec<_>>>()?;
        starts.push(text.len() + 1);
        reports.push(ReportView {
            source,
            starts,
            paras,
            lines,
            sections,
            text,
        });
    }
    (c.at == p1.len()).then_some((path, reports))
}

/// One matching paragraph, with what printing needs: its text and titles borrowed from the
/// entry (a hit is printed while the entry is at hand).
#[derive(Debug)]
pub struct Found<'a> {
    pub paragraph: usize,
    /// The file line the paragraph starts on (plain text files).
    pub line: Option<u32>,
    pub text: Cow<'a, str>,
    /// The matches, as byte ranges of `text` (JSON gives them in chars).
    pub spans: Vec<(usize, usize)>,
    /// Section titles from the top (the JSON `section`).
    pub titles: Vec<Cow<'a, str>>,
    /// Section labels and titles from the top (the text heading).
    pub heading: Vec<String>,
}

/// The hits of one report.
#[derive(Debug)]
pub struct ReportHits<'a> {
    pub source: String,
    pub count: usize,
    pub hits: Vec<Found<'a>>,
    /// Paragraphs printed around the hits (`-C`), in order, none of them a hit.
    pub context: Vec<Found<'a>>,
}

/// Shortened section headings in the text output.
const HEADING_CHARS: usize = 24;

/// What a search gives of each hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    /// Only how many paragraphs match.
    Count,
    /// The hits' text, with their section titles (JSON) and shortened headings (text with
    /// headings) when asked: making both for every hit, printed or not, cost a warm search of
    /// a common word 7% of its CPU.
    Hits { titles: bool, headings: bool },
}

impl Print {
    /// Every part of each hit.
    pub const ALL: Print = Print::Hits {
        titles: true,
        headings: true,
    };
}

impl<'a> ReportView<'a> {
    /// Search, giving what `print` asks of each hit; `context` paragraphs before and after each
    /// hit come along.
    pub fn search(&self, query: &Query, print: Print, context: usize) -> ReportHits<'a> {
        let Print::Hits { titles, headings } = print else {
            return ReportHits {
                source: self.source.clone(),
                count: count_paragraphs(self.text, &self.starts, query),
                hits: Vec::new(),
                context: Vec::new(),
            };
        };
        let hits = search_paragraphs_by_bytes(self.text, &self.starts, query);
        let count = hits.len();
        let mut around = Vec::new();
        if context > 0 {
            let last = self.paras.len() / 12;
            let is_hit = |p: usize| hits.binary_search_by_key(&p, |h| h.paragraph).is_ok();
            let mut next = 0;
            for h in &hits {
                let from = h.paragraph.saturating_sub(context).max(next);
                let to = h
                    .paragraph
                    .saturating_add(context)
                    .saturating_add(1)
                    .min(last);
                around.extend((from..to).filter(|&p| !is_hit(p)));
                next = next.max(to);
            }
        }
        ReportHits {
            source: self.source.clone(),
            count,
            hits: hits
                .into_iter()
                .map(|h| self.paragraph(h.paragraph, h.spans, titles, headings))
                .collect(),
            context: around
                .into_iter()
                .map(|p| self.paragraph(p, Vec::new(), titles, headings))
                .collect(),
        }
    }

    /// Paragraph `p` with what printing needs (`spans`: its matches, none for context), its
    /// section titles and headings only when asked (else empty).
    pub fn paragraph(
        &self,
        p: usize,
        spans: Vec<(usize, usize)>,
        titles: bool,
        headings: bool,
    ) -> Found<'a> {
        let chain = if titles || headings {
            self.chain(p)
        } else {
            Vec::new()
        };
        Found {
            paragraph: p,
            line: u32_at(self.lines, p)
                .and_then(|l| u32::try_from(l).ok())
                .filter(|&l| l > 0),
            text: self.paragraph_text(p),
            spans,
            titles: chain
                .iter()
                .filter(|_| titles)
                .map(|&s| entry_text(self.sections[s].title))
                .collect(),
            heading: chain
                .iter()
                .filter(|_| headings)
                .map(|&s| {
                    let sec = &self.sections[s];
                    shorten(
                        &baogao_core::marker::heading_text(
                            &entry_text(sec.label),
                            &entry_text(sec.title),
                        ),
                        HEADING_CHARS,
                    )
                })
                .collect(),
        }
    }

    fn paragraph_text(&self, p: usize) -> Cow<'a, str> {
        let Some((s, e, _)) = self.para(p) else {
            return Cow::Borrowed("");
        };
        entry_text(self.text.get(s..e).unwrap_or_default())
    }

    /// Paragraph `p`'s display byte range and section.
    fn para(&self, p: usize) -> Option<(usize, usize, Option<usize>)> {
        let (s, e, sec) = (
            u32_at(self.paras, 3 * p)?,
            u32_at(self.paras, 3 * p + 1)?,
            u32_at(self.paras, 3 * p + 2)?,
        );
        Some((s, e, (sec != u32::MAX as usize).then_some(sec)))
    }

    /// Sections containing paragraph `p`, from the top (bounded, in case of a damaged entry).
    fn chain(&self, p: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = self.para(p).and_then(|x| x.2);
        while let Some(s) = cur.filter(|&s| s < self.sections.len()) {
            if chain.len() > self.sections.len() {
                break;
            }
            chain.push(s);
            cur = self.sections[s].parent;
        }
        chain.reverse();
        chain
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_gives_the_same_hits_as_the_report() {
        let r = baogao_core::load::load_bytes(
            "a.txt",
            "一、回顾\n全县ＧＤＰ增长，乡村振兴推进。\n\n（一）产业\n乡村振兴产业园建成。"
                .as_bytes(),
        )
        .remove(0)
        .expect("loads");
        let p1 = encode("a.txt", std::slice::from_ref(&r), None, true);
        let (path, views) = parse(&p1).expect("parses");
        assert_eq!(path, "a.txt");
        // Full-width letters and punctuation are matched folded, and spans count chars.
        let q = Query::parse("gdp增长,", false).unwrap();
        let got = views[0].search(&q, Print::ALL, 0);
        let chars = |f: &Found| baogao_core::search::char_spans(f.text.as_bytes(), &f.spans);
        assert_eq!((got.count, chars(&got.hits[0])), (1, vec![(2, 8)]));
        let q = Query::parse("乡村振兴", false).unwrap();
        let got = views[0].search(&q, Print::ALL, 0);
        let want = baogao_core::search::search_report(&r, 0, &q);
        assert_eq!(got.count, want.len());
        assert_eq!(views[0].search(&q, Print::Count, 0).count, want.len());
        for (g, w) in got.hits.iter().zip(&want) {
            assert_eq!(g.paragraph, w.paragraph);
            assert_eq!(chars(g), w.spans);
            assert_eq!(g.text, r.paragraph_text(w.paragraph));
            assert_eq!(g.titles, r.section_titles(w.paragraph));
            assert_eq!(g.line, r.source_line(w.paragraph));
        }
        assert_eq!(got.hits[1].heading, vec!["一、回顾", "(一)产业"]);
        // File lines survive the round trip (the blank line counts).
        assert_eq!(got.hits[0].line, Some(2));
        assert_eq!(got.hits[1].line, Some(5));
    }

    #[test]
    fn damaged_entries_do_not_parse() {
        let r = baogao_core::load::from_text("a.txt", "一、回顾\n乡村振兴。", "UTF-8");
        for signed in [false, true] {
            let p1 = encode("a.txt", std::slice::from_ref(&r), None, signed);
            for cut in [0, 3, p1.len() / 2, p1.len() - 1] {
                assert!(parse(&p1[..cut]).is_none());
            }
        }
    }

    #[test]
    fn only_a_whole_intact_signature_rules_a_query_out() {
        let r = baogao_core::load::from_text(
            "a.txt",
            "一、回顾\n全县ＧＤＰ增长，乡村振兴推进。",
            "UTF-8",
        );
        let q = |s: &str| Query::parse(s, false).unwrap();
        let p1 = encode("a.txt", std::slice::from_ref(&r), None, true);
        assert!(cannot_match(&p1, &q("碳达峰")));
        assert!(cannot_match(&p1[..PEEK.min(p1.len())], &q("碳达峰")));
        for may in ["乡村振兴", "gdp增长", "碳达峰|振兴", "振兴 -碳达峰"] {
            assert!(!cannot_match(&p1, &q(may)), "{may}");
        }
        // Cut inside the table, or any byte of it or its checksum changed: no answer.
        let table = SIGNATURE_HEAD + 128;
        assert!(!cannot_match(&p1[..table - 1], &q("碳达峰")));
        for at in [4, 11, 12, table - 1] {
            let mut bad = p1.clone();
            bad[at] ^= 0x01;
            assert!(!cannot_match(&bad, &q("碳达峰")), "byte {at}");
        }
        // Unsigned (not stored): nothing is ruled out, and it parses the same.
        let unsigned = encode("a.txt", std::slice::from_ref(&r), None, false);
        assert!(!cannot_match(&unsigned, &q("碳达峰")));
        let count = |p1: &[u8]| {
            parse(p1).unwrap().1[0]
                .search(&q("乡村振兴"), Print::Count, 0)
                .count
        };
        assert_eq!((count(&unsigned), count(&p1)), (1, 1));
    }
}
