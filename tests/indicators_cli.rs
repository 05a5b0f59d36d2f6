//! `baogao indicators` through the real binary: JSON contract, TSV/CSV/Markdown, `--all`, and
//! bad input (a missing path named on stderr, exit 1 when some inputs failed, 2 when all did).

use std::process::{Command, Output};

/// A short report written for this test.
const REPORT: &str = "\u{3000}\u{3000}示范镇2024年政府工作报告\n\
一、2023年工作回顾\n\
全年全镇地区生产总值完成58.6亿元，同比增长6.2%；一般公共预算收入１２３５６万元，增长８．１％。\
城乡居民人均可支配收入分别达到46300元、25100元，分别增长5.4%、7.6%。新建视频监控探头 670 个。\n\
二、2024年工作安排\n\
主要预期目标是：地区生产总值增长6%左右，固定资产投资增长10%以上。\n";

fn baogao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .output()
        .expect("run baogao")
}

fn write_report() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("示范镇报告.txt");
    std::fs::write(&path, REPORT).unwrap();
    let p = path.to_string_lossy().into_owned();
    (dir, p)
}

#[test]
fn json_rows_follow_the_contract() {
    let (_dir, path) = write_report();
    let out = baogao(&["indicators", "--format", "json", &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = v.as_array().expect("one array");
    assert_eq!(rows.len(), 6, "{v:#}");
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "report",
            "section",
            "name",
            "canonical",
            "value",
            "masked",
            "unit",
            "change",
            "kind",
            "qualifier",
            "quote",
            "offset",
            "year",
            "span",
            "measure",
            "high"
        ]
    );
    let gdp = &rows[0];
    assert_eq!(gdp["report"], path.as_str());
    assert_eq!(gdp["canonical"], "地区生产总值");
    assert_eq!(gdp["value"], serde_json::json!(58.6));
    assert_eq!(gdp["unit"], "亿元");
    assert_eq!(
        gdp["change"],
        serde_json::json!({"value": 6.2, "unit": "%", "masked": false, "basis": "同比", "high": null})
    );
    assert_eq!(gdp["kind"], "actual");
    assert_eq!(gdp["section"], serde_json::json!(["2023年工作回顾"]));
    assert!(gdp["offset"].as_u64().is_some());
    // Full-width digits read; a whole number prints without a fraction.
    assert_eq!(rows[1]["canonical"], "一般公共预算收入");
    assert_eq!(rows[1]["value"], serde_json::json!(12356));
    assert_eq!(rows[1]["change"]["value"], serde_json::json!(8.1));
    assert_eq!(rows[2]["canonical"], "城镇居民人均可支配收入");
    assert_eq!(rows[3]["canonical"], "农村居民人均可支配收入");
    assert_eq!(rows[3]["value"], serde_json::json!(25100));
    assert_eq!(rows[4]["kind"], "target");
    assert_eq!(rows[4]["qualifier"], "左右");
    assert_eq!(rows[5]["qualifier"], "以上");
}

#[test]
fn tsv_is_the_default_with_a_header() {
    let (_dir, path) = write_report();
    let out = baogao(&["indicators", &path]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    let header: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(header, baogao_core::export::columns());
    assert!(lines.iter().all(|l| l.split('\t').count() == header.len()));
    assert!(lines[1].contains("地区生产总值\t地区生产总值\t58.6\t亿元"));
}

#[test]
fn all_adds_other_figures_with_a_name() {
    let (_dir, path) = write_report();
    let out = baogao(&["indicators", "--all", "--format", "json", &path]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cam = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == serde_json::json!(670))
        .expect("the camera count");
    assert_eq!(cam["canonical"], serde_json::Value::Null);
    assert_eq!(cam["unit"], "个");
    assert!(
        cam["name"].as_str().unwrap().contains("视频监控探头"),
        "{cam}"
    );
}

#[test]
fn csv_and_markdown() {
    let (_dir, path) = write_report();
    let csv = baogao(&["indicators", "--format", "csv", &path]).stdout;
    assert!(csv.starts_with("\u{feff}报告,".as_bytes()));
    let md = String::from_utf8(baogao(&["indicators", "--format", "md", &path]).stdout).unwrap();
    assert!(md.starts_with("| 报告"));
    assert!(md.lines().nth(1).unwrap().starts_with("|-"));
}

#[test]
fn missing_paths_are_named_and_set_the_exit_code() {
    let (dir, path) = write_report();
    let missing = dir.path().join("没有这个文件.txt");
    let missing = missing.to_string_lossy().into_owned();
    let out = baogao(&["indicators", &path, &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个文件.txt"));
    // The good file's rows are still printed.
    assert!(String::from_utf8_lossy(&out.stdout).contains("地区生产总值"));
    let out = baogao(&["indicators", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let out = baogao(&["indicators", "--format", "xml", &path]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_formats_append_year_span_measure_and_range_ends() {
    let (_dir, path) = write_report();
    let tsv = String::from_utf8(baogao(&["indicators", &path]).stdout).unwrap();
    let header: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        &header[11..],
        ["年份", "年数", "度量", "数值上限", "增减上限"]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&baogao(&["indicators", "--format", "json", &path]).stdout).unwrap();
    // Each TSV row carries the JSON row's new fields, in the same words as the pane.
    for (line, row) in tsv.lines().skip(1).zip(json.as_array().unwrap()) {
        let c: Vec<&str> = line.split('\t').collect();
        let year = row["year"]
            .as_i64()
            .map(|y| y.to_string())
            .unwrap_or_default();
        assert_eq!(c[11], year, "{line}");
        assert_eq!(c[12], row["span"].to_string(), "{line}");
        let measure = if row["measure"] == "growth" {
            "增速"
        } else {
            "水平"
        };
        assert_eq!(c[13], measure, "{line}");
    }
    let md = String::from_utf8(baogao(&["indicators", "--format", "md", &path]).stdout).unwrap();
    assert!(
        md.lines()
            .next()
            .unwrap()
            .contains("| 数值上限 | 增减上限 |"),
        "{md}"
    );
}
