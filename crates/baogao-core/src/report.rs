//! The report model: clean display text, paragraphs, and the section tree.

use crate::marker::MarkerKind;
use crate::meta::Meta;
use serde::Serialize;
use std::ops::Range;

/// One loaded report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The path as given on the command line (a CSV row: `file.csv#N`).
    pub source: String,
    /// The encoding the bytes were read as.
    pub encoding: String,
    pub meta: Meta,
    /// The cleaned display text: paragraphs joined with `\n`.
    pub text: std::sync::Arc<str>,
    pub paragraphs: Vec<Paragraph>,
    /// All sections in document order; `parent`/`children` index into this vector.
    pub sections: Vec<Section>,
    /// The 1-based line of the file each paragraph starts on (`None`: not found again); empty
    /// for formats without lines of their own (HTML, docx, PDF, a report in a CSV cell). See
    /// [`crate::load::lines`].
    pub source_lines: Vec<Option<u32>>,
}

/// A paragraph: a byte range of `Report::text`, its char offset and its section, in 16 bytes
/// (a pile holds millions; a report's text is under 4 GiB, see
/// [`crate::load::MAX_SIZE_LIMIT`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    start: u32,
    end: u32,
    char_start: u32,
    /// [`NO_SECTION`] for the report's root.
    section: u32,
}

const NO_SECTION: u32 = u32::MAX;

/// An offset or index as stored (paragraphs, sections, packed figures and panel rows): past
/// 4 GiB (never, given the read limit) it saturates.
pub(crate) fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Paragraph {
    /// The paragraph at byte `range` of the text, starting at char `char_start`, in `section`.
    pub fn new(range: Range<usize>, char_start: usize, section: Option<usize>) -> Paragraph {
        Paragraph {
            start: narrow(range.start),
            end: narrow(range.end),
            char_start: narrow(char_start),
            section: section.map_or(NO_SECTION, |s| narrow(s).min(NO_SECTION - 1)),
        }
    }

    /// Its byte range of `Report::text`.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Char offset of the paragraph's start in `Report::text`.
    pub fn char_start(&self) -> usize {
        self.char_start as usize
    }

    /// The innermost section the paragraph belongs to (`None`: the report's root).
    pub fn section(&self) -> Option<usize> {
        (self.section != NO_SECTION).then_some(self.section as usize)
    }

    pub fn set_section(&mut self, section: Option<usize>) {
        *self = Paragraph::new(self.range(), self.char_start(), section);
    }
}

/// A numbered (or topic) section, in 72 bytes (a pile holds hundreds of thousands): indices
/// are `u32`, as a report's paragraphs and sections number far fewer than 4 Gi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1 + the number of numbered sections above it (the marker kinds bound the depth: a few).
    pub level: u8,
    /// The marker as written, width-folded (`一、`, `(一)`, `一是`, `——`); `None` for topic nodes.
    pub label: Option<Box<str>>,
    /// The heading text without its marker, up to the first `。`.
    pub title: Box<str>,
    #[serde(skip)]
    pub kind: Option<MarkerKind>,
    #[serde(skip)]
    pub parent: Option<u32>,
    #[serde(skip)]
    pub children: Box<[u32]>,
    /// The paragraph that opens this section.
    #[serde(skip)]
    pub heading: u32,
    /// All paragraphs under this section, sub-sections included.
    #[serde(skip)]
    pub span: Range<u32>,
}

impl Section {
    /// The section it is in.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }

    /// The paragraph that opens it.
    pub fn heading(&self) -> usize {
        self.heading as usize
    }

    /// Its paragraphs, sub-sections' included.
    pub fn span(&self) -> Range<usize> {
        self.span.start as usize..self.span.end as usize
    }

    /// Its sub-sections.
    pub fn children(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.children.iter().map(|&c| c as usize)
    }
}

impl Report {
    /// Text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range()]
    }

    /// The folded (matching) text of paragraph `i` ([`crate::fold`]; same char positions),
    /// folded now: no folded copy of a report is kept.
    pub fn paragraph_folded(&self, i: usize) -> String {
        crate::fold::fold(self.paragraph_text(i))
    }

    /// The file line paragraph `i` starts on, for plain text files.
    pub fn source_line(&self, i: usize) -> Option<u32> {
        self.source_lines.get(i).copied().flatten()
    }

    /// How many paragraphs are directly in section `s` (its own heading paragraph included,
    /// its sub-sections' not): counted, not stored, as a list would cost every paragraph 8
    /// bytes for a number only the outline prints.
    pub fn direct_paragraphs(&self, s: usize) -> usize {
        let Some(sec) = self.sections.get(s) else {
            return 0;
        };
        self.paragraphs
            .get(sec.span())
            .unwrap_or_default()
            .iter()
            .filter(|p| p.section() == Some(s))
            .count()
    }

    /// Top-level sections, in order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent.is_none())
            .map(|(i, _)| i)
    }

    /// Section indices from the top down to `section`.
    pub fn section_chain(&self, section: Option<usize>) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = section;
        while let Some(s) = cur {
            chain.push(s);
            cur = self.sections[s].parent();
        }
        chain.reverse();
        chain
    }

    /// Titles of the sections containing paragraph `i`, from the top.
    pub fn section_titles(&self, paragraph: usize) -> Vec<String> {
        self.section_chain(self.paragraphs[paragraph].section())
            .into_iter()
            .map(|s| self.sections[s].title.to_string())
            .collect()
    }

    /// The paragraph containing char offset `char_offset` of `text`.
    pub fn paragraph_at_char(&self, char_offset: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.char_start() <= char_offset);
        i.checked_sub(1)
    }

    /// A short name for lists: the title, else the file name.
    pub fn display_name(&self) -> String {
        if let Some(t) = &self.meta.title {
            return t.clone();
        }
        std::path::Path::new(&self.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.source.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_keeps_what_it_is_given_in_16_bytes() {
        assert_eq!(std::mem::size_of::<Paragraph>(), 16);
        let p = Paragraph::new(6..27, 2, Some(3));
        assert_eq!(
            (p.range(), p.char_start(), p.section()),
            (6..27, 2, Some(3))
        );
        let mut q = Paragraph::new(0..0, 0, None);
        assert_eq!(q.section(), None);
        q.set_section(Some(0));
        assert_eq!((q.range(), q.section()), (0..0, Some(0)));
        // Past 32 bits (never, under the read limit) it saturates rather than wraps, so a
        // checked slice fails instead of showing the wrong text.
        let far = Paragraph::new(0..(u32::MAX as usize + 5), 1 << 40, Some(usize::MAX));
        assert_eq!(far.range().end, u32::MAX as usize);
        assert_eq!(far.char_start(), u32::MAX as usize);
        assert_eq!(far.section(), Some(u32::MAX as usize - 1));
    }

    #[test]
    fn a_section_and_a_paragraph_stay_small() {
        // A pile holds hundreds of thousands of sections and millions of paragraphs.
        assert!(std::mem::size_of::<Section>() <= 72);
        assert!(std::mem::size_of::<Paragraph>() <= 16);
    }

    #[test]
    fn direct_paragraphs_leave_out_sub_sections() {
        let text = "各位代表：\n一、过去一年工作回顾\n全年经济平稳。\n（一）工业\n工业增长。\n农业丰收。\n二、今年工作安排\n稳字当头。";
        let r = crate::load::from_text("r.txt", text, "UTF-8");
        let titles: Vec<&str> = r.sections.iter().map(|s| &*s.title).collect();
        assert_eq!(titles, ["过去一年工作回顾", "工业", "今年工作安排"]);
        // 一、: its heading and 全年…; (一): its heading and the two after it; 二、: two.
        let counts: Vec<usize> = (0..3).map(|s| r.direct_paragraphs(s)).collect();
        assert_eq!(counts, [2, 3, 2]);
        assert_eq!(r.direct_paragraphs(3), 0);
    }
}
