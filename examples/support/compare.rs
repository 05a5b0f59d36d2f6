//! Comparing two loads of the same report (its clean text and a damaged or converted form):
//! outline headings and core indicator rows, each as an F1 over multisets.

use baogao_core::fold::fold;
use baogao_core::indicators::extract;
use baogao_core::Report;
use std::collections::HashMap;

/// Numbered headings as (level, label, title), width-folded.
pub fn headings(r: &Report) -> Vec<String> {
    r.sections
        .iter()
        .filter_map(|s| {
            s.label
                .as_ref()
                .map(|l| format!("{} {} {}", s.level, fold(l), fold(&s.title)))
        })
        .collect()
}

/// Core indicator rows (those with a canonical name) as comparable keys.
pub fn core_rows(r: &Report) -> Vec<String> {
    extract(r)
        .into_iter()
        .filter(|row| row.canonical.is_some())
        .map(|row| {
            format!(
                "{:?} {:?} {:?} {} {:?} {:?}",
                row.canonical,
                row.kind,
                row.value,
                row.masked,
                row.unit,
                row.change
                    .as_ref()
                    .map(|c| (c.value, c.unit.clone(), c.masked))
            )
        })
        .collect()
}

/// Matches, and the sizes of both sides: (tp, expected, got).
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: usize,
    pub expected: usize,
    pub got: usize,
}

impl Counts {
    pub fn of(expected: &[String], got: &[String]) -> Counts {
        let mut bag: HashMap<&str, usize> = HashMap::new();
        for e in expected {
            *bag.entry(e).or_default() += 1;
        }
        let mut tp = 0;
        for g in got {
            if let Some(n) = bag.get_mut(g.as_str()) {
                if *n > 0 {
                    *n -= 1;
                    tp += 1;
                }
            }
        }
        Counts {
            tp,
            expected: expected.len(),
            got: got.len(),
        }
    }

    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.expected += o.expected;
        self.got += o.got;
    }

    /// F1; 1.0 when both sides are empty.
    pub fn f1(&self) -> f64 {
        if self.expected + self.got == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (self.expected + self.got) as f64
    }
}

/// The rows one side has and the other lacks (for `-v` listings).
pub fn missing<'a>(expected: &'a [String], got: &[String]) -> Vec<&'a str> {
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for g in got {
        *bag.entry(g).or_default() += 1;
    }
    expected
        .iter()
        .filter(|e| match bag.get_mut(e.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .map(String::as_str)
        .collect()
}

/// Print up to `most` headings and rows each side lost (`-`) or gained (`+`), for `--verbose`.
pub fn print_misses(headings: (&[String], &[String]), rows: (&[String], &[String]), most: usize) {
    for (what, (a, b)) in [("heading", headings), ("row", rows)] {
        for m in missing(a, b).iter().take(most) {
            println!("    - {what} {m}");
        }
        for m in missing(b, a).iter().take(most) {
            println!("    + {what} {m}");
        }
    }
}
