//! Keywords: the top terms of a report or a section, by jieba's TF-IDF.
//!
//! Text is cut by the shared segmenter ([`crate::segment`]) with part-of-speech tags; only nouns,
//! verbal nouns, idioms and similar content words are kept. Dropped: jieba's stop words, the
//! function and boilerplate words of government reports ([`BOILERPLATE`]: 各位代表, 习近平新时代
//! 中国特色社会主义思想, 进一步, 加强 …), words of one char, and anything with a digit or a masked
//! figure (`2023`, `xx`, `二〇二三`). Words are scored on the folded text, so `ＧＤＰ` and `GDP`
//! are one keyword — the same form a filter query uses.

use crate::report::Report;
use jieba_rs::{KeywordExtract, KeywordExtractConfig, TfIdf};
use std::sync::OnceLock;

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

fn extractor() -> &'static TfIdf {
    static TFIDF: OnceLock<TfIdf> = OnceLock::new();
    TFIDF.get_or_init(|| {
        let mut builder = KeywordExtractConfig::builder().use_hmm(true);
        for w in BOILERPLATE {
            builder = builder.add_stop_word(*w);
        }
        let mut t = TfIdf::default();
        *t.config_mut() = builder.build();
        t
    })
}

/// Is this word worth showing? Letters only (no digits, punctuation), two chars at least, not a
/// mask (`xx`) nor a number written in Han numerals (`二〇二三`, `三年`). The stop lists are
/// applied by the extractor.
fn keep(word: &str) -> bool {
    const HAN_NUMBER: &str = "〇零一二两三四五六七八九十百千万亿年月日个项次";
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_alphabetic() && !c.is_numeric())
        && !word.chars().all(|c| c == 'x')
        && !word.chars().all(|c| HAN_NUMBER.contains(c))
}

/// The top `top` keywords of a text (folded first), best first, with their TF-IDF weights.
///
/// ```
/// let top = baogao_core::keywords::text_keywords("茶叶产业快速发展，茶叶种植面积扩大，茶叶品牌建设加强。", 3);
/// assert_eq!(top[0].0, "茶叶");
/// ```
pub fn text_keywords(text: &str, top: usize) -> Vec<(String, f64)> {
    if top == 0 {
        return Vec::new();
    }
    let folded = crate::fold::fold(text);
    let allowed: Vec<String> = KEEP_POS.iter().map(|s| s.to_string()).collect();
    // Ask for more than needed: some are filtered out below.
    let raw = extractor().extract_keywords(crate::segment::jieba(), &folded, top * 3 + 10, allowed);
    raw.into_iter()
        .filter(|k| keep(&k.keyword))
        .take(top)
        .map(|k| (k.keyword, k.weight))
        .collect()
}

/// The top `top` keywords of a whole report.
pub fn report_keywords(report: &Report, top: usize) -> Vec<(String, f64)> {
    text_keywords(&report.text, top)
}

/// The top `top` keywords of one section, sub-sections included (empty if `section` is out of
/// range).
pub fn section_keywords(report: &Report, section: usize, top: usize) -> Vec<(String, f64)> {
    let Some(s) = report.sections.get(section) else {
        return Vec::new();
    };
    if s.span.is_empty() {
        return Vec::new();
    }
    let start = report.paragraphs[s.span.start].range.start;
    let end = report.paragraphs[s.span.end - 1].range.end;
    text_keywords(&report.text[start..end], top)
}

/// Keywords of every section, indexed like `report.sections`.
pub fn all_section_keywords(report: &Report, top: usize) -> Vec<Vec<(String, f64)>> {
    (0..report.sections.len())
        .map(|s| section_keywords(report, s, top))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::from_text;

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
        assert_eq!(kw.first().map(String::as_str), Some("营商环境"), "{kw:?}");
        assert!(!kw.contains(&"茶叶".to_string()), "{kw:?}");
        assert!(section_keywords(&r, 999, 5).is_empty());
        assert_eq!(all_section_keywords(&r, 3).len(), r.sections.len());
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
