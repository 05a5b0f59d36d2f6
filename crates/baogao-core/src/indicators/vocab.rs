//! The indicator vocabulary: canonical names, the spellings reports use, and what kind of figure
//! each takes. Matching is on folded text, leftmost-longest, so `规模以上工业增加值` wins over
//! `工业增加值` and `农村居民人均可支配收入` over `居民人均可支配收入`. Scope prefixes (全县,
//! 全年, 我镇 …) need no entries: a name is found wherever it starts, and the prefix is left out.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// One vocabulary entry.
pub struct Entry {
    pub canonical: &'static str,
    pub class: Class,
    pub aliases: &'static [&'static str],
}

/// Every alias of `indicator_vocabulary.json`, plus common variants.
pub const VOCAB: &[Entry] = &[
    Entry {
        canonical: "地区生产总值",
        class: Class::Money,
        aliases: &[
            "地区生产总值",
            "生产总值",
            "国内生产总值",
            "GDP",
            "地区GDP",
            "经济总量",
        ],
    },
    Entry {
        canonical: "一般公共预算收入",
        class: Class::Money,
        aliases: &[
            "一般公共预算收入",
            "地方一般公共预算收入",
            "公共财政预算收入",
            "地方公共财政预算收入",
            "一般预算收入",
            "地方一般预算收入",
            "公共预算收入",
            "地方财政一般预算收入",
            "公共财政收入",
            "地方公共财政收入",
            "一般公共财政预算收入",
        ],
    },
    Entry {
        canonical: "财政总收入",
        class: Class::Money,
        aliases: &["财政总收入", "全部财政收入", "财政收入", "全口径财政收入"],
    },
    Entry {
        canonical: "一般公共预算支出",
        class: Class::Money,
        aliases: &[
            "一般公共预算支出",
            "公共财政预算支出",
            "财政支出",
            "一般预算支出",
            "地方一般公共预算支出",
            "公共财政支出",
            "财政总支出",
        ],
    },
    Entry {
        canonical: "工业总产值",
        class: Class::Money,
        aliases: &["工业总产值", "工业产值", "全部工业总产值"],
    },
    Entry {
        canonical: "规模以上工业总产值",
        class: Class::Money,
        aliases: &[
            "规模以上工业总产值",
            "规上工业总产值",
            "规模以上工业产值",
            "规上工业产值",
            "规模以上工业企业产值",
            "规上企业产值",
            "规模以上企业产值",
            "规模以上工业企业总产值",
            "规上工业企业产值",
            "规上工业企业总产值",
            "规模以上企业总产值",
            "规模以上工业企业实现产值",
            "规模以上工业企业完成产值",
            "规上工业企业实现产值",
            "规上工业企业完成产值",
        ],
    },
    Entry {
        canonical: "规模以上工业增加值",
        class: Class::Money,
        aliases: &[
            "规模以上工业增加值",
            "规上工业增加值",
            "规模以上工业增加值增速",
            "规模以上工业企业增加值",
            "规上工业企业增加值",
            "规上工业增加值增速",
            "规模工业增加值",
            "规模以上工业企业实现增加值",
            "规模以上工业企业完成增加值",
            "规模以上工业实现增加值",
            "规模以上工业完成增加值",
            "规上工业企业实现增加值",
            "规上工业企业完成增加值",
            "规上工业实现增加值",
            "规上工业完成增加值",
        ],
    },
    Entry {
        canonical: "工业增加值",
        class: Class::Money,
        aliases: &["工业增加值", "全部工业增加值"],
    },
    Entry {
        canonical: "固定资产投资",
        class: Class::Money,
        aliases: &[
            "固定资产投资",
            "全社会固定资产投资",
            "固定资产投资额",
            "固定资产投资总额",
            "全社会固定资产投资总额",
            "固投",
        ],
    },
    Entry {
        canonical: "社会消费品零售总额",
        class: Class::Money,
        aliases: &[
            "社会消费品零售总额",
            "社会消费品零售额",
            "社零总额",
            "社会商品零售总额",
            "社零额",
            "社会消费品零售",
        ],
    },
    Entry {
        canonical: "进出口总额",
        class: Class::Money,
        aliases: &[
            "进出口总额",
            "进出口总值",
            "外贸进出口总额",
            "外贸进出口",
            "进出口额",
            "进出口",
            "对外贸易进出口总额",
            "外贸进出口总值",
            "进出口贸易总额",
            "货物进出口总额",
            "货物贸易进出口总额",
            "外贸进出口总量",
            "货物贸易进出口",
        ],
    },
    Entry {
        canonical: "出口总额",
        class: Class::Money,
        aliases: &["出口总额", "出口额", "出口", "外贸出口", "出口总值"],
    },
    Entry {
        canonical: "实际利用外资",
        class: Class::Money,
        aliases: &[
            "实际利用外资",
            "实际使用外资",
            "到账外资",
            "利用外资",
            "实际利用外商直接投资",
            "实际到位外资",
            "到位外资",
        ],
    },
    Entry {
        canonical: "实际利用内资",
        class: Class::Money,
        aliases: &[
            "实际利用内资",
            "内资",
            "到位内资",
            "引进内资",
            "实际到位内资",
        ],
    },
    Entry {
        canonical: "城镇居民人均可支配收入",
        class: Class::Money,
        aliases: &[
            "城镇居民人均可支配收入",
            "城镇常住居民人均可支配收入",
            "城市居民人均可支配收入",
            "城镇居民可支配收入",
            "城镇人均可支配收入",
        ],
    },
    Entry {
        canonical: "农村居民人均可支配收入",
        class: Class::Money,
        aliases: &[
            "农村居民人均可支配收入",
            "农村常住居民人均可支配收入",
            "农民人均可支配收入",
            "农村居民可支配收入",
            "农村人均可支配收入",
            "乡村居民人均可支配收入",
            "乡村常住居民人均可支配收入",
        ],
    },
    Entry {
        canonical: "居民人均可支配收入",
        class: Class::Money,
        aliases: &[
            "居民人均可支配收入",
            "全体居民人均可支配收入",
            "常住居民人均可支配收入",
            "人均可支配收入",
        ],
    },
    Entry {
        canonical: "农民人均纯收入",
        class: Class::Money,
        aliases: &["农民人均纯收入", "农民人均收入", "农村居民人均纯收入"],
    },
    Entry {
        canonical: "第一产业增加值",
        class: Class::Money,
        aliases: &[
            "第一产业增加值",
            "一产增加值",
            "农业增加值",
            "农林牧渔业增加值",
        ],
    },
    Entry {
        canonical: "第二产业增加值",
        class: Class::Money,
        aliases: &["第二产业增加值", "二产增加值"],
    },
    Entry {
        canonical: "第三产业增加值",
        class: Class::Money,
        aliases: &["第三产业增加值", "三产增加值", "服务业增加值"],
    },
    Entry {
        canonical: "农业总产值",
        class: Class::Money,
        aliases: &["农业总产值", "农林牧渔业总产值", "农林牧渔总产值"],
    },
    Entry {
        canonical: "居民消费价格",
        class: Class::Index,
        aliases: &[
            "居民消费价格",
            "居民消费价格涨幅",
            "居民消费价格指数",
            "CPI",
            "居民消费价格总水平",
        ],
    },
    Entry {
        canonical: "城镇新增就业",
        class: Class::Jobs,
        aliases: &[
            "城镇新增就业",
            "新增城镇就业",
            "新增就业岗位",
            "城镇新增就业人数",
            "新增就业",
        ],
    },
    Entry {
        canonical: "城镇登记失业率",
        class: Class::Rate,
        aliases: &[
            "城镇登记失业率",
            "城镇调查失业率",
            "失业率",
            "登记失业率",
            "调查失业率",
            "城镇登记失业人员失业率",
        ],
    },
    Entry {
        canonical: "研发经费投入",
        class: Class::Money,
        aliases: &[
            "研发经费投入",
            "研发投入",
            "研究与试验发展经费",
            "R&D经费",
            "研发费用",
            "研发经费",
            "研究与试验发展经费投入",
            "R&D经费投入",
            "R&D投入",
            "研发经费支出",
            "研究与试验发展经费支出",
            "全社会研发投入",
        ],
    },
    Entry {
        canonical: "单位生产总值能耗",
        class: Class::Energy,
        aliases: &[
            "单位生产总值能耗",
            "单位GDP能耗",
            "万元增加值能耗",
            "万元GDP能耗",
            "规模以上工业万元增加值能耗",
            "单位地区生产总值能耗",
            "万元生产总值能耗",
            "单位国内生产总值能耗",
            "单位生产总值能源消耗",
        ],
    },
    Entry {
        canonical: "粮食产量",
        class: Class::Grain,
        aliases: &["粮食产量", "粮食总产量", "粮食总产"],
    },
];

/// A vocabulary hit in a char slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// Aliases grouped by first char, longest first.
/// Aliases (folded chars) with their entry, by first char.
type Index = HashMap<char, Vec<(Vec<char>, usize)>>;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<(Vec<char>, usize)>> = HashMap::new();
    for (i, e) in VOCAB.iter().enumerate() {
        for a in e.aliases.iter().chain(std::iter::once(&e.canonical)) {
            let chars: Vec<char> = crate::fold::fold(a).chars().collect();
            if let Some(&c) = chars.first() {
                let v = m.entry(c).or_default();
                if !v.iter().any(|(x, _)| *x == chars) {
                    v.push((chars, i));
                }
            }
        }
    }
    for v in m.values_mut() {
        v.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    }
    m
});

/// The first chars of all aliases, sorted.
static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = INDEX.keys().copied().collect();
    v.sort_unstable();
    v
});

/// The longest alias starting at `at`, if any.
pub fn match_at(chars: &[char], at: usize) -> Option<Hit> {
    let c = chars.get(at)?;
    // Most chars start no name: a sorted-list check is cheaper than hashing.
    FIRSTS.binary_search(c).ok()?;
    let cands = INDEX.get(c)?;
    for (alias, entry) in cands {
        if chars.len() - at >= alias.len() && chars[at..at + alias.len()] == alias[..] {
            // ASCII names (gdp, cpi) must not sit inside a longer Latin word.
            if alias[0].is_ascii_alphabetic() {
                let before = at.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(at + alias.len());
                if before.is_some_and(|c| c.is_ascii_alphabetic())
                    || after.is_some_and(|c| c.is_ascii_alphabetic())
                {
                    continue;
                }
            }
            return Some(Hit {
                start: at,
                end: at + alias.len(),
                entry: *entry,
            });
        }
    }
    None
}

/// All leftmost-longest hits in `chars`.
pub fn find_all(chars: &[char]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(mut h) = match_at(chars, i) {
            // `全社会固定资产投资额`, `外贸进出口额`: an amount word closes the same name.
            for tail in ["总额", "总值", "额", "人数"] {
                if crate::indicators::cues::starts_with_at(chars, h.end, tail) {
                    h.end += tail.chars().count();
                    break;
                }
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
pub fn lookup(name: &str) -> Option<usize> {
    let chars: Vec<char> = crate::fold::fold(name).chars().collect();
    match_at(&chars, 0)
        .filter(|h| h.end == chars.len())
        .map(|h| h.entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Vec<&'static str> {
        let chars: Vec<char> = crate::fold::fold(s).chars().collect();
        find_all(&chars)
            .into_iter()
            .map(|h| VOCAB[h.entry].canonical)
            .collect()
    }

    #[test]
    fn covers_the_shared_vocabulary_names() {
        // Spot checks of aliases from the shared vocabulary; each maps to its canonical.
        assert_eq!(
            lookup("社零总额").map(|e| VOCAB[e].canonical),
            Some("社会消费品零售总额")
        );
        assert_eq!(
            lookup("R&D经费").map(|e| VOCAB[e].canonical),
            Some("研发经费投入")
        );
        assert_eq!(
            lookup("ＧＤＰ").map(|e| VOCAB[e].canonical),
            Some("地区生产总值")
        );
        assert_eq!(
            lookup("粮食总产").map(|e| VOCAB[e].canonical),
            Some("粮食产量")
        );
    }

    #[test]
    fn every_shared_vocabulary_alias_maps_to_its_canonical() {
        let shared = std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into());
        let path = std::path::Path::new(&shared).join("gold/indicator_vocabulary.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("no {}: skipped", path.display());
            return;
        };
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for ind in v["indicators"].as_array().unwrap() {
            let canonical = ind["canonical"].as_str().unwrap();
            for alias in ind["aliases"].as_array().unwrap() {
                let alias = alias.as_str().unwrap();
                assert_eq!(
                    lookup(alias).map(|e| VOCAB[e].canonical),
                    Some(canonical),
                    "{alias}"
                );
                for scope in ["全县", "全年", "地方", "我镇"] {
                    let chars: Vec<char> = crate::fold::fold(&format!("{scope}{alias}"))
                        .chars()
                        .collect();
                    let hits = find_all(&chars);
                    assert_eq!(
                        hits.last().map(|h| VOCAB[h.entry].canonical),
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
        assert_eq!(find_all(&chars)[0].end, chars.len());
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
