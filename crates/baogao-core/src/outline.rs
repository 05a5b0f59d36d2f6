//! From cleaned lines to paragraphs and the section tree.
//!
//! Paragraphs come from lines: a whole report in one line is split at its inline headings, and
//! lines broken mid-sentence are joined back. Headings are paragraphs that start with a marker;
//! their level comes from nesting (a marker nests under the innermost open section whose marker
//! is stronger and closes the others), not from the marker alone.

use crate::marker::{self, MarkerKind};
use crate::report::{narrow, Paragraph, Report, Section};

/// A line longer than this (in chars) is a whole report or a page run together: split it at
/// inline headings.
const RUN_TOGETHER: usize = 1500;

fn trimmed(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Byte offsets in `line` where an inline heading starts a new paragraph.
fn inline_heading_starts(line: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut last_number: Vec<(MarkerKind, u32)> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let after_stop = matches!(prev, Some('。' | '！' | '？' | '!' | '?'));
        let after_colon = matches!(prev, Some('：' | ':' | '；' | ';'));
        prev = Some(c);
        if i == 0 || !(after_stop || after_colon) {
            continue;
        }
        let Some(m) = marker::parse(&line[i..]) else {
            continue;
        };
        let allowed = match m.kind {
            MarkerKind::HanComma | MarkerKind::HanParen => true,
            MarkerKind::HanShi | MarkerKind::Ordinal => after_stop,
            _ => false,
        };
        if !allowed {
            continue;
        }
        // Numbering must start at 1 or continue the previous marker of the same kind.
        let expected = last_number
            .iter()
            .find(|(k, _)| *k == m.kind)
            .map(|(_, n)| n + 1)
            .unwrap_or(1);
        if m.number != 1 && m.number != expected {
            continue;
        }
        // A stronger marker restarts the numbering of weaker ones.
        last_number.retain(|(k, _)| k.rank() < m.kind.rank());
        last_number.push((m.kind, m.number));
        cuts.push(i);
    }
    cuts
}

fn ends_sentence(c: char) -> bool {
    "。！？!?；;：:”」』）)…".contains(c)
}

fn closes(c: char) -> bool {
    "”》）)」』，,。、".contains(c)
}

/// Function characters that do not end a sentence or a heading: a line ending in one was broken
/// — unless they end a noun (`政策取向`, `发展方向`, `有所作为`).
fn dangles(line: &str) -> bool {
    const NOUN_ENDINGS: &[&str] = &[
        "取向", "方向", "导向", "倾向", "动向", "走向", "意向", "志向", "去向", "指向", "作为",
        "行为", "有为", "无为", "所以", "难以", "足以", "何以", "之以",
    ];
    line.chars()
        .last()
        .is_some_and(|c| "对的和与及在把将为从向以等了被由于之其".contains(c))
        && !NOUN_ENDINGS.iter().any(|w| line.ends_with(w))
}

/// A heading on a line of its own (`二、2024年发展总体要求和政策取向`): complete, unless what
/// follows is a short fragment without a sentence end (the rest of a heading broken in two).
fn heading_line(line: &str) -> bool {
    marker::parse(line).is_some() && crate::char_count::under(line, 61) && !line.contains('。')
}

/// Does `t` open with the end of a figure the line before began (`…增长` / `6.3%；…`, `185` /
/// `.3亿元`, `…增长2.1` / `个百分点`)? No paragraph opens so; a rate may open a sentence
/// (`90%的财力用于民生`), but not after one left open.
fn figure_tail(cur: &str, t: &str) -> bool {
    static RATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:[0-9０-９]+(?:[.．][0-9０-９]+)?\s*)?(?:%|％|‰|个百分点)")
            .expect("static pattern")
    });
    let mut chars = t.chars();
    let decimal = chars.next().is_some_and(|c| c == '.' || c == '．')
        && chars.next().is_some_and(|c| c.is_ascii_digit())
        && cur.ends_with(|c: char| c.is_ascii_digit());
    RATE.is_match(t) || decimal
}

fn continues(c: char) -> bool {
    "，,、（(“《「".contains(c)
}

/// Turn cleaned lines into paragraph strings.
pub fn paragraphs_from_lines(lines: &[String]) -> Vec<String> {
    // 1. Split run-together lines at inline headings.
    let mut pieces: Vec<&str> = Vec::new();
    for line in lines {
        let t = line.trim_end();
        if trimmed(t).is_empty() {
            continue;
        }
        if crate::char_count::at_least(t, RUN_TOGETHER + 1) {
            let cuts = inline_heading_starts(t);
            let mut start = 0;
            for c in cuts {
                pieces.push(&t[start..c]);
                start = c;
            }
            pieces.push(&t[start..]);
        } else {
            pieces.push(t);
        }
    }
    // 2. Join lines broken mid-sentence: after an opening bracket or a comma, before a closing
    // quote, and around short fragments (`亲自` / `指挥、`), but never into a heading line.
    let mut out: Vec<String> = Vec::new();
    let mut last_fragment_chars = usize::MAX;
    let mut open_heading = false;
    // Whether the last piece was a table's row (a row is never joined, so it is `cur`).
    let mut last_row = false;
    for piece in pieces {
        let t = trimmed(piece);
        // Only told apart up to 60 (below): a running paragraph is not counted to its end.
        let chars = crate::char_count::up_to(t, 61);
        let is_heading = marker::parse(t).is_some();
        let row = crate::load::is_table_row(t);
        let after_row = std::mem::replace(&mut last_row, row);
        if let Some(cur) = out.last_mut() {
            let cur_t = trimmed(cur);
            let last = cur_t.chars().last().unwrap_or('。');
            let fragment = chars <= 20 && !t.contains(['。', '！', '？', '；']);
            // A line that starts with closing punctuation never starts a paragraph.
            let strong = t.starts_with(|c: char| closes(c))
                || figure_tail(cur_t, t)
                || ((continues(last) || dangles(cur_t)) && (fragment || !heading_line(cur_t)));
            // Short fragments join only inside running text (one side has punctuation): two
            // bare title lines stay apart.
            let has_punct = |s: &str| s.contains(['，', '、', '；', '。', ',', ';']);
            let weak = (last_fragment_chars <= 4 || chars <= 4) && (has_punct(cur) || has_punct(t));
            // A table's row stands alone (its cells can end in anything).
            let join = !is_heading
                && !row
                && !after_row
                && !ends_sentence(last)
                && (strong || (weak && !open_heading));
            if join {
                cur.push_str(t);
                last_fragment_chars = chars;
                continue;
            }
        }
        last_fragment_chars = chars;
        open_heading = is_heading && chars <= 60 && !t.contains('。');
        out.push(piece.to_string());
    }
    out
}

/// A line that opens an unnumbered glossary or notes block at the end of a report.
fn is_notes_heading(t: &str) -> bool {
    let t = t.trim_end_matches(['：', ':']);
    matches!(
        t,
        "名词解释" | "注释" | "附注" | "名词注释" | "附：名词解释" | "附:名词解释"
    )
}

/// A plan or review heading without a number: `2024年工作安排`, `今年工作安排`, `2023年工作回顾`,
/// `过去五年主要工作`. Among numbered `一、` runs only these become topic nodes.
fn is_plan_or_review(p: &str) -> bool {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:(?:(?:19|20)\d\d|今|明|本|过去一|过去五|今后五|未来五)年度?的?|一年来|五年来)?(?:政府)?(?:主要|重点)?工作(?:回顾|安排(?:建议)?|任务|重点|总体要求)$|^(?:(?:19|20)\d\d|今|明)年度?(?:政府)?(?:主要|重点)(?:工作|任务)$",
        )
        .expect("static pattern")
    });
    RE.is_match(p)
}

/// Unnumbered headings on a line of their own that become top-level topic nodes. In a report
/// without `一、` headings any short heading-like line before a long paragraph qualifies
/// (`2023年工作回顾`, `塑造新形象：加强政府自身建设`); among `一、` runs only a plan or review
/// heading does, so the plan's items no longer hang under the review's last `七、`.
fn topic_headings(paragraphs: &[String]) -> Vec<usize> {
    let leads: Vec<&str> = paragraphs.iter().map(|p| trimmed(p)).collect();
    let numbered = leads
        .iter()
        .any(|p| marker::parse(p).is_some_and(|m| m.kind == MarkerKind::HanComma));
    // Body starts after the address to the delegates, if there is one near the top.
    let body_start = leads
        .iter()
        .take(15)
        .position(|p| p.starts_with("各位代表") || p.starts_with("同志们"))
        .map(|i| i + 1)
        .unwrap_or(0);
    let is_candidate = |p: &str| {
        // Most paragraphs are running text, far longer: tell by the length first.
        if !(crate::char_count::at_least(p, 4) && crate::char_count::under(p, 31)) {
            return false;
        }
        let n = p.chars().count();
        // One inner colon is allowed: `站在新起点：2012年工作回顾`; a trailing one is a lead-in.
        let colons = p.matches(['：', ':']).count();
        let colon_ok = colons == 0 || (colons == 1 && !p.ends_with(['：', ':']));
        (4..=30).contains(&n)
            && colon_ok
            && !p.chars().any(|c| "。，；！？,;!?…“”\"".contains(c))
            && p.chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count()
                * 2
                > n
            && marker::parse(p).is_none()
    };
    // What follows a heading: running text, or (among numbered runs) the first numbered item.
    let opens_body = |next: &str| {
        (!is_candidate(next) && crate::char_count::at_least(next, 26))
            || (numbered && marker::parse(next).is_some())
    };
    (body_start..leads.len())
        .filter(|&i| {
            is_candidate(leads[i])
                && (!numbered || is_plan_or_review(leads[i]))
                && leads.get(i + 1).is_some_and(|n| opens_body(n))
        })
        .collect()
}

/// Build the report's paragraphs and section tree from paragraph strings.
pub fn build(source: String, encoding: String, paragraphs: Vec<String>) -> Report {
    build_with(source, encoding, paragraphs, true)
}

/// [`build`], leaving [`Report::meta`] empty unless `meta`.
pub(crate) fn build_with(
    source: String,
    encoding: String,
    paragraphs: Vec<String>,
    meta: bool,
) -> Report {
    // Sized exactly: a report is held for the whole session, and a grown string keeps up to as
    // much again spare (a third of a 10,000-report pile's peak memory went to that).
    let len =
        paragraphs.iter().map(String::len).sum::<usize>() + paragraphs.len().saturating_sub(1);
    let mut text = String::with_capacity(len);
    let mut paras = Vec::with_capacity(paragraphs.len());
    let mut char_pos = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            char_pos += 1;
        }
        let start = text.len();
        text.push_str(p);
        paras.push(Paragraph::new(start..text.len(), char_pos, None));
        char_pos += p.chars().count();
    }
    let topics = topic_headings(&paragraphs);
    let mut sections: Vec<Section> = Vec::new();
    // Each section's children while the tree grows (a section keeps them boxed).
    let mut children: Vec<Vec<u32>> = Vec::new();
    // Open sections, innermost last, with the rank of their marker (0 for a notes block).
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let lead = p.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let heading = if is_notes_heading(trimmed(lead)) {
            open.clear();
            Some((
                None,
                0u8,
                trimmed(lead).trim_end_matches(['：', ':']).to_string(),
            ))
        } else if topics.contains(&pi) {
            // A topic node closes every open section; what follows nests under it.
            open.clear();
            Some((None, 0u8, trimmed(lead).to_string()))
        } else {
            marker::parse(lead)
                .filter(|m| !marker::lists_inline(m, &lead[m.len..]))
                .map(|m| {
                    let (title, _) = marker::split_title(&lead[m.len..]);
                    (Some(m.clone()), m.kind.rank(), title.to_string())
                })
        };
        if let Some((m, rank, title)) = heading {
            while open.last().is_some_and(|&(_, r)| r >= rank && rank > 0) {
                open.pop();
            }
            // A run of `（一）` (or `一、`) that starts again under the same parent means the
            // heading that should part the two runs was lost (damaged text, a dropped line): the
            // new run does not belong to that parent, so it leaves it rather than hang under a
            // wrong section. Weaker markers (`一是`, `1.`) restart inside one section often.
            if let Some(m) = m
                .as_ref()
                .filter(|m| m.number == 1 && rank <= MarkerKind::HanParen.rank())
            {
                let restarts = |parent: usize| {
                    children[parent]
                        .iter()
                        .any(|&c| sections[c as usize].kind == Some(m.kind))
                };
                if open.last().is_some_and(|&(p, _)| restarts(p)) {
                    open.pop();
                }
            }
            let parent = open.last().map(|&(s, _)| s);
            let numbered_above = open
                .iter()
                .filter(|&&(s, _)| sections[s].label.is_some())
                .count();
            let idx = sections.len();
            sections.push(Section {
                level: u8::try_from(numbered_above + 1).unwrap_or(u8::MAX),
                label: m.as_ref().map(|m| m.label.as_str().into()),
                title: title.into(),
                kind: m.as_ref().map(|m| m.kind),
                parent: parent.map(narrow),
                children: Box::default(),
                heading: narrow(pi),
                span: narrow(pi)..narrow(pi + 1),
            });
            children.push(Vec::new());
            if let Some(parent) = parent {
                children[parent].push(narrow(idx));
            }
            open.push((idx, rank));
        }
        if let Some(&(s, _)) = open.last() {
            paras[pi].set_section(Some(s));
            for &(o, _) in &open {
                sections[o].span.end = narrow(pi + 1);
            }
        }
    }
    for (s, c) in sections.iter_mut().zip(children) {
        s.children = c.into();
    }
    sections.shrink_to_fit();
    let meta = if meta {
        crate::meta::extract(&source, &text, &paras, &sections)
    } else {
        Default::default()
    };
    Report {
        source,
        encoding,
        meta,
        text: text.into(),
        paragraphs: paras,
        sections,
        source_lines: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Vec<(usize, String, String)> {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let r = build("t".into(), "UTF-8".into(), paragraphs_from_lines(&lines));
        r.sections
            .iter()
            .map(|s| {
                (
                    usize::from(s.level),
                    s.label.as_deref().unwrap_or_default().to_string(),
                    s.title.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn levels_come_from_nesting() {
        let text = "某镇政府工作报告\n各位代表：\n一、过去一年工作回顾\n全年经济平稳。\n1、工业生产稳步增长。产值增长。\n二、今年主要任务\n(一)抓好产业发展。全年目标。\n1、做强工业。具体措施。\n(二)改善民生。措施。";
        assert_eq!(
            outline(text),
            vec![
                (1, "一、".into(), "过去一年工作回顾".into()),
                (2, "1、".into(), "工业生产稳步增长".into()),
                (1, "二、".into(), "今年主要任务".into()),
                (2, "(一)".into(), "抓好产业发展".into()),
                (3, "1、".into(), "做强工业".into()),
                (2, "(二)".into(), "改善民生".into()),
            ]
        );
    }

    #[test]
    fn stronger_marker_closes_dash_items() {
        let text = "二、今后五年目标\n——打造活力小镇。具体内容。\n——打造品质小镇。具体内容。\n（一）立足产业提升，激发活力。正文。";
        let o = outline(text);
        assert_eq!(o[1].0, 2);
        assert_eq!(o[3], (2, "(一)".into(), "立足产业提升，激发活力".into()));
    }

    #[test]
    fn one_line_report_is_split_at_inline_headings() {
        let body = "我们坚持以人民为中心，推动各项工作取得新进展。".repeat(40);
        let text = format!(
            "某镇工作计划{body}主要体现在以下两个方面：（一）激发产业活力，经济质效提升。一是经济总量跃升。{body}二是创新活力迸发。{body}存在的问题：一是基础薄弱；二是人才不足。（二）优化镇村面貌，建设有力开展。一是攻坚项目。{body}"
        );
        let o = outline(&text);
        let labels: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
        assert_eq!(labels, vec!["(一)", "一是", "二是", "(二)", "一是"]);
        assert_eq!(o[0].0, 1);
        assert_eq!(o[1].0, 2);
    }

    #[test]
    fn broken_lines_are_joined() {
        let lines: Vec<String> = "一、回顾\n习近平总书记高瞻远瞩、审时度势，\n亲自\n指挥、\n亲自\n部署，带领全党取得胜利。\n下一段。"
            .lines()
            .map(String::from)
            .collect();
        let p = paragraphs_from_lines(&lines);
        assert_eq!(
            p,
            vec![
                "一、回顾",
                "习近平总书记高瞻远瞩、审时度势，亲自指挥、亲自部署，带领全党取得胜利。",
                "下一段。"
            ]
        );
    }

    #[test]
    fn a_figure_broken_off_its_sentence_rejoins_it() {
        let paras =
            |t: &str| paragraphs_from_lines(&t.lines().map(String::from).collect::<Vec<_>>());
        assert_eq!(
            paras("全年地区生产总值完成185\n.3亿元，增长\n6.3%；财政收入增长\n2.1个百分点。"),
            ["全年地区生产总值完成185.3亿元，增长6.3%；财政收入增长2.1个百分点。"]
        );
        // A rate may open a paragraph after a finished sentence; a year or a number heading may
        // open one after anything.
        assert_eq!(
            paras("民生投入持续加大。\n90%的财力用于民生。\n经济运行总体平稳，主要指标好于预期\n2031年，全县…\n1.农业生产"),
            [
                "民生投入持续加大。",
                "90%的财力用于民生。",
                "经济运行总体平稳，主要指标好于预期",
                "2031年，全县…",
                "1.农业生产"
            ]
        );
    }

    #[test]
    fn heading_line_is_not_joined_to_the_paragraph_after_it() {
        let paras =
            |t: &str| paragraphs_from_lines(&t.lines().map(String::from).collect::<Vec<_>>());
        let p = paras("二、2031年发展总体要求和政策取向\n今年是实施规划的关键一年，做好政府工作意义重大。\n三、明确发展方向\n我们要坚持稳中求进。\n（一）坚持创新驱动，为\n发展注入动力\n正文。");
        assert_eq!(
            p,
            vec![
                "二、2031年发展总体要求和政策取向",
                "今年是实施规划的关键一年，做好政府工作意义重大。",
                "三、明确发展方向",
                "我们要坚持稳中求进。",
                // A heading broken after a function word still joins its short remainder.
                "（一）坚持创新驱动，为发展注入动力",
                "正文。",
            ]
        );
        // A line that starts with closing punctuation belongs to the line before, heading or not.
        assert_eq!(
            paras("一是坚持创新引领，增强发展动力\n。我们把创新摆在首位，成效明显。").len(),
            1
        );
        // Running text broken after a function word still joins.
        assert_eq!(
            paras("我们要把\n发展的着力点放在实体经济上。"),
            vec!["我们要把发展的着力点放在实体经济上。"]
        );
    }

    #[test]
    fn unnumbered_topic_headings_only_without_han_comma() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        let text = format!("各位代表：\n现在我代表市人民政府报告工作。\n2023年工作回顾\n{long}\n（一）坚持创新驱动\n{long}\n2024年工作安排\n{long}\n（一）推动产业升级\n{long}");
        let o = outline(&text);
        assert_eq!(
            o,
            vec![
                (1, "".into(), "2023年工作回顾".into()),
                (1, "(一)".into(), "坚持创新驱动".into()),
                (1, "".into(), "2024年工作安排".into()),
                (1, "(一)".into(), "推动产业升级".into()),
            ]
        );
        // With `一、` headings present, a bare line stays a paragraph.
        let text = format!("一、工作回顾\n{long}\n重点项目建设\n{long}");
        assert_eq!(outline(&text).len(), 1);
    }

    /// (level, label + title, parent's label + title) of every section.
    fn tree(text: &str) -> Vec<(usize, String, Option<String>)> {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let r = build("t".into(), "UTF-8".into(), paragraphs_from_lines(&lines));
        let name = |i: usize| {
            let s = &r.sections[i];
            format!("{}{}", s.label.as_deref().unwrap_or_default(), s.title)
        };
        (0..r.sections.len())
            .map(|i| {
                let s = &r.sections[i];
                (usize::from(s.level), name(i), s.parent().map(name))
            })
            .collect()
    }

    #[test]
    fn plan_heading_among_numbered_runs_closes_the_review() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        let text = format!(
            "各位代表：\n一、产业发展提质增效\n{long}\n二、民生保障更加有力\n{long}\n\
             2031年工作安排\n{long}\n（一）推动产业升级\n{long}\n（二）办好民生实事\n{long}"
        );
        let t = tree(&text);
        assert_eq!(t[2], (1, "2031年工作安排".into(), None));
        assert_eq!(
            t[3],
            (1, "(一)推动产业升级".into(), Some("2031年工作安排".into()))
        );
        assert_eq!(t[4].2.as_deref(), Some("2031年工作安排"));
        // `一、` runs under a review and a plan heading nest under each.
        let text = format!(
            "2030年工作回顾\n{long}\n一、经济平稳\n{long}\n二、民生改善\n{long}\n\
             今年工作安排\n一、稳增长\n{long}\n二、惠民生\n{long}"
        );
        let t = tree(&text);
        let parents: Vec<Option<&str>> = t.iter().map(|s| s.2.as_deref()).collect();
        assert_eq!(
            parents,
            vec![
                None,
                Some("2030年工作回顾"),
                Some("2030年工作回顾"),
                None,
                Some("今年工作安排"),
                Some("今年工作安排")
            ]
        );
        // Topic nodes do not count as levels.
        assert!(t.iter().all(|s| s.0 == 1));
    }

    #[test]
    fn a_run_that_restarts_under_one_parent_leaves_it() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        // The plan's own heading was lost: its `（一）` run must not hang under the review's `二、`.
        let text = format!(
            "一、经济运行稳中有进\n{long}\n二、民生福祉持续改善\n（一）就业稳定\n{long}\n\
             （二）教育提质\n{long}\n（一）扩大有效投资\n{long}\n（二）提振消费\n{long}"
        );
        let t = tree(&text);
        let parents: Vec<Option<&str>> = t.iter().map(|s| s.2.as_deref()).collect();
        assert_eq!(
            parents,
            vec![
                None,
                None,
                Some("二、民生福祉持续改善"),
                Some("二、民生福祉持续改善"),
                None,
                None
            ]
        );
        assert_eq!(t[4].0, 1);
        // A `（一）` run under each of two `一、` parents is the normal shape; `一是` may restart
        // inside one section.
        let text = format!(
            "一、回顾\n（一）甲\n{long}\n（二）乙\n{long}\n二、安排\n（一）丙\n{long}\n\
             一是稳投资。\n{long}\n二是促消费。\n{long}\n一是抓项目。\n{long}"
        );
        let t = tree(&text);
        assert_eq!(t[4].2.as_deref(), Some("二、安排"));
        for s in &t[5..8] {
            assert_eq!(s.2.as_deref(), Some("(一)丙"));
        }
    }

    #[test]
    fn a_list_in_one_sentence_is_no_heading() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        let text = format!(
            "一、存在的问题\n一是产业结构不优；二是基础设施薄弱；三是财政收支矛盾突出。\n\
             二、工作打算\n一是稳投资。明年二是重点。\n{long}\n二是促消费。\n{long}"
        );
        let labels: Vec<String> = tree(&text).iter().map(|s| s.1.clone()).collect();
        assert_eq!(
            labels,
            ["一、存在的问题", "二、工作打算", "一是稳投资", "二是促消费"]
        );
    }

    #[test]
    fn other_bare_lines_among_numbered_runs_stay_paragraphs() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        for bare in [
            "重点项目建设",
            "2031年政府工作报告",
            "工作回顾与展望的几点体会",
        ] {
            let text = format!("一、工作回顾\n{long}\n{bare}\n{long}\n二、工作安排\n{long}");
            assert_eq!(outline(&text).len(), 2, "{bare}");
        }
    }

    #[test]
    fn topic_headings_may_carry_an_inner_colon() {
        let long = "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";
        let text = format!("各位代表：\n站在新起点：2023年工作回顾\n{long}\n重点做好三个方面的工作：\n{long}\n塑造新形象：加强政府自身建设\n{long}");
        let titles: Vec<String> = outline(&text).into_iter().map(|s| s.2).collect();
        assert_eq!(
            titles,
            vec!["站在新起点：2023年工作回顾", "塑造新形象：加强政府自身建设"]
        );
    }

    #[test]
    fn parts_hold_the_numbered_headings() {
        let text = "某县人民政府工作报告\n第一部分  2024年工作回顾\n（一）经济运行稳中向好。全县地区生产总值增长5.5%。\n（二）改革开放纵深推进。完成改革任务36项。\n第二部分  2025年工作安排\n一、扩大有效投资\n实施重点项目120个。\n二、培育消费热点\n举办消费季活动20场。\n第三部分  加强政府自身建设\n各位代表，新征程催人奋进。";
        let t = tree(text);
        let at = |name: &str| {
            t.iter()
                .find(|(_, n, _)| n == name)
                .unwrap_or_else(|| panic!("no {name} in {t:#?}"))
                .clone()
        };
        assert_eq!(
            at("第一部分2024年工作回顾"),
            (1, "第一部分2024年工作回顾".into(), None)
        );
        assert_eq!(at("(二)改革开放纵深推进").0, 2);
        assert_eq!(
            at("二、培育消费热点"),
            (
                2,
                "二、培育消费热点".into(),
                Some("第二部分2025年工作安排".into())
            )
        );
        // A part closes the numbered run of the part before it.
        assert_eq!(at("第三部分加强政府自身建设").2, None);
        assert_eq!(t.len(), 7);
    }

    #[test]
    fn glossary_notes_leave_the_last_section() {
        let text = "一、工作回顾\n正文。\n二、工作安排\n正文。\n名词解释：\n1.两个确立：解释文字。\n2.三区三线：解释文字。";
        let o = outline(text);
        assert_eq!(o[2], (1, "".into(), "名词解释".into()));
        assert_eq!(o[3], (1, "1.".into(), "两个确立：解释文字".into()));
    }
}
