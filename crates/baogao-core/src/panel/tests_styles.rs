//! The GDP growth target of a report, in the many ways reports state it (province, city and
//! national styles; ranges, qualifiers, plan-period averages beside annual targets), and the
//! years of review figures. Sentences written for these tests.

use super::targets::pair;
use super::*;
use crate::indicators::extract;
use crate::load::from_text;

const GDP: &str = "地区生产总值";

/// A report of `place` for `year` whose text is a title and `body`.
fn report(place: &str, year: i32, body: &str) -> Report {
    let mut r = from_text(
        &format!("{place}{year}.txt"),
        &format!("{year}年{place}政府工作报告\n{body}"),
        "UTF-8",
    );
    r.meta.place = Some(place.into());
    r.meta.year = Some(year);
    r
}

/// (year, value, high, qualifier) of each annual GDP growth target.
type Annual = (Option<i32>, f64, Option<f64>, Option<String>);

fn annual_gdp_targets(r: &Report) -> Vec<Annual> {
    rows(r, &extract(r))
        .into_iter()
        .filter(|x| {
            &*x.indicator == GDP
                && x.kind == Kind::Target
                && x.measure == Measure::Growth
                && x.span == 1
        })
        .map(|x| (x.year, x.value, x.high, x.qualifier))
        .collect()
}

fn one(year: i32, value: f64, high: Option<f64>, q: Option<&str>) -> Vec<Annual> {
    vec![(Some(year), value, high, q.map(str::to_string))]
}

/// Plan sentences of a 2026 report, each with the one annual target it states.
#[test]
fn each_style_gives_exactly_one_annual_target() {
    let cases: &[(&str, f64, Option<f64>, Option<&str>)] = &[
        (
            "全省经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业60万人以上。",
            5.0,
            None,
            Some("左右"),
        ),
        (
            "主要预期目标是：全区生产总值增长4.5-5%，固定资产投资增长5%。",
            4.5,
            Some(5.0),
            None,
        ),
        (
            "今年预期目标是：地区生产总值增长4.5%—5%，居民消费价格涨幅3%左右。",
            4.5,
            Some(5.0),
            None,
        ),
        (
            "全省主要预期目标：生产总值增长5%-5.5%；城镇调查失业率控制在5.5%以内。",
            5.0,
            Some(5.5),
            None,
        ),
        (
            "今年的预期目标是：生产总值增速6.5%－7%。",
            6.5,
            Some(7.0),
            None,
        ),
        (
            "全市地区生产总值增长5%以上，力争6%左右。",
            5.0,
            None,
            Some("以上"),
        ),
        (
            "预期目标是：地区生产总值增长5.5%左右，在实际工作中力争更好结果。",
            5.5,
            None,
            Some("左右"),
        ),
        (
            "今年发展的主要预期目标是：GDP增长5%左右。",
            5.0,
            None,
            Some("左右"),
        ),
        (
            "全市经济总量增长5.5%，一般公共预算收入增长4%。",
            5.5,
            None,
            None,
        ),
        (
            "地区生产总值增长5%—5.5%左右，规模以上工业增加值增长6%。",
            5.0,
            Some(5.5),
            Some("左右"),
        ),
        (
            "全省地区生产总值增长不低于5%，力争7%左右。",
            5.0,
            None,
            Some("以上"),
        ),
        ("力争全区地区生产总值增长6%左右。", 6.0, None, Some("左右")),
        ("今年经济增长预期目标为6%。", 6.0, None, None),
        ("全年经济增长速度8%左右。", 8.0, None, Some("左右")),
        (
            "经济增长5%左右；一般公共预算收入按增长5%安排。",
            5.0,
            None,
            Some("左右"),
        ),
        ("把经济增长预期目标定为5%左右。", 5.0, None, Some("左右")),
        ("地区生产总值增长4.5%——5%。", 4.5, Some(5.0), None),
        (
            "地区生产总值增长５％－５．５％左右。",
            5.0,
            Some(5.5),
            Some("左右"),
        ),
        (
            "地区生产总值（GDP）增长5.0%左右（按可比价格计算）。",
            5.0,
            None,
            Some("左右"),
        ),
        ("全区生产总值同比增长6%左右。", 6.0, None, Some("左右")),
        (
            "国内生产总值增长7.5%左右，居民消费价格涨幅3.5%左右。",
            7.5,
            None,
            Some("左右"),
        ),
        (
            "“十五五”时期全省生产总值年均增长5.5%左右，今年增长5%以上。",
            5.0,
            None,
            Some("以上"),
        ),
        (
            "全市生产总值年均增长6%左右，今年全市地区生产总值增长6.5%。",
            6.5,
            None,
            None,
        ),
    ];
    for (sentence, value, high, q) in cases {
        for head in ["二、2026年工作安排", "二、今年工作总体要求和目标任务"] {
            let r = report("东川省", 2026, &format!("{head}\n{sentence}\n"));
            assert_eq!(
                annual_gdp_targets(&r),
                one(2026, *value, *high, *q),
                "{head} / {sentence}"
            );
        }
    }
}

#[test]
fn plan_period_averages_are_never_annual() {
    for sentence in [
        "“十五五”时期，地区生产总值年均增长5%左右。",
        "今后五年，全省生产总值年均增长6%以上。",
        "“十五五”主要目标是：地区生产总值年均增长5%左右，到2030年人均生产总值达到10万元。",
        "今后五年经济社会发展的主要目标是：经济保持中高速增长，地区生产总值年均增长6%以上。",
    ] {
        let r = report("东川省", 2026, &format!("二、今后五年目标\n{sentence}\n"));
        assert_eq!(annual_gdp_targets(&r), vec![], "{sentence}");
        let five = rows(&r, &extract(&r));
        assert!(
            five.iter()
                .any(|x| &*x.indicator == GDP && x.span == 5 && x.year == Some(2030)),
            "{sentence}: {five:#?}"
        );
    }
}

#[test]
fn review_figures_describe_the_year_before_and_averages_five_years() {
    let r = report(
        "东川省",
        2026,
        "一、2025年工作回顾\n全省地区生产总值比上年增长5.4%。\n\
         过去五年，全省生产总值年均增长5.6%。\n\
         二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n",
    );
    let p = rows(&r, &extract(&r));
    let got = |kind: Kind, span: u32| {
        p.iter()
            .find(|x| &*x.indicator == GDP && x.kind == kind && x.span == span)
            .map(|x| (x.year, x.value))
    };
    assert_eq!(got(Kind::Actual, 1), Some((Some(2025), 5.4)));
    assert_eq!(got(Kind::Actual, 5), Some((Some(2025), 5.6)));
    assert_eq!(got(Kind::Target, 1), Some((Some(2026), 5.0)));
}

/// A review that restates last year's target: a target of the year reviewed, second to the
/// year's own statement, never a result.
#[test]
fn a_restated_target_is_last_years_target_not_a_result() {
    let earlier = report(
        "西岭市",
        2025,
        "二、2025年工作安排\n主要预期目标是：地区生产总值增长6.5%左右。\n",
    );
    let later = report(
        "西岭市",
        2026,
        "一、2025年工作回顾\n年初确定的地区生产总值增长6%的目标顺利完成。\n\
         全市地区生产总值比上年增长6.8%，完成了增长6%的预期目标。\n",
    );
    let lp = rows(&later, &extract(&later));
    let gdp: Vec<(Kind, Option<i32>, f64)> = lp
        .iter()
        .filter(|x| &*x.indicator == GDP && x.measure == Measure::Growth)
        .map(|x| (x.kind, x.year, x.value))
        .collect();
    assert_eq!(
        gdp,
        [
            (Kind::Target, Some(2025), 6.0),
            (Kind::Actual, Some(2025), 6.8)
        ],
        "{lp:#?}"
    );
    // With the 2025 report loaded too, its own statement is the target; alone, the restated one.
    let mut both = lp.clone();
    both.extend(rows(&earlier, &extract(&earlier)));
    let t = pair(&both);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].year, t[0].target.value), (2025, 6.5));
    assert_eq!(t[0].result.as_ref().map(|r| r.value), Some(6.8));
    let t = pair(&lp);
    assert_eq!((t[0].target.value, t[0].gap), (6.0, Some(0.8)));
}

#[test]
fn goals_restated_for_each_figure_of_a_review_sentence() {
    let r = report(
        "西岭市",
        2024,
        "一、2023年工作回顾\n预计全年地区生产总值增长5.6%，一般公共预算收入增长5.2%，\
         完成了分别增长5%的目标任务。\n",
    );
    let p = rows(&r, &extract(&r));
    for name in [GDP, "一般公共预算收入"] {
        let t: Vec<(Option<i32>, f64)> = p
            .iter()
            .filter(|x| &*x.indicator == name && x.kind == Kind::Target)
            .map(|x| (x.year, x.value))
            .collect();
        assert_eq!(t, [(Some(2023), 5.0)], "{name}: {p:#?}");
    }
    let t = pair(&p);
    let gdp = t.iter().find(|x| x.indicator == GDP).expect("gdp target");
    assert_eq!(
        gdp.result.as_ref().map(|r| (r.value, r.kind)),
        Some((5.6, Kind::Estimate))
    );
}

/// A national series: each year's report states its target and reviews the year before.
#[test]
fn a_national_series_pairs_every_year() {
    let mut all = Vec::new();
    let targets = [
        (2008, 8.0),
        (2009, 8.0),
        (2012, 7.5),
        (2015, 7.0),
        (2024, 5.0),
    ];
    let results = [
        (2008, 9.0),
        (2009, 8.7),
        (2012, 7.8),
        (2015, 6.9),
        (2024, 5.0),
    ];
    for ((year, t), (_, res)) in targets.iter().zip(results) {
        let r = report(
            "全国",
            *year,
            &format!(
                "二、{year}年政府工作任务\n今年发展主要预期目标是：国内生产总值增长{t}%左右。\n"
            ),
        );
        all.extend(rows(&r, &extract(&r)));
        let next = report(
            "全国",
            year + 1,
            &format!("一、{year}年工作回顾\n全年国内生产总值比上年增长{res}%。\n"),
        );
        all.extend(rows(&next, &extract(&next)));
    }
    let t = pair(&all);
    let got: Vec<(i32, f64, Option<f64>)> = t
        .iter()
        .map(|x| (x.year, x.target.value, x.result.as_ref().map(|r| r.value)))
        .collect();
    let want: Vec<(i32, f64, Option<f64>)> = targets
        .iter()
        .zip(results)
        .map(|((y, t), (_, r))| (*y, *t, Some(r)))
        .collect();
    assert_eq!(got, want);
}

/// Review sentences of a 2026 report: each gives one result of 2025, never a target.
#[test]
fn each_review_style_gives_one_result_of_the_year_before() {
    let cases: &[(&str, f64, Kind)] = &[
        (
            "全省地区生产总值增长5.4%，高于预期目标0.4个百分点。",
            5.4,
            Kind::Actual,
        ),
        (
            "地区生产总值增长5.4%，比全国高0.4个百分点，完成年度预期目标。",
            5.4,
            Kind::Actual,
        ),
        (
            "地区生产总值完成3.2万亿元、增长5.4%，主要指标好于预期。",
            5.4,
            Kind::Actual,
        ),
        (
            "全年经济增长5.4%，超过年初确定的5%左右的预期目标。",
            5.4,
            Kind::Actual,
        ),
        (
            "初步核算，全年国内生产总值134万亿元，比上年增长5.0%。",
            5.0,
            Kind::Actual,
        ),
        (
            "全省生产总值突破6万亿元，增长5.4%，增速高于全国0.4个百分点。",
            5.4,
            Kind::Actual,
        ),
        ("预计全年地区生产总值增长5.5%左右。", 5.5, Kind::Estimate),
        ("2025年，全省地区生产总值增长5.4%。", 5.4, Kind::Actual),
    ];
    for (sentence, value, kind) in cases {
        let r = report("东川省", 2026, &format!("一、2025年工作回顾\n{sentence}\n"));
        let got: Vec<(Kind, Option<i32>, u32, f64)> = rows(&r, &extract(&r))
            .into_iter()
            .filter(|x| {
                &*x.indicator == GDP
                    && x.measure == Measure::Growth
                    && x.unit.as_deref() == Some("%")
            })
            .map(|x| (x.kind, x.year, x.span, x.value))
            .collect();
        assert_eq!(got, [(*kind, Some(2025), 1, *value)], "{sentence}");
    }
}

/// A 2026 report with a part on the coming plan period before the year's plan: the period's
/// growth is over its five years even where its sentences say no `年均`.
#[test]
fn a_plan_period_part_gives_no_annual_target() {
    let r = report(
        "东川省",
        2026,
        "一、“十四五”时期和2025年工作回顾\n2025年，全省地区生产总值增长5.4%。\n\
         二、“十五五”时期主要目标任务\n（一）经济实力\n地区生产总值增长5%左右，\
         到2030年达到8万亿元。\n\
         三、2026年工作安排\n主要预期目标是：地区生产总值增长5%以上。\n",
    );
    assert_eq!(annual_gdp_targets(&r), one(2026, 5.0, None, Some("以上")));
    let p = rows(&r, &extract(&r));
    assert!(
        p.iter().any(|x| &*x.indicator == GDP
            && x.kind == Kind::Target
            && (x.year, x.span, x.value) == (Some(2030), 5, 5.0)),
        "{p:#?}"
    );
    let results: Vec<(Option<i32>, f64)> = p
        .iter()
        .filter(|x| &*x.indicator == GDP && x.kind == Kind::Actual)
        .map(|x| (x.year, x.value))
        .collect();
    assert_eq!(results, [(Some(2025), 5.4)]);
}
