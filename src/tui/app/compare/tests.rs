use super::*;
use baogao_core::panel::compare::CompareCell;

fn model(cells: Vec<Vec<CompareCell>>, years: Vec<i32>) -> Compare {
    Compare {
        indicator: "地区生产总值".into(),
        measure: Measure::Growth,
        years,
        rows: cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| (format!("第{i}区"), c))
            .collect(),
    }
}

#[test]
fn result_kinds_admit_targets_always() {
    for k in [ResultKind::Any, ResultKind::Actual, ResultKind::Estimate] {
        assert!(k.admits(Kind::Target));
        assert_eq!(k.next().next().next(), k);
    }
    assert!(ResultKind::Any.admits(Kind::Estimate));
    assert!(!ResultKind::Actual.admits(Kind::Estimate));
    assert!(!ResultKind::Estimate.admits(Kind::Actual));
}

#[test]
fn the_first_selected_year_is_the_latest_judged_one() {
    let judged = CompareCell {
        target: Some((6.0, None, None)),
        met: Some(true),
        ..Default::default()
    };
    let target = CompareCell {
        target: Some((5.0, None, None)),
        ..Default::default()
    };
    let empty = CompareCell::default();
    let m = model(
        vec![vec![judged.clone(), target.clone(), empty.clone()]],
        vec![2021, 2022, 2023],
    );
    assert_eq!(default_column(&m), 0);
    let m = model(
        vec![vec![empty.clone(), target, empty.clone()]],
        vec![2021, 2022, 2023],
    );
    assert_eq!(default_column(&m), 2);
    let m = model(vec![vec![empty.clone(), empty]], vec![2021, 2022]);
    assert_eq!(default_column(&m), 2);
    assert_eq!(default_column(&model(vec![], vec![])), 0);
}

#[test]
fn column_widths_count_display_cells_and_fit_the_year() {
    let cell = |t: f64, q: Option<&str>, r: Option<f64>| CompareCell {
        target: Some((t, None, q.map(String::from))),
        target_unit: Some("%".into()),
        result: r.map(|x| (x, Kind::Actual)),
        result_unit: Some("%".into()),
        gap: r.map(|x| x - t),
        ..Default::default()
    };
    let m = model(
        vec![
            vec![cell(6.5, Some("左右"), Some(6.0)), CompareCell::default()],
            vec![cell(7.0, None, None), CompareCell::default()],
        ],
        vec![2023, 2024],
    );
    let (texts, widths, place) = cell_texts(&m);
    assert_eq!(texts[0][0].target, "6.5%左右");
    // `6.5%左右` is 8 cells wide, not 6 chars.
    assert_eq!(widths[0], (8, 2, 4));
    // An empty year still fits its heading.
    assert!(year_width(widths[1]) >= 4);
    assert_eq!(place, "第0区".width());
}

use unicode_width::UnicodeWidthStr;
