//! Daily-use parts of the TUI, driven through actions and events: the export dialog, mouse,
//! restoring the last position, keymap overrides, background arrival of reports.

use crate::tui::app::{Effect, Popup};
use crate::tui::layout::Pane;
use crate::tui::{Action, App, Keymap, Theme};
use baogao_core::load::from_text;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

const REPORT: &str = "东湖镇2024年政府工作报告
一、2023年工作回顾
全镇完成一般公共预算收入８８８８万元，同比增长４．５％。新建高标准农田１２００亩。
二、2024年工作安排
（一）产业
新增规模以上企业３家，完成固定资产投资６．２亿元。
（二）民生
新增城镇就业２５０人。
";

fn app() -> App {
    let r = from_text("/reports/东湖镇.txt", REPORT, "UTF-8");
    let mut app = App::new(vec![r], Keymap::default(), Theme::none());
    app.resize(120, 40);
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn click(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn a_relative_export_name_goes_to_the_export_directory() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    app.export_dir = Some(dir.path().to_path_buf());
    app.update(Action::Export);
    let proposed = app.export.as_ref().unwrap().name_text();
    assert!(!proposed.contains('/'), "{proposed}");
    assert_eq!(
        app.export.as_ref().unwrap().dir,
        dir.path().display().to_string()
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.popup, None);
    let written = std::fs::read_to_string(dir.path().join(&proposed)).unwrap();
    assert!(written.contains("东湖镇"), "{written}");
}

#[test]
fn export_dialog_writes_and_never_overwrites() {
    let mut app = app();
    assert!(!app.rows.is_empty(), "the report's figures make table rows");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("表.csv");
    std::fs::write(&target, "keep me").unwrap();

    app.update(Action::Export);
    assert_eq!(app.popup, Some(Popup::Export));
    // The proposed name follows the format until edited.
    let proposed = app.export.as_ref().unwrap().name_text();
    assert!(proposed.ends_with(".tsv"), "{proposed}");
    app.update(Action::NextFormat);
    assert!(app.export.as_ref().unwrap().name_text().ends_with(".csv"));
    // Replace the name: Ctrl-U clears to the line head in the input, then type a path.
    app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in target.to_string_lossy().chars() {
        key(&mut app, KeyCode::Char(c));
    }
    // `q` typed in the dialog is text, not quit.
    assert!(!app.quit);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.popup,
        None,
        "{:?}",
        app.export.as_ref().and_then(|d| d.error.clone())
    );
    let toast = app.toast.clone().unwrap();
    assert!(toast.contains("表-1.csv"), "{toast}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let written = std::fs::read_to_string(dir.path().join("表-1.csv")).unwrap();
    assert!(written.starts_with('\u{feff}'), "CSV starts with a BOM");
    assert!(written.contains("8888"), "{written}");
}

#[test]
fn export_dialog_reports_errors_and_esc_cancels() {
    let mut app = app();
    if app.rows.is_empty() {
        return;
    }
    app.update(Action::Export);
    app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "/no/such/dir/x.tsv".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let err = app.export.as_ref().unwrap().error.clone().unwrap();
    assert!(err.contains("/no/such/dir"), "{err}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.popup, None);
    assert!(app.export.is_none());
}

#[test]
fn mouse_focuses_selects_scrolls_and_sorts() {
    let mut app = app();
    let a = app.areas();
    // Click an outline row: focus moves there and the text follows the section.
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        a.outline.x + 3,
        a.outline.y + 3,
    );
    assert_eq!(app.focus, Pane::Outline);
    assert_eq!(app.outline_view.sel, 2);
    let sec = app.outline[2].section.unwrap();
    assert_eq!(app.reports[0].paragraphs[app.para].section(), Some(sec));
    // Wheel over the text scrolls it without moving the focus.
    app.resize(60, 12);
    let a = app.areas();
    let before = app.text_scroll;
    click(
        &mut app,
        MouseEventKind::ScrollDown,
        a.text.x + 2,
        a.text.y + 2,
    );
    assert!(
        app.text_scroll > before || app.lines.len() <= 8,
        "{} lines",
        app.lines.len()
    );
    app.resize(120, 40);
    // Click a column header of the table: sorted by it; again: reversed.
    if app.rows.len() > 1 {
        let a = app.areas();
        let header_y = a.indicators.y + 1;
        let widths = app.column_widths((a.indicators.width - 2) as usize);
        let value_x = a.indicators.x + 1 + widths[0] as u16 + 2;
        click(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            value_x,
            header_y,
        );
        assert_eq!(app.focus, Pane::Indicators);
        assert_eq!(app.sort, Some((crate::tui::table::Column::Figure, true)));
        // In the order of the core's comparison (values in a common base unit per unit kind).
        let rows: Vec<_> = app
            .rows
            .iter()
            .map(|&(r, i)| app.indicators[r].figure(i))
            .collect();
        assert!(
            rows.windows(2).all(|w| baogao_core::table::compare(
                w[0],
                w[1],
                crate::tui::table::Column::Figure,
                false
            )
            .is_le()),
            "{rows:?}"
        );
        click(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            value_x,
            header_y,
        );
        assert_eq!(app.sort, Some((crate::tui::table::Column::Figure, false)));
    }
    // The mouse key turns capture off (an effect for the terminal) and back on.
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.effects.pop(), Some(Effect::Mouse(false)));
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.effects.pop(), Some(Effect::Mouse(true)));
}

#[test]
fn position_is_restored_when_its_report_arrives() {
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.resize(100, 30);
    app.restore = Some(crate::state::Position {
        report: "/reports/东湖镇.txt".into(),
        paragraph: 5,
        section: None,
    });
    let other = from_text("/reports/other.txt", "一、概况\n内容。\n", "UTF-8");
    app.add_report(other, Vec::new());
    assert_eq!(app.reports_view.sel, 0);
    let r = from_text("/reports/东湖镇.txt", REPORT, "UTF-8");
    app.add_report(r, Vec::new());
    assert_eq!(app.reports_view.sel, 1);
    assert_eq!(app.para, 5);
    let pos = app.position().unwrap();
    assert_eq!(pos.report, "/reports/东湖镇.txt");
    assert_eq!(pos.paragraph, 5);
}

#[test]
fn filter_covers_reports_that_arrive_later() {
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.resize(100, 30);
    app.update(Action::FocusFilter);
    app.type_str("就业");
    app.settle();
    assert!(app.filter.active() && app.filter.matches.is_empty());
    for i in 0..40 {
        let r = from_text(&format!("/r/{i}.txt"), REPORT, "UTF-8");
        let ind = baogao_core::indicators::extract(&r);
        app.add_report(r, ind);
    }
    // The worker checks each arriving report against the standing query.
    app.settle();
    assert_eq!(app.reports_with_hits(), 40);
    // Rows added report by report equal rows rebuilt at once (no duplicates, none missing).
    let incremental = app.rows.clone();
    assert!(!incremental.is_empty() || app.indicators.iter().all(|i| i.is_empty()));
    app.update(Action::ToggleScope);
    app.update(Action::ToggleScope);
    assert_eq!(app.rows, incremental);
    // Typing again goes through the rebuilt index and finds the same.
    app.type_str(" ");
    app.settle();
    assert_eq!(app.reports_with_hits(), 40);
    assert_eq!(app.filter.matches.len(), 40);
}

/// As the loader sends a cold pile: every report first, their figures after, in order.
fn arrive(app: &mut App, reports: &[std::sync::Arc<baogao_core::Report>]) {
    use crate::tui::app::Msg;
    let mut msgs: Vec<Msg> = reports.iter().map(|r| Msg::Loaded(r.clone())).collect();
    msgs.push(Msg::LoadDone);
    app.handle(msgs);
}

/// The figures of `r`, as the loader sends them.
fn figures(r: &std::sync::Arc<baogao_core::Report>) -> crate::tui::app::Msg {
    let ind = baogao_core::indicators::extract(r);
    let panel = baogao_core::panel::rows_sharing_text(r, &ind);
    crate::tui::app::Msg::Figures(
        r.clone(),
        baogao_core::indicators::Packed::new(r, &ind),
        baogao_core::panel::PackedRows::new(r, &panel),
    )
}

/// Six reports, each with its own figure, and an app that took them with their figures at once
/// (to compare with one whose figures come later).
fn six_reports_and_whole() -> (Vec<std::sync::Arc<baogao_core::Report>>, App) {
    let reports: Vec<_> = (0..6)
        .map(|i| {
            let text = REPORT.replace("２５０人", &format!("{}人", 100 + i));
            std::sync::Arc::new(from_text(&format!("/r/{i}.txt"), &text, "UTF-8"))
        })
        .collect();
    let mut whole = App::new(Vec::new(), Keymap::default(), Theme::none());
    whole.resize(120, 40);
    for r in &reports {
        whole.add_report((**r).clone(), baogao_core::indicators::extract(r));
    }
    (reports, whole)
}

#[test]
fn figures_that_come_after_their_reports_fill_the_table_in_order() {
    use crate::tui::table::Column;
    let (reports, whole) = six_reports_and_whole();
    for sorted in [false, true] {
        let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
        app.resize(120, 40);
        arrive(&mut app, &reports);
        // The reports are in and readable; the table waits for the first one's figures.
        assert_eq!(app.reports.len(), 6);
        assert!(app.rows.is_empty());
        let s = super::screens::screen(&app);
        assert!(
            s.contains("figures 0/6") && s.contains("figures to come"),
            "{s}"
        );
        assert!(
            s.contains("Figures still to come") && !s.contains("项"),
            "{s}"
        );
        app.handle([figures(&reports[0])]);
        assert_eq!(app.rows, whole.rows, "the selected report's table");
        let s = super::screens::screen(&app);
        assert!(!s.contains("to come") && s.contains("8段 3项"), "{s}");
        // A filter over every report: rows join as their reports' figures come.
        app.update(Action::FocusFilter);
        app.type_str("就业");
        app.settle();
        if sorted {
            app.sort = Some((Column::Figure, false));
            // Every figure's names, indexed while most reports wait for theirs.
            app.update(Action::ToggleFigures);
        }
        assert_eq!(app.rows.len(), 1, "{:?}", app.rows);
        assert!(super::screens::screen(&app).contains("figures of 5 reports to come"));
        // Out of order (not the next report): not taken.
        app.handle([figures(&reports[3])]);
        assert_eq!((app.with_figures(), app.rows.len()), (1, 1));
        for r in &reports[1..] {
            app.handle([figures(r)]);
        }
        assert_eq!(app.with_figures(), 6);
        assert_eq!(app.rows.len(), 6);
        let mut both = app.rows.clone();
        // Rows taken in one by one equal rows rebuilt at once.
        app.update(Action::ToggleScope);
        app.update(Action::ToggleScope);
        assert_eq!(app.rows, both);
        both.sort();
        assert_eq!(both, (0..6).map(|r| (r, app.rows[0].1)).collect::<Vec<_>>());
        assert!(!super::screens::screen(&app).contains("figures"));
    }
}

#[test]
fn matches_found_before_their_reports_figures_wait_for_them() {
    let reports: Vec<_> = (0..6)
        .map(|i| std::sync::Arc::new(from_text(&format!("/r/{i}.txt"), REPORT, "UTF-8")))
        .collect();
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.resize(120, 40);
    // The filter stands before the pile comes: the worker's matches arrive report by report.
    app.update(Action::FocusFilter);
    app.type_str("就业");
    app.settle();
    arrive(&mut app, &reports);
    // The first report's figures may come before the matches.
    app.handle([figures(&reports[0])]);
    app.settle();
    assert_eq!(app.reports_with_hits(), 6);
    assert_eq!(app.rows.len(), 1);
    for r in &reports[1..] {
        app.handle([figures(r)]);
    }
    assert_eq!(app.rows.len(), 6);
    assert_eq!(
        app.rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );
}

/// The indicators of `r` ahead of their turn, as the loader answers [`App::figures_wanted`].
fn early(r: &std::sync::Arc<baogao_core::Report>) -> crate::tui::app::Msg {
    let ind = baogao_core::indicators::extract(r);
    crate::tui::app::Msg::EarlyFigures(r.clone(), baogao_core::indicators::Packed::new(r, &ind))
}

#[test]
fn the_selected_reports_figures_come_ahead_of_their_turn() {
    let (reports, mut whole) = six_reports_and_whole();
    whole.select_report(4);
    let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
    app.resize(120, 40);
    arrive(&mut app, &reports);
    assert_eq!(app.figures_wanted(), Some(0));
    // A report deep in the pile is opened: its figures are asked for, and come ahead.
    app.select_report(4);
    assert_eq!(app.figures_wanted(), Some(4));
    assert!(super::screens::screen(&app).contains("Figures still to come"));
    app.handle([early(&reports[4])]);
    assert_eq!(app.figures_wanted(), None);
    assert_eq!(app.figures_the_table_waits_for(), 0);
    assert!(!app.rows.is_empty());
    assert_eq!(app.rows, whole.rows);
    assert_eq!(
        app.table_text(baogao_core::table::Destination::File),
        whole.table_text(baogao_core::table::Destination::File)
    );
    let s = super::screens::screen(&app);
    assert!(
        !s.contains("Figures still to come") && s.contains("8段 3项"),
        "{s}"
    );
    // The report's own names serve a filter over its table, in both views.
    for a in [&mut app, &mut whole] {
        a.update(Action::FocusFilter);
        a.type_str("就业");
        a.settle();
        a.update(Action::ToggleScope);
        a.settle();
    }
    assert!(!app.filter.all_reports);
    assert_eq!(app.rows, whole.rows);
    assert_eq!(app.rows.len(), 1);
    app.update(Action::ToggleFigures);
    whole.update(Action::ToggleFigures);
    assert_eq!(app.rows, whole.rows);
    // The other reports are not asked for while it is shown; figures for a report with its
    // own already are not taken again.
    app.handle([figures(&reports[0]), early(&reports[0])]);
    assert_eq!((app.with_figures(), app.figures_wanted()), (1, None));
    // Its turn: the same rows, from the pile's indexes now.
    for r in &reports[1..] {
        app.handle([figures(r)]);
        assert_eq!(app.rows, whole.rows);
    }
    assert_eq!(app.with_figures(), 6);
    app.select_report(5);
    whole.select_report(5);
    assert_eq!(app.rows, whole.rows);
}

#[test]
fn keymap_overrides_drive_the_app_and_the_help() {
    let (config, warnings) =
        crate::config::Config::from_json(r#"{"keymap": {"copy_table": ["ctrl-y"]}}"#, None);
    assert!(warnings.is_empty());
    let (km, problems) = Keymap::with_chords(&config.keymap);
    assert!(problems.is_empty());
    let r = from_text("/reports/东湖镇.txt", REPORT, "UTF-8");
    let mut app = App::new(vec![r], km, Theme::none());
    app.resize(100, 40);
    key(&mut app, KeyCode::Char('y'));
    assert!(app.effects.is_empty(), "plain y no longer copies");
    app.key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL));
    if !app.rows.is_empty() {
        assert!(matches!(app.effects.last(), Some(Effect::Copy(_))));
    }
    let help = app.keymap.help();
    assert!(help[0]
        .1
        .iter()
        .any(|(k, _, a)| k == "Ctrl-y" && a == "copy_table"));
}

#[test]
fn load_errors_are_listed_naming_each_file_and_filtered() {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let mut app = app();
    app.add_error(
        "/reports/坏\u{1b}]52;c;eA==\u{7}文件.txt: looks like binary data, not a text report"
            .into(),
    );
    app.add_error("/reports/missing.txt: no such file or directory".into());
    app.set_progress(crate::tui::app::Progress {
        done: 3,
        total: 3,
        bytes: 10,
        finished: true,
    });
    assert!(app.toast.as_deref().unwrap().contains("2 file(s) failed"));
    key(&mut app, KeyCode::Char('!'));
    assert_eq!(app.popup, Some(Popup::Errors));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| crate::tui::draw(&app, f)).unwrap();
    let text: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        text.contains("missing.txt: no such file or directory"),
        "{text}"
    );
    assert!(text.contains("binary data"));
    assert!(!text.chars().any(|c| c.is_control()));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.popup, None);
}

#[test]
fn esc_and_a_key_at_once_act_as_esc_then_the_key() {
    let mut app = app();
    app.update(Action::FocusFilter);
    app.type_str("收入");
    app.settle();
    assert!(app.filter.active());
    // A terminal delivers ESC y in one read as Alt-y.
    app.key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    assert!(!app.filter.focused && !app.filter.active());
    if !app.rows.is_empty() {
        assert!(matches!(app.effects.last(), Some(Effect::Copy(t)) if t.starts_with("报告\t")));
    }
    // Alt+b stays the input's word motion.
    app.update(Action::FocusFilter);
    app.type_str("一般 公共");
    app.key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT));
    assert!(app.filter.focused);
    assert_eq!(app.filter.text(), "一般 公共");
}

#[test]
fn outline_labels_are_shown_as_written() {
    let text = "白沙县2024年政府工作报告\n一、过去一年的工作\n（一）产业发展\n第一，竭力稳住经济大盘。全县地区生产总值增长５％。\n第二，加快项目建设。新开工项目１２个。\n";
    let r = from_text("白沙县.txt", text, "UTF-8");
    let labels: Vec<String> = (0..r.sections.len())
        .map(|s| crate::tui::app::section_label(&r, s))
        .collect();
    assert!(
        labels.iter().any(|l| l.starts_with("（一）产业发展")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.starts_with("第一，竭力")),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("第一,")), "{labels:?}");
}

/// A pile loaded, filtered and quit; then loaded again from a fresh start: the second takes the
/// filter's index saved by the first (as `run` lets the save finish when quitting), and the
/// filter finds the same paragraphs. A pile with one report changed is indexed afresh.
#[test]
fn a_pile_loaded_again_takes_the_filter_index_saved_the_first_time() {
    use crate::tui::app::Msg;
    use crate::tui::index_cache::IndexStore;
    let dir = tempfile::tempdir().unwrap();
    let session = |changed: Option<usize>| {
        let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
        app.resize(120, 40);
        app.use_saved_index(IndexStore::in_dir(dir.path(), 0).unwrap());
        let mut msgs: Vec<Msg> = (0..12)
            .map(|i| {
                let extra = if changed == Some(i) {
                    "另行说明。\n"
                } else {
                    ""
                };
                let text = format!("{REPORT}{extra}第{i}号：全年新增城镇就业{i}00人。\n");
                let r = from_text(&format!("/reports/{i}.txt"), &text, "UTF-8");
                Msg::Loaded(std::sync::Arc::new(r))
            })
            .collect();
        msgs.push(Msg::LoadDone);
        app.handle(msgs);
        for c in "/就业".chars() {
            app.handle(vec![Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            ))]);
        }
        app.settle();
        app.finish_saving_index(std::time::Duration::from_secs(30));
        (app.filter.matches.clone(), app.saved_index_reports())
    };
    let (first, taken) = session(None);
    assert_eq!((first.len(), taken), (24, 0));
    assert_eq!(session(None), (first.clone(), 12));
    let (changed, taken) = session(Some(5));
    assert_eq!((changed.len(), taken), (24, 0));
}
