//! `baogao panel` and `baogao targets` through the real binary, on two reports written for this
//! test (one place, two years): the JSON contracts, the pivot, target/result pairing, and
//! `--format jsonl` for indicators, panel, targets and grep — and a DuckDB query over the JSON
//! lines, as the README shows it (skipped where the `duckdb` Python package cannot be had).

use std::path::Path;
use std::process::{Command, Output};

/// The 2023 report: a review of 2022 and the 2023 targets, the GDP figure stated twice.
const R2023: &str = "白河县2023年政府工作报告\n\
一、2022年工作回顾\n\
全县地区生产总值完成96.2亿元，比上年增长5.8%；一般公共预算收入4.1亿元，增长3.2%。\n\
全年地区生产总值增长5.8%，增速居全市前列。\n\
二、2023年工作安排\n\
今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，固定资产投资增长10%以上。\n\
到2027年，全县地区生产总值年均增长7%。\n";

/// The 2024 report: a review of 2023 (the result of the 2023 target) and the 2024 targets.
const R2024: &str = "白河县2024年政府工作报告\n\
一、2023年工作回顾\n\
全县地区生产总值完成102.9亿元，比上年增长6.1%；固定资产投资增长12.4%。\n\
二、2024年工作安排\n\
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n";

fn baogao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .env(
            "BAOGAO_CACHE_DIR",
            std::env::temp_dir().join("baogao-panel-cli-cache"),
        )
        .output()
        .expect("run baogao")
}

fn write_reports() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("白河县2023.txt"), R2023).unwrap();
    std::fs::write(dir.path().join("白河县2024.txt"), R2024).unwrap();
    let p = dir.path().to_string_lossy().into_owned();
    (dir, p)
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn panel_json_is_the_long_table() {
    let (_d, dir) = write_reports();
    let v = json(&baogao(&[
        "panel",
        "--indicator",
        "GDP",
        "--format",
        "json",
        &dir,
    ]));
    let rows = v.as_array().unwrap();
    assert_eq!(
        keys(&rows[0]),
        [
            "place",
            "level",
            "year",
            "span",
            "indicator",
            "kind",
            "measure",
            "value",
            "high",
            "unit",
            "qualifier",
            "report",
            "section",
            "quote"
        ]
    );
    let growth = |year: i64, kind: &str| -> Vec<&serde_json::Value> {
        rows.iter()
            .filter(|r| {
                r["year"] == year && r["kind"] == kind && r["measure"] == "growth" && r["span"] == 1
            })
            .collect()
    };
    // Stated twice in the 2023 report: one row.
    let r2022 = growth(2022, "actual");
    assert_eq!(r2022.len(), 1, "{v:#}");
    assert_eq!(r2022[0]["value"], serde_json::json!(5.8));
    assert_eq!(r2022[0]["place"], "白河县");
    assert_eq!(r2022[0]["level"], "county");
    assert!(r2022[0]["report"]
        .as_str()
        .unwrap()
        .ends_with("白河县2023.txt"));
    let t2023 = growth(2023, "target");
    assert_eq!(t2023.len(), 1);
    assert_eq!(t2023[0]["value"], serde_json::json!(6.5));
    assert_eq!(t2023[0]["qualifier"], "左右");
    // The level and the change of one mention are two rows.
    assert!(rows.iter().any(|r| r["year"] == 2023
        && r["measure"] == "level"
        && r["value"] == serde_json::json!(102.9)
        && r["unit"] == "亿元"));
    // The yearly average to 2027 is not an annual target.
    assert!(!rows
        .iter()
        .any(|r| r["value"] == serde_json::json!(7) && r["span"] == 1));
}

#[test]
fn kind_filter_and_pivot() {
    let (_d, dir) = write_reports();
    let v = json(&baogao(&[
        "panel", "--kind", "target", "--format", "json", &dir,
    ]));
    assert!(v.as_array().unwrap().iter().all(|r| r["kind"] == "target"));
    let out = baogao(&["panel", "--pivot", "--indicator", "地区生产总值", &dir]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "地区\t2022\t2023\t2024", "{text}");
    // 2023: the result wins over the target in one cell.
    assert_eq!(lines[1], "白河县\t5.8%\t6.1%\t6%左右", "{text}");
    let t = baogao(&["panel", "--pivot", "--kind", "target", &dir]);
    let text = String::from_utf8(t.stdout).unwrap();
    assert!(text.contains("白河县\t6.5%左右\t6%左右"), "{text}");
}

#[test]
fn targets_pair_with_the_next_reports_result() {
    let (_d, dir) = write_reports();
    let v = json(&baogao(&[
        "targets",
        "--indicator",
        "GDP",
        "--format",
        "json",
        &dir,
    ]));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{v:#}");
    assert_eq!(
        keys(&rows[0]),
        [
            "place",
            "level",
            "year",
            "indicator",
            "measure",
            "target",
            "result",
            "gap"
        ]
    );
    let t = &rows[0];
    assert_eq!(
        (t["year"].as_i64(), t["place"].as_str()),
        (Some(2023), Some("白河县"))
    );
    assert_eq!(
        keys(&t["target"]),
        ["value", "high", "unit", "qualifier", "report", "quote"]
    );
    assert_eq!(t["target"]["value"], serde_json::json!(6.5));
    assert_eq!(
        keys(&t["result"]),
        ["value", "unit", "kind", "report", "quote"]
    );
    assert_eq!(t["result"]["value"], serde_json::json!(6.1));
    assert_eq!(t["result"]["kind"], "actual");
    assert!(t["result"]["report"]
        .as_str()
        .unwrap()
        .ends_with("白河县2024.txt"));
    assert_eq!(t["gap"], serde_json::json!(-0.4));
    assert_eq!(rows[1]["year"], 2024);
    assert_eq!(rows[1]["result"], serde_json::Value::Null);
    assert_eq!(rows[1]["gap"], serde_json::Value::Null);
    // The table formats carry the same rows.
    let md = String::from_utf8(baogao(&["targets", "--format", "md", &dir]).stdout).unwrap();
    assert!(
        md.lines()
            .any(|l| l.contains("6.5%左右") && l.contains("6.1%")),
        "{md}"
    );
}

#[test]
fn jsonl_is_the_json_array_one_object_a_line() {
    let (_d, dir) = write_reports();
    for cmd in [
        vec!["indicators"],
        vec!["panel"],
        vec!["targets"],
        vec!["grep", "--no-cache", "地区生产总值"],
    ] {
        let mut a = cmd.clone();
        a.extend(["--format", "json", &dir]);
        let whole = json(&baogao(&a));
        let mut l = cmd.clone();
        l.extend(["--format", "jsonl", &dir]);
        let lines = jsonl(&baogao(&l));
        assert!(!lines.is_empty(), "{cmd:?}");
        assert_eq!(whole.as_array().unwrap(), &lines, "{cmd:?}");
    }
}

#[test]
fn jsonl_names_a_missing_input_and_keeps_the_others() {
    let (d, dir) = write_reports();
    let missing = d.path().join("缺失.txt").to_string_lossy().into_owned();
    let out = baogao(&["panel", "--format", "jsonl", &dir, &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("缺失.txt"));
    assert!(!out.stdout.is_empty());
    let none = baogao(&["targets", "--format", "jsonl", &missing]);
    assert_eq!(none.status.code(), Some(2));
}

/// The README's DuckDB example, run with the real DuckDB (Python package). Skips, saying so,
/// where python3 or its `duckdb` package is missing; `.ci/run` installs it.
#[test]
fn duckdb_reads_the_panel_jsonl() {
    let has_duckdb = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_duckdb {
        eprintln!("duckdb_reads_the_panel_jsonl: python3 with duckdb not available; skipped");
        return;
    }
    let (d, dir) = write_reports();
    let out = baogao(&["panel", "--format", "jsonl", &dir]);
    assert!(out.status.success());
    let file = d.path().join("panel.jsonl");
    std::fs::write(&file, &out.stdout).unwrap();
    // The README's query, word for word, then one over the results.
    let readme = "SELECT place, year, value, qualifier
           FROM read_json_auto('panel.jsonl')
           WHERE indicator = '地区生产总值' AND measure = 'growth' AND kind = 'target' AND span = 1
           ORDER BY place, year";
    assert!(
        include_str!("../README.md").contains(readme),
        "the README shows this query"
    );
    let results = "SELECT year, kind, value FROM read_json_auto('panel.jsonl') \
                   WHERE indicator = '地区生产总值' AND measure = 'growth' AND span = 1 \
                   AND kind <> 'target' ORDER BY year";
    let run = |query: &str| -> Vec<String> {
        let script = format!(
            "import duckdb\nfor r in duckdb.sql(\"\"\"{query}\"\"\").fetchall(): print(*r, sep='|')"
        );
        let res = Command::new("python3")
            .args(["-c", &script])
            .current_dir(Path::new(&dir))
            .output()
            .expect("python3");
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
        String::from_utf8(res.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        run(readme),
        ["白河县|2023|6.5|左右", "白河县|2024|6.0|左右"]
    );
    assert_eq!(run(results), ["2022|actual|5.8", "2023|actual|6.1"]);
}
