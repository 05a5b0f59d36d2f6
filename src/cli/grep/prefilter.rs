//! Skipping files that cannot match, before decoding, cleaning and outlining them (the costly
//! part of `grep`), as ripgrep's literal prefilter does.
//!
//! A file can match only if, for every positive clause, all the words of one alternative can
//! be in its text. A word can be in the loaded text only if its characters (or characters that
//! fold to them: `ＧＤＰ` for `gdp`) are in the raw text in order, with nothing between them but
//! what loading removes: ASCII (markup, web residue, escapes, spaces), invisible and format
//! characters, `【…】` residue. A line break or a `<` between two of them may hide anything
//! (dropped lines, lines joined into one paragraph, HTML comments, scripts): there the test
//! gives up and the file is parsed. The test errs towards parsing:
//!
//! - the file's text is searched as UTF-8 when it is valid UTF-8. Otherwise a word of Chinese
//!   ideographs is looked for in the raw bytes, in its forms in every encoding that can hold it
//!   ([`encoded`]: UTF-16, GB18030, Big5 …), each place decoded from there in that encoding;
//!   other words, and files with literal `\n` escapes, are decoded exactly as loading decodes
//!   them (BOM, UTF-16, GB18030/GBK, Big5 … by the same detection);
//! - `.docx` files, empty and binary files (so their error is still reported), files with
//!   numeric character references (`&#…;`) or terminal escape sequences are always parsed;
//! - a word with characters other than Chinese ideographs is not used to skip a file that has
//!   named character references (`&mdash;`).
//!
//! Skipping never changes the matches printed; a skipped file is counted as loaded.

use super::encoded;
use baogao_core::search::Query;
use encoding_rs::Encoding;
use memchr::memmem::{self, Finder};
use std::sync::OnceLock;

struct Word {
    /// For each char of the word (spaces left out: loading makes them from tabs, `<U+00A0>`,
    /// markup), the chars that fold to it.
    chars: Vec<Vec<char>>,
    /// Finders of the first char's forms.
    first: Vec<Finder<'static>>,
    /// Only Chinese ideographs (no named character reference can produce them).
    ideographs: bool,
    /// The first char's forms in the encodings of [`encoded::LEGACY`], made when a file that
    /// is not UTF-8 first needs them.
    raw: OnceLock<Vec<(&'static Encoding, Finder<'static>)>>,
}

/// Chars that loading removes from inside a line (or that are spaces it may drop).
fn is_ignorable(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{80}'..='\u{A0}' | '\u{AD}' | '\u{1680}' | '\u{2000}'..='\u{206F}' | '\u{3000}' | '\u{FEFF}' | '\u{FFFD}')
}

/// How far (in bytes of text) a word's chars may be apart, with what loading removes between
/// them, before the walk gives up and assumes a match. Web residue between two chars of a word
/// is a few dozen bytes.
const WALK_MAX: usize = 1024;

/// How a word fares at one place in the text.
enum Walk {
    Found,
    /// Something between two of its chars may hide anything: assume it can match.
    Unsure,
    NotHere,
    /// The text ended first.
    End,
}

impl Word {
    fn new(word: &str) -> Word {
        let chars: Vec<Vec<char>> = word.chars().filter(|&c| c != ' ').map(preimages).collect();
        let first = chars
            .first()
            .map(|f| {
                f.iter()
                    .map(|c| Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        Word {
            chars,
            first,
            ideographs: word.chars().all(is_ideograph),
            raw: OnceLock::new(),
        }
    }

    /// Can the loaded text hold the word?
    fn may_be_in(&self, text: &str) -> bool {
        if self.chars.is_empty() {
            return true;
        }
        let bytes = text.as_bytes();
        for f in &self.first {
            for at in f.find_iter(bytes) {
                match self.walk(&text[at..]) {
                    Walk::Found | Walk::Unsure => return true,
                    Walk::NotHere | Walk::End => {}
                }
            }
        }
        false
    }

    /// Can the loaded text of a file with these raw bytes (not UTF-8) hold the word? Each place
    /// one of the first char's forms occurs is decoded from there in its encoding, a short
    /// window first. A form found across two chars of another encoding decodes to something
    /// else there, or to the word: then the file is loaded, which errs the safe way.
    fn may_be_in_raw(&self, bytes: &[u8], utf16: Option<&'static Encoding>) -> bool {
        if self.chars.is_empty() {
            return true;
        }
        let raw = self.raw.get_or_init(|| {
            let mut out = Vec::new();
            for &enc in &encoded::LEGACY {
                for c in &self.chars[0] {
                    for form in encoded::forms(enc, *c) {
                        out.push((enc, Finder::new(&form).into_owned()));
                    }
                }
            }
            out
        });
        // Read as UTF-16, the file is that and nothing else; else UTF-16 never applies.
        let applies = |enc: &'static Encoding| match utf16 {
            Some(order) => enc == order,
            None => enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE,
        };
        for (enc, finder) in raw.iter().filter(|(enc, _)| applies(enc)) {
            for at in finder.find_iter(bytes) {
                // A short window first; 16 KB holds more than `WALK_MAX` bytes of text in
                // any of these encodings, so the walk ends there.
                let mut len = 16;
                loop {
                    let (text, complete) = encoded::window(enc, bytes, at, len);
                    match self.walk(&text) {
                        Walk::Found | Walk::Unsure => return true,
                        Walk::End if !complete => len *= 16,
                        Walk::NotHere | Walk::End => break,
                    }
                }
            }
        }
        false
    }

    /// Match the word from the start of `rest` (which begins with a form of its first char),
    /// each later char at the first place it can be: a char of the word is never skippable
    /// unless it is ASCII or ignorable, and then taking it at once loses nothing. A walk past
    /// [`WALK_MAX`] bytes is unsure: every place the first char occurs is walked from, so an
    /// unbounded walk (`乡【乡【乡【…`, each `【` never closed) made the test quadratic.
    fn walk(&self, rest: &str) -> Walk {
        let mut it = rest.char_indices().map(|(at, c)| (at > WALK_MAX, c));
        it.next();
        'chars: for forms in &self.chars[1..] {
            while let Some((far, c)) = it.next() {
                if far {
                    return Walk::Unsure;
                }
                if forms.contains(&c) {
                    continue 'chars;
                }
                match c {
                    // Loading drops a terminal sequence whole, whatever it holds.
                    '\n' | '<' | '\u{1b}' | '\u{80}'..='\u{9f}' => return Walk::Unsure,
                    '【' => {
                        // Inline residue: skip to its end (a line break first: unsure).
                        for (far, d) in it.by_ref() {
                            match d {
                                _ if far => return Walk::Unsure,
                                '】' => break,
                                '\n' => return Walk::Unsure,
                                _ => {}
                            }
                        }
                    }
                    c if is_ignorable(c) => {}
                    _ => return Walk::NotHere,
                }
            }
            return Walk::End;
        }
        Walk::Found
    }
}

/// The prefilter of one query.
pub struct Prefilter {
    /// Positive clauses → alternatives → words.
    clauses: Vec<Vec<Vec<Word>>>,
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Every char that folds to `c`: `c` itself, and its full-width and upper-case forms.
fn preimages(c: char) -> Vec<char> {
    std::iter::once(c)
        .chain(baogao_core::fold::other_forms(c).iter().copied())
        .collect()
}

impl Prefilter {
    pub fn new(query: &Query) -> Prefilter {
        let mut clauses = Vec::new();
        for c in query.clauses().iter().filter(|c| !c.negated) {
            let mut alts = Vec::new();
            for a in &c.alts {
                let mut words = Vec::new();
                for w in &a.words {
                    words.push(Word::new(w));
                }
                alts.push(words);
            }
            clauses.push(alts);
        }
        Prefilter { clauses }
    }

    /// Can the file named `name` with these bytes hold a match? `false` only when it surely
    /// cannot (see the module docs).
    pub fn may_match(&self, name: &str, bytes: &[u8]) -> bool {
        let docx = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        if docx
            || bytes.starts_with(b"PK\x03\x04")
            || bytes.iter().all(u8::is_ascii_whitespace)
            || baogao_core::load::decode::looks_binary(bytes)
        {
            return true;
        }
        let decoded;
        let text: &str = match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => match self.may_match_raw(bytes) {
                Some(answer) => return answer,
                None => {
                    decoded = baogao_core::load::decode::decode(bytes).text;
                    &decoded
                }
            },
        };
        let b = text.as_bytes();
        let m = Marks::of(b);
        if m.reference || m.escape || has_c1(b) {
            return true;
        }
        let unescaped = m
            .literal_newline
            .then(|| baogao_core::load::clean::unescape_literal_newlines(text))
            .flatten();
        let text = unescaped.as_deref().unwrap_or(text);
        // (Unescaping makes no `&`.)
        let entities = m.ampersand;
        self.clauses.iter().all(|alts| {
            alts.iter().any(|words| {
                words
                    .iter()
                    .all(|w| (entities && !w.ideographs) || w.may_be_in(text))
            })
        })
    }

    /// [`Self::may_match`] on the raw bytes of a file that is not UTF-8, when every word is of
    /// ideographs (`None`: decode it to tell). What the checks on decoded text look for is
    /// ASCII, which is the same bytes in every encoding here but UTF-16 (no trail byte of a
    /// multi-byte char is below 0x40).
    fn may_match_raw(&self, bytes: &[u8]) -> Option<bool> {
        let words = || self.clauses.iter().flatten().flatten();
        if !words().all(|w| w.ideographs) {
            return None;
        }
        // Loading reads the file as UTF-16 of this byte order, or never as UTF-16: the forms of
        // the other encodings (the other order) cannot be in its text.
        let utf16 = baogao_core::load::decode::utf16_order(bytes);
        let in_utf16 = |ascii: &[u8]| {
            let form: Vec<u8> = match utf16 {
                Some(order) if order == encoding_rs::UTF_16LE => {
                    ascii.iter().flat_map(|&b| [b, 0]).collect()
                }
                Some(_) => ascii.iter().flat_map(|&b| [0, b]).collect(),
                None => return false,
            };
            memmem::find(bytes, &form).is_some()
        };
        let m = Marks::of(bytes);
        // Literal `\n` escapes: loading may make line breaks of them.
        if m.literal_newline || in_utf16(b"\\n") {
            return None;
        }
        // Numeric character references can make any char; escape sequences hide any text.
        if m.reference || m.escape || in_utf16(b"&#") {
            return Some(true);
        }
        Some(self.clauses.iter().all(|alts| {
            alts.iter()
                .any(|words| words.iter().all(|w| w.may_be_in_raw(bytes, utf16)))
        }))
    }
}

/// What the checks on a text's ASCII look for, found in one pass (Chinese text has few of
/// these bytes; five passes over each file were a third of the prefilter's time).
#[derive(Debug, Default, PartialEq)]
struct Marks {
    /// `&#`: a numeric character reference.
    reference: bool,
    /// ESC: a terminal escape sequence.
    escape: bool,
    /// `\n` written out.
    literal_newline: bool,
    /// Any `&` (a named character reference may follow).
    ampersand: bool,
}

impl Marks {
    /// The marks of `b`; the scan stops at a reference or an escape (each makes the file one
    /// to load, whatever else it holds).
    fn of(b: &[u8]) -> Marks {
        let mut m = Marks::default();
        for i in memchr::memchr3_iter(b'&', 0x1b, b'\\', b) {
            match b[i] {
                b'&' => {
                    m.ampersand = true;
                    if b.get(i + 1) == Some(&b'#') {
                        m.reference = true;
                        break;
                    }
                }
                0x1b => {
                    m.escape = true;
                    break;
                }
                _ => m.literal_newline |= b.get(i + 1) == Some(&b'n'),
            }
        }
        m
    }
}

/// Does UTF-8 text hold a C1 control that opens a string the loader drops whole (it may hold
/// any text)? U+0090, U+0098, U+009B, U+009D..U+009F are C2 90 … C2 9F.
fn has_c1(b: &[u8]) -> bool {
    memchr::memchr_iter(0xC2, b)
        .any(|i| matches!(b.get(i + 1), Some(0x90 | 0x98 | 0x9B | 0x9D..=0x9F)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(query: &str, text: &str) -> bool {
        let q = Query::parse(query, false).unwrap();
        Prefilter::new(&q).may_match("a.txt", text.as_bytes())
    }

    /// The filter must never skip a file whose loaded text matches.
    fn agrees_with_loading(query: &str, text: &str) {
        let q = Query::parse(query, false).unwrap();
        let matched = baogao_core::load::load_bytes("a.txt", text.as_bytes())
            .into_iter()
            .flatten()
            .any(|r| !baogao_core::search::search_report(&r, 0, &q).is_empty());
        if matched {
            assert!(
                may(query, text),
                "{query:?} matches {text:?} but was skipped"
            );
        }
    }

    #[test]
    fn skips_files_without_the_words() {
        assert!(!may("碳达峰", "全年经济平稳增长。\n推进乡村振兴。"));
        assert!(may("乡村振兴", "全年经济平稳增长。\n推进乡村振兴。"));
        assert!(!may("乡村振兴 碳达峰", "推进乡村振兴。"));
        assert!(may("碳达峰|乡村振兴", "推进乡村振兴。"));
        // Exclusions never make a file skippable.
        assert!(may("乡村振兴 -增长", "全年增长。推进乡村振兴。"));
        // Another character between two of the word's is not something loading removes.
        assert!(!may("乡村振兴", "乡村和振兴，乡村、振兴"));
        assert!(may("乡村振兴", "乡村和振兴，乡村 振\u{3000}兴"));
        // Every place the first char occurs is tried.
        assert!(may("乡乡村", "甲乡乡乡村乙"));
    }

    #[test]
    fn folded_forms_and_what_loading_removes_between_characters() {
        assert!(may("gdp", "全市ＧＤＰ增长"));
        assert!(may("乡村振兴", "推进乡村\u{200b}振兴。"));
        assert!(may("乡村振兴", "推进乡村<b>振兴</b>。"));
        assert!(may("乡村振兴", "推进乡村【字体：大 中 小】振兴。"));
        assert!(may("乡村振兴", "推进乡村<!-- 注释 -->振兴。"));
        // A sentence broken across lines, with a dropped line between.
        assert!(may("乡村振兴", "推进乡村\n发布时间：2024-01-01\n振兴。"));
        // Literal `\n` escapes are line breaks too.
        assert!(may(
            "乡村振兴",
            r"标题\n推进乡村\n振兴。\n第二段\n第三段\n第四段"
        ));
        assert!(may("乡村振兴", "推进乡村&#25391;兴。"));
    }

    /// `decode` false: judged from the raw bytes alone, without decoding the file (else as grep asks).
    fn may_bytes(query: &str, bytes: &[u8], decode: bool) -> bool {
        let q = Query::parse(query, false).unwrap();
        let p = Prefilter::new(&q);
        if decode {
            p.may_match("a.txt", bytes)
        } else {
            p.may_match_raw(bytes).expect("judged from the raw bytes")
        }
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn other_encodings_are_decoded_first() {
        let (gbk, _, _) = encoding_rs::GBK.encode("全年推进乡村振兴，经济增长。");
        assert!(may_bytes("乡村振兴", &gbk, true));
        assert!(!may_bytes("碳达峰", &gbk, true));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(super::tests::utf16("推进乡村振兴。", true));
        assert!(may_bytes("乡村振兴", &utf16, true));
        // A word with other chars than ideographs needs the text decoded.
        let (gbk, _, _) = encoding_rs::GBK.encode("全年ＧＤＰ增长。");
        assert!(may_bytes("gdp", &gbk, true));
        assert!(!may_bytes("cpi", &gbk, true));
        let q = Query::parse("cpi", false).unwrap();
        assert_eq!(Prefilter::new(&q).may_match_raw(&gbk), None);
    }

    #[test]
    fn ideograph_words_are_looked_for_in_the_raw_bytes_of_any_encoding() {
        let simplified = ("全年推进乡村振兴，经济增长。", "乡村振兴");
        let traditional = ("全年推進鄉村振興，經濟增長。", "鄉村振興");
        let japanese = ("令和6年度 市政府工作報告について。", "政府工作");
        let encoded = |enc: &'static Encoding, (text, word): (&str, &'static str)| {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{}", enc.name());
            (enc.name(), bytes.into_owned(), word)
        };
        let cases = [
            encoded(encoding_rs::GB18030, simplified),
            encoded(encoding_rs::BIG5, traditional),
            encoded(encoding_rs::SHIFT_JIS, japanese),
            encoded(encoding_rs::EUC_JP, japanese),
            encoded(encoding_rs::EUC_KR, ("市政府工作報告。", "政府工作")),
            ("UTF-16LE", utf16(simplified.0, true), simplified.1),
            ("UTF-16BE", utf16(simplified.0, false), simplified.1),
        ];
        for (enc, bytes, word) in &cases {
            assert!(std::str::from_utf8(bytes).is_err(), "{enc}");
            // Judged without decoding the file, either way.
            assert!(may_bytes(word, bytes, false), "{enc}: {word}");
            assert!(!may_bytes("碳达峰", bytes, false), "{enc}");
            let backwards: String = word.chars().rev().collect();
            assert!(!may_bytes(&backwards, bytes, false), "{enc}");
        }
        // What loading removes between two chars, in a legacy encoding.
        let gb = |t: &str| encoding_rs::GB18030.encode(t).0.into_owned();
        // `aNQg/ctQ` is `乡村振兴` in UTF-16LE, but loading never reads this file as UTF-16.
        assert!(!may_bytes("乡村振兴", &gb("推进aNQg/ctQ。"), false));
        assert!(may_bytes("乡村振兴", &utf16("推进乡村振兴。", true), false));
        // `慎內⽣瑑` in UTF-16BE is `乡村振兴` in UTF-16LE: a file with a big-endian BOM is only
        // ever read big-endian.
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16("推进慎內⽣瑑。", false));
        assert!(!may_bytes("乡村振兴", &be, false));
        assert!(may_bytes("慎內", &be, false));
        assert!(may_bytes("乡村振兴", &gb("推进乡村 <b>振兴</b>"), false));
        assert!(may_bytes("乡村振兴", &gb("推进乡村【注】振兴"), false));
        assert!(may_bytes("乡村振兴", &gb("推进乡村\n振兴"), true));
        assert!(!may_bytes("乡村振兴", &gb("推进乡村和振兴"), false));
        // A terminal sequence, or a character reference, may hide or make anything.
        assert!(may_bytes(
            "乡村振兴",
            &gb("推进乡村\u{9d}0;标题\u{7}振兴"),
            false
        ));
        assert!(may_bytes(
            "乡村振兴",
            &gb("推进乡村\u{1b}]0;标题\u{7}振兴"),
            false
        ));
        assert!(may_bytes("乡村振兴", &gb("推进&#20065;村振兴"), false));
        // The word's chars far apart: the window grows until it is decided, and past the
        // walk's bound the file is assumed to match.
        let long = format!("推进乡村{}振兴", " ".repeat(600));
        assert!(may_bytes("乡村振兴", &gb(&long), false));
        let long = format!("推进乡村{}和振兴", " ".repeat(600));
        assert!(!may_bytes("乡村振兴", &gb(&long), false));
        let long = format!("推进乡村{}和振兴", " ".repeat(WALK_MAX));
        assert!(may_bytes("乡村振兴", &gb(&long), false));
        assert!(may(
            "乡村振兴",
            &format!("推进乡村{}和振兴", " ".repeat(WALK_MAX))
        ));
    }

    proptest::proptest! {
        /// Skipping a file that is not UTF-8 never loses a match: the word's two halves with
        /// pieces between them that loading removes, keeps or makes line breaks of, amid other
        /// pieces, in the encodings loading detects.
        #[test]
        fn raw_bytes_never_skip_what_loading_finds(
            before in proptest::collection::vec(0usize..16, 0..6),
            between in proptest::collection::vec(0usize..16, 0..3),
            after in proptest::collection::vec(0usize..16, 0..6),
            enc in 0usize..3,
        ) {
            const PIECES: [&str; 16] = [
                "乡村", "振兴", "鄉村", "振興", "推进", "和", "，", " ", "\n", "<b>", "【注】",
                "\u{1b}]0;题\u{7}", "\u{9b}1m", "\u{9d}0;题\u{9c}", "\\n", "\u{3000}",
            ];
            let join = |v: &[usize]| v.iter().map(|&i| PIECES[i]).collect::<String>();
            let (first, second, word) = if enc == 1 {
                ("鄉村", "振興", "鄉村振興")
            } else {
                ("乡村", "振兴", "乡村振兴")
            };
            let text = format!("{}{first}{}{second}{}", join(&before), join(&between), join(&after));
            let bytes = match enc {
                0 => encoding_rs::GB18030.encode(&text).0.into_owned(),
                1 => encoding_rs::BIG5.encode(&text).0.into_owned(),
                _ => utf16(&text, true),
            };
            let q = Query::parse(word, false).unwrap();
            let matched = baogao_core::load::load_bytes("a.txt", &bytes)
                .into_iter()
                .flatten()
                .any(|r| !baogao_core::search::search_report(&r, 0, &q).is_empty());
            if matched {
                proptest::prop_assert!(
                    Prefilter::new(&q).may_match_raw(&bytes) != Some(false),
                    "{word:?} is in {text:?} ({enc}) but was skipped"
                );
            }
        }
    }

    #[test]
    fn marks_are_what_separate_searches_find() {
        for text in [
            "",
            "乡村振兴",
            "a&b",
            "&#22823;",
            "a&",
            "\\n",
            "\\",
            "x\\nx&#1;",
            "\u{1b}]0;t\u{7}",
            "&amp;\\n",
            "\\\\n",
            "&&#",
            "\u{1b}&#",
        ] {
            let b = text.as_bytes();
            let want = Marks {
                reference: memmem::find(b, b"&#").is_some(),
                escape: memchr::memchr(0x1b, b).is_some(),
                literal_newline: memmem::find(b, b"\\n").is_some(),
                ampersand: memchr::memchr(b'&', b).is_some(),
            };
            let got = Marks::of(b);
            // After a reference or an escape the rest is not looked at.
            if want.reference || want.escape {
                assert!(got.reference || got.escape, "{text:?}");
                assert_eq!(got.reference || got.escape, want.reference || want.escape);
            } else {
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    #[test]
    fn files_that_fail_to_load_are_still_loaded() {
        assert!(may("碳达峰", "   \n  "));
        let q = Query::parse("碳达峰", false).unwrap();
        let f = Prefilter::new(&q);
        assert!(f.may_match("a.docx", b"PK\x03\x04zipped"));
        assert!(f.may_match("a.txt", b"\x00\x01\x02\x03binary\x00\x00\x00"));
    }

    #[test]
    fn never_skips_what_loading_would_find() {
        for (q, text) in [
            ("乡村振兴", "推进乡村\n振兴。"),
            ("乡村振兴", "一、回顾\n推进乡村\u{3000}振兴。\n"),
            (
                "产业 发展",
                "<html><body><p>产业</p><p>发展</p></body></html>",
            ),
            ("\"digital economy\"", "Digital\tEconomy"),
            ("2023", "２０２３年"),
        ] {
            agrees_with_loading(q, text);
        }
    }
}
