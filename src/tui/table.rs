//! The indicator pane's view of the core table ([`baogao_core::table`]): which columns it
//! shows, their cell text made safe for the terminal, and how wide each column is drawn.
//!
//! The pane only chooses columns; sorting, cell text and what a copy holds come from the core
//! (`y`, `Y`, `p` and `e` write every column of `EXPORT_COLUMNS`, whatever is shown here).

use baogao_core::indicators::FigureRef;
pub use baogao_core::table::Column;

/// The pane's columns, in display order: the report name leads when the table spans reports
/// (added by the app), the sentence ends the zoomed table.
pub const COLUMNS: [Column; 8] = [
    Column::Label,
    Column::Figure,
    Column::Unit,
    Column::Change,
    Column::Kind,
    Column::Qualifier,
    Column::Period,
    Column::Section,
];

/// The text of one cell on screen: the core's cell, one line, terminal-safe. The `Report`
/// column shows the report's name (`report_name`) rather than its path.
pub fn cell(ind: FigureRef<'_>, col: Column, report_name: &str) -> String {
    let s = match col {
        Column::Report => report_name.to_string(),
        _ => baogao_core::table::cell(ind, col),
    };
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                super::wrap::safe_char(c)
            }
        })
        .collect()
}

/// The width of [`cell`] in terminal cells, without building the text where the row holds it
/// (column widths look at hundreds of rows every frame).
pub fn cell_width(ind: FigureRef<'_>, col: Column, report_name: &str) -> usize {
    let w = super::wrap::str_width;
    match col {
        Column::Report => w(report_name),
        Column::Label => w(ind.canonical.unwrap_or(ind.name)),
        Column::Name => w(ind.name),
        Column::Unit => w(ind.unit.unwrap_or("")),
        Column::Qualifier => w(ind.qualifier.unwrap_or("")),
        Column::Quote => w(ind.quote),
        Column::Section => {
            ind.section.iter().map(|s| w(s)).sum::<usize>()
                + 3 * ind.section.len().saturating_sub(1)
        }
        _ => w(&cell(ind, col, report_name)),
    }
}

/// Columns that take what room is left (long text), as opposed to short cells that are shown
/// whole or not at all.
fn flexible(c: Column) -> bool {
    matches!(
        c,
        Column::Label | Column::Section | Column::Report | Column::Quote
    )
}

/// The width below which a flexible column is not squeezed (before columns are dropped).
const FLEX_MIN: usize = 8;

/// Which columns a narrow table gives up first. The name and the figure always stay.
const DROP_ORDER: [Column; 8] = [
    Column::Quote,
    Column::Section,
    Column::Report,
    Column::Qualifier,
    Column::Period,
    Column::Kind,
    Column::Unit,
    Column::Change,
];

/// Widths of `cols` (0: not shown) in a table `width` cells wide, one cell between columns,
/// given each column's widest content `natural` (header included). Short columns are shown
/// whole (`+3.5个百分点` is never cut); when they do not all fit, whole columns are dropped in
/// [`DROP_ORDER`]; long-text columns share the rest, the name first, and are cut with `…`.
pub fn fit(cols: &[Column], natural: &[usize], width: usize) -> Vec<usize> {
    let want = |i: usize| {
        if flexible(cols[i]) {
            natural[i].min(FLEX_MIN)
        } else {
            natural[i]
        }
    };
    let mut shown = vec![true; cols.len()];
    let need = |shown: &[bool]| -> usize {
        let n = shown.iter().filter(|&&s| s).count();
        (0..cols.len())
            .filter(|&i| shown[i])
            .map(want)
            .sum::<usize>()
            + n.saturating_sub(1)
    };
    for d in DROP_ORDER {
        if need(&shown) <= width {
            break;
        }
        if let Some(i) = cols.iter().position(|&c| c == d) {
            shown[i] = false;
        }
    }
    let mut w: Vec<usize> = (0..cols.len())
        .map(|i| if shown[i] { want(i) } else { 0 })
        .collect();
    let used = need(&shown);
    if used > width {
        // Too narrow even so: the widest columns give up cells, from the right.
        let mut over = used - width;
        while over > 0 {
            let Some(i) = (0..cols.len())
                .rev()
                .filter(|&i| w[i] > 1)
                .max_by_key(|&i| w[i])
            else {
                break;
            };
            w[i] -= 1;
            over -= 1;
        }
        return w;
    }
    // Room to spare: long text grows towards its content, the name first.
    let mut spare = width - used;
    let growth = [
        Column::Label,
        Column::Report,
        Column::Section,
        Column::Quote,
    ];
    for g in growth {
        if let Some(i) = cols.iter().position(|&c| c == g).filter(|&i| shown[i]) {
            let add = natural[i].saturating_sub(w[i]).min(spare);
            w[i] += add;
            spare -= add;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use baogao_core::indicators::{Change, Indicator, Kind, Measure};

    pub(crate) fn ind(name: &str, value: Option<f64>, unit: &str) -> Indicator {
        Indicator {
            report: "r".into(),
            section: vec!["一、回顾".to_string(), "(一)经济".to_string()].into(),
            name: name.into(),
            canonical: None,
            value,
            masked: value.is_none(),
            unit: Some(unit.into()),
            change: Some(Box::new(Change {
                value: Some(3.5),
                unit: "个百分点".into(),
                masked: false,
                basis: None,
                high: None,
            })),
            kind: Kind::Actual,
            qualifier: None,
            year: Some(2023),
            span: 1,
            measure: Measure::Level,
            high: None,
            quote: format!("{name}{value:?}{unit}").into(),
            offset: 0,
            paragraph: 0,
        }
    }

    #[test]
    fn cells_are_one_terminal_safe_line() {
        let a = ind("一般公共预算收入", Some(17575.0), "万元");
        let b = ind("税收\t收入\u{1b}", None, "亿元");
        assert_eq!(cell(a.figure(), Column::Figure, ""), "17575");
        assert_eq!(cell(a.figure(), Column::Change, ""), "+3.5个百分点");
        assert_eq!(cell(b.figure(), Column::Figure, ""), "xx");
        assert_eq!(cell(b.figure(), Column::Label, ""), "税收 收入\u{fffd}");
        assert_eq!(cell(a.figure(), Column::Report, "青山镇报告"), "青山镇报告");
        assert_eq!(cell(a.figure(), Column::Period, ""), "2023");
    }

    #[test]
    fn cell_width_is_the_width_of_the_cell() {
        let mut a = ind("一般公共预算收入", Some(17575.0), "万元");
        a.quote = "收入\t增长\n5%\u{1b}".into();
        a.qualifier = Some("左右".into());
        let b = ind("税收", None, "");
        for r in [&a, &b] {
            for col in COLUMNS
                .iter()
                .chain(&[Column::Report, Column::Quote, Column::Name])
            {
                let text = cell(r.figure(), *col, "青山镇报告");
                assert_eq!(
                    cell_width(r.figure(), *col, "青山镇报告"),
                    super::super::wrap::str_width(&text),
                    "{col:?} {text}"
                );
            }
        }
    }

    fn naturals(cols: &[Column]) -> Vec<usize> {
        // Widest contents of a typical table: 一般公共预算收入, 17575, 万元, +3.5个百分点 …
        cols.iter()
            .map(|c| match c {
                Column::Label => 16,
                Column::Figure => 5,
                Column::Unit => 4,
                Column::Change => 12,
                Column::Kind => 4,
                Column::Qualifier => 4,
                Column::Period => 4,
                Column::Section => 30,
                Column::Report => 20,
                _ => 60,
            })
            .collect()
    }

    #[test]
    fn short_columns_stay_whole_and_long_text_fills() {
        let n = naturals(&COLUMNS);
        for width in [28, 40, 58, 78, 118, 200] {
            let w = fit(&COLUMNS, &n, width);
            let shown = w.iter().filter(|&&x| x > 0).count();
            let total: usize = w.iter().sum::<usize>() + shown - 1;
            assert!(total <= width, "{width}: {w:?}");
            // The change is never cut: shown whole or (only below 40 cells) not at all.
            assert!(w[3] == 12 || (w[3] == 0 && width < 40), "{width}: {w:?}");
            for (i, c) in COLUMNS.iter().enumerate() {
                if !matches!(c, Column::Label | Column::Section) {
                    assert!(w[i] == 0 || w[i] == n[i], "{width} {c:?}: {w:?}");
                }
            }
            assert!(w[0] >= FLEX_MIN.min(width), "{width}: {w:?}");
        }
        // 60 columns (58 inside the borders): the change is there.
        let w = fit(&COLUMNS, &n, 58);
        assert_eq!(w[3], 12);
        // Wide: everything whole.
        assert_eq!(fit(&COLUMNS, &n, 200), n);
    }

    #[test]
    fn narrow_tables_drop_whole_columns_in_order() {
        let n = naturals(&COLUMNS);
        let w = fit(&COLUMNS, &n, 50);
        assert_eq!(w[7], 0, "the section goes first: {w:?}");
        let w = fit(&COLUMNS, &n, 36);
        assert!(w[5] == 0 && w[6] == 0, "then qualifier and year: {w:?}");
        assert!(w[1] > 0 && w[0] > 0);
        // Absurdly narrow: still within the width.
        let w = fit(&COLUMNS, &n, 10);
        assert!(w.iter().filter(|&&x| x > 0).count() <= 2, "{w:?}");
    }
}
