//! Which line of a plain text file each paragraph starts on, for `path:LINE:` output that an
//! editor can open (`$EDITOR +LINE path`).
//!
//! Loading only drops and joins: cleaning removes controls, inline residue and whole lines
//! (menus, headers, a repeated body), printed-page repair joins hard-wrapped lines and drops page
//! numbers, paragraphs split run-together lines at inline headings. None of it adds a visible
//! character or reorders text. So each paragraph is found again in the file's lines by its
//! *skeleton* (its characters without whitespace and invisibles), in order: the next paragraph
//! starts no earlier than where the previous one started plus its own skeleton length.
//!
//! Lines are counted as editors count them: a file with any LF breaks at LF (a CRLF is one break,
//! a stray CR is not one); a file without LF (old Mac) breaks at CR. The encoding does not matter:
//! the decoded text has the same lines as the bytes.

use super::clean::{self, ResidueMarks};
use std::borrow::Cow;

/// Characters of a paragraph's start that are compared; enough to tell paragraphs apart.
const PREFIX: usize = 24;
/// How far past the expected place a paragraph's start is looked for (in skeleton bytes: 2^18
/// Chinese chars): what cleaning may have dropped in between (a menu, a repeated body) is
/// rarely longer.
const WINDOW: usize = 3 << 18;
/// All searches of a file together look at most this many times its skeleton (plus
/// [`WINDOW`]): paragraphs that cannot be found again cost linear time, not quadratic.
const SCANS: usize = 8;

/// Does `c` count in a skeleton? Whitespace and what cleaning drops or turns into spaces do not.
fn counts(c: char) -> bool {
    // CJK, full-width forms and printable ASCII first: none is whitespace or listed below.
    if matches!(c as u32, 0x21..=0x7e | 0x3001..=0xfefe | 0xff00..=0xffff) {
        return true;
    }
    !(c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{3000}'
                | '\u{a0}'
                | '\u{feff}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2060}'
                | '\u{ad}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        ))
}

/// The file's lines as an editor numbers them.
fn physical_lines(text: &str) -> Vec<&str> {
    if text.contains('\n') {
        crate::split_lf::split_lf(text).collect()
    } else {
        text.split('\r').collect()
    }
}

/// The skeleton of a file's text, with the skeleton index each line starts at. Kept as UTF-8
/// bytes: built by copying runs of chars, searched with memchr's substring search (a match of
/// a whole char sequence in UTF-8 starts on a char boundary).
struct Skeleton {
    bytes: Vec<u8>,
    /// `starts[k]`: index in `bytes` of line k's first char.
    starts: Vec<usize>,
}

impl Skeleton {
    /// The skeleton of a file's lines ([`physical_lines`]).
    fn new(lines: &[&str], residue: &ResidueMarks) -> Skeleton {
        Skeleton::from_lines(
            lines.iter().copied(),
            lines.iter().map(|l| l.len()).sum(),
            residue,
        )
    }

    /// The skeleton of these lines (of a file's, in order), about `capacity` bytes; `residue`
    /// marks the file's text.
    fn from_lines<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        capacity: usize,
        residue: &ResidueMarks<'a>,
    ) -> Skeleton {
        let lines = lines.into_iter();
        let mut bytes = Vec::with_capacity(capacity);
        let mut starts = Vec::with_capacity(lines.size_hint().0);
        for line in lines {
            starts.push(bytes.len());
            // What cleaning removes inside a line, removed the same way, line by line (an
            // escape sequence never spans a line break). A line without ESC, C1 controls (C2)
            // or residue skips that: each char the rest of cleaning drops is one that does not
            // count (a control, an invisible) and residue needs `[` `<` `&` or `【`.
            if memchr::memchr2(0x1b, 0xc2, line.as_bytes()).is_none() {
                if let Cow::Borrowed(l) = residue.strip(line) {
                    push_counted(&mut bytes, l);
                    continue;
                }
            }
            let l = clean::strip_controls(line);
            let l = clean::strip_inline_residue(&l);
            push_counted(&mut bytes, &l);
        }
        Skeleton { bytes, starts }
    }

    /// The 1-based line holding skeleton byte `i`.
    fn line_of(&self, i: usize) -> u32 {
        self.starts.partition_point(|&s| s <= i) as u32
    }

    /// Does a line start at skeleton index `i` (or the text end there)?
    fn at_line_edge(&self, i: usize) -> bool {
        i == self.bytes.len() || self.starts.binary_search(&i).is_ok()
    }

    /// Where a paragraph whose skeleton starts with `needle` (its first [`PREFIX`] chars, or
    /// all) is, from `from` on.
    fn find_paragraph(&self, needle: &[u8], from: usize, budget: &mut usize) -> Option<usize> {
        // A short paragraph (a title, a heading) may also open a dropped line (a summary box
        // that runs the title and the session line together): where it fills a line by itself
        // is the better answer.
        let whole = needle.iter().filter(|&&b| b & 0xc0 != 0x80).count() < PREFIX;
        whole
            .then(|| self.find(needle, from, true, budget))
            .flatten()
            .or_else(|| self.find(needle, from, false, budget))
    }

    /// Where `needle` occurs from `from` on, within the window; with `whole_line`, only where it
    /// fills a line by itself.
    /// `budget`: positions left to look at; each search spends what it looks at.
    fn find(
        &self,
        needle: &[u8],
        from: usize,
        whole_line: bool,
        budget: &mut usize,
    ) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        // Positions `from..end` may start a match.
        let end = self
            .bytes
            .len()
            .saturating_sub(needle.len() - 1)
            .min(from.saturating_add(WINDOW.min(*budget)));
        let fits =
            |i: usize| !whole_line || (self.at_line_edge(i) && self.at_line_edge(i + needle.len()));
        let found = if from < end {
            let hay = &self.bytes[from..end + needle.len() - 1];
            // Nearly always the paragraph starts where the one before it ended: no searcher
            // is set up for that.
            if hay.starts_with(needle) && fits(from) {
                Some(from)
            } else {
                // Every occurrence, overlapping ones too (`find_iter` skips those): the one
                // that fills a line may overlap one that does not.
                let finder = memchr::memmem::Finder::new(needle);
                let mut at = 0;
                let mut found = None;
                while let Some(k) = finder.find(&hay[at..]) {
                    if fits(from + at + k) {
                        found = Some(from + at + k);
                        break;
                    }
                    at += k + 1;
                }
                found
            }
        } else {
            None
        };
        *budget = budget.saturating_sub(found.unwrap_or(end).saturating_sub(from));
        found
    }
}

/// Append the chars of `l` that count in a skeleton, copying runs of them at once. Read a byte
/// at a time: printable ASCII and 3-byte chars from U+3001 on (CJK, full-width forms) count,
/// but for U+FEFF, without decoding (the rest goes through [`counts`]).
fn push_counted(out: &mut Vec<u8>, l: &str) {
    let b = l.as_bytes();
    let (mut i, mut run) = (0, 0);
    while let Some(&x) = b.get(i) {
        let (len, keep) = match x {
            0x21..=0x7e => (1, true),
            0x00..=0x7f => (1, false),
            // Lead bytes of U+3000..U+FFFF: U+3000 is E3 80 80, U+FEFF is EF BB BF.
            0xe3..=0xef => (
                3,
                !matches!(b[i..], [0xe3, 0x80, 0x80, ..] | [0xef, 0xbb, 0xbf, ..]),
            ),
            _ => l[i..]
                .chars()
                .next()
                .map_or((1, false), |c| (c.len_utf8(), counts(c))),
        };
        if !keep {
            out.extend_from_slice(&b[run..i]);
            run = i + len;
        }
        i += len;
    }
    out.extend_from_slice(&b[run..]);
}

/// `s` without the chars at its ends that do not count in a skeleton.
fn trim_uncounted(s: &str) -> &str {
    s.trim_matches(|c: char| !counts(c))
}

/// Lines a paragraph may be looked for past the next one before [`lines_by_walk`] gives up:
/// what cleaning drops between paragraphs (a page's header, a menu) is a few lines.
const SKIP: usize = 64;

/// Would cleaning leave this line as it is (no escape sequence or C1 control to strip, no
/// residue)? Then its skeleton is its counted chars.
fn plain(line: &str, residue: &ResidueMarks) -> bool {
    (memchr::memchr2(0x1b, 0xc2, line.as_bytes()).is_none()
        || *clean::strip_controls(line) == *line)
        && (!residue.may_hold(line) || *clean::strip_inline_residue(line) == *line)
}

/// The line after the non-blank lines from `k` on that make up `want` (a paragraph trimmed),
/// each whole and as written but for whitespace and invisibles at its ends (one line, or
/// several that loading joined), all of them [`plain`]; `None` if they do not. The
/// paragraph's skeleton is then theirs.
fn spans_lines(lines: &[&str], mut k: usize, want: &str, residue: &ResidueMarks) -> Option<usize> {
    let mut rest = want;
    loop {
        k += lines
            .get(k..)?
            .iter()
            .position(|l| !trim_uncounted(l).is_empty())?;
        let line = trim_uncounted(lines[k]);
        rest = trim_uncounted(rest.strip_prefix(line)?);
        if !plain(lines[k], residue) {
            return None;
        }
        k += 1;
        if rest.is_empty() {
            return Some(k);
        }
    }
}

/// The lines of a file whose paragraphs are made of its lines, in order, each paragraph one
/// line or several joined, as written but for whitespace and invisibles at their ends (most
/// text files; lines cleaning dropped may come between): walked line by line and compared, a
/// skeleton made only of the lines skipped. `None` as soon as a paragraph is not found so, for
/// [`paragraph_lines`]' search of the whole file.
///
/// Where this answers, that search gives the same lines. A paragraph made of the next
/// non-blank lines has their skeleton, so the search finds it right where the paragraph before
/// ended (the first line's start; a short one fills those lines too). One found further on is
/// taken only when the search run on the skeleton of the lines from the next one to its last
/// finds it at its first line's start; an occurrence reaching past those lines would start
/// inside them, as the paragraph fills them.
fn lines_by_walk<'a>(
    lines: &[&'a str],
    paragraphs: &[&str],
    residue: &ResidueMarks<'a>,
) -> Option<Vec<Option<u32>>> {
    let mut next = 0;
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut counted = Vec::new();
    for p in paragraphs {
        let want = trim_uncounted(p);
        if want.is_empty() {
            return None;
        }
        let first = next
            + lines[next..]
                .iter()
                .position(|l| !trim_uncounted(l).is_empty())?;
        let (at, after) = match spans_lines(lines, first, want, residue) {
            Some(after) => (first, after),
            None => {
                let (at, after) = (first + 1..lines.len().min(first + 1 + SKIP))
                    .filter(|&k| !trim_uncounted(lines[k]).is_empty())
                    .find_map(|k| Some((k, spans_lines(lines, k, want, residue)?)))?;
                let skipped = &lines[first..after];
                let skel = Skeleton::from_lines(
                    skipped.iter().copied(),
                    skipped.iter().map(|l| l.len()).sum(),
                    residue,
                );
                if skel.bytes.len() > WINDOW {
                    return None;
                }
                let prefix = paragraph_skeleton(p, &mut counted);
                // Not bounded: the skeleton is at most a window.
                let mut budget = usize::MAX;
                let found = skel.find_paragraph(&counted[..prefix], 0, &mut budget);
                if found != Some(skel.starts[at - first]) {
                    return None;
                }
                (at, after)
            }
        };
        out.push(Some(u32::try_from(at + 1).ok()?));
        next = after;
    }
    Some(out)
}

/// A paragraph's skeleton (made as the file's is: by bytes, not char by char) into `counted`,
/// and the byte length of its first [`PREFIX`] chars.
fn paragraph_skeleton(p: &str, counted: &mut Vec<u8>) -> usize {
    counted.clear();
    push_counted(counted, p);
    let (mut end, mut chars) = (0, 0);
    while chars < PREFIX && end < counted.len() {
        end += match counted[end] {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        chars += 1;
    }
    end.min(counted.len())
}

/// The 1-based file line each paragraph starts on (`None` where it cannot be found again),
/// given the decoded text of a plain text file and the paragraphs loaded from it.
pub fn paragraph_lines<'a>(
    text: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) -> Vec<Option<u32>> {
    let paragraphs: Vec<&str> = paragraphs.into_iter().collect();
    // Split once: the search takes over from a walk that gives up.
    let lines = physical_lines(text);
    let residue = ResidueMarks::new(text);
    lines_by_walk(&lines, &paragraphs, &residue)
        .unwrap_or_else(|| lines_by_search(&lines, &paragraphs, &residue))
}

/// [`paragraph_lines`] by searching the skeleton of the whole file for each paragraph's.
fn lines_by_search(
    lines: &[&str],
    paragraphs: &[&str],
    residue: &ResidueMarks,
) -> Vec<Option<u32>> {
    let skel = Skeleton::new(lines, residue);
    let mut from = 0;
    let mut budget = skel
        .bytes
        .len()
        .saturating_mul(SCANS)
        .saturating_add(WINDOW);
    let mut counted = Vec::new();
    paragraphs
        .iter()
        .map(|p| {
            // The first PREFIX chars of the paragraph's skeleton; it ends its whole length on.
            let prefix = paragraph_skeleton(p, &mut counted);
            let at = skel.find_paragraph(&counted[..prefix], from, &mut budget)?;
            from = at + counted.len();
            Some(skel.line_of(at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::load::load_bytes;

    fn lines_of(name: &str, bytes: &[u8]) -> Vec<Option<u32>> {
        let r = load_bytes(name, bytes).remove(0).expect("loads");
        r.source_lines.clone()
    }

    const BODY: &str = "某镇政府工作报告\n\n各位代表：\n一、过去一年工作回顾\n全年经济平稳增长，乡村振兴扎实推进。\n\n二、今年工作安排\n推进冰雪旅游和特色产业发展。";
    const WANT: [u32; 6] = [1, 3, 4, 5, 7, 8];

    fn want() -> Vec<Option<u32>> {
        WANT.iter().map(|&n| Some(n)).collect()
    }

    proptest::proptest! {
        /// Lines without ESC, C1 or residue skip cleaning: the skeleton is the same as with it.
        #[test]
        fn the_quick_path_makes_the_same_skeleton(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "中", "，", "\u{7}", "\u{1b}[31m", "\u{1b}]0;t\u{7}", "\u{9b}2J", "\u{85}",
                "[", "l]", "[l]", "&nbsp;", "<U+00A0>", "【字体：大", "】", "\t", "\r", "\n",
                "\u{200b}", "\u{200d}", "\u{feff}", "\u{3000}", "a", " ", "\u{ad}", "\u{7f}",
            ]), 0..40),
        ) {
            let text = v.concat();
            let mut slow = Vec::new();
            for line in super::physical_lines(&text) {
                let l = super::clean::strip_controls(line);
                let l = super::clean::strip_inline_residue(&l);
                super::push_counted(&mut slow, &l);
            }
            proptest::prop_assert_eq!(super::Skeleton::new(&super::physical_lines(&text), &super::ResidueMarks::new(&text)).bytes, slow);
        }
    }

    #[test]
    fn a_paragraphs_skeleton_is_its_counted_chars() {
        let long =
            "一、全年地区生产总值增长5.2%，　城乡居民收入稳步增长，\u{feff}就业 形势总体稳定。"
                .repeat(3);
        for p in [
            "",
            " 　",
            "a b",
            "乡村\u{200b}振兴",
            "é\u{a0}ü",
            long.as_str(),
        ] {
            let want: String = p.chars().filter(|&c| super::counts(c)).collect();
            let mut counted = Vec::new();
            let end = super::paragraph_skeleton(p, &mut counted);
            assert_eq!(counted, want.as_bytes(), "{p:?}");
            let prefix: String = want.chars().take(super::PREFIX).collect();
            assert_eq!(&counted[..end], prefix.as_bytes(), "{p:?}");
        }
    }

    #[test]
    fn a_skeleton_keeps_exactly_the_chars_that_count() {
        // Every kind of char the byte-level copy tells apart, around and between CJK text.
        let text = "　一、总体要求\u{feff}：GDP 增长5%\t\u{a0}（左右）\u{200b}ＧＤＰ\u{3001}\u{2fff}\u{ffee}é𠀀\u{2028}x\u{7f}";
        let mut got = Vec::new();
        super::push_counted(&mut got, text);
        let want: String = text.chars().filter(|&c| super::counts(c)).collect();
        assert_eq!(String::from_utf8(got).unwrap(), want);
        assert_eq!(
            want,
            "一、总体要求：GDP增长5%（左右）ＧＤＰ\u{3001}\u{2fff}\u{ffee}é𠀀x"
        );
    }

    #[test]
    fn lf_crlf_and_cr_only_files_give_the_editor_lines() {
        assert_eq!(lines_of("a.txt", BODY.as_bytes()), want());
        assert_eq!(
            lines_of("a.txt", BODY.replace('\n', "\r\n").as_bytes()),
            want()
        );
        assert_eq!(
            lines_of("a.txt", BODY.replace('\n', "\r").as_bytes()),
            want()
        );
    }

    #[test]
    fn encodings_and_boms_do_not_move_lines() {
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(BODY.as_bytes());
        assert_eq!(lines_of("a.txt", &bom), want());
        let (gb, _, _) = encoding_rs::GB18030.encode(BODY);
        assert_eq!(lines_of("a.txt", &gb), want());
        let mut utf16 = vec![0xff, 0xfe];
        for u in BODY.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(lines_of("a.txt", &utf16), want());
    }

    #[test]
    fn a_joined_hard_wrapped_paragraph_is_at_its_first_line() {
        // Our own paragraphs, wrapped at 16 characters as a print view would.
        let paras = [
            "一、过去一年工作回顾",
            "过去一年，全镇上下齐心协力，经济运行稳中向好，全年实现地区生产总值十八亿元，同比增长百分之六，规模以上工业增加值增长百分之八。",
            "我们坚持项目为王，新建道路十二公里，改造老旧小区三个，新增城镇就业岗位八百个，居民人均可支配收入增长百分之六左右。",
            "二、今年工作安排",
            "今年经济社会发展的主要预期目标是：地区生产总值增长百分之六左右，一般公共预算收入增长百分之五，城镇新增就业九百人以上。",
        ];
        let mut text = Vec::new();
        let mut firsts = Vec::new();
        for p in paras {
            firsts.push(Some(text.len() as u32 + 1));
            let chars: Vec<char> = p.chars().collect();
            text.extend(chars.chunks(16).map(|c| c.iter().collect::<String>()));
        }
        let got = lines_of("a.txt", text.join("\n").as_bytes());
        assert_eq!(got.len(), paras.len(), "joined back into paragraphs");
        assert_eq!(got, firsts);
    }

    #[test]
    fn paragraphs_not_in_the_text_have_no_line() {
        // None of these paragraphs is in the text: every search gives up, within the budget.
        let text = "甲".repeat(300_000);
        let paras: Vec<String> = (0..2000).map(|i| format!("乙{i}")).collect();
        let got = super::paragraph_lines(&text, paras.iter().map(String::as_str));
        assert_eq!(got, vec![None; 2000]);
    }

    /// The char-by-char search this file's byte search replaced (its windows never bind on
    /// short texts), for the property test below.
    fn lines_by_chars(text: &str, paragraphs: &[String]) -> Vec<Option<u32>> {
        let mut chars: Vec<char> = Vec::new();
        let mut starts = Vec::new();
        for line in super::physical_lines(text) {
            starts.push(chars.len());
            let l = super::clean::strip_controls(line);
            let l = super::clean::strip_inline_residue(&l);
            chars.extend(l.chars().filter(|&c| super::counts(c)));
        }
        let edge = |i: usize| i == chars.len() || starts.binary_search(&i).is_ok();
        let find = |needle: &[char], from: usize, whole: bool| {
            (from..(chars.len() + 1).saturating_sub(needle.len())).find(|&i| {
                chars[i..i + needle.len()] == *needle
                    && (!whole || (edge(i) && edge(i + needle.len())))
            })
        };
        let mut from = 0;
        paragraphs
            .iter()
            .map(|p| {
                let all: Vec<char> = p.chars().filter(|&c| super::counts(c)).collect();
                let needle = &all[..all.len().min(super::PREFIX)];
                if needle.is_empty() {
                    return None;
                }
                let whole = needle.len() < super::PREFIX;
                let at = whole
                    .then(|| find(needle, from, true))
                    .flatten()
                    .or_else(|| find(needle, from, false))?;
                from = at + all.len();
                Some(starts.partition_point(|&s| s <= at) as u32)
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Paragraphs (pieces of the text, some not in it) get the lines the char search gives.
        /// Few distinct chars, so that a paragraph also occurs where it does not fill a line.
        #[test]
        fn the_byte_search_finds_the_lines_the_char_search_finds(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "甲", "甲", "甲", "乙", "\n", "\n", " ", "a", "\u{3000}", "\u{200b}", "\r\n",
            ]), 0..40),
            cuts in proptest::collection::vec((0usize..40, 1usize..8), 0..6),
        ) {
            let text = v.concat();
            let pieces: Vec<&str> = v.to_vec();
            let paragraphs: Vec<String> = cuts
                .iter()
                .map(|&(a, n)| pieces[a.min(pieces.len())..(a + n).min(pieces.len())].concat())
                .collect();
            proptest::prop_assert_eq!(
                super::paragraph_lines(&text, paragraphs.iter().map(String::as_str)),
                lines_by_chars(&text, &paragraphs)
            );
        }
    }

    /// The walk's answer, when it has one, and the search's.
    fn walk_and_search(
        text: &str,
        paragraphs: &[&str],
    ) -> (Option<Vec<Option<u32>>>, Vec<Option<u32>>) {
        let lines = super::physical_lines(text);
        let residue = super::ResidueMarks::new(text);
        (
            super::lines_by_walk(&lines, paragraphs, &residue),
            super::lines_by_search(&lines, paragraphs, &residue),
        )
    }

    #[test]
    fn the_walk_answers_for_dropped_joined_and_blank_lines() {
        // A header cleaning drops, a paragraph hard-wrapped over two lines, blank and indented
        // lines, and a paragraph (`二、安排`) that also opens a dropped line before it.
        let text = "标题：某镇政府工作报告\n来源：政府网\n\n　　各位代表：\n全年经济平稳增长，乡村振兴\n扎实推进，产业兴旺。\r\n\n二、安排（草稿）\n二、安排\n推进特色产业发展。";
        let paragraphs = [
            "各位代表：",
            "全年经济平稳增长，乡村振兴扎实推进，产业兴旺。",
            "二、安排",
            "推进特色产业发展。",
        ];
        let (walk, search) = walk_and_search(text, &paragraphs);
        assert_eq!(search, vec![Some(4), Some(5), Some(9), Some(10)]);
        assert_eq!(walk, Some(search));
        // A paragraph that is not the next lines, nor any within reach: the walk leaves it to
        // the search.
        assert_eq!(
            super::lines_by_walk(
                &super::physical_lines(text),
                &["各位代表：", "推进特色"],
                &super::ResidueMarks::new(text)
            ),
            None
        );
        // A long paragraph found inside a dropped line before its own: the search finds the
        // dropped line, and the walk does not claim the later one.
        let long = "全年经济平稳增长，乡村振兴扎实推进，产业兴旺，民生改善。";
        let text = format!("摘要：{long}\n{long}");
        let (walk, search) = walk_and_search(&text, &[long]);
        assert_eq!((walk, search), (None, vec![Some(1)]));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Whenever the walk answers, it answers as the search does. Paragraphs are runs of the
        /// text's lines (joined, some lines skipped) and now and then a piece of a line, over
        /// few distinct chars, so that paragraphs also occur where they do not start a line.
        #[test]
        fn the_walk_answers_as_the_search_does(
            lines in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(vec![
                "甲", "甲", "乙", "乙丙", " ", "\u{3000}", "\u{200b}", "[l]", "\u{1b}[1m", "\u{a0}",
                "\r", "a",
            ]), 0..5), 0..14),
            picks in proptest::collection::vec((0usize..3, 1usize..3, proptest::bool::weighted(0.1)), 0..8),
        ) {
            let lines: Vec<String> = lines.iter().map(|l| l.concat()).collect();
            let text = lines.join("\n");
            let mut at = 0;
            let mut paragraphs = Vec::new();
            for &(skip, n, piece) in &picks {
                at += skip;
                let run = &lines[at.min(lines.len())..(at + n).min(lines.len())];
                at += n;
                let p = run.concat();
                paragraphs.push(if piece { p.chars().skip(1).collect() } else { p });
            }
            let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let (walk, search) = walk_and_search(&text, &paragraphs);
            if let Some(walk) = walk {
                proptest::prop_assert_eq!(walk, search);
            }
        }
    }

    #[test]
    fn a_heading_is_found_on_its_own_line_inside_a_repeat_of_itself() {
        // `甲甲` fills line 2; its first occurrence (from line 1's `甲`) overlaps that one.
        assert_eq!(super::paragraph_lines("甲\n甲甲", ["甲甲"]), vec![Some(2)]);
        assert_eq!(
            super::paragraph_lines("一\n一一\n一一", ["一一", "一一"]),
            vec![Some(2), Some(3)]
        );
    }

    #[test]
    fn dropped_lines_and_repeated_starts_do_not_mislead() {
        // A summary box runs the title and the next line together; the menu is dropped.
        let text = "首页\n新闻\n政务\n互动\n某镇政府工作报告镇长某某在会上\n某镇政府工作报告\n镇长某某\n\u{1b}[1m一、回顾\u{1b}[0m\n全年增长，一、回顾全年。";
        let got = lines_of("a.txt", text.as_bytes());
        assert_eq!(got, vec![Some(6), Some(7), Some(8), Some(9)]);
    }
}
