//! Finding a folded word in *display* text, as if the text were folded ([`crate::fold`]),
//! without a folded copy of it.
//!
//! Folding maps a few hundred chars (full-width ASCII, the ideographic space, curly quotes,
//! capitals of the cased scripts) onto a few others; every other char — the CJK ideographs, the
//! Chinese punctuation that is not full-width ASCII — folds to itself and nothing else folds to
//! it, so it matches only itself. Such a char is *rigid*. A word's longest run of rigid chars
//! is looked for with `memmem` in the display bytes as they are, and the chars around the run
//! are compared folded. A word with no rigid char (`gdp`, `5%`) is looked for by the forms of
//! its rarest-looking char (`g`, `G`, `ｇ`, `Ｇ`).
//!
//! The matches are those `memmem` finds in the folded text (leftmost first, without overlap),
//! given as byte ranges of the display text.

use crate::fold::{fold_char, other_forms};
use memchr::memmem::Finder;

/// Does only `c` itself fold to `c`? (`c` is folded.)
fn is_rigid(c: char) -> bool {
    c as u32 >= 0x80 && other_forms(c).is_empty()
}

/// The char starting at byte `i` and its length; `None` at the end or on bytes that are not
/// UTF-8 (such a char matches nothing).
#[inline]
fn char_at(h: &[u8], i: usize) -> Option<(char, usize)> {
    let len = match *h.get(i)? {
        b if b < 0x80 => return Some((b as char, 1)),
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(h.get(i..i + len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// The char ending at byte `i` and its length.
#[inline]
fn char_before(h: &[u8], i: usize) -> Option<(char, usize)> {
    let start = (i.saturating_sub(4)..i)
        .rev()
        .find(|&j| h[j] & 0xC0 != 0x80)?;
    char_at(h, start).filter(|&(_, len)| start + len == i)
}

/// How a word is looked for.
#[derive(Clone, Debug)]
enum Scout {
    /// The run of rigid chars `chars[from..to]` (its bytes, as they are in the display text).
    Run {
        finder: Box<Finder<'static>>,
        from: usize,
        to: usize,
    },
    /// The forms of the word's char `at` (the one likeliest rare, see [`rarity`]): those of
    /// one byte, found with `memchr`, and the longer ones (full-width), each with `memmem`.
    Forms {
        at: usize,
        bytes: Vec<u8>,
        wide: Vec<Finder<'static>>,
    },
}

/// Most forms a char has: a letter's four (`g` `G` `ｇ` `Ｇ`), the apostrophe's (`'` `‘` `’` `＇`).
const MAX_FORMS: usize = 4;

/// How common a char (with its forms) is guessed to be in a Chinese report, lower is rarer:
/// Latin letters and `%` are rare, digits common, and `,` `.` `(` `:` and the like, whose
/// full-width forms punctuate every sentence, the commonest.
fn rarity(c: char) -> u8 {
    match c {
        c if c.is_ascii_digit() => 3,
        ',' | '.' | ' ' | '(' | ')' | ':' | ';' | '!' | '?' | '\'' | '"' | '-' => 4,
        '%' => 2,
        c if c.is_ascii_punctuation() => 2,
        _ => 1,
    }
}

/// A word to find in display text, matched as if the text were folded.
#[derive(Clone, Debug)]
pub(crate) struct FoldFinder {
    /// The word, folded.
    chars: Vec<char>,
    scout: Scout,
}

impl FoldFinder {
    /// A finder for `word` (folded here, so a word already folded is unchanged).
    pub(crate) fn new(word: &str) -> FoldFinder {
        let chars: Vec<char> = word.chars().map(fold_char).collect();
        // The longest run of rigid chars, by bytes.
        let (mut best, mut at) = ((0, 0, 0), 0);
        while at < chars.len() {
            let end = at + chars[at..].iter().take_while(|&&c| is_rigid(c)).count();
            let bytes: usize = chars[at..end].iter().map(|c| c.len_utf8()).sum();
            if bytes > best.2 {
                best = (at, end, bytes);
            }
            at = end + 1;
        }
        let scout = if best.2 > 0 {
            let run: String = chars[best.0..best.1].iter().collect();
            Scout::Run {
                finder: Box::new(Finder::new(run.as_bytes()).into_owned()),
                from: best.0,
                to: best.1,
            }
        } else {
            // No rigid char: the rarest-looking one's forms (the leftmost of equals).
            let at = (0..chars.len())
                .min_by_key(|&i| rarity(chars[i]))
                .unwrap_or(0);
            let (mut bytes, mut wide) = (Vec::new(), Vec::new());
            if let Some(&c) = chars.get(at) {
                for f in std::iter::once(c).chain(other_forms(c).iter().copied()) {
                    let mut buf = [0u8; 4];
                    let form = f.encode_utf8(&mut buf).as_bytes();
                    match form {
                        [b] => bytes.push(*b),
                        _ => wide.push(Finder::new(form).into_owned()),
                    }
                }
            }
            // (More forms than the scan keeps track of never occur: a test checks every char.)
            bytes.truncate(3);
            wide.truncate(MAX_FORMS - 1);
            Scout::Forms { at, bytes, wide }
        };
        FoldFinder { chars, scout }
    }

    /// The end of a match of `chars` starting at byte `i`, if there is one.
    #[inline]
    fn forward(h: &[u8], mut i: usize, chars: &[char]) -> Option<usize> {
        for &want in chars {
            let (c, len) = char_at(h, i)?;
            if fold_char(c) != want {
                return None;
            }
            i += len;
        }
        Some(i)
    }

    /// The start of a match of `chars` ending at byte `i`, if there is one.
    #[inline]
    fn backward(h: &[u8], mut i: usize, chars: &[char]) -> Option<usize> {
        for &want in chars.iter().rev() {
            let (c, len) = char_before(h, i)?;
            if fold_char(c) != want {
                return None;
            }
            i -= len;
        }
        Some(i)
    }

    /// The leftmost match starting at byte `at` or later: its byte range in `h`.
    pub(crate) fn find_from(&self, h: &[u8], at: usize) -> Option<(usize, usize)> {
        if self.chars.is_empty() {
            return (at <= h.len()).then_some((at, at));
        }
        let mut from = at;
        match &self.scout {
            Scout::Run {
                finder,
                from: a,
                to,
            } => {
                let run = finder.needle().len();
                loop {
                    let p = from + finder.find(h.get(from..)?)?;
                    // Matches are met in the order of their starts: a run further on cannot
                    // have a match that starts earlier.
                    let m = Self::backward(h, p, &self.chars[..*a])
                        .filter(|&s| s >= at)
                        .and_then(|s| Some((s, Self::forward(h, p + run, &self.chars[*to..])?)));
                    if m.is_some() {
                        return m;
                    }
                    from = p + 1;
                }
            }
            Scout::Forms { at: a, bytes, wide } => {
                // The next place of each form (one-byte forms together) at or after `from`,
                // kept while still ahead: each form's text is searched once.
                let mut next = [usize::MAX; MAX_FORMS];
                let mut known = [false; MAX_FORMS];
                loop {
                    let rest = h.get(from..)?;
                    let mut p = usize::MAX;
                    for (k, slot) in next.iter_mut().enumerate().take(1 + wide.len()) {
                        if !known[k] || *slot < from {
                            known[k] = true;
                            let off = if k == 0 {
                                match bytes[..] {
                                    [] => None,
                                    [x] => memchr::memchr(x, rest),
                                    [x, y] => memchr::memchr2(x, y, rest),
                                    [x, y, z, ..] => memchr::memchr3(x, y, z, rest),
                                }
                            } else {
                                wide[k - 1].find(rest)
                            };
                            *slot = off.map_or(usize::MAX, |o| from + o);
                        }
                        p = p.min(*slot);
                    }
                    if p == usize::MAX {
                        return None;
                    }
                    let m = Self::backward(h, p, &self.chars[..*a])
                        .filter(|&s| s >= at)
                        .and_then(|s| Some((s, Self::forward(h, p, &self.chars[*a..])?)));
                    if m.is_some() {
                        return m;
                    }
                    from = p + 1;
                }
            }
        }
    }

    /// The folded word's length in bytes (UTF-8).
    pub(crate) fn needle_len(&self) -> usize {
        self.chars.iter().map(|c| c.len_utf8()).sum()
    }

    /// Is there a match in `h`?
    pub(crate) fn is_in(&self, h: &[u8]) -> bool {
        self.find_from(h, 0).is_some()
    }

    /// Every match, leftmost first, without overlap.
    pub(crate) fn find_iter<'h>(
        &'h self,
        h: &'h [u8],
    ) -> impl Iterator<Item = (usize, usize)> + 'h {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (s, e) = self.find_from(h, at)?;
            at = e.max(s + 1);
            Some((s, e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use proptest::prelude::*;

    /// The matches as char ranges, found in the folded text with memmem (what the search did
    /// when it kept a folded copy).
    fn folded_memmem(word: &str, text: &str) -> Vec<(usize, usize)> {
        let (w, t) = (fold(word), fold(text));
        let n = w.chars().count();
        memchr::memmem::find_iter(t.as_bytes(), w.as_bytes())
            .map(|b| {
                let c = t[..b].chars().count();
                (c, c + n)
            })
            .collect()
    }

    fn found(word: &str, text: &str) -> Vec<(usize, usize)> {
        let f = FoldFinder::new(word);
        f.find_iter(text.as_bytes())
            .map(|(s, e)| {
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                assert_eq!(fold(&text[s..e]), fold(word));
                (text[..s].chars().count(), text[..e].chars().count())
            })
            .collect()
    }

    #[test]
    fn rigid_chars_match_only_themselves() {
        // No char folds onto a rigid one (the table of what folds to what is checked whole in
        // `fold`'s tests).
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert!(f == c || !is_rigid(f), "{c:?} folds to {f:?}");
        }
        // A char's forms fit the scan's bookkeeping: at most three of one byte, MAX_FORMS in all.
        for (f, others) in crate::fold::images() {
            let forms = std::iter::once(f).chain(others);
            assert!(others.len() < MAX_FORMS, "{f:?}");
            assert!(forms.filter(|c| c.len_utf8() == 1).count() <= 3, "{f:?}");
        }
        assert!(is_rigid('乡') && is_rigid('。') && is_rigid('“'));
        assert!(!is_rigid('g') && !is_rigid(',') && !is_rigid(' ') && !is_rigid('ω'));
    }

    #[test]
    fn finds_words_across_widths_and_cases() {
        let text = "全年ＧＤＰ增长５．２％，GdP总量、gdp与ｇｄｐ。";
        assert_eq!(
            found("gdp", text),
            vec![(2, 5), (12, 15), (18, 21), (22, 25)]
        );
        assert_eq!(found("GDP增长5.2%,", text), vec![(2, 12)]);
        assert_eq!(found("增长5.2%", text), vec![(5, 11)]);
        assert_eq!(found("%,gdp总", text), vec![(10, 16)]);
        assert_eq!(found("乡村", text), vec![]);
        // Curly quotes and the ideographic space fold to ASCII.
        assert_eq!(found("'a b'", "‘Ａ　Ｂ’"), vec![(0, 5)]);
        // A rigid run that repeats within the word, and matches that would overlap.
        assert_eq!(found("哈哈", "哈哈哈哈哈"), vec![(0, 2), (2, 4)]);
        assert_eq!(found("a哈a", "A哈a哈A哈a"), vec![(0, 3), (4, 7)]);
    }

    #[test]
    fn text_that_is_not_utf8_matches_nothing_there() {
        let mut h = "ab增长".as_bytes().to_vec();
        h.insert(1, 0xFF);
        h.extend_from_slice(&[0xE5, 0xA2]);
        let f = FoldFinder::new("增长");
        assert_eq!(f.find_iter(&h).count(), 1);
        let f = FoldFinder::new("ab");
        assert_eq!(f.find_iter(&h).count(), 0);
        // A run found just after a cut char: the char before it is not read.
        let f = FoldFinder::new("x增");
        assert_eq!(f.find_iter(&h[4..]).count(), 0);
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "乡", "村", "振", "兴", "，", ",", "。", "Ａ", "a", "A", "ａ", "　", " ", "５", "5",
            "％", "%", "‘", "'", "’", "Ω", "ω", "É", "é", "哈", "\n",
        ])
        .prop_map(String::from)
    }

    proptest! {
        #[test]
        fn matches_what_memmem_finds_in_the_folded_text(
            text in prop::collection::vec(piece(), 0..40),
            word in prop::collection::vec(piece(), 1..5),
        ) {
            let (text, word) = (text.concat(), word.concat());
            prop_assert_eq!(found(&word, &text), folded_memmem(&word, &text));
        }

        /// Bytes that are not all UTF-8 (a damaged cache entry): no panic, and every match is
        /// whole chars that fold to the word.
        #[test]
        fn any_bytes_give_only_true_matches(
            mut bytes in prop::collection::vec(any::<u8>(), 0..48),
            text in prop::collection::vec(piece(), 0..8),
            word in prop::collection::vec(piece(), 1..4),
            at in 0usize..64,
        ) {
            let word = word.concat();
            bytes.splice(at.min(bytes.len())..at.min(bytes.len()), text.concat().into_bytes());
            for (s, e) in FoldFinder::new(&word).find_iter(&bytes) {
                let m = std::str::from_utf8(&bytes[s..e]);
                prop_assert!(m.is_ok_and(|m| fold(m) == fold(&word)), "{:?}", &bytes[s..e]);
            }
        }
    }
}
