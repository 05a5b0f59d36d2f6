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

/// Does `s` hold a char [`is_unsafe`] calls unsafe? Read by bytes: such a char starts with a
/// byte below 0x20, 0x7F, 0xC2 (C1 controls: C2 80..C2 9F) or 0xE2 (the bidi controls: E2 80
/// AA..AE, E2 81 A6..A9), and blocks of 32 bytes with none of these (most of a Chinese text)
/// are passed over in a few instructions. Printing a search's matches went char by char here.
fn has_unsafe(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    for (k, block) in b.chunks(32).enumerate() {
        // Without an early exit, so it is done on the whole block at once.
        let suspect = block.iter().fold(false, |seen, &x| {
            seen | (x < 0x20) | (x == 0x7F) | (x == 0xC2) | (x == 0xE2)
        });
        if !suspect {
            continue;
        }
        for (j, &x) in block.iter().enumerate() {
            let i = k * 32 + j;
            let unsafe_here = match x {
                x if x < 0x20 || x == 0x7F => true,
                0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
                0xE2 => match at(i + 1) {
                    0x80 => (0xAA..=0xAE).contains(&at(i + 2)),
                    0x81 => (0xA6..=0xA9).contains(&at(i + 2)),
                    _ => false,
                },
                _ => false,
            };
            if unsafe_here {
                return true;
            }
        }
    }
    false
}

/// `keep(c, next)` says which unsafe chars stay as they are (given the char after them).
fn escape(s: &str, keep: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
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

/// JSON bound for a terminal, a pipe or the clipboard: serde_json escapes C0 controls but writes
/// DEL, C1 controls and the bidi controls raw. These write every char a terminal would act on
/// (C0 and C1 controls, DEL, bidi controls) as a `\uXXXX` escape, which any JSON reader turns
/// back into the same char: the data stays exact, the bytes stay harmless.
pub mod json {
    use serde::Serialize;
    use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
    use std::io::{self, Write};

    /// A formatter that escapes unsafe chars in strings and otherwise lays out as `F` does.
    struct Safe<F>(F);

    macro_rules! delegate {
        ($($name:ident $(($arg:ident: $ty:ty))?),* $(,)?) => {$(
            fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)?) -> io::Result<()> {
                self.0.$name(w $(, $arg)?)
            }
        )*};
    }

    impl<F: Formatter> Formatter for Safe<F> {
        fn write_string_fragment<W: ?Sized + Write>(
            &mut self,
            w: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            let mut rest = fragment;
            while let Some((i, c)) = rest.char_indices().find(|&(_, c)| super::is_unsafe(c)) {
                w.write_all(&rest.as_bytes()[..i])?;
                // Every unsafe char is in the Basic Multilingual Plane: one escape.
                write!(w, "\\u{:04x}", c as u32)?;
                rest = &rest[i + c.len_utf8()..];
            }
            w.write_all(rest.as_bytes())
        }

        delegate!(
            begin_array,
            end_array,
            begin_array_value(first: bool),
            end_array_value,
            begin_object,
            end_object,
            begin_object_key(first: bool),
            end_object_key,
            begin_object_value,
            end_object_value,
        );
    }

    /// Compact JSON (one line) to a writer.
    pub fn to_writer<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> serde_json::Result<()> {
        value.serialize(&mut serde_json::Serializer::with_formatter(
            w,
            Safe(CompactFormatter),
        ))
    }

    /// Compact JSON (one line).
    pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
        let mut out = Vec::new();
        to_writer(&mut out, value)?;
        // The serializer writes UTF-8 only.
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Pretty-printed JSON (two-space indent, as `serde_json::to_string_pretty`).
    pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
        let mut out = Vec::new();
        let f = Safe(PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, f))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every char, alone and between Chinese text at every offset from a block's edge: read by
    /// bytes, it is unsafe exactly when `is_unsafe` says so.
    #[test]
    fn the_byte_test_agrees_with_the_char_test_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                has_unsafe(c.encode_utf8(&mut [0; 4])),
                is_unsafe(c),
                "{c:?}"
            );
        }
        let mut unsafe_chars: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
            .collect();
        unsafe_chars.extend(['“', '”', '—', '…', '\u{2028}', '\u{202f}', '\u{2065}', 'é']);
        for c in unsafe_chars {
            for pad in [0, 1, 10, 31, 32, 33] {
                let s = format!("{}{c}乡村振兴", "a".repeat(pad));
                assert_eq!(has_unsafe(&s), is_unsafe(c), "{c:?} after {pad}");
            }
        }
    }

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
    fn json_escapes_what_serde_leaves_raw_and_reads_back_the_same() {
        let name = "a\u{1b}]52;c;x\u{7}b\u{9b}2J\u{202e}c\u{7f}d 报告\n";
        let v = serde_json::json!({ "report": name, "n": [1, 2] });
        for text in [
            json::to_string(&v).unwrap(),
            json::to_string_pretty(&v).unwrap(),
        ] {
            assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
            assert!(text.contains("b\\u009b2J\\u202ec\\u007fd 报告"), "{text:?}");
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, v);
        }
        // Clean data is laid out exactly as serde_json does.
        let clean = serde_json::json!({ "报告": "某市", "v": [1.5, null] });
        assert_eq!(
            json::to_string_pretty(&clean).unwrap(),
            serde_json::to_string_pretty(&clean).unwrap()
        );
        assert_eq!(
            json::to_string(&clean).unwrap(),
            serde_json::to_string(&clean).unwrap()
        );
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
