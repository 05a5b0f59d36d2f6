//! Heading markers: `第一部分` `一、` `(一)` `一是` `1、` `1.` `第一，` `(1)` `①` `——`, and how strong
//! each is.

/// The kinds of numbered heading marker, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `第一部分`, `第一章`, `第一篇`: the parts a long report is divided into, above its `一、`
    Part,
    /// `一、`
    HanComma,
    /// `(一)` / `（一）`
    HanParen,
    /// `一是`
    HanShi,
    /// `第一，`
    Ordinal,
    /// `1、` / `1.`
    Arabic,
    /// `(1)` / `（1）`
    ArabicParen,
    /// `①`
    Circled,
    /// `——` lead item
    Dash,
}

impl MarkerKind {
    /// Smaller is stronger, and never 0 (the outline's rank of an unnumbered topic). A marker
    /// nests under the innermost open section of a smaller rank; it closes open sections of the
    /// same or a larger rank.
    pub fn rank(self) -> u8 {
        match self {
            MarkerKind::Part => 1,
            MarkerKind::HanComma => 2,
            MarkerKind::HanParen => 3,
            MarkerKind::HanShi | MarkerKind::Ordinal | MarkerKind::Arabic => 4,
            MarkerKind::ArabicParen => 5,
            MarkerKind::Circled => 6,
            MarkerKind::Dash => 7,
        }
    }
}

/// A marker found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The marker as written, width-folded (`（一）` → `(一)`).
    pub label: String,
    /// Its number (1 for 一、, ①, 第一 …), 0 for `——`.
    pub number: u32,
    /// Byte length of the marker in the (trimmed) paragraph text.
    pub len: usize,
}

const HAN_DIGITS: &str = "一二三四五六七八九十";

/// The words after `第一` that make a part's label (`第一部分`, `第一章`, `第一篇`).
const PART_UNITS: [&str; 3] = ["部分", "章", "篇"];

/// Value of a Chinese numeral from 一 to 九十九.
pub fn han_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        HAN_DIGITS
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b).filter(|&d| d < 10)?),
        [a, '十'] => Some(digit(*a).filter(|&d| d < 10)? * 10),
        [a, '十', b] => Some(digit(*a).filter(|&d| d < 10)? * 10 + digit(*b).filter(|&d| d < 10)?),
        _ => None,
    }
}

/// One of [`HAN_DIGITS`] (a match, not a search of the string).
fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn take_han(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !is_han_digit(*c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    s.split_at(end)
}

fn take_ascii_digits(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit() && !('０'..='９').contains(c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    s.split_at(end)
}

fn arabic_value(s: &str) -> Option<u32> {
    let folded: String = s.chars().map(crate::fold::fold_char).collect();
    folded.parse().ok()
}

fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}
fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// Does the text after a marker start like a heading's words (not punctuation, not a number
/// continuing, not nothing)?
fn starts_words(rest: &str) -> bool {
    match rest.trim_start_matches([' ', '\u{3000}']).chars().next() {
        None => false,
        Some(c) => !"，。、；：,.;:)）%％".contains(c),
    }
}

/// Recognise a heading marker at the start of `s` (already trimmed at the start).
///
/// ```
/// use baogao_core::marker::{parse, MarkerKind};
/// let m = parse("（三）抓项目促投资").unwrap();
/// assert_eq!((m.kind, m.number), (MarkerKind::HanParen, 3));
/// assert!(parse("三是抓民生").unwrap().kind.rank() > m.kind.rank());
/// assert!(parse("2024年工作安排").is_none());
/// ```
pub fn parse(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    // Every marker opens with one of these; most paragraphs do not (asked of every paragraph
    // and line, more than once).
    if !(first == '—'
        || ('①'..='⑳').contains(&first)
        || is_open(first)
        || first == '第'
        || is_han_digit(first)
        || first.is_ascii_digit()
        || ('０'..='９').contains(&first))
    {
        return None;
    }
    let marker = |kind, label: String, number, len| {
        Some(Marker {
            kind,
            label,
            number,
            len,
        })
    };
    // —— lead items (two or more dashes), not the `——2021年2月19日在…会议上` date line.
    if first == '—' {
        let dashes = s.chars().take_while(|&c| c == '—').count();
        if dashes >= 2 {
            let len = dashes * '—'.len_utf8();
            let rest = s[len..].trim_start();
            let head: String = rest.chars().take(40).collect();
            if rest.is_empty()
                || head.contains("会议上")
                || head.contains("大会上")
                || rest.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let len = s.len() - rest.len();
            return marker(MarkerKind::Dash, "——".into(), 0, len);
        }
        return None;
    }
    if ('①'..='⑳').contains(&first) {
        let n = first as u32 - '①' as u32 + 1;
        let rest = &s[first.len_utf8()..];
        if starts_words(rest) {
            return marker(MarkerKind::Circled, first.to_string(), n, first.len_utf8());
        }
        return None;
    }
    if is_open(first) {
        let inner = &s[first.len_utf8()..];
        let (han, after) = take_han(inner);
        if let (Some(n), Some(close)) = (han_number(han), after.chars().next()) {
            if is_close(close) {
                let len = s.len() - after.len() + close.len_utf8();
                let rest = &s[len..];
                let rest_trim = rest.trim_start_matches(['、', ' ', '\u{3000}']);
                if starts_words(rest_trim) {
                    let len = s.len() - rest_trim.len();
                    return marker(MarkerKind::HanParen, format!("({han})"), n, len);
                }
            }
        }
        let (digits, after) = take_ascii_digits(inner);
        if !digits.is_empty() && digits.chars().count() <= 2 {
            if let (Some(n), Some(close)) = (arabic_value(digits), after.chars().next()) {
                if is_close(close) {
                    let len = s.len() - after.len() + close.len_utf8();
                    if starts_words(&s[len..]) {
                        return marker(MarkerKind::ArabicParen, format!("({n})"), n, len);
                    }
                }
            }
        }
        return None;
    }
    if first == '第' {
        let (han, after) = take_han(&s[first.len_utf8()..]);
        let n = han_number(han)?;
        if let Some(unit) = PART_UNITS.into_iter().find(|u| after.starts_with(u)) {
            let rest = &after[unit.len()..];
            // `第一篇章` is a chapter of a story, not a part of the report.
            if unit == "篇" && rest.starts_with('章') {
                return None;
            }
            // Set apart from its title by a space or a mark, or not at all (`第二部分：…`).
            let title = rest.trim_start_matches([' ', '\u{3000}', '、', '，', ',', '：', ':']);
            if starts_words(title) {
                let len = s.len() - title.len();
                return marker(MarkerKind::Part, format!("第{han}{unit}"), n, len);
            }
            return None;
        }
        let sep = after.chars().next()?;
        if matches!(sep, '，' | ',' | '、') {
            let len = s.len() - after.len() + sep.len_utf8();
            if starts_words(&s[len..]) {
                return marker(MarkerKind::Ordinal, format!("第{han},"), n, len);
            }
        }
        return None;
    }
    let (han, after) = take_han(s);
    if let Some(n) = han_number(han) {
        let next = after.chars().next()?;
        if next == '、' {
            let len = s.len() - after.len() + next.len_utf8();
            // `一、二季度` is a range of numbers, not a heading.
            let rest = &s[len..];
            if starts_words(rest)
                && !rest.starts_with(|c: char| {
                    is_han_digit(c) && rest[c.len_utf8()..].starts_with(['、', '季', '月'])
                })
            {
                return marker(MarkerKind::HanComma, format!("{han}、"), n, len);
            }
        } else if next == '是' {
            let len = s.len() - after.len() + next.len_utf8();
            if starts_words(&s[len..]) {
                return marker(MarkerKind::HanShi, format!("{han}是"), n, len);
            }
        }
        return None;
    }
    let (digits, after) = take_ascii_digits(s);
    if !digits.is_empty() && digits.chars().count() <= 2 {
        let n = arabic_value(digits)?;
        let sep = after.chars().next()?;
        if matches!(sep, '、' | '.' | '．') && n > 0 {
            let len = s.len() - after.len() + sep.len_utf8();
            let rest = &s[len..];
            // `1.5亿元` is a number, not a heading.
            if starts_words(rest)
                && !rest.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                let sep = if sep == '、' { '、' } else { '.' };
                return marker(MarkerKind::Arabic, format!("{n}{sep}"), n, len);
            }
        }
    }
    None
}

/// A heading as shown: its label, then its title, with a space after a part's label, which
/// ends in a word (`第一部分 2024年工作回顾`; `一、2024年工作回顾`, `一是加快…` need none).
pub fn heading_text(label: &str, title: &str) -> String {
    let part = label.starts_with('第') && PART_UNITS.iter().any(|u| label.ends_with(u));
    let spaced = part && !title.is_empty();
    format!("{label}{}{title}", if spaced { " " } else { "" })
}

/// Does a `一是` paragraph name `二是` before its first full stop (`一是A；二是B。`)? Then it is
/// a list within one sentence, not a heading over the paragraphs that follow.
pub fn lists_inline(m: &Marker, rest: &str) -> bool {
    let next = HAN_DIGITS.chars().nth(m.number as usize);
    match (m.kind, next) {
        (MarkerKind::HanShi, Some(next)) => split_title(rest).0.contains(&format!("{next}是")),
        _ => false,
    }
}

/// Where a heading's title ends: at the first `。` `！` `？` (the rest of the paragraph is body),
/// or the end of the paragraph. Returns (title, body start byte) relative to `s`.
pub fn split_title(s: &str) -> (&str, usize) {
    match s.find(['。', '！', '？', '!', '?']) {
        Some(i) => {
            let end_len = s[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
            (s[..i].trim(), i + end_len)
        }
        None => (s.trim().trim_end_matches(['：', ':']), s.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(MarkerKind, String, u32)> {
        parse(s).map(|m| (m.kind, m.label, m.number))
    }

    #[test]
    fn han_digits_are_the_chars_of_the_list() {
        for c in (0..=0x2ffff).filter_map(char::from_u32) {
            assert_eq!(is_han_digit(c), HAN_DIGITS.contains(c), "{c}");
        }
    }

    #[test]
    fn recognises_each_marker() {
        use MarkerKind::*;
        assert_eq!(
            label("一、2023年工作回顾"),
            Some((HanComma, "一、".into(), 1))
        );
        assert_eq!(
            label("十二、加强政府自身建设"),
            Some((HanComma, "十二、".into(), 12))
        );
        assert_eq!(
            label("（三）紧盯基层建设"),
            Some((HanParen, "(三)".into(), 3))
        );
        assert_eq!(
            label("(四)抓实社会治理"),
            Some((HanParen, "(四)".into(), 4))
        );
        assert_eq!(
            label("二是创新活力不断迸发。"),
            Some((HanShi, "二是".into(), 2))
        );
        assert_eq!(
            label("第三，促进城乡高质融合"),
            Some((Ordinal, "第三,".into(), 3))
        );
        assert_eq!(label("1、工业生产"), Some((Arabic, "1、".into(), 1)));
        assert_eq!(label("12.名词解释"), Some((Arabic, "12.".into(), 12)));
        assert_eq!(label("（2）农业"), Some((ArabicParen, "(2)".into(), 2)));
        assert_eq!(label("③加强管理"), Some((Circled, "③".into(), 3)));
        assert_eq!(
            label("——全力打造产业兴的活力小镇。"),
            Some((Dash, "——".into(), 0))
        );
    }

    #[test]
    fn parts_above_the_numbered_headings() {
        use MarkerKind::*;
        assert_eq!(
            label("第一部分  2024年工作回顾"),
            Some((Part, "第一部分".into(), 1))
        );
        assert_eq!(
            label("第二部分：2025年工作安排"),
            Some((Part, "第二部分".into(), 2))
        );
        assert_eq!(label("第三章 保障措施"), Some((Part, "第三章".into(), 3)));
        let m = parse("第一部分  2024年工作回顾").unwrap();
        assert_eq!(&"第一部分  2024年工作回顾"[m.len..], "2024年工作回顾");
        assert!(Part.rank() < HanComma.rank());
        assert_eq!(label("第一篇章,开局良好"), None);
        assert_eq!(label("第二部分"), None);
        assert_eq!(
            heading_text("第一部分", "2024年工作回顾"),
            "第一部分 2024年工作回顾"
        );
        assert_eq!(heading_text("一是", "加快发展"), "一是加快发展");
        assert_eq!(heading_text("①", "加强管理"), "①加强管理");
    }

    #[test]
    fn rejects_look_alikes() {
        assert_eq!(label("1.5亿元的项目"), None);
        assert_eq!(label("2023年工作回顾"), None);
        assert_eq!(label("一、二季度增长较快"), None);
        assert_eq!(
            label("——2024年1月10日在第十届人民代表大会第三次会议上"),
            None
        );
        assert_eq!(label("一是"), None);
        assert_eq!(label("第一次全体会议"), None);
        assert_eq!(label("一年来，我们坚持"), None);
    }

    #[test]
    fn titles_end_at_full_stop() {
        assert_eq!(
            split_title("激发产业活力，经济质效竿头直上。一是…").0,
            "激发产业活力，经济质效竿头直上"
        );
        assert_eq!(split_title("2023年工作回顾").0, "2023年工作回顾");
        assert_eq!(split_title("主要目标是：").0, "主要目标是");
    }
}
