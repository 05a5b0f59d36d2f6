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

/// A folded copy of a text with the byte offsets of each folded char in the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each char of `text` (in order), its byte offset in the display text, plus a final
    /// entry for the end. Indexed by char number.
    display_bytes: Vec<u32>,
    /// For each char, its byte offset in `text`, plus the end.
    folded_bytes: Vec<u32>,
}

impl Folded {
    pub fn new(display: &str) -> Folded {
        let mut text = String::with_capacity(display.len());
        let n = display.len() / 2;
        let mut display_bytes = Vec::with_capacity(n);
        let mut folded_bytes = Vec::with_capacity(n);
        for (i, c) in display.char_indices() {
            display_bytes.push(i as u32);
            folded_bytes.push(text.len() as u32);
            text.push(fold_char(c));
        }
        display_bytes.push(display.len() as u32);
        folded_bytes.push(text.len() as u32);
        Folded {
            text,
            display_bytes,
            folded_bytes,
        }
    }

    /// Number of chars (the same in both views).
    pub fn char_len(&self) -> usize {
        self.display_bytes.len() - 1
    }

    /// Char index of a byte offset in the folded text (must lie on a char boundary).
    pub fn char_of_folded_byte(&self, byte: usize) -> usize {
        self.folded_bytes.partition_point(|&b| (b as usize) < byte)
    }

    /// Display byte offset of a char index.
    pub fn display_byte(&self, char_idx: usize) -> usize {
        self.display_bytes[char_idx.min(self.char_len())] as usize
    }

    /// Folded byte offset of a char index.
    pub fn folded_byte(&self, char_idx: usize) -> usize {
        self.folded_bytes[char_idx.min(self.char_len())] as usize
    }

    /// Char index of a byte offset in the display text.
    pub fn char_of_display_byte(&self, byte: usize) -> usize {
        self.display_bytes.partition_point(|&b| (b as usize) < byte)
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
        assert_eq!(f.text, "全年gdp增长6%");
        let at = f.text.find("gdp").unwrap();
        let c = f.char_of_folded_byte(at);
        assert_eq!(c, 2);
        assert_eq!(f.display_byte(c), "全年".len());
        assert_eq!(f.char_len(), 9);
    }
}
