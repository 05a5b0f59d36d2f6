//! Hostile inputs through the real binary: odd file types, escape sequences in names and text,
//! deep nesting, decompression bombs, closed pipes. Each must end in time, print no control
//! byte, and leave the good report beside it processed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = include_str!("fixtures/township_report.txt");

/// Run baogao with a time limit; the process is killed (and the test fails) past it.
fn baogao_in(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .current_dir(dir)
        .env("BAOGAO_CACHE_DIR", dir.join(".cache-dir"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run baogao");
    // Read both pipes on threads so a chatty child never blocks.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = so.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = se.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("baogao {args:?} did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// No byte that a terminal would act on: C0 controls other than newline and tab, DEL, and the
/// C1 controls and bidi overrides as UTF-8.
fn assert_no_control(what: &str, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    if let Some(c) = s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        panic!("{what} holds control char {c:?}: {s}");
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn an_escape_in_a_file_name_is_shown_not_sent() {
    let dir = tmp();
    let name = "\u{1b}]52;c;aGVsbG8=\u{7}.txt";
    std::fs::write(dir.path().join(name), GOOD).unwrap();
    std::fs::write(dir.path().join("bad\u{1b}[2J.txt"), "").unwrap();
    let out = baogao_in(dir.path(), &["outline", "."], Duration::from_secs(30));
    assert_no_control("stdout", &out.stdout);
    assert_no_control("stderr", &out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\\e]52;c;aGVsbG8=\\x07.txt"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad\\e[2J.txt"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tmp();
    for i in 0..40 {
        std::fs::write(dir.path().join(format!("r{i:02}.txt")), GOOD).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["outline", "."])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe as `head -1` would.
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_directory_without_reports_says_so() {
    let dir = tmp();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("empty/notes.bin"), b"x").unwrap();
    for cmd in [&["outline", "empty"][..], &["grep", "增长", "empty"]] {
        let out = baogao_in(dir.path(), cmd, Duration::from_secs(30));
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("empty: no report files here"), "{cmd:?}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn the_grep_cache_is_private_and_damage_is_a_miss() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let report = dir.path().join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
    let grep = |q: &str| {
        let out = baogao_in(dir.path(), &["grep", q, "r.txt"], Duration::from_secs(30));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = grep("地区生产总值");
    assert!(!first.is_empty());
    let cache = dir.path().join(".cache-dir");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache), 0o700);
    let entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(mode(&entries[0]), 0o600);
    // Damage the entry's stored text: the answer stays right (the entry is a miss).
    let mut bytes = std::fs::read(&entries[0]).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n - 400..n - 396] {
        *b ^= 0x01;
    }
    std::fs::write(&entries[0], &bytes).unwrap();
    assert_eq!(grep("地区生产总值"), first);
    // A same-size edit that keeps the old modification time is seen.
    let mtime = std::fs::metadata(&report).unwrap().modified().unwrap();
    let edited = GOOD.replacen("地区生产总值", "地区生产总量", usize::MAX);
    assert_eq!(edited.len(), GOOD.len());
    std::fs::write(&report, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&report)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(grep("地区生产总值"), "");
}
