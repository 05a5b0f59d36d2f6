//! Config, state and export-to-file through real `XDG_*` directories.
//!
//! The config is checked through the binary (`baogao --print-config`) with `XDG_CONFIG_HOME`
//! pointing at a temporary directory. The state has no command of its own, so its tests re-run
//! this test binary as a child process with `XDG_STATE_HOME` set (see [`in_child`]): no test
//! mutates the environment of the process the other tests run in.

use baogao::state::{Position, State};
use baogao_core::export::Format;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn baogao(config_home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baogao"));
    c.env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", config_home.join("state"))
        .env("XDG_DATA_HOME", config_home.join("data"))
        .env("HOME", config_home)
        .env_remove("NO_COLOR");
    c
}

fn write_config(home: &Path, text: &str) -> PathBuf {
    let dir = home.join("baogao");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("config.json");
    std::fs::write(&p, text).unwrap();
    p
}

fn print_config(home: &Path) -> (serde_json::Value, String, Output) {
    let out = baogao(home).arg("--print-config").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout:?} / {stderr}"));
    (v, stderr, out)
}

#[test]
fn no_config_file_means_defaults_and_no_warning() {
    let home = tempfile::tempdir().unwrap();
    let (v, stderr, out) = print_config(home.path());
    assert!(out.status.success());
    assert_eq!(stderr, "");
    assert_eq!(v["theme"], "dark");
    assert_eq!(v["mouse"], true);
    assert_eq!(v["format"], "tsv");
    assert_eq!(v["paths"], serde_json::json!([]));
}

#[test]
fn config_file_is_read_from_xdg_config_home() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        r#"{"theme": "light", "mouse": false, "format": "csv",
            "paths": ["/srv/报告"], "keymap": {"quit": ["x", "ctrl-q"]}}"#,
    );
    let (v, stderr, out) = print_config(home.path());
    assert!(out.status.success());
    assert_eq!(stderr, "");
    assert_eq!(v["theme"], "light");
    assert_eq!(v["mouse"], false);
    assert_eq!(v["format"], "csv");
    assert_eq!(v["paths"][0], "/srv/报告");
    assert_eq!(v["keymap"]["quit"], serde_json::json!(["x", "ctrl-q"]));
}

#[test]
fn no_color_forces_the_plain_theme() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), r#"{"theme": "light"}"#);
    let out = baogao(home.path())
        .arg("--print-config")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["theme"], "none");
}

#[test]
fn invalid_json_is_reported_with_file_and_line_and_defaults_are_used() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(
        home.path(),
        "{\n  \"theme\": \"light\",\n  \"mouse\": false,\n}\n",
    );
    let (v, stderr, out) = print_config(home.path());
    assert!(out.status.success(), "a bad config must not stop the app");
    assert_eq!(v["theme"], "dark");
    assert_eq!(v["mouse"], true);
    let expected = format!("{}:4:", path.display());
    assert!(stderr.contains(&expected), "want {expected} in {stderr}");
    assert!(stderr.contains("invalid JSON"), "{stderr}");
}

#[test]
fn wrong_types_and_unknown_fields_warn_but_the_rest_applies() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(
        home.path(),
        "{\n  \"theme\": 3,\n  \"mouse\": false,\n  \"colour\": \"red\",\n  \"keymap\": {\"help\": [\"f99\"]}\n}\n",
    );
    let (v, stderr, out) = print_config(home.path());
    assert!(out.status.success());
    assert_eq!(v["theme"], "dark");
    assert_eq!(v["mouse"], false);
    let p = path.display().to_string();
    assert!(stderr.contains(&format!("{p}:2:3: theme")), "{stderr}");
    assert!(
        stderr.contains(&format!("{p}:4:3: unknown field `colour`")),
        "{stderr}"
    );
    assert!(
        stderr.contains("keymap.help") && stderr.contains("f99"),
        "{stderr}"
    );
}

/// Run the test named `name` in a child process with `vars` set; the child sees
/// `BAOGAO_TEST_CHILD=1`. Panics with the child's output if it fails.
fn in_child(name: &str, vars: &[(&str, &Path)]) {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("BAOGAO_TEST_CHILD", "1");
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{name} failed in the child:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "{name} did not run in the child"
    );
}

fn is_child() -> bool {
    std::env::var_os("BAOGAO_TEST_CHILD").is_some()
}

#[test]
fn state_lives_under_xdg_state_home() {
    let dir = tempfile::tempdir().unwrap();
    let state_home = dir.path().join("state");
    in_child(
        "child_state_round_trip",
        &[
            ("XDG_STATE_HOME", &state_home),
            ("XDG_DATA_HOME", &dir.path().join("data")),
        ],
    );
    let file = state_home.join("baogao").join("state.json");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        saved["filter_history"],
        serde_json::json!(["一般公共预算收入", "乡村振兴"])
    );
    assert_eq!(saved["selected"]["paragraph"], 7);
    assert!(
        !dir.path().join("data").exists(),
        "nothing is written to the data dir"
    );
}

#[test]
fn child_state_round_trip() {
    if !is_child() {
        return;
    }
    let expected =
        Path::new(&std::env::var_os("XDG_STATE_HOME").unwrap()).join("baogao/state.json");
    assert_eq!(baogao::state::path(), Some(expected.clone()));
    let (s, w) = State::load();
    assert_eq!((s, w), (State::default(), None));
    let mut s = State {
        last_reports: vec!["/srv/报告".into()],
        selected: Some(Position {
            report: "/srv/报告/青溪镇.txt".into(),
            paragraph: 7,
            section: Some(2),
        }),
        filter_history: Vec::new(),
    };
    s.push_filter("一般公共预算收入");
    s.push_filter("乡村振兴");
    assert_eq!(s.save().unwrap(), expected);
    assert_eq!(State::load(), (s, None));
}

#[test]
fn corrupt_state_is_set_aside_and_defaults_used() {
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().join("baogao");
    std::fs::create_dir_all(&state_dir).unwrap();
    std::fs::write(
        state_dir.join("state.json"),
        "{\"selected\": {\"report\": 字",
    )
    .unwrap();
    in_child("child_corrupt_state", &[("XDG_STATE_HOME", dir.path())]);
    let names: Vec<String> = std::fs::read_dir(&state_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.json.corrupt-")),
        "{names:?}"
    );
    // The child saved a fresh state after the warning.
    assert!(names.contains(&"state.json".to_string()), "{names:?}");
}

#[test]
fn child_corrupt_state() {
    if !is_child() {
        return;
    }
    let (s, w) = State::load();
    assert_eq!(s, State::default());
    let w = w.expect("a warning for the corrupt file");
    assert!(w.to_string().contains("state.json"), "{w}");
    assert!(w.moved_to.is_some());
    s.save().unwrap();
}

#[test]
fn export_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let reports = baogao::samples::reports();
    let rows = baogao_core::indicators::extract(&reports[0]);
    let target = dir.path().join("青溪镇指标.csv");
    std::fs::write(&target, "keep me").unwrap();
    let a = baogao::export_file::write(&rows, Format::Csv, Some(&target)).unwrap();
    let b = baogao::export_file::write(&rows, Format::Csv, Some(&target)).unwrap();
    assert_eq!(a, dir.path().join("青溪镇指标-1.csv"));
    assert_eq!(b, dir.path().join("青溪镇指标-2.csv"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let written = std::fs::read_to_string(&a).unwrap();
    assert_eq!(written, baogao_core::export::render(&rows, Format::Csv));
    assert!(written.starts_with('\u{feff}'), "CSV carries a UTF-8 BOM");
}

#[test]
fn a_mistyped_theme_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = baogao(home.path())
        .args(["--theme", "blue", "--print-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("blue") && stderr.contains("light"),
        "{stderr}"
    );
    // A good one beats the config file and NO_COLOR.
    write_config(home.path(), r#"{"theme": "dark"}"#);
    let out = baogao(home.path())
        .env("NO_COLOR", "1")
        .args(["--theme", "light", "--print-config"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["theme"], "light");
}

#[test]
fn an_unknown_keymap_action_is_reported_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let p = write_config(
        home.path(),
        "{\n  \"keymap\": {\n    \"quit\": [\"x\"],\n    \"fly_away\": [\"z\"]\n  }\n}\n",
    );
    let (v, stderr, _) = print_config(home.path());
    let p = p.display();
    assert!(
        stderr.contains(&format!("{p}:4:5: keymap: unknown action `fly_away`")),
        "{stderr}"
    );
    assert_eq!(v["keymap"]["quit"][0], "x");
    assert!(v["keymap"].get("fly_away").is_none());
}

#[test]
fn help_states_which_reports_open_without_a_path() {
    let home = tempfile::tempdir().unwrap();
    let out = baogao(home.path()).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let order = [
        "the config's \"paths\"",
        "else the last session's",
        "else the bundled samples",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|p| {
            help.find(p)
                .unwrap_or_else(|| panic!("{p} missing:\n{help}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in this order:\n{help}");
}
