//! Figures in folded text: Arabic and Chinese numerals, masked placeholders (`xx.x`), ranges,
//! units with 万/亿 magnitudes, and the qualifiers written inside or right after a figure.
//!
//! Works on a slice of chars of the *folded* text (full-width digits are already ASCII there);
//! positions are char indices into that slice, so they map 1:1 onto the display text.

use super::cues::starts_with_at;

/// One figure as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// First char of the number (or of `百分之`).
    pub start: usize,
    /// One past the last char consumed (unit and trailing qualifier included).
    pub end: usize,
    /// The value as written (17575 for `17575万元`); `None` when masked.
    pub value: Option<f64>,
    pub masked: bool,
    /// Normalised unit: `亿元`, `万元`, `%`, `‰`, `个百分点`, `倍`, `万吨`, `个` …
    pub unit: Option<String>,
    /// `左右`, `以上`, `以内`, `以下` after the unit, or `余` / `多` between number and unit.
    pub qualifier: Option<&'static str>,
    /// Written with Chinese numerals (`百亿元`, `一点五`).
    pub chinese: bool,
    /// The upper end of a range (`5%—5.5%` → 5.5), else `None`.
    pub high: Option<f64>,
}

impl Figure {
    /// A growth-type unit: the figure can be a change.
    pub fn is_change_unit(&self) -> bool {
        matches!(self.unit.as_deref(), Some("%" | "个百分点" | "倍"))
    }
}

/// Magnitude prefixes a unit may carry, longest first.
const MAGNITUDES: &[&str] = &["万亿", "千万", "百万", "亿", "万", "千"];

/// Base units, longest first within a shared prefix (matching tries them in order).
const BASE_UNITS: &[&str] = &[
    "美元",
    "港元",
    "欧元",
    "元",
    "吨标准煤",
    "吨标煤",
    "吨",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "公顷",
    "亩",
    "千瓦时",
    "千瓦",
    "公里",
    "千米",
    "人次",
    "人",
    "户",
    "个",
    "家",
    "项",
    "辆",
    "套",
    "所",
    "座",
    "间",
    "张",
    "名",
    "处",
    "条",
    "台",
    "头",
    "只",
    "株",
    "床",
    "标箱",
    "公斤",
    "千克",
    "斤",
    "件",
    "批次",
    "批",
    "位",
    "例",
    "栋",
    "册",
    "期",
    "场",
    "次",
];

/// Units without magnitude (rates and multiples).
const RATE_UNITS: &[(&str, &str)] = &[
    ("个百分点", "个百分点"),
    ("百分点", "个百分点"),
    ("%", "%"),
    ("‰", "‰"),
    ("倍", "倍"),
];

/// A unit word with its first char and its length in chars, so that matching compares one char
/// per word and decodes only the words that start with it.
struct UnitWord {
    first: char,
    word: &'static str,
    len: usize,
}

impl UnitWord {
    fn of(word: &'static str) -> Option<UnitWord> {
        Some(UnitWord {
            first: word.chars().next()?,
            word,
            len: word.chars().count(),
        })
    }
}

/// [`RATE_UNITS`] (with their normal forms), [`MAGNITUDES`] and [`BASE_UNITS`], in their
/// orders, and the chars a unit can start with (sorted).
struct Units {
    rates: Vec<(UnitWord, &'static str)>,
    magnitudes: Vec<UnitWord>,
    bases: Vec<UnitWord>,
    firsts: Vec<char>,
}

static UNITS: std::sync::LazyLock<Units> = std::sync::LazyLock::new(|| {
    let rates: Vec<_> = RATE_UNITS
        .iter()
        .filter_map(|&(w, norm)| Some((UnitWord::of(w)?, norm)))
        .collect();
    let magnitudes: Vec<_> = MAGNITUDES.iter().filter_map(|w| UnitWord::of(w)).collect();
    let bases: Vec<_> = BASE_UNITS.iter().filter_map(|w| UnitWord::of(w)).collect();
    let all = rates
        .iter()
        .map(|(w, _)| w)
        .chain(&magnitudes)
        .chain(&bases);
    let mut firsts: Vec<char> = all.map(|w| w.first).collect();
    firsts.sort_unstable();
    firsts.dedup();
    Units {
        rates,
        magnitudes,
        bases,
        firsts,
    }
});

/// Units accepted after Chinese numerals (counting words like `两个`, `三项` are not figures).
fn chinese_unit_ok(unit: &str) -> bool {
    unit.ends_with('元')
        || unit.ends_with('吨')
        || unit.ends_with('亩')
        || unit.ends_with("人")
        || unit.ends_with("公里")
        || matches!(unit, "%" | "‰" | "个百分点" | "倍" | "万" | "亿" | "万亿")
}

const TRAILING_QUALIFIERS: &[&str] = &["左右", "以上", "以内", "以下"];

/// Placeholders for hidden digits: `xx.x` (folded from `XX`, `ｘ`) and `××`.
fn is_mask(c: char) -> bool {
    c == 'x' || c == '×'
}

pub(super) fn is_cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_small_mult(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

/// Match a unit at `at`; returns (normalised unit, end).
pub fn match_unit(chars: &[char], at: usize) -> Option<(String, usize)> {
    let units = &*UNITS;
    // Most numbers are followed by no unit (`2023年`, `3月`): one look at the next char, not
    // every unit compared.
    let c = *chars.get(at)?;
    if units.firsts.binary_search(&c).is_err() {
        return None;
    }
    // Each list in its order, but only the words starting with the char there.
    let from = |list: &'static [UnitWord], c: Option<char>| {
        list.iter().filter(move |w| Some(w.first) == c)
    };
    for (w, norm) in units.rates.iter().filter(|(w, _)| w.first == c) {
        if starts_with_at(chars, at, w.word) {
            return Some((norm.to_string(), at + w.len));
        }
    }
    let mut mag = "";
    let mut i = at;
    for m in from(&units.magnitudes, Some(c)) {
        if starts_with_at(chars, at, m.word) {
            // `千瓦`, `千米`, `千克` are base units, not 千 + base.
            if m.word == "千" && base_at(chars, at).is_some() {
                continue;
            }
            mag = m.word;
            i = at + m.len;
            break;
        }
    }
    if let Some((base, end)) = base_at(chars, i) {
        // `千亿台阶` is a level (亿) followed by a word, not 亿台.
        if base != "台" || chars.get(end) != Some(&'阶') {
            return Some(per_unit(chars, format!("{mag}{base}"), end));
        }
    }
    if !mag.is_empty() && mag != "千" && mag != "千万" && mag != "百万" {
        return Some((mag.to_string(), i));
    }
    None
}

/// `unit` ending at `end`, or it per another unit when `/` and one follow (`12万元/人`,
/// `450公斤/亩`, `0.5吨标准煤/万元`): a rate of two quantities, not an amount of the first.
fn per_unit(chars: &[char], unit: String, end: usize) -> (String, usize) {
    if chars.get(end) != Some(&'/') {
        return (unit, end);
    }
    let at = end + 1;
    let per = base_at(chars, at)
        .map(|(b, e)| (b.to_string(), e))
        .or_else(|| {
            let m = UNITS
                .magnitudes
                .iter()
                .find(|m| starts_with_at(chars, at, m.word))?;
            base_at(chars, at + m.len).map(|(b, e)| (format!("{}{b}", m.word), e))
        });
    match per {
        Some((per, e)) => (format!("{unit}/{per}"), e),
        None => (unit, end),
    }
}

/// A base unit (no magnitude) at `at`: the word and where it ends.
fn base_at(chars: &[char], at: usize) -> Option<(&'static str, usize)> {
    let c = *chars.get(at)?;
    UNITS
        .bases
        .iter()
        .find(|b| b.first == c && starts_with_at(chars, at, b.word))
        .map(|b| (b.word, at + b.len))
}

/// Whether `chars` are a base unit, or one and `数`: a measure (`人次`, `人数`, `户数`).
pub(super) fn is_measure(chars: &[char]) -> bool {
    base_at(chars, 0).is_some_and(|(_, e)| e == chars.len() || chars[e..] == ['数'])
}

/// Parse an Arabic or masked number at `at`: digits/x, thousands separators (`,` written as
/// ASCII in the display text), a decimal point possibly surrounded by spaces (`5 . 5`).
/// Returns (value, masked, end).
fn parse_arabic(chars: &[char], display: &[char], at: usize) -> Option<(Option<f64>, bool, usize)> {
    let is_d = |c: char| c.is_ascii_digit() || is_mask(c);
    let mut i = at;
    let mut text = String::new();
    let mut masked = false;
    while i < chars.len() {
        let c = chars[i];
        if is_d(c) {
            masked |= is_mask(c);
            text.push(c);
            i += 1;
        } else if c == ','
            && display.get(i) == Some(&',')
            && !text.is_empty()
            && (1..=3).all(|k| chars.get(i + k).is_some_and(|c| c.is_ascii_digit()))
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    // Decimal part, allowing `5 . 5`.
    let j = skip_spaces(chars, i);
    if chars.get(j) == Some(&'.') {
        let k = skip_spaces(chars, j + 1);
        if chars.get(k).is_some_and(|c| is_d(*c)) {
            text.push('.');
            i = k;
            while i < chars.len() && is_d(chars[i]) {
                masked |= is_mask(chars[i]);
                text.push(chars[i]);
                i += 1;
            }
        }
    }
    if masked {
        return Some((None, true, i));
    }
    text.parse::<f64>().ok().map(|v| (Some(v), false, i))
}

/// Parse a Chinese numeral at `at` (`百`, `一点五`, `两千`, `三万二千`). A trailing 万/亿 is left
/// for the unit (`百亿元` = 100 亿元). Returns (value, end).
fn parse_chinese(chars: &[char], at: usize) -> Option<(f64, usize)> {
    let mut i = at;
    let mut total: f64 = 0.0; // completed 万/亿 groups
    let mut section: f64 = 0.0; // below 万
    let mut digit: Option<u32> = None;
    let mut any = false;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = is_cn_digit(c) {
            if digit.is_some() {
                // `一二` is not a number we read.
                break;
            }
            digit = Some(d);
            any = true;
            i += 1;
        } else if let Some(m) = cn_small_mult(c) {
            // Only a leading 十/百/千 stands without its digit (`百亿元`); `千百万` is no number.
            if digit.is_none() && i > at {
                break;
            }
            section += f64::from(digit.take().unwrap_or(1) * m);
            any = true;
            i += 1;
        } else if (c == '万' || c == '亿') && any {
            // Internal only when more numerals follow (`三万二千`); otherwise it is the unit.
            let next = chars.get(i + 1).copied();
            if next.is_some_and(|n| is_cn_digit(n).is_some()) {
                let m = if c == '万' { 1e4 } else { 1e8 };
                section += f64::from(digit.take().unwrap_or(0));
                total += section * m;
                section = 0.0;
                i += 1;
            } else {
                break;
            }
        } else if c == '点' && any {
            // Decimal part: digits read one by one.
            let mut frac = String::new();
            let mut k = i + 1;
            while let Some(d) = chars.get(k).and_then(|c| is_cn_digit(*c)) {
                frac.push(char::from_digit(d, 10).unwrap_or('0'));
                k += 1;
            }
            if frac.is_empty() {
                break;
            }
            section += f64::from(digit.take().unwrap_or(0));
            let f: f64 = format!("0.{frac}").parse().unwrap_or(0.0);
            return Some((total + section + f, k));
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    section += f64::from(digit.unwrap_or(0));
    Some((total + section, i))
}

/// All figures in `chars` (folded), in order. `display` is the display text of the same span,
/// used only to tell an ASCII thousands separator from a folded `，`.
/// The chars other than ASCII that may start a figure ([`figure_at`]): masks, Chinese digits
/// and multipliers.
const NON_ASCII_STARTS: &str = "×〇零一二两三四五六七八九十百千万";

/// A 64-bit filter of [`NON_ASCII_STARTS`] by their low six bits: a char whose bit is clear
/// starts no figure (most CJK chars are turned away by one shift).
const STARTS_FILTER: u64 = {
    let b = NON_ASCII_STARTS.as_bytes();
    let (mut m, mut i) = (0u64, 0);
    while i < b.len() {
        // The last byte of each (2- or 3-byte) char holds its low six bits.
        let last = i + if b[i] >= 0xe0 { 2 } else { 1 };
        m |= 1 << (b[last] & 63);
        i = last + 1;
    }
    m
};

/// Can a figure start at `c` (or a run of digits be skipped from it)? `false` is certain.
fn may_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    STARTS_FILTER >> (c as u32 & 63) & 1 == 1
}

/// The end (past its `级`) of a grade starting at `at`: a figure with its unit, then `级`
/// (`千亿级`, `30万千瓦级`). [`scan`] leaves grades out; words between a name and its figure
/// may hold one (`生产总值突破千亿级大关,达到1020亿元`). Read on the folded chars alone.
pub fn grade_end(chars: &[char], at: usize) -> Option<usize> {
    if !may_start(*chars.get(at)?) {
        return None;
    }
    let prev = at.checked_sub(1).map(|k| chars[k]);
    let f = figure_at(chars, chars, at, prev)?;
    (chars.get(f.end) == Some(&'级')).then_some(f.end + 1)
}

pub fn scan(chars: &[char], display: &[char]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !may_start(c) {
            i += 1;
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        if let Some(f) = figure_at(chars, display, i, prev) {
            i = f.end.max(i + 1);
            // `百亿级企业`, `30万千瓦级电站`, `突破千亿级大关`: a grade, not a quantity.
            if chars.get(f.end) != Some(&'级') {
                out.push(f);
            }
            continue;
        }
        // Skip the rest of a run of digits/numerals so `2023年` is not re-read as `023`.
        if c.is_ascii_alphanumeric() || is_cn_digit(c).is_some() || cn_small_mult(c).is_some() {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '.'
                    || is_cn_digit(chars[i]).is_some()
                    || cn_small_mult(chars[i]).is_some())
            {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the chars before `at` make a run starting at `at` something other than a figure:
/// an ordinal (`第3`), a code (`g20`), or the inside of a footnote mark (`[1]`).
fn blocked_before(chars: &[char], at: usize) -> bool {
    let Some(&p) = at.checked_sub(1).and_then(|k| chars.get(k)) else {
        return false;
    };
    if p == '第' || p == '[' || p == '【' || p == '〔' {
        return true;
    }
    if p.is_ascii_alphabetic() {
        // `gdp6.1%` reads; `g20`, `5g` do not.
        let run = chars[..at]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        return run < 3;
    }
    p.is_ascii_digit() || p == '.'
}

fn figure_at(chars: &[char], display: &[char], at: usize, prev: Option<char>) -> Option<Figure> {
    let c = chars[at];
    if c.is_ascii_digit() || (is_mask(c) && !prev.is_some_and(|p| p.is_ascii_alphabetic())) {
        if blocked_before(chars, at) {
            return None;
        }
        let (value, masked, end) = parse_arabic(chars, display, at)?;
        if is_mask(c) && chars.get(end).is_some_and(|n| n.is_ascii_alphabetic()) {
            return None;
        }
        if chars.get(end).is_some_and(|n| n.is_ascii_alphabetic()) && !masked {
            // `5g`, `3d`
            return None;
        }
        if chars.get(end) == Some(&']') {
            return None;
        }
        return finish(chars, display, at, value, masked, end, false);
    }
    if c == '百' && starts_with_at(chars, at, "百分之") {
        let (v, end) = parse_chinese(chars, at + 3).or_else(|| {
            parse_arabic(chars, display, at + 3).and_then(|(v, _, e)| v.map(|v| (v, e)))
        })?;
        return Some(trail(
            chars,
            at,
            Some(v),
            false,
            Some("%".into()),
            end,
            None,
            true,
        ));
    }
    // `近万亿元`, `超万亿元`: one 万亿 written without its 一.
    if c == '万'
        && starts_with_at(chars, at, "万亿")
        && prev.is_some_and(|p| matches!(p, '近' | '超' | '逾' | '破' | '约' | '过'))
    {
        let (u, end) = match_unit(chars, at)?;
        return Some(trail(chars, at, Some(1.0), false, Some(u), end, None, true));
    }
    if is_cn_digit(c).is_some() || cn_small_mult(c).is_some() {
        // Not inside a longer numeral word (`十四五`, `第一`, `星期三`).
        if prev.is_some_and(|p| p == '第' || is_cn_digit(p).is_some() || cn_small_mult(p).is_some())
        {
            return None;
        }
        let (v, end) = parse_chinese(chars, at)?;
        let f = finish(chars, display, at, Some(v), false, end, true)?;
        if f.unit.as_deref().is_some_and(chinese_unit_ok) {
            return Some(f);
        }
        return None;
    }
    None
}

/// `余` or `多` at `at` (`1000余万元`, `2万多人`): the qualifier it makes.
fn more_at(chars: &[char], at: usize) -> Option<&'static str> {
    match chars.get(at) {
        Some('余') => Some("余"),
        Some('多') => Some("多"),
        _ => None,
    }
}

/// After a number ending at `end`: `余`/`多`, the unit, a range's second half, a trailing
/// qualifier. Figures without a unit are not figures (years, list numbers, codes).
fn finish(
    chars: &[char],
    display: &[char],
    start: usize,
    value: Option<f64>,
    masked: bool,
    end: usize,
    chinese: bool,
) -> Option<Figure> {
    let mut i = skip_spaces(chars, end);
    let mut qualifier = more_at(chars, i);
    if qualifier.is_some() {
        i += 1;
    }
    let mut unit = match_unit(chars, i);
    // `2万余名`, `3万多人`: `余`/`多` between the magnitude and the base unit.
    if qualifier.is_none() {
        if let Some((mag, e)) = unit.as_ref() {
            let more = more_at(chars, *e);
            if let Some((base, be)) = more.and_then(|_| base_at(chars, e + 1)) {
                if UNITS.magnitudes.iter().any(|m| m.word == mag) {
                    qualifier = more;
                    unit = Some((format!("{mag}{base}"), be));
                }
            }
        }
    }
    // A range: `6%-7%`, `6-7%`, `6%至7%`, `6%~7%`.
    let after_first = unit.as_ref().map_or(i, |u| u.1);
    let j = skip_spaces(chars, after_first);
    if matches!(chars.get(j), Some('-' | '~' | '—' | '–' | '至' | '到')) && qualifier.is_none()
    {
        let k = skip_spaces(chars, j + 1);
        let k = if chars.get(k) == Some(&'—') {
            k + 1
        } else {
            k
        };
        if chars
            .get(k)
            .is_some_and(|c| c.is_ascii_digit() || is_mask(*c))
        {
            // The lower bound is the value, the upper one the high end.
            if let Some((high, _, e2)) = parse_arabic(chars, display, k) {
                let e2s = skip_spaces(chars, e2);
                if let Some((u2, ue2)) = match_unit(chars, e2s) {
                    if unit.as_ref().is_none_or(|u| u.0 == u2) {
                        let mut fig = trail(
                            chars,
                            start,
                            value,
                            masked,
                            Some(u2),
                            ue2,
                            qualifier,
                            chinese,
                        );
                        fig.high = high.filter(|h| value.is_some_and(|v| *h > v));
                        return Some(fig);
                    }
                }
            }
        }
    }
    // No unit, no figure: years, list numbers and codes stay out.
    let (u, ue) = unit?;
    Some(trail(
        chars,
        start,
        value,
        masked,
        Some(u),
        ue,
        qualifier,
        chinese,
    ))
}

#[allow(clippy::too_many_arguments)]
fn trail(
    chars: &[char],
    start: usize,
    value: Option<f64>,
    masked: bool,
    unit: Option<String>,
    mut end: usize,
    mut qualifier: Option<&'static str>,
    chinese: bool,
) -> Figure {
    let j = skip_spaces(chars, end);
    for q in TRAILING_QUALIFIERS {
        if starts_with_at(chars, j, q) {
            qualifier = Some(q);
            end = j + q.chars().count();
            break;
        }
    }
    Figure {
        start,
        end,
        value,
        masked,
        unit,
        qualifier,
        chinese,
        high: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_filter_lets_every_figure_start_through() {
        // Every char that figure_at or the digit-run skip acts on passes the filter.
        for c in NON_ASCII_STARTS
            .chars()
            .chain('0'..='9')
            .chain('a'..='z')
            .chain('A'..='Z')
        {
            assert!(may_start(c), "{c}");
        }
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let starts = c.is_ascii_alphanumeric()
                || c == '×'
                || c == '百'
                || c == '万'
                || is_cn_digit(c).is_some()
                || cn_small_mult(c).is_some();
            assert!(!starts || may_start(c), "{c}");
        }
        // It turns most CJK chars away.
        let passed = ('\u{4e00}'..='\u{9fff}').filter(|&c| may_start(c)).count();
        assert!(passed * 3 < 0x9fff - 0x4e00, "{passed}");
    }
    use crate::fold::fold;

    type Fig = (Option<f64>, bool, Option<String>, Option<&'static str>);

    fn figs(s: &str) -> Vec<Fig> {
        let display: Vec<char> = s.chars().collect();
        let folded: Vec<char> = fold(s).chars().collect();
        scan(&folded, &display)
            .into_iter()
            .map(|f| (f.value, f.masked, f.unit, f.qualifier))
            .collect()
    }

    fn one(s: &str) -> Fig {
        let v = figs(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn a_grade_is_no_figure() {
        // `<figure>级` grades what follows; the counts beside it are still figures.
        let v = figs("培育百亿级企业5家、10亿元级项目12个，建成30万千瓦级电站2座。");
        let values: Vec<Option<f64>> = v.iter().map(|f| f.0).collect();
        assert_eq!(values, [Some(5.0), Some(12.0), Some(2.0)], "{v:?}");
        let chars: Vec<char> = fold("突破千亿级大关").chars().collect();
        assert_eq!(grade_end(&chars, 2), Some(5));
        assert_eq!(grade_end(&chars, 0), None);
        let chars: Vec<char> = fold("达到1000亿元").chars().collect();
        assert_eq!(grade_end(&chars, 2), None);
    }

    #[test]
    fn arabic_with_units() {
        assert_eq!(
            one("收入17575万元"),
            (Some(17575.0), false, Some("万元".into()), None)
        );
        assert_eq!(
            one("达到1,234.5亿元"),
            (Some(1234.5), false, Some("亿元".into()), None)
        );
        assert_eq!(
            one("外资747万美元"),
            (Some(747.0), false, Some("万美元".into()), None)
        );
        assert_eq!(
            one("增长6.08%"),
            (Some(6.08), false, Some("%".into()), None)
        );
    }

    #[test]
    fn full_width_and_spaced_decimals() {
        assert_eq!(
            one("总量６．１３万亿元"),
            (Some(6.13), false, Some("万亿元".into()), None)
        );
        assert_eq!(
            one("增长５．５％"),
            (Some(5.5), false, Some("%".into()), None)
        );
        assert_eq!(
            one("增长5 . 5%"),
            (Some(5.5), false, Some("%".into()), None)
        );
    }

    #[test]
    fn full_width_comma_is_not_a_thousands_separator() {
        // `１，２３４` in running text is two numbers split by a clause comma only if units say so.
        let v = figs("分别为12，345亿元");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, Some(345.0));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(
            one("首超百亿元"),
            (Some(100.0), false, Some("亿元".into()), None)
        );
        assert_eq!(
            one("提高一点五个百分点"),
            (Some(1.5), false, Some("个百分点".into()), None)
        );
        assert_eq!(
            one("投入两千万元"),
            (Some(2000.0), false, Some("万元".into()), None)
        );
        assert_eq!(
            one("增长百分之八"),
            (Some(8.0), false, Some("%".into()), None)
        );
        assert_eq!(
            one("三万二千元"),
            (Some(32000.0), false, Some("元".into()), None)
        );
        // Counting words and plan names are not figures.
        assert!(figs("一是抓好两个重点,十四五规划,三产增加值,第一产业").is_empty());
    }

    #[test]
    fn masked_figures() {
        assert_eq!(
            one("生产总值xx.x亿元"),
            (None, true, Some("亿元".into()), None)
        );
        assert_eq!(one("收入x.xx万元"), (None, true, Some("万元".into()), None));
        assert_eq!(one("占xx%"), (None, true, Some("%".into()), None));
        assert_eq!(one("增长XX%"), (None, true, Some("%".into()), None));
        assert_eq!(one("完成××亿元"), (None, true, Some("亿元".into()), None));
        // A masked place name or year is no figure.
        assert!(figs("xx镇20xx年工作").is_empty());
    }

    #[test]
    fn ranges_take_the_lower_bound() {
        assert_eq!(one("增长6%-7%"), (Some(6.0), false, Some("%".into()), None));
        assert_eq!(
            one("增长6%至7%"),
            (Some(6.0), false, Some("%".into()), None)
        );
        assert_eq!(one("增长6-7%"), (Some(6.0), false, Some("%".into()), None));
        assert_eq!(
            one("增长６％～７％"),
            (Some(6.0), false, Some("%".into()), None)
        );
    }

    #[test]
    fn ranges_keep_their_upper_end() {
        let high = |s: &str| {
            let display: Vec<char> = s.chars().collect();
            let folded: Vec<char> = fold(s).chars().collect();
            let f = scan(&folded, &display);
            assert_eq!(f.len(), 1, "{s}");
            (f[0].value, f[0].high, f[0].unit.clone())
        };
        let pct = Some("%".to_string());
        assert_eq!(high("增长5%—5.5%"), (Some(5.0), Some(5.5), pct.clone()));
        assert_eq!(high("增长4.5%—5%"), (Some(4.5), Some(5.0), pct.clone()));
        assert_eq!(high("增长4.5-5%"), (Some(4.5), Some(5.0), pct.clone()));
        assert_eq!(high("增长5%-5.5%"), (Some(5.0), Some(5.5), pct.clone()));
        assert_eq!(high("增长6.5%－7%"), (Some(6.5), Some(7.0), pct.clone()));
        assert_eq!(
            high("增长６．５％～７％"),
            (Some(6.5), Some(7.0), pct.clone())
        );
        assert_eq!(high("增长6%至7%"), (Some(6.0), Some(7.0), pct.clone()));
        assert_eq!(high("增长5%——5.5%"), (Some(5.0), Some(5.5), pct));
        assert_eq!(
            high("达到100亿元"),
            (Some(100.0), None, Some("亿元".into()))
        );
    }

    #[test]
    fn rate_units() {
        assert_eq!(one("提高0.8个百分点").2.as_deref(), Some("个百分点"));
        assert_eq!(one("增长1.5倍").2.as_deref(), Some("倍"));
        assert_eq!(one("人口自然增长率5.2‰").2.as_deref(), Some("‰"));
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("增长6%左右").3, Some("左右"));
        assert_eq!(one("1亿元以上").3, Some("以上"));
        assert_eq!(one("控制在3%以内").3, Some("以内"));
        assert_eq!(one("2.5%以下").3, Some("以下"));
        assert_eq!(
            one("贷款1000余万元"),
            (Some(1000.0), false, Some("万元".into()), Some("余"))
        );
        assert_eq!(
            one("20多亿元"),
            (Some(20.0), false, Some("亿元".into()), Some("多"))
        );
        // Between the magnitude and the unit.
        assert_eq!(
            one("2万余名志愿者"),
            (Some(2.0), false, Some("万名".into()), Some("余"))
        );
        assert_eq!(
            one("惠及3.5万多户"),
            (Some(3.5), false, Some("万户".into()), Some("多"))
        );
        // `多` that is no qualifier: a magnitude alone stays one.
        assert_eq!(
            one("达到2万多样化"),
            (Some(2.0), false, Some("万".into()), None)
        );
    }

    #[test]
    fn a_unit_per_another_is_one_unit() {
        assert_eq!(one("劳动生产率12万元/人").2.as_deref(), Some("万元/人"));
        assert_eq!(one("单产450公斤/亩").2.as_deref(), Some("公斤/亩"));
        assert_eq!(
            one("能耗0.5吨标准煤/万元").2.as_deref(),
            Some("吨标准煤/万元")
        );
        assert_eq!(one("用电1200千瓦时/户").2.as_deref(), Some("千瓦时/户"));
        // Not a unit after the `/`: the first unit alone.
        assert_eq!(one("投资12亿元/年度").2.as_deref(), Some("亿元"));
    }

    #[test]
    fn footnote_marks_are_not_digits() {
        assert_eq!(
            one("生产总值[1]102亿元"),
            (Some(102.0), false, Some("亿元".into()), None)
        );
        assert_eq!(
            one("增长6.1%[2]"),
            (Some(6.1), false, Some("%".into()), None)
        );
        assert_eq!(
            one("总值②102亿元"),
            (Some(102.0), false, Some("亿元".into()), None)
        );
        assert_eq!(
            one("达到102亿元②"),
            (Some(102.0), false, Some("亿元".into()), None)
        );
    }

    #[test]
    fn years_dates_and_codes_are_not_figures() {
        assert!(figs("2023年10月1日,5g基站,g20峰会").is_empty());
        assert_eq!(figs("2023年新增5g基站300个").len(), 1);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn spans_stay_inside_the_text(s in "[0-9０-９xX×.．,，。 %％‰万亿千百十一二两三点元吨人个余多左右以上至到~\\-\\[\\]②第gG]{0,60}") {
                let display: Vec<char> = s.chars().collect();
                let folded: Vec<char> = fold(&s).chars().collect();
                let mut last = 0;
                for f in scan(&folded, &display) {
                    prop_assert!(f.start < f.end && f.end <= folded.len());
                    prop_assert!(f.start >= last);
                    last = f.end;
                    prop_assert!(f.masked == f.value.is_none());
                }
            }

            #[test]
            fn decimals_read_back(int in 0u32..1_000_000, frac in 0u32..100) {
                let text = format!("达到{int}.{frac:02}亿元");
                let v = figs(&text);
                prop_assert_eq!(v.len(), 1);
                let want: f64 = format!("{int}.{frac:02}").parse().unwrap();
                prop_assert_eq!(v[0].0, Some(want));
            }
        }
    }
}
