//! Cleaning decoded text into report lines: terminal-unsafe characters, web residue, page chrome,
//! duplicated bodies. Works line by line and never rewrites the words of the report itself.

use super::repeats::FULL_STOP;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Remove escape sequences (CSI, OSC, DCS, APC, PM, SOS and two-byte ESC forms), C0/C1 control
/// characters (a tab becomes an ideographic space, the break between a table's cells that the
/// HTML and docx readers write; CR LF, lone CR and LF are line breaks), zero-width characters
/// and bidi overrides. Nothing from a file may reach the terminal unfiltered, so this runs on
/// every input.
///
/// Only what is understood is removed: a sequence that is not well formed — an `ESC ]` with no
/// BEL or ST before the end of its line, an `ESC [` not followed by parameters and a final byte,
/// a lone 8-bit C1 introducer — loses its introducer only, never the text after it.
pub fn strip_controls(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = next_special(b, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    // The first string terminator (or line end) found at or after some earlier position: still
    // the first after any later position up to it, so each byte is looked at once.
    let mut stop = 0usize;
    let mut stop_from = usize::MAX;
    // Text between special characters is copied as one run.
    let mut run = 0;
    let mut i = first;
    loop {
        out.push_str(&s[run..i]);
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        let after = s[next..].chars().next();
        i = match c {
            '\u{1b}' => match after {
                Some('[') => csi_end(s, next + 1).unwrap_or(next + 1),
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    string_end(s, next + 1, &mut stop, &mut stop_from).unwrap_or(next + 1)
                }
                // ESC ( B and friends: one more ASCII char.
                Some('(' | ')' | '*' | '+' | '#' | '%') => {
                    let n = next + 1;
                    match s.as_bytes().get(n) {
                        Some(0x20..=0x7e) => n + 1,
                        _ => n,
                    }
                }
                _ => next,
            },
            '\u{9b}' => csi_end(s, next).unwrap_or(next),
            // C1 string introducers (8-bit DCS, OSC, SOS, PM, APC).
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                string_end(s, next, &mut stop, &mut stop_from).unwrap_or(next)
            }
            '\r' => {
                out.push('\n');
                if after == Some('\n') {
                    next + 1
                } else {
                    next
                }
            }
            '\n' => {
                out.push('\n');
                next
            }
            '\t' => {
                out.push('\u{3000}');
                next
            }
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => next,
            // Zero-width and invisible: they would split a word from a search for it.
            '\u{200b}' | '\u{2060}' | '\u{ad}' | '\u{200e}' | '\u{200f}' | '\u{feff}' => next,
            // Joiners matter inside emoji and joining scripts only.
            '\u{200c}' | '\u{200d}' => {
                if joins(out.chars().next_back()) && joins(after) {
                    out.push(c);
                }
                next
            }
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => next,
            _ => {
                out.push(c);
                next
            }
        };
        run = i;
        i = next_special(b, i).unwrap_or(b.len());
    }
    Cow::Owned(out)
}

/// Bytes that may start a character [`strip_controls`] acts on: C0 controls but LF, DEL, and
/// the lead bytes of the C1 controls and soft hyphen (C2), the zero-width and bidi characters
/// (E2) and the BOM (EF).
const MAYBE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = i != b'\n' as usize;
        i += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

/// Is the character starting at byte `i` one [`strip_controls`] removes or changes?
fn special_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => false,
        0..=0x1f | 0x7f => true,
        // C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8; the soft hyphen is C2 AD.
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f | 0xad)),
        // U+200B..U+200F, U+202A..U+202E (E2 80 xx), U+2060 and U+2066..U+2069 (E2 81 xx).
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0x8b..=0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa0 | 0xa6..=0xa9))
        ),
        // U+FEFF: EF BB BF.
        0xef => b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf),
        _ => false,
    }
}

/// The first byte at or after `from` that starts a character [`strip_controls`] acts on.
/// Thirty-two bytes at a time, each byte with the one after it (E2 and EF start a special char
/// only before 80/81 and BB, and full-width punctuation, EF BC xx, is most of Chinese text's
/// E2 and EF): the test is the same for every byte, so the compiler does it in vector
/// registers, and a block with no candidate is passed over at once.
fn next_special(b: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let candidate = |x: u8, next: u8| {
        (x < 0x20 && x != b'\n')
            | (x == 0x7f)
            | (x == 0xc2)
            | (x == 0xe2 && (next == 0x80 || next == 0x81))
            | (x == 0xef && next == 0xbb)
    };
    let exact = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .find(|&j| MAYBE_SPECIAL[b[j] as usize] && special_at(b, j))
    };
    let mut i = from;
    // Whole blocks with the byte after each (the last block's last byte is looked at below).
    while let Some(w) = b.get(i..i + BLOCK + 1) {
        let (block, next) = (&w[..BLOCK], &w[1..]);
        if block
            .iter()
            .zip(next)
            .fold(false, |any, (&x, &y)| any | candidate(x, y))
        {
            if let Some(j) = exact(i..i + BLOCK) {
                return Some(j);
            }
        }
        i += BLOCK;
    }
    exact(i..b.len())
}

/// A char a zero-width joiner may join: neither ASCII nor CJK (emoji, Arabic, Indic …).
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        !c.is_ascii() && !matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    })
}

/// The end of a CSI sequence whose parameters start at `from`: parameter bytes, intermediate
/// bytes, one final byte. `None` when it is not well formed.
fn csi_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = from;
    while matches!(b.get(j), Some(0x30..=0x3f)) {
        j += 1;
    }
    while matches!(b.get(j), Some(0x20..=0x2f)) {
        j += 1;
    }
    match b.get(j) {
        Some(0x40..=0x7e) => Some(j + 1),
        _ => None,
    }
}

/// The end of a string sequence (OSC, DCS …) whose payload starts at `from`: just past its BEL
/// or ST, or just before an ESC that interrupts it. `None` when the line ends first.
fn string_end(s: &str, from: usize, stop: &mut usize, stop_from: &mut usize) -> Option<usize> {
    let b = s.as_bytes();
    if *stop_from > from || *stop < from {
        *stop_from = from;
        *stop = (from..b.len())
            .find(|&j| {
                matches!(b[j], 0x07 | 0x1b | b'\n' | b'\r')
                    || (b[j] == 0xc2 && b.get(j + 1) == Some(&0x9c))
            })
            .unwrap_or(b.len());
    }
    let j = *stop;
    match b.get(j) {
        Some(0x07) => Some(j + 1),
        Some(0xc2) => Some(j + 2),
        Some(0x1b) if b.get(j + 1) == Some(&b'\\') => Some(j + 2),
        Some(0x1b) => Some(j),
        _ => None,
    }
}

/// Line breaks saved as the literal characters `\r\n` (a spreadsheet export) become real ones,
/// when the text has (almost) no real ones.
pub fn unescape_literal_newlines(s: &str) -> Option<String> {
    // Without a backslash there is nothing to count.
    let b = s.as_bytes();
    memchr::memchr(b'\\', b)?;
    // (memchr's searchers: `str::matches` with a string pattern took 6% of a warm grep, which
    // asks this of every file its prefilter looks at.)
    let literal = memchr::memmem::find_iter(b, b"\\r\\n").count()
        + memchr::memmem::find_iter(b, b"\\n").count();
    let real = memchr::memchr_iter(b'\n', b).count();
    if literal >= 3 && literal > real * 4 {
        Some(replace_literal_newlines(s))
    } else {
        None
    }
}

/// `\r\n` and `\n` written out as text (backslash, letter) made line breaks: the backslashes
/// found with memchr, in one pass (`str::replace` twice took 5% of a warm grep).
fn replace_literal_newlines(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for i in memchr::memchr_iter(b'\\', b) {
        if i < from {
            continue;
        }
        let len = if b[i + 1..].starts_with(b"r\\n") {
            4
        } else if b.get(i + 1) == Some(&b'n') {
            2
        } else {
            continue;
        };
        // `i` is a backslash, an ASCII byte: a char boundary.
        out.push_str(&s[from..i]);
        out.push('\n');
        from = i + len;
    }
    out.push_str(&s[from..]);
    out
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// The ASCII chars inline residue may start with (`[l]`, `<U+00A0>`, `&nbsp;` …); the other is
/// `【` ([`LENTICULAR`]).
const RESIDUE_ASCII: [u8; 3] = [b'[', b'<', b'&'];

/// Where inline residue may start in a text: every `[`, `<`, `&` and `【` (each form of it
/// opens with one), found in one pass over the whole text rather than by two searches of every
/// line, each set up anew (they were a twentieth of `grep --no-cache`); most lines have none.
pub(crate) struct ResidueMarks<'a> {
    text: &'a str,
    /// Byte offsets of the marks, in order.
    marks: Vec<usize>,
    /// Marks are known up to here: the text's end, unless there were more than [`Self::MAX`].
    known_to: usize,
}

impl<'a> ResidueMarks<'a> {
    /// Marks kept at most (a bound on memory whatever the text): past the last one kept,
    /// every line may hold residue.
    const MAX: usize = 1 << 16;

    pub(crate) fn new(text: &'a str) -> ResidueMarks<'a> {
        // Each kind's marks up to the first past [`Self::MAX`], which ends what is known.
        let b = text.as_bytes();
        let mut known_to = b.len();
        let [x, y, z] = RESIDUE_ASCII;
        let mut marks: Vec<usize> = memchr::memchr3_iter(x, y, z, b)
            .take(Self::MAX + 1)
            .collect();
        if marks.len() > Self::MAX {
            known_to = marks[Self::MAX];
        }
        let ascii = marks.len();
        marks.extend(LENTICULAR.find_iter(&b[..known_to]).take(Self::MAX + 1));
        if marks.len() - ascii > Self::MAX {
            known_to = known_to.min(marks[marks.len() - 1]);
        }
        marks.retain(|&m| m < known_to);
        if !marks.is_sorted() {
            marks.sort_unstable();
        }
        ResidueMarks {
            text,
            marks,
            known_to,
        }
    }

    /// May `line`, a slice of the text, hold inline residue? (Always, for a str that is not
    /// part of the text.)
    pub(crate) fn may_hold(&self, line: &str) -> bool {
        let start = (line.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        match start.checked_add(line.len()) {
            Some(end) if end <= self.known_to => {
                let i = self.marks.partition_point(|&m| m < start);
                self.marks.get(i).is_some_and(|&m| m < end)
            }
            _ => true,
        }
    }

    /// [`strip_inline_residue`] of a line of the text, which a line without a mark skips.
    pub(crate) fn strip(&self, line: &'a str) -> Cow<'a, str> {
        if self.may_hold(line) {
            strip_inline_residue(line)
        } else {
            Cow::Borrowed(line)
        }
    }
}

/// Inline residue removed from a line, keeping the rest.
pub(crate) fn strip_inline_residue(line: &str) -> Cow<'_, str> {
    // Every residue form below starts with one of these bytes.
    let [x, y, z] = RESIDUE_ASCII;
    if memchr::memchr3(x, y, z, line.as_bytes()).is_none() && !has(line, &LENTICULAR) {
        return Cow::Borrowed(line);
    }
    let mut l = line.replace("[!--empirenews.page--]", "");
    for tag in ["[l]", "[/l]", "<U+00A0>", "&nbsp;"] {
        if l.contains(tag) {
            l = l.replace(tag, if tag == "<U+00A0>" { " " } else { "" });
        }
    }
    if let Some(start) = l.find('【') {
        if let Some(len) = l[start..].find('】') {
            let inner = &l[start..start + len];
            if inner.contains("字体") {
                l.replace_range(start..start + len + '】'.len_utf8(), "");
            }
        }
    }
    Cow::Owned(l)
}

const META_KEYS: &[&str] = &[
    "标题",
    "发文单位",
    "发文时间",
    "发布时间",
    "来源URL",
    "来源",
    "正文",
    "报告人",
    "作者",
    "责任编辑",
    "编辑",
    "浏览次数",
    "点击数",
    "阅读次数",
    "字号",
    "打印本页",
    "关闭窗口",
    "分享到",
];

/// `<!-- … -->` blocks left in a saved page's text (they may span lines).
fn strip_html_comments(s: &str) -> Cow<'_, str> {
    // Asked of every whole text: memchr's vector search, not `str::contains`'s (a thirtieth of
    // cleaning).
    if memchr::memmem::find(s.as_bytes(), b"<!--").is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A line of script or markup that leaked into a saved page's text.
fn is_code_line(t: &str) -> bool {
    const CODE: &[&str] = &[
        "innerHTML",
        "function(",
        "function (",
        "document.",
        "window.",
        "var ",
        "});",
        "javascript:",
        "</",
        "/>",
    ];
    t.is_ascii() && CODE.iter().any(|c| t.contains(c)) || t == "-->" || t == "<!--"
}

/// What a short line holding one of these words is ([`is_residue_line`]).
#[derive(Clone, Copy)]
enum Cue {
    /// `来源：` in a line with a date.
    Source,
    /// `上一页`, `下一页`.
    Pager,
    /// Share buttons (under 20 chars).
    Social,
    /// Site footers and breadcrumbs (under 60 chars).
    Footer,
}

/// The words a line of residue may hold anywhere, by what they show.
const CUE_WORDS: &[(Cue, &[&str])] = &[
    (Cue::Source, &["来源：", "来源:"]),
    (Cue::Pager, &["上一页", "下一页"]),
    (
        Cue::Social,
        &["微信", "微博", "扫一扫", "二维码", "客户端", "公众号"],
    ),
    (
        Cue::Footer,
        &[
            "ICP备",
            "公网安备",
            "网站标识码",
            "版权所有",
            "您访问的链接即将离开",
            "当前位置",
            "Copyright",
            "copyright",
            "主办单位",
            "技术支持",
        ],
    ),
];

/// The [`Cue`]s a line holds, found by one automaton in one pass: twenty searches of every
/// short line, one word each, were a fiftieth of `grep --no-cache`.
struct Cues(u8);

impl Cues {
    fn in_line(t: &str) -> Cues {
        static AUTOMATON: LazyLock<(aho_corasick::AhoCorasick, Vec<Cue>)> = LazyLock::new(|| {
            let (cues, words): (Vec<Cue>, Vec<&str>) = CUE_WORDS
                .iter()
                .flat_map(|&(cue, words)| words.iter().map(move |&w| (cue, w)))
                .unzip();
            let ac = aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words)
                .expect("static words");
            (ac, cues)
        });
        let (ac, cues) = &*AUTOMATON;
        Cues(
            ac.find_overlapping_iter(t)
                .fold(0, |set, m| set | 1 << cues[m.pattern().as_usize()] as u8),
        )
    }

    fn has(&self, cue: Cue) -> bool {
        self.0 & 1 << cue as u8 != 0
    }
}

/// A whole line of web residue: metadata headers, publication lines, footers, page chrome.
fn is_residue_line(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    // `（责任编辑：某某）` `(来源：中国政府网）` `【E-mail推荐` `【打印】`
    let t = t.trim_matches(['(', ')', '（', '）', '【', '】', '[', ']']);
    if t.is_empty() {
        return true;
    }
    if crate::char_count::under(t, 20)
        && ["E-mail推荐", "打印本页", "关闭窗口", "打印", "关闭"]
            .iter()
            .any(|w| t.starts_with(w))
    {
        return true;
    }
    // `标题：…` `来源URL：…` `正文：` `发布时间:2016-11-25 来源:工作报告`
    for key in META_KEYS {
        if let Some(rest) = t.strip_prefix(key) {
            if rest.starts_with('：') || rest.starts_with(':') {
                return true;
            }
        }
    }
    if has(t, &PUBLISHED) && (t.contains("来源") || t.len() < 60) {
        return true;
    }
    let short = crate::char_count::under(t, 80);
    if short {
        let cues = Cues::in_line(t);
        // `中央政府门户网站 www.gov.cn 2009年03月16日 来源：新华社`
        if cues.has(Cue::Source) && t.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        // Pagination: `上一页 1 2 3 4 下一页`
        if cues.has(Cue::Pager) {
            return true;
        }
        // Share buttons and the split pieces of `【字体：大 中 小】`.
        if cues.has(Cue::Social) && crate::char_count::under(t, 20) {
            return true;
        }
        if cues.has(Cue::Footer) && crate::char_count::under(t, 60) {
            return true;
        }
    }
    if is_code_line(t) {
        return true;
    }
    if matches!(t, "【" | "】" | "字体：" | "字体:")
        || t.starts_with("标签：")
        || t.starts_with("标签:")
    {
        return true;
    }
    // A page title with counters (`…2022年某县政府工作报告540评论：`) and summary boxes.
    static COUNTERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\d+\s*(?:评论|浏览|阅读|点击)[：:]?$|^\d*\s*(?:评论|浏览|阅读|点击|内容摘要)[：:]?$|^\d{1,6}$").unwrap()
    });
    if short && COUNTERS.is_match(t) {
        return true;
    }
    if t.starts_with("主办：") || t.starts_with("主办:") {
        return true;
    }
    if matches!(
        t,
        "|" | ">>" | ">" | "©" | "是否继续？" | "放弃" | "继续" | "打印" | "关闭"
    ) {
        return true;
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return true;
    }
    false
}

/// Lines that end a report's body on a web page: what follows is other pages' links.
fn is_footer_start(t: &str) -> bool {
    t == "相关推荐"
        || t.starts_with("下一篇:")
        || t.starts_with("下一篇：")
        || t.starts_with("上一篇:")
        || t.starts_with("上一篇：")
        || t.starts_with("免责声明")
        || matches!(
            t,
            "网站地图"
                | "联系我们"
                | "网站声明"
                | "关于我们"
                | "关于本站"
                | "法律声明"
                | "隐私政策"
        )
        || matches!(
            t,
            "相关文章" | "相关阅读" | "本栏推荐" | "阅读排行" | "标签云" | "热门推荐" | "猜你喜欢"
        )
}

/// A short line with no sentence punctuation: a menu item, a button, a caption fragment.
fn is_chrome_fragment(t: &str) -> bool {
    crate::char_count::under(t, 9) && !t.chars().any(|c| "。，；：！？、,;:!?".contains(c))
}

/// Metadata header fields a web dump carries (`标题：…`, `发文时间：…`, `报告人：…`), kept when
/// their lines are dropped from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
}

fn header_field(t: &str, header: &mut Header) {
    let Some((key, value)) = t.split_once(['：', ':']) else {
        return;
    };
    let value = value.trim();
    if value.is_empty() || value == "未知" {
        return;
    }
    match key.trim() {
        "标题" if header.title.is_none() => header.title = Some(value.to_string()),
        "发文时间" | "发布时间" if header.date.is_none() => {
            header.date = Some(value.split_whitespace().next().unwrap_or(value).to_string())
        }
        "报告人" if header.speaker.is_none() => header.speaker = Some(value.to_string()),
        _ => {}
    }
}

/// Clean decoded text into trimmed-at-the-end lines (leading indentation kept).
pub fn clean_lines(text: &str) -> Vec<String> {
    clean(text).0
}

/// Does `t` hold the needle of `finder`? Asked of every line: memchr's search, which looks for
/// a needle's rarest bytes, where `str::contains` stopped at every char sharing the needle's
/// last byte (most of Chinese text shares `。`'s).
fn has(t: &str, finder: &LazyLock<Finder<'static>>) -> bool {
    finder.find(t.as_bytes()).is_some()
}

static LENTICULAR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("【"));
static PUBLISHED: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("发布时间"));

/// Clean decoded text into lines, and the metadata header fields found on the way.
pub fn clean(text: &str) -> (Vec<String>, Header) {
    let mut header = Header::default();
    let text = strip_controls(text);
    let text = match unescape_literal_newlines(&text) {
        Some(t) => Cow::Owned(t),
        None => text,
    };
    let text = strip_html_comments(&text);
    let mut lines: Vec<String> = Vec::new();
    // Footers end the body only after some body: a page may carry the same links in its header.
    let mut seen_sentence = false;
    let residue = ResidueMarks::new(&text);
    for raw in crate::split_lf::split_lf(&text) {
        let line = residue.strip(raw.trim_end_matches('\r'));
        let t = trim(&line);
        if is_footer_start(t) && seen_sentence {
            break;
        }
        seen_sentence = seen_sentence || has(t, &FULL_STOP);
        if is_residue_line(t) {
            header_field(t, &mut header);
            continue;
        }
        lines.push(line.trim_end().to_string());
    }
    drop_chrome_runs(&mut lines);
    drop_trailing_links(&mut lines);
    drop_summaries(&mut lines);
    super::repeats::drop_repeated_body(&mut lines);
    (lines, header)
}

/// Navigation menus are runs of short punctuation-free lines: drop runs of four or more.
fn drop_chrome_runs(lines: &mut Vec<String>) {
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() {
            let t = trim(&lines[i]);
            if t.is_empty() || is_chrome_fragment(t) {
                i += 1;
            } else {
                break;
            }
        }
        let fragments: Vec<usize> = (start..i)
            .map(|k| trim(&lines[k]).chars().count())
            .filter(|&n| n > 0)
            .collect();
        // Four menu items, or three single characters (`大` `中` `小` of a font-size switch).
        if fragments.len() >= 4 || (fragments.len() >= 3 && fragments.iter().all(|&n| n <= 2)) {
            keep[start..i].iter_mut().for_each(|k| *k = false);
        }
        if i == start {
            i += 1;
        }
    }
    let mut k = keep.into_iter();
    lines.retain(|_| k.next().unwrap_or(true));
}

/// After the report's last sentence, three or more lines without any punctuation are a page's
/// link list (`省发展和改革委员会`, `省生态环境厅` …). Two such lines (a signature and a date) stay.
fn drop_trailing_links(lines: &mut Vec<String>) {
    let Some(last_sentence) = lines
        .iter()
        .rposition(|l| l.contains(['。', '！', '？', '!', '?']))
    else {
        return;
    };
    let bare = lines[last_sentence + 1..]
        .iter()
        .filter(|l| !trim(l).is_empty())
        .all(|l| !l.contains(['，', '、', '；', '：', ',', ';', ':']));
    let count = lines[last_sentence + 1..]
        .iter()
        .filter(|l| !trim(l).is_empty())
        .count();
    if bare && count >= 3 {
        lines.truncate(last_sentence + 1);
    }
}

/// A site's summary box repeats the lines that follow it run together
/// (`政府工作报告（2023年…会议上）县长 某某` before `政府工作报告` / `（2023年…）` / `县长 某某`).
fn drop_summaries(lines: &mut Vec<String>) {
    let mut drop = vec![false; lines.len()];
    // Summary boxes sit in a page's head: look at the first lines only.
    let head: Vec<usize> = (0..lines.len().min(60))
        .filter(|&i| !trim(&lines[i]).is_empty())
        .collect();
    for w in head.windows(3) {
        if runs_together(&lines[w[0]], &lines[w[1]], &lines[w[2]]) {
            drop[w[0]] = true;
        }
    }
    let mut d = drop.into_iter();
    lines.retain(|_| !d.next().unwrap_or(false));
}

/// A line's chars as a summary box and the lines it repeats are compared: without spaces, and
/// without `?` and U+FFFD (characters lost on the way).
fn squashed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '?' && *c != '\u{3000}' && *c != '\u{fffd}')
}

/// Is `a` (squashed) `b`, then `c`, then more, with `b` and `c` of 4 chars or more? Compared a
/// char at a time, without copies: lines that differ (nearly all) cost a char or two.
fn runs_together(a: &str, b: &str, c: &str) -> bool {
    let mut a = squashed(a);
    // How many chars of `a` repeat `part`, if `a` goes on with all of it.
    let mut follows = |part: &str| -> Option<usize> {
        let mut n = 0;
        for ch in squashed(part) {
            if a.next() != Some(ch) {
                return None;
            }
            n += 1;
        }
        Some(n)
    };
    let parts = follows(b).zip(follows(c));
    parts.is_some_and(|(nb, nc)| nb >= 4 && nc >= 4) && a.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What cleaning may drop: controls, zero-width and bidi characters.
    fn droppable(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{ad}' | '\u{feff}'
                    | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            )
    }

    /// The chars cleaning must keep (a tab is kept as an ideographic space).
    fn kept(s: &str) -> String {
        s.chars()
            .map(|c| if c == '\t' { '\u{3000}' } else { c })
            .filter(|&c| !droppable(c))
            .collect()
    }

    /// Text of report-like chars mixed with every kind of control, introducer and terminator.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[一二三四五六七八九十、。，；：（）增长发展乡村振兴 a-z0-9%.\\[\\]PX^_()]{1,8}",
            1 => prop::sample::select(vec![
                "\u{1b}", "\u{1b}[", "\u{1b}]", "\u{1b}P", "\u{1b}\\", "\u{7}", "\u{9c}", "\u{9b}",
                "\u{9d}", "\u{90}", "\u{98}", "\u{9e}", "\u{9f}", "\r", "\n", "\r\n", "\t", "\u{200b}",
                "\u{200d}", "\u{ad}", "\u{202e}", "\u{0}", "\u{85}", "\u{1b}(", "31m", ";",
            ]).prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        /// Literal `\r\n` and `\n` become line breaks exactly as two `str::replace` passes
        /// would make them, whatever backslashes and letters surround them.
        #[test]
        fn literal_newlines_are_replaced_as_by_str_replace(
            s in "[\\\\rn中a]{0,24}",
        ) {
            let expected = s.replace("\\r\\n", "\n").replace("\\n", "\n");
            prop_assert_eq!(replace_literal_newlines(&s), expected);
        }

        /// Without an escape introducer, cleaning drops exactly the controls, zero-width and
        /// bidi characters (a tab becomes an ideographic space, a CR a line break): never
        /// anything else.
        #[test]
        fn cleaning_never_drops_a_printable_char(s in hostile()) {
            let plain: String = s
                .chars()
                .filter(|c| !matches!(c, '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}'..='\u{9f}'))
                .collect();
            prop_assert_eq!(kept(&strip_controls(&plain)), kept(&plain));
        }

        /// A block at a time, the next special char is the one a byte-by-byte look finds,
        /// among the chars that share its lead bytes (E2: quotes, dashes; EF: full-width
        /// punctuation) at any byte position.
        #[test]
        fn the_next_special_char_is_the_first_one(
            v in prop::collection::vec(prop::sample::select(vec![
                "，", "“", "”", "—", "…", "\u{2028}", "\u{2061}", "\u{200b}", "\u{202e}",
                "\u{2066}", "\u{feff}", "\u{fffd}", "ｂ", "\u{a0}", "\u{ad}", "\u{85}", "中", "a",
                "\n", "\t", "\u{7f}",
            ]), 0..40),
            from in 0usize..16,
        ) {
            let s = v.concat();
            let b = s.as_bytes();
            let from = from.min(b.len());
            let naive = (from..b.len()).find(|&j| MAYBE_SPECIAL[b[j] as usize] && special_at(b, j));
            prop_assert_eq!(next_special(b, from), naive);
        }

        /// The same, exactly: text between controls is copied in runs (eight bytes are looked
        /// at together), so a control at any byte position must still be found.
        #[test]
        fn runs_are_copied_exactly(s in hostile()) {
            let plain: String = s
                .chars()
                .filter(|c| !matches!(c, '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}'..='\u{9f}' | '\u{200d}'))
                .collect();
            let expected: String = plain
                .replace("\r\n", "\n")
                .chars()
                .filter_map(|c| match c {
                    '\r' => Some('\n'),
                    '\t' => Some('\u{3000}'),
                    '\n' => Some('\n'),
                    c if droppable(c) => None,
                    c => Some(c),
                })
                .collect();
            prop_assert_eq!(strip_controls(&plain), expected);
        }

        /// Whatever a line holds, the lines after it come through whole.
        #[test]
        fn a_line_never_eats_the_next(prefix in hostile(), line in "[一二三、。增长发展 a-z0-9]{1,40}") {
            let input = format!("{prefix}\n{line}");
            let out = strip_controls(&input);
            prop_assert!(out.ends_with(&format!("\n{line}")), "{:?}", out);
        }
    }

    #[test]
    fn strips_escape_sequences() {
        let s = "增长\u{1b}[31m6%\u{1b}[0m\u{1b}]52;c;aGVsbG8=\u{7}完成\u{1b}]0;title\u{1b}\\。\u{9b}2J";
        assert_eq!(strip_controls(s), "增长6%完成。");
        assert!(!strip_controls(s).contains('\u{1b}'));
    }

    #[test]
    fn invisible_and_bidi_characters_go() {
        let s = "增长\u{200b}6%\u{202e}完成\u{2066}。\u{feff}\u{85}";
        assert_eq!(strip_controls(s), "增长6%完成。");
        let clean = "一、回顾\n全年增长６．２％，“十四五”开局。";
        assert_eq!(strip_controls(clean), clean);
    }

    #[test]
    fn an_unterminated_sequence_loses_only_its_introducer() {
        let body = "第一段正文。\n第二段正文。\n第三段正文。";
        for intro in [
            "\u{1b}]", "\u{1b}P", "\u{1b}[", "\u{9d}", "\u{90}", "\u{9b}", "\u{1b}(",
        ] {
            let s = format!("开头{intro}{body}");
            assert_eq!(strip_controls(&s), format!("开头{body}"), "{intro:?}");
        }
        // Well formed ones still go whole, and an unterminated OSC before a later line's BEL
        // does not reach across the line break.
        assert_eq!(strip_controls("a\u{1b}]0;t\u{7}b\u{1b}[1;31mc"), "abc");
        assert_eq!(strip_controls("a\u{1b}]0;t\nb\u{7}c"), "a0;t\nbc");
    }

    #[test]
    fn carriage_returns_are_line_breaks() {
        assert_eq!(
            strip_controls("一、回顾\r正文。\r\n二、任务\r"),
            "一、回顾\n正文。\n二、任务\n"
        );
        assert_eq!(
            clean_lines("一、回顾\r全年经济平稳增长。\r二、任务").len(),
            3
        );
    }

    #[test]
    fn zero_width_characters_go_unless_they_join() {
        let s = "乡\u{200b}村\u{200c}振\u{200d}兴\u{2060}发\u{ad}展";
        assert_eq!(strip_controls(s), "乡村振兴发展");
        // A family emoji keeps its joiners.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(strip_controls(family), family);
    }

    #[test]
    fn literal_newlines() {
        let s = "政府工作报告\\r\\n各位代表：\\r\\n一、回顾\\r\\n正文。";
        assert_eq!(
            unescape_literal_newlines(s).unwrap(),
            "政府工作报告\n各位代表：\n一、回顾\n正文。"
        );
    }

    #[test]
    fn web_residue() {
        let s = "镇政府工作报告\n发布时间:2016-11-25 来源:工作报告\n[l]一是工业增长。[/l]\n增长16%。[!--empirenews.page--]\n【字体：大 中 小】\n相关推荐\n辞职报告 实习报告";
        assert_eq!(
            clean_lines(s),
            vec!["镇政府工作报告", "一是工业增长。", "增长16%。", ""]
        );
    }

    proptest::proptest! {
        /// A line may hold residue exactly when it holds a char residue opens with; a str that
        /// is not part of the text always may.
        #[test]
        fn residue_marks_tell_the_lines_with_a_mark(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "中", "，", "[", "<", "&", "【", "】", "\n", "a", "[l]", "&nbsp;", "【字体：大",
            ]), 0..60),
        ) {
            let text = v.concat();
            let marks = ResidueMarks::new(&text);
            for line in crate::split_lf::split_lf(&text) {
                let has = line.contains(['[', '<', '&', '【']);
                proptest::prop_assert_eq!(marks.may_hold(line), has, "{:?}", line);
                if !has {
                    proptest::prop_assert!(matches!(strip_inline_residue(line), Cow::Borrowed(_)));
                }
                proptest::prop_assert_eq!(marks.strip(line), strip_inline_residue(line));
            }
            let other = String::from("中文");
            proptest::prop_assert!(marks.may_hold(&other));
        }
    }

    /// Past the marks a text may keep, every line may hold residue; before them, lines are
    /// told as usual.
    #[test]
    fn too_many_marks_leave_the_rest_unknown() {
        let text = format!(
            "乡村振兴\n[l]{}\n全面推进\n【字体】\n增长",
            "&".repeat(ResidueMarks::MAX + 5)
        );
        let marks = ResidueMarks::new(&text);
        let lines: Vec<&str> = crate::split_lf::split_lf(&text).collect();
        assert!(!marks.may_hold(lines[0]));
        assert!(marks.may_hold(lines[1]));
        assert!(marks.may_hold(lines[2]), "past the last mark kept");
        assert!(marks.may_hold(lines[4]));
        assert!(marks.marks.len() <= ResidueMarks::MAX + 1);
        let lenticular = format!("乡村振兴\n{}\n增长", "【".repeat(ResidueMarks::MAX + 5));
        let marks = ResidueMarks::new(&lenticular);
        let lines: Vec<&str> = crate::split_lf::split_lf(&lenticular).collect();
        assert!(!marks.may_hold(lines[0]));
        assert!(marks.may_hold(lines[2]), "past the last mark kept");
    }

    /// Each kind of cue word marks a short line as residue, and only a line short enough for
    /// its kind: the same words in a report's sentences stay.
    #[test]
    fn cue_words_mark_short_lines_only() {
        for (line, residue) in [
            ("中央政府门户网站 www.gov.cn 2009年03月16日 来源：新华社", true),
            ("本网讯 来源:新华社", false),
            ("上一页 1 2 3 4 下一页", true),
            ("扫一扫在手机打开", true),
            ("分享到微博", true),
            ("版权所有：某某县人民政府办公室 技术支持：某某网络公司", true),
            ("ICP备05012345号", true),
            ("当前位置：首页 > 政务公开 > 政府工作报告", true),
            (
                "开通政务微信公众号和政务服务客户端，群众办事实现“掌上办”“指尖办”。",
                false,
            ),
            (
                "建成县级融媒体中心，开通政务客户端，引进企业技术支持团队十二个，新建网站标识码管理平台，版权所有登记服务站三个，全县文化市场持续繁荣。",
                false,
            ),
            (
                "全县上下齐心协力，把握发展机遇，乡村振兴各项任务进展顺利，当前经济运行总体平稳，主要指标好于预期，以上数据来源：县统计局2023年统计公报和各部门报送的全年数据汇总。",
                false,
            ),
        ] {
            assert_eq!(is_residue_line(line), residue, "{line}");
        }
    }

    #[test]
    fn footer_links_in_a_page_header_do_not_end_the_body() {
        let body =
            "全年实现地区生产总值12.5亿元，同比增长6.1%，经济运行总体平稳，发展质量稳步提升。";
        let s = format!(
            "网站地图\n一、过去一年工作回顾\n{body}\n{body}\n{body}\n网站地图\n联系我们\n版权所有"
        );
        assert_eq!(
            clean_lines(&s),
            vec!["网站地图", "一、过去一年工作回顾", body, body, body]
        );
    }

    #[test]
    fn trailing_link_lists_go_but_a_signature_stays() {
        let s = "一、回顾\n全年经济平稳增长。\n省发展和改革委员会\n省生态环境厅\n省交通运输厅\n省医疗保障局";
        assert_eq!(clean_lines(s), vec!["一、回顾", "全年经济平稳增长。"]);
        let s = "一、回顾\n全年经济平稳增长。\n青山镇人民政府\n2024年1月5日";
        assert_eq!(clean_lines(s).len(), 4);
    }

    #[test]
    fn bracketed_editor_and_source_lines() {
        let s = "全年经济平稳增长。\n（责任编辑：某某）\n(来源：某某网）\n【E-mail推荐\n【打印】";
        assert_eq!(clean_lines(s), vec!["全年经济平稳增长。"]);
    }

    #[test]
    fn menus_are_dropped() {
        let s = "首页\n领导之窗\n政务服务\n互动交流\n走进本市\n一、过去一年工作回顾\n全年经济平稳增长。";
        assert_eq!(
            clean_lines(s),
            vec!["一、过去一年工作回顾", "全年经济平稳增长。"]
        );
    }

    #[test]
    fn repeated_body_kept_once() {
        let body = [
            "一、过去一年工作回顾",
            "这是第一段很长的正文，用来测试重复正文的识别，长度需要超过三十个字符才算。",
            "这是第二段很长的正文，用来测试重复正文的识别，长度需要超过三十个字符才算。",
            "这是第三段很长的正文，用来测试重复正文的识别，长度需要超过三十个字符才算。",
            "这是第四段很长的正文，用来测试重复正文的识别，长度需要超过三十个字符才算。",
        ];
        let text = format!("{}\n网站首页\n{}", body.join("\n"), body.join("\n"));
        assert_eq!(clean_lines(&text), body.to_vec());
    }

    #[test]
    fn html_comments_and_script_lines() {
        let s = "<!--\n-->\n当前位置： 首页>> 概况\n一、工作回顾\n<!-- 广告 -->正文。\nvar a = document.getElementById('x');\n中央政府门户网站　www.gov.cn　2024年03月16日　来源：新华社";
        let lines: Vec<String> = clean_lines(s)
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, vec!["一、工作回顾", "正文。"]);
    }

    #[test]
    fn header_fields_are_kept() {
        let (lines, h) = clean("标题：2021年青山市政府工作报告\n发文时间：2021-02-19\n报告人：王某\n来源URL：http://example.org/a.html\n正文：\n各位代表：");
        assert_eq!(lines, vec!["各位代表："]);
        assert_eq!(h.title.as_deref(), Some("2021年青山市政府工作报告"));
        assert_eq!(h.date.as_deref(), Some("2021-02-19"));
        assert_eq!(h.speaker.as_deref(), Some("王某"));
    }
}
