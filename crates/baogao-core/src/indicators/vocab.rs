//! The indicator vocabulary: canonical names and the spellings reports use (in the lexicon,
//! [`super::lexicon`]), and what kind of figure each takes.
//! Matching is on folded text, leftmost-longest, so `规模以上工业增加值` wins over `工业增加值` and `农村居民人均可支配收入` over `居民人均可支配收入`. Scope prefixes (全县,
//! 全年, 我镇 …) need no entries: a name is found wherever it starts, and the prefix is left out.

use super::lexicon::{Group, Lexicon, Scan};

/// What level figures an indicator takes; a figure of another kind is not its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 亿元, 万元, 万美元 …
    Money,
    /// A rate written as a level in % (失业率).
    Rate,
    /// A price index: its % figures are changes (居民消费价格涨幅 3%).
    Index,
    /// 吨, 万吨, 斤.
    Grain,
    /// 人, 万人, 个 (jobs).
    Jobs,
    /// Energy per unit of output: usually only a change.
    Energy,
}

impl Class {
    /// Whether a level figure with `unit` fits this class.
    pub fn accepts_level(self, unit: &str) -> bool {
        match self {
            Class::Money => unit.ends_with('元') || matches!(unit, "万" | "亿" | "万亿"),
            Class::Rate => matches!(unit, "%" | "‰"),
            Class::Index => false,
            Class::Grain => unit.ends_with('吨') || unit.ends_with('斤') || unit.ends_with("千克"),
            Class::Jobs => matches!(
                unit,
                "人" | "万人" | "个" | "万个" | "万" | "人次" | "万人次"
            ),
            Class::Energy => unit.starts_with("吨标"),
        }
    }
}

/// A vocabulary hit in a char slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The longest name starting at `at`, if any.
pub fn match_at(scan: &Scan, chars: &[char], at: usize) -> Option<Hit> {
    let (entry, len) = scan.name_at(at)?;
    // ASCII names (gdp, cpi) must not sit inside a longer Latin word.
    if chars.get(at).is_some_and(|c| c.is_ascii_alphabetic()) {
        let before = at.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(at + len);
        if before.is_some_and(|c| c.is_ascii_alphabetic())
            || after.is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
    }
    Some(Hit {
        start: at,
        end: at + len,
        entry,
    })
}

/// All leftmost-longest names in `chars` (the text `scan` was made of).
pub fn find_all(scan: &Scan, chars: &[char]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(mut h) = match_at(scan, chars, i) {
            // `全社会固定资产投资额`, `外贸进出口额`: an amount word closes the same name.
            if let Some((_, n)) = scan.at(Group::NameTail.bit(), h.end, chars.len()) {
                h.end += n;
            }
            i = h.end;
            out.push(h);
        } else {
            i += 1;
        }
    }
    out
}

/// Look up a whole name (e.g. one composed from a `、` list with a shared head).
pub fn lookup(lex: &Lexicon, name: &str) -> Option<usize> {
    lex.lookup(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::lexicon::builtin;

    fn name(e: usize) -> &'static str {
        &builtin().indicators()[e].canonical
    }

    fn hits(chars: &[char]) -> Vec<Hit> {
        find_all(&Scan::new(builtin(), chars), chars)
    }

    fn canon(s: &str) -> Vec<&'static str> {
        let chars: Vec<char> = crate::fold::fold(s).chars().collect();
        hits(&chars).into_iter().map(|h| name(h.entry)).collect()
    }

    #[test]
    fn covers_the_shared_vocabulary_names() {
        // Spot checks of aliases from the shared vocabulary; each maps to its canonical.
        assert_eq!(
            lookup(builtin(), "社零总额").map(name),
            Some("社会消费品零售总额")
        );
        assert_eq!(lookup(builtin(), "R&D经费").map(name), Some("研发经费投入"));
        assert_eq!(lookup(builtin(), "ＧＤＰ").map(name), Some("地区生产总值"));
        assert_eq!(lookup(builtin(), "粮食总产").map(name), Some("粮食产量"));
    }

    #[test]
    #[ignore = "needs the shared corpus (BAOGAO_SHARED): run by .ci/run (cargo test -- --ignored)"]
    fn every_shared_vocabulary_alias_maps_to_its_canonical() {
        let shared = std::env::var("BAOGAO_SHARED").expect("BAOGAO_SHARED names ../shared");
        let path = std::path::Path::new(&shared).join("gold/indicator_vocabulary.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for ind in v["indicators"].as_array().unwrap() {
            let canonical = ind["canonical"].as_str().unwrap();
            for alias in ind["aliases"].as_array().unwrap() {
                let alias = alias.as_str().unwrap();
                assert_eq!(
                    lookup(builtin(), alias).map(name),
                    Some(canonical),
                    "{alias}"
                );
                for scope in ["全县", "全年", "地方", "我镇"] {
                    let chars: Vec<char> = crate::fold::fold(&format!("{scope}{alias}"))
                        .chars()
                        .collect();
                    let hits = hits(&chars);
                    assert_eq!(
                        hits.last().map(|h| name(h.entry)),
                        Some(canonical),
                        "{scope}{alias}"
                    );
                }
            }
        }
    }

    #[test]
    fn leftmost_longest_with_scope_prefixes() {
        assert_eq!(canon("全县规模以上工业增加值"), vec!["规模以上工业增加值"]);
        assert_eq!(
            canon("我镇农村居民人均可支配收入"),
            vec!["农村居民人均可支配收入"]
        );
        assert_eq!(canon("全年地方一般公共预算收入"), vec!["一般公共预算收入"]);
        let chars: Vec<char> = "全社会固定资产投资额".chars().collect();
        assert_eq!(hits(&chars)[0].end, chars.len());
        assert_eq!(
            canon("预计三产增加值和第一产业增加值"),
            vec!["第三产业增加值", "第一产业增加值"]
        );
    }

    #[test]
    fn latin_names_need_word_edges() {
        assert_eq!(canon("全市GDP增长"), vec!["地区生产总值"]);
        assert!(canon("gdpr合规").is_empty());
    }

    #[test]
    fn classes_accept_their_units() {
        assert!(Class::Money.accepts_level("亿元"));
        assert!(!Class::Money.accepts_level("家"));
        assert!(Class::Rate.accepts_level("%"));
        assert!(Class::Grain.accepts_level("万吨"));
        assert!(!Class::Index.accepts_level("%"));
    }
}
