//! The sentences of a report that say where it is from and which year it is for, each read by
//! one rule. Rules return what the sentence says; `meta::extract` ranks them by reliability.

use super::place::{self, Level, DESIGNATIONS};
use regex::Regex;
use std::sync::LazyLock;

/// A name as a sentence gives it: `市` alone (the report's own city, unnamed) or `深圳市`;
/// `Named` only for a name that `place::normalise` accepts.
pub fn name_or_bare(name: &str) -> Cue {
    let name = name.trim();
    if DESIGNATIONS.contains(&name) {
        Cue::Bare(place::class(name).to_string())
    } else {
        // A name that is no name (`xx镇`, `全县`) still says the kind of unit.
        match place::split(name) {
            Some(_) if place::normalise(name).is_some() => Cue::Named(name.to_string()),
            Some((_, d)) => Cue::Bare(place::class(d).to_string()),
            None => Cue::None,
        }
    }
}

/// What one sentence says about the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cue {
    /// A place named in full or in part (`深圳市`, `甘孜州`).
    Named(String),
    /// Only the kind of unit (`我代表市人民政府` → `市`).
    Bare(String),
    None,
}

const UNIT: &str = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|街道|苏木|省|市|州|盟|县|旗|区|镇|乡)";

fn unit_re(pattern: &str) -> Regex {
    // `{UNIT}` stands for a designation; names are at most 16 Han characters (or x masks).
    Regex::new(&pattern.replace("{UNIT}", UNIT)).expect("static pattern")
}

/// `我代表甘孜州人民政府` / `我代表市人民政府` / `我代表国务院`.
pub fn represent(text: &str) -> Cue {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| unit_re(r"我代表(?:([\p{Han}xX]{0,16}?{UNIT})(?:人民)?政府|(国务院))"));
    match RE.captures(text) {
        Some(c) if c.get(2).is_some() => Cue::Named("全国".into()),
        Some(c) => c.get(1).map_or(Cue::None, |m| name_or_bare(m.as_str())),
        None => Cue::None,
    }
}

/// `在保定市第十四届人民代表大会` / `在第十四届全国人民代表大会`.
pub fn congress(text: &str) -> Cue {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        unit_re(
            r"在([\p{Han}xX]{0,16}?{UNIT})?第?[一二三四五六七八九十]{1,4}届(全国)?人(?:民代表)?大",
        )
    });
    match RE.captures(text) {
        Some(c) if c.get(2).is_some() => Cue::Named("全国".into()),
        Some(c) => c.get(1).map_or(Cue::None, |m| name_or_bare(m.as_str())),
        None => Cue::None,
    }
}

/// An issuer or speaker line of the title block: `保定市人民政府市长 马某`, `发文单位：某县人民政府`.
pub fn issuer(line: &str) -> Cue {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| unit_re(r"(?:^|[：:\s])([\p{Han}xX]{0,16}?{UNIT})人民政府"));
    if crate::char_count::at_least(line, 41) {
        return Cue::None;
    }
    RE.captures(line).map_or(Cue::None, |c| name_or_bare(&c[1]))
}

/// The speaker's office: `市长 王某` → `市`, `国务院总理` → 全国.
pub fn speaker_office(line: &str) -> Cue {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(总理|省长|市长|县长|区长|州长|盟长|旗长|镇长|乡长)[\s　]*[\p{Han}]{2,4}$")
            .expect("static pattern")
    });
    if crate::char_count::at_least(line, 31) {
        return Cue::None;
    }
    match RE.captures(line.trim()) {
        Some(c) if &c[1] == "总理" => Cue::Named("全国".into()),
        Some(c) => Cue::Bare(c[1].trim_end_matches('长').to_string()),
        None => Cue::None,
    }
}

/// Whose lead and oversight the report thanks: `在区委、区政府和温泉镇党委的坚强领导下`,
/// `在州人大的监督支持下`. The last unit of the list is the report's own.
pub fn leadership(text: &str) -> Cue {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        unit_re(r"和([\p{Han}xX]{0,8}?{UNIT})(?:党委|委)的?(?:坚强|正确|有力)?领导")
    });
    static OVERSIGHT: LazyLock<Regex> = LazyLock::new(|| {
        unit_re(r"在([\p{Han}xX]{0,8}?{UNIT})人大(?:及其常委会)?的?(?:依法)?监督")
    });
    for re in [&*LEAD, &*OVERSIGHT] {
        if let Some(c) = re.captures(text) {
            let cue = name_or_bare(&c[1]);
            if cue != Cue::None {
                return cue;
            }
        }
    }
    Cue::None
}

/// The kind of unit a report calls itself most (`全镇`, `我县`, `本市`): a weak level cue, used
/// only when it clearly dominates and names a single level.
pub fn self_reference_level(text: &str) -> Option<Level> {
    const UNITS: [(&str, Level); 6] = [
        ("省", Level::Province),
        ("州", Level::City),
        ("县", Level::County),
        ("旗", Level::County),
        ("镇", Level::Township),
        ("乡", Level::Township),
    ];
    let count = |u: &str| -> usize {
        ["全", "我", "本"]
            .iter()
            .map(|p| text.matches(&format!("{p}{u}")).count())
            .sum()
    };
    let ambiguous = count("市") + count("区");
    let mut counts: Vec<(usize, Level)> = UNITS.iter().map(|&(u, l)| (count(u), l)).collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    let (best, level) = counts[0];
    let runner_up = counts[1].0.max(ambiguous);
    (best >= 3 && best >= 3 * runner_up.max(1)).then_some(level)
}

static YEAR_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)年(?:度)?(.*)$").expect("static pattern"));

/// The year a section heading implies: a plan (`2024年工作安排`, `二、2024年经济社会发展总体要求`)
/// is for its year; a review (`2023年工作回顾`) is given the year after.
pub fn heading_year(title: &str) -> Option<(i32, bool)> {
    const PLAN: &[&str] = &[
        "安排",
        "任务",
        "目标",
        "重点",
        "主要工作",
        "工作建议",
        "工作思路",
        "总体要求",
        "工作部署",
        "计划",
        "打算",
        "要点",
    ];
    let title = super::han_date::arabic_dates(title.trim());
    let c = YEAR_HEAD.captures(&title)?;
    let year: i32 = c[1].parse().ok()?;
    let rest = &c[2];
    if crate::char_count::at_least(rest, 31) {
        return None;
    }
    // `2023年计划执行情况` reviews the plan of 2023.
    if ["回顾", "执行情况", "完成情况"]
        .iter()
        .any(|w| rest.contains(w))
    {
        Some((year + 1, false))
    } else if PLAN.iter().any(|w| rest.contains(w)) {
        Some((year, true))
    } else {
        None
    }
}

/// The year of the session a dated line of the title block names: `——2014年2月10日在…会议上`,
/// `（2024年1月29日在…）`. A publishing date (`发布时间：2016年…`) is not a session.
pub fn session_year(line: &str) -> Option<i32> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。]{0,40}?(?:会议|人民代表大会|大会)")
            .expect("static pattern")
    });
    RE.captures(&super::han_date::arabic_dates(line))
        .and_then(|c| c[1].parse().ok())
}

/// The year of a line that is only a date (`2024年1月10日`, `（二〇二四年一月十日）`): the day a
/// report was delivered, as printed under its title when no session line is given.
pub fn bare_date_year(line: &str) -> Option<i32> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:19|20)\d\d年\d{1,2}月\d{1,2}日$").expect("static pattern")
    });
    let line = super::han_date::arabic_dates(line);
    let bare: String = line
        .trim_matches(|c: char| "（）()——－-".contains(c) || c.is_whitespace())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // A real day (`normalise_date` checks month and day), written as nothing but a date.
    let date = super::normalise_date(&bare).filter(|_| RE.is_match(&bare))?;
    date.get(..4)?.parse().ok()
}

/// A four-digit year in a file name (`2020.txt`, `2025年宁夏政府工作报告.docx`).
pub fn file_name_year(stem: &str) -> Option<i32> {
    // Runs of exactly four digits; a longer run (`120201`) is a code, not a year.
    let years: Vec<i32> = stem
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
        .filter_map(|run| run.parse().ok())
        .collect();
    // Two different years in one name (`2019-2020`) say nothing certain.
    match years.as_slice() {
        [y, rest @ ..] if rest.iter().all(|r| r == y) => Some(*y),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_line_is_only_a_date() {
        assert_eq!(bare_date_year("2024年1月10日"), Some(2024));
        assert_eq!(bare_date_year("　（2024 年 1 月 10 日）"), Some(2024));
        assert_eq!(bare_date_year("——二〇一九年二月二十日"), Some(2019));
        assert_eq!(bare_date_year("2024年13月10日"), None);
        assert_eq!(
            bare_date_year("2024年1月10日在县第十八届人民代表大会上"),
            None
        );
        assert_eq!(bare_date_year("来源：2024年1月10日"), None);
    }

    #[test]
    fn represent_reads_named_bare_and_state_council() {
        assert_eq!(
            represent("现在，我代表绵阳市人民政府，向大会报告工作"),
            Cue::Named("绵阳市".into())
        );
        assert_eq!(
            represent("现在，我代表州人民政府，向大会报告工作"),
            Cue::Bare("州".into())
        );
        assert_eq!(
            represent("我代表自治区人民政府向大会报告工作"),
            Cue::Bare("自治区".into())
        );
        assert_eq!(
            represent("现在，我代表国务院，向大会报告"),
            Cue::Named("全国".into())
        );
        assert_eq!(
            represent("我代表xx镇人民政府报告工作"),
            Cue::Bare("镇".into())
        );
        assert_eq!(represent("我代表大家感谢"), Cue::None);
        assert_eq!(
            represent("我代表县政府向大会报告工作"),
            Cue::Bare("县".into())
        );
        // Not a government: `全市` is no name, and no place is read from it.
        assert_eq!(represent("我代表全市人民，向大家致以问候"), Cue::None);
    }

    #[test]
    fn congress_lines() {
        assert_eq!(
            congress("——2031年1月8日在延边朝鲜族自治州第十六届人民代表大会第二次会议上"),
            Cue::Named("延边朝鲜族自治州".into())
        );
        assert_eq!(
            congress("在第十五届全国人民代表大会第一次会议上"),
            Cue::Named("全国".into())
        );
        assert_eq!(
            congress("（2031年1月8日在县第九届人民代表大会第三次会议上）"),
            Cue::Bare("县".into())
        );
        assert_eq!(
            congress("在绵阳市九届人大四次会议上"),
            Cue::Named("绵阳市".into())
        );
        assert_eq!(
            congress("在十五届全国人大一次会议上"),
            Cue::Named("全国".into())
        );
    }

    #[test]
    fn issuer_speaker_and_leadership() {
        assert_eq!(
            issuer("发文单位：荆门市人民政府"),
            Cue::Named("荆门市".into())
        );
        assert_eq!(speaker_office("代县长　李某某"), Cue::Bare("县".into()));
        assert_eq!(speaker_office("旗长 巴某某"), Cue::Bare("旗".into()));
        assert_eq!(
            speaker_office("国务院总理 王某某"),
            Cue::Named("全国".into())
        );
        assert_eq!(
            leadership("过去一年，在市委、市政府和白塔乡党委的坚强领导下，全乡经济平稳。"),
            Cue::Named("白塔乡".into())
        );
        assert_eq!(
            leadership("在省委、省政府和州委坚强领导下，在州人大监督支持下"),
            Cue::Bare("州".into())
        );
    }

    #[test]
    fn self_reference_needs_a_clear_majority() {
        assert_eq!(
            self_reference_level("全镇实现增长。我镇推进项目。全镇人民团结。"),
            Some(Level::Township)
        );
        assert_eq!(
            self_reference_level(
                "全县增长，全县推进，我县建设，全市排名第一，全市第二，全市第三。"
            ),
            None
        );
        assert_eq!(self_reference_level("全市增长，我市推进，本市建设。"), None);
    }

    #[test]
    fn years_from_headings() {
        assert_eq!(heading_year("2031年工作安排"), Some((2031, true)));
        assert_eq!(heading_year("2030年工作回顾"), Some((2031, false)));
        assert_eq!(
            heading_year("2031年经济社会发展总体要求和政策取向"),
            Some((2031, true))
        );
        assert_eq!(heading_year("2031年奋斗目标和主要任务"), Some((2031, true)));
        assert_eq!(heading_year("2031年工作打算"), Some((2031, true)));
        assert_eq!(heading_year("20xx年工作回顾"), None);
        assert_eq!(heading_year("今年工作安排"), None);
        assert_eq!(heading_year("2030年的主要成绩"), None);
        // A plan report reviews how last year's plan went.
        assert_eq!(
            heading_year("2030年国民经济和社会发展计划执行情况"),
            Some((2031, false))
        );
        assert_eq!(heading_year("2030年主要指标完成情况"), Some((2031, false)));
        assert_eq!(heading_year("二〇三〇年工作回顾"), Some((2031, false)));
    }

    #[test]
    fn session_dates_not_publishing_dates() {
        assert_eq!(
            session_year("——2031年2月10日在某市第九届人民代表大会第二次会议上"),
            Some(2031)
        );
        assert_eq!(
            session_year("（2031年1月29日在某县第十届人民代表大会第四次会议上）"),
            Some(2031)
        );
        assert_eq!(session_year("发布时间：2031年11月25日 来源：网络"), None);
    }

    #[test]
    fn file_name_years() {
        assert_eq!(file_name_year("2020"), Some(2020));
        assert_eq!(file_name_year("2025年宁夏政府工作报告"), Some(2025));
        assert_eq!(file_name_year("report_2019-2020"), None);
        assert_eq!(file_name_year("巴中"), None);
        assert_eq!(file_name_year("120201"), None);
    }
}
