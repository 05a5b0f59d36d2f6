//! The query language of the keyword filter.
//!
//! A query is a list of *clauses* separated by whitespace (ASCII or the ideographic space `　`).
//! A paragraph matches when it satisfies **every** positive clause and **no** excluded clause.
//!
//! | Written        | Meaning                                                                  |
//! |----------------|--------------------------------------------------------------------------|
//! | `乡村振兴 产业` | both terms must occur (AND), anywhere in the paragraph, in any order      |
//! | `GDP\|生产总值`  | either term (OR); `\|` binds inside one clause, no spaces around it      |
//! | `-疫情`         | paragraphs containing the term are left out (NOT); also `-a\|b`          |
//! | `"digital economy"` | a phrase: the quoted text, spaces included, as one term             |
//!
//! Rules, precisely:
//! - Matching is **substring** matching on the folded view of the text: full-width ASCII becomes
//!   ASCII and letters are lower-cased (see [`crate::fold`]), and the query is folded the same way.
//!   So `GDP` finds `ＧＤＰ` and `gdp`, `2023` finds `２０２３`, `(一)` finds `（一）`.
//! - A term never matches across two paragraphs. Headings are paragraphs, so they match too.
//! - `"` (or the full-width `＂`) opens and closes a phrase. Inside quotes, `|`, `-` and spaces are
//!   literal; any whitespace inside a phrase counts as one ASCII space character as written. A
//!   phrase may be one side of an OR (`"a b"|c`) or be excluded (`-"a b"`).
//! - `-` excludes only at the start of a clause; elsewhere it is literal (`COVID-19`). To search
//!   for a text starting with `-`, quote it: `"-5%"`.
//! - Empty alternatives are ignored (`a|` is `a`), so a query being typed stays usable.
//! - Errors ([`QueryError`]): an empty query, an unbalanced `"`, a lone `-`, and a query made only
//!   of exclusions (there is nothing to look for).
//!
//! **Word mode** (`--words`, a toggle in the TUI): every unquoted term is segmented by jieba
//! (one shared dictionary, see [`crate::segment`], HMM on for unknown words). Tokens that are
//! only punctuation or spaces, and the single-character function words [`STOP_CHARS`]
//! (`的 了 和 与 及 …`), are dropped; duplicates are dropped. The term then matches a paragraph
//! that contains **all** its remaining words, in any order and anywhere in the paragraph: `乡村振兴产业`
//! becomes `乡村振兴` AND `产业`. If nothing is left (`的`), the term is searched as typed. Quoted
//! phrases are never segmented. OR and NOT work on whole terms: `-a|b` excludes paragraphs that
//! contain all the words of `a`, or all the words of `b`.
//!
//! **Highlights**: in a matching paragraph every occurrence of every word of every satisfied
//! alternative of the positive clauses is a span (occurrences of one word are counted left to
//! right without overlap); spans of different words that overlap are merged.

use crate::fold;

/// The short form of the query language, for help screens.
pub const QUERY_HELP: &str = "\
Query: terms separated by spaces must all occur (AND), in any order.
  a|b        either a or b (OR)
  -a         leave out paragraphs containing a (NOT)
  \"a b\"      a phrase with spaces, matched as written
Case and full/half width are ignored: GDP finds ＧＤＰ, 2023 finds ２０２３.
Word mode: each term is cut into words (jieba); all words must occur, in any order.";

/// Single characters that word mode drops from a segmented term: function words that would
/// match nearly every paragraph.
pub const STOP_CHARS: &[&str] = &[
    "的", "了", "和", "与", "及", "或", "等", "在", "是", "对", "把", "被", "也", "并", "为", "之",
    "其", "将", "而", "又", "从", "以", "于", "由", "向", "着", "这", "那", "就", "都", "还", "个",
    "中", "上", "下",
];

/// Why a query cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("empty query: type a word to look for")]
    Empty,
    #[error("unbalanced quote: a phrase opened with \" at character {0} is never closed")]
    UnbalancedQuote(usize),
    #[error("a lone '-': put the word to leave out right after it, like -疫情")]
    LoneMinus,
    #[error("only exclusions: add a word to look for (e.g. 发展 -疫情)")]
    OnlyExclusions,
}

/// One alternative of a clause: all its words must occur (one word unless word mode split it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alt {
    /// Folded, non-empty, never containing `\n`.
    pub words: Vec<String>,
}

/// A clause: any of its alternatives satisfies it; `negated` clauses must not be satisfied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub alts: Vec<Alt>,
}

/// A parsed query; see the module documentation for the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub(crate) clauses: Vec<Clause>,
    words: bool,
}

/// A raw alternative before folding and segmentation.
struct RawAlt {
    text: String,
    quoted: bool,
}

impl Query {
    /// Parse a query; `words` turns on jieba word mode.
    ///
    /// ```
    /// use baogao_core::search::{match_spans, Query};
    /// let q = Query::parse("收入 -税收", false).unwrap();
    /// assert_eq!(match_spans(&q, "一般公共预算收入增长5%"), vec![(6, 8)]);
    /// assert!(match_spans(&q, "税收收入").is_empty());
    /// assert!(Query::parse("-疫情", false).is_err()); // exclusions alone match nothing
    /// ```
    pub fn parse(input: &str, words: bool) -> Result<Query, QueryError> {
        let raw = split_clauses(input)?;
        let mut clauses = Vec::new();
        for (negated, alts) in raw {
            let alts: Vec<Alt> = alts
                .into_iter()
                .filter(|a| !a.text.is_empty())
                .map(|a| make_alt(&a, words))
                .collect();
            if alts.is_empty() {
                if negated {
                    return Err(QueryError::LoneMinus);
                }
                continue;
            }
            clauses.push(Clause { negated, alts });
        }
        if clauses.is_empty() {
            return Err(QueryError::Empty);
        }
        if clauses.iter().all(|c| c.negated) {
            return Err(QueryError::OnlyExclusions);
        }
        Ok(Query { clauses, words })
    }

    /// The clauses, in the order written.
    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    /// Was the query parsed in word mode?
    pub fn is_words(&self) -> bool {
        self.words
    }

    /// Every word of the positive clauses (folded), each once: what highlights can cover.
    pub fn positive_words(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.clauses.iter().filter(|c| !c.negated) {
            for a in &c.alts {
                for w in &a.words {
                    if !out.contains(&w.as_str()) {
                        out.push(w);
                    }
                }
            }
        }
        out
    }
}

/// Split into clauses of raw alternatives, honouring quotes.
fn split_clauses(input: &str) -> Result<Vec<(bool, Vec<RawAlt>)>, QueryError> {
    let mut clauses = Vec::new();
    let mut chars = input.chars().enumerate().peekable();
    loop {
        // Skip whitespace between clauses.
        while chars.next_if(|(_, c)| is_space(*c)).is_some() {}
        let Some(&(_, first)) = chars.peek() else {
            break;
        };
        let negated = first == '-';
        if negated {
            chars.next();
        }
        let mut alts = vec![RawAlt {
            text: String::new(),
            quoted: false,
        }];
        while let Some(&(i, c)) = chars.peek() {
            if is_space(c) {
                break;
            }
            chars.next();
            if is_quote(c) {
                let mut closed = false;
                let cur = alts.last_mut().expect("alts is never empty");
                cur.quoted = true;
                for (_, q) in chars.by_ref() {
                    if is_quote(q) {
                        closed = true;
                        break;
                    }
                    cur.text.push(if q.is_whitespace() { ' ' } else { q });
                }
                if !closed {
                    return Err(QueryError::UnbalancedQuote(i));
                }
            } else if c == '|' {
                alts.push(RawAlt {
                    text: String::new(),
                    quoted: false,
                });
            } else {
                alts.last_mut().expect("alts is never empty").text.push(c);
            }
        }
        clauses.push((negated, alts));
    }
    Ok(clauses)
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_quote(c: char) -> bool {
    c == '"' || c == '\u{FF02}'
}

fn make_alt(raw: &RawAlt, words: bool) -> Alt {
    let folded = fold::fold(&raw.text);
    if !words || raw.quoted {
        return Alt {
            words: vec![folded],
        };
    }
    let segmented = segment_term(&folded);
    if segmented.is_empty() {
        Alt {
            words: vec![folded],
        }
    } else {
        Alt { words: segmented }
    }
}

/// Word mode: the words jieba finds in `term`, without punctuation-only tokens, single-char stop
/// words and duplicates (see the module documentation).
pub fn segment_term(term: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tok in crate::segment::jieba().cut(term, true) {
        let w = tok.word.trim();
        if w.is_empty() || !w.chars().any(char::is_alphanumeric) || STOP_CHARS.contains(&w) {
            continue;
        }
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(q: &Query) -> Vec<(bool, Vec<Vec<String>>)> {
        q.clauses
            .iter()
            .map(|c| (c.negated, c.alts.iter().map(|a| a.words.clone()).collect()))
            .collect()
    }

    fn v(items: &[&[&str]]) -> Vec<Vec<String>> {
        items
            .iter()
            .map(|a| a.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn parses_and_or_not_phrase() {
        let q = Query::parse("乡村振兴 ＧＤＰ|生产总值 -疫情 \"digital Economy\"", false).unwrap();
        assert_eq!(
            words_of(&q),
            vec![
                (false, v(&[&["乡村振兴"]])),
                (false, v(&[&["gdp"], &["生产总值"]])),
                (true, v(&[&["疫情"]])),
                (false, v(&[&["digital economy"]])),
            ]
        );
    }

    #[test]
    fn ideographic_space_separates_and_dash_inside_is_literal() {
        let q = Query::parse("COVID-19　防控", false).unwrap();
        assert_eq!(
            words_of(&q),
            vec![(false, v(&[&["covid-19"]])), (false, v(&[&["防控"]]))]
        );
    }

    #[test]
    fn phrase_can_be_an_alternative_or_excluded() {
        let q = Query::parse("\"a b\"|c -\"x|y\"", false).unwrap();
        assert_eq!(
            words_of(&q),
            vec![(false, v(&[&["a b"], &["c"]])), (true, v(&[&["x|y"]]))]
        );
    }

    #[test]
    fn empty_alternatives_are_ignored() {
        let q = Query::parse("财政|", false).unwrap();
        assert_eq!(words_of(&q), vec![(false, v(&[&["财政"]]))]);
    }

    #[test]
    fn unusable_queries_are_errors() {
        assert_eq!(Query::parse("", false), Err(QueryError::Empty));
        assert_eq!(Query::parse("  　 ", false), Err(QueryError::Empty));
        assert_eq!(Query::parse("|", false), Err(QueryError::Empty));
        assert_eq!(Query::parse("\"\"", false), Err(QueryError::Empty));
        assert_eq!(
            Query::parse("-疫情", false),
            Err(QueryError::OnlyExclusions)
        );
        assert_eq!(Query::parse("发展 -", false), Err(QueryError::LoneMinus));
        assert_eq!(
            Query::parse("发展 \"高质量", false),
            Err(QueryError::UnbalancedQuote(3))
        );
        let msg = Query::parse("-a -b", false).unwrap_err().to_string();
        assert!(msg.contains("exclusions"), "{msg}");
    }

    #[test]
    fn word_mode_segments_terms_and_drops_stop_chars() {
        let q = Query::parse("乡村振兴产业", true).unwrap();
        assert_eq!(words_of(&q), vec![(false, v(&[&["乡村振兴", "产业"]]))]);
        let q = Query::parse("营商环境的优化", true).unwrap();
        assert_eq!(words_of(&q), vec![(false, v(&[&["营商环境", "优化"]]))]);
        // Quoted phrases stay whole; a term of stop chars only is kept as typed.
        let q = Query::parse("\"乡村振兴产业\" 的", true).unwrap();
        assert_eq!(
            words_of(&q),
            vec![(false, v(&[&["乡村振兴产业"]])), (false, v(&[&["的"]]))]
        );
    }

    #[test]
    fn positive_words_skip_exclusions() {
        let q = Query::parse("a|b -c a", false).unwrap();
        assert_eq!(q.positive_words(), vec!["a", "b"]);
    }
}
