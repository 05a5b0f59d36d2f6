//! Rows of a statistical table (`指标 | 单位 | 2010年 | 增长(%)`), as the loaders give them: a
//! paragraph a table row, its cells set apart by an ideographic space (HTML and docx cells). A
//! header row says what each column holds; every row under it whose cells line up with
//! it gives a row per column of figures. Sentences say what a figure is in words around it; a
//! table says it once, in its header, so its rows are read by columns, not by the sentence
//! grammar.

use super::lexicon::Lexicon;
use super::{Change, Indicator, Kind, Measure};
use crate::report::Report;
use crate::shared_str::SharedStr;
use std::sync::Arc;

/// What a table's header says its columns hold.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns {
    /// Cells a row has.
    count: usize,
    /// The column of the indicator's name.
    name: usize,
    /// The column of units (`单位`), if any.
    unit: Option<usize>,
    /// Columns of figures, in order.
    figures: Vec<Column>,
}

/// A column of figures: a level (`2010年`, `完成`) or a change (`增长(%)`, `比上年±%`).
#[derive(Debug, Clone, PartialEq)]
struct Column {
    at: usize,
    change: bool,
    year: Option<i32>,
    kind: Option<Kind>,
    /// A unit its header gives (`总量（亿元）`, `增长(%)`).
    unit: Option<String>,
}

/// Where a row is: its paragraph, its report's name (shared by the report's rows), and what its
/// section says of its figures' kind and year.
pub(super) struct Place<'a> {
    pub pi: usize,
    pub source: &'a Arc<str>,
    pub sec_kind: Option<Kind>,
    pub title_year: Option<i32>,
}

/// Words a name column is headed by.
const NAME_HEADS: &[&str] = &["指标", "指标名称", "主要指标", "项目", "名称", "指标名"];
/// Words a unit column is headed by.
const UNIT_HEADS: &[&str] = &["单位", "计量单位"];
/// Words that head a column of changes.
const CHANGE_WORDS: &[&str] = &["增长", "增速", "增幅", "增减", "比上年", "同比", "±"];
/// Words that head a column of levels, by the kind they say (`None`: the year or section says).
const LEVEL_WORDS: &[(&str, Option<Kind>)] = &[
    ("预期目标", Some(Kind::Target)),
    ("目标", Some(Kind::Target)),
    ("计划", Some(Kind::Target)),
    ("预期", Some(Kind::Target)),
    ("预计", Some(Kind::Estimate)),
    ("实际", Some(Kind::Actual)),
    ("完成", Some(Kind::Actual)),
    ("实绩", Some(Kind::Actual)),
    ("绝对值", None),
    ("绝对数", None),
    ("总量", None),
    ("数值", None),
];

/// A row's cells, trimmed, with their byte offsets in `text` (an empty cell is kept: its place
/// says which column the next is); `None` unless the paragraph is a row of cells
/// ([`crate::load::is_table_row`]).
pub(super) fn cells(text: &str) -> Option<Vec<(usize, &str)>> {
    if !crate::load::is_table_row(text) {
        return None;
    }
    let body = text.trim_start_matches(['\u{3000}', ' ']);
    let base = text.len() - body.len();
    let mut out = Vec::new();
    let mut start = base;
    let ends = body.char_indices().map(|(i, c)| (base + i, c));
    for (i, c) in ends.chain(std::iter::once((text.len(), '\u{3000}'))) {
        if c == '\u{3000}' {
            let piece = &text[start..i];
            out.push((start + piece.len() - piece.trim_start().len(), piece.trim()));
            start = i + c.len_utf8();
        }
    }
    while out.last().is_some_and(|(_, c)| c.is_empty()) {
        out.pop();
    }
    Some(out)
}

/// The cells that are not empty.
fn filled<'a>(cells: &[(usize, &'a str)]) -> Vec<(usize, &'a str)> {
    cells
        .iter()
        .copied()
        .filter(|(_, c)| !c.is_empty())
        .collect()
}

impl Columns {
    /// The columns a header row names, if it is one: a name column and at least one column of
    /// figures, every cell a heading (no figures).
    pub(super) fn of_header(cells: &[(usize, &str)]) -> Option<Columns> {
        // Cells padded apart (`指标　　单位`) are one column each.
        let cells = filled(cells);
        let folded: Vec<String> = cells
            .iter()
            .map(|(_, c)| crate::fold::fold(c).replace(' ', ""))
            .collect();
        let name = folded
            .iter()
            .position(|c| NAME_HEADS.contains(&c.as_str()))?;
        let mut unit = None;
        let mut figures = Vec::new();
        for (at, c) in folded.iter().enumerate() {
            if at == name {
                continue;
            }
            if UNIT_HEADS.contains(&c.as_str()) {
                unit = Some(at);
                continue;
            }
            let (head, col_unit) = split_unit(c);
            let year = year_in(head);
            let change = CHANGE_WORDS.iter().any(|w| head.contains(w));
            let kind = LEVEL_WORDS
                .iter()
                .find(|(w, _)| head.contains(w))
                .map(|&(_, k)| k);
            if !change && kind.is_none() && year.is_none() {
                // Not a heading this reads (`备注`, `序号`), or not a header at all.
                if head.bytes().any(|b| b.is_ascii_digit()) {
                    return None;
                }
                continue;
            }
            let unit = match col_unit {
                Some(u) => Some(u.to_string()),
                None if change && head.contains("百分点") => Some("个百分点".to_string()),
                None if change => Some("%".to_string()),
                None => None,
            };
            figures.push(Column {
                at,
                change,
                year,
                kind: kind.flatten(),
                unit,
            });
        }
        (!figures.is_empty()).then_some(Columns {
            count: cells.len(),
            name,
            unit,
            figures,
        })
    }

    /// The rows one table row gives; `None` when its cells do not line up with the header (the
    /// table has ended).
    pub(super) fn read(
        &self,
        lex: &Lexicon,
        report: &Report,
        at: &Place,
        cells: &[(usize, &str)],
    ) -> Option<Vec<Indicator>> {
        let Place {
            pi,
            source,
            sec_kind,
            title_year,
        } = *at;
        // Cells padded apart line up once the padding goes; an empty cell holds its column.
        let compact = filled(cells);
        let cells = if compact.len() == self.count {
            &compact[..]
        } else if cells.len() == self.count {
            cells
        } else {
            return None;
        };
        let (name_at, name_cell) = cells[self.name];
        if number(name_cell).is_some() {
            return None;
        }
        let (name, name_unit) = split_unit(name_cell);
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let row_unit = self
            .unit
            .map(|u| cells[u].1)
            .filter(|u| is_unit(u))
            .or(name_unit);
        let para = &report.paragraphs[pi];
        let text = report.paragraph_text(pi);
        let quote_range = para.range().start..para.range().start + text.trim_end().len();
        let lead = text.len() - text.trim_start().len();
        let quote = SharedStr::slice(&report.text, quote_range.start + lead..quote_range.end);
        let section: Arc<[String]> = report.section_titles(pi).into();
        let entry = lex.lookup(name);
        let offset = para.char_start() + text[..name_at].chars().count();
        let kind_of = |c: &Column| {
            c.kind
                .or(sec_kind)
                .unwrap_or(match (c.year.or(title_year), report.meta.year) {
                    (Some(y), Some(r)) if y >= r => Kind::Target,
                    _ => Kind::Actual,
                })
        };
        let row = |c: &Column, value: Option<f64>, change: Option<(f64, String)>| Indicator {
            report: source.clone(),
            section: section.clone(),
            name: name.to_string(),
            canonical: entry.map(|e| lex.indicators()[e].canonical.clone()),
            value,
            masked: false,
            unit: value.and(c.unit.as_deref().or(row_unit)).map(Into::into),
            change: change.map(|(v, unit)| {
                Box::new(Change {
                    value: Some(v),
                    unit,
                    masked: false,
                    basis: None,
                    high: None,
                })
            }),
            kind: kind_of(c),
            qualifier: None,
            quote: quote.clone(),
            offset,
            year: c.year.or(title_year),
            span: 1,
            measure: Measure::of_row(value.is_some()),
            high: None,
            paragraph: pi,
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.figures.len() {
            let c = &self.figures[i];
            let value = number(cells[c.at].1);
            // A change column right after a level column, saying no year or kind of its own, is
            // that level's change (`2010年 | 增长(%)`).
            let paired = self
                .figures
                .get(i + 1)
                .filter(|n| !c.change && n.change && n.year.is_none() && n.kind.is_none());
            let change = match paired {
                Some(n) => number(cells[n.at].1).map(|v| (v, n.unit.clone().unwrap_or_default())),
                None => None,
            };
            i += 1 + usize::from(paired.is_some());
            if c.change {
                if let Some(v) = value {
                    out.push(row(c, None, Some((v, c.unit.clone().unwrap_or_default()))));
                }
            } else if value.is_some() {
                out.push(row(c, value, change));
            } else if change.is_some() {
                // No level, but its change (`— | 8.5`): a growth of the level column's year.
                out.push(row(c, None, change));
            }
        }
        Some(out)
    }
}

/// `总量（亿元）` → (`总量`, `亿元`): a unit in brackets at a heading's or a name's end.
fn split_unit(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_suffix(close) {
            if let Some(k) = inner.rfind(open) {
                let unit = inner[k + open.len_utf8()..].trim();
                if is_unit(unit) {
                    return (&inner[..k], Some(unit));
                }
            }
        }
    }
    (t, None)
}

/// A unit cell: short, no digits, not a dash.
fn is_unit(s: &str) -> bool {
    let n = s.chars().count();
    (1..=6).contains(&n) && !s.chars().any(|c| c.is_ascii_digit() || is_blank(c))
}

/// A cell that says "no figure".
fn is_blank(c: char) -> bool {
    matches!(c, '-' | '—' | '－' | '/' | '／' | '…')
}

/// A year a heading names (`2010年`, `2011年目标`).
fn year_in(head: &str) -> Option<i32> {
    let k = head.find('年')?;
    let digits = head[..k]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let y: i32 = head[k - digits..k].parse().ok()?;
    (digits == 4 && (1949..=2100).contains(&y)).then_some(y)
}

/// A cell's figure: a decimal with an optional sign and thousands commas, else `None`.
fn number(cell: &str) -> Option<f64> {
    let s: String = crate::fold::fold(cell)
        .chars()
        .filter(|&c| c != ',' && c != ' ')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let s = s.strip_suffix('%').unwrap_or(&s);
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse().ok().filter(|v: &f64| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Indicator> {
        let report = crate::load::from_text("r.txt", text, "UTF-8");
        super::super::extract(&report)
    }

    #[test]
    fn a_header_names_its_columns() {
        let c = cells("指标\u{3000}单位\u{3000}2010年\u{3000}增长(%)").unwrap();
        let cols = Columns::of_header(&c).unwrap();
        assert_eq!((cols.count, cols.name, cols.unit), (4, 0, Some(1)));
        let f: Vec<_> = cols
            .figures
            .iter()
            .map(|c| (c.at, c.change, c.year))
            .collect();
        assert_eq!(f, [(2, false, Some(2010)), (3, true, None)]);
        // A line parted by spaces but naming no column, or holding figures, is no header.
        assert!(cells("市长\u{3000}周文彬").is_none());
        let c = cells("项目\u{3000}甲\u{3000}2010").unwrap();
        assert!(Columns::of_header(&c).is_none());
    }

    #[test]
    fn a_tables_rows_are_read_by_its_columns() {
        let s = '\u{3000}';
        let text = format!(
            "2011年青河县政府工作报告\n一、2010年工作回顾\n主要指标如下表：\n\
             指标名称{s}单位{s}2010年完成{s}增长(%){s}2011年目标{s}增长(%)\n\
             地区生产总值{s}亿元{s}1,186.5{s}9.2{s}—{s}8.5\n\
             粮食总产量（万吨）{s}{s}48.6{s}－1.5{s}49{s}—\n\
             全年完成各项任务。\n\
             乡村道路{s}公里{s}120{s}5{s}130{s}8"
        );
        let got: Vec<_> = rows(&text)
            .into_iter()
            .map(|r| {
                let ch = r.change.map(|c| (c.value, c.unit));
                (
                    r.name,
                    r.kind,
                    r.year,
                    r.value,
                    r.unit.map(|u| u.to_string()),
                    ch,
                )
            })
            .collect();
        let pct = |v: f64| Some((Some(v), "%".to_string()));
        let unit = |u: &str| Some(u.to_string());
        assert_eq!(
            got,
            [
                (
                    "地区生产总值".into(),
                    Kind::Actual,
                    Some(2010),
                    Some(1186.5),
                    unit("亿元"),
                    pct(9.2)
                ),
                (
                    "地区生产总值".into(),
                    Kind::Target,
                    Some(2011),
                    None,
                    None,
                    pct(8.5)
                ),
                (
                    "粮食总产量".into(),
                    Kind::Actual,
                    Some(2010),
                    Some(48.6),
                    unit("万吨"),
                    pct(-1.5)
                ),
                (
                    "粮食总产量".into(),
                    Kind::Target,
                    Some(2011),
                    Some(49.0),
                    unit("万吨"),
                    None
                ),
            ]
        );
    }

    #[test]
    fn a_text_files_tab_separated_table_is_read_too() {
        let text = "2026年工作计划\n一、2025年工作总结\n\t指标\t单位\t2025年完成\t增长(%)\n\
                    \t蔬菜产量\t万吨\t12.5\t3.1\n二、2026年安排\n";
        let got: Vec<_> = rows(text)
            .into_iter()
            .map(|r| (r.name, r.value, r.change.and_then(|c| c.value)))
            .collect();
        assert_eq!(got, [("蔬菜产量".to_string(), Some(12.5), Some(3.1))]);
    }

    #[test]
    fn numbers_in_cells() {
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number("－3.2"), Some(-3.2));
        assert_eq!(number("+6.0%"), Some(6.0));
        assert_eq!(number("—"), None);
        assert_eq!(number("约5"), None);
        assert_eq!(
            split_unit("地区生产总值（亿元）"),
            ("地区生产总值", Some("亿元"))
        );
        assert_eq!(year_in("2011年预期目标"), Some(2011));
        assert_eq!(year_in("十四五"), None);
    }
}
