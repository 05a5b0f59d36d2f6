//! End to end: the real binary in a private tmux server (`set-clipboard on`), driven by keys,
//! read back with `capture-pane` and `show-buffer`. Skips (passes with a note) without tmux;
//! the corpus test also needs `BAOGAO_SHARED`.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "these end-to-end tests need tmux (ignored by a plain `cargo test`)"
        );
        let socket = format!(
            "baogao-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        );
        let t = Tmux { socket };
        let w = width.to_string();
        let h = height.to_string();
        let out = t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            command,
            ";",
            "set",
            "-g",
            "set-clipboard",
            "on",
            ";",
            "set",
            "-g",
            "window-size",
            "manual",
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// The screen and its scrollback.
    fn capture_all(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-S", "-", "-t", "main"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The tmux paste buffer (filled by OSC 52), if any.
    fn buffer(&self) -> Option<String> {
        let out = self.run(&["show-buffer"]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Poll the screen until `pred` holds; panics with the last screen after `secs`.
    fn wait(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.capture();
            if pred(&s) {
                return s;
            }
            if Instant::now() > end {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_buffer(&self, secs: u64, pred: impl Fn(&str) -> bool) -> Option<String> {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(b) = self.buffer() {
                if pred(&b) {
                    return Some(b);
                }
            }
            if Instant::now() > end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The binary with `args`, config and state in `home`; the exit status is printed after it.
fn command_with(args: &str, home: &std::path::Path) -> String {
    let h = home.to_string_lossy();
    format!(
        "env XDG_CONFIG_HOME={} XDG_STATE_HOME={} XDG_DATA_HOME={} {} {args}; echo BAOGAO_EXIT=$?; sleep 600",
        shell_quote(&format!("{h}/config")),
        shell_quote(&format!("{h}/state")),
        shell_quote(&format!("{h}/data")),
        shell_quote(env!("CARGO_BIN_EXE_baogao")),
    )
}

/// The binary on `file`, then the exit status printed once it quits (the pane stays open).
/// Config and state live in `home`, never in the user's own directories.
fn command_for(file: &str, home: &std::path::Path) -> String {
    let h = home.to_string_lossy();
    format!(
        "env XDG_CONFIG_HOME={} XDG_STATE_HOME={} XDG_DATA_HOME={} {} {}; echo BAOGAO_EXIT=$?; sleep 600",
        shell_quote(&format!("{h}/config")),
        shell_quote(&format!("{h}/state")),
        shell_quote(&format!("{h}/data")),
        shell_quote(env!("CARGO_BIN_EXE_baogao")),
        shell_quote(file)
    )
}

fn seed_file() -> PathBuf {
    let shared = std::env::var_os("BAOGAO_SHARED").expect("BAOGAO_SHARED names ../shared");
    let p = PathBuf::from(shared).join("corpus/seeds/003_765d9d0c58e45bfb.txt");
    assert!(p.exists(), "{} is missing", p.display());
    p
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn browse_filter_copy_resize_quit() {
    let file = seed_file();
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(120, 40, &command_for(&file.to_string_lossy(), home.path()));
    // With its figures (they follow the report): `N项` in the list.
    t.wait("the outline and figures", 20, |s| {
        s.contains("2023年工作回顾") && s.contains("项│")
    });
    assert_eq!(t.display("#{alternate_on}"), "1");

    // `/` then 17575: the paragraph with the figure is shown, and counted.
    t.keys(&["/"]);
    t.literal("17575");
    let s = t.wait("the filtered paragraph", 10, |s| {
        s.contains("1 paragraph in 1 report")
    });
    assert!(s.contains("一般公共预算收入"), "{s}");

    // Esc clears the filter; then `y` copies the indicator table through OSC 52.
    // Sent at once, as a quick typist (or a script) does: the terminal may deliver them in
    // one read, which must still mean Esc then y.
    t.keys(&["Escape", "y"]);
    let s = t.wait("the copy toast", 10, |s| {
        s.contains("Copied") || s.contains("Nothing to copy")
    });
    assert!(s.contains("Copied indicator table"), "{s}");
    let buf = t
        .wait_buffer(10, |b| b.contains("17575"))
        .unwrap_or_else(|| panic!("tmux buffer: {:?}", t.buffer()));
    // Every column of the written table (as `baogao indicators` prints it).
    let mut lines = buf.lines();
    assert_eq!(
        lines.next(),
        Some(baogao_core::export::columns().join("\t").as_str())
    );
    assert!(
        buf.lines()
            .any(|l| l.contains("一般公共预算收入") && l.split('\t').nth(4) == Some("17575")),
        "{buf}"
    );

    // Resize down and back: still drawn, within the new width.
    t.run(&["resize-window", "-t", "main", "-x", "60", "-y", "20"]);
    // Redrawn for 60 columns: the top border ends in its corner at column 60.
    let s = t.wait("the 60x20 screen", 10, |s| {
        s.lines().count() <= 20
            && s.lines()
                .next()
                .is_some_and(|l| unicode_width::UnicodeWidthStr::width(l) == 60 && l.ends_with('┐'))
    });
    assert!(
        s.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{s}"
    );
    t.run(&["resize-window", "-t", "main", "-x", "120", "-y", "40"]);
    // The whole 120x40 frame, not only its first line (a loaded machine may show a frame
    // half drawn).
    let s = t.wait("the 120x40 screen", 10, |s| {
        s.lines()
            .next()
            .is_some_and(|l| unicode_width::UnicodeWidthStr::width(l) == 120 && l.ends_with('┐'))
            && s.contains("Outline")
            && s.contains("Indicators")
    });
    assert!(s.contains("Outline") && s.contains("Indicators"), "{s}");

    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
    assert_eq!(t.display("#{alternate_on}"), "0");
    // The session was remembered in the private state directory.
    let state = std::fs::read_to_string(home.path().join("state/baogao/state.json")).unwrap();
    assert!(state.contains("003_765d9d0c58e45bfb.txt"), "{state}");
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn escape_sequences_in_a_report_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("escapes.txt");
    // An OSC 52 clipboard write, colours, a title change, a screen clear: all written by us.
    let text = "测试镇工作报告\u{1b}]0;PWNED-TITLE\u{7}\n\
                一、基本情况\n\
                全镇完成收入\u{1b}]52;c;ZXZpbA==\u{7}１００万元，\u{1b}[31m增长\u{1b}[0m５％。\u{1b}]2;PWNED-TWO\u{1b}\\\n\
                二、下一步工作\n\
                继续努力\u{1b}P+q\u{1b}\\，做好各项工作。\u{9b}2J\n";
    std::fs::write(&path, text).unwrap();
    let t = Tmux::start(100, 30, &command_for(&path.to_string_lossy(), dir.path()));
    // Both ends of the report (a capture may fall between the writes of one frame).
    let s = t.wait("the report", 20, |s| {
        s.contains("基本情况") && s.contains("继续努力")
    });
    assert!(!s.contains("]52;") && !s.contains("ZXZpbA"), "{s}");
    assert!(
        t.buffer().is_none(),
        "clipboard was written: {:?}",
        t.buffer()
    );
    assert!(
        !t.display("#{pane_title}").contains("PWNED"),
        "title changed"
    );
    // Move through the whole text so every line has been drawn.
    t.keys(&["G"]);
    let s = t.wait("the last paragraph", 10, |s| s.contains("做好各项工作"));
    assert!(!s.contains("]52;"), "{s}");
    assert!(
        t.buffer().is_none(),
        "clipboard was written: {:?}",
        t.buffer()
    );
    assert!(
        !t.display("#{pane_title}").contains("PWNED"),
        "title changed"
    );
    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn first_run_shows_the_samples_and_p_prints_the_table() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(120, 40, &command_with("", home.path()));
    // The bundled samples, with their outline and the hint on opening your own files (waited
    // for whole: on a busy machine tmux can show a frame half drawn).
    t.wait("the samples", 20, |s| {
        s.contains("Reports (3)")
            && s.contains("Outline")
            && s.contains("全文")
            && s.contains("samples · baogao PATH")
    });
    // `p`: leave the screen and print the table on stdout (the OSC 52 fallback).
    t.keys(&["p"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
    let all = t.capture_all();
    assert!(
        all.contains("指标") && all.contains("数值") && all.contains("章节"),
        "{all}"
    );
    assert_eq!(t.display("#{alternate_on}"), "0");
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn print_table_flag_prints_after_quitting() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("r.txt");
    std::fs::write(
        &file,
        "一、工作回顾\n全年完成一般公共预算收入３５６７万元，同比增长５％。\n",
    )
    .unwrap();
    let args = format!("--print-table {}", shell_quote(&file.to_string_lossy()));
    let t = Tmux::start(100, 30, &command_with(&args, home.path()));
    t.wait("the report", 20, |s| s.contains("工作回顾"));
    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
    assert!(s.contains("指标") && s.contains("章节"), "{s}");
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn a_panic_gives_the_terminal_back() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("r.txt");
    std::fs::write(&file, "一、工作回顾\n全年完成收入３５６７万元。\n").unwrap();
    let args = shell_quote(&file.to_string_lossy());
    let cmd = format!(
        "env BAOGAO_TEST_PANIC_AFTER_FRAMES=3 {}",
        command_with(&args, home.path())
    );
    let t = Tmux::start(100, 30, &cmd);
    let s = t.wait("exit", 20, |s| s.contains("BAOGAO_EXIT="));
    // The panic's exit status, its message readable on the normal screen, no TUI left over.
    assert!(s.contains("BAOGAO_EXIT=101"), "{s}");
    assert!(s.contains("panic requested"), "{s}");
    assert!(!s.contains("Outline"), "{s}");
    assert_eq!(t.display("#{alternate_on}"), "0");
    // Raw mode is off: a typed line reaches the shell with its newline (echoed, then run).
    t.literal("echo typed-$((6*7))");
    t.keys(&["Enter"]);
    // `sleep` is in the foreground; the line is echoed by the terminal in cooked mode.
    t.wait("echo in cooked mode", 10, |s| {
        s.contains("echo typed-$((6*7))")
    });
}

/// A small report written for these tests, in `home`.
fn small_report(home: &std::path::Path) -> PathBuf {
    let file = home.join("r.txt");
    std::fs::write(
        &file,
        "一、工作回顾\n全年完成一般公共预算收入３５６７万元，同比增长５％。\n二、今年安排\n新增城镇就业２００人。\n",
    )
    .unwrap();
    file
}

/// The binary on the small report at `width`×`height`, once the report is on screen.
fn on_small_report(home: &std::path::Path, width: u16, height: u16) -> Tmux {
    let file = small_report(home);
    let args = shell_quote(&file.to_string_lossy());
    let t = Tmux::start(width, height, &command_with(&args, home));
    t.wait("the report", 20, |s| s.contains("工作回顾"));
    t
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn help_popup_scrolls_to_its_last_line_at_60x20() {
    let home = tempfile::tempdir().unwrap();
    let t = on_small_report(home.path(), 60, 20);
    t.keys(&["?"]);
    let s = t.wait("the help", 10, |s| s.contains("Everywhere"));
    // The end of the help (the filter language) is below the fold…
    assert!(!s.contains("Word mode: each term"), "{s}");
    // …and j, PgDn and G reach it, with the position shown.
    t.keys(&["j"]);
    t.wait("one line down", 10, |s| s.contains("2–"));
    t.keys(&["PageDown"]);
    t.keys(&["G"]);
    let s = t.wait("the last line", 10, |s| s.contains("Word mode: each term"));
    let pos = s
        .lines()
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.contains('–') && w.contains('/'))
        })
        .expect("a position like 40–55/55");
    let (range, total) = pos.split_once('/').unwrap();
    assert_eq!(range.split_once('–').unwrap().1, total, "{s}");
    t.keys(&["q"]);
    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
}

/// The process running in the pane under its shell (the binary).
fn child_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        if let Some(c) = children.split_whitespace().next() {
            return c.to_string();
        }
        assert!(
            Instant::now() < end,
            "no child process under the pane's shell"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn signals_give_the_terminal_back_and_save_the_state() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let home = tempfile::tempdir().unwrap();
        let t = on_small_report(home.path(), 80, 24);
        // Something to remember: a kept filter.
        t.keys(&["/"]);
        t.literal("就业");
        t.keys(&["Enter"]);
        // Kept (Enter handled: the input has left the status bar's FILTER mode).
        t.wait("the filter", 10, |s| {
            s.contains("1 paragraph") && s.contains(" TEXT ")
        });
        assert_eq!(t.display("#{alternate_on}"), "1");
        let pid = child_pid(&t);
        let ok = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(ok.success());
        let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
        assert!(
            s.contains(&format!("BAOGAO_EXIT={}", 128 + number)),
            "{signal}: {s}"
        );
        // Alternate screen left, cursor shown, mouse reporting off.
        assert_eq!(t.display("#{alternate_on}"), "0", "{signal}");
        assert_eq!(t.display("#{cursor_flag}"), "1", "{signal}");
        assert_eq!(
            t.display("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}"),
            "000",
            "{signal}"
        );
        // Raw mode off: a typed line is echoed by the terminal.
        t.literal("echo typed-$((6*7))");
        t.keys(&["Enter"]);
        t.wait("echo in cooked mode", 10, |s| {
            s.contains("echo typed-$((6*7))")
        });
        // The state was saved: the filter history and the report.
        let state = std::fs::read_to_string(home.path().join("state/baogao/state.json"))
            .unwrap_or_else(|e| panic!("{signal}: no state file: {e}"));
        assert!(
            state.contains("就业") && state.contains("r.txt"),
            "{signal}: {state}"
        );
    }
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn redirected_output_draws_on_the_terminal_and_prints_the_table_into_the_file() {
    let home = tempfile::tempdir().unwrap();
    let file = small_report(home.path());
    let out = home.path().join("t.tsv");
    let args = format!(
        "--print-table {} > {}",
        shell_quote(&file.to_string_lossy()),
        shell_quote(&out.to_string_lossy())
    );
    let t = Tmux::start(100, 30, &command_with(&args, home.path()));
    t.wait("the report", 20, |s| s.contains("工作回顾"));
    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
    let table = std::fs::read_to_string(&out).unwrap();
    assert!(
        table.contains("指标") && table.contains("一般公共预算收入"),
        "{table}"
    );
    assert!(
        !table.contains('\u{1b}'),
        "no terminal codes in the file: {table:?}"
    );
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn a_report_piped_on_standard_input_opens_with_keys_from_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let file = small_report(home.path());
    let cmd = format!(
        "cat {} | {}",
        shell_quote(&file.to_string_lossy()),
        command_with("-", home.path())
    );
    let t = Tmux::start(100, 30, &cmd);
    t.wait("the report", 20, |s| s.contains("工作回顾"));
    t.keys(&["?"]);
    t.wait("the help", 10, |s| s.contains("Everywhere"));
    t.keys(&["q", "q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
}

/// The binary on the small report with `$PAGER` set to `pager` followed by `cat > paged.txt`;
/// returns the session (once the report is up) and that file.
fn with_pager(home: &std::path::Path, pager: &str) -> (Tmux, PathBuf) {
    let paged = home.join("paged.txt");
    let pager = format!("{pager}cat > {}", shell_quote(&paged.to_string_lossy()));
    let file = small_report(home);
    let cmd = format!(
        "env PAGER={} {}",
        shell_quote(&pager),
        command_with(&shell_quote(&file.to_string_lossy()), home)
    );
    let t = Tmux::start(100, 30, &cmd);
    t.wait("the report", 20, |s| s.contains("工作回顾"));
    (t, paged)
}

/// Press `q` and expect a clean exit.
fn quit(t: &Tmux) {
    t.keys(&["q"]);
    let s = t.wait("exit", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
}

/// The file's text once something is written to it (or empty after 10 s).
fn written(path: &std::path::Path) -> String {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let t = std::fs::read_to_string(path).unwrap_or_default();
        if !t.is_empty() || Instant::now() > end {
            return t;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn v_shows_the_paragraph_in_the_pager_and_comes_back() {
    let home = tempfile::tempdir().unwrap();
    let (t, paged) = with_pager(home.path(), "");
    // To the first body paragraph, then into the pager.
    t.keys(&[":"]);
    t.literal("1");
    t.keys(&["Enter"]);
    t.keys(&["j"]);
    t.keys(&["v"]);
    let text = written(&paged);
    assert!(text.contains("３５６７万元"), "{text:?}");
    // Back in the TUI, drawn again and answering keys.
    t.wait("the TUI again", 10, |s| {
        s.contains("工作回顾") && s.contains("TEXT")
    });
    assert_eq!(t.display("#{alternate_on}"), "1");
    quit(&t);
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn ctrl_c_meant_for_the_pager_does_not_end_the_session() {
    let home = tempfile::tempdir().unwrap();
    // The pager interrupts its whole process group, as Ctrl-C in `less` does.
    let (t, paged) = with_pager(home.path(), "trap '' INT; kill -INT 0; ");
    t.keys(&["v"]);
    assert!(!written(&paged).is_empty());
    std::thread::sleep(Duration::from_millis(500));
    let s = t.capture();
    assert!(!s.contains("BAOGAO_EXIT="), "the session ended: {s}");
    t.wait("the TUI again", 10, |s| s.contains("工作回顾"));
    quit(&t);
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn closing_the_terminal_saves_the_state() {
    let home = tempfile::tempdir().unwrap();
    let t = on_small_report(home.path(), 80, 24);
    t.keys(&["/"]);
    t.literal("就业");
    t.keys(&["Enter"]);
    // Kept (Enter handled: the input has left the status bar's FILTER mode).
    t.wait("the filter", 10, |s| {
        s.contains("1 paragraph") && s.contains(" TEXT ")
    });
    // The window goes away (as when a terminal is closed or SSH drops): SIGHUP, no tty.
    t.run(&["kill-session", "-t", "main"]);
    let state = home.path().join("state/baogao/state.json");
    let end = Instant::now() + Duration::from_secs(10);
    while !state.exists() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&state).expect("the state was saved");
    assert!(text.contains("就业") && text.contains("r.txt"), "{text}");
}

/// `baogao grep` on a terminal: hits under headings, each line fitted to the width around its
/// match (Chinese characters two columns each), the match whole.
#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn grep_on_a_terminal_fits_lines_to_its_width() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("长.txt");
    let body = format!(
        "某县政府工作报告\n一、过去一年工作回顾\n{}冰雪旅游接待游客大幅增长{}\n",
        "全县经济运行稳中向好，产业结构持续优化，".repeat(6),
        "，城乡居民收入稳步提高".repeat(6)
    );
    std::fs::write(&file, body).unwrap();
    let f = file.to_string_lossy().into_owned();
    let t = Tmux::start(
        50,
        12,
        &command_with(
            &format!("grep --no-cache 冰雪旅游 {}", shell_quote(&f)),
            home.path(),
        ),
    );
    let s = t.wait("the grep output", 10, |s| s.contains("BAOGAO_EXIT="));
    assert!(s.contains("BAOGAO_EXIT=0"), "{s}");
    assert!(s.contains(" › 一、过去一年工作回顾"), "a heading: {s}");
    let hit = s
        .lines()
        .find(|l| l.starts_with("3:"))
        .unwrap_or_else(|| panic!("the hit at line 3: {s}"));
    assert!(hit.contains("冰雪旅游"), "{hit}");
    assert!(hit.contains('…'), "cut around the match: {hit}");
    let w = unicode_width::UnicodeWidthStr::width(hit.trim_end());
    assert!((45..=50).contains(&w), "{w} columns: {hit}");
}

/// Two reports of an invented city, written for this test: the 2023 report's targets and the
/// 2024 report's review of 2023.
fn city_reports(home: &std::path::Path) -> (PathBuf, PathBuf) {
    let a = home.join("lanxi-2023.txt");
    let b = home.join("lanxi-2024.txt");
    std::fs::write(
        &a,
        "澜溪市2023年政府工作报告\n一、2022年工作回顾\n过去一年，全市地区生产总值增长3.9%。\n二、2023年主要预期目标\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%左右。\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "澜溪市2024年政府工作报告\n一、2023年工作回顾\n过去一年，全市地区生产总值增长6.3%，城镇调查失业率为5.0%。\n二、2024年主要预期目标\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。\n",
    )
    .unwrap();
    (a, b)
}

#[test]
#[ignore = "needs tmux: run by .ci/run (cargo test -- --ignored)"]
fn compare_view_pairs_a_target_with_next_years_result_and_jumps_to_each() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = city_reports(home.path());
    let args = format!(
        "{} {}",
        shell_quote(&a.to_string_lossy()),
        shell_quote(&b.to_string_lossy())
    );
    let t = Tmux::start(100, 30, &command_with(&args, home.path()));
    // Both with their figures (the loader sends them after the reports): `N项` in the list.
    t.wait("both reports' figures", 20, |s| {
        s.contains("Reports (2)") && s.matches("项│").count() >= 2
    });
    t.keys(&["t"]);
    // The status line is drawn last: with it, the whole frame is on the screen (a capture in
    // the middle of the frame's output had the new title over the old status line).
    let s = t.wait("the compare view", 10, |s| {
        s.contains("Compare · 地区生产总值 · 增速") && s.contains("COMPARE")
    });
    // One row for the city: 2022's result, 2023's target beside its result (met), 2024's target.
    let row = s
        .lines()
        .find(|l| l.contains("澜溪市") && l.contains("%"))
        .unwrap_or_else(|| panic!("no row for the city:\n{s}"));
    assert!(row.contains("3.9%"), "{s}");
    assert!(row.contains("6%左右 6.3% +0.3"), "{s}");
    assert!(row.contains("5.5%左右"), "{s}");
    assert!(s.contains("met 1 · missed 0"), "{s}");
    assert!(s.contains("COMPARE"), "{s}");

    // `y`: the records through OSC 52.
    t.keys(&["y"]);
    let buf = t
        .wait_buffer(10, |b| b.starts_with("地区\t年份"))
        .unwrap_or_else(|| panic!("tmux buffer: {:?}", t.buffer()));
    assert!(
        buf.lines()
            .any(|l| l.starts_with("澜溪市\t2023\t地区生产总值\t增速\t6%左右\t6.3%\t0.3\t达成")),
        "{buf}"
    );

    // Enter on the 2023 target: its paragraph in the 2023 report.
    t.keys(&["Enter"]);
    let s = t.wait("the target's report", 10, |s| {
        s.contains("TEXT") && !s.contains("COMPARE")
    });
    assert!(s.contains("┌ 澜溪市2023年政府工作报告"), "{s}");
    assert!(s.contains("▎") && s.contains("增长6%左右"), "{s}");
    // Back, to the result beside it: the 2024 report's review.
    t.keys(&["t"]);
    t.wait("the compare view again", 10, |s| s.contains("COMPARE"));
    t.keys(&["l"]);
    t.keys(&["Enter"]);
    // The status line again: the whole frame is on the screen.
    let s = t.wait("the result's report", 10, |s| {
        s.contains("┌ 澜溪市2024年政府工作报告") && s.contains("TEXT") && !s.contains("COMPARE")
    });
    let marked = s.lines().find(|l| l.contains("▎")).unwrap_or("");
    assert!(
        s.lines()
            .filter(|l| l.contains("▎"))
            .any(|l| l.contains("增长6.3%")),
        "{marked}\n{s}"
    );
    // Esc in the view goes back, and q then quits.
    t.keys(&["t"]);
    t.wait("the compare view again", 10, |s| s.contains("COMPARE"));
    t.keys(&["Escape"]);
    t.wait("the panes", 10, |s| !s.contains("COMPARE"));
    quit(&t);
}
