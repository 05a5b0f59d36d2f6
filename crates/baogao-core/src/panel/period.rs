//! Which year, and how many years, a panel row's figure describes.
//!
//! The extractor owns this: an [`Indicator`] carries `year` and `span`. This module is the ONE
//! place where the panel falls back on its own rules, for rows whose `year` the extractor left
//! empty (older builds, or a sentence it could not date):
//!
//! - the year: a year the sentence names before the indicator (`2016年，全县生产总值…`,
//!   `到2021年全县生产总值达到…`; not a start such as `2019年以来`); else the year a section
//!   title starts with (`2023年工作回顾`, `三、2024年重点工作`); else a target describes the
//!   report's year (`report.meta.year`) and an actual figure or an estimate the year before (the
//!   review); else no year;
//! - the span of a change: `年均` (and a row the extractor marked `span` 1 all the same) is a
//!   period average; `比2002年增长65.5%` in a 2008 report's review is a change over the years
//!   since 2002, not one year's growth. A period average without a stated length is taken as a
//!   five-year plan period (the common case), ending in the row's year.
//!
//! A row the extractor dated keeps its year and span (0 for a part of a year), except that a
//! change it marks as one year's although the text says `年均` is never given span 1: a
//! five-year target must not pass for an annual one.

use crate::indicators::{Indicator, Kind};
use crate::report::Report;
use regex::Regex;
use std::sync::LazyLock;

/// Year and span of a row's figures: `(level, growth)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    pub level: (Option<i32>, u32),
    pub growth: (Option<i32>, u32),
}

/// Length assumed for a period average whose length the text does not give.
const PLAN_YEARS: u32 = 5;

pub fn periods(report: &Report, row: &Indicator) -> Periods {
    let averaged = row
        .change
        .as_ref()
        .is_some_and(|c| c.basis.as_deref() == Some("年均"));
    if row.year.is_some() && row.span == 0 {
        // A part of a year (`一季度`, `上半年`): no year's figure, so it never pairs or pivots.
        return Periods {
            level: (row.year, 0),
            growth: (row.year, 0),
        };
    }
    if row.year.is_some() {
        // A change against a named base year (`比2018年增长40%`) covers the years since it,
        // whatever the level beside it covers.
        let growth_span = match (row.year, since_year(&row.quote)) {
            _ if averaged && row.span <= 1 => PLAN_YEARS,
            (Some(y), Some(base)) if row.span <= 1 && base < y - 1 => (y - base) as u32,
            _ => row.span.max(1),
        };
        return Periods {
            level: (row.year, row.span.max(1)),
            growth: (row.year, growth_span),
        };
    }
    // Fallback: the extractor did not date the row.
    let named = named_year(&row.quote, &row.name);
    let year = named.or_else(|| section_year(&row.section)).or_else(|| {
        report.meta.year.map(|y| match row.kind {
            Kind::Target => y,
            Kind::Actual | Kind::Estimate => y - 1,
        })
    });
    let growth_span = if averaged {
        PLAN_YEARS
    } else {
        match (year, since_year(&row.quote)) {
            (Some(y), Some(base)) if base < y - 1 => (y - base) as u32,
            _ => 1,
        }
    };
    // A period figure of a target ends with the plan: a `年均` target in a 2021 report is about
    // 2021–2025.
    // (A named year is already the end: `到2021年…年均增长12%`.)
    let growth_year = match (row.kind, year) {
        (Kind::Target, Some(y)) if growth_span > 1 && named.is_none() => {
            Some(y + growth_span as i32 - 1)
        }
        _ => year,
    };
    Periods {
        level: (year, 1),
        growth: (growth_year, growth_span),
    }
}

/// The last year a sentence names before the indicator's name, unless it is a start
/// (`2019年以来`, `2019年至`, `从2015年`) or a base (`比2015年`).
fn named_year(quote: &str, name: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(从|比|较|与|自)?((?:19|20)\d\d)年(以来|来|至|到|—|-|~|的)?")
            .expect("static regex")
    });
    let quote = crate::fold::fold(quote);
    let end = quote.find(&crate::fold::fold(name))?;
    YEAR.captures_iter(&quote[..end])
        .last()
        .filter(|c| c.get(1).is_none() && c.get(3).is_none())
        .and_then(|c| c[2].parse().ok())
}

/// The year the innermost dated section title starts with: `2023年工作回顾` → 2023.
fn section_year(titles: &[String]) -> Option<i32> {
    static DATED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)年").expect("static regex"));
    titles.iter().rev().find_map(|t| {
        let t = crate::fold::fold(t.trim());
        DATED.captures(&t).and_then(|c| c[1].parse().ok())
    })
}

/// The base year of a `比2002年增长…` / `较2015年…` comparison in a sentence.
fn since_year(quote: &str) -> Option<i32> {
    static SINCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:比|较|与)((?:19|20)\d\d)年(?:相比)?[,，]?(?:增长|提高|翻|下降|减少)")
            .expect("static regex")
    });
    SINCE.captures(quote).and_then(|c| c[1].parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_of_a_dated_section() {
        let titles = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            section_year(&titles(&["２０１８年工作回顾", "(一)产业"])),
            Some(2018)
        );
        assert_eq!(
            section_year(&titles(&["今后五年目标", "2030年远景"])),
            Some(2030)
        );
        assert_eq!(section_year(&titles(&["过去五年回顾"])), None);
        assert_eq!(section_year(&titles(&["到2025年的目标"])), None);
    }

    #[test]
    fn a_year_named_before_the_indicator() {
        assert_eq!(
            named_year("2016年,全县生产总值完成96.3亿元", "生产总值"),
            Some(2016)
        );
        assert_eq!(
            named_year("到2027年全县生产总值达到200亿元", "生产总值"),
            Some(2027)
        );
        assert_eq!(
            named_year("2019年以来,生产总值年均增长6%", "生产总值"),
            None
        );
        assert_eq!(named_year("从2015年的2.6万亿元增长到", "生产总值"), None);
        assert_eq!(named_year("全县生产总值比2015年增长", "生产总值"), None);
        assert_eq!(named_year("生产总值2016年完成96亿元", "生产总值"), None);
    }

    #[test]
    fn base_year_of_a_comparison() {
        assert_eq!(since_year("全县生产总值比2015年增长四成"), Some(2015));
        assert_eq!(since_year("与2010年相比,增长一倍"), Some(2010));
        assert_eq!(since_year("比上年增长7%"), None);
        assert_eq!(since_year("2019年地区生产总值增长6%"), None);
    }
}
