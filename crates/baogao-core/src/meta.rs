//! Report metadata: title, place, level, year, kind, date, speaker. Conservative: a field stays
//! empty when the text does not say it plainly — a wrong place or year is worse than none.
//!
//! Place and level come from the most reliable sentence that gives them (`cues`): the title, then
//! `我代表…人民政府`, the session line, the issuer or speaker line, whose lead the report thanks;
//! a name is put in its full official form with the gazetteer (`place`, `gazetteer`). A report
//! that only says `我代表市人民政府` is placed by the city it names most often (`巴中`), when one
//! clearly dominates; the file name (`巴中.txt`) counts only when the text agrees. The year comes
//! from the title, the dated session line, a plan or review heading (`2023年工作回顾` → 2024),
//! then the file name when the text mentions that year.

mod cues;
mod gazetteer;
mod han_date;
mod place;

pub use place::{level_of, normalise as normalise_place, Level};

use crate::report::{Paragraph, Section};
use cues::Cue;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    /// The full official name (`甘孜藏族自治州`; `全国` for the State Council).
    pub place: Option<String>,
    pub level: Option<Level>,
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

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d|20[xX]{2}|[xX]{2,4})年").unwrap());
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日").unwrap());
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:代?(?:总理|省长|市长|县长|区长|镇长|乡长|旗长|州长|盟长|主席|书记|主任))\s*[　 ]?([\p{Han}]{2,4})$").unwrap()
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

/// Line `i` of a title block, with the lines it continues when a formal title (`关于…的报告`)
/// wraps: `关于青山县2030年国民经济和社会发展` / `计划执行情况与2031年计划草案的报告`.
fn wrapped_title(block: &[&str], i: usize) -> String {
    // The nearest `关于` line at most two lines up, with only unpunctuated lines between.
    let fragment = |l: &str| {
        crate::char_count::under(l, 40) && !l.contains(['。', '，', '；', '：', ':', '—'])
    };
    let start = (i.saturating_sub(2)..i)
        .find(|&k| block[k].trim().starts_with("关于") && block[k..i].iter().all(|l| fragment(l)));
    match start {
        Some(k) if kind_of(block[i]).is_some() && !block[i].trim().starts_with("关于") => {
            block[k..=i].iter().map(|l| l.trim()).collect()
        }
        _ => block[i].to_string(),
    }
}

/// The kind of document a title names.
pub fn extract_kind(title: &str) -> Option<String> {
    kind_of(title)
}

/// The year a title names (`2024年…`); `None` for a masked `20xx年`.
pub fn year_of(title: &str) -> Option<i32> {
    let title = han_date::arabic_dates(title);
    let mut years = YEAR.captures_iter(&title).map(|c| c[1].parse::<i32>().ok());
    let first = years.next()??;
    // `2030年计划执行情况与2031年计划草案`, `2023年工作总结和2024年工作计划`: a review of one
    // year and the plan of the next are given in the next.
    let rest: Vec<Option<i32>> = years.collect();
    if !rest.is_empty() && rest.iter().all(|y| *y == Some(first + 1)) {
        return Some(first + 1);
    }
    Some(first)
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
        .or_else(|| {
            // A formal report to a congress: `关于2030年工作情况和2031年工作安排的报告`.
            (title.contains("关于") && title.trim_end().ends_with("的报告"))
                .then(|| "工作报告".to_string())
        })
}

/// What a title says about the place: the name before `政府` (`2022年青山县政府工作报告`), or the
/// first unit it names; `镇2023年政府工作报告` names only the kind of unit.
fn title_place(title: &str) -> Cue {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([\p{Han}xX]{0,16}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|街道|省|市|州|盟|县|旗|区|镇|乡))")
            .expect("static pattern")
    });
    if title.contains("国务院") {
        return Cue::Named("全国".into());
    }
    // `关于青山县…的报告`: `关于` (about) opens the title, not the name.
    let title = title.trim_start().strip_prefix("关于").unwrap_or(title);
    let no_years = YEAR.replace_all(title, " ");
    let before_government = no_years.split("政府").next().unwrap_or(&no_years);
    let head = before_government
        .trim_end_matches("人民")
        .split(|c: char| !(c.is_alphabetic()))
        .rfind(|s| !s.is_empty())
        .unwrap_or("");
    let candidate = if no_years.contains("政府") && !head.is_empty() {
        head.to_string()
    } else {
        match PLACE.captures(&no_years) {
            Some(c) => c[1].to_string(),
            None => return Cue::None,
        }
    };
    // Words that end like a unit but name none.
    const GENERIC: &[&str] = &[
        "全县", "全市", "全区", "全镇", "全乡", "全省", "本市", "本县", "我市", "我县", "我区",
        "我镇", "地区", "城区", "园区", "社区", "景区", "新区", "市区", "县区", "乡镇", "城镇",
        "省市", "市县", "县市", "区县", "各县", "各区", "各镇",
    ];
    if GENERIC.contains(&candidate.as_str()) {
        return Cue::None;
    }
    cues::name_or_bare(&candidate)
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

/// A title run into the text that follows it (`某镇2031年工作计划今年以来，我们…`): the start
/// of the paragraph up to the first kind of document it names, within 40 characters and with no
/// punctuation before it.
fn glued_title(paragraph: &str) -> Option<String> {
    let start: String = paragraph.chars().take(40).collect();
    let end = KINDS
        .iter()
        .filter_map(|(k, _)| start.find(k).map(|i| i + k.len()))
        .min()?;
    let prefix = &start[..end];
    // A short line is a line of its own (perhaps a web page's chrome), not a title run on.
    if prefix.chars().any(|c| "，。；：,.;:！？!?、".contains(c))
        || crate::char_count::under(paragraph, 80)
    {
        return None;
    }
    title_candidate(prefix)
}

/// Kind, year and place that a title states.
pub fn apply_title(meta: &mut Meta, title: String) {
    meta.kind = kind_of(&title).or(meta.kind.take());
    meta.year = year_of(&title).or(meta.year);
    match title_place(&title) {
        Cue::Named(n) => {
            if let Some(p) = place::normalise(&n) {
                set_normal_place(meta, p);
            }
        }
        Cue::Bare(unit) if meta.place.is_none() => {
            meta.level = meta.level.or(place::level_of_designation(&unit));
        }
        _ => {}
    }
    meta.title = Some(title);
}

fn set_normal_place(meta: &mut Meta, place: String) {
    meta.level = place::level_of(&place);
    meta.place = Some(place);
}

/// Set the place from a name given outside the text (a spreadsheet column: `贵州` → `贵州省`),
/// with its level. A name that does not parse is kept as given, without a level.
pub fn set_place(meta: &mut Meta, name: &str) {
    // A short name of more than one division (`河南`: a province and a county) is the one at
    // the level the text says (`我代表省人民政府`).
    let at_level = meta.level.and_then(|l| place::normalise_at_level(name, l));
    match place::normalise(name).or(at_level) {
        Some(p) => set_normal_place(meta, p),
        None if !name.trim().is_empty() && !place::is_masked(name) => {
            meta.place = Some(name.trim().to_string());
            meta.level = None;
        }
        None => {}
    }
}

/// Extract metadata from the report's root paragraphs (the title block before the first section)
/// and the text; `source` is the path as given (its file name is the last evidence).
pub fn extract(source: &str, text: &str, paragraphs: &[Paragraph], sections: &[Section]) -> Meta {
    // A document that opens with an unmarked heading (`某镇2031年工作计划` over a body with no
    // other structure) may open with its title: that heading is read with the title block.
    let first_section_para = match sections.first() {
        Some(s) if s.heading() == 0 && s.label.is_none() => 1,
        Some(s) => s.heading(),
        None => paragraphs.len(),
    };
    let head: Vec<&str> = paragraphs
        .iter()
        .take(first_section_para.min(12))
        .map(|p| text[p.range()].trim())
        .collect();
    let mut meta = Meta::default();
    // Title: a short line naming a kind of report, before the address `各位代表`.
    // A bare `工作报告` is a site's category label: prefer a title that says more.
    let block: Vec<&str> = head
        .iter()
        .take_while(|l| !l.starts_with("各位代表"))
        .copied()
        .collect();
    let mut candidates: Vec<String> = (0..block.len())
        .filter_map(|i| title_candidate(&wrapped_title(&block, i)))
        .collect();
    // A wrapped title's first line may read as a title of its own (`关于…计划执行情况`): the
    // whole title, which goes on from it, says more.
    let whole = candidates.clone();
    candidates.retain(|c| {
        !whole
            .iter()
            .any(|w| w.len() > c.len() && w.starts_with(c.as_str()))
    });
    if let Some(t) = candidates
        .iter()
        .find(|t| t.as_str() != "工作报告")
        .or(candidates.first())
    {
        apply_title(&mut meta, t.clone());
    } else if let Some(t) = head.first().and_then(|p| glued_title(p)) {
        apply_title(&mut meta, t);
    }
    let opening: String = head.join("\n");
    let opening = han_date::arabic_dates(&opening);
    if let Some(c) = DATE.captures(&opening) {
        let (y, m, d) = (&c[1], &c[2], &c[3]);
        if let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                meta.date = Some(format!("{y}-{m:02}-{d:02}"));
            }
        }
    }
    let title_block: Vec<&str> = head
        .iter()
        .take_while(|l| !l.starts_with("各位代表"))
        .copied()
        .collect();
    for line in &title_block {
        // The speaker line may be glued to the date line: `…会议上国务院总理 李强`.
        let line = line.rsplit("会议上").next().unwrap_or(line).trim();
        if crate::char_count::under(line, 31) {
            if let Some(c) = SPEAKER.captures(line) {
                meta.speaker = Some(c[1].to_string());
                break;
            }
        }
    }
    // Every read is bounded: the opening sentences, and the whole text only for counting names.
    let scan = crate::char_count::prefix(text, 3000);
    place_and_level(&mut meta, text, scan, &opening, &title_block, source);
    report_year(&mut meta, &title_block, sections, text, source);
    meta
}

/// The file name without directories, extension or CSV row (`a/巴中.txt#2` → `巴中`).
fn file_stem(source: &str) -> &str {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let name = name.split('#').next().unwrap_or(name);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Place and level from the ranked cues (the title's was set by `apply_title`).
fn place_and_level(
    meta: &mut Meta,
    text: &str,
    scan: &str,
    opening: &str,
    title_block: &[&str],
    source: &str,
) {
    if meta.place.is_some() {
        return;
    }
    let mut ranked: Vec<Cue> = vec![cues::represent(scan), cues::congress(opening)];
    ranked.extend(title_block.iter().map(|l| cues::issuer(l)));
    ranked.push(cues::leadership(scan));
    ranked.extend(title_block.iter().map(|l| {
        let l = l.rsplit("会议上").next().unwrap_or(l);
        cues::speaker_office(l.trim())
    }));
    for cue in &ranked {
        if let Cue::Named(n) = cue {
            if let Some(p) = place::normalise(n) {
                set_normal_place(meta, p);
                return;
            }
        }
    }
    // Only the kind of unit is said: the place it names most often, if one clearly dominates.
    let unit = ranked.iter().find_map(|c| match c {
        Cue::Bare(u) => Some(u.as_str()),
        _ => None,
    });
    if unit.is_none() && opening.contains("全国人民代表大会") {
        set_normal_place(meta, "全国".into());
        return;
    }
    // The whole text is counted only when a cue below asks (a file name without a place name
    // and no unit said: never).
    let counts = std::cell::OnceCell::new();
    let counts = || counts.get_or_init(|| gazetteer::count_mentions(text));
    if let Some(u) = unit {
        if let Some(e) = most_named(counts(), |e| e.class() == u) {
            meta.place = Some(e.full.to_string());
            meta.level = Some(e.level);
            return;
        }
    }
    if let Some(e) = file_name_place(file_stem(source), counts, unit) {
        meta.place = Some(e.full.to_string());
        meta.level = Some(e.level);
        return;
    }
    meta.level = meta
        .level
        .or_else(|| unit.and_then(place::level_of_designation))
        .or_else(|| cues::self_reference_level(scan));
}

/// The division a report names most often among those `fits` admits: at least 3 mentions and
/// at least twice as many as any other; `None` when its short name is shared by several.
fn most_named(
    counts: &std::collections::HashMap<&'static str, usize>,
    fits: impl Fn(&gazetteer::Entry) -> bool,
) -> Option<&'static gazetteer::Entry> {
    let mut scored: Vec<(usize, Vec<&'static gazetteer::Entry>)> = counts
        .iter()
        .map(|(short, &n)| {
            let fitting: Vec<_> = gazetteer::by_short(short)
                .into_iter()
                .filter(|e| fits(e))
                .collect();
            (n, fitting)
        })
        .filter(|(_, f)| !f.is_empty())
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, entries) = scored.first()?;
    let runner_up = scored.get(1).map_or(0, |s| s.0);
    let first = entries.first()?;
    let unique = entries.iter().all(|e| e.full == first.full);
    (*best >= 3 && *best >= 2 * runner_up && unique).then_some(*first)
}

/// A place the file name names (`巴中.txt`, `2025年宁夏政府工作报告.docx`), if the text names it
/// too (twice or more) and it is the kind of unit the text says.
fn file_name_place<'c>(
    stem: &str,
    counts: impl FnOnce() -> &'c std::collections::HashMap<&'static str, usize>,
    unit: Option<&str>,
) -> Option<&'static gazetteer::Entry> {
    let in_name = gazetteer::count_mentions(stem);
    if in_name.is_empty() {
        return None;
    }
    let counts = counts();
    let short = in_name
        .keys()
        .max_by_key(|s| (s.chars().count(), counts.get(*s).copied().unwrap_or(0)))?;
    if counts.get(short).copied().unwrap_or(0) < 2 {
        return None;
    }
    let entries: Vec<_> = gazetteer::by_short(short)
        .into_iter()
        .filter(|e| unit.is_none_or(|u| e.class() == u))
        .collect();
    let first = entries.first()?;
    entries
        .iter()
        .all(|e| e.full == first.full)
        .then_some(*first)
}

/// The year from the ranked cues: title (set by `apply_title`), session line, plan and review
/// headings, file name. A masked title year (`20xx年`) means the document hides it: none.
fn report_year(
    meta: &mut Meta,
    title_block: &[&str],
    sections: &[Section],
    text: &str,
    source: &str,
) {
    static MASKED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:20|19)?[xX]{2}年").expect("static pattern"));
    if meta.year.is_some() || meta.title.as_deref().is_some_and(|t| MASKED.is_match(t)) {
        return;
    }
    if let Some(y) = title_block.iter().find_map(|l| cues::session_year(l)) {
        meta.year = Some(y);
        return;
    }
    // A work report dated on a line of its own under its title is that year's report (a summary
    // or a plan may be dated in the year after or before the one it is about).
    let delivered = matches!(meta.kind.as_deref(), Some("政府工作报告" | "工作报告"));
    if let Some(y) = title_block
        .iter()
        .filter(|_| delivered)
        .find_map(|l| cues::bare_date_year(l))
    {
        meta.year = Some(y);
        return;
    }
    // Plan and review headings must agree.
    let mut plan = None;
    let mut review = None;
    for s in sections.iter().filter(|s| s.level == 1) {
        match cues::heading_year(&s.title) {
            Some((y, true)) => {
                plan.get_or_insert(y);
            }
            Some((y, false)) => {
                review.get_or_insert(y);
            }
            None => {}
        }
    }
    meta.year = match (plan, review) {
        (Some(p), Some(r)) if p != r => None,
        (p, r) => p.or(r),
    };
    if meta.year.is_none() {
        meta.year = cues::file_name_year(file_stem(source)).filter(|y| {
            let scan = crate::char_count::prefix(text, 5000);
            scan.contains(&format!("{y}年")) || scan.contains(&format!("{}年", y - 1))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Meta {
        meta_of_file("t.txt", text)
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

    /// Official documents date their titles and session lines in Chinese numerals.
    #[test]
    fn years_and_dates_in_chinese_numerals() {
        let m = meta("政 府 工 作 报 告\n——二〇三一年一月十日在青山县第十八届人民代表大会第三次会议上\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n正文。");
        assert_eq!(
            (m.year, m.date.as_deref()),
            (Some(2031), Some("2031-01-10"))
        );
        let m = meta(&format!("红星街道办事处二〇三一年工作计划\n\n{BODY}\n"));
        assert_eq!(m.year, Some(2031));
        // The title keeps its own numerals.
        assert_eq!(m.title.as_deref(), Some("红星街道办事处二〇三一年工作计划"));
        let m = meta("各位代表：\n一、二○三〇年工作回顾\n正文。\n二、二○三一年工作安排\n正文。");
        assert_eq!(m.year, Some(2031));
    }

    /// A formal title wraps in print: `关于…` and the lines up to its kind are one title.
    #[test]
    fn a_wrapped_formal_title_is_one_title() {
        let m = meta(&format!(
            "关于青山县2030年国民经济和社会发展\n计划执行情况与2031年计划草案的报告\n\
             ——2031年1月8日在青山县第十八届人民代表大会第五次会议上\n各位代表：\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("关于青山县2030年国民经济和社会发展计划执行情况与2031年计划草案的报告")
        );
        assert_eq!((m.place.as_deref(), m.year), (Some("青山县"), Some(2031)));
        // Wrapped where its first line names a kind of document too: still one title.
        let m = meta(&format!(
            "关于青山县2030年国民经济和社会发展计划执行情况\n与2031年计划草案的报告\n\
             ——2031年1月8日在青山县第十八届人民代表大会第五次会议上\n各位代表：\n{BODY}"
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("关于青山县2030年国民经济和社会发展计划执行情况与2031年计划草案的报告")
        );
        assert_eq!(m.year, Some(2031));
        // A line that is a sentence, or is far above, is not part of it.
        let block = ["关于做好工作的意见。", "青山县2031年工作计划"];
        assert_eq!(wrapped_title(&block, 1), "青山县2031年工作计划");
        let block = ["关于青山县", "一", "二", "2031年工作计划"];
        assert_eq!(wrapped_title(&block, 3), "2031年工作计划");
    }

    #[test]
    fn a_formal_report_about_work_is_a_work_report() {
        let m = meta(&format!(
            "青山县人民政府关于2030年工作情况和2031年工作安排的报告\n各位代表：\n{BODY}"
        ));
        assert_eq!(m.kind.as_deref(), Some("工作报告"));
        assert_eq!((m.place.as_deref(), m.year), (Some("青山县"), Some(2031)));
        // `关于` alone, or a report that is not the title's end, is no title.
        assert_eq!(kind_of("关于做好春耕生产的通知"), None);
    }

    /// A title that reviews one year and plans the next is given in the next.
    #[test]
    fn a_review_and_plan_title_is_the_plans_year() {
        assert_eq!(year_of("青山镇2030年工作总结和2031年工作计划"), Some(2031));
        assert_eq!(year_of("2031年政府工作报告"), Some(2031));
        // Years further apart, or a span, keep the first.
        assert_eq!(year_of("2021年至2025年发展规划"), Some(2021));
        assert_eq!(year_of("2031年工作计划（2030年版）"), Some(2031));
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
    fn masked_year_and_place_stay_empty() {
        // Even a plan heading does not override a year the title hides.
        let m = meta(
            "xx镇20xx年政府工作报告\n各位代表：\n一、工作回顾\n正文。\n二、2031年工作安排\n正文。",
        );
        assert_eq!(m.year, None);
        assert_eq!(m.place, None);
        assert_eq!(m.level, Some(Level::Township));
        assert_eq!(m.kind.as_deref(), Some("政府工作报告"));
    }

    const BODY: &str =
        "我们坚持稳中求进工作总基调，全力以赴稳增长、调结构、惠民生、防风险，经济运行总体平稳。";

    #[test]
    fn unnamed_city_is_the_one_it_names_most() {
        let text = format!(
            "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、2030年工作回顾\n\
             过去一年，绵阳经济稳中有进，绵阳科技城建设提速，成都都市圈协同发展。{BODY}\n\
             建设美丽绵阳，人民生活持续改善。\n二、2031年工作安排\n{BODY}"
        );
        let m = meta(&text);
        assert_eq!(m.place.as_deref(), Some("绵阳市"));
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn unnamed_prefecture_gets_its_full_ethnic_name() {
        let text = format!(
            "各位代表：\n现在，我代表州人民政府，向大会报告工作。\n一、2030年工作回顾\n\
             延边各族群众团结奋斗，延边旅游持续升温，延边口岸通关量创新高。{BODY}"
        );
        let m = meta(&text);
        assert_eq!(m.place.as_deref(), Some("延边朝鲜族自治州"));
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn county_level_city_is_a_county() {
        let text = format!(
            "各位代表：\n现在，我代表市人民政府向大会报告工作。\n2030年工作回顾\n\
             仙桃经济发展势头良好，仙桃产业园扩容，仙桃城区品质提升。{BODY}"
        );
        let m = meta(&text);
        assert_eq!(m.place.as_deref(), Some("仙桃市"));
        assert_eq!(m.level, Some(Level::County));
    }

    fn meta_of_file(source: &str, text: &str) -> Meta {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        crate::outline::build(
            source.into(),
            "UTF-8".into(),
            crate::outline::paragraphs_from_lines(&lines),
        )
        .meta
    }

    #[test]
    fn a_file_name_place_counts_when_the_text_names_it_too() {
        // No unit said (`我代表政府`), so only the file name can name the place.
        let twice = format!(
            "各位代表：\n现在，我代表政府向大会报告工作。\n一、2030年工作回顾\n\
             巴中经济平稳，巴中城区扩容。{BODY}"
        );
        let m = meta_of_file("报告/巴中.txt", &twice);
        assert_eq!(m.place.as_deref(), Some("巴中市"));
        // A file name without a place name, or a place the text names once: none.
        assert_eq!(meta_of_file("报告/政府工作报告.txt", &twice).place, None);
        let once = twice.replacen("巴中城区", "城区", 1);
        assert_eq!(meta_of_file("报告/巴中.txt", &once).place, None);
    }

    #[test]
    fn no_dominant_name_no_place() {
        // Two cities named equally often: the report's own is not clear.
        let text = format!(
            "各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2030年工作回顾\n\
             绵阳与德阳合作，绵阳德阳同城化，绵阳德阳共建园区。{BODY}"
        );
        let m = meta(&text);
        assert_eq!(m.place, None);
        // `市` may be prefecture- or county-level.
        assert_eq!(m.level, None);
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn province_and_autonomous_region_titles() {
        let m = meta("2031年广西壮族自治区政府工作报告\n各位代表：\n一、回顾\n正文。");
        assert_eq!(m.place.as_deref(), Some("广西壮族自治区"));
        assert_eq!(m.level, Some(Level::Province));
        assert_eq!(m.year, Some(2031));
        let m = meta("政府工作报告\n——2031年1月20日在云南省第十四届人民代表大会第四次会议上\n各位代表：\n一、回顾\n正文。");
        assert_eq!(m.place.as_deref(), Some("云南省"));
        assert_eq!(m.level, Some(Level::Province));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn district_named_in_a_chain() {
        let m = meta("政府工作报告\n——2031年1月9日在区第五届人民代表大会第二次会议上\n各位代表：\n现在，我代表包头市昆都仑区人民政府向大会报告工作。\n一、回顾\n正文。");
        assert_eq!(m.place.as_deref(), Some("昆都仑区"));
        assert_eq!(m.level, Some(Level::County));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn state_council() {
        let m = meta("政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2030年工作回顾\n正文。");
        assert_eq!(m.place.as_deref(), Some("全国"));
        assert_eq!(m.level, Some(Level::National));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn township_without_a_name() {
        let text = format!(
            "二、2031年工作安排\n在区委、区政府和镇党委的坚强领导下，全镇上下团结一心。{BODY}"
        );
        let m = meta(&text);
        assert_eq!(m.place, None);
        assert_eq!(m.level, Some(Level::Township));
        assert_eq!(m.year, Some(2031));
    }

    #[test]
    fn a_date_line_under_a_work_reports_title_gives_its_year() {
        let m = meta("青山县政府工作报告\n2031年1月10日\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、过去一年的工作\n正文。");
        assert_eq!(m.year, Some(2031));
        assert_eq!(m.date.as_deref(), Some("2031-01-10"));
        let m = meta("政府工作报告\n（二〇三一年一月十日）\n各位代表：\n一、回顾\n正文。");
        assert_eq!(m.year, Some(2031));
        // A publishing date is more than a date; a plan dated in December is next year's.
        let m = meta("青山县政府工作报告\n发布时间：2031年1月10日\n各位代表：\n一、回顾\n正文。");
        assert_eq!(m.year, None);
        let m = meta("青山镇工作计划\n2030年12月28日\n一、指导思想\n正文。");
        assert_eq!(m.year, None);
    }

    #[test]
    fn disagreeing_headings_give_no_year() {
        let text = format!("一、2029年工作回顾\n{BODY}\n二、2031年工作安排\n{BODY}");
        assert_eq!(meta(&text).year, None);
    }

    #[test]
    fn file_name_counts_only_when_the_text_agrees() {
        let lines = |t: &str| -> Vec<String> { t.lines().map(String::from).collect() };
        let text =
            format!("各位代表：\n{BODY}\n绵阳发展迈上新台阶，绵阳人民生活改善，2030年经济增长。");
        let build = |name: &str| {
            crate::outline::build(
                name.into(),
                "UTF-8".into(),
                crate::outline::paragraphs_from_lines(&lines(&text)),
            )
            .meta
        };
        let m = build("reports/绵阳.txt");
        assert_eq!(m.place.as_deref(), Some("绵阳市"));
        assert_eq!(m.level, Some(Level::City));
        let m = build("reports/德阳.txt");
        assert_eq!(m.place, None);
        assert_eq!(build("2031.txt").year, Some(2031));
        assert_eq!(build("2025.txt").year, None);
    }

    #[test]
    fn glued_title_gives_year_and_level() {
        let body = BODY.repeat(3);
        let m = meta(&format!("某乡2031年度农业农村工作计划今年以来，{body}"));
        assert_eq!(m.year, Some(2031));
        assert_eq!(m.title.as_deref(), Some("某乡2031年度农业农村工作计划"));
        assert_eq!(m.level, Some(Level::Township));
    }

    #[test]
    fn spreadsheet_place_is_normalised() {
        let mut m = Meta::default();
        set_place(&mut m, "贵州");
        assert_eq!(m.place.as_deref(), Some("贵州省"));
        assert_eq!(m.level, Some(Level::Province));
        set_place(&mut m, "新疆");
        assert_eq!(m.place.as_deref(), Some("新疆维吾尔自治区"));
        // `河南` is a province and a county: the text's own level tells which.
        let mut m = Meta {
            level: Some(Level::Province),
            ..Meta::default()
        };
        set_place(&mut m, "河南");
        assert_eq!(m.place.as_deref(), Some("河南省"));
        assert_eq!(m.level, Some(Level::Province));
        let mut m = Meta::default();
        set_place(&mut m, "河南");
        assert_eq!((m.place.as_deref(), m.level), (Some("河南"), None));
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
