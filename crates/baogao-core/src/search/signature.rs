//! What a text holds, in a few bits: a Bloom filter of its folded chars and adjacent pairs of
//! chars, the keys the [`SearchIndex`](super::SearchIndex) looks words up by. It says for certain
//! when a query cannot match the text, never that it does; a stored copy lets a search skip a
//! text it would otherwise read in full (`grep`'s cache entries start with one, about a tenth of
//! the entry).
//!
//! Each key sets two bits of a power-of-two table sized at two bits a char of text (at most
//! [`MAX_BYTES`]). A word passes a text without it when its pairs missing from the text all find
//! their bits set. Over the 36 reports of the shared corpus, words of two, three and four chars
//! taken from the corpus's own text passed 18.5%, 14.6% and 11.0% of the reports without them
//! (the words share most of their pairs with reports that lack the word); `数字人民币` and `碳达峰`
//! passed none.

use super::postings::Key;
use super::query::Query;
use crate::fold::fold_char;

/// The largest table, in bytes (a text past ~16,000 chars shares it: more false passes).
pub const MAX_BYTES: usize = 4096;
/// The smallest table, in bytes.
const MIN_BYTES: usize = 128;

/// A filter being built, or read back ([`Signature::from_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    bits: Vec<u64>,
}

impl Signature {
    /// The filter of `texts` (each folded char and each pair of adjacent chars within a text).
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str> + Clone) -> Signature {
        let chars: usize = texts.clone().into_iter().map(str::len).sum::<usize>() / 3;
        let bytes = (chars * 2 / 8)
            .next_power_of_two()
            .clamp(MIN_BYTES, MAX_BYTES);
        let mut s = Signature {
            bits: vec![0; bytes / 8],
        };
        for text in texts {
            let mut prev = None;
            for c in text.chars().map(fold_char) {
                s.set(Key::Char(c));
                if let Some(p) = prev {
                    s.set(Key::Pair(p, c));
                }
                prev = Some(c);
            }
        }
        s
    }

    /// The two bits of `key`: the top bits of two multiplicative hashes of its number.
    fn slots(&self, key: Key) -> [usize; 2] {
        let shift = 64 - (self.bits.len() * 64).trailing_zeros();
        [0x9E37_79B9_7F4A_7C15_u64, 0xC2B2_AE3D_27D4_EB4F]
            .map(|m| (key.packed().wrapping_add(1).wrapping_mul(m) >> shift) as usize)
    }

    fn set(&mut self, key: Key) {
        for i in self.slots(key) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn has(&self, key: Key) -> bool {
        self.slots(key)
            .iter()
            .all(|&i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    /// Can `word` (folded) be in the texts? Only if every key the index would look it up by is.
    fn may_hold(&self, word: &str) -> bool {
        Key::of_word(word).0.into_iter().all(|k| self.has(k))
    }

    /// Can `query` match a paragraph of the texts? `false` is certain; `true` may be wrong.
    /// Exclusions never rule a text out.
    pub fn may_match(&self, query: &Query) -> bool {
        query.clauses.iter().filter(|c| !c.negated).all(|c| {
            c.alts
                .iter()
                .any(|a| a.words.iter().all(|w| self.may_hold(w)))
        })
    }

    /// The table as bytes (little-endian words): its length in bytes, a power of two from 128 to
    /// [`MAX_BYTES`].
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bits.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    /// A table written by [`Signature::to_bytes`]; `None` for a length it never writes.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if !(MIN_BYTES..=MAX_BYTES).contains(&b.len()) || !b.len().is_power_of_two() {
            return None;
        }
        let bits = b
            .chunks_exact(8)
            .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
            .collect();
        Some(Signature { bits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::parse(s, false).unwrap()
    }

    const TEXT: &str = "全年实现地区生产总值１２３亿元，增长５．５％。乡村振兴扎实推进。";

    #[test]
    fn what_a_text_holds_may_match_and_what_it_lacks_does_not() {
        let s = Signature::of([TEXT, "ＧＤＰ增长"]);
        for yes in [
            "生产总值",
            "乡村振兴",
            "5.5%",
            "gdp",
            "值",
            "生产总值 乡村",
            "碳达峰|振兴",
            "振兴 -疫情",
        ] {
            assert!(s.may_match(&q(yes)), "{yes}");
        }
        for no in ["碳达峰", "数字人民币", "乡村振兴 碳达峰", "疫", "振兴乡村"]
        {
            assert!(!s.may_match(&q(no)), "{no}");
        }
        // Pairs are within a text, not across two.
        assert!(!s.may_match(&q("推进gdp")));
    }

    #[test]
    fn read_back_it_answers_the_same() {
        let s = Signature::of([TEXT]);
        let b = s.to_bytes();
        assert_eq!(b.len(), MIN_BYTES);
        let r = Signature::from_bytes(&b).unwrap();
        assert_eq!(r, s);
        assert!(Signature::from_bytes(&b[..100]).is_none());
        assert!(Signature::from_bytes(&[0; 8192]).is_none());
    }

    #[test]
    fn the_table_grows_with_the_text_up_to_its_bound() {
        let long = TEXT.repeat(200);
        assert_eq!(Signature::of([long.as_str()]).to_bytes().len(), 2048);
        let longer = TEXT.repeat(2000);
        let s = Signature::of([longer.as_str()]);
        assert_eq!(s.to_bytes().len(), MAX_BYTES);
        assert!(s.may_match(&q("乡村振兴")));
    }

    proptest::proptest! {
        /// Never a false "cannot match": every substring of a text may match.
        #[test]
        fn every_substring_may_match(
            text in "[生产总值增长乡村振兴 ＧＤＰgdpA-Z0-9５．％，。]{1,80}",
            from in 0usize..80,
            len in 1usize..6,
        ) {
            let s = Signature::of([text.as_str()]);
            let chars: Vec<char> = text.chars().collect();
            let from = from % chars.len();
            let word: String = chars[from..(from + len).min(chars.len())].iter().collect();
            if let Ok(query) = Query::parse(&format!("\"{word}\""), false) {
                proptest::prop_assert!(s.may_match(&query), "{word:?} in {text:?}");
            }
        }
    }
}
