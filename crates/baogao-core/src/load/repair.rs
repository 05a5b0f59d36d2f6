//! Printed-page repair: text that went through a page (a PDF's text layer, a copy-paste from a
//! print view) comes back hard-wrapped, with page numbers between and inside lines, blank lines
//! between every line, or run together on one line with spaces where the lines ended. This turns
//! it back into one line per paragraph. Clean text passes through unchanged: every rule needs the
//! evidence of a page (lines that end near one width, page-number lines, a regular rhythm of
//! spaces) before it touches anything, except the page-mark and spaced-digit rules, whose patterns
//! do not occur in running text.

use crate::marker;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthChar;

/// A line holding only a page number: `— 3 —`, `- 3 -`, `第3页`, `第3页 共20页`, `3/20`.
static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[—–\-－~·]{1,2}\s*\d{1,4}\s*[—–\-－~·]{1,2}|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4})$",
    )
    .expect("page-line pattern")
});

/// A page-number line ([`PAGE_LINE`]). Asked of every line: the regex runs only on a line
/// that starts with a char a match can start with (a dash, `第`, `共`, a digit), which few do.
fn is_page_line(t: &str) -> bool {
    let may_start = t.chars().next().is_some_and(|c| {
        // `\d` is any Unicode decimal digit: all of them are numeric.
        matches!(c, '—' | '–' | '-' | '－' | '~' | '·' | '第' | '共') || c.is_numeric()
    });
    may_start && PAGE_LINE.is_match(t)
}

/// A page number printed inside a line (a page break in the middle of a paragraph, run
/// together): ` — 3 — `, `- 3 -` with the spaces a page footer leaves.
static PAGE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[—–\-－]{1,2}\s+\d{1,4}\s+[—–\-－]{1,2}\s*").expect("page-mark pattern")
});

/// Digits written apart: three or more single digits or points separated by single spaces
/// (`1 9 9 7`, `7 4 7 7 2`, `5 . 5`), with the spaces that part them from the words around.
static SPACED_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(^|[^0-9A-Za-z.])[ \u{3000}]?([0-9](?: [0-9.])+ ?[0-9])[ \u{3000}]?([^0-9A-Za-z.]|$)",
    )
    .expect("spaced-digit pattern")
});

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// A line that ends a sentence or a lead-in.
fn ends_sentence(c: char) -> bool {
    "。！？!?；;：:…".contains(c)
}

/// Remove page marks inside a line and join digits written apart.
fn repair_inline(line: &str) -> Cow<'_, str> {
    if has_dash(line) && PAGE_MARK.is_match(line) {
        // Keep a space only where the mark parted two Latin words.
        let l = PAGE_MARK.replace_all(line, |c: &regex::Captures| {
            let m = c.get(0).map_or(0..0, |m| m.range());
            let before = line[..m.start].chars().next_back();
            let after = line[m.end..].chars().next();
            if before.is_none() || after.is_none() {
                return String::new();
            }
            if before.is_some_and(|b| b.is_ascii_alphabetic())
                && after.is_some_and(|a| a.is_ascii_alphabetic())
            {
                " ".to_string()
            } else {
                String::new()
            }
        });
        return Cow::Owned(join_spaced_digits(&l).into_owned());
    }
    join_spaced_digits(line)
}

/// Does `s` hold a dash a page mark is made of (`-`, `—`, `–`, `－`)? Looked for in the bytes:
/// most lines have none, and this is asked of every line. One search per dash: the lead bytes
/// of the wide ones (E2, EF) start most Chinese punctuation, so looking for those turned up a
/// candidate at nearly every comma.
fn has_dash(s: &str) -> bool {
    use memchr::memmem::Finder;
    static WIDE: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| ["—", "–", "－"].map(Finder::new));
    let b = s.as_bytes();
    memchr::memchr(b'-', b).is_some() || WIDE.iter().any(|f| f.find(b).is_some())
}

/// `1 9 9 7 年` → `1997年`, `5 . 5%` → `5.5%`: only runs of three or more single characters, at
/// least two of them digits, so that `第1 2条`-like pairs stay as written.
fn join_spaced_digits(l: &str) -> Cow<'_, str> {
    // Every match has a digit followed by a space: most lines have none, and skip the regex.
    let b = l.as_bytes();
    let digit_space = memchr::memchr_iter(b' ', b).any(|i| i > 0 && b[i - 1].is_ascii_digit());
    if !digit_space || !SPACED_DIGITS.is_match(l) {
        return Cow::Borrowed(l);
    }
    let mut out = String::with_capacity(l.len());
    let mut last = 0;
    // Matches may share their boundary character: search again from each match's digits' end.
    let mut pos = 0;
    while let Some(c) = SPACED_DIGITS.captures_at(l, pos) {
        let (Some(whole), Some(pre), Some(digits), Some(post)) =
            (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            break;
        };
        let run = digits.as_str();
        let tokens: Vec<&str> = run.split(' ').filter(|t| !t.is_empty()).collect();
        let single = tokens.iter().all(|t| t.chars().count() == 1);
        let digit_count = tokens
            .iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_digit()))
            .count();
        let dots = tokens.iter().filter(|t| **t == ".").count();
        if single && tokens.len() >= 3 && digit_count >= 2 && dots <= 1 {
            out.push_str(&l[last..pre.end()]);
            out.push_str(&run.replace(' ', ""));
            last = post.start();
        } else {
            out.push_str(&l[last..digits.end()]);
            last = digits.end();
        }
        pos = post.start().max(whole.start() + 1);
        if pos >= l.len() {
            break;
        }
    }
    out.push_str(&l[last..]);
    Cow::Owned(out)
}

/// The length of a line, in two measures: characters, and half display cells (a CJK character is
/// one, a digit half). Typesetters wrap by width; editors by characters. Both stop at
/// [`MEASURE_CAP`]: a paragraph on one line is not walked to its end.
fn measures(line: &str) -> (usize, usize) {
    measures_up_to(line, MEASURE_CAP)
}

/// [`measures`] capped at `cap`: a line walked only as far as a decision needs.
fn measures_up_to(line: &str, cap: usize) -> (usize, usize) {
    let b = line.trim_end().as_bytes();
    let bmp = &*BMP_WIDTHS;
    let (mut i, mut chars, mut cells) = (0, 0, 0);
    while let Some(&x) = b.get(i) {
        // ASCII and three-byte chars (all of Chinese text, punctuation included) without a
        // branch between them — text alternates between the two too often for a branch to be
        // guessed — by their code point's width in the table; the rest decoded.
        let (len, width) = if x < 0x80 || (0xe0..0xf0).contains(&x) {
            let three = x >= 0xe0;
            let y = usize::from(b.get(i + 1).copied().unwrap_or(0) & 0x3f);
            let z = usize::from(b.get(i + 2).copied().unwrap_or(0) & 0x3f);
            let c = if three {
                (usize::from(x & 0x0f) << 12) | (y << 6) | z
            } else {
                usize::from(x)
            };
            (if three { 3 } else { 1 }, usize::from(bmp[c]))
        } else {
            other_char(line, i)
        };
        i += len;
        chars += 1;
        cells += width;
        if chars >= cap && cells >= 2 * cap {
            break;
        }
    }
    (chars.min(cap), cells.div_ceil(2).min(cap))
}

/// The length in bytes and the width of the (two- or four-byte) char at byte `i`.
#[cold]
fn other_char(s: &str, i: usize) -> (usize, usize) {
    s.get(i..)
        .and_then(|t| t.chars().next())
        .map_or((1, 0), |c| (c.len_utf8(), c.width().unwrap_or(0)))
}

/// The display width of every char of the Basic Multilingual Plane (0 for surrogates), as
/// `unicode-width` gives it: one lookup per char, where punctuation and U+4E00..U+4FFF went
/// through `unicode-width`'s search (a table built once, 64 KB).
static BMP_WIDTHS: LazyLock<Box<[u8; 0x10000]>> = LazyLock::new(|| {
    let mut t = Box::new([0u8; 0x10000]);
    for (i, w) in t.iter_mut().enumerate() {
        *w = char::from_u32(i as u32).map_or(0, |c| c.width().unwrap_or(0) as u8);
    }
    t
});

/// Lengths from here on all tell the same (far longer than any page): [`wrap_width`] looks at
/// lengths up to 400 and at whether one is over 401.
const MEASURE_CAP: usize = 402;

/// The line width of a wrapped text: the most common length of its long lines, and how many
/// lines end within a small window below it. `None` when the lines do not share one width.
fn wrap_width(lengths: &[usize]) -> Option<(usize, usize, usize)> {
    let long: Vec<usize> = lengths.iter().copied().filter(|&n| n >= 8).collect();
    if long.len() < 5 {
        return None;
    }
    let max = *long.iter().max()?;
    if max > 400 {
        // Paragraph-per-line text has lines far longer than any page.
        let over = long.iter().filter(|&&n| n > 120).count();
        if over * 10 > long.len() {
            return None;
        }
    }
    let mut hist = vec![0usize; max.min(400) + 2];
    for &n in &long {
        hist[n.min(400)] += 1;
    }
    // A full line ends at the width, or one or two short of it (a wide character or a word that
    // did not fit), or one over (closing punctuation kept on its line).
    let window = |w: usize| -> usize {
        (w.saturating_sub(2)..=w + 1)
            .map(|n| hist.get(n).copied().unwrap_or(0))
            .sum()
    };
    // The width bounds the lines: only a few (a URL, a table row) may run past it.
    let allowed = (long.len() / 30).max(1);
    let over = |w: usize| long.iter().filter(|&&n| n > w + 1).count();
    let (w, count) = (10..=400.min(max))
        .filter(|&w| over(w) <= allowed)
        .map(|w| (w, window(w)))
        .max_by_key(|&(w, c)| (c, w))?;
    if w > MAX_WIDTH {
        return None;
    }
    // How far short of the width a full line falls in this text: one or two characters only
    // when such lines are common (mixed widths, kinsoku), else a line one short has ended.
    let mut low = w;
    while low + 2 > w && low > 0 && hist.get(low - 1).copied().unwrap_or(0) * 5 >= hist[w].max(1) {
        low -= 1;
    }
    Some((w, count, low))
}

/// The widest wrap [`wrap_width`] gives: a page or an editor window, not a paragraph.
const MAX_WIDTH: usize = 120;

/// Lines measured this far tell whether a text can be wrapped at all: a length of
/// [`PAST_ANY_WIDTH`] runs past every width [`wrap_width`] can give by two or more.
const PAST_ANY_WIDTH: usize = MAX_WIDTH + 2;

/// Do more lines run past every possible width than [`wrap_width`] allows past its width? Then
/// it finds none, whatever their exact lengths: each width it can give (at most 120) allows at
/// most `long / 30` (at least one) lines longer than it by two or more. Asked of lengths capped at
/// [`PAST_ANY_WIDTH`], so that a paragraph-per-line text, whose lines are mostly longer, is
/// measured no further than that.
fn runs_past_any_width(lengths: &[usize]) -> bool {
    let long = lengths.iter().filter(|&&n| n >= 8).count();
    let past = lengths.iter().filter(|&&n| n >= PAST_ANY_WIDTH).count();
    past > (long / 30).max(1)
}

/// How the lines of a text were wrapped.
#[derive(Debug, Clone, Copy)]
struct Wrap {
    /// Measure by half cells (true) or by characters.
    by_cells: bool,
    /// The shortest length a full line has.
    full: usize,
}

impl Wrap {
    /// A line that reaches the wrap width.
    fn is_full(&self, line: &str) -> bool {
        let (chars, cells) = measures(line);
        let n = if self.by_cells { cells } else { chars };
        n >= self.full
    }
}

/// The lines' [`measures`], by chars and by cells, or `None` when they run past any wrap width
/// (most texts are not wrapped, and their lines show it within their first 122 chars).
///
/// Measuring stops as soon as more lines run past any width, both ways, than
/// [`runs_past_any_width`] allows of all the lines (it allows fewer of the long ones): its answer
/// is then known. A text with a paragraph a line, most of them long, is measured no further
/// than its first lines (measuring every line was a tenth of loading a file).
fn wrap_lengths(lines: &[&str]) -> Option<(Vec<usize>, Vec<usize>)> {
    let allowed = (lines.len() / 30).max(1);
    let (mut chars, mut cells) = (
        Vec::with_capacity(lines.len()),
        Vec::with_capacity(lines.len()),
    );
    let (mut past_chars, mut past_cells) = (0, 0);
    for l in lines {
        let (a, b) = measures_up_to(l, PAST_ANY_WIDTH);
        past_chars += usize::from(a >= PAST_ANY_WIDTH);
        past_cells += usize::from(b >= PAST_ANY_WIDTH);
        if past_chars > allowed && past_cells > allowed {
            return None;
        }
        chars.push(a);
        cells.push(b);
    }
    if runs_past_any_width(&chars) && runs_past_any_width(&cells) {
        return None;
    }
    // A line whose walk stopped at the cap is measured on; the others were walked to their end.
    for (i, l) in lines.iter().enumerate() {
        if chars[i] == PAST_ANY_WIDTH || cells[i] == PAST_ANY_WIDTH {
            (chars[i], cells[i]) = measures(l);
        }
    }
    Some((chars, cells))
}

/// Do the lines share one wrap width (most long lines end within two characters of it, and
/// mostly in the middle of a sentence)?
fn detect_wrap(lines: &[&str], printed: bool) -> Option<Wrap> {
    let body: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !trim(l).is_empty())
        .collect();
    if body.len() < 8 {
        return None;
    }
    let (chars, cells) = wrap_lengths(&body)?;
    let by_chars = wrap_width(&chars);
    let by_cells = wrap_width(&cells);
    let (by_cells, (_, count, full)) = match (by_chars, by_cells) {
        (Some(a), Some(b)) if b.1 > a.1 => (true, b),
        (Some(a), _) => (false, a),
        (None, Some(b)) => (true, b),
        (None, None) => return None,
    };
    let wrap = Wrap { by_cells, full };
    // At least a third of the lines are full (of a text known to be printed, a few), and full
    // lines mostly break a sentence.
    let enough = if printed {
        count >= 3
    } else {
        count * 3 >= body.len()
    };
    if !enough {
        return None;
    }
    let full: Vec<&&str> = body.iter().filter(|l| wrap.is_full(l)).collect();
    let ending = full
        .iter()
        .filter(|l| trim(l).chars().last().is_some_and(ends_sentence))
        .count();
    if ending * 2 > full.len() {
        return None;
    }
    Some(wrap)
}

fn indent_of(line: &str) -> bool {
    line.starts_with('\u{3000}') || line.starts_with("  ") || line.starts_with('\t')
}

/// Does `next` open a heading paragraph? After a full line that leaves its sentence open, a
/// marker is a wrapped inline word (`…主要有` / `一是…`, `增长` / `3.5%`), not a heading.
fn opens_heading(prev: &str, prev_full: bool, next: &str) -> bool {
    marker::parse(next).is_some()
        && (!prev_full || trim(prev).chars().last().is_none_or(ends_sentence))
}

/// Does a paragraph (so far) read as a heading or title line: a marker and no full stop, or no
/// sentence punctuation at all?
fn is_bare_heading(paragraph: &str) -> bool {
    let t = trim(paragraph);
    (marker::parse(t).is_some() && !t.contains('。')) || !t.contains(['。', '，', '；', ',', ';'])
}

/// Join the text of `next` onto `cur`: Latin words keep a space between them, nothing else does.
fn push_joined(cur: &mut String, next: &str) {
    let a = cur.chars().next_back();
    let b = next.chars().next();
    if a.is_some_and(|c| c.is_ascii_alphabetic()) && b.is_some_and(|c| c.is_ascii_alphabetic()) {
        cur.push(' ');
    }
    cur.push_str(next);
}

/// Remove one space between two CJK characters (the residue of a joined wrap).
fn drop_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if (c == ' ' || c == '\u{3000}')
            && i > 0
            && chars.get(i - 1).copied().is_some_and(is_cjk)
            && chars.get(i + 1).copied().is_some_and(is_cjk)
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// Join hard-wrapped lines into paragraphs.
fn unwrap_lines(lines: &[&str], wrap: Wrap) -> Vec<String> {
    let nonblank = lines.iter().filter(|l| !trim(l).is_empty()).count();
    // Blank lines after (almost) every line carry no paragraph information.
    let blank_after = lines
        .windows(2)
        .filter(|w| !trim(w[0]).is_empty() && trim(w[1]).is_empty())
        .count();
    let blanks_are_spacing = blank_after * 10 >= nonblank * 6;
    // Indentation marks paragraph starts when some, not all, lines carry it.
    let indented = lines
        .iter()
        .filter(|l| !trim(l).is_empty() && indent_of(l))
        .count();
    let indent_marks = indented * 30 >= nonblank && indented * 10 <= nonblank * 6;

    let mut out: Vec<String> = Vec::new();
    // The paragraph being built, its last raw line, and its line count.
    let mut cur: Option<(String, String, usize)> = None;
    let mut pending_blank = false;
    // Whether the last line was a table's row.
    let mut last_row = false;
    for &line in lines {
        let t = trim(line);
        if t.is_empty() {
            pending_blank = !blanks_are_spacing;
            continue;
        }
        let blank = std::mem::take(&mut pending_blank);
        let row = super::is_table_row(line);
        let after_row = std::mem::replace(&mut last_row, row);
        if let Some((para, last, count)) = cur.as_mut() {
            let last_char = trim(last).chars().last().unwrap_or('。');
            let full = wrap.is_full(last);
            let join = if opens_heading(last, full, t)
                || (indent_marks && indent_of(line))
                || after_row
                || row
            {
                false
            } else if full {
                // A full line continues unless it ends a sentence and with it a bare heading
                // line or a paragraph that a blank line closes.
                let heading = marker::parse(trim(para)).is_some() && is_bare_heading(para);
                !(ends_sentence(last_char) && (heading || blank))
            } else if ends_sentence(last_char) || blank {
                false
            } else {
                // A short line that leaves its sentence open continues a running paragraph
                // (`规模以上工` / `业增加值…`); a one-line title or a bare heading stays alone.
                *count >= 2 && !is_bare_heading(para)
            };
            if join {
                push_joined(para, t);
                *last = line.to_string();
                *count += 1;
                continue;
            }
            out.push(std::mem::take(para));
        }
        cur = Some((line.trim_end().to_string(), line.to_string(), 1));
    }
    if let Some((para, _, _)) = cur {
        out.push(para);
    }
    out.into_iter()
        .map(|p| {
            if super::is_table_row(&p) {
                p
            } else {
                drop_cjk_spaces(&p)
            }
        })
        .collect()
}

/// A line run together from a page, with spaces where its lines ended: its pieces between
/// spaces, when they share one wrap width. `None` for running text with a few spaces in it.
fn spaced_pieces(line: &str) -> Option<Vec<String>> {
    if crate::char_count::under(line, 200) {
        return None;
    }
    // Eight pieces need seven spaces at least: counted with memchr up to seven, most lines
    // have fewer.
    static IDEOGRAPHIC_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    let b = line.as_bytes();
    let ascii = memchr::memchr_iter(b' ', b).take(7).count();
    if ascii + IDEOGRAPHIC_SPACE.find_iter(b).take(7 - ascii).count() < 7 {
        return None;
    }
    let pieces: Vec<&str> = line
        .split([' ', '\u{3000}'])
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() < 8 {
        return None;
    }
    detect_wrap(&pieces, false)?;
    Some(pieces.into_iter().map(String::from).collect())
}

/// Drop the running headers and footers of a text whose pages end at page-number lines
/// (`breaks`: where each stood in `lines`), by [`super::running`]'s rule over each page's
/// non-blank lines.
fn drop_running_lines(lines: &mut Vec<String>, breaks: &[usize]) {
    let mut pages: Vec<Vec<usize>> = Vec::with_capacity(breaks.len() + 1);
    let mut from = 0;
    for end in breaks.iter().copied().chain([lines.len()]) {
        let end = end.max(from);
        pages.push(
            (from..end)
                .filter(|&i| !trim(&lines[i]).is_empty())
                .collect(),
        );
        from = end;
    }
    let texts: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.iter().map(|&i| lines[i].as_str()).collect())
        .collect();
    let mut drop = vec![false; lines.len()];
    for (p, (top, bottom)) in pages.iter().zip(super::running::running_edges(&texts)) {
        let keep = p.len().saturating_sub(bottom);
        for &i in p[..top.min(keep)].iter().chain(&p[keep..]) {
            drop[i] = true;
        }
    }
    if drop.contains(&true) {
        let mut at = 0;
        lines.retain(|_| {
            at += 1;
            !drop[at - 1]
        });
    }
}

/// Repair printed-page damage in cleaned lines; clean text comes back as it was.
pub fn repair(lines: Vec<String>) -> Vec<String> {
    repair_as(lines, false)
}

/// Repair the lines of a text known to come from printed pages (a PDF's text layer): a few lines
/// that end at one width are evidence enough of wrapping.
pub fn repair_printed(lines: Vec<String>) -> Vec<String> {
    repair_as(lines, true)
}

fn repair_as(lines: Vec<String>, printed: bool) -> Vec<String> {
    let mut fixed: Vec<String> = Vec::with_capacity(lines.len());
    // Where page-number lines stood: the pages' ends.
    let mut breaks: Vec<usize> = Vec::new();
    for l in lines {
        if is_page_line(trim(&l)) {
            breaks.push(fixed.len());
            continue;
        }
        let changed = match repair_inline(&l) {
            Cow::Owned(r) => Some(r),
            Cow::Borrowed(_) => None,
        };
        let r = changed.unwrap_or(l);
        match spaced_pieces(&r) {
            Some(pieces) => fixed.extend(pieces),
            None => fixed.push(r),
        }
    }
    if breaks.len() >= 2 {
        drop_running_lines(&mut fixed, &breaks);
    }
    let refs: Vec<&str> = fixed.iter().map(String::as_str).collect();
    match detect_wrap(&refs, printed) {
        Some(wrap) => unwrap_lines(&refs, wrap),
        None => fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte search finds a dash exactly when the line holds one.
        #[test]
        fn dashes_are_found_by_their_bytes(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "-", "—", "–", "－", "，", "“", "”", "…", "‒", "ｍ", "中", "a", " ",
            ]), 0..20),
        ) {
            let s = v.concat();
            proptest::prop_assert_eq!(has_dash(&s), s.contains(['-', '—', '–', '－']));
        }

        /// The first-char test never turns away a line the regex takes.
        #[test]
        fn page_lines_are_what_the_regex_takes(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "第", "共", "页", "3", "12", "３", "٣", "/", "，", ",", " ", "\u{3000}", "—", "–",
                "-", "－", "~", "·", "一", "a", "²",
            ]), 0..12),
        ) {
            let s = v.concat();
            proptest::prop_assert_eq!(is_page_line(&s), PAGE_LINE.is_match(&s));
        }

        /// … nor one shaped like a page number (any digits, dashes and spacing).
        #[test]
        fn page_shaped_lines_are_what_the_regex_takes(
            s in "(第|共|[—–\\-－~·]{1,2}|)[ 　]{0,2}[0-9０-９٣²]{1,3}[ 　]{0,2}(页|[—–\\-－~·]{1,2}|/ ?[0-9０-９٣]{1,2}|)( ?[，,/]? ?共 ?[0-9]{1,2} ?页| ?第[0-9]页)?",
        ) {
            proptest::prop_assert_eq!(is_page_line(&s), PAGE_LINE.is_match(&s));
        }

        /// Capping measured lengths at MEASURE_CAP never changes the width found.
        #[test]
        fn capped_lengths_find_the_same_width(
            v in proptest::collection::vec(0usize..1500, 0..80),
            w in 8usize..130,
        ) {
            // Many lines at one width, as a page makes, among the random ones.
            let mut v = v;
            v.extend(std::iter::repeat_n(w, v.len() / 2));
            let capped: Vec<usize> = v.iter().map(|&n| n.min(MEASURE_CAP)).collect();
            proptest::prop_assert_eq!(wrap_width(&v), wrap_width(&capped));
        }
    }

    proptest::proptest! {
        /// When lengths capped at PAST_ANY_WIDTH run past any width, the full lengths have no
        /// wrap width either.
        #[test]
        fn lines_past_any_width_have_no_wrap_width(
            w in proptest::prop_oneof![10usize..=120, 116usize..=120],
            // A page's lines: at its width or up to three short of it.
            short in proptest::collection::vec(0usize..4, 5..90),
            // A few longer ones (table rows, URLs), some just past the widest wrap.
            long in proptest::collection::vec(
                proptest::prop_oneof![116usize..126, 126usize..600],
                0..6,
            ),
        ) {
            let mut v: Vec<usize> = short.iter().map(|s| w - s).collect();
            v.extend(long);
            let capped: Vec<usize> = v.iter().map(|&n| n.min(PAST_ANY_WIDTH)).collect();
            if runs_past_any_width(&capped) {
                proptest::prop_assert_eq!(wrap_width(&v), None);
            }
        }

        /// A line measured up to PAST_ANY_WIDTH is exact in both measures unless one of them
        /// reached the cap.
        #[test]
        fn a_walk_short_of_the_cap_is_exact(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "中", "，", "a", "5", " ", "\u{200b}", "𠀀", "—", "ｱ",
            ]), 0..300),
        ) {
            let s = v.concat();
            let (chars, cells) = measures_up_to(&s, PAST_ANY_WIDTH);
            if chars < PAST_ANY_WIDTH && cells < PAST_ANY_WIDTH {
                proptest::prop_assert_eq!((chars, cells), measures(&s));
            }
        }
    }

    proptest::proptest! {
        /// Stopping once enough lines run past any width gives what measuring every line and
        /// then asking [`runs_past_any_width`] gives, wherever the long lines are.
        #[test]
        fn stopping_early_gives_what_measuring_every_line_gives(
            // Mostly a page's lines, with a few long ones (as many as a page allows, or more).
            kinds in proptest::collection::vec(
                proptest::prop_oneof![
                    20 => proptest::strategy::Just(0usize),
                    3 => proptest::strategy::Just(2),
                    1 => proptest::strategy::Just(1),
                    1 => proptest::strategy::Just(3),
                    1 => proptest::strategy::Just(4),
                ],
                0..200,
            ),
        ) {
            let sentence = "推进乡村振兴，发展现代农业，增加农民收入。";
            let paragraph = sentence.repeat(15);
            // A page's line: 36 chars.
            let page = &paragraph[..36 * 3];
            let latin = "GDP growth 5.2% ".repeat(9);
            let narrow = "半角ｶﾀｶﾅ".repeat(30);
            let lines: Vec<&str> = kinds
                .iter()
                .map(|k| match k {
                    0 => page,
                    1 => paragraph.as_str(),
                    2 => "一、总体要求",
                    3 => latin.as_str(),
                    _ => narrow.as_str(),
                })
                .collect();
            let (chars, cells): (Vec<usize>, Vec<usize>) =
                lines.iter().map(|l| measures_up_to(l, PAST_ANY_WIDTH)).unzip();
            let every = if runs_past_any_width(&chars) && runs_past_any_width(&cells) {
                None
            } else {
                Some(lines.iter().map(|l| measures(l)).unzip())
            };
            proptest::prop_assert_eq!(wrap_lengths(&lines), every);
        }
    }

    /// Paragraph-per-line text, wrapped text and a mix: the short walk gives up only where the
    /// full lengths have no wrap width, and otherwise gives the full lengths.
    #[test]
    fn the_short_walk_decides_as_the_full_one() {
        let sentence = "推进乡村振兴，发展现代农业，增加农民收入。";
        let long = sentence.repeat(12);
        let text = wrap_chars(&[&long, &long, &long], 36, true);
        let wrapped: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let paragraphs: Vec<&str> = vec![long.as_str(); 40];
        // One long line among many at one width (a table row, a URL), which a page allows.
        let mut mixed = wrapped.clone();
        mixed.insert(3, &long);
        for (lines, gives_up) in [(&wrapped, false), (&mixed, false), (&paragraphs, true)] {
            let (chars, cells): (Vec<usize>, Vec<usize>) =
                lines.iter().map(|l| measures(l)).unzip();
            match wrap_lengths(lines) {
                None => {
                    assert!(gives_up);
                    assert_eq!((wrap_width(&chars), wrap_width(&cells)), (None, None));
                }
                Some(got) => {
                    assert!(!gives_up);
                    assert_eq!(got, (chars, cells));
                }
            }
        }
        // The long line is measured in full, and the page's width is still found.
        let (chars, _) = wrap_lengths(&mixed).expect("a page's lines");
        assert_eq!(chars[3], long.chars().count());
        assert!(wrap_width(&chars).is_some());
        assert!(detect_wrap(&wrapped, false).is_some());
    }

    /// The char walk [`measures`] must agree with.
    fn measures_by_chars(s: &str) -> (usize, usize) {
        let (mut chars, mut cells) = (0, 0);
        for c in s.trim_end().chars() {
            chars += 1;
            cells += c.width().unwrap_or(0);
        }
        (chars.min(MEASURE_CAP), cells.div_ceil(2).min(MEASURE_CAP))
    }

    /// Every char of the Basic Multilingual Plane, alone and after an ideograph, measures as
    /// the char walk measures it (the width table and the lead-byte shortcuts included).
    #[test]
    fn every_bmp_char_measures_as_walked() {
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("中{c}")] {
                assert_eq!(measures(&s), measures_by_chars(&s), "U+{:04X}", c as u32);
            }
        }
    }

    proptest::proptest! {
        /// Measuring by bytes gives what measuring char by char does.
        #[test]
        fn measures_agree_with_a_char_walk(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "中", "䷀", "㐀", "　", "，", "a", "5", " ", "\t", "é", "𠀀", "\u{200b}", "ｱ", "—",
                "。", "一", "〪", "〿", "“",
            ]), 0..500),
        ) {
            let s = v.concat();
            proptest::prop_assert_eq!(measures(&s), measures_by_chars(&s));
        }
    }

    fn lines(s: &str) -> Vec<String> {
        s.split('\n').map(String::from).collect()
    }

    /// Our own report paragraphs, wrapped by characters.
    fn wrap_chars(paragraphs: &[&str], width: usize, indent: bool) -> String {
        let mut out = Vec::new();
        for p in paragraphs {
            let text = if indent {
                format!("\u{3000}\u{3000}{p}")
            } else {
                p.to_string()
            };
            let chars: Vec<char> = text.chars().collect();
            for chunk in chars.chunks(width) {
                out.push(chunk.iter().collect::<String>());
            }
        }
        out.join("\n")
    }

    const PARAS: &[&str] = &[
        "各位代表：",
        "一、过去一年工作回顾",
        "过去一年，全镇上下齐心协力，经济运行稳中向好，全年实现地区生产总值18.6亿元，同比增长6.5%左右，规模以上工业增加值增长8.3%，一般公共预算收入完成1.2亿元，增长7.2%。",
        "我们坚持项目为王，新建道路十二公里，改造老旧小区三个，新增城镇就业岗位八百个，城镇登记失业率控制在3.5%以内，居民人均可支配收入增长6%左右。",
        "二、今年工作安排",
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业九百人，粮食产量稳定在三万吨以上，节能减排完成上级下达任务。",
    ];

    #[test]
    fn hard_wrapped_lines_become_paragraphs() {
        let text = wrap_chars(PARAS, 20, false);
        assert_eq!(repair(lines(&text)), PARAS);
    }

    #[test]
    fn indented_wraps_and_blank_lines_between_every_line() {
        let text = wrap_chars(PARAS, 24, true).replace('\n', "\n\n");
        let got: Vec<String> = repair(lines(&text))
            .iter()
            .map(|p| trim(p).to_string())
            .collect();
        assert_eq!(got, PARAS);
    }

    #[test]
    fn page_numbers_between_and_inside_lines() {
        let wrapped = wrap_chars(PARAS, 22, false);
        let mut with_pages: Vec<&str> = wrapped.lines().collect();
        with_pages.insert(6, "— 1 —");
        with_pages.insert(12, "第2页");
        with_pages.insert(16, "3/20");
        let got = repair(with_pages.iter().map(|s| s.to_string()).collect());
        assert_eq!(got, PARAS);
        assert_eq!(
            repair_inline("一 — 1 — 般公共预算收入增长7.2%"),
            "一般公共预算收入增长7.2%"
        );
        assert_eq!(repair_inline("全年 - 12 - 增长"), "全年增长");
        // A range written with a dash is not a page mark.
        assert_eq!(repair_inline("2021-2025年"), "2021-2025年");
    }

    #[test]
    fn one_line_with_spaces_at_the_old_line_ends() {
        let text = wrap_chars(PARAS, 21, false).replace('\n', " ");
        assert_eq!(repair(vec![text]), PARAS);
    }

    #[test]
    fn a_qualifier_and_a_word_broken_across_a_blank_line_stay_whole() {
        let text = "过去一年，全镇经济运行总体平稳，地区生产总值增长6%左\n\n右，发展质量稳步提升，各项事业全面进步。全年新建道路\n\n十二公里，规模以上工\n\n业增加值增长8.3%，固定资产投资增长百分之五，社会消\n\n费品零售总额增长百分之七，城乡居民收入稳步提高。\n\n二、今年工作安排\n\n今年的主要目标是：生产总值增长5%左右，新增就业九百\n\n人，城镇登记失业率控制在3.5%以内，粮食产量稳定。";
        let got = repair(lines(text));
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].contains("增长6%左右，"));
        assert!(got[0].contains("规模以上工业增加值增长8.3%"));
        assert_eq!(got[1], "二、今年工作安排");
    }

    /// A page's worth of wrapped lines: the running head and page number fall between them.
    fn paged(body: &[&str], head: &str, every: usize) -> String {
        let mut out = vec!["青山镇2030年工作总结".to_string()];
        for (i, l) in body.iter().enumerate() {
            out.push(l.to_string());
            if (i + 1) % every == 0 {
                out.extend(["".into(), format!("- {} -", (i + 1) / every), "".into()]);
                out.push(head.to_string());
            }
        }
        out.join("\n")
    }

    const WRAPPED: [&str; 9] = [
        "一、2030年工作回顾",
        "　　过去一年，全镇经济运行总体平稳，地区生产",
        "总值增长6%，规模以上工业增加值增长8.3%，固",
        "定资产投资增长5%，社会消费品零售总额增长7%",
        "，城乡居民收入稳步提高，民生事业全面进步。",
        "　　全年新建村道十二公里，改造危房三十六户，",
        "新增就业九百人，城镇登记失业率控制在3.5%以",
        "内，粮食产量稳定在二万吨以上，集镇面貌一新。",
        "二、2031年工作安排",
    ];

    #[test]
    fn a_running_head_between_pages_goes_and_the_sentence_it_split_is_whole() {
        let got = repair(lines(&paged(&WRAPPED, "青山镇人民政府文件", 2)));
        assert!(!got.iter().any(|l| l.contains("人民政府文件")), "{got:#?}");
        assert!(
            got.iter().any(|l| l.contains("地区生产总值增长6%")),
            "{got:#?}"
        );
        assert!(
            got.iter().any(|l| l.contains("固定资产投资增长5%")),
            "{got:#?}"
        );
        assert!(got.iter().any(|l| l.contains("控制在3.5%以内")), "{got:#?}");
        // The title, which the head repeats on every page, stays where the report opens.
        let got = repair(lines(&paged(&WRAPPED, "青山镇2030年工作总结", 2)));
        assert_eq!(got[0], "青山镇2030年工作总结");
        assert_eq!(got.iter().filter(|l| l.contains("工作总结")).count(), 1);
    }

    #[test]
    fn a_line_that_heads_only_some_pages_stays() {
        // Page breaks every three lines: the line after two of four breaks is no running head.
        let mut body = WRAPPED.to_vec();
        body.insert(7, "青山镇人民政府文件");
        let text = paged(&body, "", 3);
        let got = repair(lines(&text));
        assert!(
            got.iter().any(|l| l.contains("青山镇人民政府文件")),
            "{got:#?}"
        );
    }

    #[test]
    fn spaced_digits() {
        assert_eq!(
            join_spaced_digits("1 9 9 7 年国内生产总值达到 7 4 7 7 2 亿元，增长 5 . 5%"),
            "1997年国内生产总值达到74772亿元，增长5.5%"
        );
        // Two numbers side by side and ordinary spaced words stay.
        assert_eq!(join_spaced_digits("第1 2条"), "第1 2条");
        assert_eq!(join_spaced_digits("2023年 1-11月"), "2023年 1-11月");
        assert_eq!(join_spaced_digits("GDP 12 3 4"), "GDP 12 3 4");
    }

    #[test]
    fn clean_text_is_untouched() {
        let clean: Vec<String> = PARAS.iter().map(|s| s.to_string()).collect();
        assert_eq!(repair(clean.clone()), clean);
        let titled = lines("政 府 工 作 报 告\n——2024年1月5日在某镇第一届人民代表大会第三次会议上\n镇长 某某\n各位代表：\n一、回顾");
        assert_eq!(repair(titled.clone()), titled);
    }
}
