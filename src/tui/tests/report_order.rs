//! The reports pane under a filter over all reports: reports with a match first, those without
//! dimmed after them or hidden (`H`); identical titles told apart by file name.

use super::screens::screen;
use crate::tui::{Action, App, Keymap, Theme};
use baogao_core::load::from_text;

/// Four reports of our own; only the second and the fourth speak of 冰雪旅游, and the last two
/// share a title.
fn app() -> App {
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    for (file, title, body) in [
        (
            "a.txt",
            "东林县政府工作报告",
            "推进农业现代化，建设高标准农田两万亩。",
        ),
        (
            "b.txt",
            "北岭县政府工作报告",
            "发展冰雪旅游，新建滑雪场一处。",
        ),
        (
            "c.txt",
            "南川镇工作总结",
            "完成道路硬化十公里，改造危房三十户。",
        ),
        ("d.txt", "南川镇工作总结", "冬季冰雪旅游接待游客五万人次。"),
    ] {
        let text = format!("{title}\n各位代表：\n一、过去一年工作回顾\n{body}\n");
        app.add_report(from_text(file, &text, "UTF-8"), Vec::new());
    }
    app.resize(100, 24);
    app
}

/// The reports pane's rows, top to bottom (the left column of the screen, up to its border).
fn report_lines(s: &str) -> Vec<String> {
    s.lines()
        .skip(1)
        .take_while(|l| !l.starts_with('└') && !l.starts_with('╰'))
        .map(|l| l.split('│').nth(1).unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn unmatched_reports_go_last_then_hide_with_h() {
    let mut app = app();
    app.update(Action::FocusFilter);
    app.type_str("冰雪旅游");
    app.update(Action::FilterAccept);
    let s = screen(&app);
    let rows = report_lines(&s);
    assert_eq!(rows.len(), 4, "{s}");
    assert!(rows[0].starts_with("北岭县政府工作报告"), "{rows:?}");
    assert!(
        rows[1].contains("d.txt"),
        "identical titles show file names: {rows:?}"
    );
    assert!(rows[2].starts_with("东林县政府工作报告"), "{rows:?}");
    assert!(rows[3].contains("c.txt"), "{rows:?}");
    insta::assert_snapshot!("reports_matches_first_100x24", s);
    // Moving down the pane follows the rows as shown: the second row is d.txt, the fourth report.
    app.focus = crate::tui::layout::Pane::Reports;
    app.update(Action::Down);
    assert_eq!(app.reports_view.sel, 3);
    // `H` hides the reports without a match; again, lists them last.
    app.update(Action::ToggleUnmatched);
    let rows = report_lines(&screen(&app));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].starts_with("北岭县") && rows[1].contains("d.txt"),
        "{rows:?}"
    );
    app.update(Action::ToggleUnmatched);
    assert_eq!(report_lines(&screen(&app)).len(), 4);
    // Without a filter the reports are listed as loaded.
    app.update(Action::ClearFilter);
    let rows = report_lines(&screen(&app));
    assert!(rows[0].starts_with("东林县"), "{rows:?}");
}
