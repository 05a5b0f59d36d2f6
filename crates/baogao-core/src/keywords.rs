//! Keywords: the terms that set a report (or a section) apart.
//!
//! Text is cut by the shared segmenter ([`crate::segment`], loaded on first use) with
//! part-of-speech tags; only nouns, verbal nouns, idioms and similar content words are kept.
//! Dropped: jieba's stop words, the formulas of the genre ([`BOILERPLATE`]: 各位代表, 习近平新时代
//! 中国特色社会主义思想, 进一步 …), words of one char, and anything with a digit or a masked figure
//! (`2023`, `xx`, `二〇二三`). Words are counted on the folded text, so `ＧＤＰ` and `GDP` are one
//! keyword — the same form a filter query uses.
//!
//! A term's weight is its count times an inverse document frequency taken over a *background*:
//! the reports loaded together ([`Pile`]) plus a built-in sample of typical report language
//! ([`background`]: how many of a set of reports use each word, in proportion counted as
//! [`BACKGROUND_WEIGHT`] more documents). What every report says (高质量发展, 改革, 服务) weighs next to nothing, whatever
//! the pile; what only this report says weighs most. Segmenting is done once per report
//! ([`ReportTerms`]); weighing a report or a section is then a pass over its counts.

pub mod background;

use std::collections::HashMap;
use std::ops::Range;

/// Words that every report says: the formulas of the genre and generic verbs of government work.
pub const BOILERPLATE: &[&str] = &[
    "习近平新时代中国特色社会主义思想",
    "习近平",
    "新时代",
    "中国特色社会主义",
    "社会主义",
    "思想",
    "总书记",
    "党中央",
    "党的十九大",
    "党的二十大",
    "二十大",
    "十九大",
    "精神",
    "各位代表",
    "代表",
    "同志们",
    "政府工作报告",
    "报告",
    "审议",
    "政协委员",
    "委员",
    "列席",
    "意见",
    "我们",
    "我镇",
    "我县",
    "我市",
    "我区",
    "全镇",
    "全县",
    "全市",
    "全区",
    "全省",
    "全年",
    "今年",
    "去年",
    "明年",
    "一年",
    "过去",
    "以来",
    "工作",
    "发展",
    "建设",
    "推进",
    "推动",
    "加强",
    "加快",
    "坚持",
    "持续",
    "全面",
    "深入",
    "进一步",
    "不断",
    "积极",
    "努力",
    "实施",
    "开展",
    "提升",
    "实现",
    "完成",
    "落实",
    "做好",
    "抓好",
    "确保",
    "取得",
    "成效",
    "重点",
    "重要",
    "主要",
    "方面",
    "工程",
    "项目",
    "增长",
    "同比",
    "亿元",
    "万元",
    "百分点",
    "比上年",
    "达到",
    "全力",
    "扎实",
    "稳步",
    "有效",
    "更加",
    "大力",
    "突出",
    "着力",
    "以上",
    "左右",
    "任务",
    "目标",
    "问题",
    "情况",
    "地方",
    "政府",
    "人民",
    "群众",
    "单位",
    "部门",
    "深化",
    "优化",
    "行动",
    "力争",
    "有力",
    "衷心感谢",
    "体系",
    "机制",
    "水平",
    "能力",
    "全国",
    "国家",
    "有序",
    "稳定",
];

/// Parts of speech kept (jieba tags): nouns, place and organisation names, verbal nouns, idioms,
/// fixed expressions, abbreviations, foreign words, and the added user words (`nz`).
const KEEP_POS: &[&str] = &[
    "n", "nr", "ns", "nt", "nz", "nw", "vn", "an", "i", "l", "j", "eng",
];

/// Words never shown: jieba's stop words and [`BOILERPLATE`].
fn stop_words() -> &'static std::collections::HashSet<String> {
    static STOP: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    STOP.get_or_init(|| {
        jieba_rs::DEFAULT_STOP_WORDS
            .iter()
            .cloned()
            .chain(BOILERPLATE.iter().map(|w| w.to_string()))
            .collect()
    })
}

/// Is this word worth showing? Letters only (no digits, punctuation), two chars at least, not a
/// mask (`xx`) nor a number written in Han numerals (`二〇二三`, `三年`). The stop lists are
/// applied by [`terms`].
fn keep(word: &str) -> bool {
    const HAN_NUMBER: &str = "〇零一二两三四五六七八九十百千万亿年月日个项次";
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() && !c.is_numeric())
        && !word.chars().all(|c| c == 'x')
        && !word.chars().all(|c| HAN_NUMBER.contains(c))
}

/// The content terms of a text, in order: folded, cut by jieba, kept by part of speech, stop
/// lists and the rules of `keep` (no digits, masks or Han numbers). The one cut used everywhere,
/// also by the generator of [`background`].
pub fn terms(text: &str) -> Vec<String> {
    let folded = crate::fold::fold(text);
    let stop = stop_words();
    crate::segment::jieba()
        .tag(&folded, true)
        .into_iter()
        .filter(|t| KEEP_POS.contains(&t.tag) && keep(t.word) && !stop.contains(t.word))
        .map(|t| t.word.to_string())
        .collect()
}

/// A report's content terms counted per paragraph: the one expensive step (jieba), done once.
#[derive(Debug, Clone, Default)]
pub struct ReportTerms {
    /// The report's distinct terms.
    vocab: Vec<String>,
    /// What the report calls itself (its place, title, speaker; folded): a term inside one of
    /// these names the report, it does not set it apart (`阜平` in 阜平县's report).
    own: Vec<String>,
    /// Per paragraph: (index in `vocab`, count).
    paragraphs: Vec<Vec<(u32, u32)>>,
}

impl ReportTerms {
    /// Count the terms of every paragraph of `report`.
    pub fn of(report: &crate::Report) -> ReportTerms {
        ReportTerms::of_paragraphs((0..report.paragraphs.len()).map(|i| report.paragraph_text(i)))
            .named(own_names(report))
    }

    /// The names the report goes by (see [`own_names`]), whose words are not its keywords.
    pub fn named(mut self, own: Vec<String>) -> ReportTerms {
        self.own = own;
        self
    }

    /// Count the terms of each of `paragraphs`.
    pub fn of_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> ReportTerms {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut vocab = Vec::new();
        let paragraphs = paragraphs
            .into_iter()
            .map(|p| {
                let mut counts: HashMap<u32, u32> = HashMap::new();
                for t in terms(p) {
                    let id = *ids.entry(t).or_insert_with_key(|t| {
                        vocab.push(t.clone());
                        (vocab.len() - 1) as u32
                    });
                    *counts.entry(id).or_default() += 1;
                }
                let mut v: Vec<(u32, u32)> = counts.into_iter().collect();
                v.sort_unstable();
                v
            })
            .collect();
        ReportTerms {
            vocab,
            own: Vec::new(),
            paragraphs,
        }
    }

    /// How many paragraphs were counted.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Term counts over paragraphs `range`.
    fn counts(&self, range: Range<usize>) -> HashMap<u32, u32> {
        let mut c: HashMap<u32, u32> = HashMap::new();
        let end = range.end.min(self.paragraphs.len());
        for p in &self.paragraphs[range.start.min(end)..end] {
            for &(id, n) in p {
                *c.entry(id).or_default() += n;
            }
        }
        c
    }
}

/// What a report calls itself: its place, title and speaker, folded.
pub fn own_names(report: &crate::Report) -> Vec<String> {
    let m = &report.meta;
    [&m.place, &m.title, &m.speaker]
        .into_iter()
        .flatten()
        .map(|s| crate::fold::fold(s))
        .collect()
}

/// The reports loaded together, as a background: in how many of them each term occurs.
#[derive(Debug, Clone, Default)]
pub struct Pile {
    docs: u32,
    df: HashMap<String, u32>,
}

impl Pile {
    pub fn new() -> Pile {
        Pile::default()
    }

    /// Count one more report.
    pub fn add(&mut self, report: &ReportTerms) {
        self.docs += 1;
        for w in &report.vocab {
            *self.df.entry(w.clone()).or_default() += 1;
        }
    }

    /// How many reports were counted.
    pub fn docs(&self) -> usize {
        self.docs as usize
    }
}

/// How many documents the built-in background counts as: it decides what is common for one
/// report or a few (a word most reports use weighs little even when a small pile lacks it), and
/// a large pile outweighs it.
pub const BACKGROUND_WEIGHT: f64 = 10.0;

/// The `top` terms of paragraphs `range` of a report, best first, with their weights: count
/// times the inverse document frequency over `pile` (which should hold the report) and the
/// built-in background. Words of the report's own name (place, title, speaker) are left out.
/// Ties go by the term, so the order is stable.
pub fn distinctive(
    report: &ReportTerms,
    range: Range<usize>,
    pile: &Pile,
    top: usize,
) -> Vec<(String, f64)> {
    let bg = background::get();
    // The built-in sample as BACKGROUND_WEIGHT more documents, in its proportions.
    let share = |w: &str| match bg.docs() {
        0.0 => 0.0,
        n => BACKGROUND_WEIGHT * bg.df(w) / n,
    };
    let docs = f64::from(pile.docs.max(1)) + BACKGROUND_WEIGHT;
    let mut scored: Vec<(String, f64)> = report
        .counts(range)
        .into_iter()
        .filter(|&(id, _)| {
            let w = &report.vocab[id as usize];
            !report.own.iter().any(|name| name.contains(w.as_str()))
        })
        .map(|(id, n)| {
            let w = &report.vocab[id as usize];
            // A term counted by the report itself is in at least one document.
            let df = f64::from(pile.df.get(w).copied().unwrap_or(0).max(1)) + share(w);
            (w.clone(), f64::from(n) * ((docs + 1.0) / (df + 0.5)).ln())
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(top);
    scored
}

/// The top `top` keywords of a text on its own (against the built-in background only).
///
/// ```
/// let top = baogao_core::keywords::text_keywords("茶叶产业快速发展，茶叶种植面积扩大，茶叶品牌建设加强。", 3);
/// assert_eq!(top[0].0, "茶叶");
/// ```
pub fn text_keywords(text: &str, top: usize) -> Vec<(String, f64)> {
    let t = ReportTerms::of_paragraphs([text]);
    let mut pile = Pile::new();
    pile.add(&t);
    distinctive(&t, 0..1, &pile, top)
}

/// The top `top` keywords of a whole report, on its own; see [`distinctive`] for a report
/// among others.
pub fn report_keywords(report: &crate::Report, top: usize) -> Vec<(String, f64)> {
    let t = ReportTerms::of(report);
    let mut pile = Pile::new();
    pile.add(&t);
    distinctive(&t, 0..t.len(), &pile, top)
}

/// The paragraphs of section `section`, sub-sections included (empty if out of range).
pub fn section_paragraphs(report: &crate::Report, section: usize) -> Range<usize> {
    report.sections.get(section).map_or(0..0, |s| s.span())
}

/// The top `top` keywords of one section, sub-sections included, on its own report's terms
/// (empty if `section` is out of range).
pub fn section_keywords(report: &crate::Report, section: usize, top: usize) -> Vec<(String, f64)> {
    let t = ReportTerms::of(report);
    let mut pile = Pile::new();
    pile.add(&t);
    distinctive(&t, section_paragraphs(report, section), &pile, top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::from_text;

    /// Reports of our own on different subjects, each with the genre's common words.
    const PILE: &[&str] = &[
        "北岭县政府工作报告\n一、过去一年工作回顾\n坚持高质量发展，深化改革，优化政务服务，落实各项政策。\
         冰雪旅游成为新的增长点，新建滑雪场两处，冰雪运动进校园，冬季旅游接待游客八十万人次。\
         冰雪装备制造起步，冰雪旅游线路串联林海雪原，旅游收入增长一成。\n\
         二、今年工作安排\n推动冰雪旅游提质，办好冰雪节，完善旅游服务设施，推进高质量发展。",
        "东林县政府工作报告\n一、过去一年工作回顾\n坚持高质量发展，深化改革，优化政务服务，落实各项政策。\
         茶叶种植面积扩大，茶叶加工企业新增三家，茶园管护水平提高。\n\
         二、今年工作安排\n打响茶叶品牌，建设茶叶交易市场，推进高质量发展。",
        "南川区政府工作报告\n一、过去一年工作回顾\n坚持高质量发展，深化改革，优化政务服务，落实各项政策。\
         老旧小区改造四十个，城市更新项目开工，地下管网改造完成。\n\
         二、今年工作安排\n加快城市更新，改造老旧小区，推进高质量发展。",
        "西河市政府工作报告\n一、过去一年工作回顾\n坚持高质量发展，深化改革，优化政务服务，落实各项政策。\
         先进制造业集群壮大，智能制造示范工厂建成，工业互联网平台上线。\n\
         二、今年工作安排\n培育先进制造业，推进高质量发展。",
    ];

    #[test]
    fn a_report_among_others_is_known_by_what_sets_it_apart() {
        let reports: Vec<_> = PILE
            .iter()
            .enumerate()
            .map(|(i, t)| from_text(&format!("{i}.txt"), t, "UTF-8"))
            .collect();
        let terms: Vec<ReportTerms> = reports.iter().map(ReportTerms::of).collect();
        let mut pile = Pile::new();
        terms.iter().for_each(|t| pile.add(t));
        let kw: Vec<String> = distinctive(&terms[0], 0..terms[0].len(), &pile, 10)
            .into_iter()
            .map(|k| k.0)
            .collect();
        let rank = |w: &str| kw.iter().position(|k| k.contains(w));
        // The report's own name is not a keyword of it.
        assert!(!kw.iter().any(|k| k == "北岭"), "{kw:?}");
        assert!(rank("冰雪").is_some_and(|r| r < 3), "{kw:?}");
        assert!(rank("旅游").is_some_and(|r| r < 5), "{kw:?}");
        for boiler in ["高质量发展", "改革", "服务", "政策"] {
            assert!(!kw.iter().any(|k| k == boiler), "{boiler} in {kw:?}");
        }
        // Each other report by its own subject.
        let first = |i: usize| {
            distinctive(&terms[i], 0..terms[i].len(), &pile, 1)[0]
                .0
                .clone()
        };
        assert_eq!(first(1), "茶叶");
        assert!(
            ["老旧小区", "城市更新"].contains(&first(2).as_str()),
            "{}",
            first(2)
        );
        // A section: its plan, not the review.
        let plan = reports[0]
            .sections
            .iter()
            .position(|s| s.title.contains("今年"))
            .expect("a plan section");
        let kw = distinctive(&terms[0], section_paragraphs(&reports[0], plan), &pile, 3);
        assert!(kw.iter().any(|k| k.0.contains("冰雪")), "{kw:?}");
        assert!(!kw.iter().any(|k| k.0 == "滑雪场"), "{kw:?}");
    }

    const SAMPLE: &str = "某县2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n\
        过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，全县地区生产总值增长６．５％。\
        乡村振兴扎实推进，建成高标准农田2.3万亩，特色农业产业园区达到5个，茶叶种植面积扩大。\
        茶叶加工企业新增3家，茶叶品牌打响，乡村振兴示范村建成12个。\n\
        二、2024年主要任务\n（一）优化营商环境。深化放管服改革，营商环境持续优化，市场主体新增1200户。\
        营商环境评价进入全省前列，政务服务一网通办事项达到95%。";

    #[test]
    fn keywords_are_content_words_without_boilerplate_or_numbers() {
        let r = from_text("t.txt", SAMPLE, "UTF-8");
        let kw: Vec<String> = report_keywords(&r, 8).into_iter().map(|k| k.0).collect();
        assert!(kw.contains(&"茶叶".to_string()), "{kw:?}");
        assert!(kw.contains(&"营商环境".to_string()), "{kw:?}");
        assert!(kw.contains(&"乡村振兴".to_string()), "{kw:?}");
        for bad in [
            "习近平新时代中国特色社会主义思想",
            "各位代表",
            "我们",
            "发展",
        ] {
            assert!(!kw.iter().any(|k| k == bad), "{bad} in {kw:?}");
        }
        assert!(
            kw.iter().all(|k| !k.chars().any(|c| c.is_numeric())),
            "{kw:?}"
        );
        assert!(kw.len() <= 8);
    }

    #[test]
    fn section_keywords_stay_in_their_section() {
        let r = from_text("t.txt", SAMPLE, "UTF-8");
        let tasks = r
            .sections
            .iter()
            .position(|s| s.title.contains("主要任务"))
            .expect("section found");
        let kw: Vec<String> = section_keywords(&r, tasks, 5)
            .into_iter()
            .map(|k| k.0)
            .collect();
        assert!(kw.iter().any(|k| k == "营商环境"), "{kw:?}");
        assert!(!kw.contains(&"茶叶".to_string()), "{kw:?}");
        assert!(section_keywords(&r, 999, 5).is_empty());
    }

    #[test]
    fn numbers_and_masks_are_dropped() {
        assert!(!keep("2023"));
        assert!(!keep("xx"));
        assert!(!keep("二〇二三"));
        assert!(!keep("三年"));
        assert!(!keep("的"));
        assert!(keep("茶叶"));
        assert!(keep("gdp"));
    }
}
