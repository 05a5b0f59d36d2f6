//! Screens of the TUI rendered on ratatui's TestBackend, driven through actions (no terminal, no
//! sleeps). Reports are text written for these tests.

use crate::tui::layout::Pane;
use crate::tui::{draw, Action, App, Keymap, Theme};
use baogao_core::indicators::{Change, Indicator, Kind, Measure};
use baogao_core::load::from_text;
use baogao_core::Report;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

const TOWNSHIP: &str = "青山镇2024年政府工作报告
——2024年1月8日在青山镇第十九届人民代表大会第三次会议上
镇长　李明
各位代表：
现在，我代表镇人民政府向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，全镇上下团结一心，经济社会发展取得新成效。全镇完成一般公共预算收入１２３４５万元，同比增长５．２％；规模以上工业增加值增长８％。
（一）产业发展提速增效
新引进项目１２个，总投资３．６亿元。茶叶种植面积达到２．３万亩，比上年增加１５００亩。
（二）民生保障持续加强
新建村级卫生室６所，城乡居民医保参保率达到９８．５％。发放各类救助资金xx.x万元。
二、2024年工作目标
全镇地区生产总值增长６％左右，一般公共预算收入增长５％，粮食产量稳定在３万吨以上。
三、2024年重点工作
（一）抓项目促投资
全年计划实施重点项目２０个，完成固定资产投资１５亿元。
（二）抓民生惠民众
新增城镇就业３００人，改造农村公路４５公里。
";

const COUNTY: &str = "白河县2024年工作计划
一、总体目标
全县地区生产总值增长７％，城镇居民人均可支配收入增长６．５％。
二、主要任务
（一）产业升级
培育规模以上工业企业１０家，一般公共预算收入达到８．２亿元。
";

/// An indicator row written by hand (the screens must not change when extraction improves).
fn row(
    r: &Report,
    name: &str,
    figure: &str,
    value: Option<f64>,
    unit: &str,
    change: Option<f64>,
    kind: Kind,
) -> Indicator {
    let p = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).contains(figure))
        .unwrap_or_else(|| panic!("{figure} not in the report"));
    let text = r.paragraph_text(p);
    let offset = r.paragraphs[p].char_start() + text[..text.find(figure).unwrap()].chars().count();
    Indicator {
        report: r.source.clone().into(),
        section: r.section_titles(p).into(),
        name: name.into(),
        // Hand-written rows stand for core indicators (the table's default view).
        canonical: Some(name.into()),
        value,
        masked: value.is_none() && figure.contains("xx"),
        unit: Some(unit.into()),
        change: change.map(|v| {
            Box::new(Change {
                value: Some(v),
                unit: "%".into(),
                masked: value.is_none() && figure.contains("xx"),
                basis: None,
                high: None,
            })
        }),
        kind,
        qualifier: None,
        // The township reviews 2023 and plans 2024.
        year: Some(if kind == Kind::Actual { 2023 } else { 2024 }),
        span: 1,
        measure: if value.is_some() || figure.contains("xx") {
            Measure::Level
        } else {
            Measure::Growth
        },
        high: None,
        quote: text.to_string().into(),
        offset,
        paragraph: p,
    }
}

pub(super) fn app(w: u16, h: u16) -> App {
    app_with(w, h, |_| {})
}

/// [`app`], with the first report's indicators changed before they are added.
fn app_with(w: u16, h: u16, edit: impl FnOnce(&mut Vec<Indicator>)) -> App {
    let a = from_text("青山镇2024年政府工作报告.txt", TOWNSHIP, "UTF-8");
    let b = from_text("白河县2024年工作计划.txt", COUNTY, "UTF-8");
    let ia = vec![
        row(
            &a,
            "一般公共预算收入",
            "１２３４５万元",
            Some(12345.0),
            "万元",
            Some(5.2),
            Kind::Actual,
        ),
        row(
            &a,
            "新引进项目",
            "１２个",
            Some(12.0),
            "个",
            None,
            Kind::Actual,
        ),
        row(
            &a,
            "茶叶种植面积",
            "２．３万亩",
            Some(2.3),
            "万亩",
            None,
            Kind::Actual,
        ),
        row(
            &a,
            "城乡居民医保参保率",
            "９８．５％",
            Some(98.5),
            "%",
            None,
            Kind::Actual,
        ),
        row(&a, "救助资金", "xx.x万元", None, "万元", None, Kind::Actual),
        row(
            &a,
            "一般公共预算收入",
            "增长５％",
            None,
            "",
            Some(5.0),
            Kind::Target,
        ),
        row(
            &a,
            "粮食产量",
            "３万吨",
            Some(3.0),
            "万吨",
            None,
            Kind::Target,
        ),
        row(
            &a,
            "固定资产投资",
            "１５亿元",
            Some(15.0),
            "亿元",
            None,
            Kind::Target,
        ),
    ];
    let ib = vec![
        row(
            &b,
            "地区生产总值",
            "增长７％",
            None,
            "",
            Some(7.0),
            Kind::Target,
        ),
        row(
            &b,
            "一般公共预算收入",
            "８．２亿元",
            Some(8.2),
            "亿元",
            None,
            Kind::Target,
        ),
    ];
    let mut ia = ia;
    edit(&mut ia);
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.add_report(a, ia);
    app.add_report(b, ib);
    app.resize(w, h);
    app
}

/// The screen as plain lines; the blank cells hidden behind wide chars are skipped, so Chinese
/// reads as written. Trailing spaces are trimmed.
pub(super) fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn cursor(app: &App) -> Option<(u16, u16)> {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(app, f)).unwrap();
    let b = term.backend();
    b.cursor_visible()
        .then(|| (b.cursor_position().x, b.cursor_position().y))
}

#[test]
fn main_screen_120x40() {
    let app = app(120, 40);
    insta::assert_snapshot!("main_120x40", screen(&app));
}

#[test]
fn main_screen_80x24() {
    let mut app = app(80, 24);
    app.update(Action::ToggleIndicators);
    let s = screen(&app);
    assert!(s.contains("一、2023年工作回顾"), "{s}");
    insta::assert_snapshot!("text_80x24", s);
}

#[test]
fn live_filter_narrows_and_counts() {
    let mut app = app(120, 40);
    app.update(Action::FocusFilter);
    app.type_str("一般公共预算");
    app.settle();
    let s = screen(&app);
    assert!(s.contains("3 paragraphs in 2 reports"), "{s}");
    assert!(s.contains("Reports 2/2"), "{s}");
    // The real cursor sits after the typed text: ` / ` is 3 cells, 6 CJK chars are 12 cells.
    let filter_row = 38;
    assert_eq!(cursor(&app), Some((3 + 12, filter_row)));
    // Enter keeps the filter and leaves the input; `n` moves to the next match.
    app.update(Action::FilterAccept);
    assert!(!app.filter.focused && app.filter.active());
    let first = app.para;
    app.update(Action::NextMatch);
    assert_ne!(app.para, first);
    insta::assert_snapshot!("filtered_120x40", screen(&app));
    // Past the last match of this report, `n` goes on to the next report with matches.
    app.update(Action::NextMatch);
    assert_eq!(app.reports_view.sel, 1);
    // Scope: this report only.
    app.update(Action::ToggleScope);
    let s = screen(&app);
    assert!(s.contains("1 paragraph in 1 report · this report"), "{s}");
}

#[test]
fn caret_position_counts_display_cells() {
    let mut app = app(100, 30);
    app.update(Action::FocusFilter);
    app.type_str("ab收入");
    assert_eq!(cursor(&app), Some((3 + 2 + 4, 28)));
    // Left arrow moves the caret one char (two cells) back.
    app.key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Left,
        crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(cursor(&app), Some((3 + 2 + 2, 28)));
    app.update(Action::FilterClear);
    assert!(!app.filter.active());
    assert_eq!(cursor(&app), None);
}

#[test]
fn escape_clears_filter_and_history_recalls_it() {
    let mut app = app(100, 30);
    app.update(Action::FocusFilter);
    app.type_str("茶叶");
    app.update(Action::FilterAccept);
    app.update(Action::FocusFilter);
    app.update(Action::FilterClear);
    assert!(!app.filter.active());
    app.update(Action::FocusFilter);
    app.update(Action::HistoryPrev);
    assert_eq!(app.filter.text(), "茶叶");
    app.settle();
    assert!(app.filter.active());
}

#[test]
fn help_lists_every_key_from_the_keymap() {
    let mut app = app(100, 60);
    app.update(Action::Help);
    let s = screen(&app);
    for name in [
        "copy_table",
        "toggle_indicators",
        "focus_filter",
        "next_match",
        "quit",
    ] {
        assert!(s.contains(name), "{name} missing in help:\n{s}");
    }
    insta::assert_snapshot!("help_100x60", s);
    // Scrolled to the end: the filter language, from the search module's own help.
    app.update(Action::Bottom);
    let s = screen(&app);
    assert!(s.contains("Word mode") && s.contains("(OR)"), "{s}");
    app.update(Action::Close);
    assert!(!screen(&app).contains("copy_table"));
}

#[test]
fn outline_follows_text_and_back() {
    let mut app = app(120, 40);
    app.focus = Pane::Outline;
    // Row 0 is the whole report; row 1 the first section; its child comes next.
    app.update(Action::Down);
    app.update(Action::Down);
    let r = &app.reports[0];
    let sec = r.paragraphs[app.para].section().unwrap();
    assert!(
        r.sections[sec].title.contains("产业发展"),
        "{}",
        r.sections[sec].title
    );
    // Collapse the parent: its children leave the outline.
    let rows = app.outline.len();
    app.update(Action::Up);
    app.update(Action::Collapse);
    assert!(app.outline.len() < rows);
    app.update(Action::Expand);
    assert_eq!(app.outline.len(), rows);
    // Text moves → the outline follows.
    app.focus = Pane::Text;
    app.update(Action::Bottom);
    let last = app.outline[app.outline_view.sel].section.unwrap();
    assert!(
        app.reports[0].sections[last].title.contains("民生"),
        "{}",
        app.reports[0].sections[last].title
    );
    let s = screen(&app);
    assert!(
        s.contains("三、2024年重点工作 › （二）抓民生惠民众")
            || s.contains("三、2024年重点工作 › (二)抓民生惠民众"),
        "{s}"
    );
}

#[test]
fn copy_actions_queue_osc52_effects_with_toasts() {
    use crate::tui::app::Effect;
    let mut app = app(120, 40);
    app.focus = Pane::Text;
    app.update(Action::Down);
    app.update(Action::CopyParagraph);
    let Some(Effect::Copy(p)) = app.effects.pop() else {
        panic!("no copy effect")
    };
    assert_eq!(p, app.reports[0].paragraph_text(app.para));
    assert!(app.toast.as_deref().unwrap().contains("paragraph"));
    app.update(Action::CopyTable);
    let rows = app.rows.len();
    assert!(rows > 0, "the table has rows to copy");
    let Some(Effect::Copy(t)) = app.effects.pop() else {
        panic!("no copy effect")
    };
    let lines: Vec<&str> = t.lines().collect();
    assert!(
        lines[0].starts_with("报告\t章节\t指标\t标准名\t数值"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), rows + 1);
    assert!(app
        .toast
        .as_deref()
        .unwrap()
        .contains(&format!("{rows} row")));
}

#[test]
fn indicator_enter_jumps_to_its_paragraph() {
    let mut app = app(120, 40);
    assert!(app.rows.len() >= 2);
    app.focus = Pane::Indicators;
    app.update(Action::Bottom);
    let (r, i) = app.rows[app.rows_view.sel];
    let want = app.indicators[r].paragraph(i);
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Text);
    assert_eq!(app.para, want);
    let (first, _) = app.para_lines(want).unwrap();
    assert!(first >= app.text_scroll && first < app.text_scroll + app.text_view().1);
}

#[test]
fn every_size_draws_without_panic() {
    let mut app = app(10, 10);
    app.update(Action::FocusFilter);
    app.type_str("收入");
    app.update(Action::FilterAccept);
    for w in 0..70u16 {
        for h in 0..26u16 {
            app.resize(w, h);
            for focus in [Pane::Reports, Pane::Outline, Pane::Text, Pane::Indicators] {
                app.focus = focus;
                app.update(Action::Down);
                let _ = screen(&app);
            }
        }
    }
    app.update(Action::Help);
    app.resize(3, 2);
    let _ = screen(&app);
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    for w in [60u16, 73, 80, 97, 120] {
        let mut app = app(w, 60);
        app.update(Action::ToggleIndicators);
        let s = screen(&app);
        for line in s.lines() {
            // The text pane's content follows the gutter column after its left border.
            if let Some(rest) = line.split('│').nth(2) {
                let body = rest.trim_start_matches('▎').trim_start_matches(' ');
                if let Some(c) = body.chars().next() {
                    assert!(!"，。、；：？！）》”".contains(c), "{w}: {line}");
                }
            }
        }
    }
}

#[test]
fn escape_sequences_from_a_file_never_reach_cells() {
    let evil = "标题\u{1b}]0;owned\u{7}\n一、概况\n收入\u{1b}]52;c;ZXZpbA==\u{7}增长\u{1b}[31m红\u{1b}[0m，完成\u{9b}2J１００万元。\n";
    let r = from_text("e\u{1b}[2Jvil.txt", evil, "UTF-8");
    let mut app = App::new(vec![r], Keymap::default(), Theme::none());
    app.resize(100, 30);
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(&app, f)).unwrap();
    for cell in term.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn section_only_view_follows_the_outline() {
    let mut app = app(120, 40);
    app.focus = Pane::Outline;
    app.update(Action::Down); // 一、2023年工作回顾
    app.update(Action::ToggleSection);
    let r = &app.reports[0];
    let sec = app.section_only.expect("a section is shown alone");
    let span = r.sections[sec].span();
    assert_eq!(app.view_paras(), span.clone().collect::<Vec<_>>());
    let s = screen(&app);
    assert!(s.contains("§ 一、2023年工作回顾"), "{s}");
    assert!(
        !s.contains("全镇地区生产总值增长"),
        "text of another section shown:\n{s}"
    );
    // Moving in the outline shows that section instead; `o` again shows the whole report.
    app.update(Action::Down);
    assert_ne!(app.section_only, Some(sec));
    app.update(Action::ToggleSection);
    assert_eq!(app.section_only, None);
    assert_eq!(app.view_paras().len(), app.reports[0].paragraphs.len());
}

#[test]
fn narrow_screen_shows_the_focused_pane() {
    let mut app = app(50, 16);
    let s = screen(&app);
    assert!(!s.contains("Outline"), "{s}");
    insta::assert_snapshot!("narrow_50x16_text", s);
    // Shift-Tab: the outline takes the whole screen.
    app.update(Action::PrevPane);
    let s = screen(&app);
    assert!(
        s.contains("Outline") && s.contains("一、2023年工作回顾"),
        "{s}"
    );
    assert!(!s.contains("Indicators"), "{s}");
}

#[test]
fn table_shows_core_indicators_until_every_figure_is_asked_for() {
    // Make one hand-written row a plain figure (no canonical name).
    let mut app = app_with(120, 40, |ia| ia[1].canonical = None);
    app.update(Action::ToggleFigures);
    assert!(app.all_figures);
    let all = app.rows.len();
    assert!(app.rows.contains(&(0, 1)));
    app.update(Action::ToggleFigures);
    assert!(!app.all_figures);
    assert_eq!(app.rows.len(), all - 1);
    assert!(!app.rows.contains(&(0, 1)));
    assert!(app.toast.as_deref().unwrap().contains("core indicators"));
    assert!(screen(&app).contains("Indicators"));
}

#[test]
fn reports_list_shows_place_year_and_tells_identical_titles_apart() {
    let report = |year: u32| {
        format!(
            "政府工作报告\n——{year}年1月8日在白河县第九届人民代表大会第一次会议上\n各位代表：\n一、过去一年工作回顾\n全县经济平稳增长。\n"
        )
    };
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    // Two years of one county, and the same report saved twice.
    for (file, year) in [
        ("a/2030.txt", 2030),
        ("b/2031.txt", 2031),
        ("c/copy.txt", 2031),
    ] {
        app.add_report(from_text(file, &report(year), "UTF-8"), Vec::new());
    }
    app.resize(120, 40);
    let s = screen(&app);
    assert!(s.contains("白河县政府工作报告 (2031.txt)"), "{s}");
    assert!(s.contains("白河县政府工作报告 (copy.txt)"), "{s}");
    assert!(s.contains("白河县 · 2030"), "{s}");
    app.resize(80, 24);
    let s = screen(&app);
    assert!(s.contains("2030 · 白河县"), "{s}");
    assert!(s.contains("2031.txt · 20"), "{s}");
    assert!(s.contains("copy.txt · 20"), "{s}");
}
