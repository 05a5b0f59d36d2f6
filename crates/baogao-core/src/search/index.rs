//! [`SearchIndex`]: the text of many reports plus character and character-pair posting lists of
//! its folded view ([`postings`](super::postings)), so that a query looks at a few short lists instead of
//! the whole text.
//!
//! How a query runs: every term maps to lists — a one-character term to that character's list,
//! a longer one to the lists of its adjacent pairs. Spaces and punctuation are listed neither
//! alone nor in pairs (a fifth of the pairs, seldom typed): a term holding them is looked up by
//! its other characters and pairs, and checked. A one- or two-character term's list is exactly
//! the paragraphs containing it; for longer terms the intersection of the pair lists is a
//! superset. Words of an alternative are intersected, alternatives united, clauses intersected
//! (a long list is left out when the candidates are already far fewer: checking a candidate is
//! cheaper than reading a list). When every step was exact (all terms of at most two
//! characters) the candidates are the answer; otherwise each candidate paragraph is checked
//! against the whole query, exactly as the scan does. Either way the results equal a scan's.
//!
//! The index keeps no text of its own: it shares each report's display text (an `Arc<str>`), so
//! a pile's text is held once however many threads search it.
//!
//! Reports are added with [`SearchIndex::add`] / [`SearchIndex::extend`]; nothing already
//! indexed is touched. [`SearchIndex::refine`] answers a query that narrows the previous one
//! (typing on: `一般公共` → `一般公共预算`) by checking only the previous matches, when that is
//! cheaper. [`SearchIndex::run_cancellable`] stops early when a flag is raised (a newer
//! keystroke), for running on a worker thread ([`super::background`]).

use super::engine::{self, Compiled};
use super::postings::{
    difference_sorted, intersect, intersect_sorted, union_sorted, Key, PostingStats, Postings,
};
use super::query::{Alt, Clause, Query};
use super::Hit;
use crate::report::Report;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Posting lists over the folded view of many reports' text, for fast repeated queries.
///
/// It shares the reports' text (no copy) and holds no other reference to them. Report and
/// paragraph indices are those of the reports in the order added.
#[derive(Clone)]
pub struct SearchIndex {
    /// Each report's display text, shared with the report (matched as if folded).
    texts: Vec<Arc<str>>,
    /// Every paragraph (global numbering): its report and byte range in that report's text.
    paras: Vec<Para>,
    /// First global paragraph of each report, plus the total.
    report_first: Vec<usize>,
    /// Shared with a [`PostingsSaver`] while one writes them out (adding then copies them).
    postings: Arc<Postings>,
}

/// Writes an index's posting lists out ([`SearchIndex::saver`]).
pub struct PostingsSaver(Arc<Postings>);

impl PostingsSaver {
    /// The lists, in the form [`SavedPostings::read`] reads.
    pub fn write_to(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.0.write_to(w)
    }
}

/// Posting lists read back, for [`SearchIndex::adopt`].
pub struct SavedPostings {
    postings: Postings,
    /// The highest paragraph named, plus one.
    end: u32,
}

impl SavedPostings {
    /// Lists written by [`PostingsSaver::write_to`]. Every list is checked (well formed,
    /// ascending, as long as its header says); reading is bounded by what `r` holds.
    pub fn read(r: &mut dyn std::io::Read) -> std::io::Result<SavedPostings> {
        let (postings, end) = Postings::read_from(r)?;
        Ok(SavedPostings { postings, end })
    }
}

/// Where a paragraph's text is: its report and byte range there (12 bytes; a report's text is
/// under 4 GiB, see [`crate::load::MAX_SIZE_LIMIT`]).
#[derive(Clone, Copy)]
struct Para {
    report: u32,
    start: u32,
    end: u32,
}

impl Para {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("reports", &self.reports())
            .field("paragraphs", &self.paragraphs())
            .field("text_bytes", &self.len_bytes())
            .finish()
    }
}

/// The index of no reports (a derived default would lack the end sentinels).
impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            texts: Vec::new(),
            paras: Vec::new(),
            report_first: vec![0],
            postings: Arc::default(),
        }
    }
}

/// Memory held by an index, by structure (see [`SearchIndex::memory`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexMemory {
    /// The reports' text the index refers to: shared with the reports, not a copy, so
    /// not in [`IndexMemory::total`].
    pub text_bytes: usize,
    /// Paragraph and report boundaries.
    pub boundary_bytes: usize,
    /// The posting lists.
    pub postings: PostingStats,
}

impl IndexMemory {
    pub fn total(&self) -> usize {
        self.boundary_bytes + self.postings.list_bytes + self.postings.table_bytes
    }
}

/// A list is read only when it is at most this many times longer than the candidates so far;
/// beyond that, checking each candidate's text is cheaper (reading a list entry costs a few
/// nanoseconds, checking a paragraph a few hundred).
const READ_RATIO: usize = 32;

/// Candidates are checked in chunks of this many on all cores when there are more.
const PARALLEL_CHUNK: usize = 4096;

/// Paragraphs checked between two looks at the cancel flag.
const CHECK_EVERY: usize = 1024;

/// Candidates for a part of a query: ascending global paragraph numbers, and whether they are
/// exactly the paragraphs satisfying that part (else a superset).
struct Cands {
    ids: Vec<u32>,
    exact: bool,
}

/// Raised by a cancel flag.
struct Cancelled;

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
        let mut index = SearchIndex::default();
        index.extend(reports);
        index.shrink_to_fit();
        index
    }

    /// Index more reports (they get the next report numbers). Linear in their size only.
    pub fn extend(&mut self, reports: &[Report]) {
        let paras: usize = reports.iter().map(|r| r.paragraphs.len()).sum();
        self.paras.reserve(paras);
        self.texts.reserve(reports.len());
        self.report_first.reserve(reports.len());
        for r in reports {
            self.add(r);
        }
    }

    /// Index one more report (it gets the next report number). Its text is shared, not
    /// copied.
    ///
    /// ```
    /// use baogao_core::search::{Query, SearchIndex};
    /// let mut index = SearchIndex::default();
    /// index.add(&baogao_core::load::from_text("a.txt", "发展产业。", "UTF-8"));
    /// index.add(&baogao_core::load::from_text("b.txt", "产业兴旺。", "UTF-8"));
    /// let r = index.run(&Query::parse("产业", false).unwrap());
    /// assert_eq!(r.iter().collect::<Vec<_>>(), vec![(0, 0), (1, 0)]);
    /// ```
    pub fn add(&mut self, report: &Report) {
        let ranges = report
            .paragraphs
            .iter()
            .map(|p| (p.range().start, p.range().end));
        self.add_batch([(report.text.clone(), ranges)]);
    }

    /// Index several reports at once, each given as its display text (shared) and its
    /// paragraphs' byte ranges in it — for a thread that holds the text but not the report. The
    /// same as adding them one by one, but their posting lists are appended together: a batch of
    /// reports shares most of its pairs of characters, so the (big) pair table is looked up once
    /// per distinct pair of the batch. A range that is not text of its report counts as an
    /// empty paragraph.
    pub fn add_batch<R>(&mut self, reports: impl IntoIterator<Item = (Arc<str>, R)>)
    where
        R: IntoIterator<Item = (usize, usize)>,
    {
        let first = self.paras.len();
        self.push_reports(reports);
        let first_id = u32::try_from(first).unwrap_or(u32::MAX - 1);
        let texts = &self.texts;
        Arc::make_mut(&mut self.postings).add_report(
            first_id,
            self.paras[first..]
                .iter()
                .map(|p| &texts[p.report as usize][p.range()]),
        );
    }

    /// Append reports' texts and paragraph boundaries (not their lists). A range that is not
    /// text of its report counts as an empty paragraph.
    fn push_reports<R>(&mut self, reports: impl IntoIterator<Item = (Arc<str>, R)>)
    where
        R: IntoIterator<Item = (usize, usize)>,
    {
        // Drop the end sentinel, append, put it back.
        self.report_first.pop();
        for (text, ranges) in reports {
            let report = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
            self.report_first.push(self.paras.len());
            for (start, end) in ranges {
                let (start, end) = match (text.get(start..end), u32::try_from(end)) {
                    (Some(_), Ok(end)) => (start as u32, end),
                    _ => (0, 0),
                };
                self.paras.push(Para { report, start, end });
            }
            self.texts.push(text);
        }
        self.report_first.push(self.paras.len());
    }

    /// Something that writes this index's posting lists out (on any thread, while the index
    /// goes on answering queries), for [`SavedPostings::read`] and [`SearchIndex::adopt`].
    pub fn saver(&self) -> PostingsSaver {
        PostingsSaver(self.postings.clone())
    }

    /// Take in reports whose posting lists were saved (by an index given the same texts and
    /// ranges, in the same order) instead of indexing them: only the paragraph boundaries are
    /// worked out. Only into an empty index (`Err`, the index untouched, when it is not); `Err`
    /// and the index left empty when the lists name a paragraph the reports do not have. The
    /// caller must know the reports are those saved (the lists are not checked against the
    /// text).
    pub fn adopt<R>(
        &mut self,
        reports: impl IntoIterator<Item = (Arc<str>, R)>,
        saved: SavedPostings,
    ) -> Result<(), SavedPostings>
    where
        R: IntoIterator<Item = (usize, usize)>,
    {
        if self.reports() != 0 {
            return Err(saved);
        }
        self.push_reports(reports);
        if saved.end as usize > self.paras.len() {
            *self = SearchIndex::default();
            return Err(saved);
        }
        self.postings = Arc::new(saved.postings);
        Ok(())
    }

    /// Give back spare capacity (call once loading is over; adding later still works).
    pub fn shrink_to_fit(&mut self) {
        self.texts.shrink_to_fit();
        self.paras.shrink_to_fit();
        self.report_first.shrink_to_fit();
        if let Some(p) = Arc::get_mut(&mut self.postings) {
            p.shrink_to_fit();
        }
    }

    /// Number of reports indexed.
    pub fn reports(&self) -> usize {
        self.report_first.len() - 1
    }

    /// Number of paragraphs indexed.
    pub fn paragraphs(&self) -> usize {
        self.paras.len()
    }

    /// Bytes of text indexed (the reports', shared).
    pub fn len_bytes(&self) -> usize {
        self.texts.iter().map(|t| t.len()).sum()
    }

    /// Memory held, by structure.
    pub fn memory(&self) -> IndexMemory {
        IndexMemory {
            text_bytes: self.len_bytes(),
            boundary_bytes: self.paras.capacity() * std::mem::size_of::<Para>()
                + self.texts.capacity() * std::mem::size_of::<Arc<str>>()
                + self.report_first.capacity() * std::mem::size_of::<usize>(),
            postings: self.postings.stats(),
        }
    }

    /// The text of global paragraph `g`.
    fn para(&self, g: usize) -> &[u8] {
        let p = self.paras[g];
        &self.texts[p.report as usize].as_bytes()[p.range()]
    }

    fn locate(&self, global: usize) -> (usize, usize) {
        let r = self.report_first.partition_point(|&f| f <= global) - 1;
        (r, global - self.report_first[r])
    }

    /// The text of one paragraph (`None` if out of range).
    pub fn paragraph_text(&self, report: usize, paragraph: usize) -> Option<&str> {
        let first = *self.report_first.get(report)?;
        let end = *self.report_first.get(report + 1)?;
        let g = first + paragraph;
        (g < end).then(|| {
            let p = self.paras[g];
            &self.texts[p.report as usize][p.range()]
        })
    }

    /// All matching paragraphs, without spans; counts are then free.
    pub fn run(&self, query: &Query) -> Results {
        let never = AtomicBool::new(false);
        self.run_cancellable(query, &never)
            .expect("never cancelled")
    }

    /// [`SearchIndex::run`] that gives up (`None`) soon after `cancel` is set.
    pub fn run_cancellable(&self, query: &Query, cancel: &AtomicBool) -> Option<Results> {
        let ids = self.matching(query, cancel).ok()?;
        Some(self.results(query, ids))
    }

    /// The matches of `query`, using `previous` (the results of an earlier query on this index)
    /// when `query` can only match fewer paragraphs — it adds terms or lengthens them, as when
    /// typing on — and checking those is cheaper than reading the lists. Same answer as
    /// [`SearchIndex::run`].
    ///
    /// ```
    /// use baogao_core::search::{Query, SearchIndex};
    /// let r = baogao_core::load::from_text("a.txt", "一般公共预算收入增长。\n公共服务。", "UTF-8");
    /// let index = SearchIndex::new(std::slice::from_ref(&r));
    /// let first = index.run(&Query::parse("公共", false).unwrap());
    /// let next = index.refine(&first, &Query::parse("公共预算", false).unwrap());
    /// assert_eq!(next.iter().collect::<Vec<_>>(), vec![(0, 0)]);
    /// ```
    pub fn refine(&self, previous: &Results, query: &Query) -> Results {
        let never = AtomicBool::new(false);
        self.refine_cancellable(previous, query, &never)
            .expect("never cancelled")
    }

    /// [`SearchIndex::refine`] that gives up (`None`) soon after `cancel` is set.
    pub fn refine_cancellable(
        &self,
        previous: &Results,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        let usable = previous.paragraphs == self.paragraphs() && narrows(query, &previous.query);
        // Checking a paragraph costs about as much as reading a few list entries.
        if usable && previous.len().saturating_mul(4) < self.estimate(query) {
            let compiled = Compiled::new(query, b"");
            let ids: Vec<u32> = previous
                .matches
                .iter()
                .map(|&(r, p)| (self.report_first[r as usize] + p as usize) as u32)
                .collect();
            let ids = self.verify(&compiled, ids, cancel).ok()?;
            return Some(self.results(query, ids));
        }
        self.run_cancellable(query, cancel)
    }

    /// The matches of `query` in the reports from `first_report` on only (the ones just added
    /// while a query stands): their paragraphs are checked, no list is read. Report numbers in
    /// the results are the index's own.
    pub fn run_from(
        &self,
        first_report: usize,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        let first = self
            .report_first
            .get(first_report)
            .copied()
            .unwrap_or(self.paragraphs()) as u32;
        let ids: Vec<u32> = (first..self.paragraphs() as u32).collect();
        let ids = self.verify(&Compiled::new(query, b""), ids, cancel).ok()?;
        Some(self.results(query, ids))
    }

    fn results(&self, query: &Query, ids: Vec<u32>) -> Results {
        let mut matches = Vec::with_capacity(ids.len());
        // The report of the first id; later ones walk on from there.
        let mut r = ids.first().map_or(0, |&g| self.locate(g as usize).0);
        for g in ids {
            let g = g as usize;
            while self.report_first[r + 1] <= g {
                r += 1;
            }
            matches.push((r as u32, (g - self.report_first[r]) as u32));
        }
        Results {
            query: query.clone(),
            matches,
            paragraphs: self.paragraphs(),
        }
    }

    /// The brute-force answer: one scan over all the text, report by report, no posting
    /// lists. Kept as the reference the index is tested and benchmarked against.
    pub fn run_scan(&self, query: &Query) -> Results {
        let mut ids = Vec::new();
        for (r, text) in self.texts.iter().enumerate() {
            let first = self.report_first[r];
            let paras = &self.paras[first..self.report_first[r + 1]];
            // The scan wants paragraph starts, each paragraph ending one byte before the next
            // start: true of a report's lines; any other report is checked paragraph by paragraph.
            let lines = paras
                .windows(2)
                .all(|w| w[1].start.checked_sub(1) == Some(w[0].end))
                && paras.last().is_none_or(|p| p.end as usize == text.len());
            if lines {
                let mut starts: Vec<usize> = paras.iter().map(|p| p.start as usize).collect();
                starts.push(text.len() + 1);
                let hay = engine::Hay {
                    text: text.as_bytes(),
                    starts: &starts,
                };
                let scan = Compiled::new(query, text.as_bytes()).into_scan(hay);
                ids.extend(scan.map(|p| (first + p) as u32));
            } else {
                let compiled = Compiled::new(query, b"");
                ids.extend(
                    (first..first + paras.len())
                        .filter(|&g| compiled.matches(self.para(g)))
                        .map(|g| g as u32),
                );
            }
        }
        self.results(query, ids)
    }

    /// Hits with spans in report and paragraph order: `index.hits(&q).take(50)` computes spans
    /// for the first 50 only.
    pub fn hits<'a>(&'a self, query: &Query) -> impl Iterator<Item = Hit> + 'a {
        let never = AtomicBool::new(false);
        let ids = self.matching(query, &never).unwrap_or_default();
        let compiled = Compiled::new(query, b"");
        ids.into_iter().map(move |g| {
            let para = self.para(g as usize);
            let (report, paragraph) = self.locate(g as usize);
            Hit {
                report,
                paragraph,
                spans: engine::to_char_spans(para, &compiled.byte_spans(para)),
            }
        })
    }

    /// Spans of `query` in one paragraph (empty when it does not match or is out of range).
    pub fn spans(&self, query: &Query, report: usize, paragraph: usize) -> Vec<(usize, usize)> {
        match self.paragraph_text(report, paragraph) {
            Some(p) => Compiled::new(query, b"").char_spans(p.as_bytes()),
            None => Vec::new(),
        }
    }

    // ------------------------------------------------------------------ planning

    fn list_len(&self, key: Key) -> usize {
        self.postings.get(key).map_or(0, |l| l.len())
    }

    /// At most this many paragraphs contain the word.
    fn word_estimate(&self, word: &str) -> usize {
        Key::of_word(word)
            .0
            .into_iter()
            .map(|k| self.list_len(k))
            .min()
            // Only unlisted characters: every paragraph is a candidate.
            .unwrap_or(self.paragraphs())
    }

    fn alt_estimate(&self, alt: &Alt) -> usize {
        alt.words
            .iter()
            .map(|w| self.word_estimate(w))
            .min()
            .unwrap_or(0)
    }

    fn clause_estimate(&self, clause: &Clause) -> usize {
        clause
            .alts
            .iter()
            .map(|a| self.alt_estimate(a))
            .fold(0, usize::saturating_add)
    }

    /// An upper bound on the matches (what reading the lists would cost).
    fn estimate(&self, query: &Query) -> usize {
        query
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .map(|c| self.clause_estimate(c))
            .min()
            .unwrap_or(0)
    }

    /// Every paragraph, as unchecked candidates.
    fn everything(&self) -> Cands {
        Cands {
            ids: (0..self.paragraphs() as u32).collect(),
            exact: false,
        }
    }

    fn word_cands(&self, word: &str, cancel: &AtomicBool) -> Result<Cands, Cancelled> {
        let (keys, whole) = Key::of_word(word);
        if keys.is_empty() {
            // A word of unlisted characters only (punctuation): every paragraph is a candidate.
            return Ok(self.everything());
        }
        let exact = whole && word.chars().count() <= 2;
        let mut lists = Vec::with_capacity(keys.len());
        for k in keys {
            match self.postings.get(k) {
                Some(l) => lists.push(l),
                // A character or pair no paragraph has: nothing contains the word.
                None => {
                    return Ok(Cands {
                        ids: Vec::new(),
                        exact: true,
                    })
                }
            }
        }
        lists.sort_by_key(|l| l.len());
        let mut ids: Vec<u32> = lists[0].iter().collect();
        for l in &lists[1..] {
            check(cancel)?;
            // A bitmap is met with one bit test a candidate, however long it is.
            if ids.is_empty() || (!l.is_bitmap() && l.len() > ids.len().saturating_mul(READ_RATIO))
            {
                break;
            }
            ids = intersect(&ids, l);
        }
        Ok(Cands { ids, exact })
    }

    fn alt_cands(&self, alt: &Alt, cancel: &AtomicBool) -> Result<Cands, Cancelled> {
        let mut words: Vec<(&String, usize)> = alt
            .words
            .iter()
            .map(|w| (w, self.word_estimate(w)))
            .collect();
        words.sort_by_key(|w| w.1);
        let Some(&(first, _)) = words.first() else {
            return Ok(self.everything());
        };
        let mut acc = self.word_cands(first, cancel)?;
        for &(w, est) in &words[1..] {
            if acc.ids.is_empty() && acc.exact {
                break;
            }
            if est > acc.ids.len().saturating_mul(READ_RATIO) {
                acc.exact = false;
                continue;
            }
            let more = self.word_cands(w, cancel)?;
            acc.ids = intersect_sorted(&acc.ids, &more.ids);
            acc.exact &= more.exact;
        }
        Ok(acc)
    }

    fn clause_cands(&self, clause: &Clause, cancel: &AtomicBool) -> Result<Cands, Cancelled> {
        let mut acc = Cands {
            ids: Vec::new(),
            exact: true,
        };
        for alt in &clause.alts {
            let more = self.alt_cands(alt, cancel)?;
            acc.ids = union_sorted(&acc.ids, &more.ids);
            acc.exact &= more.exact;
        }
        Ok(acc)
    }

    /// Global numbers of the matching paragraphs, ascending.
    fn matching(&self, query: &Query, cancel: &AtomicBool) -> Result<Vec<u32>, Cancelled> {
        let mut positive: Vec<(&Clause, usize)> = query
            .clauses
            .iter()
            .filter(|c| !c.negated)
            .map(|c| (c, self.clause_estimate(c)))
            .collect();
        positive.sort_by_key(|c| c.1);
        let Some(&(first, _)) = positive.first() else {
            return Ok(Vec::new());
        };
        let mut acc = self.clause_cands(first, cancel)?;
        for &(c, est) in &positive[1..] {
            check(cancel)?;
            if acc.ids.is_empty() {
                break;
            }
            if est > acc.ids.len().saturating_mul(READ_RATIO) {
                acc.exact = false;
                continue;
            }
            let more = self.clause_cands(c, cancel)?;
            acc.ids = intersect_sorted(&acc.ids, &more.ids);
            acc.exact &= more.exact;
        }
        for c in query.clauses.iter().filter(|c| c.negated) {
            check(cancel)?;
            if acc.ids.is_empty() || !acc.exact {
                break;
            }
            if self.clause_estimate(c) > acc.ids.len().saturating_mul(READ_RATIO) {
                acc.exact = false;
                break;
            }
            let out = self.clause_cands(c, cancel)?;
            if out.exact {
                acc.ids = difference_sorted(&acc.ids, &out.ids);
            } else {
                acc.exact = false;
            }
        }
        if acc.exact {
            return Ok(acc.ids);
        }
        self.verify(&Compiled::new(query, b""), acc.ids, cancel)
    }

    /// The candidates whose text matches the whole query (on all cores when there are many).
    fn verify(
        &self,
        compiled: &Compiled,
        ids: Vec<u32>,
        cancel: &AtomicBool,
    ) -> Result<Vec<u32>, Cancelled> {
        use rayon::prelude::*;
        let check_chunk = |chunk: &[u32]| -> Result<Vec<u32>, Cancelled> {
            let mut out = Vec::new();
            for (n, &g) in chunk.iter().enumerate() {
                if n % CHECK_EVERY == 0 {
                    check(cancel)?;
                }
                if compiled.matches(self.para(g as usize)) {
                    out.push(g);
                }
            }
            Ok(out)
        };
        if ids.len() <= PARALLEL_CHUNK {
            return check_chunk(&ids);
        }
        let parts: Vec<Vec<u32>> = ids
            .par_chunks(PARALLEL_CHUNK)
            .map(check_chunk)
            .collect::<Result<_, _>>()?;
        Ok(parts.concat())
    }
}

fn check(cancel: &AtomicBool) -> Result<(), Cancelled> {
    if cancel.load(Ordering::Relaxed) {
        Err(Cancelled)
    } else {
        Ok(())
    }
}

/// Can `new` only match paragraphs that `old` matches? Every clause `old` requires is implied by
/// a clause of `new` (each of its alternatives holds, as substrings, all the words of one of the
/// old clause's alternatives), and every clause `old` excludes, `new` excludes too.
pub(crate) fn narrows(new: &Query, old: &Query) -> bool {
    let alt_implies = |a: &Alt, b: &Alt| {
        b.words
            .iter()
            .all(|wb| a.words.iter().any(|wa| wa.contains(wb.as_str())))
    };
    let clause_implies = |a: &Clause, b: &Clause| {
        a.alts
            .iter()
            .all(|x| b.alts.iter().any(|y| alt_implies(x, y)))
    };
    old.clauses.iter().all(|o| {
        if o.negated {
            new.clauses.iter().any(|n| n.negated && n.alts == o.alts)
        } else {
            new.clauses
                .iter()
                .any(|n| !n.negated && clause_implies(n, o))
        }
    })
}

/// The outcome of [`SearchIndex::run`]: matching `(report, paragraph)` pairs in order.
#[derive(Debug, Clone)]
pub struct Results {
    query: Query,
    matches: Vec<(u32, u32)>,
    /// Paragraphs in the index when these results were computed.
    paragraphs: usize,
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
                let span = s.span();
                let a = paras.partition_point(|&p| p < span.start);
                let b = paras.partition_point(|&p| p < span.end);
                b - a
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
                .paragraph_text(report, paragraph)
                .map(|t| compiled.char_spans(t.as_bytes()))
                .unwrap_or_default(),
        })
    }
}
