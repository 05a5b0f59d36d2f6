//! Defects a new user meets in the first hour (issue 12), each pinned by a test that failed
//! before its fix.

use super::screens::{app, screen};
use super::{code, k};
use crate::tui::app::{heading_end, Msg};
use crate::tui::{draw, Action, App, Keymap, Theme};
use baogao_core::load::from_text;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use ratatui::Terminal;

const PLAN: &str = "柳河乡2025年工作安排
一、主要任务
（一）抓项目促投资。全年计划实施重点项目２０个，完成固定资产投资１５亿元，新开工项目８个。
（二）抓民生惠民众
新增城镇就业３００人，改造农村公路４５公里。
";

#[test]
fn only_the_heading_sentence_is_drawn_as_a_heading() {
    let r = from_text("柳河乡.txt", PLAN, "UTF-8");
    let p = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).starts_with("（一）"))
        .unwrap();
    let end = heading_end(&r, p).expect("a heading");
    let (chars, _) = crate::tui::app::display_chars(&r, p);
    assert_eq!(chars[end - 1], '。');
    assert!(end < chars.len());
    // A heading without 。 is a heading to its end.
    let q = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).starts_with("（二）"))
        .unwrap();
    assert_eq!(
        heading_end(&r, q),
        Some(crate::tui::app::display_chars(&r, q).0.len())
    );
    // On screen: 抓 (heading) is bold, 全 (body after 。) is not.
    let mut app = App::new(vec![r], Keymap::default(), Theme::dark());
    app.resize(140, 30);
    let mut term = Terminal::new(TestBackend::new(140, 30)).unwrap();
    term.draw(|f| draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let find = |c: &str| {
        (0..30)
            .flat_map(|y| (0..140).map(move |x| (x, y)))
            .find(|&(x, y)| buf[(x, y)].symbol() == c)
            .unwrap_or_else(|| panic!("{c} on screen"))
    };
    let bold = |c: &str| buf[find(c)].modifier.contains(Modifier::BOLD);
    assert!(bold("促"));
    assert!(!bold("全"), "the body after the heading sentence is plain");
}

#[test]
fn resizing_keeps_the_top_paragraph_in_view() {
    let mut app = app(160, 45);
    // Go to the last section's first paragraph via the outline.
    let r = app.current().unwrap();
    let target = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).starts_with("全年计划实施"))
        .unwrap();
    app.para = target;
    app.handle(vec![Msg::Resize(160, 45)]);
    app.handle(vec![Msg::Resize(80, 24)]);
    let (first, last) = app.para_lines(app.para).unwrap();
    let (_, h) = app.text_view();
    assert!(
        first >= app.text_scroll && last < app.text_scroll + h.max(1) || first == app.text_scroll
    );
    assert!(screen(&app).contains("全年计划实施"), "{}", screen(&app));
    app.handle(vec![Msg::Resize(60, 20), Msg::Resize(200, 50)]);
    assert!(screen(&app).contains("全年计划实施"));
}

#[test]
fn matches_show_k_of_n_and_say_when_n_wraps() {
    let mut app = app(140, 40);
    app.handle(vec![k('/'), k('增'), k('长'), code(KeyCode::Enter)]);
    let n = app.filter.matches.len();
    assert!(n >= 2, "{n}");
    let s = screen(&app);
    assert!(s.contains(&format!("1/{n}")), "{s}");
    assert_eq!(app.toast, None);
    // N before the first match wraps to the last, and says so.
    app.handle(vec![k('N')]);
    assert!(
        screen(&app).contains(&format!("{n}/{n}")),
        "{}",
        screen(&app)
    );
    assert!(app
        .toast
        .as_deref()
        .is_some_and(|t| t.contains("wrapped to the last")));
    // n after the last wraps to the first.
    app.toast = None;
    for _ in 0..4 {
        app.handle(vec![k('n')]);
        if app.toast.is_some() {
            break;
        }
    }
    assert!(app
        .toast
        .as_deref()
        .is_some_and(|t| t.contains("wrapped to the first")));
    assert!(screen(&app).contains(&format!("1/{n}")));
    // Moving on counts up.
    app.toast = None;
    for _ in 0..4 {
        app.handle(vec![k('n')]);
        if screen(&app).contains(&format!("2/{n}")) {
            break;
        }
    }
    assert!(screen(&app).contains(&format!("2/{n}")), "{}", screen(&app));
    assert_eq!(app.toast, None, "no wrap notice before the end");
}

#[test]
fn enter_on_an_indicator_row_puts_its_paragraph_near_the_top() {
    let mut text = String::from("石桥镇2024年政府工作报告\n一、工作回顾\n");
    for i in 0..30 {
        text.push_str(&format!(
            "第{i}项工作有序推进，群众满意度稳步提升，各项任务按期完成。\n"
        ));
    }
    text.push_str("全年完成固定资产投资１５亿元，同比增长８％。\n");
    for i in 0..30 {
        text.push_str(&format!(
            "其他第{i}项工作扎实开展，基层治理能力明显增强。\n"
        ));
    }
    let r = from_text("石桥镇.txt", &text, "UTF-8");
    let target = (0..r.paragraphs.len())
        .find(|&p| r.paragraph_text(p).contains("固定资产投资"))
        .unwrap();
    let mut app = App::new(vec![r], Keymap::default(), Theme::none());
    app.resize(120, 30);
    app.update(Action::ToggleFigures);
    let row = app
        .rows
        .iter()
        .position(|&(ri, ii)| app.indicators[ri].paragraph(ii) == target)
        .expect("the investment figure is a row");
    app.focus = crate::tui::layout::Pane::Indicators;
    app.update(Action::Top);
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert_eq!(app.para, target);
    let (first, _) = app.para_lines(app.para).unwrap();
    assert_eq!(first, app.text_scroll, "the paragraph opens the view");
    // The figure is highlighted, the rest of the sentence is not.
    let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
    term.draw(|f| draw(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let style_of = |c: &str| {
        (0..30)
            .flat_map(|y| (0..120).map(move |x| (x, y)))
            .find(|&(x, y)| buf[(x, y)].symbol() == c && x > 40)
            .map(|p| buf[p].modifier)
            .unwrap_or_else(|| panic!("{c} on screen"))
    };
    let hl = app.theme.current_match.add_modifier;
    assert!(style_of("亿").contains(hl), "the figure is highlighted");
    assert!(
        !style_of("比").contains(hl),
        "the change after the comma is not"
    );
}

#[test]
fn the_placeholder_examples_match_the_bundled_samples() {
    let mut app = App::new(crate::samples::reports(), Keymap::default(), Theme::none());
    app.resize(120, 40);
    for ex in crate::tui::app::PLACEHOLDER_EXAMPLES {
        app.handle(vec![k('/')]);
        app.handle(ex.chars().map(k).collect::<Vec<_>>());
        app.settle();
        assert!(app.filter.error.is_none(), "{ex}");
        assert!(
            !app.filter.matches.is_empty(),
            "{ex} matches nothing in the samples"
        );
        app.handle(vec![code(KeyCode::Esc)]);
    }
    let s = screen(&app);
    assert!(s.contains(crate::tui::app::PLACEHOLDER_EXAMPLES[0]), "{s}");
}

#[test]
fn the_samples_hint_leaves_the_key_hints_in_place() {
    let mut app = App::new(crate::samples::reports(), Keymap::default(), Theme::none());
    app.hint = Some(crate::samples::HINT.into());
    app.add_problems(Vec::new());
    app.resize(80, 24);
    let s = screen(&app);
    let status = s.lines().last().unwrap();
    assert!(
        status.contains("/ filter") && status.contains("? help"),
        "{status}"
    );
    assert!(s.contains("samples"), "{s}");
}

#[test]
fn colon_jumps_to_a_section_by_its_number() {
    let mut app = app(120, 40);
    // 三 (the third top-level section), 3, and 3.2 (its second sub-section).
    for (spec, title) in [
        ("三", "2024年重点工作"),
        ("3", "2024年重点工作"),
        ("3.2", "抓民生惠民众"),
        ("二", "2024年工作目标"),
    ] {
        app.handle(vec![k(':')]);
        assert_eq!(app.popup, Some(crate::tui::app::Popup::Jump));
        assert!(screen(&app).contains("JUMP"));
        app.handle(spec.chars().map(k).collect::<Vec<_>>());
        app.handle(vec![code(KeyCode::Enter)]);
        assert_eq!(app.popup, None);
        let r = app.current().unwrap();
        let s = r.paragraphs[app.para].section().expect("in a section");
        assert!(
            r.sections[s].title.contains(title),
            "{spec}: {}",
            r.sections[s].title
        );
        assert_eq!(
            app.outline[app.outline_view.sel].section,
            Some(s),
            "{spec}: the outline follows"
        );
    }
    // A number with no section says so and stays put.
    let para = app.para;
    app.handle(vec![k(':'), k('9'), code(KeyCode::Enter)]);
    assert_eq!(app.para, para);
    assert!(app
        .toast
        .as_deref()
        .is_some_and(|t| t.contains("No section 9")));
}

#[test]
fn shift_c_copies_the_whole_section() {
    let mut app = app(120, 40);
    app.handle(vec![k(':'), k('1'), code(KeyCode::Enter)]);
    app.effects.clear();
    app.handle(vec![k('C')]);
    let Some(crate::tui::app::Effect::Copy(text)) = app.effects.last() else {
        panic!("no copy: {:?}", app.effects);
    };
    // The heading, the body and both sub-sections, one paragraph a line.
    assert!(text.starts_with("一、2023年工作回顾"), "{text}");
    assert!(
        text.contains("１２３４５万元") && text.contains("新建村级卫生室"),
        "{text}"
    );
    assert!(!text.contains("2024年工作目标"), "{text}");
    assert!(text.lines().count() >= 5, "{text}");
}

#[test]
fn v_hands_the_paragraph_to_the_pager() {
    let mut app = app(120, 40);
    app.handle(vec![k(':'), k('2'), code(KeyCode::Enter), k('j')]);
    app.effects.clear();
    app.handle(vec![k('v')]);
    let r = app.current().unwrap();
    assert_eq!(
        app.effects.last(),
        Some(&crate::tui::app::Effect::Pager(
            r.paragraph_text(app.para).to_string()
        ))
    );
}

#[test]
fn text_lines_stay_readable_on_a_wide_terminal() {
    let body_width = |app: &App| {
        let r = app.current().unwrap();
        app.lines
            .iter()
            .filter_map(|l| match l.kind {
                crate::tui::app::LineKind::Body { start, end } => {
                    let (chars, _) = crate::tui::app::display_chars(r, l.para);
                    Some(
                        chars[start..end]
                            .iter()
                            .map(|&c| crate::tui::wrap::char_width(c))
                            .sum::<usize>(),
                    )
                }
                _ => None,
            })
            .max()
            .unwrap_or(0)
    };
    let mut app = app(250, 40);
    assert!(
        body_width(&app) > 100,
        "the pane's whole width without a limit"
    );
    app.text_width = 100;
    app.handle(vec![Msg::Resize(250, 40)]);
    let w = body_width(&app);
    assert!((90..=100).contains(&w), "{w}");
}

#[test]
fn config_problems_are_all_listed_under_bang_with_their_lines() {
    let mut app = app(120, 30);
    let problems: Vec<String> = (2..7)
        .map(|l| format!("/home/me/.config/baogao/config.json:{l}:3: problem on line {l}"))
        .collect();
    app.add_problems(problems.clone());
    assert!(app
        .toast
        .as_deref()
        .is_some_and(|t| t.contains("5 problems") && t.contains('!')));
    app.handle(vec![
        Msg::Error("/data/bad.docx: not a docx".into()),
        Msg::LoadDone,
    ]);
    assert!(
        app.toast
            .as_deref()
            .is_some_and(|t| t.starts_with("1 file(s) failed")),
        "{:?}",
        app.toast
    );
    app.handle(vec![k('!')]);
    let s = screen(&app);
    for p in &problems {
        assert!(s.contains(p), "{p} missing:\n{s}");
    }
    assert!(s.contains("/data/bad.docx"), "{s}");
    assert!(!s.contains("more)"), "{s}");
    assert!(s.lines().last().unwrap().contains("PROBLEMS"), "{s}");
}

#[test]
fn reports_with_the_same_title_show_their_file_names() {
    let text = "柳河乡2024年政府工作报告\n一、工作回顾\n全年新增城镇就业３００人。\n";
    let a = from_text("/data/2024/liuhe.txt", text, "UTF-8");
    let b = from_text("/data/copy/liuhe-final.txt", text, "UTF-8");
    let c = from_text("/data/other.txt", PLAN, "UTF-8");
    let mut app = App::new(vec![a, b, c], Keymap::default(), Theme::none());
    for (w, h) in [(120, 30), (80, 24)] {
        app.resize(w, h);
        let s = screen(&app);
        assert!(s.contains("liuhe.txt") && s.contains("liuhe-final"), "{s}");
    }
}

#[test]
fn pane_toggles_keep_the_top_paragraph() {
    let mut app = app(100, 18);
    // Scroll the text so a later paragraph is at the top.
    app.focus = crate::tui::layout::Pane::Text;
    app.handle(vec![code(KeyCode::PageDown)]);
    let top = |app: &App| app.lines[app.text_scroll].para;
    let before = top(&app);
    assert!(before > 0, "scrolled");
    // Hiding and showing the table, zooming it and back: the same paragraph on top.
    app.handle(vec![k('i')]);
    app.handle(vec![k('i')]);
    assert_eq!(top(&app), before, "after i i");
    app.handle(vec![k('z')]);
    app.handle(vec![k('z')]);
    assert_eq!(top(&app), before, "after z z");
}
