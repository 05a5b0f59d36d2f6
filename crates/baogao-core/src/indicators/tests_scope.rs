//! Which whole a figure is of: `经济增长` as the economy's growth, sectors and sub-areas that
//! narrow a name, facilities that own the figures after them, goals restated in a review, and
//! bounds written before a figure. Sentences written for these tests.

use super::*;
use crate::load::from_text;

fn rows_of(text: &str) -> Vec<Indicator> {
    let mut r = from_text("测试报告.txt", text, "utf-8");
    r.meta.year = Some(2026);
    extract(&r)
}

/// The canonical rows of `text`: (canonical, change value, level value).
fn named(text: &str) -> Vec<(String, Option<f64>, Option<f64>)> {
    rows_of(text)
        .into_iter()
        .filter_map(|r| {
            let c = r.change.as_ref().and_then(|c| c.value);
            Some((r.canonical?.to_string(), c, r.value))
        })
        .collect()
}

fn gdp_growth(v: f64) -> (String, Option<f64>, Option<f64>) {
    ("地区生产总值".into(), Some(v), None)
}

#[test]
fn economic_growth_is_the_economys_output_growth() {
    assert_eq!(named("今年全县经济增长6.5%左右。"), [gdp_growth(6.5)]);
    assert_eq!(named("全年经济增长速度8%。"), [gdp_growth(8.0)]);
    assert_eq!(named("经济增长预期目标为6%。"), [gdp_growth(6.0)]);
    assert_eq!(named("全市经济增速达到7.1%。"), [gdp_growth(7.1)]);
    let r = &rows_of("二、今年工作安排\n经济增长5%左右。\n")[0];
    assert_eq!(
        (r.kind, r.qualifier.as_deref(), r.year),
        (Kind::Target, Some("左右"), Some(2026))
    );
    // A part of the economy, or the economy's growth as something else's measure, is not it.
    for text in [
        "民营经济增长8%。",
        "数字经济增长15%。",
        "消费拉动经济增长1.2个百分点。",
        "对经济增长的贡献率达到60%。",
    ] {
        assert_eq!(named(text), [], "{text}");
    }
}

#[test]
fn budget_phrasing_is_a_growth_of_the_name_before() {
    assert_eq!(
        named("一般公共预算收入按增长5%安排。"),
        [("一般公共预算收入".into(), Some(5.0), None)]
    );
    assert_eq!(
        named("全省一般公共预算收入计划按同口径增长3.5%安排。"),
        [("一般公共预算收入".into(), Some(3.5), None)]
    );
}

#[test]
fn a_sector_or_part_before_a_name_narrows_it() {
    for text in [
        "全省工业固定资产投资增长10%。",
        "民间固定资产投资增长5.2%。",
        "制造业固定资产投资增长9%。",
        "基础设施固定资产投资增长6%。",
        "农村固定资产投资增长3%。",
        "园区新增就业800人。",
        "城南现代物流园区完成固定资产投资35亿元。",
        "开发区规模以上工业增加值增长12%。",
    ] {
        assert_eq!(named(text), [], "{text}");
    }
    // Scopes of the whole place keep the name.
    assert_eq!(
        named("全县固定资产投资完成120亿元，增长8%。"),
        [("固定资产投资".into(), Some(8.0), Some(120.0))]
    );
    assert_eq!(
        named("全县经济运行稳中向好，实现地区生产总值150亿元。"),
        [("地区生产总值".into(), None, Some(150.0))]
    );
}

#[test]
fn figures_after_a_facility_opens_are_the_facilitys() {
    for text in [
        "城东商贸中心建成投用，新增就业3000人。",
        "北部物流园正式投入运营，带动新增就业1200人。",
        "两个新材料项目竣工投产，新增就业600人。",
    ] {
        assert_eq!(named(text), [], "{text}");
    }
    // A clause without an opening facility, or a scope of the whole place, keeps it.
    assert_eq!(
        named("抓好高校毕业生等重点群体就业，新增就业7500人。"),
        [("城镇新增就业".into(), None, Some(7500.0))]
    );
    assert_eq!(
        named("城东商贸中心建成投用，全县新增就业3000人。"),
        [("城镇新增就业".into(), None, Some(3000.0))]
    );
    // Amounts after projects opened are the place's, which the projects drove.
    assert_eq!(
        named("一批重点项目建成投产，规模以上工业增加值增长12%。"),
        [("规模以上工业增加值".into(), Some(12.0), None)]
    );
    // A scope of its own (`全年`) makes the name the place's again.
    assert_eq!(
        named("两家外资公司落户本市，全年实际利用外资36亿美元。"),
        [("实际利用外资".into(), None, Some(36.0))]
    );
}

#[test]
fn a_milestone_between_a_level_and_its_change_keeps_the_subject() {
    assert_eq!(
        named("全年完成地区生产总值100.6亿元，历史性突破百亿大关，增长7.2%。"),
        [("地区生产总值".into(), Some(7.2), Some(100.6))]
    );
    assert_eq!(
        named("全部财政收入完成20001万元，首次突破两亿元大关，增长12%。"),
        [("财政总收入".into(), Some(12.0), Some(20001.0))]
    );
    // A larger amount after a milestone word is another figure, not a threshold passed.
    let v = rows_of("市场主体新登记3.1万户、突破12万户。");
    assert!(v.iter().any(|r| r.value == Some(12.0)), "{v:#?}");
}

#[test]
fn goals_in_a_review_are_restated_targets_of_the_year_reviewed() {
    let v = rows_of(
        "一、2025年工作回顾\n全市地区生产总值增长6.8%，完成了增长6%的预期目标。\n\
         年初确定的地区生产总值增长6.5%的目标顺利完成。\n",
    );
    let gdp: Vec<(Kind, Option<f64>, Option<i32>)> = v
        .iter()
        .filter(|r| r.canonical.as_deref() == Some("地区生产总值"))
        .map(|r| (r.kind, r.change.as_ref().and_then(|c| c.value), r.year))
        .collect();
    assert_eq!(
        gdp,
        [
            (Kind::Actual, Some(6.8), Some(2025)),
            (Kind::Target, Some(6.0), Some(2025)),
            (Kind::Target, Some(6.5), Some(2025)),
        ]
    );
    // In the plan, the same words are this year's target.
    let v = rows_of("二、2026年工作安排\n确保实现地区生产总值增长6%的目标。\n");
    assert_eq!((v[0].kind, v[0].year), (Kind::Target, Some(2026)));
}

/// (year, span, change, qualifier) of a row.
type Dated<'a> = (Option<i32>, u32, Option<f64>, Option<&'a str>);

#[test]
fn one_year_after_a_period_average_is_that_years() {
    let v = rows_of("二、今后工作\n“十五五”时期生产总值年均增长5.5%左右，今年增长5%以上。\n");
    let gdp: Vec<Dated> = v
        .iter()
        .filter(|r| r.canonical.as_deref() == Some("地区生产总值"))
        .map(|r| {
            (
                r.year,
                r.span,
                r.change.as_ref().and_then(|c| c.value),
                r.qualifier.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        gdp,
        [
            (Some(2030), 5, Some(5.5), Some("左右")),
            (Some(2026), 1, Some(5.0), Some("以上"))
        ]
    );
    // `比去年` is a base, not the year described.
    let v = rows_of("二、2026年工作安排\n地区生产总值比去年增长5%。\n");
    assert_eq!(v[0].year, Some(2026));
}

/// One row holds one qualifier, from the contract's closed set: the one written with its
/// figure (after it, else before it); a bound before a figure is the word it means.
#[test]
fn bounds_before_a_figure_are_qualifiers() {
    let q = |text: &str| {
        rows_of(text)
            .into_iter()
            .find(|r| r.canonical.is_some())
            .and_then(|r| r.qualifier)
    };
    assert_eq!(q("地区生产总值增长不低于5%。").as_deref(), Some("以上"));
    assert_eq!(q("居民消费价格涨幅不超过3%。").as_deref(), Some("以内"));
    assert_eq!(q("力争地区生产总值增长5%左右。").as_deref(), Some("左右"));
    assert_eq!(q("地区生产总值增长超过6%以上。").as_deref(), Some("以上"));
}

/// A year's summary (`2031年工作总结`) reports that year's results, where a government work
/// report of 2031 reviews 2030; a section titled with its year dates its figures too.
#[test]
fn a_summary_and_dated_sections_give_their_own_year() {
    let text = "青山镇2031年工作总结\n\
                全镇上下团结奋斗，各项工作取得新成效。全年实现地区生产总值12.6亿元。\n\
                一、主要成效\n\
                新建高标准农田1.2万亩，粮食总产量达到3.5万吨。\n\
                二、2032年工作打算\n\
                地区生产总值增长6.5%左右。\n";
    let r = from_text("青山镇.txt", text, "utf-8");
    assert_eq!(r.meta.year, Some(2031));
    let years: Vec<(String, Kind, Option<i32>)> = extract(&r)
        .into_iter()
        .filter_map(|r| Some((r.canonical?.to_string(), r.kind, r.year)))
        .collect();
    assert_eq!(
        years,
        [
            ("地区生产总值".into(), Kind::Actual, Some(2031)),
            ("粮食产量".into(), Kind::Actual, Some(2031)),
            ("地区生产总值".into(), Kind::Target, Some(2032)),
        ]
    );
    // The same text as a government work report of 2031 reviews 2030.
    let r = from_text(
        "青山镇.txt",
        &text.replace("工作总结", "政府工作报告"),
        "utf-8",
    );
    let first = &extract(&r)[0];
    assert_eq!((r.meta.year, first.year), (Some(2031), Some(2030)));
}

/// A plan report (`计划执行情况与…计划草案的报告`) reviews how the plan went: its `执行情况`
/// part is results, though its title says `计划`.
#[test]
fn a_plans_execution_part_is_its_review() {
    let v = rows_of(
        "一、2025年国民经济和社会发展计划执行情况\n全县地区生产总值完成186.5亿元，同比增长6.2%。\n\
         二、2026年国民经济和社会发展计划草案\n地区生产总值增长6%左右。\n",
    );
    let gdp: Vec<(Kind, Option<i32>)> = v
        .iter()
        .filter(|r| r.canonical.as_deref() == Some("地区生产总值"))
        .map(|r| (r.kind, r.year))
        .collect();
    assert_eq!(
        gdp,
        [(Kind::Actual, Some(2025)), (Kind::Target, Some(2026))]
    );
}
