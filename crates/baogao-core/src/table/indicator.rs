//! The indicator table: its columns, the text of each cell, the order rows sort in, and the one
//! rule for what a table written out holds.
//!
//! **What a written table holds** (the CLI `indicators`, the TUI's export `e`, copy `y`, print
//! `p`, and `Y` for one row): every column of [`EXPORT_COLUMNS`] — the eleven of old, then
//! 年份 年数 度量 数值上限 增减上限 — for the rows given, in the format given. Numbers follow
//! [`format_number`]. JSON formats serialise the [`Indicator`] rows themselves (the JSON
//! contract). A screen shows a subset ([`Column::Label`], [`Column::Figure`] and
//! [`Column::Period`] are compact forms for it); what it shows never changes what is written.

use super::collate::collate;
use super::number::{format_number, quantity, yi_yuan_text};
use super::render::{self, Destination, Format, Table};
use crate::indicators::{FigureRef, Indicator, Kind, Measure};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 报告: the report's path as given.
    Report,
    /// 章节: the section path, `一、… > (一)…`.
    Section,
    /// 指标: the name as written.
    Name,
    /// 标准名: the standard (canonical) name of a core indicator.
    Canonical,
    /// 数值: the figure (a range's low end), `xx` when masked.
    Value,
    /// 单位.
    Unit,
    /// 亿元: a yuan amount of 万元 and up in 亿元.
    YiYuan,
    /// 增减: the change with its basis, `同比 +6.5%`, a range as `+5–5.5%`.
    Change,
    /// 类型: 实际, 预计 or 目标.
    Kind,
    /// 限定: 左右, 以上 …
    Qualifier,
    /// 原文: the sentence.
    Quote,
    /// 年份: the year the figure describes (the last year of a period).
    Year,
    /// 年数: how many years the figure covers (1, or a period's length).
    Span,
    /// 度量: 增速 (a change) or 水平 (an amount or rate).
    Measure,
    /// 数值上限: the upper end of the figure's range.
    High,
    /// 增减上限: the upper end of the change's range.
    ChangeHigh,
    /// 指标 on screen: the standard name where there is one, else the name as written.
    Label,
    /// 数值 on screen: the figure with its range, `5–5.5`.
    Figure,
    /// 年份 on screen: the year, or the period `2021–2025` when it spans several.
    Period,
}

/// The columns of a written table, in order. The first eleven keep their positions of old.
pub const EXPORT_COLUMNS: [Column; 16] = [
    Column::Report,
    Column::Section,
    Column::Name,
    Column::Canonical,
    Column::Value,
    Column::Unit,
    Column::YiYuan,
    Column::Change,
    Column::Kind,
    Column::Qualifier,
    Column::Quote,
    Column::Year,
    Column::Span,
    Column::Measure,
    Column::High,
    Column::ChangeHigh,
];

impl Column {
    /// The header cell.
    pub fn header(self) -> &'static str {
        match self {
            Column::Report => "报告",
            Column::Section => "章节",
            Column::Name | Column::Label => "指标",
            Column::Canonical => "标准名",
            Column::Value | Column::Figure => "数值",
            Column::Unit => "单位",
            Column::YiYuan => "亿元",
            Column::Change => "增减",
            Column::Kind => "类型",
            Column::Qualifier => "限定",
            Column::Quote => "原文",
            Column::Year | Column::Period => "年份",
            Column::Span => "年数",
            Column::Measure => "度量",
            Column::High => "数值上限",
            Column::ChangeHigh => "增减上限",
        }
    }
}

/// Chinese label of a kind.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Actual => "实际",
        Kind::Estimate => "预计",
        Kind::Target => "目标",
    }
}

/// Chinese label of a measure.
pub fn measure_label(m: Measure) -> &'static str {
    match m {
        Measure::Growth => "增速",
        Measure::Level => "水平",
    }
}

fn opt_number(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

/// `low–high` when there is an upper end (`low` already written).
fn range(low: &str, high: Option<f64>) -> String {
    match high {
        Some(h) if !low.is_empty() => format!("{low}–{}", format_number(h)),
        _ => low.to_string(),
    }
}

/// The change as one cell: `同比 +6.08%`, `-7%`, `xx%`, `+5–5.5%`.
pub fn change_cell(row: FigureRef<'_>) -> String {
    let Some(c) = row.change else {
        return String::new();
    };
    let v = match c.value {
        Some(v) if v > 0.0 => format!("+{}", format_number(v)),
        Some(v) => format_number(v),
        None if c.masked => "xx".to_string(),
        None => String::new(),
    };
    let v = range(&v, c.high);
    match c.basis {
        Some(b) => format!("{b} {v}{}", c.unit),
        None => format!("{v}{}", c.unit),
    }
}

/// The text of one cell (unfiltered: a screen must make it safe for the terminal).
pub fn cell(row: FigureRef<'_>, col: Column) -> String {
    let value = || match row.value {
        Some(v) => format_number(v),
        None if row.masked => "xx".to_string(),
        None => String::new(),
    };
    match col {
        Column::Report => row.report.to_string(),
        Column::Section => row.section.join(" > "),
        Column::Name => row.name.to_string(),
        Column::Canonical => row.canonical.unwrap_or_default().to_string(),
        Column::Label => row.canonical.unwrap_or(row.name).to_string(),
        Column::Value => value(),
        Column::Figure => range(&value(), row.high),
        Column::Unit => row.unit.unwrap_or_default().to_string(),
        Column::YiYuan => match (row.value, row.unit) {
            (Some(v), Some(u)) => yi_yuan_text(v, u).unwrap_or_default(),
            _ => String::new(),
        },
        Column::Change => change_cell(row),
        Column::Kind => kind_label(row.kind).to_string(),
        Column::Qualifier => row.qualifier.unwrap_or_default().to_string(),
        Column::Quote => row.quote.to_string(),
        Column::Year => row.year.map(|y| y.to_string()).unwrap_or_default(),
        Column::Period => match row.year {
            Some(y) if row.span > 1 => format!("{}–{y}", y - row.span as i32 + 1),
            Some(y) => y.to_string(),
            None => String::new(),
        },
        Column::Span => row.span.to_string(),
        Column::Measure => measure_label(row.measure).to_string(),
        Column::High => opt_number(row.high),
        Column::ChangeHigh => opt_number(row.change.and_then(|c| c.high)),
    }
}

/// One row's cells for `columns`.
pub fn cells(row: &Indicator, columns: &[Column]) -> Vec<String> {
    columns.iter().map(|&c| cell(row.figure(), c)).collect()
}

/// The rows as a [`Table`] of `columns`.
pub fn indicator_table(rows: &[Indicator], columns: &[Column]) -> Table {
    Table {
        header: columns.iter().map(|c| c.header().to_string()).collect(),
        rows: rows.iter().map(|r| cells(r, columns)).collect(),
    }
}

/// The rows written out by the rule of the module doc: every [`EXPORT_COLUMNS`] column in text
/// formats, the rows' JSON contract in JSON formats.
///
/// ```
/// use baogao_core::table::{render_indicators, Destination, Format};
/// let r = baogao_core::load::from_text("r.txt", "一、2023年工作回顾\n全县地区生产总值102亿元，增长6%。", "UTF-8");
/// let rows = baogao_core::indicators::extract(&r);
/// let tsv = render_indicators(&rows, Format::Tsv, Destination::File);
/// assert!(tsv.starts_with("报告\t章节\t指标\t标准名\t数值\t单位\t亿元\t增减"));
/// assert!(tsv.lines().nth(1).unwrap().contains("\t102\t亿元\t102\t+6%\t"));
/// ```
pub fn render_indicators(rows: &[Indicator], format: Format, dest: Destination) -> String {
    render::render(rows, format, dest, |rows| {
        indicator_table(rows, &EXPORT_COLUMNS)
    })
}

/// Compare two numbers, absent ones last whatever the direction.
fn by_number(x: Option<f64>, y: Option<f64>, desc: bool) -> Ordering {
    match (x, y) {
        (Some(x), Some(y)) => {
            let o = x.total_cmp(&y);
            if desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compare two rows by a column, ascending or descending (`desc`). Empty cells go last either
/// way, and ties are broken by [`Column::Label`] in [`collate`] order (ascending), so a sort is
/// the same on every run.
///
/// - values ([`Column::Value`], [`Column::Figure`], [`Column::YiYuan`], [`Column::High`]) compare
///   in a common base unit per kind of unit ([`quantity`](super::quantity)): money first
///   (`9.7亿元` > `8260万元` > `24310元`), then `%` and the other rates, people, other units;
///   the group order stays while the direction turns the values within a group;
/// - changes compare by their unit (`%`, then `个百分点`, `倍`), then value;
/// - years, spans numerically; kinds as 实际, 预计, 目标; measures as 增速, 水平;
/// - text columns (names, sections, reports, quotes) by [`collate`] (pinyin).
pub fn compare(a: FigureRef<'_>, b: FigureRef<'_>, col: Column, desc: bool) -> Ordering {
    let dir = |o: Ordering| if desc { o.reverse() } else { o };
    let primary = match col {
        Column::Value | Column::Figure | Column::YiYuan | Column::High => {
            fn q<'a>(r: FigureRef<'a>, high: bool) -> Option<super::number::Quantity<'a>> {
                let v = if high { r.high } else { r.value }?;
                Some(quantity(v, r.unit))
            }
            let high = col == Column::High;
            match (q(a, high), q(b, high)) {
                (Some(x), Some(y)) => x
                    .group
                    .cmp(&y.group)
                    .then_with(|| by_number(Some(x.base_value), Some(y.base_value), desc)),
                (x, y) => by_number(x.map(|_| 0.0), y.map(|_| 0.0), desc),
            }
        }
        Column::Change | Column::ChangeHigh => {
            let v = |r: FigureRef<'_>| {
                let c = r.change?;
                let v = if col == Column::Change {
                    c.value
                } else {
                    c.high
                }?;
                Some((quantity(v, Some(c.unit)).group.0, v))
            };
            match (v(a), v(b)) {
                (Some(x), Some(y)) => {
                    x.0.cmp(&y.0)
                        .then_with(|| by_number(Some(x.1), Some(y.1), desc))
                }
                (x, y) => by_number(x.map(|_| 0.0), y.map(|_| 0.0), desc),
            }
        }
        Column::Year | Column::Period => {
            by_number(a.year.map(f64::from), b.year.map(f64::from), desc)
                .then_with(|| dir(a.span.cmp(&b.span)))
        }
        Column::Span => dir(a.span.cmp(&b.span)),
        Column::Kind => dir((a.kind as u8).cmp(&(b.kind as u8))),
        Column::Measure => dir(a.measure.cmp(&b.measure)),
        _ => {
            let (x, y) = (text(a, col), text(b, col));
            match (x.is_empty(), y.is_empty()) {
                (false, true) => Ordering::Less,
                (true, false) => Ordering::Greater,
                _ => dir(collate(&x, &y)),
            }
        }
    };
    primary.then_with(|| collate(&text(a, Column::Label), &text(b, Column::Label)))
}

/// A cell's text for comparing, borrowed where the row holds it (sorting a large table
/// compares many times).
fn text(row: FigureRef<'_>, col: Column) -> Cow<'_, str> {
    match col {
        Column::Report => Cow::Borrowed(row.report),
        Column::Name => Cow::Borrowed(row.name),
        Column::Canonical => Cow::Borrowed(row.canonical.unwrap_or("")),
        Column::Label => Cow::Borrowed(row.canonical.unwrap_or(row.name)),
        Column::Unit => Cow::Borrowed(row.unit.unwrap_or("")),
        Column::Qualifier => Cow::Borrowed(row.qualifier.unwrap_or("")),
        Column::Quote => Cow::Borrowed(row.quote),
        _ => Cow::Owned(cell(row, col)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Change;

    pub(crate) fn row(name: &str, value: Option<f64>, unit: &str) -> Indicator {
        Indicator {
            report: "示例县.txt".into(),
            section: vec!["一、工作回顾".to_string(), "(一)经济".to_string()].into(),
            name: name.into(),
            canonical: Some(name.into()),
            value,
            masked: value.is_none(),
            unit: Some(unit.into()),
            change: Some(Box::new(Change {
                value: Some(-6.5),
                unit: "%".into(),
                masked: false,
                basis: Some("同比".into()),
                high: None,
            })),
            kind: Kind::Actual,
            qualifier: None,
            year: None,
            span: 1,
            measure: Measure::Level,
            high: None,
            quote: format!("全县{name}同比下降6.5%").into(),
            offset: 3,
            paragraph: 0,
        }
    }

    fn names(rows: &[Indicator]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn export_keeps_old_positions_and_appends_new_columns() {
        let h: Vec<&str> = EXPORT_COLUMNS.iter().map(|c| c.header()).collect();
        assert_eq!(
            h,
            [
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
                "年份",
                "年数",
                "度量",
                "数值上限",
                "增减上限"
            ]
        );
        let mut r = row("地区生产总值", Some(17575.0), "万元");
        r.year = Some(2023);
        let c = cells(&r, &EXPORT_COLUMNS);
        assert_eq!(c[1], "一、工作回顾 > (一)经济");
        assert_eq!(c[4], "17575");
        assert_eq!(c[6], "1.7575");
        assert_eq!(c[7], "同比 -6.5%");
        assert_eq!(c[8], "实际");
        assert_eq!(&c[11..], ["2023", "1", "水平", "", ""]);
    }

    #[test]
    fn ranges_periods_and_growth_rows() {
        let mut r = row("地区生产总值", None, "");
        r.masked = false;
        r.unit = None;
        r.measure = Measure::Growth;
        r.kind = Kind::Target;
        r.qualifier = Some("左右".into());
        r.change = Some(Box::new(Change {
            value: Some(5.0),
            unit: "%".into(),
            masked: false,
            basis: None,
            high: Some(5.5),
        }));
        r.year = Some(2025);
        r.span = 5;
        assert_eq!(cell(r.figure(), Column::Change), "+5–5.5%");
        assert_eq!(cell(r.figure(), Column::ChangeHigh), "5.5");
        assert_eq!(cell(r.figure(), Column::Measure), "增速");
        assert_eq!(cell(r.figure(), Column::Period), "2021–2025");
        assert_eq!(cell(r.figure(), Column::Span), "5");
        let mut l = row("粮食产量", Some(4.5), "万吨");
        l.high = Some(5.0);
        assert_eq!(cell(l.figure(), Column::Figure), "4.5–5");
        assert_eq!(cell(l.figure(), Column::Value), "4.5");
        assert_eq!(cell(l.figure(), Column::High), "5");
        assert_eq!(cell(l.figure(), Column::Period), "");
    }

    #[test]
    fn every_destination_holds_the_same_cells() {
        let rows = [
            row("地区生产总值", Some(102.0), "亿元"),
            row("税收收入", None, "万元"),
        ];
        let file = render_indicators(&rows, Format::Tsv, Destination::File);
        let clip = render_indicators(&rows, Format::Tsv, Destination::Clipboard);
        let one = render_indicators(&rows[1..], Format::Tsv, Destination::Rows);
        assert_eq!(file, clip);
        assert_eq!(file.lines().nth(2), one.lines().next());
        assert_eq!(one.lines().count(), 1);
        for line in file.lines() {
            assert_eq!(line.split('\t').count(), EXPORT_COLUMNS.len(), "{line}");
        }
        // The row carries what a pasted row needs: report, section, quote.
        let pasted: Vec<&str> = one.trim_end().split('\t').collect();
        assert_eq!(pasted[0], "示例县.txt");
        assert_eq!(pasted[1], "一、工作回顾 > (一)经济");
        assert_eq!(pasted[10], "全县税收收入同比下降6.5%");
        let json = render_indicators(&rows[..1], Format::Json, Destination::Rows);
        let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert_eq!(v["report"], "示例县.txt");
        assert_eq!(v["value"], serde_json::json!(102));
    }

    #[test]
    fn values_sort_in_a_common_base_unit() {
        let mut rows = vec![
            row("人均收入", Some(24310.0), "元"),
            row("增速", Some(5.0), "%"),
            row("乙收入", Some(52.3), "亿元"),
            row("丙收入", Some(8260.0), "万元"),
            row("甲收入", Some(9.7), "亿元"),
            row("总量", Some(1.2), "万亿元"),
            row("遮盖", None, "亿元"),
            row("人口", Some(3.5), "万人"),
        ];
        rows.sort_by(|a, b| compare(a.figure(), b.figure(), Column::Value, false));
        assert_eq!(
            names(&rows),
            [
                "人均收入",
                "丙收入",
                "甲收入",
                "乙收入",
                "总量",
                "增速",
                "人口",
                "遮盖"
            ]
        );
        rows.sort_by(|a, b| compare(a.figure(), b.figure(), Column::Value, true));
        assert_eq!(
            names(&rows),
            [
                "总量",
                "乙收入",
                "甲收入",
                "丙收入",
                "人均收入",
                "增速",
                "人口",
                "遮盖"
            ]
        );
    }

    #[test]
    fn ties_break_by_name_and_names_by_pinyin() {
        let mut rows = vec![
            row("粮食产量", Some(5.0), "%"),
            row("地区生产总值", Some(5.0), "%"),
            row("一般公共预算收入", Some(5.0), "%"),
        ];
        for desc in [false, true] {
            rows.sort_by(|a, b| compare(a.figure(), b.figure(), Column::Value, desc));
            assert_eq!(
                names(&rows),
                ["地区生产总值", "粮食产量", "一般公共预算收入"]
            );
        }
        rows.sort_by(|a, b| compare(a.figure(), b.figure(), Column::Label, true));
        assert_eq!(
            names(&rows),
            ["一般公共预算收入", "粮食产量", "地区生产总值"]
        );
    }

    #[test]
    fn sort_text_is_the_cell_text() {
        let mut r = row("地区生产总值", Some(1.0), "亿元");
        r.qualifier = Some("左右".into());
        for col in EXPORT_COLUMNS
            .iter()
            .chain(&[Column::Label, Column::Figure, Column::Period])
        {
            assert_eq!(text(r.figure(), *col), cell(r.figure(), *col), "{col:?}");
        }
        r.canonical = None;
        assert_eq!(
            text(r.figure(), Column::Label),
            cell(r.figure(), Column::Label)
        );
    }

    #[test]
    fn changes_sort_by_unit_then_value() {
        let mut a = row("甲", Some(1.0), "亿元");
        let mut b = row("乙", Some(1.0), "亿元");
        let c = row("丙", Some(1.0), "亿元");
        a.change.as_mut().unwrap().unit = "个百分点".into();
        a.change.as_mut().unwrap().value = Some(3.5);
        b.change = None;
        let mut rows = vec![a, b, c];
        rows.sort_by(|x, y| compare(x.figure(), y.figure(), Column::Change, false));
        assert_eq!(names(&rows), ["丙", "甲", "乙"]);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn any_row() -> impl Strategy<Value = Indicator> {
            let units = prop::sample::select(vec!["元", "万元", "亿元", "%", "万人", "吨", ""]);
            let names = prop::sample::select(vec!["收入", "产量", "GDP", "地区", "乙", "（一）"]);
            (
                names,
                prop::option::of(-1e6f64..1e6),
                units,
                prop::option::of(-50f64..50.0),
                prop::option::of(1990i32..2030),
                1u32..6,
            )
                .prop_map(|(name, value, unit, change, year, span)| {
                    let mut r = row(name, value, unit);
                    r.change.as_mut().unwrap().value = change;
                    r.year = year;
                    r.span = span;
                    r
                })
        }

        proptest! {
            /// Every column orders rows totally: sorting never sees a contradiction, and the
            /// result is in order.
            #[test]
            fn every_column_is_a_total_order(
                mut rows in prop::collection::vec(any_row(), 0..40),
                desc in any::<bool>(),
            ) {
                for col in EXPORT_COLUMNS.iter().chain(&[Column::Label, Column::Figure, Column::Period]) {
                    rows.sort_by(|a, b| compare(a.figure(), b.figure(), *col, desc));
                    for w in rows.windows(2) {
                        prop_assert!(compare(w[0].figure(), w[1].figure(), *col, desc).is_le());
                        prop_assert_eq!(
                            compare(w[0].figure(), w[1].figure(), *col, desc),
                            compare(w[1].figure(), w[0].figure(), *col, desc).reverse()
                        );
                    }
                }
            }
        }
    }
}
