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

use super::clean;

/// Characters of a paragraph's start that are compared; enough to tell paragraphs apart.
const PREFIX: usize = 24;
/// How far past the expected place a paragraph's start is looked for (in skeleton chars): what
/// cleaning may have dropped in between (a menu, a repeated body) is rarely longer.
const WINDOW: usize = 1 << 18;
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
        text.split('\n').collect()
    } else {
        text.split('\r').collect()
    }
}

/// The skeleton of a file's text, with the skeleton index each line starts at.
struct Skeleton {
    chars: Vec<char>,
    /// `starts[k]`: index in `chars` of line k's first char.
    starts: Vec<usize>,
}

impl Skeleton {
    fn new(text: &str) -> Skeleton {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut starts = Vec::new();
        for line in physical_lines(text) {
            starts.push(chars.len());
            // What cleaning removes inside a line, removed the same way, line by line (an
            // escape sequence never spans a line break).
            let l = clean::strip_controls(line);
            let l = clean::strip_inline_residue(&l);
            chars.extend(l.chars().filter(|&c| counts(c)));
        }
        Skeleton { chars, starts }
    }

    /// The 1-based line holding skeleton char `i`.
    fn line_of(&self, i: usize) -> u32 {
        self.starts.partition_point(|&s| s <= i) as u32
    }

    /// Does a line start at skeleton index `i` (or the text end there)?
    fn at_line_edge(&self, i: usize) -> bool {
        i == self.chars.len() || self.starts.binary_search(&i).is_ok()
    }

    /// Where `needle` occurs from `from` on, within the window; with `whole_line`, only where it
    /// fills a line by itself.
    /// `budget`: positions left to look at; each search spends what it looks at.
    fn find(
        &self,
        needle: &[char],
        from: usize,
        whole_line: bool,
        budget: &mut usize,
    ) -> Option<usize> {
        let first = *needle.first()?;
        let end = self
            .chars
            .len()
            .saturating_sub(needle.len() - 1)
            .min(from.saturating_add(WINDOW.min(*budget)));
        let found = (from..end).find(|&i| {
            self.chars[i] == first
                && self.chars[i..i + needle.len()] == *needle
                && (!whole_line || (self.at_line_edge(i) && self.at_line_edge(i + needle.len())))
        });
        *budget = budget.saturating_sub(found.unwrap_or(end).saturating_sub(from));
        found
    }
}

/// The 1-based file line each paragraph starts on (`None` where it cannot be found again),
/// given the decoded text of a plain text file and the paragraphs loaded from it.
pub fn paragraph_lines<'a>(
    text: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) -> Vec<Option<u32>> {
    let skel = Skeleton::new(text);
    let mut from = 0;
    let mut budget = skel
        .chars
        .len()
        .saturating_mul(SCANS)
        .saturating_add(WINDOW);
    paragraphs
        .into_iter()
        .map(|p| {
            let mut all = p.chars().filter(|&c| counts(c));
            let needle: Vec<char> = all.by_ref().take(PREFIX).collect();
            let len = needle.len() + all.count();
            // A short paragraph (a title, a heading) may also open a dropped line (a summary
            // box that runs the title and the session line together): where it fills a line
            // by itself is the better answer.
            let whole = needle.len() < PREFIX;
            let at = whole
                .then(|| skel.find(&needle, from, true, &mut budget))
                .flatten()
                .or_else(|| skel.find(&needle, from, false, &mut budget))?;
            from = at + len;
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

    #[test]
    fn dropped_lines_and_repeated_starts_do_not_mislead() {
        // A summary box runs the title and the next line together; the menu is dropped.
        let text = "首页\n新闻\n政务\n互动\n某镇政府工作报告镇长某某在会上\n某镇政府工作报告\n镇长某某\n\u{1b}[1m一、回顾\u{1b}[0m\n全年增长，一、回顾全年。";
        let got = lines_of("a.txt", text.as_bytes());
        assert_eq!(got, vec![Some(6), Some(7), Some(8), Some(9)]);
    }
}
