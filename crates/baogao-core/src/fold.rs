//! The matching view: width-folded, lower-cased text with a map back to the display text.
//!
//! Folding is char-for-char: every display char becomes exactly one folded char, so a *char*
//! offset means the same position in both views. Byte offsets differ (`，` is 3 bytes, `,` is 1),
//! and [`Folded::display_byte`] maps them back.

/// Fold one char: full-width ASCII variants and the ideographic space to ASCII, then lower-case
/// (only where lower-casing gives a single char, to keep the 1:1 mapping).
#[inline]
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
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

/// Fold a whole string (for queries, names, vocabulary).
///
/// ```
/// assert_eq!(baogao_core::fold::fold("ＧＤＰ增长５．２％，"), "gdp增长5.2%,");
/// ```
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Chars between two stored offsets of [`Folded`]: a lookup walks at most this many chars.
const STRIDE: usize = 64;

/// The byte length of the char `b` starts with if it folds to itself and is not a CJK
/// ideograph (see [`Folded::new`]), else 0. `b` starts a whole char of valid UTF-8.
#[inline]
fn unchanged_len(b: &[u8]) -> usize {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match b[0] {
        c if c < 0x80 => usize::from(!c.is_ascii_uppercase()),
        0xC2 | 0xD5..=0xDF => 2,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x98 | 0x99) => 0,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 0,
        0xEF if matches!(at(1), 0xBC | 0xBD) => 0,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// A folded copy of a text with a map from char offsets to byte offsets in both views.
///
/// The map is compact (about a byte per 16 chars plus 5 bytes per char whose folded form has
/// another byte length, such as `，` → `,`): the byte offsets of every `STRIDE`-th char, and the
/// chars whose width changes. A lookup walks at most `STRIDE` chars of the folded text.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Shared, so a search index on another thread can hold it without a copy.
    pub text: std::sync::Arc<str>,
    /// (display byte, folded byte) of chars 0, STRIDE, 2·STRIDE, … (those ≤ the char count).
    marks: Vec<(u32, u32)>,
    /// Chars whose display form is longer than the folded one, ascending (char index) …
    wide_at: Vec<u32>,
    /// … and by how many bytes (display − folded; negative when shorter).
    wide_by: Vec<i8>,
    chars: usize,
    display_len: usize,
}

impl Folded {
    pub fn new(display: &str) -> Folded {
        let mut text = String::with_capacity(display.len());
        let mut f = Folded::default();
        let mut chars = 0;
        // Chars that fold to themselves (most of a Chinese text) are copied as runs.
        let mut run = 0;
        let bytes = display.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if chars % STRIDE == 0 {
                text.push_str(&display[run..i]);
                run = i;
                f.marks.push((i as u32, text.len() as u32));
            }
            // Chars that fold to themselves are skipped by their bytes, without decoding
            // (`display` is UTF-8, so a first byte starts a whole char of its length): ASCII
            // other than capitals; U+0080..U+00BF and U+0540..U+07FF (no case folded there);
            // U+0800..U+FFFF but for U+2018, U+2019, U+3000 and U+FF01..U+FF5E (the CJK
            // ideographs, and the punctuation of Chinese text: `。、“”—`); and U+10000 on.
            let len = match bytes[i] {
                // The CJK ideographs first: most of a Chinese text.
                0xE4..=0xEE => 3,
                _ => unchanged_len(&bytes[i..]),
            };
            if len > 0 {
                i += len;
                chars += 1;
                continue;
            }
            let Some(c) = display[i..].chars().next() else {
                break;
            };
            let folded = fold_char(c);
            if folded != c {
                text.push_str(&display[run..i]);
                text.push(folded);
                run = i + c.len_utf8();
                let delta = c.len_utf8() as i8 - folded.len_utf8() as i8;
                if delta != 0 {
                    f.wide_at.push(chars as u32);
                    f.wide_by.push(delta);
                }
            }
            i += c.len_utf8();
            chars += 1;
        }
        text.push_str(&display[run..]);
        if chars % STRIDE == 0 {
            f.marks.push((display.len() as u32, text.len() as u32));
        }
        f.marks.shrink_to_fit();
        f.wide_at.shrink_to_fit();
        f.wide_by.shrink_to_fit();
        f.text = text.into();
        f.chars = chars;
        f.display_len = display.len();
        f
    }

    /// Number of chars (the same in both views).
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Bytes held besides the folded text: the offset map.
    pub fn map_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.wide_at.capacity() * 4
            + self.wide_by.capacity()
    }

    /// Display byte − folded byte over chars `a..b`.
    fn widening(&self, a: usize, b: usize) -> isize {
        let from = self.wide_at.partition_point(|&w| (w as usize) < a);
        let to = self.wide_at.partition_point(|&w| (w as usize) < b);
        self.wide_by[from..to].iter().map(|&d| d as isize).sum()
    }

    /// (display byte, folded byte) of a char index (clamped to the end).
    fn bytes_of(&self, char_idx: usize) -> (usize, usize) {
        let c = char_idx.min(self.chars);
        let k = c / STRIDE;
        let Some(&(d, f)) = self.marks.get(k) else {
            return (self.display_len, self.text.len());
        };
        let (d, f) = (d as usize, f as usize);
        let rest = c - k * STRIDE;
        let folded = self.text[f..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(i, _)| f + i);
        let display = d as isize + (folded - f) as isize + self.widening(k * STRIDE, c);
        (display as usize, folded)
    }

    /// Char index of a byte offset in the folded text (must lie on a char boundary).
    pub fn char_of_folded_byte(&self, byte: usize) -> usize {
        let k = self
            .marks
            .partition_point(|m| (m.1 as usize) < byte)
            .saturating_sub(1);
        self.walk(k, byte, |_, f| f)
    }

    /// Display byte offset of a char index.
    pub fn display_byte(&self, char_idx: usize) -> usize {
        self.bytes_of(char_idx).0
    }

    /// Folded byte offset of a char index.
    pub fn folded_byte(&self, char_idx: usize) -> usize {
        self.bytes_of(char_idx).1
    }

    /// Char index of a byte offset in the display text.
    pub fn char_of_display_byte(&self, byte: usize) -> usize {
        let k = self
            .marks
            .partition_point(|m| (m.0 as usize) < byte)
            .saturating_sub(1);
        self.walk(k, byte, |d, _| d)
    }

    /// From mark `k` on, the first char whose offset (`pick(display, folded)`) is at least
    /// `byte`; past the end, the char count plus one.
    fn walk(&self, k: usize, byte: usize, pick: impl Fn(usize, usize) -> usize) -> usize {
        let Some(&(d, f)) = self.marks.get(k) else {
            return if byte == 0 { 0 } else { self.chars + 1 };
        };
        let (mut d, mut f) = (d as usize, f as usize);
        let mut c = k * STRIDE;
        let mut w = self.wide_at.partition_point(|&x| (x as usize) < c);
        for ch in self.text[f..].chars() {
            if pick(d, f) >= byte {
                return c;
            }
            let mut n = ch.len_utf8() as isize;
            if self.wide_at.get(w) == Some(&(c as u32)) {
                n += self.wide_by[w] as isize;
                w += 1;
            }
            d = (d as isize + n) as usize;
            f += ch.len_utf8();
            c += 1;
        }
        if pick(d, f) >= byte {
            c
        } else {
            c + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold("ＧＤＰ增长６．５％，（一）"), "gdp增长6.5%,(一)");
        assert_eq!(fold("　　各位代表"), "  各位代表");
        assert_eq!(fold("二〇二四年"), "二〇二四年");
    }

    #[test]
    fn maps_offsets_back() {
        let f = Folded::new("全年ＧＤＰ增长６％");
        assert_eq!(&*f.text, "全年gdp增长6%");
        let at = f.text.find("gdp").unwrap();
        let c = f.char_of_folded_byte(at);
        assert_eq!(c, 2);
        assert_eq!(f.display_byte(c), "全年".len());
        assert_eq!(f.char_len(), 9);
    }

    /// The plain map (every char's offsets), which the compact one must equal.
    fn naive(display: &str) -> (Vec<usize>, Vec<usize>) {
        let mut d = Vec::new();
        let mut f = Vec::new();
        let mut folded = 0;
        for (i, c) in display.char_indices() {
            d.push(i);
            f.push(folded);
            folded += fold_char(c).len_utf8();
        }
        d.push(display.len());
        f.push(folded);
        (d, f)
    }

    proptest::proptest! {
        /// Any text, with chars at the edges of what folds (and of the first bytes skipped
        /// without decoding): the folded text is `fold`'s, the map the plain one.
        #[test]
        fn any_text_folds_char_for_char(chars in proptest::collection::vec(proptest::sample::select(vec![
            'A', 'Z', 'a', '@', '[', '\n', 'Ａ', 'ｚ', '～', '｟', '！', '\u{3000}', '\u{3001}', '‘', '’',
            '“', 'Σ', 'ω', 'É', 'é', 'Ա', '\u{52F}', '\u{3FFF}', '䀀', '全', '\u{EFFF}', '\u{F000}',
            '\u{FFFF}', '𠀀', '\u{200B}',
        ]), 0..200)) {
            let text: String = chars.into_iter().collect();
            let f = Folded::new(&text);
            let folded = fold(&text);
            proptest::prop_assert_eq!(&*f.text, folded.as_str());
            let (d, fo) = naive(&text);
            proptest::prop_assert_eq!(f.char_len(), d.len() - 1);
            for c in 0..d.len() {
                proptest::prop_assert_eq!(f.display_byte(c), d[c]);
                proptest::prop_assert_eq!(f.folded_byte(c), fo[c]);
            }
        }
    }

    /// Every char, in runs between chars that fold: the folded text is `fold`'s and the map the
    /// plain one (checked at every 5th char), so no char the fast path skips changes.
    #[test]
    fn every_char_folds_as_fold_char_says() {
        let all: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for (n, chunk) in all.chunks(4096).enumerate() {
            let mut chars = chunk.to_vec();
            // A char that folds, so runs end in different places from chunk to chunk.
            chars.insert(n % 7, 'Ａ');
            let text: String = chars.into_iter().collect();
            let f = Folded::new(&text);
            assert_eq!(&*f.text, fold(&text).as_str(), "chunk from {:?}", chunk[0]);
            let (d, fo) = naive(&text);
            assert_eq!(f.char_len(), d.len() - 1);
            for c in (0..d.len()).step_by(5) {
                assert_eq!(f.display_byte(c), d[c], "chunk from {:?}", chunk[0]);
                assert_eq!(f.folded_byte(c), fo[c], "chunk from {:?}", chunk[0]);
            }
        }
    }

    #[test]
    fn the_compact_map_equals_the_plain_one() {
        let mut long = String::new();
        for i in 0..300 {
            long.push_str(["全年", "ＧＤＰ", "，", "　", "Ａb", "ΣΩ", "’", "x", "𠀀"][i % 9]);
        }
        for text in ["", "a", "，", "全年ＧＤＰ增长６％", long.as_str()] {
            let f = Folded::new(text);
            let (d, fo) = naive(text);
            assert_eq!(f.char_len(), d.len() - 1);
            for c in 0..d.len() + 2 {
                let at = c.min(d.len() - 1);
                assert_eq!(f.display_byte(c), d[at], "{text:?} char {c}");
                assert_eq!(f.folded_byte(c), fo[at], "{text:?} char {c}");
            }
            for b in 0..text.len() + 2 {
                let want = d.partition_point(|&x| x < b);
                assert_eq!(f.char_of_display_byte(b), want, "{text:?} display byte {b}");
            }
            for b in 0..f.text.len() + 2 {
                let want = fo.partition_point(|&x| x < b);
                assert_eq!(f.char_of_folded_byte(b), want, "{text:?} folded byte {b}");
            }
        }
    }
}
