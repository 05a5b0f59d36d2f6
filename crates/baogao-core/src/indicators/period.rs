//! The period a figure describes: its `year` and `span` (how many years it covers).
//!
//! Read from the text before the figure, nearest first:
//! - a plan period (`十四五时期`, `“十五五”末`): its last year (十四五 → 2025), over five years when
//!   the figure is an average or total of the period (`年均`, `累计`, `时期`, `期间`);
//! - a span of years (`2021—2025年`, `五年来`, `过去五年`, `今后五年`, `三年内`): its last year and
//!   length;
//! - a named year (`2025年…达到`, `到2030年`), except a base (`比2020年`, `从2019年的`) or a start
//!   (`2020年以来`);
//! - `今年` / `去年` / `上年` / `明年` before the name;
//! - else a year the paragraph opens with (`2023年，全镇…。全年实现…`), else the one year the
//!   nearest section title that dates anything names (`一、2023年工作回顾`, `三、2024年工作计划`),
//!   else that of a summary's own title (`2023年工作总结`);
//! - else the report's year for a target or a plan part, the year before for the review
//!   (`比上年增长9%` in a 2024 report is about 2023).
//!
//! `年均` with no period in its sentence looks for one in its paragraph, then assumes a plan period
//! of five years; `累计` with none is a year's total.

use super::Kind;

/// Plan periods by their ordinal (十一五 … 十六五): the last year is 1955 + 5n.
fn plan_end(n: u32) -> i32 {
    1955 + 5 * n as i32
}

/// A Chinese count 1–10 (`一` … `十`, `两`).
fn cn_count(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '〇' | '零' => None,
        c => super::number::is_cn_digit(c),
    }
}

/// What the text before a figure says about its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Said {
    /// A plan period's last year, or the last year of a written range of years.
    end: Option<i32>,
    /// The number of years of that period or range.
    years: Option<u32>,
    /// Counted years relative to the report (`五年来`: -1 = the year before the report).
    relative: Option<(i32, u32)>,
    /// A single named year.
    year: Option<i32>,
    /// `今年` = 0, `去年`/`上年` = -1, `明年` = 1.
    deixis: Option<i32>,
    /// The period words that make a figure cover the whole period (`时期`, `期间`, `累计`).
    whole: bool,
    /// `年均`: an average over years.
    average: bool,
    /// A part of a year (`一季度`, `上半年`, `1—6月`, `前5个月`) since the last `全年`.
    part: bool,
    /// `全年`: the whole year, whatever a title says.
    full: bool,
}

fn digits_year(f: &[char], at: usize) -> Option<i32> {
    let w = f.get(at..at + 4)?;
    if !w.iter().all(char::is_ascii_digit) || !matches!(w[0], '1' | '2') {
        return None;
    }
    w.iter().collect::<String>().parse().ok()
}

fn starts(f: &[char], at: usize, w: &str) -> bool {
    super::cues::starts_with_at(f, at, w)
}

/// Can `c` start something [`read`] reads: an ASCII digit, a Chinese count, or the first char
/// of a period word? By one look in a bit table of the chars below U+10000 (8 KB).
fn may_start(c: char) -> bool {
    static TABLE: std::sync::LazyLock<Box<[u64; 1024]>> = std::sync::LazyLock::new(|| {
        let mut t = Box::new([0u64; 1024]);
        let firsts = ('0'..='9')
            .chain([
                '十', '今', '去', '上', '明', '时', '期', '累', '年', '季', '半', '月', '全',
            ])
            .chain(
                (0..=0xffff_u32)
                    .filter_map(char::from_u32)
                    .filter(|&c| cn_count(c).is_some()),
            );
        for c in firsts {
            t[c as usize / 64] |= 1 << (c as usize % 64);
        }
        t
    });
    TABLE
        .get(c as usize / 64)
        .is_some_and(|w| w & (1 << (c as usize % 64)) != 0)
}

/// Whether `f[from..to]` names a span of years to come (`今后三年`, `三年内`): a level said with
/// it is the one at the span's end, not this year's.
pub(super) fn names_years_ahead(f: &[char], from: usize, to: usize) -> bool {
    read(f, from, to.min(f.len()))
        .relative
        .is_some_and(|(end, _)| end > 0)
}

/// Read `f[from..to]`; later mentions override earlier ones (the nearest to the figure wins).
fn read(f: &[char], from: usize, to: usize) -> Said {
    let mut s = Said::default();
    let mut i = from;
    while i < to {
        let c = f[i];
        // Most chars start nothing read here: passed over at once (a window is read for each
        // figure, so a sentence's chars are looked at many times).
        if !may_start(c) {
            i += 1;
            continue;
        }
        // 十四五, 十五五: 十 + ordinal digit + 五.
        if c == '十' && i + 2 < f.len() && f[i + 2] == '五' {
            if let Some(n) = cn_count(f[i + 1]).filter(|n| (1..=9).contains(n)) {
                s.end = Some(plan_end(10 + n));
                s.years = Some(5);
                s.year = None;
                s.relative = None;
                i += 3;
                continue;
            }
        }
        if let Some(y) = digits_year(f, i) {
            let mut k = i + 4;
            // `2021—2025年`, `2021-2025年`, `2021至2025年`.
            let dash = matches!(f.get(k), Some('-' | '—' | '–' | '~' | '至' | '到'));
            if dash {
                let k2 = if f.get(k + 1) == Some(&'—') {
                    k + 2
                } else {
                    k + 1
                };
                if let Some(y2) = digits_year(f, k2).filter(|y2| *y2 > y && *y2 - y < 20) {
                    if f.get(k2 + 4) == Some(&'年') {
                        s.end = Some(y2);
                        s.years = Some((y2 - y + 1) as u32);
                        s.year = None;
                        s.relative = None;
                        i = k2 + 5;
                        continue;
                    }
                }
            }
            if f.get(k) == Some(&'年') {
                k += 1;
                let base = i > from
                    && matches!(
                        f[i - 1],
                        '比' | '较' | '从' | '由' | '于' | '同' | '自' | '与'
                    );
                let since = starts(f, k, "以来") || starts(f, k, "至今");
                if !base && !since {
                    s.year = Some(y);
                    s.end = None;
                    s.years = None;
                    s.relative = None;
                }
                i = k;
                continue;
            }
            i += 4;
            continue;
        }
        // 五年来, 过去五年, 近五年, 今后五年, 未来五年, 五年间.
        if let Some(n) = cn_count(c).filter(|n| *n >= 2) {
            if f.get(i + 1) == Some(&'年') && !(i > from && f[i - 1] == '十') {
                let back = |w: &str| {
                    let k = w.chars().count();
                    i >= from + k && starts(f, i - k, w)
                };
                let after = f.get(i + 2).copied();
                // `三年内` is a plan's: within the years to come.
                let ahead = back("今后") || back("未来") || after == Some('内');
                let past = back("过去") || back("近") || back("这") || back("前");
                let counted = matches!(after, Some('来' | '间' | '中' | '里' | '累' | '共'));
                if ahead {
                    s.relative = Some((n as i32 - 1, n));
                } else if past || counted {
                    s.relative = Some((-1, n));
                }
                if ahead || past || counted {
                    s.year = None;
                    s.end = None;
                    s.years = None;
                    i += 2;
                    continue;
                }
            }
        }
        // `比上年`, `较去年`, `同去年` are a base, not the year described.
        let base = i > from && matches!(f[i - 1], '比' | '较' | '同' | '于');
        // Matched on the first char: this runs for every char before every figure.
        let next = f.get(i + 1).copied();
        let deixis = match (c, next) {
            ('今', Some('年')) => Some(0),
            ('去' | '上', Some('年')) if !base => Some(-1),
            ('明', Some('年')) => Some(1),
            _ => None,
        };
        if deixis.is_some() {
            // `…年均增长6%,今年增长5%`: one year named after a period is that year alone.
            s = Said {
                deixis,
                ..Said::default()
            };
            i += 2;
            continue;
        }
        let before = (i > from).then(|| f[i - 1]);
        match (c, next) {
            ('时', Some('期')) | ('期', Some('间')) | ('累', Some('计')) => s.whole = true,
            ('年', Some('均')) => s.average = true,
            // 一季度, 前三季度, 第四季度; 上半年, 下半年; 1—6月, 前5个月.
            ('季', Some('度')) if matches!(before, Some('一' | '二' | '三' | '四' | '1'..='4')) => {
                s.part = true
            }
            ('半', Some('年')) if matches!(before, Some('上' | '下')) => s.part = true,
            ('月', _) if months(f, from, i) => s.part = true,
            ('全', Some('年')) => {
                s.part = false;
                s.full = true;
            }
            _ => {}
        }
        i += 1;
    }
    s
}

/// Does the `月` at `at` end some months of a year: `1—6月`, `1至5月`, `前5个月`?
fn months(f: &[char], from: usize, at: usize) -> bool {
    let number = |c: char| c.is_ascii_digit() || cn_count(c).is_some();
    let count_before = |mut k: usize| {
        let end = k;
        while k > from && number(f[k - 1]) {
            k -= 1;
        }
        (k < end).then_some(k)
    };
    if at > from && f[at - 1] == '个' {
        return count_before(at - 1).is_some_and(|k| k > from && f[k - 1] == '前');
    }
    count_before(at).is_some_and(|k| {
        k > from + 1
            && matches!(f[k - 1], '-' | '—' | '–' | '~' | '～' | '至' | '到')
            && number(f[k - 2])
    })
}

/// Where a row stands in its paragraph, and what its report and section say.
pub(super) struct At<'a> {
    pub f: &'a [char],
    /// Start of the row's sentence.
    pub sentence: usize,
    /// One past the row's last figure.
    pub end: usize,
    /// The row has a change and no level: a change over a period is the period's.
    pub growth: bool,
    pub kind: Kind,
    pub sec_kind: Option<Kind>,
    pub report_year: Option<i32>,
    /// A goal restated in the review (`完成了增长6%的目标`): the target of the year reviewed.
    pub restated: bool,
    /// The time the section titles (or a summary's title) name, see [`title_time`].
    pub title: Option<TitleTime>,
}

/// The time a section's titles give its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleTime {
    /// A coming plan period, as (last year, years): `“十五五”主要目标` → (2030, 5).
    Period(i32, u32),
    /// One year: `2023年工作回顾`, `2024年工作计划`.
    Year(i32),
    /// A part of one year: `2023年上半年工作总结`.
    Part(i32),
}

/// What the innermost title that dates anything says: a coming plan period (`“十五五”主要目标`
/// → (2030, 5), `今后五年的工作` → (report year + 4, 5)), or the one year it names
/// (`2026年工作安排`). `None` when that title names a period already over, several years, or
/// a year by `今年`/`去年` (the report's year, which rows already fall back to).
pub(super) fn title_time(titles: &[String], report_year: Option<i32>) -> Option<TitleTime> {
    // A part of a year named without the year (`上半年工作回顾`): of the year an outer title names,
    // else the report's.
    let mut part_of = false;
    for t in titles.iter().rev() {
        let f: Vec<char> = crate::fold::fold(t).chars().collect();
        let said = read(&f, 0, f.len());
        if said.deixis.is_some() {
            return None;
        }
        if let Some(y) = said.year {
            let part = said.part || part_of;
            return one_year(&f).filter(|&o| o == y).map(|y| {
                if part {
                    TitleTime::Part(y)
                } else {
                    TitleTime::Year(y)
                }
            });
        }
        if said.part && !said.full {
            part_of = true;
            continue;
        }
        if let (Some(end), Some(n)) = (said.end, said.years) {
            return (report_year.is_none_or(|y| end >= y)).then_some(TitleTime::Period(end, n));
        }
        if let Some((off, n)) = said.relative {
            return match report_year {
                Some(y) if off >= 0 => Some(TitleTime::Period(y + off, n)),
                _ => None,
            };
        }
    }
    report_year.filter(|_| part_of).map(TitleTime::Part)
}

/// The year a text names in digits (`2023年`), when it names no other.
fn one_year(f: &[char]) -> Option<i32> {
    let mut years = (0..f.len())
        .filter(|&i| f.get(i + 4) == Some(&'年'))
        .filter_map(|i| digits_year(f, i));
    let y = years.next()?;
    years.all(|o| o == y).then_some(y)
}

/// The year a paragraph opens with (`2023年，全镇…`), not a base, a start or a range.
fn lead_year(f: &[char]) -> Option<i32> {
    let i = f.iter().position(|c| !c.is_whitespace())?;
    digits_year(f, i)?;
    let said = read(f, i, i + 1);
    said.year.filter(|_| said.end.is_none())
}

/// How far back a row's period words are read (a bound keeps text without `。` linear).
const WINDOW: usize = 120;

/// The year and span of a row. A figure of a part of a year (`一季度`, `上半年`, or under
/// `2023年上半年工作总结`) spans 0 years: it is never one year's figure.
pub(super) fn period(at: &At) -> (Option<i32>, u32) {
    let said = read(at.f, at.sentence.max(at.end.saturating_sub(WINDOW)), at.end);
    let part = said.part || (matches!(at.title, Some(TitleTime::Part(_))) && !said.full);
    match dated(at, &said) {
        (year, 1) if part => (year, 0),
        dated => dated,
    }
}

fn dated(at: &At, said: &Said) -> (Option<i32>, u32) {
    let ry = at.report_year;
    // The review describes the year before the report, the plan the report's year, unless the
    // paragraph's opening or the titles name the year.
    let review = at.restated
        || matches!(
            (at.sec_kind, at.kind),
            (Some(Kind::Actual), _) | (None, Kind::Actual | Kind::Estimate)
        );
    let titled = match at.title {
        Some(TitleTime::Year(y) | TitleTime::Part(y)) => Some(y),
        _ => None,
    };
    let own = lead_year(at.f)
        .or(titled)
        .or(ry.map(|y| if review { y - 1 } else { y }));
    let over_period = said.average || said.whole || at.growth;
    if let (Some(end), Some(n)) = (said.end, said.years) {
        return (Some(end), if over_period { n } else { 1 });
    }
    if let Some((off, n)) = said.relative {
        // `今后五年` counts from the report's year; `五年来` ends the year before it.
        return (ry.map(|y| y + off), if over_period { n } else { 1 });
    }
    if let Some(y) = said.year {
        return (Some(y), 1);
    }
    if said.average {
        // An average with no period in its sentence: the paragraph's, else a plan's five years.
        // `年均增长6%,到2025年达到300亿元`: the date the sentence goes on to name ends it.
        let stop = (at.end..at.f.len().min(at.end + WINDOW))
            .find(|&i| matches!(at.f[i], '。' | ';' | '!' | '?'))
            .unwrap_or(at.f.len().min(at.end + WINDOW));
        let later = read(at.f, at.end, stop);
        if let (Some(end), Some(n)) = (later.end, later.years) {
            return (Some(end), n);
        }
        if let Some(y) = later.year.filter(|y| ry.is_none_or(|r| *y >= r)) {
            return (Some(y), 5);
        }
        let p = read(at.f, at.sentence.saturating_sub(WINDOW), at.sentence);
        if let (Some(end), Some(n)) = (p.end, p.years) {
            return (Some(end), n);
        }
        if let Some((off, n)) = p.relative {
            return (ry.map(|y| y + off), n);
        }
        // A plan's average runs five years from its year; a review's ends at its year.
        let end = match own {
            Some(y) if !review => Some(y + 4),
            y => y,
        };
        return (end, 5);
    }
    if let Some(d) = said.deixis {
        return (ry.map(|y| y + d), 1);
    }
    // A target under a plan-period title (`二、“十五五”时期主要目标`) that names no year of
    // its own is the period's: a change over its years, an amount at its end.
    if let (Some(TitleTime::Period(end, n)), Kind::Target) = (at.title, at.kind) {
        return (Some(end), if at.growth { n } else { 1 });
    }
    (own, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit table holds exactly the chars the written-out test names, for every char.
    #[test]
    fn may_start_is_the_written_out_test() {
        for c in (0..=0x2ffff_u32).filter_map(char::from_u32) {
            let want = c.is_ascii_digit()
                || matches!(
                    c,
                    '十' | '今'
                        | '去'
                        | '上'
                        | '明'
                        | '时'
                        | '期'
                        | '累'
                        | '年'
                        | '季'
                        | '半'
                        | '月'
                        | '全'
                )
                || cn_count(c).is_some();
            assert_eq!(may_start(c), want, "U+{:04X}", c as u32);
        }
    }

    fn p(text: &str, kind: Kind, sec: Option<Kind>, growth: bool) -> (Option<i32>, u32) {
        let f: Vec<char> = crate::fold::fold(text).chars().collect();
        period(&At {
            f: &f,
            sentence: 0,
            end: f.len(),
            growth,
            kind,
            sec_kind: sec,
            report_year: Some(2024),
            restated: false,
            title: None,
        })
    }

    #[test]
    fn review_plan_and_named_years() {
        use Kind::*;
        assert_eq!(
            p("地区生产总值比上年增长9%", Actual, Some(Actual), true),
            (Some(2023), 1)
        );
        assert_eq!(
            p("地区生产总值增长5%左右", Target, Some(Target), true),
            (Some(2024), 1)
        );
        assert_eq!(
            p("预计全年生产总值增长6%", Estimate, None, true),
            (Some(2023), 1)
        );
        assert_eq!(
            p("与2019年相比增长6%", Target, Some(Target), true),
            (Some(2024), 1)
        );
        assert_eq!(
            p("到2027年,生产总值达到500亿元", Target, None, false),
            (Some(2027), 1)
        );
        assert_eq!(
            p("比2020年增长30%", Actual, Some(Actual), false),
            (Some(2023), 1)
        );
        assert_eq!(
            p("2020年以来累计完成投资500亿元", Actual, None, false).0,
            Some(2023)
        );
        assert_eq!(
            p(
                "从2019年的3.1亿元增长到2022年的4.6亿元",
                Actual,
                None,
                false
            ),
            (Some(2022), 1)
        );
    }

    #[test]
    fn titles_date_a_coming_period_or_one_year() {
        use TitleTime::*;
        let t = |v: &[&str]| {
            title_time(
                &v.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                Some(2026),
            )
        };
        assert_eq!(t(&["二、“十五五”时期主要目标任务"]), Some(Period(2030, 5)));
        assert_eq!(
            t(&["今后五年的主要任务", "(一)产业"]),
            Some(Period(2030, 5))
        );
        assert_eq!(t(&["“十五五”规划", "2026年工作安排"]), Some(Year(2026)));
        assert_eq!(t(&["一、2025年工作回顾", "(一)产业"]), Some(Year(2025)));
        assert_eq!(t(&["一、“十四五”时期工作回顾"]), None);
        assert_eq!(t(&["过去五年工作回顾"]), None);
        assert_eq!(t(&["三、今年工作安排"]), None);
        // Two years, a start and a base date nothing.
        assert_eq!(t(&["2025年工作总结和2026年工作计划"]), None);
        assert_eq!(t(&["二、2016年以来的主要成就"]), None);
        let f: Vec<char> = crate::fold::fold("地区生产总值增长5%左右")
            .chars()
            .collect();
        let at = |kind, sec_kind, title| At {
            f: &f,
            sentence: 0,
            end: f.len(),
            growth: true,
            kind,
            sec_kind,
            report_year: Some(2026),
            restated: false,
            title,
        };
        use Kind::*;
        let plan = Some(Target);
        assert_eq!(
            period(&at(Target, plan, Some(Period(2030, 5)))),
            (Some(2030), 5)
        );
        assert_eq!(period(&at(Target, plan, None)), (Some(2026), 1));
        // A review titled with its year is that year's, whatever the report's year says.
        let review = Some(Actual);
        assert_eq!(period(&at(Actual, review, None)), (Some(2025), 1));
        assert_eq!(
            period(&at(Actual, review, Some(Year(2026)))),
            (Some(2026), 1)
        );
        assert_eq!(period(&at(Target, plan, Some(Year(2027)))), (Some(2027), 1));
    }

    /// A paragraph that opens with a year dates the figures of its later sentences; its own
    /// sentence's words still come first.
    #[test]
    fn a_paragraph_opening_with_a_year_dates_its_figures() {
        use Kind::*;
        let text = "2026年,全镇上下团结奋斗,各项工作取得新成效。全年实现地区生产总值12.6亿元。";
        let f: Vec<char> = crate::fold::fold(text).chars().collect();
        let second = f.iter().position(|&c| c == '。').unwrap() + 1;
        let at = |sentence, report_year| At {
            f: &f,
            sentence,
            end: f.len(),
            growth: false,
            kind: Actual,
            sec_kind: Some(Actual),
            report_year,
            restated: false,
            title: None,
        };
        assert_eq!(period(&at(second, Some(2026))), (Some(2026), 1));
        assert_eq!(period(&at(second, None)), (Some(2026), 1));
        // Not an opening year: a start, a range, a year inside the text.
        for text in [
            "2020年以来,各项工作取得新成效。全年实现地区生产总值12.6亿元。",
            "2021—2025年,各项工作取得新成效。全年实现地区生产总值12.6亿元。",
            "全镇在2026年各项工作取得新成效。全年实现地区生产总值12.6亿元。",
        ] {
            let f: Vec<char> = crate::fold::fold(text).chars().collect();
            let second = f.iter().position(|&c| c == '。').unwrap() + 1;
            let got = period(&At {
                f: &f,
                end: f.len(),
                ..at(second, Some(2026))
            });
            assert_eq!(got, (Some(2025), 1), "{text}");
        }
    }

    #[test]
    fn plan_periods_and_counted_years() {
        use Kind::*;
        assert_eq!(
            p("十四五时期地区生产总值年均增长6%", Target, None, true),
            (Some(2025), 5)
        );
        assert_eq!(
            p("“十五五”末生产总值达到800亿元", Target, None, false),
            (Some(2030), 1)
        );
        assert_eq!(
            p("五年来累计完成工业投资196亿元", Actual, Some(Actual), false),
            (Some(2023), 5)
        );
        assert_eq!(
            p("过去五年,生产总值年均增长7%", Actual, Some(Actual), true),
            (Some(2023), 5)
        );
        assert_eq!(
            p("今后五年,生产总值年均增长5%", Target, Some(Target), true),
            (Some(2028), 5)
        );
        assert_eq!(
            p("2021—2025年年均增长6%", Target, None, true),
            (Some(2025), 5)
        );
        assert_eq!(
            p("2021-2025年生产总值达到90亿元", Target, None, false),
            (Some(2025), 1)
        );
        // A change over counted years without 年均 is the period's (cumulative) change.
        assert_eq!(
            p("过去五年,生产总值增长40%", Actual, Some(Actual), true),
            (Some(2023), 5)
        );
        // An average dated by the rest of its sentence.
        let f: Vec<char> = "生产总值年均增长6%,到2025年达到300亿元。".chars().collect();
        let at = At {
            f: &f,
            sentence: 0,
            end: 10,
            growth: true,
            kind: Target,
            sec_kind: None,
            report_year: Some(2023),
            restated: false,
            title: None,
        };
        assert_eq!(period(&at), (Some(2025), 5));
        // An average with no period written: five years of a plan.
        assert_eq!(
            p("生产总值年均增长5%左右", Target, Some(Target), true),
            (Some(2028), 5)
        );
        // A year's own total.
        assert_eq!(
            p("全年累计完成投资50亿元", Actual, Some(Actual), false),
            (Some(2023), 1)
        );
        assert_eq!(
            p("今年一季度生产总值增长5%", Actual, None, false),
            (Some(2024), 0)
        );
    }

    /// Quarters, halves and runs of months are parts of a year: span 0, never a year's figure.
    #[test]
    fn parts_of_a_year_span_no_year() {
        use Kind::*;
        for text in [
            "一季度,全县地区生产总值增长7.2%",
            "前三季度生产总值增长6%",
            "第二季度生产总值增长6%",
            "上半年生产总值增长6%",
            "1—6月生产总值增长6%",
            "1至5月生产总值增长6%",
            "前5个月生产总值增长6%",
            "2023年上半年生产总值增长6%",
        ] {
            assert_eq!(p(text, Actual, Some(Actual), true).1, 0, "{text}");
        }
        for text in [
            "上半年增长5%,全年生产总值增长6%",
            "生产总值增长6%",
            "12月生产总值增长6%",
            "每季度生产总值增长6%",
            "5个月生产总值增长6%",
        ] {
            assert_eq!(p(text, Actual, Some(Actual), true).1, 1, "{text}");
        }
        let t = |v: &str| title_time(&[v.to_string()], Some(2024));
        assert_eq!(t("2023年上半年工作总结"), Some(TitleTime::Part(2023)));
        assert_eq!(t("2023年工作总结"), Some(TitleTime::Year(2023)));
        // Without its year: the outer title's, else the report's.
        assert_eq!(t("上半年工作回顾"), Some(TitleTime::Part(2024)));
        assert_eq!(
            title_time(
                &["2023年工作总结".into(), "一季度工作情况".into()],
                Some(2024)
            ),
            Some(TitleTime::Part(2023))
        );
        assert_eq!(title_time(&["上半年工作回顾".into()], None), None);
        assert_eq!(t("全年工作回顾"), None);
    }
}
