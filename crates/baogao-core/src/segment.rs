//! The one shared jieba segmenter.
//!
//! Loading jieba's dictionary takes about 120 ms and 33 MB, so there is exactly one instance,
//! created on first use ([`jieba`]) — word-mode search, keywords and anything else that cuts
//! Chinese text share it. A UI can call [`warm_up`] on a background thread at start-up so that
//! the first word-mode keystroke does not wait.
//!
//! The default dictionary is extended with words that government reports use as units and that
//! jieba would otherwise cut apart: the names of the core indicators and common policy terms.

use jieba_rs::Jieba;
use std::sync::OnceLock;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// Policy terms that recur in reports and should stay one word.
pub const POLICY_WORDS: &[&str] = &[
    "乡村振兴",
    "高质量发展",
    "营商环境",
    "新质生产力",
    "共同富裕",
    "脱贫攻坚",
    "精准扶贫",
    "放管服",
    "供给侧结构性改革",
    "碳达峰",
    "碳中和",
    "双碳",
    "数字经济",
    "专项债券",
    "地方政府专项债券",
    "民营经济",
    "实体经济",
    "人居环境",
    "农村人居环境",
    "河长制",
    "林长制",
    "一网通办",
    "最多跑一次",
    "放管服改革",
    "新型城镇化",
    "城乡融合",
    "生态文明",
    "黑臭水体",
    "蓝天保卫战",
    "污染防治攻坚战",
    "疫情防控",
    "安全生产",
    "为民办实事",
    "民生实事",
    "保障性住房",
    "棚户区改造",
    "老旧小区改造",
    "义务教育",
    "家庭医生",
    "医疗保障",
    "养老服务",
    "一老一小",
    "高标准农田",
    "美丽乡村",
    "特色小镇",
    "产业园区",
    "开发区",
    "文旅融合",
    "全域旅游",
    "招商引资",
    "项目建设",
    "党风廉政建设",
    "全面从严治党",
    "政府工作报告",
];

/// The names and aliases of the indicator vocabulary (the active lexicon,
/// [`crate::indicators::lexicon::active`]).
pub fn indicator_words() -> impl Iterator<Item = &'static str> {
    crate::indicators::lexicon::active().indicator_words()
}

/// The shared segmenter: jieba's default dictionary plus the indicator names
/// ([`indicator_words`]) and [`POLICY_WORDS`], in folded form (the form queries and keyword
/// extraction cut), tagged `nz`. Loads on first call; later calls are free.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| {
        let mut j = Jieba::new();
        for w in indicator_words().chain(POLICY_WORDS.iter().copied()) {
            j.add_word(&crate::fold::fold(w), None, Some("nz"));
        }
        j
    })
}

/// Load the dictionary now (call from a background thread to hide the ~120 ms).
pub fn warm_up() {
    let _ = jieba();
}

/// Has the dictionary been loaded yet? (A UI may show "loading dictionary…".)
pub fn is_ready() -> bool {
    JIEBA.get().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str) -> Vec<&str> {
        jieba().cut(s, true).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn user_words_stay_whole() {
        assert_eq!(
            cut("推进乡村振兴产业发展"),
            vec!["推进", "乡村振兴", "产业", "发展"]
        );
        assert!(cut("全年一般公共预算收入增长").contains(&"一般公共预算收入"));
        assert!(cut("持续优化营商环境").contains(&"营商环境"));
        assert!(cut("全县规上工业增加值增长").contains(&"规上工业增加值"));
        assert!(is_ready());
    }

    #[test]
    fn one_instance() {
        assert!(std::ptr::eq(jieba(), jieba()));
    }
}
