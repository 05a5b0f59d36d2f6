//! Cue words around figures: what makes a figure a change, a level, a share, and what text may
//! stand between a name and its figures without changing the subject.

use std::sync::LazyLock;

/// Change cues, longest first: (word, negative).
pub const CHANGE_CUES: &[(&str, bool)] = &[
    ("同比增长", false),
    ("负增长", true),
    ("同比下降", true),
    ("同比减少", true),
    ("同比增", false),
    ("同比减", true),
    ("增长", false),
    ("递增", false),
    ("递减", true),
    ("增加", false),
    ("提高", false),
    ("提升", false),
    ("上升", false),
    ("上涨", false),
    ("增速", false),
    ("增幅", false),
    ("涨幅", false),
    ("扩大", false),
    ("下降", true),
    ("减少", true),
    ("降低", true),
    ("回落", true),
    ("下滑", true),
    ("降幅", true),
    ("缩小", true),
    ("下跌", true),
    ("收窄", true),
];

/// What a change is compared with, as written.
pub const BASES: &[&str] = &[
    "比上年同期",
    "比去年同期",
    "较上年同期",
    "较去年同期",
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "同比",
    "环比",
    "年均",
];

/// Words that may sit between a name and its figure (or between two figures of one subject)
/// without bringing in another subject. Longest first within shared prefixes.
pub const FILLERS: &[&str] = &[
    "负增长",
    "新台阶",
    "台阶",
    "大关",
    "关口",
    "环比",
    "每年",
    "递增",
    "递减",
    "平均",
    "按可比价格计算",
    "按可比价计算",
    "按可比口径计算",
    "按可比口径",
    "可比价",
    "同口径",
    "比上年同期",
    "比去年同期",
    "较上年同期",
    "较去年同期",
    "比上年末",
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "上年同期",
    "同期",
    "同比",
    "年均",
    "分别",
    "其中",
    "实现",
    "完成",
    "达到",
    "预计可达",
    "预计",
    "可达",
    "有望",
    "达",
    "为",
    "是",
    "突破",
    "首次突破",
    "首次",
    "首超",
    "超过",
    "超",
    "跨越",
    "迈上",
    "跃上",
    "站上",
    "将",
    "全年",
    "累计",
    "共计",
    "总计",
    "合计",
    "共",
    "增长",
    "增加",
    "提高",
    "提升",
    "下降",
    "减少",
    "降低",
    "回落",
    "上升",
    "上涨",
    "增速",
    "增幅",
    "涨幅",
    "降幅",
    "扩大",
    "缩小",
    "下滑",
    "收窄",
    "控制在",
    "稳定在",
    "保持在",
    "保持",
    "在",
    "了",
    "约",
    "近",
    "由",
    "从",
    "到",
    "至",
    "力争",
    "确保",
    "争取",
    "目标",
    "预期",
    "左右",
    "实际",
    "和",
    "与",
    "及",
    "以及",
    "总量",
    "总额",
    "规模",
    "方面",
    "以上",
    "以内",
    "以下",
    "要",
    "能",
    "可",
    "再",
    "又",
    "已",
    "均",
    "各",
    "同比增",
    "同比减",
    "一年",
    "两年",
    "三年",
    "五年",
    "年",
    "全县",
    "全市",
    "全区",
    "全镇",
    "全乡",
    "全省",
    "全州",
    "全旗",
    "全国",
    "今年",
    "去年",
    "上年",
    "当年",
    "我县",
    "我市",
    "我区",
    "我镇",
    "我乡",
    "我省",
    "本县",
    "本市",
    "本镇",
    "地方",
    "的",
    "之",
    "以",
    "上",
    "底",
    "末",
    "比",
    "较",
];

/// Scope and verb words that may stand before a name (or a `、` list of names) without making
/// it another indicator.
pub const SCOPES: &[&str] = &[
    "上半年",
    "下半年",
    "前三季度",
    "一季度",
    "我国",
    "全县",
    "全市",
    "全区",
    "全镇",
    "全乡",
    "全省",
    "全州",
    "全旗",
    "全国",
    "全盟",
    "全年",
    "今年",
    "去年",
    "上年",
    "当年",
    "明年",
    "年度",
    "我县",
    "我市",
    "我区",
    "我镇",
    "我乡",
    "我省",
    "我州",
    "我旗",
    "本县",
    "本市",
    "本区",
    "本镇",
    "县域",
    "镇域",
    "市域",
    "区域",
    "全域",
    "地方",
    "全社会",
    "县级",
    "市级",
    "区级",
    "镇级",
    "乡级",
    "省级",
    "本级",
    "实现",
    "完成",
    "预计",
    "其中",
    "累计",
    "确保",
    "力争",
    "争取",
    "推动",
    "推进",
    "带动",
    "使",
    "将",
    "到",
    "年",
    "和",
    "及",
    "与",
    "、",
    "的",
    "是",
    "全",
    "我",
    "实际",
    "主要",
    "期间",
    "时期",
    "以来",
    "年来",
    "同期",
    "每年",
    "平均",
    "每",
    "共",
    "初步",
];

/// Size qualifiers that keep a name the same indicator (`规上企业研发费用`).
pub const MODIFIERS: &[&str] = &[
    "规上",
    "规模以上",
    "规上工业",
    "规上企业",
    "规模以上工业",
    "规模以上企业",
    "工业",
    "规下",
    "规模以下",
    "全口径",
];

/// Heads that a `、` list of names can share (`粮食、蔬菜产量`).
pub const SHARED_HEADS: &[&str] = &[
    "人均可支配收入",
    "可支配收入",
    "增加值",
    "总产值",
    "产值",
    "总产量",
    "产量",
    "收入",
    "支出",
    "总额",
    "投资",
];

/// Level cues that mark a figure as a round milestone rather than the value
/// (`首超百亿元,达到102亿元`).
pub const MILESTONES: &[&str] = &[
    "首超",
    "突破",
    "首次突破",
    "跨越",
    "迈上",
    "跃上",
    "站上",
    "跨上",
];

/// Context that makes a `%` figure a share or a completion rate, not the indicator.
pub const SHARE_CUES: &[&str] = &[
    "占",
    "比重",
    "比例",
    "贡献率",
    "完成率",
    "覆盖率",
    "任务的",
    "计划的",
    "目标的",
    "预算的",
    "全年的",
    "年度的",
];

/// Sentence cues for targets.
pub const TARGET_CUES: &[&str] = &[
    "预期目标",
    "主要目标",
    "目标是",
    "目标为",
    "目标任务",
    "力争",
    "确保",
    "争取",
    "奋斗目标",
    "发展目标",
];

/// Section-title words for targets and for reviews.
pub const TARGET_TITLES: &[&str] = &[
    "目标",
    "安排",
    "打算",
    "计划",
    "思路",
    "展望",
    "今后",
    "总体要求",
    "重点",
    "任务",
    "部署",
    "奋斗",
    "规划",
    "建议",
];
pub const REVIEW_TITLES: &[&str] = &[
    "回顾",
    "总结",
    "过去",
    "成绩",
    "成效",
    "成就",
    "工作情况",
    "取得",
    "进展",
];

pub fn starts_with_at(chars: &[char], at: usize, s: &str) -> bool {
    let mut it = chars.get(at..).unwrap_or(&[]).iter();
    s.chars().all(|c| it.next() == Some(&c))
}

pub fn ends_with_at(chars: &[char], end: usize, s: &str) -> bool {
    let n = s.chars().count();
    end >= n && starts_with_at(chars, end - n, s)
}

pub fn contains(chars: &[char], s: &str) -> bool {
    find(chars, s).is_some()
}

pub fn find(chars: &[char], s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    (0..chars.len()).find(|&i| chars[i] == first && starts_with_at(chars, i, s))
}

/// Punctuation and spaces that do not carry meaning between a name and its figures.
pub fn is_punct(c: char) -> bool {
    c.is_whitespace()
        || ('\u{2460}'..='\u{2473}').contains(&c) // ①…⑳ footnote marks
        || matches!(
            c,
            ',' | '，'
                | ':'
                | '：'
                | '、'
                | '('
                | ')'
                | '“'
                | '”'
                | '"'
                | '\''
                | '‘'
                | '’'
                | '《'
                | '》'
                | '—'
                | '-'
                | '['
                | ']'
                | '【'
                | '】'
        )
}

/// A word list prepared for matching at a position: chars, and the sorted first and last chars
/// to reject most positions without comparing.
pub struct Words {
    list: Vec<Vec<char>>,
    firsts: Vec<char>,
    lasts: Vec<char>,
}

impl Words {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Words {
        let list: Vec<Vec<char>> = words.into_iter().map(|w| w.chars().collect()).collect();
        let mut firsts: Vec<char> = list.iter().filter_map(|w| w.first().copied()).collect();
        let mut lasts: Vec<char> = list.iter().filter_map(|w| w.last().copied()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        lasts.sort_unstable();
        lasts.dedup();
        Words {
            list,
            firsts,
            lasts,
        }
    }

    /// The first word (in list order) starting at `at`: (index, length in chars).
    pub fn at(&self, chars: &[char], at: usize) -> Option<(usize, usize)> {
        let c = chars.get(at)?;
        self.firsts.binary_search(c).ok()?;
        let rest = &chars[at..];
        self.list
            .iter()
            .position(|w| rest.starts_with(w))
            .map(|i| (i, self.list[i].len()))
    }

    /// The first word (in list order) ending at `end`: (index, length in chars).
    pub fn ending_at(&self, chars: &[char], end: usize) -> Option<(usize, usize)> {
        let c = chars.get(end.checked_sub(1)?)?;
        self.lasts.binary_search(c).ok()?;
        let head = &chars[..end];
        self.list
            .iter()
            .position(|w| head.ends_with(w))
            .map(|i| (i, self.list[i].len()))
    }
}

pub static FILLER_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(FILLERS.iter().copied()));
/// Scopes and size modifiers (`年` is handled with its numerals).
pub static PREFIX_WORDS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(
        SCOPES
            .iter()
            .chain(MODIFIERS)
            .copied()
            .filter(|w| *w != "年"),
    )
});
/// Scopes only (a best-effort name keeps its `工业`, `规上`).
pub static SCOPE_WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::new(SCOPES.iter().copied().filter(|w| *w != "年")));
static CHANGE_WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::new(CHANGE_CUES.iter().map(|c| c.0)));

/// Whether `chars` consists only of fillers, punctuation, and years (`2020年`, `20xx年`).
pub fn only_fillers(chars: &[char]) -> bool {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_punct(c) || c.is_ascii_digit() || c == 'x' || c == '.' {
            i += 1;
            continue;
        }
        match FILLER_WORDS.at(chars, i) {
            Some((_, n)) => i += n,
            None => return false,
        }
    }
    true
}

/// The text left when prefix words are peeled off the end of `chars` (the run before a name).
pub fn strip_prefixes(chars: &[char]) -> &[char] {
    let mut end = chars.len();
    'outer: while end > 0 {
        if is_punct(chars[end - 1]) {
            break;
        }
        if let Some((_, n)) = PREFIX_WORDS.ending_at(chars, end) {
            end -= n;
            continue 'outer;
        }
        // A list number: `1.`.
        if chars[end - 1] == '.' && end > 1 && chars[end - 2].is_ascii_digit() {
            end -= 1;
            while end > 0 && chars[end - 1].is_ascii_digit() {
                end -= 1;
            }
            continue;
        }
        // A year, a month or a count of years: `2007年`, `1-10月`, `五年`, `20xx年`.
        if matches!(chars[end - 1], '年' | '月') {
            let mut k = end - 1;
            while k > 0 && is_numeral(chars[k - 1]) {
                k -= 1;
            }
            end = k;
            continue;
        }
        break;
    }
    &chars[..end]
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || c == 'x' || "〇零一二两三四五六七八九十百".contains(c)
}

/// The last change cue in `chars`: (position, word, negative). A cue followed by 到/至
/// (`增加到`) announces a level, not a change, and is skipped.
pub fn last_change_cue(chars: &[char]) -> Option<(usize, &'static str, bool)> {
    let mut best: Option<(usize, &'static str, bool)> = None;
    let mut i = 0;
    while i < chars.len() {
        if let Some((k, n)) = CHANGE_WORDS.at(chars, i) {
            let (w, neg) = CHANGE_CUES[k];
            let after = i + n;
            // `增加到` announces a level; `增加值`, `增长率` are names, not cues.
            match chars.get(after) {
                Some('值' | '率') => {}
                Some('到' | '至') => best = None,
                _ => best = Some((i, w, neg)),
            }
            i = after;
        } else {
            i += 1;
        }
    }
    best
}

/// The basis written before a change cue.
pub fn basis(chars: &[char]) -> Option<&'static str> {
    BASES.iter().copied().find(|b| contains(chars, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn fillers() {
        assert!(only_fillers(&v("比上年增长")));
        assert!(only_fillers(&v(",按可比价计算,同比增长")));
        assert!(only_fillers(&v("比2020年增长")));
        assert!(!only_fillers(&v("企业达到")));
    }

    #[test]
    fn change_cues() {
        assert_eq!(last_change_cue(&v("比上年增长")).map(|c| c.2), Some(false));
        assert_eq!(last_change_cue(&v("预计下降")).map(|c| c.2), Some(true));
        assert_eq!(last_change_cue(&v("增加到")), None);
        assert_eq!(basis(&v("比上年增长")), Some("比上年"));
    }

    #[test]
    fn prefixes() {
        assert!(strip_prefixes(&v("全县实现")).is_empty());
        assert_eq!(strip_prefixes(&v("现代")), &v("现代")[..]);
    }
}
