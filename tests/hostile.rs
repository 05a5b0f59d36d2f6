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
    let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    run_measured(dir, &args, limit).0
}

/// Run baogao; its output and its peak resident memory in bytes (0 where not measurable).
fn run_measured(dir: &Path, args: &[std::ffi::OsString], limit: Duration) -> (Output, u64) {
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
    let (status, peak) = loop {
        if let Some(done) = reap(&mut child) {
            break done;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("baogao {args:?} did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    };
    (out, peak)
}

/// The child's exit status and peak memory, once it has ended.
#[cfg(unix)]
fn reap(child: &mut std::process::Child) -> Option<(std::process::ExitStatus, u64)> {
    use std::os::unix::process::ExitStatusExt;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
    (r == pid).then(|| {
        (
            std::process::ExitStatus::from_raw(status),
            usage.ru_maxrss as u64 * 1024,
        )
    })
}

#[cfg(not(unix))]
fn reap(child: &mut std::process::Child) -> Option<(std::process::ExitStatus, u64)> {
    child.try_wait().unwrap().map(|s| (s, 0))
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

/// JSON output names files too, and serde_json writes DEL, C1 controls and bidi overrides raw:
/// a name holding them comes out as `\u009b`-style escapes, which read back as the same name.
#[test]
fn json_output_escapes_control_chars_in_names() {
    let dir = tmp();
    let name = "某\u{9b}2J\u{202e}市\u{7f}.txt";
    // Two years of one place, so panel and targets have rows (and name the file).
    let later = GOOD.replace("2024", "2025");
    std::fs::write(dir.path().join(name), GOOD).unwrap();
    std::fs::write(dir.path().join("later.txt"), later).unwrap();
    let runs: [&[&str]; 8] = [
        &["outline", "--format", "json", name],
        &["grep", "--format", "json", "地区生产总值", name],
        &["grep", "--format", "jsonl", "地区生产总值", name],
        &["indicators", "--format", "json", name],
        &["indicators", "--format", "jsonl", name],
        &["panel", "--format", "json", name, "later.txt"],
        &["panel", "--format", "jsonl", name, "later.txt"],
        &["targets", "--format", "jsonl", name, "later.txt"],
    ];
    for args in runs {
        let out = baogao_in(dir.path(), args, Duration::from_secs(30));
        assert_no_control(&format!("{args:?}"), &out.stdout);
        let text = String::from_utf8(out.stdout).unwrap();
        let values: Vec<serde_json::Value> = if args.contains(&"jsonl") {
            text.lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        } else {
            vec![serde_json::from_str(&text).unwrap()]
        };
        assert!(
            text.contains("某\\u009b2J\\u202e市\\u007f.txt"),
            "{args:?}: {text}"
        );
        // serde_json writes them back raw: the parsed name is the file's.
        let all = serde_json::Value::Array(values).to_string();
        assert!(all.contains(name), "{args:?}: {text}");
    }
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
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

/// Every command that prints, given a pipe whose reader is already gone (`… | head -0`), ends
/// quietly with 0 — including `--print-config`, which once panicked on the closed pipe.
#[test]
fn a_pipe_closed_before_the_first_byte_ends_quietly() {
    let dir = tmp();
    std::fs::write(dir.path().join("r.txt"), GOOD).unwrap();
    let runs: [&[&str]; 4] = [
        &["--print-config"],
        &["outline", "r.txt"],
        &["indicators", "r.txt"],
        &["keywords", "r.txt"],
    ];
    for args in runs {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(args)
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
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
        assert!(
            err.contains("empty: no report files here"),
            "{cmd:?}: {err}"
        );
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
    // A file is cached from its second search.
    assert_eq!(grep("地区生产总值"), first);
    let cache = dir.path().join(".cache-dir").join("grep");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache), 0o700);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    // The report's entry and the record of the paths met (the smaller).
    assert_eq!(entries.len(), 2);
    for e in &entries {
        assert_eq!(mode(e), 0o600);
    }
    entries.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
    let entry = &entries[1];
    // Damage the entry's stored text: the answer stays right (the entry is a miss).
    let mut bytes = std::fs::read(entry).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n - 400..n - 396] {
        *b ^= 0x01;
    }
    std::fs::write(entry, &bytes).unwrap();
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

/// A docx whose document.xml inflates a thousand times over.
fn docx_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
        .unwrap();
    let chunk = "增".repeat(1 << 20);
    for _ in 0..40 {
        zip.write_all(chunk.as_bytes()).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

/// The hostile inputs: a file name and its bytes (or how to make it).
enum Hostile {
    File(&'static str, Vec<u8>),
    #[cfg(unix)]
    Fifo(&'static str),
    Path(&'static str),
}

fn hostile_inputs() -> Vec<Hostile> {
    let escapes = format!(
        "\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}]0;标题\u{7}\u{1b}[2J{GOOD}\u{1b}]8;;未终止\n\u{9d}后文\u{1b}["
    );
    let csv = format!(
        "title,place,full_text\n\"\u{1b}]0;retitled\u{7}标题\",\"\u{1b}[2J某地\",\"{}\"\n",
        GOOD.replace('"', "\"\"")
    );
    let utf16: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect();
    vec![
        Hostile::File("deep_span.html", "<span>".repeat(100_000).into_bytes()),
        Hostile::File("deep_div.html", "<div>".repeat(100_000).into_bytes()),
        Hostile::File(
            "deep_content.html",
            format!("{}{GOOD}", "<div class=\"content\">".repeat(400)).into_bytes(),
        ),
        Hostile::File("bomb.docx", docx_bomb()),
        Hostile::File("escapes.txt", escapes.into_bytes()),
        Hostile::File("\u{1b}]52;c;aGVsbG8=\u{7}.txt", GOOD.as_bytes().to_vec()),
        Hostile::File("cells.csv", csv.into_bytes()),
        Hostile::File("introducers.txt", "\u{1b}]".repeat(1_000_000).into_bytes()),
        Hostile::File(
            "one_line.txt",
            GOOD.replace('\n', "").repeat(100).into_bytes(),
        ),
        // A page of figures extracted without its sentence ends: one 1 MB paragraph, tens of
        // thousands of figures (each once placed by summing the paragraph up to it).
        Hostile::File(
            "one_paragraph_of_figures.txt",
            "全年地区生产总值增长5%和6%，城乡居民人均可支配收入分别增长5%、6%，"
                .repeat(10_000)
                .into_bytes(),
        ),
        // Every place a query's first char occurs is looked at before loading; here each is
        // followed by an unclosed `【`, which once sent every look to the end of the file.
        Hostile::File("open_brackets.txt", "地区【".repeat(100_000).into_bytes()),
        Hostile::File(
            "open_brackets_gb.txt",
            encoding_rs::GB18030
                .encode(&"地区【".repeat(100_000))
                .0
                .into_owned(),
        ),
        Hostile::File("utf16_cut.txt", utf16[..utf16.len() - 1].to_vec()),
        Hostile::File("cr_only.txt", GOOD.replace('\n', "\r").into_bytes()),
        Hostile::File("binary.txt", (0..=255u8).cycle().take(100_000).collect()),
        Hostile::File("empty.txt", Vec::new()),
        #[cfg(unix)]
        Hostile::Fifo("pipe.txt"),
        Hostile::Path("/dev/zero"),
    ]
}

/// Each hostile input beside a good report, named on the command line and found by a directory
/// walk, through every subcommand: each run ends in time, within a memory bound, prints no
/// control byte, and the good report is processed.
#[test]
fn hostile_matrix() {
    const MEMORY: u64 = 1 << 30;
    for h in hostile_inputs() {
        let dir = tmp();
        let d = dir.path();
        std::fs::create_dir(d.join("in")).unwrap();
        std::fs::write(d.join("in/good.txt"), GOOD).unwrap();
        let arg: std::ffi::OsString = match &h {
            Hostile::File(name, bytes) => {
                std::fs::write(d.join("in").join(name), bytes).unwrap();
                format!("in/{name}").into()
            }
            #[cfg(unix)]
            Hostile::Fifo(name) => {
                let p = d.join("in").join(name);
                let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
                format!("in/{name}").into()
            }
            Hostile::Path(p) => (*p).into(),
        };
        let runs: Vec<Vec<std::ffi::OsString>> = vec![
            vec!["outline".into(), arg.clone(), "in/good.txt".into()],
            vec!["outline".into(), "in".into()],
            vec![
                "grep".into(),
                "地区生产总值".into(),
                arg.clone(),
                "in/good.txt".into(),
            ],
            vec![
                "indicators".into(),
                "--format".into(),
                "md".into(),
                arg.clone(),
                "in/good.txt".into(),
            ],
            vec!["keywords".into(), "in".into()],
            vec!["panel".into(), arg.clone(), "in/good.txt".into()],
            vec!["targets".into(), arg.clone(), "in/good.txt".into()],
        ];
        for args in runs {
            let (out, peak) = run_measured(d, &args, Duration::from_secs(60));
            let what = format!("{args:?}");
            assert_no_control(&format!("{what} stdout"), &out.stdout);
            assert_no_control(&format!("{what} stderr"), &out.stderr);
            assert!(peak < MEMORY, "{what}: peak memory {peak} bytes");
            // The others: 1 when some input failed; grep, like ripgrep,
            // says 2 for an error even with matches printed.
            let allowed = if args[0] == "grep" {
                matches!(out.status.code(), Some(0 | 2))
            } else {
                matches!(out.status.code(), Some(0 | 1))
            };
            assert!(
                allowed,
                "{what}: {:?} {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            // A target pairs figures of two reports: the same place's twin may stand for it.
            let named = !matches!(args[0].to_str(), Some("indicators" | "targets"));
            assert!(
                stdout.contains("good.txt") || !named,
                "{what}: the good report is missing: {stdout}"
            );
            if !named {
                assert!(stdout.contains("地区生产总值"), "{what}: {stdout}");
            }
        }
    }
}

/// The section tree's depth is bounded by the marker kinds, not by the input: a walk of it
/// (the JSON outline, the text tree) never recurses deeper than that.
#[test]
fn outline_depth_is_bounded_by_marker_kinds() {
    let ladder = "一、标题\n（一）小标题\n1.条目\n（1）细目\n①要点\n——事项\n第一，其一\n";
    let r = baogao_core::load::from_text("deep.txt", &ladder.repeat(3000), "UTF-8");
    assert!(r.sections.len() >= 3000, "{} sections", r.sections.len());
    let depth = |mut s: usize| {
        let mut d = 1;
        while let Some(p) = r.sections[s].parent() {
            d += 1;
            s = p;
        }
        d
    };
    let deepest = (0..r.sections.len()).map(depth).max().unwrap();
    assert!(deepest <= 8, "depth {deepest}");
    let _ = baogao_core::outline_json::text_tree(&r);
}

/// Found by the `cache` fuzz target: paragraph starts that end before the text does (a damaged
/// cache entry) made a match in the tail index past the paragraph table.
#[test]
fn a_match_past_the_last_paragraph_is_no_hit() {
    let q = baogao_core::search::Query::parse("下降", false).unwrap();
    let folded = "增长\n下降".as_bytes();
    // One paragraph, "增长", ending at byte 6; "下降" lies past it.
    let hits = baogao_core::search::search_paragraphs(folded, &[0, 7], &q);
    assert!(hits.is_empty());
    let hits = baogao_core::search::search_paragraphs(folded, &[0, 7, folded.len() + 1], &q);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].paragraph, 1);
}
