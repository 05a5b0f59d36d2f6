//! `K`: the keywords popup, weighed against the other loaded reports.

use super::screens::screen;
use crate::tui::layout::Pane;
use crate::tui::{Action, App, Keymap, Theme};
use baogao_core::load::from_text;

/// Reports of our own: one about winter tourism among others, all with the genre's words.
fn app() -> App {
    let common = "坚持高质量发展，深化改革，优化政务服务，落实各项政策。";
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    for (file, title, review, plan) in [
        ("a.txt", "东林县政府工作报告", "茶叶种植面积扩大，茶叶加工企业新增三家。", "打响茶叶品牌，建设茶叶交易市场。"),
        ("b.txt", "北岭县政府工作报告", "冰雪旅游成为新的增长点，新建滑雪场两处，冬季旅游接待游客八十万人次，冰雪装备制造起步。", "推动冰雪旅游提质，办好冰雪节，完善旅游设施。"),
        ("c.txt", "南川区政府工作报告", "老旧小区改造四十个，城市更新项目开工。", "加快城市更新，改造老旧小区。"),
    ] {
        let text = format!(
            "{title}\n一、过去一年工作回顾\n{common}{review}\n二、今年工作安排\n{plan}{common}\n"
        );
        app.add_report(from_text(file, &text, "UTF-8"), Vec::new());
    }
    app.resize(100, 30);
    app
}

/// The popup's keywords, best first (the numbered lines of the screen).
fn listed(s: &str) -> Vec<String> {
    s.lines()
        .filter_map(|l| {
            let inner = l
                .split('│')
                .find(|c| c.trim_start().starts_with(|ch: char| ch.is_ascii_digit()))?;
            let mut it = inner.split_whitespace();
            it.next()?.parse::<usize>().ok()?;
            it.next().map(String::from)
        })
        .collect()
}

#[test]
fn k_lists_what_sets_the_report_apart() {
    let mut app = app();
    app.select_report(1);
    app.update(Action::ShowKeywords);
    assert!(screen(&app).contains("Keywords: 北岭县政府工作报告"));
    app.wait_for_keywords();
    let s = screen(&app);
    let words = listed(&s);
    assert!(words.len() >= 3, "{s}");
    assert!(words[..3].iter().any(|w| w.contains("冰雪")), "{words:?}");
    assert!(words[..6].iter().any(|w| w.contains("旅游")), "{words:?}");
    // The genre's words, if listed at all, come after the report's own.
    for boiler in ["高质量发展", "改革", "服务", "政策"] {
        assert!(
            !words[..8].iter().any(|w| w == boiler),
            "{boiler} in {words:?}"
        );
    }
    assert!(
        s.contains("KEYWORDS"),
        "the status bar names the popup: {s}"
    );
    assert!(s.contains("against 3 report(s)"), "{s}");
    assert!(
        !words.iter().any(|w| w == "北岭"),
        "its own name is no keyword: {words:?}"
    );
    // Esc closes it; from the outline, `K` takes the selected section.
    app.update(Action::Close);
    assert!(app.popup.is_none());
    app.select_report(0);
    app.focus = Pane::Outline;
    let plan = app
        .outline
        .iter()
        .position(|r| {
            r.section
                .is_some_and(|s| app.reports[0].sections[s].title.contains("今年"))
        })
        .expect("the plan section is in the outline");
    app.outline_view.sel = plan;
    app.update(Action::ShowKeywords);
    app.wait_for_keywords();
    let s = screen(&app);
    assert!(s.contains("› 二、今年工作安排"), "{s}");
    let words = listed(&s);
    assert!(words.first().is_some_and(|w| w == "茶叶"), "{words:?}");
    assert!(
        !words.iter().any(|w| w == "茶叶加工"),
        "the review's words stay out: {words:?}"
    );
}
