//! Report metadata: title, place, year, kind, date, speaker. Conservative: a field stays empty
//! when the text does not say it plainly.

use crate::report::{Paragraph, Section};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub place: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
}

/// Kinds of document, most specific first.
const KINDS: &[(&str, &str)] = &[
    ("政府工作报告", "政府工作报告"),
    ("党委工作报告", "党委报告"),
    ("党委报告", "党委报告"),
    ("工作总结", "工作总结"),
    ("工作计划", "工作计划"),
    ("工作要点", "工作计划"),
    ("规划", "规划"),
    ("总结", "工作总结"),
    ("计划", "工作计划"),
    ("工作报告", "工作报告"),
];

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}xX]{1,10}?(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗|镇|乡|街道))")
        .unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d|20[xX]{2}|[xX]{2,4})年").unwrap());
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日").unwrap());
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:代?(?:总理|省长|市长|县长|区长|镇长|乡长|旗长|州长|盟长|主席|书记|主任))\s*[　 ]?([\p{Han}]{2,4})$").unwrap()
});
static REPRESENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"我代表([\p{Han}xX]{2,12}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡))人民政府").unwrap()
});
static CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在([\p{Han}xX]{2,12}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡))第[\p{Han}]{1,4}届人民代表大会").unwrap()
});
static LEADERSHIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"和([\p{Han}xX]{1,6}?(?:镇|乡))党委的?(?:坚强|正确)领导").unwrap()
});

fn clean_title(s: &str) -> String {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    // A spaced title `政 府 工 作 报 告` is written without the spaces.
    let spaced = t.chars().filter(|c| *c == ' ' || *c == '\u{3000}').count();
    if spaced * 2 >= t.chars().count().saturating_sub(1) && spaced > 0 {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect()
    } else {
        t.to_string()
    }
}

/// The kind of document a title names.
pub fn extract_kind(title: &str) -> Option<String> {
    kind_of(title)
}

/// The year a title names (`2024年…`); `None` for a masked `20xx年`.
pub fn year_of(title: &str) -> Option<i32> {
    YEAR.captures(title).and_then(|c| c[1].parse().ok())
}

/// `2024-01-10`, `2024/1/10`, `2024年1月10日` → `2024-01-10`.
pub fn normalise_date(s: &str) -> Option<String> {
    static ANY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})").unwrap());
    let c = ANY.captures(s)?;
    let (m, d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{}-{m:02}-{d:02}", &c[1]))
}

fn kind_of(title: &str) -> Option<String> {
    // `镇政府年度工作报告` is a government work report too.
    if title.contains("政府") && title.contains("工作报告") {
        return Some("政府工作报告".to_string());
    }
    KINDS
        .iter()
        .find(|(k, _)| title.contains(k))
        .map(|(_, v)| v.to_string())
}

fn first_place(s: &str) -> Option<String> {
    let m = PLACE.captures(s)?;
    let p = m.get(1)?.as_str();
    // Reject generic words that end in a place suffix.
    const GENERIC: &[&str] = &[
        "全县", "全市", "全区", "全镇", "全乡", "全省", "本市", "本县", "我市", "我县", "我区",
        "我镇", "地区", "城区", "园区", "社区", "景区", "新区", "市区", "县区",
    ];
    if GENERIC.contains(&p) || p.chars().count() < 2 {
        return None;
    }
    Some(p.to_string())
}

/// A title line, cleaned: a date line glued on (`——2024年3月5日在…会议上`) cut off, page
/// suffixes (`(3)`) dropped. `None` for lines that are not a title, or are a web page's chrome
/// (`…540评论：`, `-42篇(第2/122页)`).
pub fn title_candidate(line: &str) -> Option<String> {
    static PAGE_SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[(（]\d{1,3}[)）]$").unwrap());
    static CHROME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d+\s*(?:评论|浏览|阅读|点击|篇)|第\d+/\d+页").unwrap());
    let mut t = clean_title(line);
    if CHROME.is_match(&t) {
        return None;
    }
    if let Some((head, tail)) = t.split_once("——") {
        if tail.contains("会议") || DATE.is_match(tail) {
            t = head.trim().to_string();
        }
    }
    let t = PAGE_SUFFIX.replace(&t, "").into_owned();
    let n = t.chars().count();
    ((4..=50).contains(&n) && !t.contains('。') && !t.ends_with('摄') && kind_of(&t).is_some())
        .then_some(t)
}

/// Kind, year and place that a title states.
pub fn apply_title(meta: &mut Meta, title: String) {
    meta.kind = kind_of(&title).or(meta.kind.take());
    meta.year = year_of(&title).or(meta.year);
    if title.contains("国务院") {
        meta.place = Some("全国".to_string());
    } else if let Some(p) =
        first_place(&YEAR.replace_all(title.split("政府").next().unwrap_or(&title), " "))
    {
        meta.place = Some(p);
    }
    meta.title = Some(title);
}

/// Extract metadata from the report's root paragraphs (the title block before the first section).
pub fn extract(text: &str, paragraphs: &[Paragraph], sections: &[Section]) -> Meta {
    let first_section_para = sections
        .first()
        .map(|s| s.heading)
        .unwrap_or(paragraphs.len());
    let head: Vec<&str> = paragraphs
        .iter()
        .take(first_section_para.min(12))
        .map(|p| text[p.range.clone()].trim())
        .collect();
    let mut meta = Meta::default();
    // Title: a short line naming a kind of report, before the address `各位代表`.
    // A bare `工作报告` is a site's category label: prefer a title that says more.
    let candidates: Vec<String> = head
        .iter()
        .take_while(|l| !l.starts_with("各位代表"))
        .filter_map(|l| title_candidate(l))
        .collect();
    if let Some(t) = candidates
        .iter()
        .find(|t| t.as_str() != "工作报告")
        .or(candidates.first())
    {
        apply_title(&mut meta, t.clone());
    }
    let opening: String = head.join("\n");
    if let Some(c) = DATE.captures(&opening) {
        let (y, m, d) = (&c[1], &c[2], &c[3]);
        if let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                meta.date = Some(format!("{y}-{m:02}-{d:02}"));
                // A report delivered at the start of a year is that year's report.
                if meta.year.is_none()
                    && meta
                        .title
                        .as_deref()
                        .is_some_and(|t| !t.contains("xx") && !t.contains("XX"))
                {
                    meta.year = y.parse().ok();
                }
            }
        }
    }
    for line in head.iter().take_while(|l| !l.starts_with("各位代表")) {
        // The speaker line may be glued to the date line: `…会议上国务院总理 李强`.
        let line = line.rsplit("会议上").next().unwrap_or(line).trim();
        if line.chars().count() <= 30 {
            if let Some(c) = SPEAKER.captures(line) {
                meta.speaker = Some(c[1].to_string());
                break;
            }
        }
    }
    if meta.place.is_none() && opening.contains("全国人民代表大会") {
        meta.place = Some("全国".to_string());
    }
    if meta.place.is_none() {
        let scan: String = text.chars().take(3000).collect();
        for re in [&*REPRESENT, &*CONGRESS, &*LEADERSHIP] {
            if let Some(c) = re.captures(&scan) {
                meta.place = Some(c[1].to_string());
                break;
            }
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        crate::outline::build(
            "t".into(),
            "UTF-8".into(),
            crate::outline::paragraphs_from_lines(&lines),
        )
        .meta
    }

    #[test]
    fn title_block() {
        let m = meta("政 府 工 作 报 告\n——2024年1月10日在青山县第十八届人民代表大会第三次会议上\n县长　王建国\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2023年工作回顾\n正文。");
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.kind.as_deref(), Some("政府工作报告"));
        assert_eq!(m.date.as_deref(), Some("2024-01-10"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.place.as_deref(), Some("青山县"));
        assert_eq!(m.speaker.as_deref(), Some("王建国"));
    }

    #[test]
    fn web_titles_are_cleaned_or_refused() {
        assert_eq!(
            title_candidate("政府工作报告——2031年3月6日在第十九届全国人民代表大会第一次会议上"),
            Some("政府工作报告".into())
        );
        assert_eq!(
            title_candidate("青山镇政府年度工作报告(3)"),
            Some("青山镇政府年度工作报告".into())
        );
        assert_eq!(
            title_candidate("工作报告2022年青山县政府工作报告540评论："),
            None
        );
        assert_eq!(
            title_candidate("镇2023年政府工作报告-42篇(第2/122页)"),
            None
        );
        assert_eq!(title_candidate("许某作政府工作报告。本报记者摄"), None);
        let mut m = Meta::default();
        apply_title(&mut m, "2022年青山县政府工作报告".into());
        assert_eq!(m.place.as_deref(), Some("青山县"));
        assert_eq!(m.year, Some(2022));
    }

    #[test]
    fn speaker_glued_to_the_date_line() {
        let m = meta("政府工作报告——2031年3月6日在第十九届全国人民代表大会第一次会议上国务院总理 王某某\n各位代表：\n一、回顾\n正文。");
        assert_eq!(m.speaker.as_deref(), Some("王某某"));
        assert_eq!(m.place.as_deref(), Some("全国"));
        assert_eq!(m.date.as_deref(), Some("2031-03-06"));
    }

    #[test]
    fn masked_year_stays_empty() {
        let m = meta("xx镇20xx年政府工作报告\n各位代表：\n一、工作回顾\n正文。");
        assert_eq!(m.year, None);
        assert_eq!(m.place.as_deref(), Some("xx镇"));
        assert_eq!(m.kind.as_deref(), Some("政府工作报告"));
    }

    #[test]
    fn place_from_leadership_line() {
        let m = meta(
            "一、2023年工作回顾\n过去一年，在区委、区政府和温泉镇党委的坚强领导下，全镇经济平稳。",
        );
        assert_eq!(m.place.as_deref(), Some("温泉镇"));
        assert_eq!(m.title, None);
    }
}
