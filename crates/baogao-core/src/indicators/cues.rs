//! Cue words around figures: what makes a figure a change, a level, a share, and what text may
//! stand between a name and its figures without changing the subject. The words themselves are
//! data (the cue groups of [`super::lexicon`]); this module holds the rules that read them from a
//! paragraph's [`Scan`].

use super::lexicon::{mask, Group, Mask, Scan};

/// Fillers and the level verbs that may stand in for them.
const FILLER: Mask = mask(&[Group::Filler]);
/// Scopes and size modifiers that may stand before a name.
const PREFIX: Mask = mask(&[Group::Scope, Group::Modifier]);
const CHANGE: Mask = mask(&[Group::Growth, Group::Decline, Group::ToLevel]);

pub fn starts_with_at(chars: &[char], at: usize, s: &str) -> bool {
    let mut it = chars.get(at..).unwrap_or(&[]).iter();
    s.chars().all(|c| it.next() == Some(&c))
}

pub fn ends_with_at(chars: &[char], end: usize, s: &str) -> bool {
    let n = s.chars().count();
    end >= n && starts_with_at(chars, end - n, s)
}

pub fn contains(chars: &[char], s: &str) -> bool {
    find(chars, s).is_some()
}

pub fn find(chars: &[char], s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    (0..chars.len()).find(|&i| chars[i] == first && starts_with_at(chars, i, s))
}

/// Punctuation and spaces that do not carry meaning between a name and its figures.
pub fn is_punct(c: char) -> bool {
    c.is_whitespace()
        || ('\u{2460}'..='\u{2473}').contains(&c) // ①…⑳ footnote marks
        || matches!(
            c,
            ',' | '，'
                | ':'
                | '：'
                | '、'
                | '('
                | ')'
                | '“'
                | '”'
                | '"'
                | '\''
                | '‘'
                | '’'
                | '《'
                | '》'
                | '—'
                | '-'
                | '['
                | ']'
                | '【'
                | '】'
        )
}

/// How long a bracketed aside between a name and its figures may be (`（不含定州，下同）`).
const ASIDE_MAX: usize = 24;

/// The end of a bracketed aside without figures starting at `at` (`(不含xx,下同)`), if any.
fn aside_end(chars: &[char], at: usize, to: usize) -> Option<usize> {
    let close = match chars.get(at)? {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let end = (at + ASIDE_MAX).min(to);
    let k = (at + 1..end).find(|&k| chars[k] == close || chars[k] == '(')?;
    let inside = &chars[at + 1..k];
    (chars[k] == close && !inside.iter().any(|c| c.is_ascii_digit() || *c == 'x')).then_some(k + 1)
}

/// How long a pricing basis `按…计算` may be (`按2020年不变价格计算`).
const BASIS_MAX: usize = 14;

/// The end of a pricing basis starting at `at`: `按` and `计算` around a price or scope without
/// punctuation (`按不变价格计算`, `按现行价计算`, `按可比口径计算`, `按2020年价格计算`). It says how a
/// figure was computed, not what it is, so it may stand between a figure and its change.
fn basis_clause_end(chars: &[char], at: usize, to: usize) -> Option<usize> {
    if chars.get(at) != Some(&'按') {
        return None;
    }
    let end = (at + BASIS_MAX).min(to);
    let k = (at + 1..end.saturating_sub(1))
        .take_while(|&k| !is_punct(chars[k]) && !matches!(chars[k], '。' | '；' | ';'))
        .find(|&k| chars[k] == '计' && chars[k + 1] == '算')?;
    (k > at + 1).then_some(k + 2)
}

/// Whether `chars[from..to]` consists only of fillers, punctuation, years (`2020年`, `20xx年`),
/// pricing bases (`按不变价格计算`) and bracketed asides. Any split into fillers will do
/// (`同比增长` is `同比` + `增长` although `同比增` is the longer filler at its start): positions
/// reachable from `from` are marked in one pass.
pub fn only_fillers(scan: &Scan, chars: &[char], from: usize, to: usize) -> bool {
    // On the stack for the short gaps nearly all calls ask about.
    let n = to.saturating_sub(from) + 1;
    let (mut small, mut big) = ([false; 64], Vec::new());
    let reach: &mut [bool] = if n <= small.len() {
        &mut small[..n]
    } else {
        big.resize(n, false);
        &mut big
    };
    reach[0] = true;
    for i in from..to {
        if !reach[i - from] {
            continue;
        }
        let c = chars[i];
        if let Some(e) = aside_end(chars, i, to).or_else(|| basis_clause_end(chars, i, to)) {
            reach[e - from] = true;
        }
        if is_punct(c) || c.is_ascii_digit() || c == 'x' || c == '.' {
            reach[i + 1 - from] = true;
        }
        if let Some(e) = super::number::grade_end(chars, i).filter(|&e| e <= to) {
            reach[e - from] = true;
        }
        for (_, n) in scan.all_at(FILLER, i).filter(|&(_, n)| i + n <= to) {
            reach[i + n - from] = true;
        }
    }
    reach[to.saturating_sub(from)]
}

/// Where the run `chars[from..to]` before a name ends once prefix words are peeled off its end.
pub fn strip_prefixes(scan: &Scan, chars: &[char], from: usize, to: usize) -> usize {
    let mut end = to;
    while end > from {
        if is_punct(chars[end - 1]) {
            break;
        }
        // `年` alone is read with its numerals below.
        if let Some((_, n)) = scan
            .ending(PREFIX, from, end)
            .filter(|&(_, n)| n > 1 || chars[end - 1] != '年')
        {
            end -= n;
            continue;
        }
        // A list number: `1.`.
        if chars[end - 1] == '.' && end > from + 1 && chars[end - 2].is_ascii_digit() {
            end -= 1;
            while end > from && chars[end - 1].is_ascii_digit() {
                end -= 1;
            }
            continue;
        }
        // A year, a month or a count of years: `2007年`, `1-10月`, `五年`, `20xx年`.
        if matches!(chars[end - 1], '年' | '月') {
            let mut k = end - 1;
            while k > from && is_numeral(chars[k - 1]) {
                k -= 1;
            }
            end = k;
            continue;
        }
        break;
    }
    end
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || c == 'x' || "〇零一二两三四五六七八九十百".contains(c)
}

/// The last change cue in `chars[from..to]`: (position, length, negative). A cue followed by
/// 到/至 (`增加到`), or a level verb (`增至`, `控制到`), announces a level, not a change.
pub fn last_change_cue(
    scan: &Scan,
    chars: &[char],
    from: usize,
    to: usize,
) -> Option<(usize, usize, bool)> {
    let mut best = None;
    let mut i = from;
    while i < to {
        let Some((m, n)) = scan.at(CHANGE, i, to) else {
            i += 1;
            continue;
        };
        let after = i + n;
        if m & Group::ToLevel.bit() != 0 {
            best = None;
        } else {
            // `增长值`, `增长率` are names, not cues.
            match chars.get(after).filter(|_| after < to) {
                Some('值' | '率') => {}
                Some('到' | '至') => best = None,
                _ => best = Some((i, n, m & Group::Decline.bit() != 0)),
            }
        }
        i = after;
    }
    best
}

/// The basis written in `chars[from..to]` (before a change cue): the first of the lexicon's
/// bases, in file order, that it contains.
pub fn basis(scan: &Scan, chars: &[char], from: usize, to: usize) -> Option<String> {
    let gap = &chars[from..to];
    // The cue as folded, compared without a folded copy.
    let holds = |word: &str| {
        let n = word.chars().count();
        n > 0
            && gap.windows(n).any(|w| {
                w.iter()
                    .copied()
                    .eq(word.chars().map(crate::fold::fold_char))
            })
    };
    scan.lexicon()
        .cues(Group::Basis)
        .iter()
        .find(|b| holds(b))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::lexicon::builtin;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn fillers(s: &str) -> bool {
        let c = v(s);
        only_fillers(&Scan::new(builtin(), &c), &c, 0, c.len())
    }

    fn cue(s: &str) -> Option<(usize, usize, bool)> {
        let c = v(s);
        last_change_cue(&Scan::new(builtin(), &c), &c, 0, c.len())
    }

    fn stripped(s: &str) -> usize {
        let c = v(s);
        strip_prefixes(&Scan::new(builtin(), &c), &c, 0, c.len())
    }

    #[test]
    fn fillers_and_asides() {
        assert!(fillers("比上年增长"));
        assert!(fillers(",按可比价计算,同比增长"));
        // Any pricing basis, not only the listed ones.
        assert!(fillers(",按不变价格计算,同比增长"));
        assert!(fillers(",按现行价计算,增长"));
        assert!(fillers(",按2020年价格计算,增长"));
        assert!(!fillers(",按计划推进,增长"));
        assert!(!fillers(",按时计,增长"));
        assert!(fillers("比2020年增长"));
        assert!(!fillers("企业达到"));
        // The longest filler wins: `同比增` is not `同比` + `增`.
        assert!(fillers(",同比增"));
        assert!(fillers("(不含高新区,下同)、增长"));
        assert!(!fillers("(其中3家)、增长"));
    }

    #[test]
    fn change_cues() {
        assert_eq!(cue("比上年增长").map(|c| c.2), Some(false));
        assert_eq!(cue("预计下降").map(|c| c.2), Some(true));
        assert_eq!(cue("同比减").map(|c| (c.1, c.2)), Some((3, true)));
        assert_eq!(cue("增加到"), None);
        assert_eq!(cue("增至"), None);
        assert_eq!(cue("控制到"), None);
        let c = v("比上年增长");
        assert_eq!(
            basis(&Scan::new(builtin(), &c), &c, 0, c.len()).as_deref(),
            Some("比上年")
        );
    }

    #[test]
    fn prefixes() {
        assert_eq!(stripped("全县实现"), 0);
        assert_eq!(stripped("现代"), 2);
        assert_eq!(stripped("现代2020年"), 2);
    }
}
