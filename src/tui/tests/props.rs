//! Any sequence of keys, mouse events, pastes, resizes and loader messages (a report arriving,
//! the next report's figures) leaves the app drawable without a panic, with every selection
//! inside its list and no control character in a cell.

use crate::tui::app::Msg;
use crate::tui::{draw, App, Keymap, Theme};
use baogao_core::indicators::Packed;
use baogao_core::load::from_text;
use baogao_core::panel::PackedRows;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;

const A: &str = "甲镇2024年政府工作报告\n一、2023年工作回顾\n全镇完成一般公共预算收入１２３４５万元，同比增长５．２％；新建道路１２公里。\n（一）产业\n新引进项目１２个，总投资３．６亿元。\n二、2024年工作安排\n一般公共预算收入增长５％，粮食产量稳定在３万吨以上。\n";
const B: &str = "乙县工作总结\n一、主要成效\n完成投资xx.x亿元，增长x%。\u{1b}]52;c;eA==\u{7}\n二、存在问题\n收入增长放缓。\n";

#[derive(Debug, Clone)]
enum Ev {
    Key(KeyCode, KeyModifiers),
    Click(u16, u16),
    Wheel(bool, u16, u16),
    Paste(String),
    Resize(u16, u16),
    /// A report from the loader (A or B), its figures to come.
    Arrive(bool),
    /// The figures of the first report waiting for them.
    Figures,
    /// The figures of the report the app asks for ahead of their turn, if any.
    Early,
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'h', 'l', 'n', 'N', '/', 'a', 'w', 'i', 'y', 'Y', 'c', 's', 'S',
            'o', 'm', '?', '!', 'e', '收', '入', '一', ' ', '-', '"', '|', 'x',
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::F(2),
        ]),
    ]
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        6 => (key_code(), prop::sample::select(vec![KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT]))
            .prop_map(|(k, m)| Ev::Key(k, m)),
        1 => (0u16..130, 0u16..50).prop_map(|(x, y)| Ev::Click(x, y)),
        1 => (any::<bool>(), 0u16..130, 0u16..50).prop_map(|(d, x, y)| Ev::Wheel(d, x, y)),
        1 => "[收入增长一二\\-\" a-z\\n\\t]{0,12}".prop_map(Ev::Paste),
        1 => (0u16..130, 0u16..50).prop_map(|(w, h)| Ev::Resize(w, h)),
        1 => any::<bool>().prop_map(Ev::Arrive),
        1 => Just(Ev::Figures),
        1 => Just(Ev::Early),
    ]
}

/// One random session: every event, then a draw and the invariants.
fn session(dir: &std::path::Path, events: Vec<Ev>) -> Result<(), TestCaseError> {
    let reports = vec![
        from_text("a.txt", A, "UTF-8"),
        from_text("b.txt", B, "UTF-8"),
    ];
    let mut app = App::new(reports, Keymap::default(), Theme::dark());
    app.export_dir = Some(dir.to_path_buf());
    app.resize(100, 30);
    let mut waiting = std::collections::VecDeque::new();
    for ev in events {
        match ev {
            // Quitting ends a real session; here keep going to test more states.
            Ev::Key(KeyCode::Char('c'), KeyModifiers::CONTROL) => continue,
            Ev::Key(code, mods) => app.key(KeyEvent::new(code, mods)),
            Ev::Click(x, y) => app.mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            }),
            Ev::Wheel(down, x, y) => app.mouse(MouseEvent {
                kind: if down {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::ScrollUp
                },
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            }),
            Ev::Paste(s) => app.paste(&s),
            Ev::Resize(w, h) => app.resize(w, h),
            Ev::Arrive(a) => {
                let n = app.reports.len();
                let (text, name) = if a { (A, "a") } else { (B, "b") };
                let r = Arc::new(from_text(&format!("{name}{n}.txt"), text, "UTF-8"));
                waiting.push_back(r.clone());
                app.handle([Msg::Loaded(r)]);
            }
            Ev::Figures => {
                if let Some(r) = waiting.pop_front() {
                    let ind = baogao_core::indicators::extract(&r);
                    let panel = baogao_core::panel::rows_sharing_text(&r, &ind);
                    let (ind, panel) = (Packed::new(&r, &ind), PackedRows::new(&r, &panel));
                    app.handle([Msg::Figures(r, ind, panel)]);
                }
            }
            Ev::Early => {
                if let Some(r) = app.figures_wanted().map(|i| app.reports[i].clone()) {
                    let ind = baogao_core::indicators::extract(&r);
                    app.handle([Msg::EarlyFigures(r.clone(), Packed::new(&r, &ind))]);
                }
            }
        }
        app.quit = false;
        app.effects.clear();
        let (w, h) = app.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| draw(&app, f)).unwrap();
        for cell in term.backend().buffer().content() {
            prop_assert!(!cell.symbol().chars().any(|c| c.is_control()));
        }
        prop_assert!(app.reports_view.sel < app.reports.len());
        prop_assert!(app.para < app.reports[app.reports_view.sel].paragraphs.len());
        prop_assert!(app.outline_view.sel < app.outline.len().max(1));
        prop_assert!(app.rows_view.sel < app.rows.len().max(1));
        prop_assert!(app.text_scroll <= app.lines.len());
        prop_assert_eq!(app.figures_pending(), waiting.len());
        prop_assert!(app
            .rows
            .iter()
            .all(|r| r.0 < app.with_figures() || app.is_early(r.0)));
    }
    Ok(())
}

#[test]
fn random_sessions_never_panic() {
    // The export dialog may write files (Enter on its default name): keep them out of the
    // source tree, in a directory removed at the end.
    let dir = tempfile::tempdir().unwrap();
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    let result = runner.run(&prop::collection::vec(event(), 1..60), |events| {
        session(dir.path(), events)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
