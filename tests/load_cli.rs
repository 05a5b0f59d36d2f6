//! The loader and `baogao outline` through the real binary: encodings, bad inputs, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = include_str!("fixtures/township_report.txt");

fn baogao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .output()
        .expect("run baogao")
}

fn outline_json(path: &Path) -> serde_json::Value {
    let out = baogao(&["outline", "--format", "json", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("outline JSON")
}

/// The outline without the fields that legitimately differ between encodings of one text.
fn comparable(mut v: serde_json::Value) -> serde_json::Value {
    for doc in v.as_array_mut().unwrap() {
        doc.as_object_mut().unwrap().remove("path");
        doc.as_object_mut().unwrap().remove("encoding");
    }
    v
}

fn encodings_of(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let utf16 = |be: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    };
    let with = |prefix: &[u8], body: Vec<u8>| [prefix.to_vec(), body].concat();
    vec![
        ("utf8", text.as_bytes().to_vec()),
        (
            "utf8-bom",
            with(&[0xEF, 0xBB, 0xBF], text.as_bytes().to_vec()),
        ),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        ("gbk", encoding_rs::GBK.encode(text).0.into_owned()),
        ("gb18030", encoding_rs::GB18030.encode(text).0.into_owned()),
        ("utf16le", utf16(false)),
        ("utf16be", utf16(true)),
        ("utf16le-bom", with(&[0xFF, 0xFE], utf16(false))),
        ("utf16be-bom", with(&[0xFE, 0xFF], utf16(true))),
    ]
}

fn assert_same_outline_in_every_encoding(text: &str, dir: &Path) {
    let original = dir.join("original.txt");
    std::fs::write(&original, text).unwrap();
    let want = comparable(outline_json(&original));
    assert!(
        !want[0]["sections"].as_array().unwrap().is_empty(),
        "the original has an outline"
    );
    for (name, bytes) in encodings_of(text) {
        let p = dir.join(format!("{name}.txt"));
        std::fs::write(&p, bytes).unwrap();
        assert_eq!(
            comparable(outline_json(&p)),
            want,
            "{name} differs from UTF-8"
        );
    }
}

#[test]
fn every_encoding_gives_the_same_outline() {
    let dir = tempfile::tempdir().unwrap();
    assert_same_outline_in_every_encoding(FIXTURE, dir.path());
}

#[test]
#[ignore = "needs the shared corpus (BAOGAO_SHARED): run by .ci/run (cargo test -- --ignored)"]
fn every_encoding_gives_the_same_outline_on_the_seeds() {
    let shared =
        PathBuf::from(std::env::var_os("BAOGAO_SHARED").expect("BAOGAO_SHARED names ../shared"));
    let seeds = shared.join("corpus/seeds");
    for entry in std::fs::read_dir(&seeds).expect("seeds dir") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = tempfile::tempdir().unwrap();
        assert_same_outline_in_every_encoding(&text, dir.path());
    }
}

#[test]
fn outline_json_has_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.txt");
    std::fs::write(&p, FIXTURE).unwrap();
    let v = outline_json(&p);
    let doc = &v[0];
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        keys,
        ["path", "title", "place", "level", "year", "kind", "encoding", "sections"]
    );
    assert_eq!(doc["path"], p.to_str().unwrap());
    assert_eq!(doc["title"], "青山镇2024年政府工作报告");
    assert_eq!(doc["place"], "青山镇");
    assert_eq!(doc["level"], "township");
    assert_eq!(doc["year"], 2024);
    assert_eq!(doc["kind"], "政府工作报告");
    assert_eq!(doc["encoding"], "UTF-8");
    let first = &doc["sections"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys, ["level", "label", "title", "paragraphs", "children"]);
    assert_eq!(first["level"], 1);
    assert_eq!(first["label"], "一、");
    assert_eq!(first["title"], "2023年工作回顾");
    let sub = &first["children"][0];
    assert_eq!(sub["label"], "(一)");
    assert_eq!(sub["title"], "产业发展提质增效");
    assert_eq!(sub["level"], 2);
    assert_eq!(sub["children"][1]["label"], "二是");
    assert_eq!(sub["children"][1]["level"], 3);
    let plan = &doc["sections"][1];
    // `1、` under `(一)` is level 3; `——` items under `(二)` too.
    assert_eq!(plan["children"][0]["children"][0]["label"], "1、");
    assert_eq!(plan["children"][0]["children"][0]["level"], 3);
    assert_eq!(plan["children"][1]["children"][1]["label"], "——");
    assert_eq!(
        plan["children"][1]["children"][1]["title"],
        "提升医疗服务水平"
    );
}

#[test]
fn bad_inputs_are_named_and_the_good_one_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let empty = dir.path().join("empty.txt");
    let binary = dir.path().join("image.txt");
    let missing = dir.path().join("missing.txt");
    std::fs::write(&good, FIXTURE).unwrap();
    std::fs::write(&empty, "").unwrap();
    std::fs::write(
        &binary,
        (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let args: Vec<&str> = [&good, &empty, &binary, &missing]
        .iter()
        .map(|p| p.to_str().unwrap())
        .collect();
    let out = baogao(&[&["outline"], args.as_slice()].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "some failed: exit 1");
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("image.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "one line per bad file: {stderr}");
    assert!(stdout.contains("2023年工作回顾"), "{stdout}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn nothing_loaded_is_exit_2_and_usage_errors_too() {
    let out = baogao(&["outline", "/nonexistent/baogao/report.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/baogao/report.txt"));
    let out = baogao(&["outline", "--format", "yaml", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.txt");
    std::fs::write(&p, FIXTURE).unwrap();
    let out = baogao(&["outline", "--max-size", "100", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit"));
    // Up to 1 GiB, no more: a usage error, not a silent cap.
    let gib = (1u64 << 30).to_string();
    let out = baogao(&["outline", "--max-size", &gib, p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let over = ((1u64 << 30) + 1).to_string();
    let out = baogao(&["outline", "--max-size", &over, p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-size"));
    assert!(out.stdout.is_empty());
}

#[test]
fn stdin_and_directories() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["outline", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(encoding_rs::GBK.encode(FIXTURE).0.as_ref())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("(一)产业发展提质增效"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), FIXTURE).unwrap();
    std::fs::write(dir.path().join("notes.bin"), [0u8, 1, 2]).unwrap();
    let out = baogao(&["outline", "--format", "json", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "non-report files in a directory are skipped"
    );
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("evil.txt");
    let evil = FIXTURE.replace(
        "一、2023年工作回顾",
        "一、2023年\u{1b}]52;c;ZXZpbA==\u{7}工作\u{1b}[31m回顾\u{1b}[0m\u{1b}]0;title\u{1b}\\",
    );
    std::fs::write(&p, evil).unwrap();
    let out = baogao(&["outline", p.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
    assert!(String::from_utf8_lossy(&out.stdout).contains("一、2023年工作回顾"));
}

#[test]
fn a_mistyped_command_is_named_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["outlin", "x.txt"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `baogao outline`"), "{err}");
    // A file of that name is opened as a report, not taken for a typo.
    std::fs::write(dir.path().join("outlin"), "一、工作回顾\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["outlin"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("did you mean"), "{err}");
}

/// The README's list of the extensions a directory walk picks up is the loader's own.
#[test]
fn the_readme_lists_every_extension_a_walk_takes() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let listed = format!("`.{}`", baogao_core::load::REPORT_EXTENSIONS.join(" ."));
    let prose = readme.replace('\n', " ");
    assert!(prose.contains(&listed), "README does not list {listed}");
}
