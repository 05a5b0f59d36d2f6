//! Indicator names of every loaded report in one folded text, so "whose name matches the filter"
//! is a few memchr scans per keystroke instead of one search per indicator.
//!
//! An index holds the entries of one view of the table: the App keeps one of the core
//! indicators and one of every figure, so the default (core) table's filter scans and walks
//! only its own rows (about a ninth of the figures), not every figure of the pile.

use baogao_core::search::Query;
use memchr::memmem;

#[derive(Debug, Default)]
pub struct NameIndex {
    /// Folded `name\ncanonical\n` of every entry, report after report.
    text: String,
    /// Byte start of each entry (global numbering), plus the end.
    starts: Vec<usize>,
    /// Each entry's indicator: its index in the report's indicators.
    members: Vec<u32>,
    /// Each entry's paragraph (a search walks these beside its matches; the figures
    /// themselves are not read).
    paragraphs: Vec<u32>,
    /// Global number of each report's first entry, plus the end.
    first: Vec<usize>,
}

impl NameIndex {
    pub fn new() -> NameIndex {
        NameIndex {
            text: String::new(),
            starts: vec![0],
            members: Vec::new(),
            paragraphs: Vec::new(),
            first: vec![0],
        }
    }

    /// Add the next report's entries: `(indicator index, name, canonical, paragraph)`, in text
    /// order.
    pub fn push<'a>(
        &mut self,
        names: impl Iterator<Item = (usize, &'a str, Option<&'a str>, usize)>,
    ) {
        // Folded straight into the text (no string per name: a pile has a million).
        let fold = |c: char| match baogao_core::fold::fold_char(c) {
            // Words never hold `\n`, so a match cannot run from one entry into the next.
            '\n' => ' ',
            c => c,
        };
        for (ii, name, canonical, paragraph) in names {
            self.text.extend(name.chars().map(fold));
            self.text.push('\n');
            if let Some(c) = canonical {
                self.text.extend(c.chars().map(fold));
            }
            self.text.push('\n');
            self.starts.push(self.text.len());
            self.members.push(ii as u32);
            self.paragraphs
                .push(u32::try_from(paragraph).unwrap_or(u32::MAX));
        }
        self.first.push(self.starts.len() - 1);
    }

    /// The indicators (indices in their report) of entries `range`.
    pub fn members(&self, range: std::ops::Range<usize>) -> &[u32] {
        self.members.get(range).unwrap_or_default()
    }

    /// The paragraphs of entries `range`.
    pub fn paragraphs(&self, range: std::ops::Range<usize>) -> &[u32] {
        self.paragraphs.get(range).unwrap_or_default()
    }

    /// Global number of report `r`'s indicator `i`.
    #[cfg(test)]
    pub fn global(&self, r: usize, i: usize) -> usize {
        self.first[r] + i
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Entries of report `r` (global numbers).
    pub fn report_range(&self, r: usize) -> std::ops::Range<usize> {
        match (self.first.get(r), self.first.get(r + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Which entries of `range` contain `word` (indexed from `range.start`).
    fn containing(&self, word: &str, range: &std::ops::Range<usize>) -> Vec<bool> {
        let mut out = vec![false; range.len()];
        let (a, b) = (self.starts[range.start], self.starts[range.end]);
        // Hits come in order: the entry holding each is found by walking the starts forward
        // (a binary search per hit, over a million entries, cost more than the scan).
        let mut e = range.start;
        for pos in memmem::find_iter(&self.text.as_bytes()[a..b], word.as_bytes()) {
            while e + 1 < range.end && self.starts[e + 1] <= a + pos {
                e += 1;
            }
            out[e - range.start] = true;
        }
        out
    }

    /// Which entries satisfy the query, with the paragraph rules: every positive clause has an
    /// alternative whose words all occur, and no negated clause does.
    pub fn matching(&self, q: &Query) -> Vec<bool> {
        self.matching_in(q, 0..self.len())
    }

    /// [`NameIndex::matching`] for the entries of `range` only (indexed from its start).
    pub fn matching_in(&self, q: &Query, range: std::ops::Range<usize>) -> Vec<bool> {
        let n = range.len();
        let mut result = vec![true; n];
        for clause in q.clauses() {
            let mut sat = vec![false; n];
            for alt in &clause.alts {
                let mut all = vec![true; n];
                for w in &alt.words {
                    let has = self.containing(w, &range);
                    all.iter_mut().zip(&has).for_each(|(a, h)| *a &= *h);
                }
                sat.iter_mut().zip(&all).for_each(|(s, a)| *s |= *a);
            }
            for (r, s) in result.iter_mut().zip(&sat) {
                *r &= if clause.negated { !*s } else { *s };
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_like_paragraphs() {
        let mut ix = NameIndex::new();
        ix.push(
            [
                (0, "一般公共预算收入", Some("一般公共预算收入"), 2),
                (1, "税收收入", None, 2),
            ]
            .into_iter(),
        );
        // A view of some indicators only: entries name their indicator.
        ix.push(
            [
                (1, "粮食产量", None, 0),
                (4, "ＧＤＰ", Some("地区生产总值"), 9),
            ]
            .into_iter(),
        );
        let m = |s: &str| ix.matching(&Query::parse(s, false).unwrap());
        assert_eq!(m("收入"), [true, true, false, false]);
        assert_eq!(m("收入 -税收"), [true, false, false, false]);
        assert_eq!(m("gdp"), [false, false, false, true]);
        assert_eq!(m("生产总值"), [false, false, false, true]);
        assert_eq!(ix.global(1, 1), 3);
        assert_eq!(ix.members(ix.report_range(1)), [1, 4]);
        assert_eq!(ix.members(ix.report_range(7)), [] as [u32; 0]);
        assert_eq!(ix.paragraphs(ix.report_range(0)), [2, 2]);
        assert_eq!(ix.paragraphs(ix.report_range(1)), [0, 9]);
        let q = Query::parse("收入", false).unwrap();
        assert_eq!(ix.matching_in(&q, ix.report_range(0)), [true, true]);
        assert_eq!(ix.matching_in(&q, ix.report_range(1)), [false, false]);
        assert_eq!(ix.matching_in(&q, ix.report_range(7)), Vec::<bool>::new());
        // A word cannot join the end of one name with the start of the next.
        assert_eq!(m("收入粮食"), [false; 4]);
    }
}
