//! The Compare view (`t`) driven through actions and rendered on a TestBackend: defaults, choices,
//! met / missed colours, wide-char alignment, copy, export and the jump to a figure. The reports
//! are an invented city's and county's, written for these tests; their indicator rows are
//! written by hand so the screens do not move when extraction changes.

use super::screens::screen;
use crate::tui::app::{Effect, Popup};
use crate::tui::layout::Pane;
use crate::tui::{draw, Action, App, Keymap, Theme};
use baogao_core::indicators::{Change, Indicator, Kind, Measure};
use baogao_core::load::from_text;
use baogao_core::Report;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

const CITY_2023: &str = "云溪市2023年政府工作报告
一、2022年工作回顾
一年来，全市地区生产总值增长4.6%，城镇调查失业率为5.1%。
二、2023年主要预期目标
今年的主要预期目标是：地区生产总值增长6.5%左右，城镇调查失业率控制在5.5%左右。
";

const CITY_2024: &str = "云溪市2024年政府工作报告
一、2023年工作回顾
过去一年，全市地区生产总值增长6.1%，城镇调查失业率为5.2%。
二、2024年主要预期目标
今年的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率控制在5.5%以内。
";

const COUNTY_2023: &str = "石桥县2023年政府工作报告
一、2023年目标
全县地区生产总值增长7%以上。
";

const COUNTY_2024: &str = "石桥县2024年政府工作报告
一、2023年工作回顾
全县地区生产总值增长7.2%。
二、2024年目标
全县地区生产总值增长6.5%以上。
";

/// A hand-written indicator row: `figure` is where its mention sits in the report.
#[allow(clippy::too_many_arguments)]
fn ind(
    r: &Report,
    name: &str,
    figure: &str,
    kind: Kind,
    year: i32,
    measure: Measure,
    value: f64,
    qualifier: Option<&str>,
) -> Indicator {
    let p = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).contains(figure))
        .unwrap_or_else(|| panic!("{figure} not in the report"));
    let text = r.paragraph_text(p);
    let at = text.find(figure).unwrap();
    let offset = r.paragraphs[p].char_start() + text[..at].chars().count();
    let growth = measure == Measure::Growth;
    Indicator {
        report: r.source.clone().into(),
        section: r.section_titles(p).into(),
        name: name.into(),
        canonical: Some(name.into()),
        value: (!growth).then_some(value),
        masked: false,
        unit: (!growth).then(|| "%".into()),
        change: growth.then(|| {
            Box::new(Change {
                value: Some(value),
                unit: "%".into(),
                masked: false,
                basis: None,
                high: None,
            })
        }),
        kind,
        qualifier: qualifier.map(String::from),
        year: Some(year),
        span: 1,
        measure,
        high: None,
        quote: text.to_string().into(),
        offset,
        paragraph: p,
    }
}

const GDP: &str = "地区生产总值";
const JOBLESS: &str = "城镇调查失业率";

pub(super) fn compare_app(w: u16, h: u16) -> App {
    use Kind::*;
    use Measure::*;
    let a = from_text("yunxi-2023.txt", CITY_2023, "UTF-8");
    let b = from_text("yunxi-2024.txt", CITY_2024, "UTF-8");
    let c = from_text("shiqiao-2024.txt", COUNTY_2024, "UTF-8");
    let d = from_text("shiqiao-2023.txt", COUNTY_2023, "UTF-8");
    let ia = vec![
        ind(
            &a,
            GDP,
            "地区生产总值增长4.6%",
            Actual,
            2022,
            Growth,
            4.6,
            None,
        ),
        ind(
            &a,
            JOBLESS,
            "城镇调查失业率为5.1%",
            Actual,
            2022,
            Level,
            5.1,
            None,
        ),
        ind(
            &a,
            GDP,
            "地区生产总值增长6.5%",
            Target,
            2023,
            Growth,
            6.5,
            Some("左右"),
        ),
        ind(
            &a,
            JOBLESS,
            "城镇调查失业率控制",
            Target,
            2023,
            Level,
            5.5,
            Some("左右"),
        ),
    ];
    let ib = vec![
        ind(
            &b,
            GDP,
            "地区生产总值增长6.1%",
            Actual,
            2023,
            Growth,
            6.1,
            None,
        ),
        ind(
            &b,
            JOBLESS,
            "城镇调查失业率为5.2%",
            Actual,
            2023,
            Level,
            5.2,
            None,
        ),
        ind(
            &b,
            GDP,
            "地区生产总值增长5.5%",
            Target,
            2024,
            Growth,
            5.5,
            Some("左右"),
        ),
        ind(
            &b,
            JOBLESS,
            "城镇调查失业率控制",
            Target,
            2024,
            Level,
            5.5,
            Some("以内"),
        ),
    ];
    let ic = vec![
        ind(
            &c,
            GDP,
            "地区生产总值增长7.2%",
            Actual,
            2023,
            Growth,
            7.2,
            None,
        ),
        ind(
            &c,
            GDP,
            "地区生产总值增长6.5%",
            Target,
            2024,
            Growth,
            6.5,
            Some("以上"),
        ),
    ];
    let id = vec![ind(
        &d,
        GDP,
        "地区生产总值增长7%",
        Target,
        2023,
        Growth,
        7.0,
        Some("以上"),
    )];
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::dark());
    app.resize(w, h);
    for (r, i) in [(a, ia), (b, ib), (c, ic), (d, id)] {
        app.add_report(r, i);
    }
    app
}

fn opened(w: u16, h: u16) -> App {
    let mut app = compare_app(w, h);
    app.update(Action::OpenCompare);
    assert!(app.compare.open);
    app
}

#[test]
fn compare_screen_80x24() {
    let app = opened(80, 24);
    let s = screen(&app);
    assert!(s.contains("Compare · 地区生产总值 · 增速"), "{s}");
    insta::assert_snapshot!("compare_80x24", s);
}

#[test]
fn compare_screen_narrow_44x14() {
    let mut app = opened(44, 14);
    // The window follows the selected year to the right.
    app.update(Action::Bottom);
    for _ in 0..6 {
        app.update(Action::CellRight);
    }
    let s = screen(&app);
    assert!(s.lines().all(|l| l.width() <= 44), "{s}");
    assert!(s.contains("2024"), "{s}");
    insta::assert_snapshot!("compare_44x14", s);
}

#[test]
fn opens_on_gdp_growth_with_places_as_rows_and_years_as_columns() {
    let app = opened(80, 24);
    let v = app.compare.view.as_ref().unwrap();
    assert_eq!(v.indicator_name(), GDP);
    assert_eq!(v.measure, Measure::Growth);
    assert_eq!(v.model.years, [2022, 2023, 2024]);
    let places: Vec<&str> = v.model.rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(places, ["云溪市", "石桥县"]);
    // First selected: the latest year with a judged target, on its target.
    assert_eq!((v.model.years[v.year()], v.on_result()), (2023, false));
    assert_eq!(app.context(), crate::tui::keymap::Context::Compare);
}

/// The style of the first cell of `text` on the screen (a search on plain lines).
fn style_of(app: &App, text: &str) -> ratatui::style::Style {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    for y in 0..h {
        let mut line = String::new();
        let mut cells = Vec::new();
        for x in 0..w {
            let sym = buf[(x, y)].symbol().to_string();
            if sym.is_empty() {
                continue;
            }
            for _ in sym.chars() {
                cells.push(x);
            }
            line.push_str(&sym);
        }
        if let Some(at) = line.find(text) {
            let x = cells[line[..at].chars().count()];
            return buf[(x, y)].style();
        }
    }
    panic!("{text} not on screen");
}

#[test]
fn gaps_are_coloured_met_and_missed_with_the_target_direction() {
    let mut app = opened(80, 24);
    // Growth is a floor: 6.1 against 6.5 is missed; 7.2 against 7 met.
    assert!(screen(&app).contains("met 1 · missed 1"));
    assert_eq!(style_of(&app, "-0.4").fg, Some(Color::LightRed));
    assert_eq!(style_of(&app, "+0.2").fg, Some(Color::Green));
    // A jobless rate is a ceiling, even with `左右`: 5.2 against 5.5 is met.
    app.update(Action::NextIndicator);
    let v = app.compare.view.as_ref().unwrap();
    assert_eq!((v.indicator_name(), v.measure), (JOBLESS, Measure::Level));
    assert_eq!(v.model.rows[0].1[1].met, Some(true));
    assert_eq!(style_of(&app, "-0.3").fg, Some(Color::Green));
}

#[test]
fn wide_place_names_and_qualifiers_keep_the_columns_aligned() {
    let app = opened(80, 24);
    let s = screen(&app);
    let lines: Vec<&str> = s.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("地区 ") && l.contains("2023"))
        .unwrap();
    // The display column where the 2024 column starts, in the header and in each row.
    let col = |l: &str, pat: &str| l.find(pat).map(|at| l[..at].width());
    let start = col(lines[head], "2024").unwrap();
    assert_eq!(col(lines[head + 1], "5.5%左右"), Some(start), "{s}");
    assert_eq!(col(lines[head + 2], "6.5%以上"), Some(start), "{s}");
    let start = col(lines[head], "2023");
    assert_eq!(col(lines[head + 1], "6.5%左右"), start, "{s}");
    assert_eq!(col(lines[head + 2], "7%以上"), start, "{s}");
}

#[test]
fn choices_cycle_and_keep_the_selected_place_and_year() {
    let mut app = opened(80, 24);
    app.update(Action::Down);
    app.update(Action::CellRight);
    app.update(Action::NextResultKind);
    let v = app.compare.view.as_ref().unwrap();
    assert_eq!(v.kind.label(), "actual only");
    assert_eq!(v.model.rows[v.rows.sel].0, "石桥县");
    assert_eq!((v.model.years[v.year()], v.on_result()), (2023, true));
    app.update(Action::NextMeasure);
    let v = app.compare.view.as_ref().unwrap();
    // GDP has no level figures here: an empty view, still open, still GDP.
    assert_eq!((v.indicator_name(), v.measure), (GDP, Measure::Level));
    assert!(v.model.rows.is_empty());
    assert!(screen(&app).contains("no figures for this choice"));
    app.update(Action::NextMeasure);
    // Estimates only: no estimates in these reports, so the targets stand alone.
    app.update(Action::NextResultKind);
    let v = app.compare.view.as_ref().unwrap();
    assert!(v
        .model
        .rows
        .iter()
        .flat_map(|r| &r.1)
        .all(|c| c.result.is_none()));
    assert!(v
        .model
        .rows
        .iter()
        .flat_map(|r| &r.1)
        .any(|c| c.target.is_some()));
    app.update(Action::NextResultKind);
    app.update(Action::PrevIndicator);
    assert_eq!(app.compare.view.as_ref().unwrap().indicator_name(), JOBLESS);
}

#[test]
fn enter_jumps_to_the_target_or_the_result_with_the_figure_marked() {
    let mut app = opened(80, 24);
    // 云溪市 2023, its target: the 2023 report's targets paragraph.
    app.update(Action::Open);
    assert!(!app.compare.open);
    assert_eq!(app.focus, Pane::Text);
    let r = app.current().unwrap();
    assert_eq!(r.source, "yunxi-2023.txt");
    assert!(r.paragraph_text(app.para).contains("增长6.5%左右"));
    let (ri, p, a, b) = app.figure.expect("the figure is marked");
    assert_eq!((ri, p), (0, app.para));
    let marked: String = r.paragraph_text(p).chars().skip(a).take(b - a).collect();
    assert!(marked.starts_with("地区生产总值增长6.5%"), "{marked}");
    // Back in the view where it was left; its result comes from the next year's report.
    app.update(Action::OpenCompare);
    app.update(Action::CellRight);
    app.update(Action::Open);
    let r = app.current().unwrap();
    assert_eq!(r.source, "yunxi-2024.txt");
    assert!(r.paragraph_text(app.para).contains("增长6.1%"));
    // An empty cell says so and stays.
    app.update(Action::OpenCompare);
    app.update(Action::Top);
    for _ in 0..6 {
        app.update(Action::CellLeft);
    }
    app.update(Action::Down);
    app.update(Action::Open);
    assert!(app.compare.open);
    assert!(app.toast.as_deref().unwrap_or("").contains("No figure"));
}

#[test]
fn esc_and_q_go_back_without_quitting() {
    let mut app = compare_app(80, 24);
    for key in ['q', '\u{1b}'] {
        app.update(Action::OpenCompare);
        let ev = if key == 'q' {
            crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char('q'),
                crossterm::event::KeyModifiers::NONE,
            )
        } else {
            crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Esc,
                crossterm::event::KeyModifiers::NONE,
            )
        };
        app.key(ev);
        assert!(!app.compare.open, "{key:?}");
        assert!(!app.quit);
    }
    // `t` from the keymap opens it.
    app.type_str("t");
    assert!(app.compare.open);
}

#[test]
fn y_copies_every_record_and_capital_y_the_selected_place() {
    let mut app = opened(80, 24);
    app.update(Action::CopyTable);
    let Some(Effect::Copy(all)) = app.effects.last().cloned() else {
        panic!("no copy queued: {:?}", app.effects);
    };
    let mut lines = all.lines();
    assert_eq!(
        lines.next(),
        Some(
            baogao_core::panel::compare::COMPARE_COLUMNS
                .join("\t")
                .as_str()
        )
    );
    // 云溪市 2022, 2023, 2024 and 石桥县 2023, 2024.
    assert_eq!(lines.count(), 5, "{all}");
    assert!(all.contains("石桥县\t2023\t地区生产总值\t增速\t7%以上\t7.2%\t0.2\t达成"));
    assert!(all.contains("云溪市\t2023\t地区生产总值\t增速\t6.5%左右\t6.1%\t-0.4\t未达成"));
    app.update(Action::Down);
    app.update(Action::CopyRow);
    let Some(Effect::Copy(row)) = app.effects.last().cloned() else {
        panic!("no copy queued");
    };
    assert_eq!(row.lines().count(), 2, "{row}");
    assert!(row.lines().all(|l| l.starts_with("石桥县\t")), "{row}");
}

#[test]
fn e_exports_the_comparison_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = opened(80, 24);
    app.update(Action::Export);
    assert_eq!(app.popup, Some(Popup::Export));
    let d = app.export.as_mut().unwrap();
    assert!(d.name_text().starts_with("baogao-compare-"));
    let path = dir.path().join("cmp.json");
    d.name = ratatui_textarea::TextArea::new(vec![path.to_string_lossy().into_owned()]);
    app.update(Action::Confirm);
    assert_eq!(
        app.popup,
        None,
        "{:?}",
        app.export.as_ref().map(|d| &d.error)
    );
    assert!(app.compare.open, "back in the view after writing");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let recs = json.as_array().unwrap();
    assert_eq!(recs.len(), 5);
    let missed = recs
        .iter()
        .find(|r| r["place"] == "云溪市" && r["year"] == 2023)
        .unwrap();
    assert_eq!(missed["target"], 6.5);
    assert_eq!(missed["result"], 6.1);
    assert_eq!(missed["met"], false);
    assert_eq!(missed["result_report"], "yunxi-2024.txt");
}

#[test]
fn help_and_hints_come_from_the_keymap() {
    let mut app = opened(100, 60);
    let s = screen(&app);
    let status = s.lines().last().unwrap();
    assert!(
        status.contains("COMPARE") && status.contains("jump"),
        "{status}"
    );
    assert!(
        !status.contains("filter"),
        "pane keys are not hinted: {status}"
    );
    app.update(Action::Help);
    app.update(Action::Bottom);
    let s = screen(&app);
    assert!(s.contains("Compare view (t)"), "{s}");
    app.update(Action::Close);
    assert!(app.compare.open, "closing the help leaves the view open");
}

#[test]
fn reports_loaded_after_the_first_open_join_at_the_next() {
    let mut app = opened(80, 24);
    app.update(Action::Close);
    let d = from_text(
        "yunxi-2025.txt",
        "云溪市2025年政府工作报告\n一、2024年工作回顾\n全市地区生产总值增长5.8%。\n",
        "UTF-8",
    );
    let id = vec![ind(
        &d,
        GDP,
        "地区生产总值增长5.8%",
        Kind::Actual,
        2024,
        Measure::Growth,
        5.8,
        None,
    )];
    app.add_report(d, id);
    app.update(Action::OpenCompare);
    assert_eq!(app.compare.cache.reports, 5);
    // Loaded while the view is open: it says so, and `t` brings it in.
    let e = from_text(
        "shiqiao-2025.txt",
        "石桥县2025年政府工作报告\n一、2024年工作回顾\n全县地区生产总值增长6.9%。\n",
        "UTF-8",
    );
    let ie = vec![ind(
        &e,
        GDP,
        "地区生产总值增长6.9%",
        Kind::Actual,
        2024,
        Measure::Growth,
        6.9,
        None,
    )];
    app.add_report(e, ie);
    assert!(screen(&app).contains("1 more loaded: t updates"));
    app.update(Action::OpenCompare);
    assert!(!screen(&app).contains("more loaded"));
    let v = app.compare.view.as_ref().unwrap();
    assert_eq!(v.model.rows[1].1[2].met, Some(true), "6.9 against 6.5以上");
    let v = app.compare.view.as_ref().unwrap();
    let cell = &v.model.rows[0].1[2];
    assert_eq!(cell.result, Some((5.8, Kind::Actual)));
    assert_eq!(cell.met, Some(true), "5.8 against 5.5左右");
    assert_eq!(app.compare.cache.reports, 6);
}

#[test]
fn the_loaders_panel_rows_are_taken_in_order_and_never_twice() {
    use crate::tui::app::Msg;
    let mut app = compare_app(80, 24);
    app.update(Action::OpenCompare);
    let before = app.compare.cache.row_count();
    let r = from_text(
        "yunxi-2025.txt",
        "云溪市2025年政府工作报告\n一、2024年工作回顾\n全市地区生产总值增长5.9%。\n",
        "UTF-8",
    );
    let i = vec![ind(
        &r,
        GDP,
        "地区生产总值增长5.9%",
        Kind::Actual,
        2024,
        Measure::Growth,
        5.9,
        None,
    )];
    let rows = baogao_core::panel::rows_sharing_text(&r, &i);
    assert_eq!(rows.len(), 1);
    let packed = baogao_core::indicators::Packed::new(&r, &i);
    let rows = baogao_core::panel::PackedRows::new(&r, &rows);
    // As the loader sends them: the report, then its figures with its panel rows.
    let r = std::sync::Arc::new(r);
    app.handle([Msg::Loaded(r.clone())]);
    assert_eq!(app.compare.cache.reports, 4);
    assert!(screen(&app).contains("figures 4/5"), "{}", screen(&app));
    app.handle([Msg::Figures(r.clone(), packed.clone(), rows.clone())]);
    assert_eq!(app.compare.cache.reports, 5);
    assert_eq!(app.compare.cache.row_count(), before + 1);
    assert!(!screen(&app).contains("figures 4/5"));
    // A repeat, or figures for a report that is not the next one, are ignored.
    app.handle([Msg::Figures(r.clone(), packed.clone(), rows.clone())]);
    let elsewhere = std::sync::Arc::new((*r).clone());
    app.handle([Msg::Figures(elsewhere, packed, rows)]);
    assert_eq!(app.compare.cache.row_count(), before + 1);
    assert_eq!(app.with_figures(), 5);
    app.update(Action::OpenCompare);
    let v = app.compare.view.as_ref().unwrap();
    assert_eq!(v.model.rows[0].1[2].result, Some((5.9, Kind::Actual)));
}
