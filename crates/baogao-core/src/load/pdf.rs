//! PDF input: the text layer of a PDF, page by page, as printed lines.
//!
//! `pdf-extract` (on `lopdf`) decodes the fonts (CID fonts with ToUnicode maps, Identity-H,
//! embedded subset TrueType) and reports each character with its position; we assemble the
//! characters into lines ourselves, since CJK text needs no spaces between characters and
//! justified lines spread them apart. Running headers and footers (the same line at the top or
//! the bottom of most pages) are dropped here; page numbers, hard wraps and paragraphs that cross
//! a page break are mended by [`super::repair`] like any printed text.
//!
//! The parser runs under `catch_unwind` on a thread of its own with a deadline, so a broken or
//! hostile file gives one error naming it, never a panic or a hang of the caller.

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::time::Duration;

/// How long one file may take to parse.
const DEADLINE: Duration = Duration::from_secs(30);
/// Text kept from one file (chars): far more than any report.
const MAX_CHARS: usize = 8 * 1024 * 1024;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    Encrypted,
    NoTextLayer,
    Broken(String),
    TimedOut,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "encrypted PDF: cannot read its text"),
            PdfError::NoTextLayer => write!(f, "no text layer — a scanned PDF?"),
            PdfError::Broken(why) => write!(f, "not a readable PDF: {why}"),
            PdfError::TimedOut => write!(
                f,
                "PDF took longer than {}s to read: gave up",
                DEADLINE.as_secs()
            ),
        }
    }
}

/// Does a file start like a PDF (`%PDF-` within its first KB)?
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// One character as placed on the page.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width in page units.
    width: f64,
    size: f64,
    text: String,
}

/// Collects the glyphs of each page.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    chars: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        _media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.chars >= MAX_CHARS {
            return Ok(());
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        if let Some(page) = self.pages.last_mut() {
            self.chars += text.chars().count();
            page.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                width: width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{2ffff}')
}

/// A page's glyphs, in content order, as lines: a new line where the baseline moves by more than
/// half a character or the pen goes back left; a space where a gap parts two Latin words (never
/// between CJK characters, which justified lines spread apart).
fn page_lines(glyphs: &[Glyph]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut last: Option<&Glyph> = None;
    for g in glyphs {
        if g.text.trim().is_empty() {
            // Spaces drawn as glyphs: the gap rule decides.
            continue;
        }
        if let Some(p) = last {
            let size = p.size.max(g.size).max(1.0);
            let new_line = (g.y - p.y).abs() > size * 0.5 || g.x < p.x - size * 0.5;
            if new_line {
                lines.push(std::mem::take(&mut cur));
            } else {
                let gap = g.x - (p.x + p.width);
                let a = cur.chars().next_back();
                let b = g.text.chars().next();
                let wide = a.is_some_and(is_wide) || b.is_some_and(is_wide);
                if (gap > size * 0.25 && !wide) || gap > size * 2.5 {
                    cur.push(' ');
                }
            }
        }
        cur.push_str(&g.text);
        last = Some(g);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line with its digits blanked: running headers differ only in the page number.
fn shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drop the lines that open or close most pages with the same words (running headers and
/// footers); a document of one or two pages has none to tell.
fn drop_running_lines(pages: &mut [Vec<String>]) {
    if pages.len() < 3 {
        return;
    }
    use std::collections::HashMap;
    for from_top in [true, false] {
        // The first (or last) two lines of each page are candidates.
        let mut counts: HashMap<String, usize> = HashMap::new();
        for p in pages.iter() {
            let ends: Vec<&String> = if from_top {
                p.iter().take(2).collect()
            } else {
                p.iter().rev().take(2).collect()
            };
            let mut seen = std::collections::HashSet::new();
            for l in ends {
                let s = shape(l);
                if seen.insert(s.clone()) {
                    *counts.entry(s).or_default() += 1;
                }
            }
        }
        let n_pages = pages.len();
        let running = |l: &String| counts.get(&shape(l)).is_some_and(|&n| n * 2 > n_pages);
        for p in pages.iter_mut() {
            for _ in 0..2 {
                let idx = if from_top {
                    0
                } else {
                    p.len().saturating_sub(1)
                };
                if p.get(idx).is_some_and(running) {
                    p.remove(idx);
                } else {
                    break;
                }
            }
        }
    }
}

fn extract(bytes: &[u8]) -> Result<String, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Broken(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let mut out = Collector::default();
    pdf_extract::output_doc(&doc, &mut out).map_err(|e| PdfError::Broken(format!("{e:?}")))?;
    let mut pages: Vec<Vec<String>> = out.pages.iter().map(|g| page_lines(g)).collect();
    drop_running_lines(&mut pages);
    let text = pages
        .into_iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n");
    if text.chars().filter(|c| !c.is_whitespace()).count() == 0 {
        return Err(PdfError::NoTextLayer);
    }
    Ok(text)
}

/// The text of a PDF file, one printed line per line.
pub fn pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    let owned = bytes.to_vec();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf".into())
        .spawn(move || {
            let r = std::panic::catch_unwind(|| extract(&owned)).unwrap_or_else(|_| {
                Err(PdfError::Broken(
                    "the PDF parser failed on this file".into(),
                ))
            });
            // The receiver may have given up waiting.
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(PdfError::Broken(format!(
            "cannot start the PDF reader: {e}"
        )));
    }
    match rx.recv_timeout(DEADLINE) {
        Ok(r) => r,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(PdfError::TimedOut),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(PdfError::Broken(
            "the PDF parser failed on this file".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f64, y: f64, t: &str) -> Glyph {
        Glyph {
            x,
            y,
            width: if t.is_ascii() { 5.0 } else { 10.0 },
            size: 10.0,
            text: t.to_string(),
        }
    }

    #[test]
    fn glyphs_become_lines_without_spaces_between_cjk() {
        // A justified CJK line (gaps of 2 units), a Latin gap, then the next line.
        let glyphs = vec![
            g(0.0, 700.0, "全"),
            g(12.0, 700.0, "年"),
            g(24.0, 700.0, "增"),
            g(36.0, 700.0, "长"),
            g(48.0, 700.0, "G"),
            g(53.0, 700.0, "D"),
            g(58.0, 700.0, "P"),
            g(70.0, 700.0, "a"),
            g(0.0, 685.0, "。"),
        ];
        assert_eq!(page_lines(&glyphs), vec!["全年增长GDP a", "。"]);
    }

    #[test]
    fn running_headers_and_footers_go() {
        let body = [
            "春耕备耕有序推进。",
            "新建村道十二公里。",
            "集镇面貌焕然一新。",
            "民生实事全部完成。",
        ];
        let mut pages: Vec<Vec<String>> = (1..=4)
            .map(|n| {
                vec![
                    "某镇人民政府文件".to_string(),
                    body[n - 1].to_string(),
                    format!("第 {n} 页"),
                ]
            })
            .collect();
        drop_running_lines(&mut pages);
        let expected: Vec<Vec<String>> = body.iter().map(|b| vec![b.to_string()]).collect();
        assert_eq!(pages, expected);
    }

    #[test]
    fn garbage_is_a_clear_error_not_a_panic() {
        let e = pdf_text(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF").unwrap_err();
        assert!(matches!(e, PdfError::Broken(_)), "{e:?}");
        assert!(looks_like_pdf(b"%PDF-1.4 ..."));
        assert!(!looks_like_pdf("各位代表".as_bytes()));
    }
}
