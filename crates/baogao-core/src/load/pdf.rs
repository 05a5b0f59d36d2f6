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
//! hostile file gives one error naming it, never a panic or a hang of the caller. The deadline
//! also reaches into the parser: the text collector aborts it once the time is up, so a file that
//! times out does not keep a core busy. Before parsing, every Flate stream in the raw bytes is
//! inflated once against the file's decompression budget ([`super::budget`]): `lopdf` inflates
//! without a limit, so a compression bomb is refused before it gets there.

use super::budget::Budget;
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::time::{Duration, Instant};

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
    /// Its streams inflate past the decompression budget (the message says how far).
    TooLarge(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "encrypted PDF: cannot read its text"),
            PdfError::NoTextLayer => write!(f, "no text layer — a scanned PDF?"),
            PdfError::Broken(why) => write!(f, "not a readable PDF: {why}"),
            PdfError::TooLarge(why) => write!(f, "{why}"),
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

/// Collects the glyphs of each page, until the deadline.
struct Collector {
    pages: Vec<Vec<Glyph>>,
    chars: usize,
    /// Glyphs seen, for checking the clock every few thousand.
    seen: u64,
    deadline: Instant,
}

impl Collector {
    fn new(deadline: Instant) -> Collector {
        Collector {
            pages: Vec::new(),
            chars: 0,
            seen: 0,
            deadline,
        }
    }

    /// An error that stops the parser once the time is up (the caller has stopped waiting).
    fn in_time(&self) -> Result<(), OutputError> {
        if Instant::now() > self.deadline {
            return Err(OutputError::IoError(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "deadline passed",
            )));
        }
        Ok(())
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        _media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.in_time()?;
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
        // Checked every 4096 glyphs: a clock read per glyph would show in the profile.
        self.seen += 1;
        if self.seen.is_multiple_of(4096) {
            self.in_time()?;
        }
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

/// Drop the lines that open or close most pages with the same words (running headers and
/// footers, [`super::running`]).
fn drop_running_lines(pages: &mut [Vec<String>]) {
    let edges = super::running::running_edges(pages);
    for (p, (top, bottom)) in pages.iter_mut().zip(edges) {
        p.truncate(p.len().saturating_sub(bottom));
        p.drain(..top.min(p.len()));
    }
}

/// Inflate every Flate-compressed stream of the raw file against `budget`, before `lopdf` does
/// so without a limit. Streams are found by their `stream`/`endstream` keywords, not by parsing,
/// so streams inside object streams and in broken files are counted too; a segment that is not
/// zlib data (another filter, or no stream at all) costs nothing.
fn preflight(bytes: &[u8], budget: &Budget) -> Result<(), PdfError> {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + i + b"stream".len();
        at = start;
        // `endstream` itself contains `stream`: skip it; a stream's data begins after an EOL.
        if bytes[..start - b"stream".len()].ends_with(b"end") {
            continue;
        }
        let data = match bytes[start..] {
            [b'\r', b'\n', ..] => &bytes[start + 2..],
            [b'\n', ..] | [b'\r', ..] => &bytes[start + 1..],
            _ => continue,
        };
        let end = memchr::memmem::find(data, b"endstream").unwrap_or(data.len());
        let data = &data[..end];
        // zlib data starts with a CMF byte of method 8 and a header checksum.
        if data.len() < 2
            || data[0] & 0x0f != 8
            || (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 != 0
        {
            continue;
        }
        // A corrupt stream stops early; what it gave so far is charged (lopdf reads as far).
        let inflated = flate2::read::ZlibDecoder::new(data);
        budget
            .count(inflated, "a stream of this PDF")
            .map_err(PdfError::TooLarge)?;
        at = start + (data.as_ptr() as usize - bytes[start..].as_ptr() as usize) + end;
    }
    Ok(())
}

fn extract(bytes: &[u8], deadline: Instant) -> Result<String, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Broken(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    check_char_maps(&doc)?;
    let mut out = Collector::new(deadline);
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

/// Codes one font's character map may give text for: a two-byte code space, twice over.
const MAX_MAP_CODES: u64 = 1 << 17;
/// Codes all the character maps of a file may give text for together.
const MAX_FILE_CODES: u64 = 1 << 20;

/// Refuse a file whose fonts' character maps (`/ToUnicode` CMaps) would be expanded past what
/// any font holds: pdf-extract makes a map entry for every code of a `beginbfrange`, so a range
/// `<0000> <FFFFFFFF>` in a 200-byte stream asked for billions of them (several GB, found by
/// fuzzing). The ranges are sized with the lexer pdf-extract uses, before it runs.
fn check_char_maps(doc: &Document) -> Result<(), PdfError> {
    use pdf_extract::Object;
    // Every `/ToUnicode` reference, in any dictionary at any depth (a walk with a stack).
    let mut maps = std::collections::BTreeSet::new();
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(o) = stack.pop() {
        let dict = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            Object::Array(a) => {
                stack.extend(a.iter());
                continue;
            }
            _ => continue,
        };
        for (key, value) in dict.iter() {
            match (key.as_slice(), value) {
                (b"ToUnicode", Object::Reference(id)) => {
                    maps.insert(*id);
                }
                (_, Object::Dictionary(_) | Object::Array(_)) => stack.push(value),
                _ => {}
            }
        }
    }
    let mut total = 0u64;
    for id in maps {
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            continue;
        };
        // As pdf-extract reads it.
        let contents = if s.filters().is_ok() {
            s.decompressed_content()
                .unwrap_or_else(|_| s.content.clone())
        } else {
            s.content.clone()
        };
        let codes = char_map_codes(&contents);
        total = total.saturating_add(codes);
        if codes > MAX_MAP_CODES || total > MAX_FILE_CODES {
            return Err(PdfError::Broken(format!(
                "a font's character map (ToUnicode) maps {codes} codes, more than any font has"
            )));
        }
    }
    Ok(())
}

/// How many map entries the `beginbfrange` ranges of a CMap make when expanded as pdf-extract
/// expands them (codes read as it reads them: big-endian into 32 bits). 0 for a CMap the lexer
/// cannot read (pdf-extract then fails on it by itself).
fn char_map_codes(cmap: &[u8]) -> u64 {
    use adobe_cmap_parser::Value;
    if memchr::memmem::find(cmap, b"beginbfrange").is_none() {
        return 0;
    }
    let Ok(tokens) = adobe_cmap_parser::parse(cmap) else {
        return 0;
    };
    let code = |v: Option<&Value>| match v {
        Some(Value::LiteralString(s)) => Some(
            s.iter()
                .fold(0u32, |c, &b| c.wrapping_shl(8) | u32::from(b)),
        ),
        _ => None,
    };
    let mut codes = 0u64;
    for (i, t) in tokens.iter().enumerate() {
        if !matches!(t, Value::Operator(o) if o == "beginbfrange") {
            continue;
        }
        // Each range is three tokens: low code, high code, then the text (or an array).
        let mut at = i + 1;
        while let (Some(low), Some(high)) = (code(tokens.get(at)), code(tokens.get(at + 1))) {
            if high >= low {
                codes = codes.saturating_add(u64::from(high - low) + 1);
            }
            at += 3;
        }
    }
    codes
}

/// The text of a PDF file, one printed line per line; what its streams inflate to is charged to
/// `budget` first.
pub fn pdf_text(bytes: &[u8], budget: &Budget) -> Result<String, PdfError> {
    preflight(bytes, budget)?;
    let owned = bytes.to_vec();
    let deadline = Instant::now() + DEADLINE;
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf".into())
        .spawn(move || {
            // lopdf and pdf-extract panic on malformed files (a missing font, a bad object):
            // contained, and this file's error.
            let r =
                super::contained::third_party(|| extract(&owned, deadline)).unwrap_or_else(|why| {
                    Err(PdfError::Broken(format!(
                        "the PDF parser failed on this file ({why})"
                    )))
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
        let mut expected: Vec<Vec<String>> = body.iter().map(|b| vec![b.to_string()]).collect();
        // The first page's top stays: a report's title may be what later pages repeat.
        expected[0].insert(0, "某镇人民政府文件".to_string());
        assert_eq!(pages, expected);
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    /// A file whose objects hold `streams`, each as `obj << /Filter /FlateDecode >> stream … endstream`.
    fn with_streams(streams: &[Vec<u8>]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        for (i, s) in streams.iter().enumerate() {
            pdf.extend(
                format!(
                    "{} 0 obj << /Length {} /Filter /FlateDecode >>\nstream\r\n",
                    i + 1,
                    s.len()
                )
                .bytes(),
            );
            pdf.extend(s);
            pdf.extend(b"\nendstream\nendobj\n");
        }
        pdf.extend(b"%%EOF");
        pdf
    }

    /// The fixture (a CID font with a ToUnicode map) with that map replaced by `cmap`.
    fn with_char_map(cmap: &[u8]) -> Vec<u8> {
        use pdf_extract::{Object, Stream};
        let fixture = include_bytes!("../../../../tests/fixtures/township_report_identity.pdf");
        let mut doc = Document::load_mem(fixture).unwrap();
        let id = doc
            .objects
            .iter()
            .find_map(|(id, o)| match o {
                Object::Stream(s) if s.content.starts_with(b"/CIDInit") => Some(*id),
                _ => None,
            })
            .expect("the fixture's ToUnicode map");
        doc.objects.insert(
            id,
            Object::Stream(Stream::new(Default::default(), cmap.to_vec())),
        );
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn cmap(ranges: &str) -> Vec<u8> {
        format!(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
             1 begincodespacerange <0000> <FFFF> endcodespacerange\n{ranges}\n\
             endcmap CMapName currentdict /CMap defineresource pop end end"
        )
        .into_bytes()
    }

    /// Found by fuzzing: a 200-byte map whose one range spans billions of codes made
    /// pdf-extract fill a map past several GB. It is refused first, with a reason.
    #[test]
    fn a_character_map_of_billions_of_codes_is_refused() {
        let huge = cmap("1 beginbfrange\n<0f41> <00aaaaaaaaaaaaaaaa50> <D840DC00>\nendbfrange");
        assert!(char_map_codes(&huge) > MAX_MAP_CODES);
        let started = Instant::now();
        let e = pdf_text(&with_char_map(&huge), &Budget::new(64 << 20)).unwrap_err();
        assert!(e.to_string().contains("character map"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(10));
        // A whole two-byte code space in one range is what some writers do: read as before.
        let whole = cmap("1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange");
        assert_eq!(char_map_codes(&whole), 65_536);
        let ranges =
            cmap("2 beginbfrange\n<0010> <001F> <4E00>\n<0020> <0021> [<4E01> <4E02>]\nendbfrange");
        assert_eq!(char_map_codes(&ranges), 18);
        assert!(
            pdf_text(&with_char_map(&whole), &Budget::new(64 << 20)).is_ok_and(|t| !t.is_empty())
        );
    }

    #[test]
    fn a_stream_bomb_is_refused_before_parsing() {
        // 64 MB of zeros compress to about 64 KB: over a budget of 1 MB.
        let bomb = with_streams(&[zlib(b"BT (x) Tj ET\n"), zlib(&vec![0u8; 64 << 20])]);
        let e = pdf_text(&bomb, &Budget::new(1 << 20)).unwrap_err();
        assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
        assert!(e.to_string().contains("decompression budget"), "{e}");
        // The streams share one budget: two halves of it each pass, a third does not.
        let half = zlib(&vec![b'a'; 400 << 10]);
        let b = Budget::new(1 << 20);
        assert!(preflight(&with_streams(&[half.clone(), half.clone()]), &b).is_ok());
        assert!(preflight(&with_streams(&[half]), &b).is_err());
    }

    #[test]
    fn preflight_skips_what_is_not_zlib() {
        let b = Budget::new(10);
        // Raw text streams, `endstream` alone, a truncated zlib header, a file ending in `stream`.
        let odd = b"%PDF-1.4\nstream\nBT (abc) Tj ET\nendstream\nendstream\nstream\n\x78";
        assert!(preflight(odd, &b).is_ok());
        assert!(preflight(b"%PDF-1.4 stream", &b).is_ok());
        assert!(preflight(b"stream\r\n", &b).is_ok());
    }

    #[test]
    fn the_collector_stops_the_parser_after_the_deadline() {
        let mut late = Collector::new(Instant::now() - Duration::from_secs(1));
        let media = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 100.0,
            ury: 100.0,
        };
        assert!(late.begin_page(1, &media, None).is_err());
        let mut early = Collector::new(Instant::now() + DEADLINE);
        assert!(early.begin_page(1, &media, None).is_ok());
    }

    #[test]
    fn garbage_is_a_clear_error_not_a_panic() {
        let budget = Budget::new(1 << 20);
        let e = pdf_text(
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
            &budget,
        )
        .unwrap_err();
        assert!(matches!(e, PdfError::Broken(_)), "{e:?}");
        assert!(looks_like_pdf(b"%PDF-1.4 ..."));
        assert!(!looks_like_pdf("各位代表".as_bytes()));
    }
}
