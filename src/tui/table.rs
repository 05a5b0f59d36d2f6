//! The indicator table: columns, cell text, sorting, TSV.

use baogao_core::indicators::{Indicator, Kind};
use std::cmp::Ordering;

/// Table columns, in display order (`Report` only shows when the table spans reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Report,
    Name,
    Value,
    Unit,
    Change,
    Kind,
    Qualifier,
    Section,
}

pub const COLUMNS: [Column; 7] = [
    Column::Name,
    Column::Value,
    Column::Unit,
    Column::Change,
    Column::Kind,
    Column::Qualifier,
    Column::Section,
];

impl Column {
    pub fn header(self) -> &'static str {
        match self {
            Column::Report => "报告",
            Column::Name => "指标",
            Column::Value => "数值",
            Column::Unit => "单位",
            Column::Change => "增减",
            Column::Kind => "类型",
            Column::Qualifier => "限定",
            Column::Section => "章节",
        }
    }
}

/// A number as people write it: no `.0`, no float noise.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Actual => "实际",
        Kind::Estimate => "预计",
        Kind::Target => "目标",
    }
}

/// The text of one cell (`report_name` is used by the `Report` column).
pub fn cell(ind: &Indicator, col: Column, report_name: &str) -> String {
    let s = match col {
        Column::Report => report_name.to_string(),
        Column::Name => ind.canonical.clone().unwrap_or_else(|| ind.name.clone()),
        Column::Value => match ind.value {
            Some(v) => number(v),
            None if ind.masked => "xx".to_string(),
            None => String::new(),
        },
        Column::Unit => ind.unit.clone().unwrap_or_default(),
        Column::Change => match &ind.change {
            None => String::new(),
            Some(c) => {
                let v = match c.value {
                    Some(v) if v >= 0.0 => format!("+{}", number(v)),
                    Some(v) => number(v),
                    None if c.masked => "xx".to_string(),
                    None => String::new(),
                };
                format!("{v}{}", c.unit)
            }
        },
        Column::Kind => kind_label(ind.kind).to_string(),
        Column::Qualifier => ind.qualifier.clone().unwrap_or_default(),
        Column::Section => ind.section.last().cloned().unwrap_or_default(),
    };
    // Cells go into TSV and terminal cells: one line, no controls.
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                super::wrap::safe_char(c)
            }
        })
        .collect()
}

/// Compare two rows by a column (numbers numerically, empty cells last).
pub fn compare(a: &Indicator, b: &Indicator, col: Column) -> Ordering {
    fn opt_num(x: Option<f64>, y: Option<f64>) -> Ordering {
        match (x, y) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    match col {
        Column::Value => opt_num(a.value, b.value),
        Column::Change => opt_num(
            a.change.as_ref().and_then(|c| c.value),
            b.change.as_ref().and_then(|c| c.value),
        ),
        Column::Kind => (a.kind as u8).cmp(&(b.kind as u8)),
        _ => {
            let (x, y) = (cell(a, col, ""), cell(b, col, ""));
            match (x.is_empty(), y.is_empty()) {
                (false, true) => Ordering::Less,
                (true, false) => Ordering::Greater,
                _ => x.cmp(&y),
            }
        }
    }
}

/// TSV with a header row: one line per row, cells without tabs or newlines.
pub fn tsv(columns: &[Column], rows: &[(&Indicator, &str)]) -> String {
    let mut out = columns
        .iter()
        .map(|c| c.header())
        .collect::<Vec<_>>()
        .join("\t");
    out.push('\n');
    for (ind, report) in rows {
        let cells: Vec<String> = columns.iter().map(|&c| cell(ind, c, report)).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use baogao_core::indicators::{Change, Measure};

    pub(crate) fn ind(name: &str, value: Option<f64>, unit: &str) -> Indicator {
        Indicator {
            report: "r".into(),
            section: vec!["一、回顾".into(), "(一)经济".into()],
            name: name.into(),
            canonical: None,
            value,
            masked: value.is_none(),
            unit: Some(unit.into()),
            change: Some(Change {
                value: Some(6.08),
                unit: "%".into(),
                masked: false,
                basis: None,
                high: None,
            }),
            kind: Kind::Actual,
            qualifier: None,
            year: None,
            span: 1,
            measure: Measure::Level,
            high: None,
            quote: format!("{name}{value:?}{unit}"),
            offset: 0,
            paragraph: 0,
        }
    }

    #[test]
    fn cells_and_tsv() {
        let a = ind("一般公共预算收入", Some(17575.0), "万元");
        let b = ind("税收\t收入", None, "亿元");
        assert_eq!(cell(&a, Column::Value, ""), "17575");
        assert_eq!(cell(&a, Column::Change, ""), "+6.08%");
        assert_eq!(cell(&b, Column::Value, ""), "xx");
        assert_eq!(cell(&a, Column::Section, ""), "(一)经济");
        let t = tsv(&COLUMNS, &[(&a, "r"), (&b, "r")]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "指标\t数值\t单位\t增减\t类型\t限定\t章节");
        assert_eq!(
            lines[1],
            "一般公共预算收入\t17575\t万元\t+6.08%\t实际\t\t(一)经济"
        );
        assert!(lines[2].starts_with("税收 收入\txx\t亿元"));
        assert!(lines.iter().all(|l| l.split('\t').count() == 7));
    }

    #[test]
    fn sorts_numbers_numerically_and_empty_last() {
        let mut v = [
            ind("a", Some(9.0), "个"),
            ind("b", None, "个"),
            ind("c", Some(10.5), "个"),
        ];
        v.sort_by(|x, y| compare(x, y, Column::Value));
        let names: Vec<&str> = v.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a", "c", "b"]);
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(-3.0), "-3");
    }
}
