//! Export of indicator rows: TSV, CSV (UTF-8 BOM), Markdown, JSON. Shared by CLI and TUI.
//!
//! The table formats share one column set ([`columns`], [`cells`]) so the TUI table, a pasted
//! TSV and a Markdown table all read the same.

use crate::indicators::{Indicator, Kind};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Csv,
    Markdown,
    Json,
}

/// Column headers of the table formats.
pub fn columns() -> &'static [&'static str] {
    &[
        "报告",
        "章节",
        "指标",
        "标准名",
        "数值",
        "单位",
        "亿元",
        "增减",
        "类型",
        "限定",
        "原文",
    ]
}

/// A number as a person writes it: `102`, `6.08`, `-7`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The value in 亿元 when the unit is a 万元-or-larger yuan amount (`17575万元` → 1.7575).
pub fn in_yi_yuan(row: &Indicator) -> Option<f64> {
    let v = row.value?;
    let factor = match row.unit.as_deref()? {
        "万亿元" => 1e4,
        "亿元" => 1.0,
        "千万元" => 0.1,
        "百万元" => 0.01,
        "万元" => 1e-4,
        // Per-head amounts in 元 would read as 0.0000 亿元: left blank.
        _ => return None,
    };
    Some(v * factor)
}

/// Chinese label of a kind.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Actual => "实际",
        Kind::Estimate => "预计",
        Kind::Target => "目标",
    }
}

/// The change as one cell: `同比 +6.08%`, `-7%`, `xx%`.
pub fn change_cell(row: &Indicator) -> String {
    let Some(c) = &row.change else {
        return String::new();
    };
    let v = match c.value {
        Some(v) if v > 0.0 => format!("+{}", format_number(v)),
        Some(v) => format_number(v),
        None if c.masked => "xx".to_string(),
        None => String::new(),
    };
    match &c.basis {
        Some(b) => format!("{b} {v}{}", c.unit),
        None => format!("{v}{}", c.unit),
    }
}

/// One row's cells, in the order of [`columns`].
pub fn cells(row: &Indicator) -> Vec<String> {
    let value = match row.value {
        Some(v) => format_number(v),
        None if row.masked => "xx".to_string(),
        None => String::new(),
    };
    let yi = in_yi_yuan(row)
        .map(|v| {
            let s = format!("{v:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        })
        .unwrap_or_default();
    vec![
        row.report.clone(),
        row.section.join(" > "),
        row.name.clone(),
        row.canonical.clone().unwrap_or_default(),
        value,
        row.unit.clone().unwrap_or_default(),
        yi,
        change_cell(row),
        kind_label(row.kind).to_string(),
        row.qualifier.clone().unwrap_or_default(),
        row.quote.clone(),
    ]
}

/// Render rows (with a header row where the format has one).
pub fn render(rows: &[Indicator], format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        Format::Tsv => tsv(rows),
        Format::Csv => csv(rows),
        Format::Markdown => markdown(rows),
    }
}

/// A cell for TSV: tabs and line breaks would split the table in Excel/WPS.
fn tsv_cell(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn tsv(rows: &[Indicator]) -> String {
    let mut out = columns().join("\t");
    out.push('\n');
    for r in rows {
        let line: Vec<String> = cells(r).iter().map(|c| tsv_cell(c)).collect();
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

fn csv(rows: &[Indicator]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(columns());
    for r in rows {
        let _ = w.write_record(cells(r));
    }
    let bytes = w.into_inner().unwrap_or_default();
    // The BOM makes Excel read the file as UTF-8.
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn markdown(rows: &[Indicator]) -> String {
    let header: Vec<String> = columns().iter().map(|c| md_cell(c)).collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| cells(r).iter().map(|c| md_cell(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width().max(3)).collect();
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
            s.push_str(&" ".repeat(w - c.width()));
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    let mut out = fmt_line(&header);
    out.push('|');
    for w in &widths {
        out.push_str(&"-".repeat(w + 2));
        out.push('|');
    }
    out.push('\n');
    for line in &body {
        out.push_str(&fmt_line(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{Change, Measure};

    fn row() -> Indicator {
        Indicator {
            report: "示例县.txt".into(),
            section: vec!["一、工作回顾".into()],
            name: "地区生产总值".into(),
            canonical: Some("地区生产总值".into()),
            value: Some(17575.0),
            masked: false,
            unit: Some("万元".into()),
            change: Some(Change {
                value: Some(-6.5),
                unit: "%".into(),
                masked: false,
                basis: Some("同比".into()),
                high: None,
            }),
            kind: Kind::Actual,
            qualifier: None,
            year: None,
            span: 1,
            measure: Measure::Level,
            high: None,
            quote: "全县地区生产总值17575万元,\t同比下降6.5%".into(),
            offset: 3,
            paragraph: 0,
        }
    }

    #[test]
    fn cells_follow_columns() {
        let c = cells(&row());
        assert_eq!(c.len(), columns().len());
        assert_eq!(c[4], "17575");
        assert_eq!(c[6], "1.7575");
        assert_eq!(c[7], "同比 -6.5%");
        assert_eq!(c[8], "实际");
    }

    #[test]
    fn tsv_has_header_and_clean_cells() {
        let t = render(&[row()], Format::Tsv);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("报告\t章节\t指标"));
        assert_eq!(lines[1].split('\t').count(), columns().len());
    }

    #[test]
    fn csv_has_bom_and_quotes() {
        let c = render(&[row()], Format::Csv);
        assert!(c.starts_with('\u{feff}'));
        assert!(c.contains("\r\n"));
        let mut r = row();
        r.name = "名称,带\"引号\"".into();
        let c = render(&[r], Format::Csv);
        assert!(c.contains("\"名称,带\"\"引号\"\"\""));
    }

    #[test]
    fn markdown_aligns_in_terminal_cells() {
        let m = render(&[row()], Format::Markdown);
        let widths: Vec<usize> = m.lines().map(|l| l.width()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{m}");
        assert!(m.lines().nth(1).unwrap().starts_with("|---"));
    }

    #[test]
    fn json_prints_whole_numbers_without_fraction() {
        let j = render(&[row()], Format::Json);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v[0]["value"], serde_json::json!(17575));
        assert_eq!(v[0]["change"]["value"], serde_json::json!(-6.5));
        assert!(j.contains("\"value\": 17575,"));
    }
}
