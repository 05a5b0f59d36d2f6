//! The message loop: bursts of input, the one keymap (popups, the input's editing keys), and
//! scrolling popups.

use super::screens::{app, screen};
use super::{code, k};
use crate::tui::app::{Msg, Popup};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn a_burst_of_typed_characters_is_one_search() {
    let mut app = app(120, 40);
    let before = app.searches;
    // An input method commits 一般公共 at once: four key events in one burst.
    app.handle(vec![k('/'), k('一'), k('般'), k('公'), k('共')]);
    assert_eq!(app.searches, before + 1);
    // The frame after the burst shows the previous matches until the worker answers.
    assert!(app.searching() || !app.filter.matches.is_empty());
    app.settle();
    assert!(!app.searching());
    assert_eq!(app.filter.text(), "一般公共");
    assert!(!app.filter.matches.is_empty());
    // The same typed one key per burst searches each time.
    let mut slow = app_with_filter_focused();
    let before = slow.searches;
    for c in "一般公共".chars() {
        slow.handle(vec![k(c)]);
    }
    assert_eq!(slow.searches, before + 4);
    slow.settle();
    assert_eq!(slow.filter.matches, app.filter.matches);
}

fn app_with_filter_focused() -> crate::tui::App {
    let mut a = app(120, 40);
    a.handle(vec![k('/')]);
    a
}

#[test]
fn an_action_after_typing_in_the_same_burst_sees_the_new_matches() {
    let mut app = app(120, 40);
    // Type, keep (Enter), then `n` — all queued together.
    app.handle(vec![k('/'), k('就'), k('业'), code(KeyCode::Enter), k('n')]);
    assert!(!app.filter.focused);
    assert_eq!(app.filter.history.last().map(String::as_str), Some("就业"));
    let r = app.current().unwrap();
    assert!(r.paragraph_text(app.para).contains("就业"));
}

#[test]
fn input_editing_keys_are_keymap_actions() {
    let mut app = app_with_filter_focused();
    for c in "收入 税收".chars() {
        app.handle(vec![k(c)]);
    }
    app.handle(vec![ctrl('w')]);
    assert_eq!(app.filter.text(), "收入 ");
    app.handle(vec![ctrl('a'), k('新')]);
    assert_eq!(app.filter.text(), "新收入 ");
    app.handle(vec![ctrl('k')]);
    assert_eq!(app.filter.text(), "新");
    app.handle(vec![ctrl('z')]);
    app.handle(vec![ctrl('a'), ctrl('k')]);
    assert_eq!(app.filter.text(), "");
    app.handle(vec![ctrl('z')]);
    assert_eq!(app.filter.text(), "新收入 ");
    app.handle(vec![code(KeyCode::End), ctrl('u')]);
    assert_eq!(app.filter.text(), "");
    // Each of them is in the help, under the inputs' own heading.
    let help = app.keymap.help();
    let input = help
        .iter()
        .find(|(title, _)| title.starts_with("Editing"))
        .expect("an editing section");
    for name in [
        "delete_word_back",
        "line_start",
        "delete_to_end",
        "undo",
        "delete_to_start",
    ] {
        assert!(input.1.iter().any(|(_, _, a)| a == name), "{name}");
    }
    // Ctrl-C quits from the input too, through the table.
    app.handle(vec![ctrl('c')]);
    assert!(app.quit);
}

#[test]
fn ctrl_u_clears_the_export_file_name() {
    let mut app = app(120, 40);
    app.handle(vec![k('e')]);
    assert_eq!(app.popup, Some(Popup::Export));
    app.handle(vec![ctrl('u'), k('x')]);
    assert_eq!(app.export.as_ref().unwrap().name_text(), "x");
}

#[test]
fn help_popup_scrolls_to_its_last_line_at_60x20() {
    let mut app = app(60, 20);
    app.handle(vec![k('?')]);
    let len = app.popup_len();
    let rows = app.popup_rows();
    assert!(len > rows, "the help is longer than the screen");
    let last = baogao_core::search::QUERY_HELP
        .lines()
        .last()
        .unwrap()
        .trim();
    let probe: String = last.chars().take(20).collect();
    let s = screen(&app);
    assert!(!s.contains(&probe), "{s}");
    assert!(s.contains(&format!("1–{rows}/{len}")), "{s}");
    // j moves by one line, G to the end, g back.
    app.handle(vec![k('j')]);
    assert!(screen(&app).contains(&format!("2–{}/{len}", rows + 1)));
    app.handle(vec![k('G')]);
    let s = screen(&app);
    assert!(s.contains(&probe), "{s}");
    assert!(s.contains(&format!("/{len}")), "{s}");
    app.handle(vec![code(KeyCode::PageUp), code(KeyCode::PageDown)]);
    assert!(screen(&app).contains(&probe));
    app.handle(vec![k('g')]);
    assert!(screen(&app).contains("Everywhere"));
    app.handle(vec![code(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
}

#[test]
fn problems_popup_scrolls_to_the_last_problem() {
    let mut app = app(80, 20);
    for i in 0..40 {
        app.handle(vec![Msg::Error(format!("/data/r{i}.txt: not a report"))]);
    }
    app.handle(vec![k('!')]);
    assert!(!screen(&app).contains("r39.txt"));
    app.handle(vec![code(KeyCode::End)]);
    let s = screen(&app);
    assert!(s.contains("r39.txt"), "{s}");
    assert!(s.contains("PROBLEMS"), "{s}");
}

#[test]
fn esc_outside_the_filter_clears_a_kept_filter() {
    let mut app = app(120, 40);
    app.handle(vec![k('/'), k('就'), k('业'), code(KeyCode::Enter)]);
    assert!(app.filter.active());
    app.handle(vec![code(KeyCode::Esc)]);
    assert!(!app.filter.active());
    assert_eq!(app.filter.text(), "");
    // Pressed again: nothing happens (no popup, no toast about it).
    app.toast = None;
    app.handle(vec![code(KeyCode::Esc)]);
    assert_eq!(app.toast, None);
    assert!(!app.quit);
}

#[test]
fn filter_errors_use_the_width_they_have() {
    let mut app = app(140, 30);
    app.handle(vec![k('/'), k('"'), k('一'), k('般')]);
    let e = app.filter.error.clone().expect("an unbalanced quote");
    assert!(e.chars().count() > 30);
    assert!(screen(&app).contains(&e), "{}", screen(&app));
}

#[test]
fn the_status_says_while_the_matches_do_not_cover_every_report() {
    let mut app = app_with_filter_focused();
    app.handle(vec![k('就'), k('业')]);
    app.settle();
    let n = app.reports.len();
    assert!(
        !screen(&app).contains("reports searched"),
        "{}",
        screen(&app)
    );
    // A report arrives: indexed on the worker, its matches come later.
    let r = baogao_core::load::from_text("新到.txt", "全年城镇新增就业１２００人。\n", "UTF-8");
    app.add_report(r, Vec::new());
    let partial = format!("{n}/{} reports searched", n + 1);
    assert!(screen(&app).contains(&partial), "{}", screen(&app));
    app.settle();
    assert!(
        !screen(&app).contains("reports searched"),
        "{}",
        screen(&app)
    );
    assert!(app.filter.matches.iter().any(|&(r, _)| r == n));
}

#[test]
fn an_answer_to_an_older_query_is_dropped_and_the_screen_says_searching() {
    use crate::tui::searcher::Found;
    let mut app = app_with_filter_focused();
    app.handle(vec![k('就'), k('业')]);
    app.settle();
    let shown = app.filter.matches.clone();
    assert!(!shown.is_empty());
    // A newer query is under way: the screen keeps the matches it has, and says so.
    app.handle(vec![k('人')]);
    assert!(app.searching());
    assert_eq!(app.filter.matches, shown);
    assert!(screen(&app).contains("searching…"), "{}", screen(&app));
    // An answer for a query no longer typed (generation 0 is older than any sent) changes
    // nothing.
    app.found(Found::All {
        gen: 0,
        matches: vec![(0, 0)],
        reports: app.reports.len(),
    });
    assert!(app.searching());
    assert_eq!(app.filter.matches, shown);
    app.settle();
    assert!(!app.searching() && !screen(&app).contains("searching…"));
    assert!(app.filter.matches.len() <= shown.len());
}

/// The event loop takes the worker's answers off their channel and hands them to `handle` with
/// the burst's keys. An Enter in that burst waits for the answer to the query typed before it;
/// the answer queued beside it must be applied first, or the wait never ends.
#[test]
fn an_answer_in_the_same_burst_as_enter_is_applied_before_it() {
    let mut app = app_with_filter_focused();
    app.handle(vec![k('就'), k('业')]);
    assert!(app.searching());
    // The answer, taken off the channel as the event loop does (waiting for the worker).
    let mut answers = Vec::new();
    while answers.is_empty() {
        answers = app.search_answers();
        std::thread::yield_now();
    }
    let mut burst = vec![code(KeyCode::Enter)];
    burst.extend(answers);
    app.handle(burst);
    assert!(!app.searching());
    assert!(!app.filter.focused, "Enter kept the filter");
    assert!(!app.filter.matches.is_empty());
}
