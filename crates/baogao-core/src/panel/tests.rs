//! Panel rows, dedup, periods, pivot cells, pairing and the JSON contracts, on sentences written
//! for these tests.

use super::pivot::{cell_text, pivot};
use super::table::{grid, PANEL_COLUMNS};
use super::targets::pair;
use super::*;
use crate::indicators::{extract, Change};
use crate::load::from_text;
use crate::table::{Destination, Format};

/// A report of place 青山县 and year 2024 whose text is `body`.
fn report(body: &str) -> Report {
    from_text(
        "青山县2024.txt",
        &format!("青山县2024年政府工作报告\n{body}"),
        "UTF-8",
    )
}

fn panel_of(r: &Report) -> Vec<PanelRow> {
    rows(r, &extract(r))
}

/// An indicator row built by hand: what the extractor gives once it dates rows and reads ranges.
fn ind(kind: Kind, value: Option<f64>, change: Option<(f64, Option<f64>)>) -> Indicator {
    Indicator {
        report: "青山县2024.txt".into(),
        section: Vec::new().into(),
        name: "地区生产总值".into(),
        canonical: Some("地区生产总值".into()),
        value,
        masked: false,
        unit: value.map(|_| "亿元".into()),
        change: change.map(|(v, high)| {
            Box::new(Change {
                value: Some(v),
                unit: "%".into(),
                masked: false,
                basis: None,
                high,
            })
        }),
        kind,
        qualifier: None,
        quote: String::new().into(),
        offset: 0,
        year: None,
        span: 1,
        measure: Measure::of_row(value.is_some()),
        high: None,
        paragraph: 0,
    }
}

fn row(place: &str, year: i32, kind: Kind, value: f64, report: &str) -> PanelRow {
    PanelRow {
        place: Some(place.into()),
        level: crate::meta::level_of(place),
        year: Some(year),
        span: 1,
        indicator: "地区生产总值".into(),
        kind,
        measure: Measure::Growth,
        value,
        high: None,
        unit: Some("%".into()),
        qualifier: None,
        report: report.into(),
        section: Vec::new().into(),
        quote: String::new().into(),
        offset: 0,
        main_statement: false,
        written: None,
        restated: false,
    }
}

#[test]
fn a_level_and_a_change_are_two_rows() {
    let r = report("一、2023年工作回顾\n全县地区生产总值完成88.5亿元，比上年增长6.4%。\n");
    let p = panel_of(&r);
    assert_eq!(p.len(), 2, "{p:#?}");
    let level = p.iter().find(|x| x.measure == Measure::Level).unwrap();
    let growth = p.iter().find(|x| x.measure == Measure::Growth).unwrap();
    assert_eq!((level.value, level.unit.as_deref()), (88.5, Some("亿元")));
    assert_eq!((growth.value, growth.unit.as_deref()), (6.4, Some("%")));
    assert_eq!(growth.place.as_deref(), Some("青山县"));
    assert_eq!(growth.level.map(|l| l.as_str()), Some("county"));
    // The review describes the year before the report.
    assert_eq!((growth.year, growth.span), (Some(2023), 1));
}

#[test]
fn a_target_describes_the_report_year_and_a_yearly_average_a_period() {
    let r = report(
        "二、今后五年目标\n到2028年，全县地区生产总值年均增长7%以上。\n\
         三、2024年工作安排\n今年主要预期目标是：地区生产总值增长6.5%左右。\n",
    );
    let p = panel_of(&r);
    let targets: Vec<(Option<i32>, u32, f64)> = p
        .iter()
        .filter(|x| x.kind == Kind::Target && x.measure == Measure::Growth)
        .map(|x| (x.year, x.span, x.value))
        .collect();
    assert!(targets.contains(&(Some(2024), 1, 6.5)), "{targets:?}");
    assert!(
        !targets.iter().any(|t| t.1 == 1 && t.2 == 7.0),
        "a five-year average taken for an annual target: {targets:?}"
    );
}

#[test]
fn growth_since_a_base_year_is_not_one_years_growth() {
    let r = report("一、过去五年回顾\n2023年，全县地区生产总值达到120亿元，比2018年增长40%。\n");
    let p = panel_of(&r);
    let g = p.iter().find(|x| x.measure == Measure::Growth).unwrap();
    assert_eq!((g.year, g.span, g.value), (Some(2023), 5, 40.0));
}

#[test]
fn a_year_the_extractor_gives_is_kept() {
    let r = report("正文\n");
    let mut i = ind(Kind::Actual, None, Some((5.0, None)));
    i.year = Some(2019);
    let p = rows(&r, &[i]);
    assert_eq!((p[0].year, p[0].span), (Some(2019), 1));
    // A yearly average stays a period figure even when marked as one year's.
    let mut a = ind(Kind::Target, None, Some((6.0, None)));
    a.year = Some(2025);
    a.change.as_mut().unwrap().basis = Some("年均".into());
    let p = rows(&r, &[a]);
    assert_eq!((p[0].year, p[0].span), (Some(2025), 5));
}

#[test]
fn a_range_keeps_both_ends() {
    let r = report("正文\n");
    let mut t = ind(Kind::Target, None, Some((4.5, Some(5.0))));
    t.year = Some(2024);
    let p = rows(&r, &[t]);
    assert_eq!((p[0].value, p[0].high), (4.5, Some(5.0)));
    assert_eq!(pivot::cell(&p[0]), "4.5–5%");
    let mut l = ind(Kind::Target, Some(300.0), None);
    l.high = Some(320.0);
    l.year = Some(2024);
    let p = rows(&r, &[l]);
    assert_eq!((p[0].value, p[0].high), (300.0, Some(320.0)));
}

#[test]
fn a_figure_stated_twice_is_one_row() {
    let r = report(
        "一、2023年工作回顾\n地区生产总值增长6.4%。\n\
         二、成绩\n全年地区生产总值增长6.4%，好于预期。\n",
    );
    let p = panel_of(&r);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].value, 6.4);
}

#[test]
fn the_main_targets_statement_wins_over_an_earlier_mention() {
    let r = report(
        "二、2024年工作安排\n今年全县地区生产总值增长8%，努力实现更好结果。\n\
         经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长5%。\n",
    );
    let p = panel_of(&r);
    let gdp: Vec<&PanelRow> = p
        .iter()
        .filter(|x| &*x.indicator == "地区生产总值" && x.kind == Kind::Target)
        .collect();
    assert_eq!(gdp.len(), 1, "{p:#?}");
    assert_eq!(
        (gdp[0].value, gdp[0].qualifier.as_deref()),
        (7.0, Some("左右"))
    );
}

#[test]
fn targets_listed_one_a_line_count_as_the_statement() {
    let r = report(
        "二、2024年工作安排\n今年全县地区生产总值增长8%，努力实现更好结果。\n\
         主要预期目标是：\n地区生产总值增长7.5%；\n固定资产投资增长9%。\n",
    );
    let p = panel_of(&r);
    let gdp: Vec<f64> = p
        .iter()
        .filter(|x| &*x.indicator == "地区生产总值" && x.kind == Kind::Target)
        .map(|x| x.value)
        .collect();
    assert_eq!(gdp, [7.5], "{p:#?}");
}

#[test]
fn a_qualifier_goes_to_the_figure_it_is_written_with() {
    let r = report(
        "二、今后目标\n今年全县地区生产总值达到150亿元，增长8%以上。\n\
         一、回顾\n去年地区生产总值超过140亿元，增长6.0%。\n",
    );
    let p = panel_of(&r);
    let q = |kind: Kind, m: Measure| {
        p.iter()
            .find(|x| x.kind == kind && x.measure == m)
            .map(|x| x.qualifier.clone())
    };
    assert_eq!(q(Kind::Target, Measure::Growth), Some(Some("以上".into())));
    assert_eq!(q(Kind::Target, Measure::Level), Some(None));
    assert_eq!(q(Kind::Actual, Measure::Level), Some(Some("超过".into())));
    assert_eq!(q(Kind::Actual, Measure::Growth), Some(None));
}

#[test]
fn a_range_of_a_change_keeps_its_qualifier_beside_a_level() {
    let r = report("正文\n");
    let mut t = ind(Kind::Target, Some(3000.0), Some((5.0, Some(5.5))));
    t.year = Some(2024);
    t.qualifier = Some("左右".into());
    t.quote = "地区生产总值达到3000亿元,增长5%—5.5%左右".into();
    let p = rows(&r, &[t]);
    let g = p.iter().find(|x| x.measure == Measure::Growth).unwrap();
    assert_eq!(
        (g.value, g.high, g.qualifier.as_deref()),
        (5.0, Some(5.5), Some("左右"))
    );
    assert_eq!(pivot::cell(g), "5–5.5%左右");
    let l = p.iter().find(|x| x.measure == Measure::Level).unwrap();
    assert_eq!(l.qualifier, None);
}

#[test]
fn a_cell_writes_the_figure_as_the_report_does() {
    let r = report("一、2023年工作回顾\n全县地区生产总值增长９．０％。\n");
    let p = panel_of(&r);
    assert_eq!(p[0].value, 9.0);
    assert_eq!(pivot::cell(&p[0]), "9.0%");
    // Written as a number is written anyway: nothing held for it, and the cell the same.
    let r = report("一、2023年工作回顾\n全县地区生产总值增长6.5%，一般公共预算收入增长１２％。\n");
    let p = panel_of(&r);
    let cells: Vec<(String, Option<String>)> = p
        .iter()
        .map(|x| (pivot::cell(x), x.written.clone()))
        .collect();
    assert_eq!(
        cells,
        [("6.5%".to_string(), None), ("12%".to_string(), None)]
    );
}

/// The rows of a report share its place and a change's unit rather than each holding a copy.
#[test]
fn a_reports_rows_share_their_place_and_units() {
    let r = report("一、2023年工作回顾\n全县地区生产总值增长6.5%，一般公共预算收入增长12%，固定资产投资增长8%。\n");
    let p = panel_of(&r);
    assert_eq!(p.len(), 3, "{p:?}");
    let place = p[0].place.as_ref().expect("a place");
    let unit = p[0].unit.as_ref().expect("a unit");
    for x in &p[1..] {
        assert!(std::sync::Arc::ptr_eq(place, x.place.as_ref().unwrap()));
        assert!(std::sync::Arc::ptr_eq(unit, x.unit.as_ref().unwrap()));
    }
}

#[test]
fn masked_figures_are_left_out() {
    let r = report("一、2023年工作回顾\n全镇地区生产总值完成xx.x亿元，增长x%。\n");
    assert!(panel_of(&r).is_empty());
}

#[test]
fn pivot_cells() {
    assert_eq!(cell_text(5.0, None, Some("%"), Some("左右")), "5%左右");
    assert_eq!(cell_text(4.5, Some(5.0), Some("%"), None), "4.5–5%");
    assert_eq!(
        cell_text(30.0, None, Some("万亿元"), Some("超过")),
        "超过30万亿元"
    );
    assert_eq!(cell_text(9.2, None, Some("%"), None), "9.2%");
}

#[test]
fn pivot_is_place_by_year_and_results_win_over_targets() {
    let mut t = row("东山区", 2023, Kind::Target, 6.0, "a.txt");
    t.qualifier = Some("左右".into());
    let rows = vec![
        t,
        row("东山区", 2023, Kind::Actual, 6.3, "b.txt"),
        row("北原市", 2022, Kind::Estimate, 5.1, "c.txt"),
        row("东山区", 2024, Kind::Target, 5.5, "b.txt"),
    ];
    let pv = pivot(&rows, "地区生产总值", Measure::Growth);
    assert_eq!(pv.years, [2022, 2023, 2024]);
    assert_eq!(
        pv.rows,
        [
            (
                "东山区".to_string(),
                vec!["".into(), "6.3%".into(), "5.5%".into()]
            ),
            (
                "北原市".to_string(),
                vec!["5.1%".into(), "".into(), "".into()]
            ),
        ]
    );
}

#[test]
fn a_target_pairs_with_the_result_of_its_year_and_place() {
    let rows = vec![
        row("东山区", 2023, Kind::Target, 6.5, "2023.txt"),
        row("东山区", 2023, Kind::Estimate, 6.0, "2023年底.txt"),
        row("东山区", 2023, Kind::Actual, 6.1, "2024.txt"),
        row("北原市", 2023, Kind::Actual, 9.0, "北原2024.txt"),
        row("东山区", 2024, Kind::Target, 6.0, "2024.txt"),
    ];
    let t = pair(&rows);
    assert_eq!(t.len(), 2);
    let first = t[0].result.as_ref().expect("paired");
    assert_eq!((first.value, first.kind), (6.1, Kind::Actual));
    assert_eq!(first.report, "2024.txt");
    assert_eq!(t[0].gap, Some(-0.4));
    assert_eq!(
        (t[1].year, t[1].result.as_ref(), t[1].gap),
        (2024, None, None)
    );
}

#[test]
fn an_estimate_serves_when_there_is_no_actual_and_period_figures_never_pair() {
    let mut five = row("东山区", 2025, Kind::Target, 7.0, "2021.txt");
    five.span = 5;
    let mut avg = row("东山区", 2025, Kind::Actual, 6.0, "2026.txt");
    avg.span = 5;
    let rows = vec![
        row("东山区", 2022, Kind::Target, 6.0, "2022.txt"),
        row("东山区", 2022, Kind::Estimate, 6.2, "2023.txt"),
        five,
        avg,
    ];
    let t = pair(&rows);
    assert_eq!(t.len(), 1, "a five-year target is not an annual one");
    assert_eq!(t[0].result.as_ref().map(|r| r.kind), Some(Kind::Estimate));
    assert_eq!(t[0].gap, Some(0.2));
}

#[test]
fn a_place_pairs_with_its_name_under_its_parent_but_not_with_a_namesake() {
    let rows = vec![
        row("海滨区", 2023, Kind::Target, 6.0, "2023.txt"),
        row("东州市海滨区", 2023, Kind::Actual, 6.6, "2024.txt"),
        row("区", 2023, Kind::Actual, 1.0, "x.txt"),
        row("西海滨区", 2023, Kind::Actual, 2.0, "y.txt"),
    ];
    let t = pair(&rows);
    assert_eq!(t[0].result.as_ref().map(|r| r.value), Some(6.6));
    assert!(targets::same_place("东州市海滨区", "海滨区"));
    assert!(!targets::same_place("海滨区", "区"));
    assert!(!targets::same_place("西海滨区", "海滨区"));
}

#[test]
fn a_target_restated_in_a_later_review_is_paired_once() {
    // The 2024 report's review names the 2023 target again; the 2023 plan's statement counts.
    let mut plan = row("东山区", 2023, Kind::Target, 6.5, "2023.txt");
    plan.main_statement = true;
    let later = row("东山区", 2023, Kind::Target, 6.0, "2024.txt");
    let rows = vec![
        later,
        plan,
        row("东山区", 2023, Kind::Actual, 6.1, "2024.txt"),
    ];
    let t = pair(&rows);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        (t[0].target.value, t[0].target.report.as_str()),
        (6.5, "2023.txt")
    );
    assert_eq!(t[0].gap, Some(-0.4));
}

#[test]
fn json_keys_follow_the_contracts() {
    let mut p = row("东山区", 2023, Kind::Target, 4.5, "a.txt");
    p.high = Some(5.0);
    let v = serde_json::to_value(&p).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "place",
            "level",
            "year",
            "span",
            "indicator",
            "kind",
            "measure",
            "value",
            "high",
            "unit",
            "qualifier",
            "report",
            "section",
            "quote"
        ]
    );
    assert_eq!(v["value"], serde_json::json!(4.5));
    assert_eq!(v["high"], serde_json::json!(5));
    assert_eq!(v["kind"], "target");
    assert_eq!(v["measure"], "growth");
    let rows = vec![p, row("东山区", 2023, Kind::Actual, 5.2, "b.txt")];
    let t = serde_json::to_value(&pair(&rows)[0]).unwrap();
    let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "place",
            "level",
            "year",
            "indicator",
            "measure",
            "target",
            "result",
            "gap"
        ]
    );
    let keys: Vec<&str> = t["target"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["value", "high", "unit", "qualifier", "report", "quote"]
    );
    let keys: Vec<&str> = t["result"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["value", "unit", "kind", "report", "quote"]);
    assert_eq!(t["gap"], serde_json::json!(0.7));
}

#[test]
fn grid_formats() {
    let rows = [row("东山区", 2023, Kind::Actual, 6.1, "a|b.txt")];
    let cells: Vec<Vec<String>> = rows.iter().map(table::panel_cells).collect();
    let tsv = grid(PANEL_COLUMNS, cells.clone()).render(Format::Tsv, Destination::File);
    assert_eq!(tsv.lines().count(), 2);
    assert_eq!(
        tsv.lines().nth(1).unwrap().split('\t').count(),
        PANEL_COLUMNS.len()
    );
    let csv = grid(PANEL_COLUMNS, cells.clone()).render(Format::Csv, Destination::File);
    assert!(csv.starts_with('\u{feff}'));
    let md = grid(PANEL_COLUMNS, cells).render(Format::Markdown, Destination::File);
    use unicode_width::UnicodeWidthStr;
    let widths: Vec<usize> = md.lines().map(|l| l.width()).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{md}");
    assert!(md.contains("a\\|b.txt"));
}

#[test]
fn compare_puts_target_and_result_side_by_side() {
    use super::compare::{compare, met};
    let mut t = row("东山区", 2023, Kind::Target, 6.5, "2023.txt");
    t.qualifier = Some("左右".into());
    let mut r = row("西州市东山区", 2023, Kind::Actual, 6.1, "2024.txt");
    r.offset = 42;
    let rows = vec![
        t,
        r,
        row("东山区", 2022, Kind::Actual, 5.8, "2023.txt"),
        row("东山区", 2024, Kind::Target, 6.0, "2024.txt"),
    ];
    let c = compare(&rows, "地区生产总值", Measure::Growth);
    assert_eq!(c.years, [2022, 2023, 2024]);
    assert_eq!(c.rows.len(), 1, "one place, named two ways");
    let cells = &c.rows[0].1;
    assert_eq!(cells[0].result, Some((5.8, Kind::Actual)));
    assert_eq!(cells[0].target, None);
    assert_eq!(cells[1].target, Some((6.5, None, Some("左右".into()))));
    assert_eq!(cells[1].gap, Some(-0.4));
    assert_eq!(cells[1].met, Some(false));
    assert_eq!(cells[1].source, Some(("2024.txt".into(), 42)));
    assert_eq!((cells[2].result, cells[2].met), (None, None));
    assert_eq!(c.series(0), [Some(5.8), Some(6.1), None]);
    assert_eq!(cells[1].target_at, Some(("2023.txt".into(), 0)));
    assert_eq!(cells[1].result_at, Some(("2024.txt".into(), 42)));
    assert_eq!(
        (
            cells[1].target_text(),
            cells[1].result_text(),
            cells[1].gap_text()
        ),
        ("6.5%左右".into(), "6.1%".into(), "-0.4".into())
    );
    // A ceiling is met from below (its upper end counts), a floor from above.
    use super::compare::Direction::{AtLeast, AtMost};
    assert!(met(4.2, 4.5, None, AtMost));
    assert!(!met(4.8, 4.5, None, AtMost));
    assert!(met(5.2, 4.5, Some(5.5), AtMost));
    assert!(met(5.0, 4.5, Some(5.0), AtLeast));
    assert!(!met(4.4, 4.5, Some(5.0), AtLeast));
    let recs = c.records(0..1);
    assert_eq!(recs.len(), 3, "three years with a figure");
    assert_eq!(recs[1].met, Some(false));
}

#[test]
fn a_target_direction_comes_from_its_qualifier_else_its_indicator() {
    use super::compare::{direction, Direction::*};
    assert_eq!(direction("地区生产总值", Some("左右")), Some(AtLeast));
    assert_eq!(direction("地区生产总值", Some("以内")), Some(AtMost));
    assert_eq!(direction("城镇调查失业率", Some("左右")), Some(AtMost));
    assert_eq!(direction("居民消费价格", Some("左右")), Some(AtMost));
    // Energy use falls: −3.5 against a target of −3 is met, as a ceiling.
    assert_eq!(direction("单位生产总值能耗", None), Some(AtMost));
    // A rate the vocabulary says nothing about is not judged, unless its qualifier says.
    assert_eq!(direction("森林覆盖率", None), None);
    assert_eq!(direction("森林覆盖率", Some("以上")), Some(AtLeast));
}

#[test]
fn compare_judges_ceilings_from_below_and_leaves_unknown_rates_alone() {
    use super::compare::compare;
    let mut jobless_t = row("南岭县", 2023, Kind::Target, 5.5, "2023.txt");
    jobless_t.indicator = "城镇调查失业率".into();
    jobless_t.measure = Measure::Level;
    jobless_t.qualifier = Some("左右".into());
    let mut jobless_r = row("南岭县", 2023, Kind::Actual, 4.8, "2024.txt");
    jobless_r.indicator = "城镇调查失业率".into();
    jobless_r.measure = Measure::Level;
    let rows = vec![jobless_t.clone(), jobless_r.clone()];
    let c = compare(&rows, "城镇调查失业率", Measure::Level);
    assert_eq!(
        c.rows[0].1[0].met,
        Some(true),
        "4.8 is within a 5.5 ceiling"
    );
    let rename = |mut r: PanelRow| {
        r.indicator = "绿化率".into();
        r
    };
    let rows = vec![rename(jobless_t), rename(jobless_r)];
    let c = compare(&rows, "绿化率", Measure::Level);
    assert_eq!(c.rows[0].1[0].gap, Some(-0.7));
    assert_eq!(c.rows[0].1[0].met, None, "direction unknown: not judged");
}

#[test]
fn compare_joins_a_place_named_with_its_parent_in_either_order_only() {
    use super::compare::compare;
    let rows = vec![
        row("北州市南湖区", 2022, Kind::Actual, 5.0, "a.txt"),
        row("南湖区", 2023, Kind::Actual, 6.0, "b.txt"),
        // Not a parent in front: another place.
        row("西南湖区", 2023, Kind::Actual, 7.0, "c.txt"),
        row("北州市", 2023, Kind::Actual, 8.0, "d.txt"),
        row("南湖区", 2022, Kind::Target, 4.5, "e.txt"),
    ];
    let c = compare(&rows, "地区生产总值", Measure::Growth);
    let places: Vec<&str> = c.rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(places, ["北州市南湖区", "西南湖区", "北州市"]);
    assert_eq!(c.series(0), [Some(5.0), Some(6.0)]);
    assert_eq!(c.rows[0].1[0].met, Some(true));
    assert_eq!(c.series(1), [None, Some(7.0)]);
}

/// The TUI's rows (quotes sharing the report's text) are the CLI's rows (quotes copied, so a
/// panel kept after its reports does not hold their texts), field for field.
#[test]
fn rows_sharing_the_text_equal_rows_with_copied_quotes() {
    let r = report(
        "一、2024年工作回顾\n全县地区生产总值增长6%，一般公共预算收入增长5%。\n\
         二、2025年工作安排\n地区生产总值增长6%左右。",
    );
    let ind = extract(&r);
    let copied = rows(&r, &ind);
    let shared = rows_sharing_text(&r, &ind);
    assert!(copied.len() >= 3, "{copied:#?}");
    assert_eq!(format!("{copied:?}"), format!("{shared:?}"));
    for (c, s) in copied.iter().zip(&shared) {
        assert!(c.quote.range_in(&r.text).is_none());
        let range = s.quote.range_in(&r.text).expect("a piece of the text");
        assert_eq!(&r.text[range], c.quote.as_str());
    }
    // Copies are made once per sentence: the two figures of the first share one.
    assert!(std::ptr::eq(
        copied[0].quote.as_str(),
        copied[1].quote.as_str()
    ));
}

/// A township's plan for a year and its summary of that year: the summary's results pair with
/// the plan's targets (both 2031), as a government work report's review pairs with last year's.
#[test]
fn a_years_summary_pairs_with_that_years_plan() {
    let plan = from_text(
        "青山镇2031年工作计划.txt",
        "青山镇2031年工作计划\n2031年主要预期目标是：地区生产总值增长6.5%左右。\n一、抓好产业发展\n新建高标准农田1万亩。\n",
        "UTF-8",
    );
    let summary = from_text(
        "青山镇2031年工作总结.txt",
        "青山镇2031年工作总结\n一年来，各项工作取得新成效。全年实现地区生产总值12.6亿元，同比增长6.8%。\n一、主要成效\n新建高标准农田1.2万亩。\n",
        "UTF-8",
    );
    let mut rows = panel_of(&plan);
    rows.extend(panel_of(&summary));
    let paired = pair(&rows);
    let t: Vec<(i32, Option<&str>, Option<f64>)> = paired
        .iter()
        .filter(|t| t.indicator == "地区生产总值")
        .map(|t| {
            (
                t.year,
                t.place.as_deref(),
                t.result.as_ref().map(|r| r.value),
            )
        })
        .collect();
    assert_eq!(t, [(2031, Some("青山镇"), Some(6.8))]);
}

/// A quarter's growth written before the year's is no result of the year: the year's figure is
/// the one that pairs and pivots.
#[test]
fn a_quarters_figure_is_not_the_years() {
    let r = report(
        "一、2023年工作回顾\n一季度，全县地区生产总值增长7.2%。\n全年全县地区生产总值增长6.1%。\n",
    );
    let rows = panel_of(&r);
    let growth: Vec<(u32, f64)> = rows
        .iter()
        .filter(|r| &*r.indicator == "地区生产总值" && r.measure == Measure::Growth)
        .map(|r| (r.span, r.value))
        .collect();
    assert_eq!(growth, [(0, 7.2), (1, 6.1)]);
    let p = pivot(&rows, "地区生产总值", Measure::Growth);
    assert!(format!("{p:?}").contains("6.1"), "{p:?}");
    assert!(!format!("{p:?}").contains("7.2"), "{p:?}");
}
