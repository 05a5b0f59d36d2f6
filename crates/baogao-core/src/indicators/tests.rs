//! Extraction on sentences written for these tests: each figure form, structure, kind,
//! qualifier and non-indicator named in the issue.

use super::*;
use crate::load::from_text;

fn all_rows(text: &str) -> Vec<Indicator> {
    extract(&from_text("测试报告.txt", text, "utf-8"))
}

fn rows(text: &str) -> Vec<Indicator> {
    all_rows(text)
        .into_iter()
        .filter(|r| r.canonical.is_some())
        .collect()
}

fn only(text: &str) -> Indicator {
    let v = rows(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn find<'a>(rows: &'a [Indicator], canonical: &str) -> &'a Indicator {
    rows.iter()
        .find(|r| r.canonical.as_deref() == Some(canonical))
        .unwrap_or_else(|| panic!("no {canonical} in {rows:#?}"))
}

fn level(r: &Indicator) -> (Option<f64>, Option<&str>) {
    (r.value, r.unit.as_deref())
}

fn change(r: &Indicator) -> (Option<f64>, &str, bool) {
    let c = r.change.as_ref().expect("a change");
    (c.value, c.unit.as_str(), c.masked)
}

#[test]
fn level_and_change_with_cues() {
    let r = only("全年全县地区生产总值完成88.6亿元，按可比价计算，同比增长5.2%。");
    assert_eq!(r.canonical.as_deref(), Some("地区生产总值"));
    assert_eq!(r.name, "地区生产总值");
    assert_eq!(
        (r.value, r.unit.as_deref(), r.masked),
        (Some(88.6), Some("亿元"), false)
    );
    assert_eq!(change(&r), (Some(5.2), "%", false));
    assert_eq!(r.change.as_ref().unwrap().basis.as_deref(), Some("同比"));
    assert_eq!(r.kind, Kind::Actual);
}

#[test]
fn a_pricing_basis_or_a_price_deflator_between_level_and_change() {
    for text in [
        "全市地区生产总值完成2856.3亿元，按不变价格计算，同比增长5.8%。",
        "地区生产总值2856.3亿元，按2020年价格计算，增长5.8%。",
    ] {
        let r = only(text);
        assert_eq!((r.value, r.unit.as_deref()), (Some(2856.3), Some("亿元")));
        assert_eq!(change(&r), (Some(5.8), "%", false), "{text}");
    }
    let r = only("城镇居民人均可支配收入45210元，扣除价格因素，实际增长5.1%。");
    assert_eq!(change(&r), (Some(5.1), "%", false));
    // A nominal change, said so.
    let r = only("社会消费品零售总额完成86.2亿元，名义增长7.2%。");
    assert_eq!(change(&r), (Some(7.2), "%", false));
}

#[test]
fn no_break_spaces_around_a_figure_are_spaces() {
    let r = only("全县地区生产总值完成\u{a0}186.5\u{a0}亿元，增长6.1%。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(186.5), Some("亿元")));
    assert_eq!(change(&r), (Some(6.1), "%", false));
}

#[test]
fn a_name_keeps_a_word_that_opens_with_a_cue_char() {
    let names: Vec<String> = all_rows("在建项目120个，在校学生1.2万人，实际到位资金5.6亿元。")
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["在建项目", "在校学生", "到位资金"]);
    // Cue words before such a word still go.
    let r = only("全年到位内资5.6亿元。");
    assert_eq!(r.canonical.as_deref(), Some("实际利用内资"));
    assert_eq!(r.name, "到位内资");
}

#[test]
fn a_scale_threshold_stays_in_the_name_it_opens() {
    // `规模以上` opens with cue words (`规模`, `以上`) that are peeled off elsewhere.
    assert_eq!(
        guessed("力争规模以上工业企业突破900户，规模以上服务业企业达到260家。"),
        ["规模以上工业企业", "规模以上服务业企业"]
    );
}

#[test]
fn grown_to_is_a_cue_not_part_of_the_name() {
    assert_eq!(
        guessed("全镇农民专业合作社发展到86家，家庭农场发展到40家。"),
        ["农民专业合作社", "家庭农场"]
    );
}

#[test]
fn a_threshold_inside_a_counted_thing_is_not_a_figure() {
    // The thresholds say which projects, villages and firms are counted.
    let names = guessed_names(
        "全年实施投资千万元以上工业项目45个，引进亿元以上项目12个；\
         集体经济收入20万元以上的村达到36个；签约超5亿元项目8个。",
    );
    let values: Vec<Option<f64>> = names.iter().map(|(_, v)| *v).collect();
    assert_eq!(
        values,
        [Some(45.0), Some(12.0), Some(36.0), Some(8.0)],
        "{names:?}"
    );
    // A threshold at the end of its clause is the row's own qualifier, and a figure in a name
    // run on too far is not a threshold: both stay.
    let names = guessed_names(
        "蔬菜种植面积稳定在3万亩以上，新建冷库12座；投资860万元为120所乡村学校更新课桌椅。",
    );
    let values: Vec<Option<f64>> = names.iter().map(|(_, v)| *v).collect();
    assert_eq!(
        values,
        [Some(3.0), Some(12.0), Some(860.0), Some(120.0)],
        "{names:?}"
    );
}

/// The best-effort names of figures outside the vocabulary, in text order.
fn guessed_names(text: &str) -> Vec<(String, Option<f64>)> {
    all_rows(text)
        .into_iter()
        .filter(|r| r.canonical.is_none())
        .map(|r| (r.name, r.value))
        .collect()
}

/// [`guessed_names`], the names alone.
fn guessed(text: &str) -> Vec<String> {
    guessed_names(text).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn a_count_after_a_verb_is_named_by_what_it_counts() {
    // `动词 + 数 + 量词 + 名词`: the noun after the unit is what is counted, not the verb.
    let names =
        guessed_names("今年培育80家示范企业，重点建设12个现代农业园区，新改造30公里供水管网。");
    assert_eq!(
        names,
        [
            ("示范企业".to_string(), Some(80.0)),
            ("现代农业园区".to_string(), Some(12.0)),
            ("供水管网".to_string(), Some(30.0)),
        ]
    );
    // Items of a `、` list after such a verb name their own things; the counted thing ends
    // before the next verb, and cue words at its end go.
    let names = guessed(
        "对25家规上企业开展节能诊断，打通6条断头路、18条背街小巷，解决了9个村近3万人的饮水问题。",
    );
    assert_eq!(names[..3], ["规上企业", "断头路", "背街小巷"]);
    // A verb that names a work stays in the name (`老旧小区改造`); one that is another action
    // ends it.
    let names = guessed("实施45个老旧小区改造，引进7个重大项目落地投产。");
    assert_eq!(names, ["老旧小区改造", "重大项目"]);
    // `为` is a cue word of its own (`总量为`), and leads such a count too.
    let names = guessed_names("为1200户低收入家庭发放取暖补贴。");
    assert_eq!(names, [("低收入家庭".to_string(), Some(1200.0))]);
}

#[test]
fn a_name_before_its_count_or_a_rate_keeps_the_words_before() {
    // The noun before the figure names it as before (`新建学校3所`), and so does any rate.
    let names = guessed("新建学校3所，全年接待游客120万人次，推动8%的企业上云。");
    assert_eq!(names[..2], ["学校", "接待游客"]);
    assert_ne!(names.get(2).map(String::as_str), Some("企业上云"));
    // A grade (`10亿级`) is no count of what follows.
    let names = guessed_names("培育营收超5亿元企业20家、10亿级企业6家。");
    assert!(names.iter().all(|(n, _)| !n.starts_with('级')), "{names:?}");
}

#[test]
fn a_name_never_ends_inside_a_word() {
    // `比` is a filler (`比上年`), but not the second half of `占比`; `同比增长` goes whole.
    let names = guessed("全年税收占比达到75%，门诊人次同比增长12%。");
    assert_eq!(names, ["税收占比", "门诊人次"]);
    // `各` is a filler, not the head of `各类` or `各项`.
    let names = guessed("全年各类补贴资金850万元，各项存款余额128亿元。");
    assert_eq!(names, ["补贴资金", "存款余额"]);
}

#[test]
fn counts_joined_by_a_conjunction_each_name_what_they_count() {
    assert_eq!(
        guessed("培育9个特色小镇和4个田园综合体，新建6个口袋公园、3个停车场。"),
        ["特色小镇", "田园综合体", "口袋公园", "停车场"]
    );
    // A word that opens with a conjunction's char does not end the thing counted.
    assert_eq!(
        guessed("建成35个宜居宜业和美乡村，创建7个和谐社区。"),
        ["宜居宜业和美乡村", "和谐社区"]
    );
    // A slash after a unit the grammar lacks (`元/月`) names nothing.
    let names = guessed("低保标准分别提高到650元/月和480元/月。");
    assert!(names.iter().all(|n| !n.starts_with('/')), "{names:?}");
}

#[test]
fn a_one_char_cue_word_is_peeled_off_a_name_only_before_a_word() {
    // `上`, `全`, `近`, `可` are cue words alone, but here the first chars of words the lexicon
    // lacks.
    let names = guessed(
        "全年新增上市企业5家，全员劳动生产率达到12万元，近岸海域水质优良比例98%，可再生能源装机80万千瓦。",
    );
    assert_eq!(
        names,
        [
            "新增上市企业",
            "全员劳动生产率",
            "近岸海域水质优良比例",
            "可再生能源装机"
        ]
    );
    // Before a word it knows, one stands alone and goes (`为` before `企业`), as `的` always does.
    let names = guessed("为企业减负1.2亿元，今年的投入3亿元。");
    assert_eq!(names, ["企业减负", "投入"]);
}

#[test]
fn a_verb_of_what_was_done_leaves_the_name_of_the_thing() {
    // One verb goes (`实施`, `开展`, `组织`), and nothing after it (`全民` keeps its `全`).
    let names = guessed(
        "实施重点项目36个，开展全民健身活动120场，发放救助资金900万元，组织职业技能培训4200人次。",
    );
    assert_eq!(
        names,
        ["重点项目", "全民健身活动", "救助资金", "职业技能培训"]
    );
    // An increment keeps its verb (new loans are not the balance); a measure is no thing.
    let names = guessed("新增贷款320亿元，救助人数1.2万，新建公厕15座。");
    assert_eq!(names, ["新增贷款", "救助人数", "公厕"]);
}

#[test]
fn a_count_opening_its_clause_names_what_it_counts() {
    // A count with nothing before it in its clause: a subject of its own, named by what
    // follows its unit up to an adverb (`全部`, `顺利`) or a verb.
    let names = guessed("全年工作扎实推进，1104个贫困村全部出列，45个项目顺利完工。");
    assert_eq!(names, ["贫困村", "项目"]);
    // Also after a figure of the same kind: another subject, not that row's name again.
    let names = guessed("全县注册企业1.5万余家，21个特色产业集群加快发展。");
    assert_eq!(names, ["注册企业", "特色产业集群"]);
    // Spaces (a PDF's) before the count change nothing.
    let names = guessed("全县注册企业1.5万余家， 21个特色产业集群加快发展。");
    assert_eq!(names, ["注册企业", "特色产业集群"]);
    // A copula says what the count is: the row stays its subject's.
    let names = guessed("全年培训农民工1200人，300人为返乡创业人员。");
    assert_eq!(names, ["培训农民工", "培训农民工"]);
    // An adverb ends a counted thing after a verb too; `向` leads a count as `对` does.
    let names = guessed("加快推进28个重大项目全面开工，向16个行政村捐赠健身器材。");
    assert_eq!(names, ["重大项目", "行政村"]);
}

#[test]
fn at_least_and_at_most_before_a_figure_are_bounds() {
    let all = all_rows("全年建成示范村至少12个，每村安排奖补资金最多50万元。");
    let bounds: Vec<(Option<f64>, Option<&str>)> = all
        .iter()
        .map(|r| (r.value, r.qualifier.as_deref()))
        .collect();
    assert_eq!(
        bounds,
        [(Some(12.0), Some("以上")), (Some(50.0), Some("以内"))],
        "{all:#?}"
    );
    // Peeled off a name as the other bounds are (`至少` is not `至` + a name `少…`).
    let names = guessed_names("全县年内至少打造一个3000亩以上园区。");
    assert_eq!(names, [("园区".to_string(), Some(3000.0))]);
}

#[test]
fn a_goal_restated_after_a_comma_is_the_same_indicator() {
    // `增长6%左右,力争7%`: a stretch goal of the same indicator, not a level of another.
    let v = rows("今年的主要预期目标是：地区生产总值增长6%左右，力争7%；一般公共预算收入增长5%，确保完成4%以上。");
    let changes: Vec<(&str, Option<f64>, Option<&str>, bool)> = v
        .iter()
        .map(|r| {
            let c = r.change.as_ref().expect("a change");
            (
                r.canonical.as_deref().unwrap_or(""),
                c.value,
                r.qualifier.as_deref(),
                r.value.is_none(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("地区生产总值", Some(6.0), Some("左右"), true),
            ("地区生产总值", Some(7.0), None, true),
            ("一般公共预算收入", Some(5.0), None, true),
            ("一般公共预算收入", Some(4.0), Some("以上"), true),
        ],
        "{v:#?}"
    );
    // A name after the goal word starts a row of its own.
    let v = rows("地区生产总值增长6%，力争城镇新增就业1.5万人。");
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(v[1].canonical.as_deref(), Some("城镇新增就业"));
    // A difference from the goal or from elsewhere is no goal of the indicator.
    let v =
        rows("地区生产总值增长7.5%，超出预期目标1.5%。今年地区生产总值增长6%，力争高于全国1%。");
    let growth: Vec<Option<f64>> = v
        .iter()
        .map(|r| r.change.as_ref().and_then(|c| c.value))
        .collect();
    assert_eq!(growth, [Some(7.5), Some(6.0)], "{v:#?}");
    // A figure of another unit is the indicator's level, on the row of its growth.
    let r = only("地区生产总值增长6%，力争突破3000亿元。");
    assert_eq!(
        (r.value, r.change.map(|c| c.value)),
        (Some(3000.0), Some(Some(6.0)))
    );
}

#[test]
fn a_grade_between_a_name_and_its_figure_is_passed_over() {
    // `千亿级` grades; it is neither the indicator's level nor a wall between name and figure.
    let r = only("全市生产总值突破千亿级大关，达到1020亿元。");
    assert_eq!(r.canonical.as_deref(), Some("地区生产总值"));
    assert_eq!(level(&r), (Some(1020.0), Some("亿元")));
}

#[test]
fn imports_are_a_statistic_beside_exports() {
    let v = rows("外贸进出口总额1,234.5亿元，其中出口856亿元、进口378.5亿元，分别增长10%、8%。");
    let got: Vec<(&str, Option<f64>)> = v
        .iter()
        .map(|r| {
            (
                r.canonical.as_deref().unwrap_or(""),
                r.change.as_ref().and_then(|c| c.value),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("进出口总额", None),
            ("出口总额", Some(10.0)),
            ("进口总额", Some(8.0))
        ]
    );
    // `以来` dates a figure; it names nothing.
    let names = guessed_names("“十四五”以来年均增长6%。");
    assert!(names.iter().all(|(n, _)| !n.contains("以来")), "{names:?}");
}

#[test]
fn investment_brought_in_by_promotion_is_the_investment_statistic() {
    // `招商引资` says how the money came, not which money: the statistic is the same.
    let r = only("全年招商引资到位内资35亿元，增长12%。");
    assert_eq!(r.canonical.as_deref(), Some("实际利用内资"));
    assert_eq!((r.name.as_str(), r.value), ("招商引资到位内资", Some(35.0)));
    let r = only("招商引资实际到位外资1.2亿美元。");
    assert_eq!(r.canonical.as_deref(), Some("实际利用外资"));
    // Its totals over every kind of money are no named statistic, and keep their whole name.
    let names: Vec<String> = all_rows("招商引资到位资金80亿元，招商引资项目投资50亿元。")
        .into_iter()
        .filter(|r| r.canonical.is_none())
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["招商引资到位资金", "招商引资项目投资"]);
}

#[test]
fn a_turn_from_decline_before_a_change() {
    let r = only("规模以上工业增加值由负转正，增长1.2%。");
    assert_eq!(r.canonical.as_deref(), Some("规模以上工业增加值"));
    assert_eq!(change(&r), (Some(1.2), "%", false));
}

#[test]
fn a_streak_of_years_before_a_level() {
    let r = only("粮食总产量连续五年稳定在120万吨以上。");
    assert_eq!(r.canonical.as_deref(), Some("粮食产量"));
    assert_eq!((r.value, r.unit.as_deref()), (Some(120.0), Some("万吨")));
    assert_eq!(r.qualifier.as_deref(), Some("以上"));
    let r = only("城镇新增就业连续3年超过3万人。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(3.0), Some("万人")));
}

#[test]
fn full_width_digits_and_spaced_decimals() {
    let r = only("全市生产总值达到６．１３万亿元，增长５．５％。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(6.13), Some("万亿元")));
    assert_eq!(change(&r), (Some(5.5), "%", false));
    let r = only("一般公共预算收入增长5 . 5%。");
    assert_eq!(r.value, None);
    assert_eq!(change(&r), (Some(5.5), "%", false));
}

#[test]
fn chinese_numerals() {
    // A round milestone gives way to the exact figure after it.
    let r = only("预计全年地区生产总值首超百亿元，达到103亿元，增长9%。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(103.0), Some("亿元")));
    let r = only("全县粮食总产量达到两千万吨。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(2000.0), Some("万吨")));
    let r = only("城镇登记失业率下降一点五个百分点。");
    assert_eq!(change(&r), (Some(-1.5), "个百分点", false));
}

#[test]
fn masked_figures() {
    let v = rows("全镇实现地区生产总值xx.x亿元，同比增长x.x%，农民人均纯收入x.xx万元。");
    let gdp = find(&v, "地区生产总值");
    assert_eq!(
        (gdp.value, gdp.masked, gdp.unit.as_deref()),
        (None, true, Some("亿元"))
    );
    assert_eq!(change(gdp), (None, "%", true));
    let inc = find(&v, "农民人均纯收入");
    assert_eq!(
        (inc.value, inc.masked, inc.unit.as_deref()),
        (None, true, Some("万元"))
    );
    let r = only("规上工业增加值增长XX%。");
    assert_eq!(change(&r), (None, "%", true));
}

#[test]
fn ranges_multiples_and_permille() {
    let r = only("地区生产总值增长6%-7%。");
    assert_eq!(change(&r), (Some(6.0), "%", false));
    let r = only("固定资产投资增长6%至7%。");
    assert_eq!(change(&r), (Some(6.0), "%", false));
    let r = only("进出口总额增长1.5倍。");
    assert_eq!(change(&r), (Some(1.5), "倍", false));
    let other = all_rows("人口自然增长率控制在5.2‰以内。");
    assert!(other
        .iter()
        .any(|r| r.unit.as_deref() == Some("‰") && r.value == Some(5.2)));
}

#[test]
fn footnote_marks_are_not_digits() {
    let r = only("地区生产总值[1]达到102.5亿元②，增长7%。");
    assert_eq!(r.value, Some(102.5));
    assert_eq!(change(&r), (Some(7.0), "%", false));
}

#[test]
fn respectively_lists_deal_out_in_order() {
    let v = rows("城乡居民人均可支配收入分别达到41200元、23800元，分别增长7.5%、9%。");
    assert_eq!(v.len(), 2);
    let u = find(&v, "城镇居民人均可支配收入");
    assert_eq!((u.value, u.unit.as_deref()), (Some(41200.0), Some("元")));
    assert_eq!(change(u), (Some(7.5), "%", false));
    let c = find(&v, "农村居民人均可支配收入");
    assert_eq!(c.value, Some(23800.0));
    assert_eq!(change(c), (Some(9.0), "%", false));
}

#[test]
fn respectively_lists_of_names_outside_the_vocabulary_deal_out_too() {
    let got: Vec<(String, Option<f64>)> =
        all_rows("到2030年，万元ＧＤＰ用水量、能耗、二氧化碳排放分别降低15%、14%、19%。")
            .into_iter()
            .map(|r| (r.name, r.change.and_then(|c| c.value)))
            .collect();
    // Each named as written, full-width letters and all.
    let want = [
        ("万元ＧＤＰ用水量", -15.0),
        ("能耗", -14.0),
        ("二氧化碳排放", -19.0),
    ];
    let want: Vec<(String, Option<f64>)> = want
        .iter()
        .map(|(n, v)| (n.to_string(), Some(*v)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn respectively_after_a_sub_item() {
    let v =
        rows("工业总产值达到300.5亿元，其中，规模以上工业企业产值150.2亿元，分别增长6.5%和10.1%。");
    assert_eq!(v.len(), 2);
    let t = find(&v, "工业总产值");
    assert_eq!((t.value, change(t).0), (Some(300.5), Some(6.5)));
    let s = find(&v, "规模以上工业总产值");
    assert_eq!((s.value, change(s).0), (Some(150.2), Some(10.1)));
}

#[test]
fn a_closing_qualifier_covers_the_list() {
    let v = rows("城乡居民人均可支配收入分别增长6%和7.5%左右。");
    assert!(
        v.iter().all(|r| r.qualifier.as_deref() == Some("左右")),
        "{v:#?}"
    );
}

#[test]
fn unmarked_lists_after_their_rows() {
    let v = rows("城镇居民人均可支配收入32000元，农村居民人均纯收入15000元，实际增长7.4%和9%。");
    assert_eq!(change(find(&v, "城镇居民人均可支配收入")).0, Some(7.4));
    assert_eq!(change(find(&v, "农民人均纯收入")).0, Some(9.0));
}

#[test]
fn shared_head_lists() {
    let all = all_rows("粮食、蔬菜产量分别达到12.5万吨、6万吨。");
    let grain = find(&all, "粮食产量");
    assert_eq!(
        (grain.value, grain.unit.as_deref()),
        (Some(12.5), Some("万吨"))
    );
    let veg = all
        .iter()
        .find(|r| r.name == "蔬菜产量")
        .expect("蔬菜产量 row");
    assert_eq!((veg.canonical.as_deref(), veg.value), (None, Some(6.0)));
}

#[test]
fn one_change_for_each_member() {
    let v = rows("城镇居民人均可支配收入和农民人均纯收入分别增长10%。");
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|r| change(r).0 == Some(10.0)));
}

#[test]
fn joint_and_three_sector_lists() {
    // 城乡 with one figure is the all-residents indicator; with two figures, both.
    let r = only("城乡居民人均可支配收入年均增长8%以上。");
    assert_eq!(r.canonical.as_deref(), Some("居民人均可支配收入"));
    assert_eq!(r.qualifier.as_deref(), Some("以上"));
    let v = rows("城乡居民人均可支配收入达到3.1万元和1.6万元。");
    assert_eq!(find(&v, "城镇居民人均可支配收入").value, Some(3.1));
    assert_eq!(find(&v, "农村居民人均可支配收入").value, Some(1.6));
    let v = rows("三次产业增加值分别增长3.5%、6%、5.5%。");
    assert_eq!(change(find(&v, "第一产业增加值")).0, Some(3.5));
    assert_eq!(change(find(&v, "第二产业增加值")).0, Some(6.0));
    assert_eq!(change(find(&v, "第三产业增加值")).0, Some(5.5));
}

#[test]
fn names_in_brackets_list_numbers_and_part_years() {
    let r = only("全年实现生产总值（GDP）57.8亿元。");
    assert_eq!((r.name.as_str(), r.value), ("生产总值", Some(57.8)));
    assert_eq!(change(&only("1.地区生产总值增长7%。")).0, Some(7.0));
    assert_eq!(
        change(&only("上半年全县规上工业增加值增长8%。")).0,
        Some(8.0)
    );
    let r = only("全镇实现地区生产总值××亿元。");
    assert_eq!((r.value, r.masked), (None, true));
}

#[test]
fn absolute_increments_and_multiples_are_not_changes() {
    let r = only("全县生产总值实现15.6亿元，比上年增加1.2亿元，增长8.5%。");
    assert_eq!((r.value, change(&r).0), (Some(15.6), Some(8.5)));
    let r = only("完成固定资产投资150亿元，是上年的1.2倍。");
    assert_eq!((r.value, r.change.is_none()), (Some(150.0), true));
}

#[test]
fn long_sentences_quote_the_mention_only() {
    let long = "全年全县上下深入贯彻各项决策部署，坚持稳中求进工作总基调，统筹发展和安全，                扎实推进各项重点工作，经济社会发展保持总体平稳、稳中有进的良好态势，                各项事业取得新的成绩；一般公共预算收入完成8.2亿元，增长6.1%；                其他方面也有新的进展，群众获得感幸福感安全感不断增强，社会大局和谐稳定。";
    let r = only(long);
    assert!(
        r.quote.contains("一般公共预算收入完成8.2亿元，增长6.1%"),
        "{}",
        r.quote
    );
    assert!(r.quote.chars().count() <= 160, "{}", r.quote);
}

#[test]
fn from_to_takes_the_end_value() {
    let r = only("五年来，地区生产总值由35.20亿元增加到52.80亿元，年均增长8.4%。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(52.8), Some("亿元")));
    assert_eq!(change(&r), (Some(8.4), "%", false));
    assert_eq!(r.change.as_ref().unwrap().basis.as_deref(), Some("年均"));
    let r = only("一般公共预算收入从2019年的3.1亿元增长到2024年的4.6亿元。");
    assert_eq!(r.value, Some(4.6));
    assert_eq!(r.kind, Kind::Actual);
}

#[test]
fn declines_are_negative() {
    let r = only("单位生产总值能耗下降3.2%。");
    assert_eq!(change(&r), (Some(-3.2), "%", false));
    let r = only("出口总额比上年减少4.5%。");
    assert_eq!(change(&r), (Some(-4.5), "%", false));
    assert_eq!(r.change.as_ref().unwrap().basis.as_deref(), Some("比上年"));
    assert_eq!(change(&only("进出口总额负增长2.5%。")).0, Some(-2.5));
    // `下降到` gives the new level, not a change.
    let r = only("城镇登记失业率下降到3.6%。");
    assert_eq!((r.value, r.change.is_none()), (Some(3.6), true));
}

#[test]
fn kinds_from_sections_and_cues() {
    let text = "一、2024年工作回顾\n全年固定资产投资完成45亿元，增长8%。预计全年社会消费品零售总额完成30亿元，增长6%。\n\
                二、2025年工作安排\n主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。";
    let v = rows(text);
    assert_eq!(find(&v, "固定资产投资").kind, Kind::Actual);
    assert_eq!(find(&v, "社会消费品零售总额").kind, Kind::Estimate);
    assert_eq!(find(&v, "地区生产总值").kind, Kind::Target);
    assert_eq!(find(&v, "一般公共预算收入").kind, Kind::Target);
    assert_eq!(
        find(&v, "地区生产总值").section[..],
        ["2025年工作安排".to_string()]
    );
    // Cues in the sentence, without a plan section.
    assert_eq!(only("力争实际利用外资达到5000万美元。").kind, Kind::Target);
    assert_eq!(
        only("到2030年，全县地区生产总值达到200亿元。").kind,
        Kind::Target
    );
    assert_eq!(only("规上工业增加值预计增长7%。").kind, Kind::Estimate);
    // A goal list over several sentences of one paragraph.
    let v = rows("今年的主要预期目标是：地区生产总值增长6%左右。一般公共预算收入增长5%。");
    assert!(v.iter().all(|r| r.kind == Kind::Target), "{v:#?}");
}

#[test]
fn qualifiers() {
    let q = |s: &str| only(s).qualifier;
    assert_eq!(q("地区生产总值增长6%左右。").as_deref(), Some("左右"));
    assert_eq!(q("固定资产投资增长10%以上。").as_deref(), Some("以上"));
    assert_eq!(q("城镇登记失业率控制在4%以内。").as_deref(), Some("以内"));
    assert_eq!(q("城镇调查失业率控制在5.5%以下。").as_deref(), Some("以下"));
    assert_eq!(
        q("地区生产总值比上年增长8%，超过150亿元。").as_deref(),
        Some("超过")
    );
    assert_eq!(q("实际利用外资近3000万美元。").as_deref(), Some("近"));
    assert_eq!(q("社会消费品零售总额约45亿元。").as_deref(), Some("约"));
    assert_eq!(q("实际利用内资3000余万元。").as_deref(), Some("余"));
    assert_eq!(q("城镇新增就业1000多人。").as_deref(), Some("多"));
    assert_eq!(q("一般公共预算收入12亿元。"), None);
}

#[test]
fn shares_completion_rates_and_subsets_are_not_indicators() {
    assert!(rows("研发投入占地区生产总值的比例达到2.5%。").is_empty());
    let r = only("实际利用外资2000万美元，完成年度任务的120%。");
    assert_eq!((r.value, r.change.is_none()), (Some(2000.0), true));
    assert!(rows("新开工固定资产投资5000万元以上的项目42个。").is_empty());
    // …but a figure `的目标` is the indicator's own.
    assert_eq!(
        only("力争实现地区生产总值130亿元的目标。").value,
        Some(130.0)
    );
    assert!(rows("28家规上企业实现工业总产值56亿元。").is_empty());
    assert!(rows("现代服务业增加值增长9%。").is_empty());
    // Sub-areas are not the report's own place; a named town is.
    assert!(rows("牧区经济总量达到78.6亿元。").is_empty());
    assert!(rows("高新区地区生产总值增长12%。").is_empty());
    assert!(rows("贫困地区人均可支配收入增长到8600元。").is_empty());
    assert_eq!(only("青山镇一般公共预算收入完成1.2亿元。").value, Some(1.2));
    // In a county's report, a town inside it is not the county.
    let mut report = from_text(
        "t.txt",
        "青山县地区生产总值增长7%，白云镇地区生产总值增长9%。",
        "utf-8",
    );
    report.meta.place = Some("青山县".into());
    let v: Vec<Indicator> = extract(&report)
        .into_iter()
        .filter(|r| r.canonical.is_some())
        .collect();
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(change(&v[0]).0, Some(7.0));
    // A share after the figure does not become the change.
    let r = only("实现服务业增加值12.3亿元，占全镇GDP的45%。");
    assert_eq!((r.value, r.change.is_none()), (Some(12.3), true));
}

#[test]
fn figures_stay_with_their_own_subject() {
    // 税收收入 is not in the vocabulary; its change must not go to the indicator before it.
    let r = only("一般公共预算收入完成8.2亿元，税收收入增长12%。");
    assert_eq!((r.value, r.change.is_none()), (Some(8.2), true));
    // A count is not an amount.
    assert!(rows("出口企业达到30家。").is_empty());
}

#[test]
fn offsets_point_at_the_name_in_the_text() {
    let text =
        "各位代表：\n过去一年，全县地区生产总值完成88.6亿元，增长5.2%；一般公共预算收入4.1亿元。";
    let report = from_text("t.txt", text, "utf-8");
    let chars: Vec<char> = report.text.chars().collect();
    for r in extract(&report).iter().filter(|r| r.canonical.is_some()) {
        let at: String = chars[r.offset..r.offset + r.name.chars().count()]
            .iter()
            .collect();
        assert_eq!(at, r.name);
        assert!(report.text.contains(&*r.quote));
    }
}

#[test]
fn json_contract_field_order() {
    let r = only("全年全县地区生产总值完成88.6亿元，同比增长5.2%。");
    let j = serde_json::to_string(&r).unwrap();
    let keys = [
        "\"report\"",
        "\"section\"",
        "\"name\"",
        "\"canonical\"",
        "\"value\"",
        "\"masked\"",
        "\"unit\"",
        "\"change\"",
        "\"kind\"",
        "\"qualifier\"",
        "\"quote\"",
        "\"offset\"",
    ];
    let pos: Vec<usize> = keys.iter().map(|k| j.find(k).expect(k)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{j}");
    assert!(!j.contains("\"paragraph\""));
    assert!(j.contains("\"basis\":\"同比\""));
}

#[test]
fn one_huge_paragraph_reads_every_row() {
    // No `。` at all: every lookup must stay local (this would crawl if any step were quadratic).
    let text = "地区生产总值增长5%和6%，城乡居民人均可支配收入分别增长5%、6%，".repeat(3000);
    let v = rows(&text);
    assert_eq!(v.len(), 3 * 3000);
}

#[test]
fn text_without_punctuation_keeps_names_and_quotes_short() {
    let text = "企业30家".repeat(5000) + &"粮食、".repeat(5000) + "蔬菜产量分别达到1万吨";
    let all = all_rows(&text);
    assert_eq!(all.len(), 5001);
    assert!(all
        .iter()
        .all(|r| r.name.chars().count() <= 32 && r.quote.chars().count() <= 200));
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let report = from_text("p.txt", &s, "utf-8");
            let rows = extract(&report);
            let n = report.text.chars().count();
            prop_assert!(rows.iter().all(|r| r.offset <= n));
        }

        #[test]
        fn report_like_text_never_panics(
            s in "[0-9０-９xX.．,，、。；;:：%％‰万亿元千百十一二两三点增长下降分别其中由从到至超过近约余多左右以上以内地区生产总值财政收入城乡居民人均可支配收入规上工业增加值预计力争目标年的占比重\\[\\]②\\-~ \n]{0,300}"
        ) {
            let report = from_text("p.txt", &s, "utf-8");
            let rows = extract(&report);
            let chars: Vec<char> = report.text.chars().collect();
            for r in &rows {
                prop_assert!(r.offset <= chars.len());
                prop_assert!(report.text.contains(&*r.quote));
            }
        }

        /// Scanning only the sentences with figures gives the rows a scan of the whole
        /// paragraph gives: nothing asked about a figure lies outside its sentence.
        #[test]
        fn figure_sentences_scan_as_whole_paragraphs(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "。", "！", "？", "!", "；", "，", "、", "：", "\n", "2024年", "到2025年", "今年",
                "预计", "力争", "目标", "主要预期目标是", "预期目标", "的目标", "了", "完成", "实现",
                "地区生产总值", "一般公共预算收入", "城镇登记失业率", "居民人均可支配收入", "其中",
                "城镇居民", "分别", "增长", "下降", "比上年", "同比", "年均", "高于", "全省",
                "平均水平", "突破", "不低于", "左右", "以上", "达到", "三年内", "占", "比重",
                "6%", "5.5%", "１２．５亿元", "3200元", "xx亿元", "1.2个百分点", "百亿元", "两倍",
                "项目", "全市", "加快", "建设",
            ]), 0..60),
        ) {
            let text = v.concat();
            let mut report = from_text("p.txt", &text, "utf-8");
            report.meta.year = Some(2024);
            let lex = lexicon::builtin();
            prop_assert_eq!(
                extract_scanning(&report, lex, Scanned::FigureSentences),
                extract_scanning(&report, lex, Scanned::Whole)
            );
        }
    }
}

#[test]
fn short_change_cues_attach() {
    let r = only("一般公共预算收入8260万元，同比增5%。");
    assert_eq!((r.value, change(&r).0), (Some(8260.0), Some(5.0)));
    let r = only("全县进出口总额３．２亿元，同比减3.2%。");
    assert_eq!((r.value, change(&r).0), (Some(3.2), Some(-3.2)));
}

#[test]
fn issue_misses_are_read() {
    let r = only("全市生产总值完成3120.4亿元（不含高新区，下同）、增长7.5%。");
    assert_eq!((r.value, change(&r).0), (Some(3120.4), Some(7.5)));
    let r = only("全省社会消费品零售总额增至1.85万亿元。");
    assert_eq!((r.value, r.unit.as_deref()), (Some(1.85), Some("万亿元")));
    let r = only("城镇登记失业率控制到４．２％。");
    assert_eq!((r.value, r.change.is_none()), (Some(4.2), true));
    let r = only("粮食产量继续保持300万吨以上。");
    assert_eq!(
        (r.value, r.qualifier.as_deref()),
        (Some(300.0), Some("以上"))
    );
    let r = only("城镇调查失业率控制在5.5%左右。");
    assert_eq!(r.canonical.as_deref(), Some("城镇调查失业率"));
    let r = only("城镇登记失业率控制在3.5%以内。");
    assert_eq!(r.canonical.as_deref(), Some("城镇登记失业率"));
}

#[test]
fn ranges_and_periods_in_rows() {
    let text = "一、2025年工作回顾\n全年地区生产总值比上年增长6.1%。\n\
                二、2026年工作安排\n主要预期目标是：地区生产总值增长5%—5.5%，固定资产投资增长6.5%－7%。\
                “十五五”时期，居民人均可支配收入年均增长6%左右。";
    let mut report = from_text("t.txt", text, "utf-8");
    report.meta.year = Some(2026);
    let v: Vec<Indicator> = extract(&report)
        .into_iter()
        .filter(|r| r.canonical.is_some())
        .collect();
    let review = v
        .iter()
        .find(|r| r.kind == Kind::Actual)
        .expect("review row");
    assert_eq!(
        (review.year, review.span, review.measure),
        (Some(2025), 1, Measure::Growth)
    );
    let gdp = v
        .iter()
        .find(|r| r.kind == Kind::Target && r.canonical.as_deref() == Some("地区生产总值"))
        .expect("gdp target");
    let c = gdp.change.as_ref().unwrap();
    assert_eq!(
        (c.value, c.high, gdp.year, gdp.span),
        (Some(5.0), Some(5.5), Some(2026), 1)
    );
    let inv = find(&v, "固定资产投资");
    assert_eq!(inv.change.as_ref().unwrap().high, Some(7.0));
    let inc = find(&v, "居民人均可支配收入");
    assert_eq!((inc.year, inc.span), (Some(2030), 5));
    let r = only("全年全县地区生产总值完成88.6亿元，增长5.2%。");
    assert_eq!((r.measure, r.high), (Measure::Level, None));
}

#[test]
fn a_user_lexicon_adds_names() {
    let user = lexicon::parse(
        r#"{"indicators": [{"canonical": "税收收入", "class": "money", "aliases": ["税收总收入"]}]}"#,
    )
    .unwrap();
    let lex = lexicon::builtin().extended(&user).unwrap();
    let report = from_text("t.txt", "全县税收总收入完成5.6亿元，增长4%。", "utf-8");
    let v = extract_with(&report, &lex);
    assert_eq!(v[0].canonical.as_deref(), Some("税收收入"));
    assert_eq!((v[0].value, change(&v[0]).0), (Some(5.6), Some(4.0)));
    assert!(extract(&report).iter().all(|r| r.canonical.is_none()));
}

#[test]
fn a_reports_figures_of_one_unit_share_it() {
    let v = all_rows(
        "全年地区生产总值达到1200亿元。一般公共预算收入85亿元，税收收入60亿元。\n\
         粮食产量42万吨，蔬菜产量18万吨。",
    );
    let with = |unit: &str| -> Vec<&std::sync::Arc<str>> {
        v.iter()
            .filter_map(|r| r.unit.as_ref())
            .filter(|u| &***u == unit)
            .collect()
    };
    let (yi, dun) = (with("亿元"), with("万吨"));
    assert!(yi.len() >= 3 && dun.len() >= 2, "{v:#?}");
    // One allocation per unit, across sentences and paragraphs.
    assert!(yi.iter().all(|u| std::sync::Arc::ptr_eq(u, yi[0])));
    assert!(dun.iter().all(|u| std::sync::Arc::ptr_eq(u, dun[0])));
    assert!(!std::sync::Arc::ptr_eq(yi[0], dun[0]));
}

#[test]
fn figures_of_one_section_share_its_titles() {
    let v = all_rows(
        "一、2023年工作回顾\n全年地区生产总值达到1200亿元。\n一般公共预算收入85亿元。\n\
         二、2024年工作安排\n粮食产量稳定在42万吨。\n",
    );
    let of = |name: &str| {
        v.iter()
            .find(|r| r.name.contains(name))
            .unwrap_or_else(|| panic!("{name} in {v:#?}"))
    };
    let (gdp, revenue, grain) = (of("生产总值"), of("预算收入"), of("粮食"));
    assert_ne!(gdp.paragraph, revenue.paragraph);
    assert!(std::sync::Arc::ptr_eq(&gdp.section, &revenue.section));
    assert!(!std::sync::Arc::ptr_eq(&gdp.section, &grain.section));
    assert_eq!(&grain.section[..], ["2024年工作安排"]);
}

#[test]
fn quotes_are_pieces_of_the_reports_text() {
    let r = from_text(
        "测试报告.txt",
        "一、回顾\n　全年地区生产总值达到1200亿元，增长5%。一般公共预算收入85亿元。\n",
        "utf-8",
    );
    let v = extract(&r);
    assert!(v.len() >= 2, "{v:#?}");
    for i in &v {
        let range = i
            .quote
            .range_in(&r.text)
            .expect("a piece of the text, not a copy");
        assert_eq!(&r.text[range], &*i.quote);
        // Trimmed: the paragraph's indentation is not quoted.
        assert_eq!(i.quote.trim(), &*i.quote);
    }
    assert!(v.iter().any(|i| i.quote.contains("生产总值")));
}

/// Sub-district (街道), village and "within our jurisdiction" (辖区) scopes are not part of a
/// figure's name, as `全县` is not.
#[test]
fn street_village_and_jurisdiction_scopes_leave_the_name() {
    for (text, name) in [
        ("街道实现辖区税收收入3.2亿元。", "税收收入"),
        ("全街道完成招商引资到位资金12亿元。", "招商引资到位资金"),
        ("全村实现集体经济收入52万元。", "集体经济收入"),
        ("本村集体经济收入达到52万元。", "集体经济收入"),
    ] {
        let v = all_rows(text);
        assert_eq!(v.len(), 1, "{text}: {v:#?}");
        assert_eq!(&*v[0].name, name, "{text}");
    }
}

/// Parts after `其中` named by their group alone take the whole's head: `其中城镇居民41235元`
/// is the urban residents' disposable income.
#[test]
fn parts_after_qizhong_take_the_wholes_head() {
    let v = rows("全体居民人均可支配收入32568元，增长6.3%，其中城镇居民41235元、农村居民19876元。");
    assert_eq!(find(&v, "居民人均可支配收入").value, Some(32568.0));
    assert_eq!(find(&v, "城镇居民人均可支配收入").value, Some(41235.0));
    assert_eq!(find(&v, "农村居民人均可支配收入").value, Some(19876.0));
    // In another unit, or without 其中, a part is not the whole's kind of figure.
    let v = all_rows("全体居民人均可支配收入32568元，其中城镇居民3.2万户。");
    assert_eq!(
        v.iter().filter(|r| r.canonical.is_some()).count(),
        1,
        "{v:#?}"
    );
    let v = all_rows("全体居民人均可支配收入32568元，城镇居民41235元。");
    assert_eq!(
        v.iter().filter(|r| r.canonical.is_some()).count(),
        1,
        "{v:#?}"
    );
}

#[test]
fn energy_per_unit_of_output_in_its_spellings() {
    for text in [
        "万元地区生产总值能耗下降3%。",
        "单位地区生产总值能源消耗下降3%。",
    ] {
        let r = only(text);
        assert_eq!(r.canonical.as_deref(), Some("单位生产总值能耗"), "{text}");
        assert_eq!(change(&r).0, Some(-3.0), "{text}");
    }
}

#[test]
fn per_capita_output_is_its_own_indicator_not_the_total() {
    let v = rows("全县地区生产总值完成210亿元，增长5.8%；人均地区生产总值达到6.3万元，增长6.1%。");
    assert_eq!(v.len(), 2, "{v:#?}");
    let total = find(&v, "地区生产总值");
    assert_eq!(level(total), (Some(210.0), Some("亿元")));
    let each = find(&v, "人均地区生产总值");
    assert_eq!(level(each), (Some(6.3), Some("万元")));
    assert_eq!(change(each), (Some(6.1), "%", false));
    let r = only("人均GDP增长6%左右。");
    assert_eq!(r.canonical.as_deref(), Some("人均地区生产总值"));
    assert_eq!(r.qualifier.as_deref(), Some("左右"));
}

#[test]
fn urbanisation_by_residents_and_by_household_register_are_two_statistics() {
    let v = rows("常住人口城镇化率达到58.4%，比上年提高1.1个百分点；户籍人口城镇化率为41.2%。");
    let resident = find(&v, "常住人口城镇化率");
    assert_eq!(level(resident), (Some(58.4), Some("%")));
    assert_eq!(change(resident), (Some(1.1), "个百分点", false));
    let register = find(&v, "户籍人口城镇化率");
    assert_eq!(register.value, Some(41.2));
    assert_eq!(v.len(), 2, "{v:#?}");
    // The rate plainly named is the residents' one; `仅为` is not part of its name.
    let r = only("城镇建设滞后，城镇化率仅为35.2%。");
    assert_eq!(r.canonical.as_deref(), Some("常住人口城镇化率"));
    assert_eq!((r.name.as_str(), r.value), ("城镇化率", Some(35.2)));
}

#[test]
fn forest_cover_is_a_rate_with_its_qualifier() {
    let r = only("全市森林覆盖率稳定在63%以上。");
    assert_eq!(r.canonical.as_deref(), Some("森林覆盖率"));
    assert_eq!(level(&r), (Some(63.0), Some("%")));
    assert_eq!(r.qualifier.as_deref(), Some("以上"));
    // A rate's class takes no amount: `森林覆盖面积` figures are not its rows.
    assert!(rows("新增森林覆盖面积1.2万亩。").is_empty());
}

#[test]
fn bounds_written_before_a_figure_are_its_qualifier_not_part_of_the_name() {
    for (text, canonical, value, q) in [
        (
            "社会消费品零售总额逾260亿元。",
            "社会消费品零售总额",
            260.0,
            "超过",
        ),
        (
            "全县地区生产总值首次突破300亿元。",
            "地区生产总值",
            300.0,
            "超过",
        ),
        ("城镇登记失业率低于4.5%。", "城镇登记失业率", 4.5, "以下"),
        (
            "一般公共预算收入不足18亿元。",
            "一般公共预算收入",
            18.0,
            "以下",
        ),
        ("粮食产量不到40万吨。", "粮食产量", 40.0, "以下"),
    ] {
        let r = only(text);
        assert_eq!(r.canonical.as_deref(), Some(canonical), "{text}");
        assert_eq!(r.value, Some(value), "{text}");
        assert_eq!(r.qualifier.as_deref(), Some(q), "{text}");
    }
    // One qualifier a row: a bound written after the change says more than a milestone
    // written before the level.
    let r = only("农民人均纯收入突破2万元，增长9%以上。");
    assert_eq!((r.value, change(&r).0), (Some(2.0), Some(9.0)));
    assert_eq!(r.qualifier.as_deref(), Some("以上"));
}

#[test]
fn a_difference_from_another_place_or_a_goal_is_not_the_subjects_figure() {
    for text in [
        "城镇居民人均可支配收入增长6.2%，高于全省平均水平0.5个百分点。",
        "城镇居民人均可支配收入增长6.2%，比全国高1.1个百分点。",
        "城镇居民人均可支配收入增长6.2%，超过预期目标0.2个百分点。",
    ] {
        let r = only(text);
        assert_eq!(change(&r), (Some(6.2), "%", false), "{text}");
        // The difference is a row of its own, without the vocabulary's name.
        assert!(
            all_rows(text)
                .iter()
                .any(|x| x.canonical.is_none() && x.value.is_some()),
            "{text}: {:#?}",
            all_rows(text)
        );
    }
    // The growth rate said against the province's alone is no change of the indicator.
    assert!(rows("地区生产总值增速低于全省0.3个百分点。").is_empty());
    // A comparison in the clause before leaves the figure its subject's.
    let r = only("工业投资增速高于全省平均水平，一般公共预算收入增长8%。");
    assert_eq!(r.canonical.as_deref(), Some("一般公共预算收入"));
    assert_eq!(change(&r).0, Some(8.0));
}

#[test]
fn a_level_within_years_to_come_is_of_the_span_end() {
    let text = "二、2014年工作安排\n全市森林覆盖率每年提高1.2个百分点，三年内达到31.5%。\n\
                两年内，常住人口城镇化率达到62%。\n年内新增规模以上工业企业50家。";
    let mut report = from_text("t.txt", text, "utf-8");
    report.meta.year = Some(2014);
    let v = extract(&report);
    let forest: Vec<&Indicator> = v
        .iter()
        .filter(|r| r.canonical.as_deref() == Some("森林覆盖率"))
        .collect();
    assert_eq!(forest.len(), 2, "{v:#?}");
    // The yearly rise is this year's; the level is the third year's, a row of its own.
    assert_eq!(
        (forest[0].change.as_ref().unwrap().value, forest[0].year),
        (Some(1.2), Some(2014))
    );
    assert_eq!(
        (forest[1].value, forest[1].year, forest[1].span),
        (Some(31.5), Some(2016), 1)
    );
    let urban = find(&v, "常住人口城镇化率");
    assert_eq!((urban.value, urban.year), (Some(62.0), Some(2015)));
    // `年内` (within the year) is time, not part of a name.
    let firms = v
        .iter()
        .find(|r| r.value == Some(50.0))
        .expect("the firms' row");
    assert!(!firms.name.starts_with('内'), "{firms:#?}");
    assert_eq!(firms.year, Some(2014));
}
