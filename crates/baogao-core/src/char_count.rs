//! Comparing a text's length in chars with a small bound, without counting every char: loading
//! asks "is this line shorter than 30 chars?" of every line and sentence, and most are far
//! longer (or far shorter) than the bound, which their byte length alone tells (a char is 1–4
//! bytes). Only a text near the bound is walked, and only up to the bound.

/// `s.chars().count() >= n`.
pub(crate) fn at_least(s: &str, n: usize) -> bool {
    if s.len() < n {
        false
    } else if s.len() >= n.saturating_mul(4) {
        true
    } else {
        // Counted, not walked: std counts the chars of a str a word at a time (the bytes that
        // are not UTF-8 continuations), several times faster than decoding n of them.
        s.chars().count() >= n
    }
}

/// `s.chars().count().min(cap)`: a long text is not counted to its end.
pub(crate) fn up_to(s: &str, cap: usize) -> usize {
    if s.len() >= cap.saturating_mul(4) {
        cap
    } else {
        s.chars().count().min(cap)
    }
}

/// The first `n` chars of `s` (all of it if shorter), without a copy.
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// `s.chars().count() < n`.
pub(crate) fn under(s: &str, n: usize) -> bool {
    !at_least(s, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_counting_for_every_width_and_bound() {
        // ASCII (1 byte), Latin-1 (2), CJK (3), supplementary (4), and mixtures.
        let texts = [
            "",
            "a",
            "é",
            "国",
            "𠀀",
            "abc",
            "国家统计局",
            "GDP增长5%",
            "𠀀𠀀a",
            "éé国国aa",
        ];
        for t in texts {
            for k in 0..4 {
                let s = t.repeat(k);
                for n in 0..40 {
                    let count = s.chars().count();
                    assert_eq!(at_least(&s, n), count >= n, "{s:?} {n}");
                    assert_eq!(under(&s, n), count < n, "{s:?} {n}");
                    let want: String = s.chars().take(n).collect();
                    assert_eq!(prefix(&s, n), want, "{s:?} {n}");
                    assert_eq!(up_to(&s, n), count.min(n), "{s:?} {n}");
                }
            }
        }
    }
}
