//! Skipping files that cannot match, before decoding, cleaning and outlining them (the costly
//! part of `grep`), as ripgrep's literal prefilter does.
//!
//! A file can match only if, for every positive clause, all the words of one alternative can
//! be in its text. A word can be in the loaded text only if its characters (or characters that
//! fold to them: `ＧＤＰ` for `gdp`) are in the raw text in order, with nothing between them but
//! what loading removes. So each word becomes a pattern `c₁ GAP c₂ GAP …` where GAP is what
//! loading can take out between two characters it then joins: ASCII (markup, web residue,
//! escapes, spaces), invisible and format characters, `【…】` residue, HTML comments, script and
//! style elements, and line breaks with whole lines after them (dropped lines and lines joined
//! into one paragraph). The test errs towards parsing:
//!
//! - the file's text is searched as UTF-8 when it is valid UTF-8, else decoded exactly as
//!   loading decodes it (BOM, UTF-16, GB18030/GBK, Big5 … by the same detection);
//! - `.docx` files, empty and binary files (so their error is still reported), files with
//!   numeric character references (`&#…;`) or terminal escape sequences are always parsed;
//! - a word with characters other than Chinese ideographs is not used to skip a file that has
//!   named character references (`&mdash;`).
//!
//! Skipping never changes the matches printed; a skipped file is counted as loaded.

use baogao_core::search::Query;
use regex::Regex;

/// What loading can remove between two characters it then joins (see the module docs).
const GAP: &str = concat!(
    r"(?:",
    r"[\x00-\x7F\u{80}-\u{A0}\u{AD}\u{1680}\u{2000}-\u{206F}\u{3000}\u{FEFF}\u{FFFD}]",
    r"|【[^】]*】",
    r"|<!--(?s:.*)-->",
    r"|<(?i:script|style)(?s:.*)</(?i:script|style)>",
    r"|\n[^\n]*",
    r")*",
);

struct Word {
    pattern: Regex,
    /// Only Chinese ideographs (no named character reference can produce them).
    ideographs: bool,
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
    let mut out = vec![c];
    let candidates = (0u32..0x530)
        .chain(0xFF01..=0xFF5E)
        .chain([0x3000, 0x2018, 0x2019])
        .filter_map(char::from_u32);
    for x in candidates {
        if x != c && baogao_core::fold::fold_char(x) == c {
            out.push(x);
        }
    }
    out
}

fn word_pattern(word: &str) -> Option<Regex> {
    let mut p = String::new();
    // A space in a word may come from a tab, `<U+00A0>` or markup, or be missing from the raw
    // text altogether: it is left to the gaps.
    for (i, c) in word.chars().filter(|&c| c != ' ').enumerate() {
        if i > 0 {
            p.push_str(GAP);
        }
        p.push_str("(?:");
        let alts: Vec<String> = preimages(c)
            .into_iter()
            .map(|x| regex::escape(x.encode_utf8(&mut [0; 4])))
            .collect();
        p.push_str(&alts.join("|"));
        p.push(')');
    }
    regex::RegexBuilder::new(&p)
        .size_limit(1 << 22)
        .dfa_size_limit(1 << 22)
        .build()
        .ok()
}

impl Prefilter {
    /// `None` when a pattern cannot be built (then every file is parsed).
    pub fn new(query: &Query) -> Option<Prefilter> {
        let mut clauses = Vec::new();
        for c in query.clauses().iter().filter(|c| !c.negated) {
            let mut alts = Vec::new();
            for a in &c.alts {
                let mut words = Vec::new();
                for w in &a.words {
                    words.push(Word {
                        pattern: word_pattern(w)?,
                        ideographs: w.chars().all(is_ideograph),
                    });
                }
                alts.push(words);
            }
            clauses.push(alts);
        }
        Some(Prefilter { clauses })
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
        let text: &str = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                decoded = baogao_core::load::decode::decode(bytes).text;
                &decoded
            }
        };
        if text.contains("&#") || text.contains('\u{1b}') || text.contains(is_c1_introducer) {
            return true;
        }
        let unescaped = baogao_core::load::clean::unescape_literal_newlines(text);
        let text = unescaped.as_deref().unwrap_or(text);
        let entities = text.contains('&');
        self.clauses.iter().all(|alts| {
            alts.iter().any(|words| {
                words
                    .iter()
                    .all(|w| (entities && !w.ideographs) || w.pattern.is_match(text))
            })
        })
    }
}

/// C1 controls that open a string the loader drops whole (it may hold any text).
fn is_c1_introducer(c: char) -> bool {
    matches!(c, '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(query: &str, text: &str) -> bool {
        let q = Query::parse(query, false).unwrap();
        Prefilter::new(&q).unwrap().may_match("a.txt", text.as_bytes())
    }

    /// The filter must never skip a file whose loaded text matches.
    fn agrees_with_loading(query: &str, text: &str) {
        let q = Query::parse(query, false).unwrap();
        let matched = baogao_core::load::load_bytes("a.txt", text.as_bytes())
            .into_iter()
            .flatten()
            .any(|r| !baogao_core::search::search_report(&r, 0, &q).is_empty());
        if matched {
            assert!(may(query, text), "{query:?} matches {text:?} but was skipped");
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

    #[test]
    fn other_encodings_are_decoded_first() {
        let (gbk, _, _) = encoding_rs::GBK.encode("全年推进乡村振兴，经济增长。");
        let q = Query::parse("乡村振兴", false).unwrap();
        let f = Prefilter::new(&q).unwrap();
        assert!(f.may_match("a.txt", &gbk));
        let q = Query::parse("碳达峰", false).unwrap();
        assert!(!Prefilter::new(&q).unwrap().may_match("a.txt", &gbk));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for u in "推进乡村振兴。".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(f.may_match("a.txt", &utf16));
    }

    #[test]
    fn files_that_fail_to_load_are_still_loaded() {
        assert!(may("碳达峰", "   \n  "));
        let q = Query::parse("碳达峰", false).unwrap();
        let f = Prefilter::new(&q).unwrap();
        assert!(f.may_match("a.docx", b"PK\x03\x04zipped"));
        assert!(f.may_match("a.txt", b"\x00\x01\x02\x03binary\x00\x00\x00"));
    }

    #[test]
    fn never_skips_what_loading_would_find() {
        for (q, text) in [
            ("乡村振兴", "推进乡村\n振兴。"),
            ("乡村振兴", "一、回顾\n推进乡村\u{3000}振兴。\n"),
            ("产业 发展", "<html><body><p>产业</p><p>发展</p></body></html>"),
            ("\"digital economy\"", "Digital\tEconomy"),
            ("2023", "２０２３年"),
        ] {
            agrees_with_loading(q, text);
        }
    }
}
