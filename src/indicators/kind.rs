//! Kind of a row: `estimate` when its sentence says 预计 before the figure, `target` in a plan
//! part of the report (titles such as 工作安排, 目标任务, a coming year) or after goal cues
//! (预期目标, 力争, 到2025年), otherwise `actual`.

use super::mention::RawRow;
use super::{cues, Kind};
use crate::report::Report;

pub(super) fn opens_target_list(folded: &str) -> bool {
    let t = folded.trim_end();
    (t.ends_with(':') || t.ends_with("是")) && cues::TARGET_CUES.iter().any(|c| t.contains(c))
}

/// Section kind from titles: the outermost title that says review or plan decides.
pub(super) fn section_kinds(report: &Report) -> Vec<Option<Kind>> {
    let year = report.meta.year;
    let own = |title: &str| -> Option<Kind> {
        let t = crate::fold::fold(title);
        if cues::REVIEW_TITLES.iter().any(|w| t.contains(w)) {
            return Some(Kind::Actual);
        }
        if cues::TARGET_TITLES.iter().any(|w| t.contains(w)) {
            return Some(Kind::Target);
        }
        let y = title_year(&t)?;
        let ry = year?;
        Some(if y >= ry { Kind::Target } else { Kind::Actual })
    };
    let mut kinds: Vec<Option<Kind>> = Vec::with_capacity(report.sections.len());
    // A top-level part that says nothing itself, after the plan part, is one of the plan's tasks.
    let mut last_root = None;
    for (i, s) in report.sections.iter().enumerate() {
        // Parents come before children, so the parent's verdict is known.
        let parent = s.parent.and_then(|p| if p < i { kinds[p] } else { None });
        let mut k = parent.or_else(|| own(&s.title));
        if s.parent.is_none() {
            if k.is_none() && last_root == Some(Kind::Target) {
                k = last_root;
            }
            if k.is_some() {
                last_root = k;
            }
        }
        kinds.push(k);
    }
    kinds
}

fn title_year(t: &str) -> Option<i32> {
    let b = t.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let w = &b[i..i + 4];
        if w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' || w[0] == b'2')
            && b.get(i + 4) == Some(&0xe5)
        {
            std::str::from_utf8(w).ok()?.parse().ok()
        } else {
            None
        }
    })
}

/// Sentence bounds (`。` `!` `?`) around char `at`.
pub(super) fn sentence(f: &[char], at: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '。' | '!' | '?');
    let mut s = at.min(f.len());
    while s > 0 && !is_end(f[s - 1]) {
        s -= 1;
    }
    let mut e = at.min(f.len());
    while e < f.len() && !is_end(f[e]) {
        e += 1;
    }
    (s, (e + 1).min(f.len()))
}

pub(super) fn kind_of(f: &[char], r: &RawRow, sec_kind: Option<Kind>, year: Option<i32>) -> Kind {
    let first = r.first_figure();
    let (s, _) = sentence(f, first);
    let before = &f[s..first.min(f.len())];
    if cues::contains(before, "预计") {
        return Kind::Estimate;
    }
    if sec_kind == Some(Kind::Target) {
        return Kind::Target;
    }
    // In a review part only an explicit goal counts (`…年初确定的目标任务` does not).
    let words: &[&str] = if sec_kind == Some(Kind::Actual) {
        &["预期目标", "主要目标是", "目标是", "力争"]
    } else {
        cues::TARGET_CUES
    };
    let cue = words.iter().any(|c| match cues::find(before, c) {
        Some(p) => before.get(p + c.chars().count()) != Some(&'了'),
        None => false,
    });
    if cue || by_year(before, year) {
        return Kind::Target;
    }
    // `主要预期目标是:…。…。`: a goal list that runs on over the next sentences of its paragraph.
    if sec_kind.is_none()
        && ["预期目标", "主要目标"]
            .iter()
            .any(|c| cues::contains(&f[..s], c))
    {
        return Kind::Target;
    }
    Kind::Actual
}

/// `到2025年,…` / `到20xx年`: a goal for a coming date. The `到` opens a clause (not
/// `增加到2007年的…`), and a written year must not be before the report's own year.
fn by_year(chars: &[char], report_year: Option<i32>) -> bool {
    (0..chars.len()).any(|i| {
        if chars[i] != '到' || chars.len() <= i + 5 || chars[i + 5] != '年' {
            return false;
        }
        let y = &chars[i + 1..i + 5];
        if y[0] != '2' || !y.iter().all(|c| c.is_ascii_digit() || *c == 'x') {
            return false;
        }
        let opens = i == 0
            || cues::is_punct(chars[i - 1])
            || ["力争", "计划", "预计", "争取", "确保"]
                .iter()
                .any(|w| cues::ends_with_at(chars, i, w));
        if !opens {
            return false;
        }
        let written: String = y.iter().collect();
        match (written.parse::<i32>(), report_year) {
            (Ok(w), Some(r)) => w >= r,
            _ => true,
        }
    })
}
