//! Wrapping Chinese text by display width, with line-start rules (kinsoku): closing punctuation
//! never starts a line, it hangs at the end of the previous one. Also the one place that makes
//! text from files safe for the terminal.

use unicode_width::UnicodeWidthChar;

/// Punctuation that must not start a line.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '”'
            | '’'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '…'
            | '—'
            | '%'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
    )
}

/// Digits and the points inside numbers, which stay on one line together.
fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．')
}

/// Punctuation that must not end a line (moves down with the following char).
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '“' | '‘' | '「' | '『' | '【' | '〔' | '〈' | '(' | '['
    )
}

/// A char that is safe to put in a terminal cell: controls (C0, C1, DEL) and bidi/format
/// overrides become U+FFFD, tabs a space. One char in, one char out, so offsets stay valid.
pub fn safe_char(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '\u{FFFD}',
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => '\u{FFFD}',
        c => c,
    }
}

/// `s` with every char made terminal-safe (see [`safe_char`]).
pub fn safe(s: &str) -> String {
    s.chars().map(safe_char).collect()
}

pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(safe_char(c)).unwrap_or(0)
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Cut `s` to at most `width` display cells, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return safe(s);
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 1 > width {
            break;
        }
        out.push(safe_char(c));
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Break `chars` into lines of at most `width` cells; returns char ranges `[start, end)`.
///
/// Ordinary chars fill up to `width - hang`; a closing punctuation mark may use the last `hang`
/// cells instead of starting the next line. If it still does not fit, the char before it moves
/// down with it. Opening punctuation is not left at a line end.
pub fn wrap(chars: &[char], width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    if chars.is_empty() {
        return vec![(0, 0)];
    }
    // Hanging needs room; tiny panes just hard-wrap.
    let hang = if width >= 8 { 2 } else { 0 };
    let budget = width - hang;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut w = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let cw = char_width(c);
        let limit = if is_closing(c) && i > start {
            width
        } else {
            budget
        };
        if w + cw > limit && i > start {
            let mut brk = i;
            // Did not fit even hanging: take the char before the punctuation run down with it.
            while brk - start > 1 && is_closing(chars[brk]) {
                brk -= 1;
            }
            // Keep opening punctuation with what follows.
            while brk - start > 1 && is_opening(chars[brk - 1]) {
                brk -= 1;
            }
            // Do not split a number (`１５００`, `98.5`) unless it fills the whole line.
            if brk < chars.len() && is_numeric(chars[brk]) && is_numeric(chars[brk - 1]) {
                let mut b = brk;
                while b > start && is_numeric(chars[b - 1]) && brk - b < 16 {
                    b -= 1;
                }
                if b > start {
                    brk = b;
                }
            }
            lines.push((start, brk));
            start = brk;
            w = chars[start..i].iter().map(|&c| char_width(c)).sum();
            continue;
        }
        w += cw;
        i += 1;
    }
    lines.push((start, chars.len()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        wrap(&chars, width)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn wraps_by_display_width() {
        // 10 cells: 4 CJK chars (8 cells) leave 2 cells for hanging punctuation only.
        let l = lines("一二三四五六七八", 10);
        assert_eq!(l, ["一二三四", "五六七八"]);
        for line in &l {
            assert!(str_width(line) <= 10);
        }
        let l = lines("ab一二三四五六", 9);
        assert!(l.iter().all(|x| str_width(x) <= 9), "{l:?}");
        assert_eq!(l.concat(), "ab一二三四五六");
    }

    #[test]
    fn closing_punctuation_hangs_on_the_previous_line() {
        let l = lines("一二三四，五六七八。", 10);
        assert_eq!(l, ["一二三四，", "五六七八。"]);
        for w in 8..30 {
            let text = "全镇完成一般公共预算收入１７５７５万元，同比增长６．０８％。项目建设（重点）扎实推进，“四上”企业新增５家。";
            let l = lines(text, w);
            assert_eq!(l.concat(), text);
            for line in &l {
                assert!(str_width(line) <= w, "{w}: {line}");
                let first = line.chars().next().unwrap();
                assert!(
                    !is_closing(first) || line.chars().all(is_closing),
                    "{w}: {line}"
                );
                let last = line.chars().last().unwrap();
                assert!(!is_opening(last), "{w}: {line}");
            }
        }
    }

    #[test]
    fn double_closing_pulls_a_char_down() {
        // `）。` cannot both hang: the char before moves down with them.
        let l = lines("一二三四五）。六", 10);
        assert!(l.iter().all(|x| str_width(x) <= 10), "{l:?}");
        assert!(!l[1].starts_with('。') && !l[1].starts_with('）'), "{l:?}");
    }

    #[test]
    fn numbers_stay_whole() {
        // From 14 cells a line holds more than any of these numbers.
        for w in 14..40 {
            let l = lines(
                "参保率达到９８．５％，比上年增加１５００亩，完成12345.67万元。",
                w,
            );
            for pair in l.windows(2) {
                let (a, b) = (
                    pair[0].chars().last().unwrap(),
                    pair[1].chars().next().unwrap(),
                );
                assert!(!(is_numeric(a) && is_numeric(b)), "{w}: {l:?}");
            }
        }
    }

    #[test]
    fn keeps_ideographic_indent_and_survives_tiny_widths() {
        let l = lines("\u{3000}\u{3000}一二三四五六", 8);
        assert!(l[0].starts_with("\u{3000}\u{3000}"));
        for w in 0..4 {
            let l = lines("一，二。三", w);
            assert_eq!(l.concat(), "一，二。三");
        }
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn control_chars_never_pass() {
        let s = safe("a\u{1b}]52;c;Zm9v\u{7}b\u{9b}c\u{202e}d");
        assert!(!s.chars().any(|c| c.is_control()));
        assert_eq!(
            s.chars().count(),
            "a\u{1b}]52;c;Zm9v\u{7}b\u{9b}c\u{202e}d".chars().count()
        );
        assert_eq!(truncate("一二三四五", 6), "一二…");
        assert_eq!(truncate("一二", 6), "一二");
    }
}
