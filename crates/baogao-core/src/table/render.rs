//! A table of text cells and its text formats: TSV, CSV, Markdown; JSON and JSON Lines for rows
//! that serialise themselves.

use crate::sanitize;
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// An output format of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Tab-separated, one line per row (pastes as a table into Excel/WPS).
    Tsv,
    /// RFC 4180 CSV with CRLF line ends (a UTF-8 BOM in files, see [`Destination`]).
    Csv,
    /// A Markdown pipe table, aligned in terminal cells.
    Markdown,
    /// One pretty-printed JSON array of row objects.
    Json,
    /// One JSON object a line (JSON Lines), for streaming into DuckDB, Polars, Spark.
    Jsonl,
}

impl Format {
    /// Every format, in the order the export dialog offers them.
    pub const ALL: [Format; 5] = [
        Format::Tsv,
        Format::Csv,
        Format::Markdown,
        Format::Json,
        Format::Jsonl,
    ];

    /// The short name (also the file extension): `tsv`, `csv`, `md`, `json`, `jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    /// Parse a name (`tsv`, `csv`, `md` or `markdown`, `json`, `jsonl`; any case).
    pub fn parse(s: &str) -> Option<Format> {
        let s = s.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .or((s == "markdown").then_some(Format::Markdown))
    }
}

/// Where a rendering goes, which decides the framing around the same rows and cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A file or standard output (`baogao indicators`, the export dialog, `p`): header row;
    /// CSV starts with a UTF-8 BOM so Excel reads it as UTF-8.
    File,
    /// The clipboard (`y`): as [`Destination::File`] but without the BOM, which would paste as
    /// an invisible character in the first cell.
    Clipboard,
    /// Rows to paste under a table copied before (`Y`): no header, no BOM, no Markdown rule
    /// line; JSON as one compact object a line.
    Rows,
}

/// A table of text cells: a header and rows of the same length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table as TSV, CSV or Markdown. JSON formats have no meaning for bare text cells:
    /// rows that serialise render them with [`render`]; here they give TSV.
    pub fn render(&self, format: Format, dest: Destination) -> String {
        let header = dest != Destination::Rows;
        match format {
            Format::Csv => self.csv(header, dest == Destination::File),
            Format::Markdown => self.markdown(header),
            Format::Tsv | Format::Json | Format::Jsonl => self.tsv(header),
        }
    }

    fn tsv(&self, header: bool) -> String {
        let mut out = String::new();
        let lines = header.then_some(&self.header).into_iter().chain(&self.rows);
        for line in lines {
            let cells: Vec<String> = line.iter().map(|c| one_line(c)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    fn csv(&self, header: bool, bom: bool) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let lines = header.then_some(&self.header).into_iter().chain(&self.rows);
        for line in lines {
            // CSV quotes line breaks, so a cell keeps them; other controls are shown.
            let cells = line.iter().map(|c| sanitize::visible_lines(c));
            // Writing to a Vec cannot fail.
            let _ = w.write_record(cells.map(|c| c.into_owned()));
        }
        let bytes = w.into_inner().unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        if bom {
            format!("\u{feff}{text}")
        } else {
            text.into_owned()
        }
    }

    fn markdown(&self, header: bool) -> String {
        let md = |s: &String| one_line(&s.replace('\\', "\\\\").replace('|', "\\|"));
        let head: Vec<String> = self.header.iter().map(md).collect();
        let body: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(md).collect())
            .collect();
        let mut widths: Vec<usize> = head.iter().map(|h| h.width().max(3)).collect();
        for line in &body {
            for (w, c) in widths.iter_mut().zip(line) {
                *w = (*w).max(c.width());
            }
        }
        let fmt_line = |cells: &[String]| {
            let mut s = String::from("|");
            for (c, w) in cells.iter().zip(&widths) {
                s.push(' ');
                s.push_str(c);
                s.push_str(&" ".repeat(w.saturating_sub(c.width())));
                s.push_str(" |");
            }
            s.push('\n');
            s
        };
        let mut out = String::new();
        if header {
            out.push_str(&fmt_line(&head));
            out.push('|');
            for w in &widths {
                out.push_str(&"-".repeat(w + 2));
                out.push('|');
            }
            out.push('\n');
        }
        for line in &body {
            out.push_str(&fmt_line(line));
        }
        out
    }
}

/// A cell on one line: tabs and line breaks would split a TSV or Markdown row, so they become
/// spaces; any other control char (from a file name or a CSV cell) is shown, never emitted, as
/// the table may go to a terminal or the clipboard.
fn one_line(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    sanitize::visible(&spaced).into_owned()
}

/// Rows in any format: JSON and JSON Lines from the rows' own serialisation (their contract),
/// the text formats from `table` (the rows as cells).
pub fn render<T: Serialize>(
    rows: &[T],
    format: Format,
    dest: Destination,
    table: impl FnOnce(&[T]) -> Table,
) -> String {
    match format {
        Format::Json if dest != Destination::Rows => to_json(rows),
        Format::Json | Format::Jsonl => {
            let mut out = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_jsonl(&mut out, rows);
            String::from_utf8_lossy(&out).into_owned()
        }
        _ => table(rows).render(format, dest),
    }
}

/// A pretty-printed JSON array with a final newline (chars a terminal would act on escaped, as
/// in every JSON baogao writes: [`sanitize::json`]).
pub fn to_json<T: Serialize>(rows: &[T]) -> String {
    let mut s = sanitize::json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// Write rows as JSON Lines, one compact object a line, as they come (constant memory).
pub fn write_jsonl<W: Write, T: Serialize>(
    mut w: W,
    rows: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    for row in rows {
        sanitize::json::to_writer(&mut w, &row)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            header: vec!["名称".into(), "数值".into()],
            rows: vec![
                vec!["收入,带\"引号\"".into(), "1".into()],
                vec!["竖|线\t制表".into(), "22".into()],
            ],
        }
    }

    #[test]
    fn tsv_lines_keep_their_cells() {
        let t = table().render(Format::Tsv, Destination::File);
        assert_eq!(t, "名称\t数值\n收入,带\"引号\"\t1\n竖|线 制表\t22\n");
        let rows = table().render(Format::Tsv, Destination::Rows);
        assert_eq!(rows.lines().count(), 2);
        assert!(rows.starts_with("收入"));
    }

    #[test]
    fn csv_bom_only_in_files() {
        let f = table().render(Format::Csv, Destination::File);
        assert!(f.starts_with("\u{feff}名称,数值\r\n"));
        assert!(f.contains("\"收入,带\"\"引号\"\"\",1\r\n"));
        let c = table().render(Format::Csv, Destination::Clipboard);
        assert_eq!(c, f.trim_start_matches('\u{feff}'));
        let r = table().render(Format::Csv, Destination::Rows);
        assert!(r.starts_with("\"收入"), "{r}");
    }

    #[test]
    fn markdown_aligns_and_escapes() {
        let m = table().render(Format::Markdown, Destination::File);
        let widths: Vec<usize> = m.lines().map(UnicodeWidthStr::width).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{m}");
        assert!(m.contains("竖\\|线 制表"));
        let rows = table().render(Format::Markdown, Destination::Rows);
        assert_eq!(rows.lines().count(), 2);
        assert!(!rows.contains("---"));
    }

    #[test]
    fn json_and_jsonl_come_from_the_rows() {
        #[derive(Serialize)]
        struct R {
            a: u32,
        }
        let rows = [R { a: 1 }, R { a: 2 }];
        let t = |_: &[R]| Table::default();
        let j = render(&rows, Format::Json, Destination::File, t);
        assert_eq!(j, "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 2\n  }\n]\n");
        let l = render(&rows, Format::Jsonl, Destination::File, t);
        assert_eq!(l, "{\"a\":1}\n{\"a\":2}\n");
        // A JSON row for pasting is one object a line.
        assert_eq!(
            render(&rows[..1], Format::Json, Destination::Rows, t),
            "{\"a\":1}\n"
        );
    }

    /// A file name or CSV cell holding an escape sequence reaches a terminal or the clipboard
    /// through these renderings (`y` copies them raw into OSC 52's payload): it is shown.
    #[test]
    fn control_chars_in_cells_are_shown_in_every_format() {
        let t = Table {
            header: vec!["报告".into(), "数值".into()],
            rows: vec![vec![
                "\u{1b}]52;c;aGk=\u{7}某市.txt".into(),
                "增长\u{9b}2J6%\r\n下一行".into(),
            ]],
        };
        for format in Format::ALL {
            for dest in [Destination::File, Destination::Clipboard, Destination::Rows] {
                let out = t.render(format, dest);
                let bad: Vec<char> = out
                    .chars()
                    .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                    .collect();
                assert!(bad.is_empty(), "{format:?} {dest:?}: {bad:?} in {out:?}");
                assert!(out.contains("\\e]52;c;aGk=\\x07某市.txt"), "{out:?}");
                assert!(out.contains("增长\\u{9b}2J6%"), "{out:?}");
            }
        }
        // CSV keeps the cell's line break inside its quotes; TSV and Markdown make it a space.
        let csv = t.render(Format::Csv, Destination::Rows);
        assert!(csv.contains("6%\r\n下一行\""), "{csv:?}");
        let tsv = t.render(Format::Tsv, Destination::Rows);
        assert_eq!(tsv.lines().count(), 1, "{tsv:?}");
    }

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
        }
        assert_eq!(Format::parse("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::parse("xlsx"), None);
    }
}
