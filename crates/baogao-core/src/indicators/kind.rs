//! Kind of a row: `estimate` when its sentence says 预计 before the figure, `target` in a plan
//! part of the report (titles such as 工作安排, 目标任务, a coming year) or after goal cues
//! (预期目标, 力争, 到2025年), otherwise `actual`.

use super::lexicon::{Group, Lexicon, Mask, Scan};
use super::mention::RawRow;
use super::{cues, Kind};
use crate::report::Report;

pub(super) fn opens_target_list(lex: &Lexicon, folded: &str) -> bool {
    let t = folded.trim_end();
    (t.ends_with(':') || t.ends_with("是")) && lex.mentions(Group::Target, t)
}

/// Section kind from titles: the outermost title that says review or plan decides.
pub(super) fn section_kinds(lex: &Lexicon, report: &Report) -> Vec<Option<Kind>> {
    let year = report.meta.year;
    let own = |title: &str| -> Option<Kind> {
        let t = crate::fold::fold(title);
        if lex.mentions(Group::ReviewTitle, &t) {
            return Some(Kind::Actual);
        }
        if lex.mentions(Group::TargetTitle, &t) {
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
        let parent = s.parent().and_then(|p| if p < i { kinds[p] } else { None });
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

/// Goal words: target cues, and those a review part still takes as a target.
const GOALS: Mask = Group::Target.bit() | Group::ReviewGoal.bit();

/// Cue positions of one paragraph, found once, so that a row's kind and quote cost a few
/// binary searches however long the paragraph is.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Marks {
    len: usize,
    /// Indices of sentence ends (`。` `!` `?`).
    ends: Vec<usize>,
    /// Starts of `预计`.
    estimate: Vec<usize>,
    /// Goal words not followed by `了`: (start, length, groups).
    goals: Vec<(usize, usize, Mask)>,
    /// `到2025年` opening a clause: (start of `到`, the year when written in digits).
    years: Vec<(usize, Option<i32>)>,
    /// The first `预期目标` / `主要目标` of the paragraph.
    list_goal: Option<usize>,
}

impl Marks {
    /// No marks yet, for a paragraph of `len` chars.
    fn empty(len: usize) -> Marks {
        Marks {
            len,
            ends: Vec::new(),
            estimate: Vec::new(),
            goals: Vec::new(),
            years: Vec::new(),
            list_goal: None,
        }
    }

    pub(super) fn new(sc: &Scan, f: &[char]) -> Marks {
        let mut m = Marks::empty(f.len());
        // The cue words, from the scan's hits (by start, longest first).
        for (start, mask, len) in sc.hits() {
            let end_mark = matches!(f.get(start), Some('。' | '!' | '?'));
            if mask & Group::Estimate.bit() != 0 && !end_mark && m.estimate.last() != Some(&start) {
                m.estimate.push(start);
            }
            if mask & GOALS != 0 && f.get(start + len) != Some(&'了') {
                m.goals.push((start, len, mask));
            }
        }
        // The marks made of chars.
        let mut estimates = m.estimate.iter().peekable();
        for (i, &c) in f.iter().enumerate() {
            match c {
                '。' | '!' | '?' => m.ends.push(i),
                // An estimate word read here (a user's lexicon may start one with `到`) is not
                // also a year goal.
                '到' if estimates.next_if_eq(&&i).is_some() => {}
                '到' => {
                    if let Some(y) = year_goal(f, i) {
                        m.years.push((i, y));
                    }
                }
                '预' | '主'
                    if m.list_goal.is_none()
                        && (cues::starts_with_at(f, i, "预期目标")
                            || cues::starts_with_at(f, i, "主要目标")) =>
                {
                    m.list_goal = Some(i);
                }
                _ => {}
            }
            while estimates.next_if(|&&e| e <= i).is_some() {}
        }
        m
    }

    /// Sentence bounds (`。` `!` `?`) around char `at`: start, and one past its end mark.
    pub(super) fn sentence(&self, at: usize) -> (usize, usize) {
        let k = self.ends.partition_point(|&e| e < at);
        let s = if k > 0 { self.ends[k - 1] + 1 } else { 0 };
        let e = self.ends.get(k).map_or(self.len, |&e| e + 1);
        (s.min(at), e.min(self.len))
    }
}

/// Whether sorted `positions` hold one in `[from, to)`.
fn any_in(positions: &[usize], from: usize, to: usize) -> bool {
    let k = positions.partition_point(|&p| p < from);
    positions.get(k).is_some_and(|&p| p < to)
}

/// `到2025年,…` / `到20xx年` at `i`: a goal for a coming date when the `到` opens a clause (not
/// `增加到2007年的…`). Returns the year when written in digits.
fn year_goal(f: &[char], i: usize) -> Option<Option<i32>> {
    if f.len() <= i + 5 || f[i + 5] != '年' {
        return None;
    }
    let y = &f[i + 1..i + 5];
    if y[0] != '2' || !y.iter().all(|c| c.is_ascii_digit() || *c == 'x') {
        return None;
    }
    let opens = i == 0
        || cues::is_punct(f[i - 1])
        || matches!(f[i - 1], '。' | '!' | '?' | ';')
        || ["力争", "计划", "预计", "争取", "确保"]
            .iter()
            .any(|w| cues::ends_with_at(f, i, w));
    if !opens {
        return None;
    }
    let written: String = y.iter().collect();
    Some(written.parse::<i32>().ok())
}

pub(super) fn kind_of(
    marks: &Marks,
    r: &RawRow,
    sec_kind: Option<Kind>,
    year: Option<i32>,
) -> Kind {
    let first = r.first_figure().min(marks.len);
    let (s, _) = marks.sentence(first);
    if any_in(&marks.estimate, s, first.saturating_sub(1)) {
        return Kind::Estimate;
    }
    if sec_kind == Some(Kind::Target) {
        return Kind::Target;
    }
    // In a review part only an explicit goal counts (`…年初确定的目标任务` does not).
    let words = if sec_kind == Some(Kind::Actual) {
        Group::ReviewGoal.bit()
    } else {
        Group::Target.bit()
    };
    let k = marks.goals.partition_point(|g| g.0 < s);
    let cue = marks.goals[k..]
        .iter()
        .take_while(|g| g.0 < first)
        .any(|&(p, n, g)| g & words != 0 && p + n <= first);
    // A written year must not be before the report's own year.
    let k = marks.years.partition_point(|y| y.0 < s);
    let by_year = marks.years[k..]
        .iter()
        .take_while(|y| y.0 + 6 <= first)
        .any(|&(_, y)| match (y, year) {
            (Some(w), Some(r)) => w >= r,
            _ => true,
        });
    if cue || by_year {
        return Kind::Target;
    }
    // `主要预期目标是:…。…。`: a goal list that runs on over the next sentences of its paragraph.
    if sec_kind.is_none() && marks.list_goal.is_some_and(|g| g < s) {
        return Kind::Target;
    }
    Kind::Actual
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::lexicon::builtin;

    /// The marks as they were first found: every char asked about in turn.
    fn marks_by_chars(sc: &Scan, f: &[char]) -> Marks {
        let mut m = Marks::empty(f.len());
        for (i, &c) in f.iter().enumerate() {
            match c {
                '。' | '!' | '?' => m.ends.push(i),
                _ if sc.at(Group::Estimate.bit(), i, f.len()).is_some() => m.estimate.push(i),
                '到' => {
                    if let Some(y) = year_goal(f, i) {
                        m.years.push((i, y));
                    }
                }
                _ => {}
            }
            for (g, n) in sc.all_at(GOALS, i) {
                if f.get(i + n) != Some(&'了') {
                    m.goals.push((i, n, g));
                }
            }
            if m.list_goal.is_none()
                && (cues::starts_with_at(f, i, "预期目标")
                    || cues::starts_with_at(f, i, "主要目标"))
            {
                m.list_goal = Some(i);
            }
        }
        m
    }

    proptest::proptest! {
        /// Marks found from the scan's hits are those a walk over every char finds.
        #[test]
        fn marks_from_hits_agree_with_a_char_walk(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "预计", "预", "计", "到", "2025", "年", "。", "!", "?", "目标", "预期目标",
                "主要目标", "力争", "了", "增长", "6%", "左右", "到2030年,", "，", "x", "达到",
            ]), 0..60),
        ) {
            let f: Vec<char> = crate::fold::fold(&v.concat()).chars().collect();
            let sc = Scan::new(builtin(), &f);
            proptest::prop_assert_eq!(Marks::new(&sc, &f), marks_by_chars(&sc, &f));
        }
    }
}
