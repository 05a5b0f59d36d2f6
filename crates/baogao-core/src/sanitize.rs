//! Text bound for a terminal or a log (stdout, stderr): control characters are *shown*, never
//! emitted. A file name, a CSV cell, a config value or an error message may hold `ESC ] 52 …`
//! (sets the clipboard), `ESC ] 0 …` (retitles the window) or `ESC [ 2J` (clears the screen);
//! printed through here they read `\e]52;…`, harmless and still telling the reader what is there.
//!
//! Shown as: `\e` for ESC, `\n` `\r` `\t`, `\x07`-style hex for other C0 controls and DEL, `\u{9b}` for
//! C1 controls and the bidi overrides/isolates (which reorder what the terminal shows).

use std::borrow::Cow;
use std::fmt::Write;

/// Would this char do something to a terminal rather than show as itself?
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `keep(c, next)` says which unsafe chars stay as they are (given the char after them).
fn escape(s: &str, keep: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    let shown = |c: char, next: Option<char>| is_unsafe(c) && !keep(c, next);
    let mut chars = s.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if shown(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if shown(c, chars.peek().copied()) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One field (a file name, a cell, a message): every control char shown, newlines and tabs too,
/// so the field stays on its line.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, |_, _| false)
}

/// A whole block of output (a tree, a table): its newlines, CR LF pairs (CSV's line ends) and
/// tabs are kept as layout, every other control char shown. A lone `\r` is shown too: it would
/// let a line overwrite another.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    escape(s, |c, next| {
        c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_emitted() {
        let name = "\u{1b}]52;c;aGVsbG8=\u{7}.txt";
        assert_eq!(visible(name), "\\e]52;c;aGVsbG8=\\x07.txt");
        assert_eq!(
            visible("a\u{1b}[2Jb\u{9b}c\u{202e}d\u{7f}"),
            "a\\e[2Jb\\u{9b}c\\u{202e}d\\x7f"
        );
        assert_eq!(visible("two\nlines\t"), "two\\nlines\\t");
    }

    #[test]
    fn blocks_keep_their_layout() {
        assert_eq!(
            visible_lines("a\tb\nc\u{1b}]0;t\u{7}\r\n"),
            "a\tb\nc\\e]0;t\\x07\r\n"
        );
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let s = "一、过去一年工作回顾 (12.5%)\n";
        assert!(matches!(visible_lines(s), Cow::Borrowed(_)));
        assert!(matches!(visible("报告.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!visible(&all).chars().any(is_unsafe));
        assert!(!visible_lines(&all)
            .chars()
            .any(|c| is_unsafe(c) && c != '\n' && c != '\t'));
    }
}
