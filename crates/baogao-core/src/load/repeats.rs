//! A report body that a web dump holds more than once (a clean copy, the page's copy, a print
//! view's copy — with different line breaks) is kept once.

use crate::char_count::{at_least, under};
use memchr::memmem::Finder;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// memchr's searcher for `。` (made once; cleaning asks it of every line too).
pub(super) static FULL_STOP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("。"));

/// Sentences shorter than this (in chars) are too common to tell a repeat.
const MIN_SENTENCE: usize = 12;
/// Lines shorter than this are titles, headings or chrome.
const SHORT_LINE: usize = 30;

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// The long sentences of a line.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    push_sentences(line, &mut out);
    out
}

/// [`sentences`], into a buffer that is reused line after line.
fn push_sentences<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    out.extend(
        split_sentences(line)
            .map(trim)
            .filter(|s| at_least(s, MIN_SENTENCE)),
    );
}

/// `line.split_inclusive(['。', '！', '？'])`, with the ends found by memchr: `。` is E3 80 82,
/// `！` EF BC 81 and `？` EF BC 9F in UTF-8. A line without `！` or `？` (nearly every line of a
/// report) is split at its `。`s by a substring search; else at each E3 or EF byte that starts
/// one of the three (those bytes start most Chinese punctuation, so they are many).
fn split_sentences(line: &str) -> impl Iterator<Item = &str> {
    static BANG: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("！"));
    static ASK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("？"));
    let b = line.as_bytes();
    let stops_only = BANG.find(b).is_none() && ASK.find(b).is_none();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let rest = &b[pos..];
        let end = if stops_only {
            FULL_STOP.find(rest)
        } else {
            memchr::memchr2_iter(0xe3, 0xef, rest).find(|&j| {
                matches!(
                    rest[j..],
                    [0xe3, 0x80, 0x82, ..] | [0xef, 0xbc, 0x81 | 0x9f, ..]
                )
            })
        }
        .map_or(b.len(), |j| pos + j + 3);
        let piece = &line[pos..end];
        pos = end;
        Some(piece)
    })
}

/// Does a line say only what was said: all its long sentences (two in three of a long
/// run-together line, whose first sentence may carry a heading) are in `said`?
fn repeats(t: &str, s: &[&str], said: &HashSet<&str>) -> bool {
    if s.is_empty() {
        return said.contains(t);
    }
    enough_said(s.iter().filter(|x| said.contains(*x)).count(), s.len())
}

/// Of a line's `of` long sentences, are the `said` ones enough to make it a repeat?
fn enough_said(said: usize, of: usize) -> bool {
    if of >= 3 {
        said * 3 >= of * 2
    } else {
        said == of
    }
}

/// [`repeats`] against `seen` as it was before this line, adding the line and its sentences
/// to it: each is hashed once. `fresh` (a buffer) holds what this line added, so that a
/// sentence the line says twice is not taken for one said before.
fn repeats_then_add<'a>(
    t: &'a str,
    s: &[&'a str],
    seen: &mut HashSet<&'a str>,
    fresh: &mut Vec<&'a str>,
) -> bool {
    let line_said = !seen.insert(t);
    if s.is_empty() {
        return line_said;
    }
    fresh.clear();
    if !line_said {
        fresh.push(t);
    }
    let mut said = 0;
    for &x in s {
        if seen.insert(x) {
            fresh.push(x);
        } else if !fresh.contains(&x) {
            said += 1;
        }
    }
    enough_said(said, s.len())
}

/// Once three lines in a row say only what earlier lines said (sentence by sentence, so that a
/// copy with other line breaks counts), every later line that repeats earlier text is dropped:
/// second, third and further copies alike. Short lines (titles, headings) go when the first copy
/// holds them.
pub fn drop_repeated_body(lines: &mut Vec<String>) {
    // Sized for every line and its long sentences (twelve chars or more, 36 bytes of Chinese):
    // growing the set as it filled was a fortieth of loading a file.
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut seen: HashSet<&str> =
        HashSet::with_capacity_and_hasher(lines.len() + bytes / 36, Default::default());
    let mut run = 0;
    let mut run_start = 0;
    let mut dup_from = None;
    let mut s = Vec::new();
    let mut fresh = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = trim(l);
        s.clear();
        push_sentences(t, &mut s);
        if s.is_empty() && under(t, SHORT_LINE) {
            continue;
        }
        if repeats_then_add(t, &s, &mut seen, &mut fresh) {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            if run >= 3 {
                dup_from = Some(run_start);
                break;
            }
        } else {
            run = 0;
        }
    }
    let Some(from) = dup_from else { return };
    // Walk back over the short lines (titles, headings, chrome) that open the second copy.
    let mut start = from;
    while start > 0 && under(trim(&lines[start - 1]), SHORT_LINE) {
        start -= 1;
    }
    let first_copy: String = lines[..start]
        .iter()
        .map(|l| trim(l))
        .collect::<Vec<_>>()
        .join("\n");
    let whole: HashSet<&str> = lines[..start].iter().map(|l| trim(l)).collect();
    let said: HashSet<&str> = lines[..start]
        .iter()
        .flat_map(|l| sentences(trim(l)))
        .collect();
    let mut drop: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = trim(l);
            if i < start {
                return false;
            }
            if i < from {
                // The short lines that open the second copy go too.
                return true;
            }
            if t.is_empty() {
                return false;
            }
            if whole.contains(t) {
                return true;
            }
            let s = sentences(t);
            if s.is_empty() && under(t, SHORT_LINE) {
                // A heading the first copy has inside a run-together line.
                return memchr::memmem::find(first_copy.as_bytes(), t.as_bytes()).is_some();
            }
            repeats(t, &s, &said)
        })
        .collect();
    // Chrome between later copies (`打印本页`) goes with the copies around it.
    let text_lines: Vec<usize> = (from..lines.len())
        .filter(|&i| !trim(&lines[i]).is_empty())
        .collect();
    for w in text_lines.windows(3) {
        if drop[w[0]] && drop[w[2]] && !drop[w[1]] && under(trim(&lines[w[1]]), SHORT_LINE) {
            drop[w[1]] = true;
        }
    }
    let mut d = drop.into_iter();
    lines.retain(|_| !d.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[&str] = &[
        "一、过去一年工作回顾",
        "全年实现地区生产总值二十亿元，比上年增长百分之六。城乡居民收入稳步增长，民生持续改善。",
        "新建改建农村公路四十公里，完成老旧小区改造五个。新增城镇就业一千二百人，社会大局稳定。",
        "二、今年工作安排",
        "今年的主要预期目标是：地区生产总值增长百分之五左右。粮食产量稳定在五万吨以上，物价平稳。",
        "我们将坚持稳中求进，扎实推进各项工作落地见效。全力办好十件民生实事，让群众更有获得感。",
    ];

    fn lines(parts: &[String]) -> Vec<String> {
        parts.join("\n").split('\n').map(String::from).collect()
    }

    proptest::proptest! {
        /// The memchr split is `split_inclusive` on the three sentence ends.
        #[test]
        fn sentences_split_as_split_inclusive(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "。", "！", "？", "，", "“", "中", "a", "\u{3003}", "\u{3001}", "\u{ff1e}", "\u{ff02}", "\u{ff1f}", "\u{ff01}", "\u{3002}x",
            ]), 0..30),
        ) {
            // As drawn, and without `！` and `？` (the line most reports are made of).
            let drawn = v.concat();
            for s in [drawn.clone(), drawn.replace(['！', '？'], "")] {
                let want: Vec<&str> = s.split_inclusive(['。', '！', '？']).collect();
                let got: Vec<&str> = split_sentences(&s).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }

        /// Looking a line up and then adding it, and adding it while looking it up, agree on
        /// the answer and on what is seen after, whatever the line repeats of itself or of
        /// earlier lines (sentences drawn from a few, so that they recur).
        #[test]
        fn repeats_then_add_is_a_lookup_then_an_add(
            drawn in proptest::collection::vec(
                proptest::collection::vec(0usize..5, 0..5), 1..12),
        ) {
            const SENTENCES: [&str; 5] = [
                "全年地区生产总值增长百分之六。",
                "城乡居民收入稳步增长，民生改善。",
                "粮食产量稳定在五万吨以上水平。",
                "新增城镇就业一千二百人以上！",
                "社会大局保持和谐稳定了吗？",
            ];
            let texts: Vec<String> =
                drawn.iter().map(|l| l.iter().map(|&k| SENTENCES[k]).collect()).collect();
            let mut model: HashSet<&str> = HashSet::default();
            let mut seen: HashSet<&str> = HashSet::default();
            let mut fresh = Vec::new();
            for t in &texts {
                let s = sentences(t);
                let want = repeats(t, &s, &model);
                model.insert(t);
                model.extend(s.iter().copied());
                proptest::prop_assert_eq!(repeats_then_add(t, &s, &mut seen, &mut fresh), want);
                proptest::prop_assert_eq!(&seen, &model);
            }
        }
    }

    #[test]
    fn three_copies_become_one() {
        let copy = BODY.join("\n");
        let mut l = lines(&[
            copy.clone(),
            "网站首页".into(),
            copy.clone(),
            "打印本页".into(),
            copy,
        ]);
        drop_repeated_body(&mut l);
        assert_eq!(l, BODY);
    }

    #[test]
    fn a_copy_with_other_line_breaks_is_a_repeat() {
        // The page copy breaks lines at sentence ends; the print copy runs it together.
        let by_sentence: Vec<String> = BODY
            .iter()
            .flat_map(|p| p.split_inclusive('。').map(String::from))
            .collect();
        let mut l = lines(&[BODY.join("\n"), by_sentence.join("\n"), BODY.concat()]);
        drop_repeated_body(&mut l);
        assert_eq!(l, BODY);
    }

    #[test]
    fn a_report_that_quotes_itself_once_stays_whole() {
        let mut l: Vec<String> = BODY.iter().map(|s| s.to_string()).collect();
        l.push(BODY[1].to_string());
        l.push("最后一段，各位代表，让我们团结一心，奋力谱写新篇章！".to_string());
        let before = l.clone();
        drop_repeated_body(&mut l);
        assert_eq!(l, before);
    }
}
