//! Container formats: HTML pages, `.docx`, and CSV files with one report per row.

use crate::meta::Meta;
use scraper::{ElementRef, Html, Node};

/// Does decoded text look like an HTML page (saved with a `.txt` name, say)?
pub fn looks_like_html(text: &str) -> bool {
    const HEAD: usize = 2000;
    // Every sign below starts with `<`, and the head's chars are at most 4 bytes each: a text
    // (most reports) with no `<` in that many bytes is not walked for its head, nor copied.
    let bytes = text.as_bytes();
    if memchr::memchr(b'<', &bytes[..bytes.len().min(HEAD * 4)]).is_none() {
        return false;
    }
    let head = crate::char_count::prefix(text, HEAD).to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<!doctype html")
        || (head.contains("<body") && head.contains("</"))
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "select", "button",
    "form", "svg",
];
pub(super) const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dd",
    "dt",
    "blockquote",
    "pre",
];

/// Table cells: a row's cells are set apart on its line.
pub(super) const CELL: &[&str] = &["td", "th"];

/// Part a table cell from the one before it on its row: an ideographic space, which neither runs
/// the two cells' words together (`186.5` and `6.1` read as `186.56.1`) nor joins their digits
/// (single spaces between digits are printed-page damage).
pub(super) fn open_cell(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\u{3000}');
    }
}

/// A line of table cells, as [`open_cell`] sets them apart: three cells or more, each short.
/// Such a line is a row: never joined to the lines around it as a wrapped line, nor its parting
/// spaces taken for a wrap's.
pub(crate) fn is_table_row(line: &str) -> bool {
    let body = line.trim_matches(['\u{3000}', ' ']);
    if line.len() > 400 || !body.contains('\u{3000}') {
        return false;
    }
    let mut cells = 0;
    for cell in body.split('\u{3000}').map(str::trim) {
        if crate::char_count::at_least(cell, 31) {
            return false;
        }
        cells += usize::from(!cell.is_empty());
    }
    cells >= 3
}

/// The text of `el`'s children, skipping [`SKIP`] elements, with line breaks around blocks.
/// An iterative walk (`traverse` yields open and close edges): page nesting costs no stack.
fn collect(el: ElementRef, out: &mut String) {
    use ego_tree::iter::Edge;
    // While inside a skipped element: its id, so the walk resumes at its close.
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) if node.id() == el.id() => {}
            Edge::Close(node) if node.id() == el.id() => {}
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(t) => out.push_str(&t.replace('\n', " ")),
                Node::Element(e) if SKIP.contains(&e.name()) => skipping = Some(node.id()),
                Node::Element(e) if BLOCK.contains(&e.name()) => out.push('\n'),
                Node::Element(e) if CELL.contains(&e.name()) => open_cell(out),
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if skipping.is_none() => {
                if let Node::Element(e) = node.value() {
                    if BLOCK.contains(&e.name()) {
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
}

/// Is this element a likely content container (by its id and classes)?
fn is_container(el: &scraper::node::Element) -> bool {
    let attrs = format!(
        "{} {}",
        el.id().unwrap_or(""),
        el.classes().collect::<Vec<_>>().join(" ")
    )
    .to_ascii_lowercase();
    ["content", "article", "zoom", "trs_editor", "main", "text"]
        .iter()
        .any(|k| attrs.contains(k))
}

/// The main text of an HTML page: the content container when the page has a recognisable one,
/// else the body without scripts, styles and navigation. A page nested deeper than any real page
/// ([`super::html_flat::MAX_TREE_DEPTH`]) is read as a token stream instead: building its tree
/// would take time quadratic in the depth.
pub fn html_text(html: &str) -> String {
    if super::html_flat::nesting_depth(html) > super::html_flat::MAX_TREE_DEPTH {
        return super::html_flat::text(html);
    }
    use ego_tree::iter::Edge;
    let doc = Html::parse_document(html);
    // One walk counts each element's visible chars as `collect` would see them (text below it,
    // not under a skipped child), bottom-up: linear, however containers nest.
    let mut counts: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    let mut candidates: Vec<(usize, ego_tree::NodeId, usize)> = Vec::new();
    // Container ids with their place in document order.
    let mut order: std::collections::HashMap<ego_tree::NodeId, usize> = Default::default();
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    if let Some(top) = counts.last_mut() {
                        top.1 += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                Node::Element(e) => {
                    counts.push((node.id(), 0));
                    if is_container(e) {
                        order.insert(node.id(), order.len());
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let Some((id, n)) = counts.pop() else {
                        continue;
                    };
                    if let Some(&at) = order.get(&id) {
                        candidates.push((at, id, n));
                    }
                    if !SKIP.contains(&e.name()) {
                        if let Some(top) = counts.last_mut() {
                            top.1 += n;
                        }
                    }
                }
            }
        }
    }
    // Candidates in document order (they were closed innermost first).
    candidates.sort_unstable_by_key(|c| c.0);
    let mut best: Option<(usize, ego_tree::NodeId)> = None;
    for (_, id, n) in candidates {
        // The innermost container that still holds most of the text wins.
        if n > 200 && best.as_ref().is_none_or(|(m, _)| n * 10 >= *m * 8) {
            best = Some((n, id));
        }
    }
    let mut out = String::new();
    match best
        .and_then(|(_, id)| doc.tree.get(id))
        .and_then(ElementRef::wrap)
    {
        Some(el) => collect(el, &mut out),
        None => collect(doc.root_element(), &mut out),
    }
    out
}

/// Paragraph text of a `.docx` file; what it inflates to is charged to `budget`. The XML is read
/// as a stream of events (no tree, no recursion), so nesting depth costs nothing.
pub fn docx_text(bytes: &[u8], budget: &super::budget::Budget) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable .docx (zip) file: {e}"))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| "a zip file without word/document.xml: not a .docx document".to_string())?;
    let xml = budget.read_all(entry, "word/document.xml")?;
    let xml = String::from_utf8(xml)
        .map_err(|e| format!("cannot read word/document.xml: not UTF-8: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    // Table cells open: a cell's paragraphs stay on its row's line, the cells set apart as an
    // HTML table's are (each on a line of its own, a row's cells were joined as wrapped lines:
    // `元` and `23,560` read as `元23,560`).
    let mut cells = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tc" => {
                    open_cell(&mut out);
                    cells += 1;
                }
                // A blank line before and after a row, as an HTML row has: a row is a
                // paragraph of its own, never joined to the next as a wrapped line.
                b"tr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" if cells > 0 => out.push(' '),
                b"p" => out.push('\n'),
                b"tc" => {
                    cells = cells.saturating_sub(1);
                    let kept = out.trim_end_matches(' ').len();
                    out.truncate(kept);
                }
                b"tr" => out.push_str("\n\n"),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                // A tab stop parts columns as a text file's tab does.
                b"tab" => out.push('\u{3000}'),
                // A line break inside a cell keeps the row on its line.
                b"br" | b"cr" if cells > 0 => out.push(' '),
                b"br" | b"cr" => out.push('\n'),
                // An empty cell still holds its column.
                b"tc" => open_cell(&mut out),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => out.push_str(
                &t.decode()
                    .map_err(|e| format!("bad text in document.xml: {e}"))?,
            ),
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                        out.push_str(s);
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("malformed word/document.xml: {e}")),
            _ => {}
        }
    }
    Ok(out)
}

/// One CSV row that holds a whole report.
#[derive(Debug, Clone, Default)]
pub struct CsvRow {
    /// 1-based data row number (the header is row 0).
    pub number: usize,
    pub text: String,
    pub title: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
}

impl CsvRow {
    /// Columns beside the text fill in what the text itself does not say.
    pub fn apply_meta(&self, meta: &mut Meta) {
        if self.title.is_some() {
            meta.title = self.title.clone();
            if let Some(t) = &meta.title {
                if meta.kind.is_none() {
                    meta.kind = crate::meta::extract_kind(t);
                }
            }
        }
        if let Some(place) = &self.place {
            // `贵州` → `贵州省`, with its level.
            crate::meta::set_place(meta, place);
        }
        if self.year.is_some() {
            meta.year = self.year;
        }
        if self.date.is_some() && meta.date.is_none() {
            meta.date = self.date.clone();
        }
    }
}

fn header_is(h: &str, keys: &[&str]) -> bool {
    let h = h.trim().to_ascii_lowercase();
    keys.iter().any(|k| h == *k || h.contains(k))
}

/// Rows of a CSV whose text column holds whole reports. The text column is the one with the
/// longest values; other columns give title, place, date and year when their header or values
/// look like it.
pub fn csv_reports(text: &str) -> Result<Vec<CsvRow>, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(String::from)
        .collect();
    let records: Vec<csv::StringRecord> = rdr.records().filter_map(Result::ok).collect();
    let width = headers.len();
    let avg = |col: usize| {
        records
            .iter()
            .map(|r| r.get(col).map_or(0, |v| v.chars().count()))
            .sum::<usize>()
            / records.len().max(1)
    };
    let Some(text_col) = (0..width).max_by_key(|&c| avg(c)) else {
        return Ok(Vec::new());
    };
    if avg(text_col) < 200 {
        return Ok(Vec::new());
    }
    let find = |keys: &[&str]| (0..width).find(|&c| c != text_col && header_is(&headers[c], keys));
    let title_col = find(&["title", "标题", "题目", "名称"]);
    let place_col = find(&[
        "province", "city", "county", "place", "region", "地区", "省份", "城市", "区县", "地点",
    ]);
    let date_col = find(&["publish_date", "date", "日期", "时间"]);
    let year_col = find(&["year", "年份", "年度"]);
    let cell = |r: &csv::StringRecord, c: Option<usize>| {
        c.and_then(|c| r.get(c))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Ok(records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let text = r.get(text_col)?.to_string();
            if text.trim().is_empty() {
                return None;
            }
            Some(CsvRow {
                number: i + 1,
                text,
                title: cell(r, title_col),
                place: cell(r, place_col),
                date: cell(r, date_col),
                year: cell(r, year_col).and_then(|y| y.parse().ok()),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::budget::Budget;
    use super::*;

    /// A page is told by a tag in its first 2,000 chars, whatever their width (the byte
    /// shortcut must not cut the head short), and a report with 《》 or a late `<` is text.
    #[test]
    fn a_page_is_told_by_a_tag_in_its_first_2000_chars() {
        for wide in ["国", "𠀀", "a"] {
            let early = format!("{}<HTML><body>正文</body>", wide.repeat(1990));
            assert!(looks_like_html(&early), "{wide}");
            let late = format!("{}<html><body>正文</body>", wide.repeat(2000));
            assert!(!looks_like_html(&late), "{wide}");
        }
        assert!(looks_like_html("<!DOCTYPE html>\n<p>一、总体要求</p>"));
        assert!(looks_like_html("<body><p>一、总体要求</p></body>"));
        assert!(!looks_like_html("学习《政府工作报告》，x<5 的指标。"));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn table_cells_stay_apart_on_their_row() {
        let html = "<html><body><table><tr><th>指标</th><th>完成值</th><th>增长（%）</th></tr>\
                    <tr><td>地区生产总值（亿元）</td><td>186.5</td><td>6.1</td></tr>\
                    <tr><td>1</td><td>2</td><td>3</td></tr></table></body></html>";
        for t in [html_text(html), super::super::html_flat::text(html)] {
            let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            assert_eq!(
                lines,
                [
                    "指标　完成值　增长（%）",
                    "地区生产总值（亿元）　186.5　6.1",
                    "1　2　3"
                ]
            );
        }
        // Nor do printed-page repairs join the cells' digits.
        let r = crate::load::load_bytes("t.html", html.as_bytes())
            .remove(0)
            .unwrap();
        assert!(r.text.contains("1　2　3"), "{}", r.text);
    }

    #[test]
    fn html_main_text_without_chrome() {
        let html = r#"<html><head><title>t</title><script>var a=1;</script></head><body>
<nav><a>首页</a><a>政务公开</a></nav>
<div class="content"><p>一、过去一年工作回顾</p><p>全年实现地区生产总值12.5亿元，同比增长6%。这一段文字需要足够长，才能被认为是正文内容，所以我们多写一些字。再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字。</p></div>
<footer>版权所有</footer></body></html>"#;
        let t = html_text(html);
        assert!(t.contains("一、过去一年工作回顾"));
        assert!(!t.contains("var a"));
        assert!(!t.contains("首页"));
        assert!(!t.contains("版权所有"));
    }

    #[test]
    fn csv_rows_become_reports() {
        let body = "各位代表：现在我代表市人民政府向大会报告工作。".repeat(20);
        let csv = format!("province,year,title,publish_date,full_text\n某省,2026,2026年某省政府工作报告,2026-02-02,\"{body}\"\n");
        let rows = csv_reports(&csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].title.as_deref(), Some("2026年某省政府工作报告"));
        assert_eq!(rows[0].place.as_deref(), Some("某省"));
        assert_eq!(rows[0].year, Some(2026));
        assert_eq!(rows[0].text, body);
    }

    fn docx(xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn docx_paragraphs() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、2023年</w:t></w:r><w:r><w:t>工作回顾</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">全年增长6%&amp;稳定。</w:t></w:r></w:p></w:body></w:document>"#;
        let t = docx_text(&docx(xml), &Budget::new(1 << 20)).unwrap();
        assert_eq!(t.trim_end(), "一、2023年工作回顾\n全年增长6%&稳定。");
        let r = crate::load::load_bytes("报告.docx", &docx(xml));
        let r = r[0].as_ref().unwrap();
        assert_eq!(&*r.sections[0].title, "2023年工作回顾");
    }

    #[test]
    fn a_docx_tables_cells_stay_apart_on_their_rows() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let row = |cs: &[&str]| {
            format!(
                "<w:tr>{}</w:tr>",
                cs.iter().map(|c| cell(c)).collect::<String>()
            )
        };
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t>表1</w:t></w:r></w:p><w:tbl>{}{}</w:tbl>\
             <w:p><w:r><w:t>完。</w:t></w:r></w:p></w:body></w:document>",
            row(&["指标", "单位", "2025年"]),
            row(&["粮食产量", "吨", "12,800"]),
        );
        let t = docx_text(&docx(&xml), &Budget::new(1 << 20)).unwrap();
        assert_eq!(
            t.trim_end(),
            "表1\n\n指标\u{3000}单位\u{3000}2025年\n\n\n粮食产量\u{3000}吨\u{3000}12,800\n\n完。"
        );
        // Each row is a paragraph of its own, its cells still apart: short lines of about one
        // length are not taken for a wrapped paragraph.
        let more = (0..4)
            .map(|i| row(&[&format!("指标{i}"), "万吨", "3.5"]))
            .collect::<String>();
        let xml = xml.replace("</w:tbl>", &format!("{more}</w:tbl>"));
        let r = crate::load::load_bytes("表.docx", &docx(&xml));
        let r = r[0].as_ref().unwrap();
        let paragraphs: Vec<&str> = (0..r.paragraphs.len())
            .map(|i| r.paragraph_text(i))
            .collect();
        assert_eq!(paragraphs.len(), 8, "{paragraphs:?}");
        assert_eq!(paragraphs[1], "指标\u{3000}单位\u{3000}2025年");
        assert_eq!(paragraphs[6], "指标3\u{3000}万吨\u{3000}3.5");
        // An empty cell (`<w:tc/>`) keeps its place, and a cell's line break its row's line.
        let xml = xml
            .replace(&cell("吨"), "<w:tc/>")
            .replace("<w:t>单位</w:t>", "<w:t>计量</w:t><w:br/><w:t>单位</w:t>");
        let t = docx_text(&docx(&xml), &Budget::new(1 << 20)).unwrap();
        assert!(t.contains("粮食产量\u{3000}\u{3000}12,800"), "{t:?}");
        assert!(t.contains("指标\u{3000}计量 单位\u{3000}2025年"), "{t:?}");
    }

    #[test]
    fn a_line_of_short_cells_is_a_table_row() {
        assert!(is_table_row("　　粮食产量　万吨　48.6"));
        assert!(is_table_row("地区生产总值　亿元　　386.5"));
        // Two cells, or prose parted by spaces, are not.
        assert!(!is_table_row("市长　周文彬"));
        assert!(!is_table_row(
            "一是全年地区生产总值增长百分之六以上，城乡居民收入与经济增长基本同步。　二是　三是"
        ));
    }

    #[test]
    fn a_docx_bomb_stops_at_the_budget() {
        // 40 MB of one repeated char compresses about a thousand times.
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "增".repeat(14_000_000)
        );
        let bomb = docx(&xml);
        assert!(bomb.len() * 200 < xml.len(), "{} bytes", bomb.len());
        let e = docx_text(&bomb, &Budget::for_container(u64::MAX, bomb.len())).unwrap_err();
        assert!(e.contains("decompression budget"), "{e}");
        // Through the loader: the same file is a clear error naming it.
        let r = crate::load::load_bytes("bomb.docx", &bomb);
        let e = r[0].as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("bomb.docx: word/document.xml expands past"),
            "{e}"
        );
    }

    #[test]
    fn broken_docx_is_a_clear_error() {
        let e = docx_text(b"PK\x03\x04 not really a zip", &Budget::new(1 << 20)).unwrap_err();
        assert!(e.contains(".docx"), "{e}");
        let mut other = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut other);
            zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.finish().unwrap();
        }
        let e = docx_text(&other.into_inner(), &Budget::new(1 << 20)).unwrap_err();
        assert!(e.contains("word/document.xml"), "{e}");
    }
}
