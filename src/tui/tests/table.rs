//! The indicator table in the TUI: what `y`, `Y` and `p` hold (one rule, the core's), columns
//! fitted to content and width, the zoom key, sorting by value across units.

use super::screens::{app, screen};
use crate::tui::app::Effect;
use crate::tui::layout::Pane;
use crate::tui::table::Column;
use crate::tui::{Action, App};
use baogao_core::indicators::Change;
use baogao_core::table::{render_indicators, Destination, Format, EXPORT_COLUMNS};

fn copied(app: &mut App, action: Action) -> String {
    app.update(action);
    match app.effects.pop() {
        Some(Effect::Copy(t)) => t,
        other => panic!("no copy after {action:?}: {other:?}"),
    }
}

fn table_rows(app: &App) -> Vec<baogao_core::indicators::Indicator> {
    app.rows
        .iter()
        .map(|&(r, i)| app.indicators[r].get(i))
        .collect()
}

#[test]
fn y_y_and_p_write_every_column_whatever_the_pane_shows() {
    let mut app = app(120, 40);
    app.focus = Pane::Indicators;
    app.update(Action::Down);
    let y = copied(&mut app, Action::CopyTable);
    let lines: Vec<&str> = y.lines().collect();
    let header: Vec<&str> = EXPORT_COLUMNS.iter().map(|c| c.header()).collect();
    assert_eq!(lines[0], header.join("\t"));
    assert_eq!(lines.len(), app.rows.len() + 1);
    assert_eq!(
        y,
        render_indicators(&table_rows(&app), Format::Tsv, Destination::Clipboard)
    );
    // `Y`: the selected row exactly as `y` wrote it, with report, section and sentence.
    let row = copied(&mut app, Action::CopyRow);
    assert_eq!(row.trim_end_matches('\n'), lines[app.rows_view.sel + 1]);
    let cells: Vec<&str> = row.trim_end().split('\t').collect();
    let (r, i) = app.rows[app.rows_view.sel];
    let ind = app.indicators[r].figure(i);
    assert_eq!(cells[0], ind.report);
    assert_eq!(cells[1], ind.section.join(" > "));
    assert_eq!(cells[10], ind.quote);
    // `p` prints what `y` copies.
    assert_eq!(app.table_text(Destination::File), y);
    // Zoomed, sorted: the pane shows other columns, the copy keeps them all.
    app.update(Action::ToggleZoom);
    app.update(Action::SortNext);
    let y2 = copied(&mut app, Action::CopyTable);
    assert_eq!(y2.lines().next(), Some(lines[0]));
    assert_eq!(
        y2,
        render_indicators(&table_rows(&app), Format::Tsv, Destination::Clipboard)
    );
}

#[test]
fn the_configured_format_applies_to_every_copy() {
    let mut app = app(120, 40);
    app.format = Format::Markdown;
    let y = copied(&mut app, Action::CopyTable);
    assert!(y.starts_with("| 报告"), "{y}");
    assert!(app.toast.as_deref().unwrap().contains("Markdown"));
    let row = copied(&mut app, Action::CopyRow);
    assert_eq!(row.lines().count(), 1);
    assert!(row.starts_with("| ") && !row.contains("---"), "{row}");
    app.format = Format::Csv;
    let y = copied(&mut app, Action::CopyTable);
    assert!(y.starts_with("报告,章节"), "no BOM on the clipboard: {y:?}");
    assert!(app.table_text(Destination::File).starts_with('\u{feff}'));
    app.format = Format::Json;
    let row = copied(&mut app, Action::CopyRow);
    let v: serde_json::Value = serde_json::from_str(row.trim()).unwrap();
    assert_eq!(v["report"], "青山镇2024年政府工作报告.txt");
}

/// A growth in percentage points, the widest short cell a table usually holds.
fn with_points(app: &mut App) {
    // Packed rows are not changed in place: repack the report's rows with the change.
    let mut rows = app.indicators[0].to_vec();
    rows[3].change = Some(Box::new(Change {
        value: Some(3.5),
        unit: "个百分点".into(),
        masked: false,
        basis: None,
        high: None,
    }));
    app.indicators[0] = baogao_core::indicators::Packed::new(&app.reports[0], &rows);
}

#[test]
fn the_change_column_is_whole_at_60_columns() {
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let mut app = app(w, h);
        with_points(&mut app);
        app.focus = Pane::Indicators;
        // Select the row (and so scroll it into view).
        for _ in 0..3 {
            app.update(Action::Down);
        }
        let s = screen(&app);
        assert!(s.contains("+3.5个百分点"), "{w}x{h}:\n{s}");
        assert!(s.contains("增减"), "{w}x{h}:\n{s}");
    }
}

#[test]
fn zoom_fills_the_screen_and_gives_it_back() {
    let mut app = app(60, 20);
    with_points(&mut app);
    app.focus = Pane::Text;
    app.update(Action::ToggleZoom);
    assert!(app.table_zoomed());
    assert_eq!(app.focus, Pane::Indicators);
    let a = app.areas();
    assert_eq!((a.indicators.width, a.indicators.height), (60, 18));
    assert_eq!(a.text.width, 0);
    assert!(app.columns().contains(&Column::Quote));
    let s = screen(&app);
    assert!(s.contains("z: back") && s.contains("章节"), "{s}");
    insta::assert_snapshot!("zoomed_table_60x20", s);
    // Leaving the table shows the panes again; z gives them back too.
    app.update(Action::NextPane);
    assert!(!app.table_zoomed());
    assert!(app.areas().text.width > 0);
    app.update(Action::PrevPane);
    assert!(app.table_zoomed());
    app.update(Action::ToggleZoom);
    assert!(!app.table_zoomed());
    assert!(app.areas().text.width > 0);
    // The key is in the help, from the keymap.
    let help = app.keymap.help();
    assert!(help
        .iter()
        .flat_map(|(_, rows)| rows)
        .any(|(k, _, a)| k == "z" && a == "toggle_zoom"));
}

#[test]
fn sorting_by_value_compares_amounts_in_one_unit() {
    let mut app = app(120, 40);
    app.focus = Pane::Indicators;
    // Figure is the second column: s twice.
    app.update(Action::SortNext);
    app.update(Action::SortNext);
    assert_eq!(app.sort, Some((Column::Figure, true)));
    let shown: Vec<String> = app
        .rows
        .iter()
        .map(|&(r, i)| {
            let x = app.indicators[r].figure(i);
            format!(
                "{}{}",
                baogao_core::table::cell(x, Column::Figure),
                x.unit.unwrap_or("")
            )
        })
        .collect();
    // 万元 below 亿元: 12345万元 (1.2345亿) < 15亿元; then rates, then other units; masked last.
    let pos = |s: &str| {
        shown
            .iter()
            .position(|x| x == s)
            .unwrap_or_else(|| panic!("{s} in {shown:?}"))
    };
    assert!(pos("12345万元") < pos("15亿元"), "{shown:?}");
    assert!(pos("15亿元") < pos("98.5%"), "{shown:?}");
    assert!(pos("98.5%") < pos("3万吨"), "{shown:?}");
    assert_eq!(shown.last().map(String::as_str), Some(""), "{shown:?}");
    app.update(Action::SortReverse);
    let first: Vec<String> = app
        .rows
        .iter()
        .take(1)
        .map(|&(r, i)| app.indicators[r].figure(i).name.to_string())
        .collect();
    assert_eq!(
        first,
        ["固定资产投资"],
        "the largest amount leads when reversed"
    );
}

#[test]
fn the_export_dialog_writes_what_y_copies_and_offers_json_lines() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(100, 30);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("表.jsonl");
    app.update(Action::Export);
    // From TSV, back one: the last format, JSON Lines.
    app.update(Action::PrevFormat);
    let d = app.export.as_ref().unwrap();
    assert_eq!(d.format, Format::Jsonl);
    assert!(d.name_text().ends_with(".jsonl"), "{}", d.name_text());
    assert!(screen(&app).contains("JSON Lines"));
    app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in target.to_string_lossy().chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let written = std::fs::read_to_string(&target).expect("the export");
    assert_eq!(written.lines().count(), app.rows.len());
    app.format = Format::Jsonl;
    assert_eq!(written, copied(&mut app, Action::CopyTable));
}

#[test]
fn column_widths_stay_put_while_scrolling() {
    let mut app = app(80, 20);
    app.focus = Pane::Indicators;
    let inner = (app.areas().indicators.width - 2) as usize;
    let before = app.column_widths(inner);
    app.update(Action::Bottom);
    assert!(app.rows_view.scroll > 0, "the table scrolls at this size");
    assert_eq!(app.column_widths(inner), before);
}

/// The table under a filter that spans reports: the core rows (or, toggled, every figure's)
/// whose paragraph matches or whose name or standard name does, in report and text order.
#[test]
fn a_spanning_filter_keeps_the_shown_rows_that_match_by_paragraph_or_name() {
    use baogao_core::load::from_text;
    // A figure that is not a core indicator comes first, so a core row's place among the
    // core rows differs from its place among the report's figures.
    let a = "东湖镇2024年政府工作报告\n一、2023年工作回顾\n新建高标准农田１２００亩。\n\
             全镇GDP增长５．２％，一般公共预算收入８８８８万元。\n农民人均可支配收入２．１万元。\n\
             二、2024年工作安排\n新增城镇就业２５０人，完成固定资产投资６．２亿元。\n\
             推动地区生产总值稳步提升。\n";
    let b =
        "西山乡2024年政府工作报告\n一、工作回顾\n全乡地区生产总值增长６％，新修道路１５公里。\n\
             税收收入增长３％。\n";
    let reports = vec![
        from_text("/r/东湖镇.txt", a, "UTF-8"),
        from_text("/r/西山乡.txt", b, "UTF-8"),
    ];
    let mut app = App::new(
        reports,
        crate::tui::Keymap::default(),
        crate::tui::Theme::none(),
    );
    app.resize(120, 40);
    let expected = |app: &App, word: &str| -> Vec<(usize, usize)> {
        let mut rows = Vec::new();
        for (ri, inds) in app.indicators.iter().enumerate() {
            for (ii, ind) in inds.iter().enumerate() {
                let shown = app.all_figures || ind.canonical.is_some();
                let named =
                    ind.name.contains(word) || ind.canonical.is_some_and(|c| c.contains(word));
                if shown && (app.hit(ri, ind.paragraph) || named) {
                    rows.push((ri, ii));
                }
            }
        }
        rows
    };
    for word in ["收入", "生产总值", "亩"] {
        app.handle(vec![super::k('/')]);
        for c in word.chars() {
            app.handle(vec![super::k(c)]);
        }
        app.settle();
        assert!(app.filter.all_reports);
        let mut counts = Vec::new();
        for _ in 0..2 {
            let want = expected(&app, word);
            assert_eq!(app.rows, want, "{word}, every figure: {}", app.all_figures);
            counts.push(app.rows.len());
            app.update(Action::ToggleFigures);
        }
        if word == "亩" {
            assert!(
                counts[0] < counts[1],
                "the farmland is not a core row: {counts:?}"
            );
        }
        app.handle(vec![super::code(crossterm::event::KeyCode::Esc)]);
    }
    // The words find rows of both kinds: by name only (GDP under 生产总值), and figures that
    // are not core indicators (the farmland's 亩) only when every figure is shown.
    app.handle(vec![super::k('/')]);
    for c in "生产总值".chars() {
        app.handle(vec![super::k(c)]);
    }
    app.settle();
    assert!(app.rows.iter().any(|&(ri, _)| ri == 0), "GDP by its name");
    assert!(app.rows.iter().any(|&(ri, _)| ri == 1));
}

/// Every figure shown first, reports arriving after: their figures are rows too (the index of
/// every figure's name, made when first needed, takes in later reports; the table's rows are
/// its entries).
#[test]
fn every_figure_shown_before_a_report_arrives_matches_its_names() {
    use baogao_core::load::from_text;
    let first = from_text(
        "/r/甲.txt",
        "一、回顾\n一般公共预算收入８８亿元。\n",
        "UTF-8",
    );
    let mut app = App::new(
        vec![first],
        crate::tui::Keymap::default(),
        crate::tui::Theme::none(),
    );
    app.resize(120, 40);
    app.update(Action::ToggleFigures);
    assert!(app.all_figures);
    let later = from_text(
        "/r/乙.txt",
        "一、回顾\n新建高标准农田１２００亩。\n推进农田水利建设。\n",
        "UTF-8",
    );
    let figures = baogao_core::indicators::extract(&later);
    let farmland = figures
        .iter()
        .position(|f| f.name.contains("农田") && f.canonical.is_none())
        .expect("a figure that is not a core indicator");
    app.add_report(later, figures);
    app.handle(vec![super::k('/')]);
    for c in "标准农".chars() {
        app.handle(vec![super::k(c)]);
    }
    app.settle();
    assert!(app.rows.contains(&(1, farmland)), "{:?}", app.rows);
    // Back to the core indicators: not a row.
    app.update(Action::ToggleFigures);
    assert!(!app.rows.contains(&(1, farmland)));
}

/// A file name with an escape sequence (here OSC 52 itself, and a C1 CSI that serde_json
/// leaves raw) reaches the clipboard harmless in every format: shown in the text formats,
/// escaped in JSON (which reads back as the same name).
#[test]
fn copies_hold_no_control_chars_from_names() {
    let mut app = app(120, 40);
    let (r, _) = app.rows[app.rows_view.sel];
    let name = "\u{1b}]52;c;aGk=\u{7}某\u{9b}2J市.txt";
    // The rows name the report by its source: repack them under the hostile name.
    let mut named = (*app.reports[r]).clone();
    named.source = name.into();
    let rows = app.indicators[r].to_vec();
    app.indicators[r] = baogao_core::indicators::Packed::new(&named, &rows);
    for format in Format::ALL {
        app.format = format;
        let row = copied(&mut app, Action::CopyRow);
        let table = copied(&mut app, Action::CopyTable);
        for text in [&row, &table] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
                "{format:?}: {text:?}"
            );
        }
        if matches!(format, Format::Json | Format::Jsonl) {
            let v: serde_json::Value = serde_json::from_str(row.trim()).unwrap();
            assert_eq!(v["report"], name);
        } else {
            assert!(
                row.contains("\\e]52;c;aGk=\\x07某\\u{9b}2J市"),
                "{format:?}: {row:?}"
            );
        }
    }
}
