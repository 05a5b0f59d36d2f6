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

/// A paragraph: a byte range of `Report::text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    /// Char offset of the paragraph's start in `Report::text`.
    pub char_start: usize,
    /// The innermost section the paragraph belongs to (`None`: the report's root).
    pub section: Option<usize>,
}

/// A numbered (or topic) section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1 + the number of numbered sections above it.
    pub level: usize,
    /// The marker as written, width-folded (`一、`, `(一)`, `一是`, `——`); `None` for topic nodes.
    pub label: Option<String>,
    /// The heading text without its marker, up to the first `。`.
    pub title: String,
    #[serde(skip)]
    pub kind: Option<MarkerKind>,
    #[serde(skip)]
    pub parent: Option<usize>,
    #[serde(skip)]
    pub children: Vec<usize>,
    /// The paragraph that opens this section.
    #[serde(skip)]
    pub heading: usize,
    /// The paragraphs directly in this section (its own heading paragraph included).
    #[serde(skip)]
    pub paragraphs: Vec<usize>,
    /// All paragraphs under this section, sub-sections included.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Report {
    /// Text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range.clone()]
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
            cur = self.sections[s].parent;
        }
        chain.reverse();
        chain
    }

    /// Titles of the sections containing paragraph `i`, from the top.
    pub fn section_titles(&self, paragraph: usize) -> Vec<String> {
        self.section_chain(self.paragraphs[paragraph].section)
            .into_iter()
            .map(|s| self.sections[s].title.clone())
            .collect()
    }

    /// The paragraph containing char offset `char_offset` of `text`.
    pub fn paragraph_at_char(&self, char_offset: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.char_start <= char_offset);
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
