//! Corpus evaluation of report metadata: place, level and year of every report listed in
//! `$BAOGAO_SHARED/gold/meta.json` (default `../shared`), compared exactly (a `null` in gold
//! wants no value). Prints each mismatch and the matches per field; exits non-zero on any
//! mismatch. Run: `cargo run --example eval_meta`

use std::path::PathBuf;
use std::process::ExitCode;

fn shared_dir() -> PathBuf {
    std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"))
}

fn show<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or("null".into(), |v| v.to_string())
}

fn main() -> ExitCode {
    let shared = shared_dir();
    let gold_path = shared.join("gold/meta.json");
    let Ok(text) = std::fs::read_to_string(&gold_path) else {
        eprintln!(
            "eval_meta: no gold at {} (set BAOGAO_SHARED)",
            gold_path.display()
        );
        return ExitCode::from(2);
    };
    let gold: serde_json::Value = match serde_json::from_str(&text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("eval_meta: bad gold file: {e}");
            return ExitCode::from(2);
        }
    };
    let reports = gold["reports"].as_array().cloned().unwrap_or_default();
    let (mut place_ok, mut level_ok, mut year_ok) = (0, 0, 0);
    for g in &reports {
        let file = g["file"].as_str().unwrap_or_default();
        let path = shared.join("corpus").join(file);
        let input = baogao_core::load::Input::File(path.to_string_lossy().into_owned());
        let Some(Ok(r)) = baogao_core::load::load_input(&input, &Default::default())
            .into_iter()
            .next()
        else {
            println!("{file}: cannot load");
            continue;
        };
        let want_place = g["place"].as_str().map(String::from);
        let want_level = g["level"].as_str().map(String::from);
        let want_year = g["year"].as_i64().map(|y| y as i32);
        let got_level = r.meta.level.map(|l| l.as_str().to_string());
        let mut wrong = Vec::new();
        if r.meta.place == want_place {
            place_ok += 1;
        } else {
            wrong.push(format!(
                "place {} (gold {})",
                show(&r.meta.place),
                show(&want_place)
            ));
        }
        if got_level == want_level {
            level_ok += 1;
        } else {
            wrong.push(format!(
                "level {} (gold {})",
                show(&got_level),
                show(&want_level)
            ));
        }
        if r.meta.year == want_year {
            year_ok += 1;
        } else {
            wrong.push(format!(
                "year {} (gold {})",
                show(&r.meta.year),
                show(&want_year)
            ));
        }
        if !wrong.is_empty() {
            println!("{file}: {}", wrong.join("; "));
        }
    }
    let n = reports.len();
    println!("meta: place {place_ok}/{n}  level {level_ok}/{n}  year {year_ok}/{n}");
    if n > 0 && place_ok == n && level_ok == n && year_ok == n {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
