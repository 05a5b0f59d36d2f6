//! The matching view: width-folded, lower-cased text.
//!
//! Folding is char-for-char: every display char becomes exactly one folded char, so a *char*
//! offset means the same position in both views. No folded copy of a report is kept: the search
//! matches the display text as if it were folded (`search::fold_find`), and what needs a folded
//! paragraph folds it when it needs it ([`fold_into`], about 1 GB/s).

use std::sync::OnceLock;

/// Fold one char: full-width ASCII variants, the ideographic and the no-break space to ASCII, then
/// lower-case
/// (only where lower-casing gives a single char, to keep the 1:1 mapping).
#[inline]
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // A web page's `&nbsp;` is a space to read and to match.
        '\u{3000}' | '\u{A0}' => ' ',
        '\u{2018}' | '\u{2019}' => '\'',
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if (c as u32) < 0x0530 && c.is_uppercase() {
        // Latin, Greek, Cyrillic, Armenian: the cased scripts a report may quote. Skipping the
        // case tables for CJK keeps folding fast.
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    } else {
        c
    }
}

/// Fold a whole string (for queries, names, vocabulary, a paragraph).
///
/// ```
/// assert_eq!(baogao_core::fold::fold("ＧＤＰ增长５．２％，"), "gdp增长5.2%,");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Append the folded form of `display` to `out`: [`fold_char`] of every char, with the chars
/// that fold to themselves (most of a Chinese text) copied as runs of bytes.
pub fn fold_into(display: &str, out: &mut String) {
    let bytes = display.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        // Chars that fold to themselves are skipped by their bytes, without decoding
        // (`display` is UTF-8, so a first byte starts a whole char of its length): ASCII
        // other than capitals; U+0080..U+00BF but for U+00A0, and U+0540..U+07FF (no case
        // folded there); U+0800..U+FFFF but for U+2018, U+2019, U+3000 and U+FF01..U+FF5E (the
        // CJK ideographs, and the punctuation of Chinese text: `。、“”—`); and U+10000 on.
        let len = match bytes[i] {
            // The CJK ideographs first: most of a Chinese text.
            0xE4..=0xEE => 3,
            _ => unchanged_len(&bytes[i..]),
        };
        if len > 0 {
            i += len;
            continue;
        }
        let Some(c) = display[i..].chars().next() else {
            break;
        };
        let folded = fold_char(c);
        if folded != c {
            out.push_str(&display[run..i]);
            out.push(folded);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&display[run..]);
}

/// Chars that fold to another char, each with the chars that fold to it (itself not included),
/// ordered by the char folded to.
pub(crate) fn images() -> &'static [(char, Vec<char>)] {
    static TABLE: OnceLock<Vec<(char, Vec<char>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: Vec<(char, char)> = may_fold()
            .filter_map(|c| Some((fold_char(c), c)).filter(|&(f, c)| f != c))
            .collect();
        pairs.sort_unstable();
        let mut out: Vec<(char, Vec<char>)> = Vec::new();
        for (f, c) in pairs {
            match out.last_mut() {
                Some((last, forms)) if *last == f => forms.push(c),
                _ => out.push((f, vec![c])),
            }
        }
        out
    })
}

/// Every char that folding changes is among these (a test checks every char).
pub(crate) fn may_fold() -> impl Iterator<Item = char> {
    (0..0x0530u32)
        .chain(0xFF01..=0xFF5E)
        .chain([0x2018, 0x2019, 0x3000])
        .filter_map(char::from_u32)
}

/// The other chars that fold to `c` (`G`, `ｇ`, `Ｇ` for `g`; none for most chars), ascending.
pub fn other_forms(c: char) -> &'static [char] {
    let t = images();
    match t.binary_search_by_key(&c, |(f, _)| *f) {
        Ok(i) => &t[i].1,
        Err(_) => &[],
    }
}

/// The byte length of the char `b` starts with if it folds to itself and is not a CJK
/// ideograph (see [`fold_into`]), else 0. `b` starts a whole char of valid UTF-8.
#[inline]
fn unchanged_len(b: &[u8]) -> usize {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match b[0] {
        c if c < 0x80 => usize::from(!c.is_ascii_uppercase()),
        0xC2 if at(1) == 0xA0 => 0,
        0xC2 | 0xD5..=0xDF => 2,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x98 | 0x99) => 0,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 0,
        0xEF if matches!(at(1), 0xBC | 0xBD) => 0,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folding char by char: what [`fold_into`]'s runs must equal.
    fn plain(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold("ＧＤＰ增长６．５％，（一）"), "gdp增长6.5%,(一)");
        assert_eq!(fold("　　各位代表"), "  各位代表");
        assert_eq!(fold("完成\u{a0}186.5\u{a0}亿元"), "完成 186.5 亿元");
        assert_eq!(fold("二〇二四年"), "二〇二四年");
        let mut out = String::from("前:");
        fold_into("ＡＢ’", &mut out);
        assert_eq!(out, "前:ab'");
    }

    proptest::proptest! {
        /// Any text, with chars at the edges of what folds (and of the first bytes skipped
        /// without decoding), folds char for char.
        #[test]
        fn any_text_folds_char_for_char(chars in proptest::collection::vec(proptest::sample::select(vec![
            'A', 'Z', 'a', '@', '[', '\n', '\u{A0}', '\u{A1}', 'Ａ', 'ｚ', '～', '｟', '！',
            '\u{3000}', '\u{3001}', '‘', '’',
            '“', 'Σ', 'ω', 'É', 'é', 'Ա', '\u{52F}', '\u{3FFF}', '䀀', '全', '\u{EFFF}', '\u{F000}',
            '\u{FFFF}', '𠀀', '\u{200B}',
        ]), 0..200)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(fold(&text), plain(&text));
        }
    }

    /// The forms table is whole: every char folding changes is among `may_fold`, each is listed
    /// under what it folds to, and folding once is enough (a folded word's chars are what
    /// display chars fold to).
    #[test]
    fn every_char_that_folds_is_in_the_forms_table() {
        let known: std::collections::HashSet<char> = may_fold().collect();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert_eq!(fold_char(f), f, "{c:?}");
            if f != c {
                assert!(known.contains(&c), "{c:?} folds to {f:?}");
                assert!(other_forms(f).contains(&c), "{c:?} is not a form of {f:?}");
            }
        }
        assert_eq!(other_forms('g'), ['G', 'Ｇ', 'ｇ']);
        assert!(other_forms('乡').is_empty());
    }

    /// Every char, in runs between chars that fold: no char the fast path skips changes.
    #[test]
    fn every_char_folds_as_fold_char_says() {
        let all: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for (n, chunk) in all.chunks(4096).enumerate() {
            let mut chars = chunk.to_vec();
            // A char that folds, so runs end in different places from chunk to chunk.
            chars.insert(n % 7, 'Ａ');
            let text: String = chars.into_iter().collect();
            assert_eq!(fold(&text), plain(&text), "chunk from {:?}", chunk[0]);
        }
    }
}
