//! Fitting a matching paragraph into one terminal line: the part around its first match that fits
//! the columns left after the `LINE:` prefix, with `…` where text was left out. Widths are display
//! cells (a Chinese character takes two); a match is never cut, so a match wider than the line is
//! printed whole. Piped output is never fitted.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The cells `c` takes once printed (a control character is printed as visible text, `\e`).
fn cells(c: char) -> usize {
    match c.width() {
        Some(w) if !c.is_control() => w,
        _ => baogao_core::sanitize::visible(c.encode_utf8(&mut [0; 4])).width(),
    }
}

/// The cells of the `…` that marks left-out text.
const ELLIPSIS: usize = 1;

/// The char range of `chars` to print in `budget` cells: all of it when it fits, else the first
/// match (`spans`: char ranges, sorted) with as much text on both sides as fits, never cutting a
/// match.
pub fn window(chars: &[char], spans: &[(usize, usize)], budget: usize) -> (usize, usize) {
    let n = chars.len();
    let widths: Vec<usize> = chars.iter().map(|&c| cells(c)).collect();
    if widths.iter().sum::<usize>() <= budget {
        return (0, n);
    }
    // For each char inside a match: the match's range, so growth takes a match whole or not at all.
    let mut span_of: Vec<Option<(usize, usize)>> = vec![None; n];
    for &(s, e) in spans {
        let (s, e) = (s.min(n), e.min(n));
        for slot in &mut span_of[s..e] {
            *slot = Some((s, e));
        }
    }
    let (mut a, mut b) = spans.first().map_or((0, 0), |&(s, e)| (s.min(n), e.min(n)));
    let mut used: usize = widths[a..b].iter().sum();
    let marks = |a: usize, b: usize| ELLIPSIS * (usize::from(a > 0) + usize::from(b < n));
    let (mut right, mut left) = (true, true);
    while right || left {
        if right {
            match (b < n).then(|| span_of[b].map_or(b + 1, |(_, e)| e)) {
                Some(nb) if used + widths[b..nb].iter().sum::<usize>() + marks(a, nb) <= budget => {
                    used += widths[b..nb].iter().sum::<usize>();
                    b = nb;
                }
                _ => right = false,
            }
        }
        if left {
            match (a > 0).then(|| span_of[a - 1].map_or(a - 1, |(s, _)| s)) {
                Some(na) if used + widths[na..a].iter().sum::<usize>() + marks(na, b) <= budget => {
                    used += widths[na..a].iter().sum::<usize>();
                    a = na;
                }
                _ => left = false,
            }
        }
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn shown(s: &str, spans: &[(usize, usize)], budget: usize) -> String {
        let c = chars(s);
        let (a, b) = window(&c, spans, budget);
        format!(
            "{}{}{}",
            if a > 0 { "…" } else { "" },
            c[a..b].iter().collect::<String>(),
            if b < c.len() { "…" } else { "" }
        )
    }

    #[test]
    fn text_that_fits_is_whole() {
        assert_eq!(shown("推进乡村振兴。", &[(2, 6)], 14), "推进乡村振兴。");
    }

    #[test]
    fn wide_chars_count_two_cells_and_the_result_fits() {
        let text = format!("{}乡村振兴{}", "甲".repeat(30), "乙".repeat(30));
        let got = shown(&text, &[(30, 34)], 30);
        assert!(got.contains("乡村振兴"));
        assert!(got.width() <= 30, "{got} is {} cells", got.width());
        assert!(got.width() >= 28, "uses the line: {got}");
        // Latin text: one cell a char.
        let text = format!("{}GDP{}", "a".repeat(50), "b".repeat(50));
        let got = shown(&text, &[(50, 53)], 21);
        assert_eq!(got.width(), 21);
        assert!(got.contains("GDP"));
    }

    #[test]
    fn a_match_is_never_cut() {
        // The second match does not fit whole: it is left out, not cut.
        let text = format!("乡村振兴{}产业融合发展{}", "丙".repeat(3), "丁".repeat(20));
        let got = shown(&text, &[(0, 4), (7, 13)], 20);
        assert_eq!(got, "乡村振兴丙丙丙…");
        // A match wider than the line is printed whole.
        let got = shown("甲乡村振兴产业乙", &[(1, 7)], 6);
        assert_eq!(got, "…乡村振兴产业…");
    }
}
