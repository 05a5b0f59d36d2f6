//! Behaviour of the engine on sentences written like report text.

use super::*;
use crate::load::from_text;

/// Every matching paragraph of every report by a plain scan: the oracle for the index.
fn search(reports: &[Report], q: &Query) -> Vec<Hit> {
    reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| search_report(r, i, q))
        .collect()
}

/// Spans as the (display) text they cover.
fn covered(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    spans
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect()
}

fn report() -> Report {
    from_text(
        "某县2024年政府工作报告.txt",
        "某县政府工作报告\n\
         各位代表：\n\
         一、２０２３年工作回顾\n\
         全县ＧＤＰ增长６．５％，乡村振兴取得新成效，数字经济（Digital Economy）规模扩大。\n\
         （一）产业发展。推动乡村振兴与产业融合，乡村振兴示范村达到１２个。\n\
         疫情防控平稳转段，农村产业路建成４０公里。\n\
         二、2024年主要任务\n\
         全面推进乡村振兴，力争GDP增长6%左右，一般公共预算收入增长5%。\n\
         发展数字经济，培育digital economy新业态。",
        "UTF-8",
    )
}

fn para_of(r: &Report, needle: &str) -> usize {
    (0..r.paragraphs.len())
        .find(|&i| r.paragraph_text(i).contains(needle))
        .expect("paragraph exists")
}

fn hits(q: &str, words: bool) -> Vec<(usize, Vec<String>)> {
    let r = report();
    let q = Query::parse(q, words).unwrap();
    search(std::slice::from_ref(&r), &q)
        .into_iter()
        .map(|h| {
            (
                h.paragraph,
                covered(r.paragraph_text(h.paragraph), &h.spans),
            )
        })
        .collect()
}

#[test]
fn and_needs_every_term_in_one_paragraph() {
    let r = report();
    let h = hits("乡村振兴 gdp", false);
    assert_eq!(
        h,
        vec![
            (
                para_of(&r, "全县ＧＤＰ"),
                vec!["ＧＤＰ".into(), "乡村振兴".into()]
            ),
            (
                para_of(&r, "力争GDP"),
                vec!["乡村振兴".into(), "GDP".into()]
            ),
        ]
    );
}

#[test]
fn full_width_digits_and_letters_fold() {
    let r = report();
    let h = hits("2023", false);
    assert_eq!(h, vec![(para_of(&r, "工作回顾"), vec!["２０２３".into()])]);
    let h = hits("６．５％", false);
    assert_eq!(
        h,
        vec![(para_of(&r, "全县ＧＤＰ"), vec!["６．５％".into()])]
    );
}

#[test]
fn or_takes_either_term_and_highlights_both() {
    let r = report();
    let h = hits("疫情|预算收入", false);
    assert_eq!(
        h,
        vec![
            (para_of(&r, "疫情防控"), vec!["疫情".into()]),
            (para_of(&r, "力争GDP"), vec!["预算收入".into()]),
        ]
    );
}

#[test]
fn not_leaves_paragraphs_out() {
    let r = report();
    let h = hits("乡村振兴 -示范村", false);
    let paras: Vec<usize> = h.iter().map(|x| x.0).collect();
    assert_eq!(
        paras,
        vec![para_of(&r, "全县ＧＤＰ"), para_of(&r, "力争GDP")]
    );
}

#[test]
fn phrase_keeps_its_space_and_ignores_case() {
    let r = report();
    let h = hits("\"digital economy\"", false);
    assert_eq!(
        h,
        vec![
            (para_of(&r, "全县ＧＤＰ"), vec!["Digital Economy".into()]),
            (para_of(&r, "培育digital"), vec!["digital economy".into()]),
        ]
    );
    // Without quotes the two words are separate AND terms.
    assert_eq!(hits("digital economy", false).len(), 2);
    assert!(hits("\"economy digital\"", false).is_empty());
}

#[test]
fn headings_are_searchable() {
    let r = report();
    let h = hits("主要任务", false);
    assert_eq!(
        h,
        vec![(para_of(&r, "二、2024年"), vec!["主要任务".into()])]
    );
}

#[test]
fn word_mode_finds_words_in_any_order() {
    let r = report();
    // Typed without spaces; the words are apart (and reversed) in the text.
    assert!(hits("乡村振兴产业", false).is_empty());
    let h = hits("乡村振兴产业", true);
    assert_eq!(
        h,
        vec![(
            para_of(&r, "（一）产业发展"),
            vec![
                "产业".into(),
                "乡村振兴".into(),
                "产业".into(),
                "乡村振兴".into()
            ]
        )]
    );
    // Stop chars are dropped: 的 is not required.
    let h = hits("数字经济的业态", true);
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].0, para_of(&r, "培育digital"));
}

#[test]
fn spans_are_exact_and_count_every_occurrence() {
    let r = report();
    let q = Query::parse("乡村振兴|产业 ｇｄｐ|示范", false).unwrap();
    let terms = ["乡村振兴", "产业", "gdp", "示范"];
    for h in search(std::slice::from_ref(&r), &q) {
        let text = r.paragraph_text(h.paragraph);
        let folded = crate::fold::fold(text);
        for c in covered(text, &h.spans) {
            assert!(terms.contains(&crate::fold::fold(&c).as_str()), "{c}");
        }
        let occurrences: usize = terms.iter().map(|t| folded.matches(t).count()).sum();
        assert_eq!(h.spans.len(), occurrences, "{text}");
        assert!(h.spans.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}

#[test]
fn overlapping_terms_merge_into_one_span() {
    let q = Query::parse("乡村 振兴", false).unwrap();
    assert_eq!(match_spans(&q, "推进乡村振兴"), vec![(2, 4), (4, 6)]);
    let q = Query::parse("乡村振 村振兴", false).unwrap();
    assert_eq!(match_spans(&q, "推进乡村振兴。"), vec![(2, 6)]);
    // One term's occurrences never overlap each other.
    let q = Query::parse("aa", false).unwrap();
    assert_eq!(match_spans(&q, "aaa"), vec![(0, 2)]);
    assert!(match_spans(&q, "a").is_empty());
}

#[test]
fn index_agrees_with_search_and_counts() {
    let a = report();
    let b = from_text(
        "b.txt",
        "一、回顾\n乡村振兴有力推进。\n二、任务\n（一）乡村振兴\n实施乡村振兴战略，GDP稳定增长。",
        "UTF-8",
    );
    let reports = vec![a, b];
    let index = SearchIndex::new(&reports);
    assert_eq!(index.reports(), 2);
    for (q, words) in [
        ("乡村振兴", false),
        ("gdp|疫情 -农村", false),
        ("乡村振兴产业", true),
        ("\"乡村振兴\" 2024|增长", false),
        ("不存在的词", false),
    ] {
        let q = Query::parse(q, words).unwrap();
        let all = search(&reports, &q);
        let res = index.run(&q);
        assert_eq!(res.len(), all.len());
        let lazy: Vec<Hit> = index.hits(&q).collect();
        assert_eq!(lazy, all);
        assert_eq!(res.hits(&index).collect::<Vec<_>>(), all);
        for h in &all {
            assert_eq!(index.spans(&q, h.report, h.paragraph), h.spans);
        }
    }
    let q = Query::parse("乡村振兴", false).unwrap();
    let res = index.run(&q);
    assert_eq!(res.report_counts(), vec![(0, 3), (1, 3)]);
    assert_eq!(res.report_count(), 2);
    assert_eq!(res.count_in(1), 3);
    let counts = res.section_counts(1, &reports[1]);
    // 一、回顾 holds one match; 二、任务 holds two (its sub-section's heading and body).
    assert_eq!(counts[0], 1);
    assert_eq!(counts[1], 2);
    assert_eq!(index.hits(&q).take(2).count(), 2);
}

/// Two reports written like the real thing, and a third with characters beyond the dense table.
fn three_reports() -> Vec<Report> {
    vec![
        report(),
        from_text(
            "b.txt",
            "一、回顾\n乡村振兴有力推进。\n二、任务\n（一）乡村振兴\n实施乡村振兴战略，GDP稳定增长。",
            "UTF-8",
        ),
        from_text("c.txt", "𠀀𠀁村落保护。\n古村𠀁落。", "UTF-8"),
    ]
}

fn saved(index: &SearchIndex) -> Vec<u8> {
    let mut bytes = Vec::new();
    index.saver().write_to(&mut bytes).unwrap();
    bytes
}

/// A report as [`SearchIndex::adopt`] takes it: its folded text and paragraph ranges.
type Entry = (std::sync::Arc<str>, Vec<(usize, usize)>);

fn texts(reports: &[Report]) -> Vec<Entry> {
    reports
        .iter()
        .map(|r| (r.text.clone(), ranges(r)))
        .collect()
}

/// Each paragraph's byte range in the report's text.
fn ranges(r: &Report) -> Vec<(usize, usize)> {
    r.paragraphs
        .iter()
        .map(|p| (p.range().start, p.range().end))
        .collect()
}

#[test]
fn saved_postings_adopted_answer_as_the_index_they_came_from() {
    let reports = three_reports();
    let built = SearchIndex::new(&reports);
    let bytes = saved(&built);
    let lists = SavedPostings::read(&mut bytes.as_slice()).unwrap();
    let mut adopted = SearchIndex::default();
    assert!(adopted.adopt(texts(&reports), lists).is_ok());
    let more = from_text("d.txt", "乡村振兴。\n𠀁落村。", "UTF-8");
    let mut all = reports.clone();
    all.push(more.clone());
    let mut grown = built.clone();
    for index in [&mut adopted, &mut grown] {
        index.add(&more);
    }
    for q in [
        "乡村振兴",
        "gdp|疫情 -农村",
        "𠀁落",
        "村",
        "\"乡村振兴\" 2024|增长",
        "无此词",
    ] {
        let q = Query::parse(q, false).unwrap();
        let want = search(&all, &q);
        assert_eq!(adopted.hits(&q).collect::<Vec<_>>(), want, "{q:?}");
        assert_eq!(grown.hits(&q).collect::<Vec<_>>(), want, "{q:?}");
    }
}

#[test]
fn saved_postings_are_refused_where_they_do_not_fit() {
    let reports = three_reports();
    let bytes = saved(&SearchIndex::new(&reports));
    let read = || SavedPostings::read(&mut bytes.as_slice()).unwrap();
    // Fewer reports than were saved: the lists name paragraphs they do not have.
    let mut index = SearchIndex::default();
    assert!(index.adopt(texts(&reports[..2]), read()).is_err());
    assert_eq!(index.reports(), 0);
    // Not into an index that holds reports already.
    let mut index = SearchIndex::new(&reports[..1]);
    assert!(index.adopt(texts(&reports), read()).is_err());
    assert_eq!(index.reports(), 1);
}

#[test]
fn damaged_saved_postings_are_an_error_never_a_panic() {
    let reports = three_reports();
    let bytes = saved(&SearchIndex::new(&reports));
    let texts = texts(&reports);
    assert!(bytes.len() > 1000, "{}", bytes.len());
    for cut in 0..bytes.len() {
        assert!(
            SavedPostings::read(&mut &bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    // Any byte changed: read or refused, and what is read answers without panicking.
    let q = Query::parse("乡村振兴 村", false).unwrap();
    for at in 0..bytes.len() {
        let mut b = bytes.clone();
        b[at] ^= [0x01, 0x80, 0xff][at % 3];
        if let Ok(lists) = SavedPostings::read(&mut b.as_slice()) {
            let mut index = SearchIndex::default();
            if index.adopt(texts.clone(), lists).is_ok() {
                let _ = index.run(&q).len();
            }
        }
    }
}

#[test]
fn empty_index_and_out_of_range() {
    let index = SearchIndex::new(&[]);
    let q = Query::parse("a", false).unwrap();
    assert!(index.run(&q).is_empty());
    assert_eq!(index.hits(&q).count(), 0);
    assert!(index.spans(&q, 3, 0).is_empty());
}

#[test]
fn an_empty_index_answers_with_nothing() {
    let q = Query::parse("乡村振兴", false).unwrap();
    for index in [SearchIndex::default(), SearchIndex::new(&[])] {
        assert_eq!(index.reports(), 0);
        let res = index.run(&q);
        assert_eq!(res.len(), 0);
        assert_eq!(index.hits(&q).count(), 0);
    }
}

mod against_a_scan {
    //! The index must give exactly what a scan of the text gives, for any text and query.
    use super::*;
    use proptest::prelude::*;

    /// A small alphabet, so that random terms often occur: CJK, Latin in both cases and widths,
    /// spaces (ASCII and ideographic), punctuation (which the lists leave out, so terms hold
    /// it too).
    const ALPHABET: &[char] = &[
        '乡', '村', '振', '兴', '产', '业', '发', '展', 'a', 'A', 'ａ', 'b', ' ', '　', '，', '1',
        '。', '“',
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(ALPHABET), 0..14),
            1..8,
        )
        .prop_map(|paras| {
            paras
                .into_iter()
                .map(|p| p.into_iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    fn term() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(ALPHABET)
                .prop_filter("no space", |c| !matches!(c, ' ' | '　')),
            1..5,
        )
        .prop_map(|t| t.into_iter().collect())
    }

    /// A query of 1–3 clauses; a clause is 1–2 alternatives, maybe negated, maybe quoted.
    fn query() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            (
                any::<bool>(),
                any::<bool>(),
                proptest::collection::vec(term(), 1..3),
            ),
            1..4,
        )
        .prop_map(|clauses| {
            let mut out = Vec::new();
            for (i, (neg, quoted, alts)) in clauses.into_iter().enumerate() {
                let alts: Vec<String> = alts
                    .into_iter()
                    .map(|a| if quoted { format!("\"{a}\"") } else { a })
                    .collect();
                let minus = if neg && i > 0 { "-" } else { "" };
                out.push(format!("{minus}{}", alts.join("|")));
            }
            out.join(" ")
        })
    }

    fn reports(texts: &[String]) -> Vec<Report> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| from_text(&format!("{i}.txt"), t, "UTF-8"))
            .filter(|r| !r.paragraphs.is_empty())
            .collect()
    }

    fn pairs(hits: &[Hit]) -> Vec<(usize, usize)> {
        hits.iter().map(|h| (h.report, h.paragraph)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn index_equals_scan(
            texts in proptest::collection::vec(text(), 1..5),
            q in query(),
            words in proptest::bool::weighted(0.15),
        ) {
            let reports = reports(&texts);
            let Ok(query) = Query::parse(&q, words) else { return Ok(()); };
            let want = search(&reports, &query);
            let index = SearchIndex::new(&reports);
            let got: Vec<(usize, usize)> = index.run(&query).iter().collect();
            prop_assert_eq!(&got, &pairs(&want), "query {:?}", q);
            prop_assert_eq!(index.run_scan(&query).iter().collect::<Vec<_>>(), got.clone());
            prop_assert_eq!(index.hits(&query).collect::<Vec<_>>(), want);
            // Grown one report at a time: the same.
            let mut grown = SearchIndex::default();
            for r in &reports {
                grown.add(r);
            }
            prop_assert_eq!(grown.run(&query).iter().collect::<Vec<_>>(), got);
        }

        /// Over folded text and paragraph starts (what grep's cache holds), counting gives as
        /// many paragraphs as searching, and searching what a report's search gives.
        #[test]
        fn counting_equals_searching(
            texts in proptest::collection::vec(text(), 1..3),
            q in query(),
            words in proptest::bool::weighted(0.15),
        ) {
            let Ok(query) = Query::parse(&q, words) else { return Ok(()); };
            for r in reports(&texts) {
                let mut starts: Vec<usize> =
                    r.paragraphs.iter().map(|p| p.range().start).collect();
                starts.push(r.text.len() + 1);
                let text = r.text.as_bytes();
                let hits = crate::search::search_paragraphs(text, &starts, &query);
                let counted = crate::search::count_paragraphs(text, &starts, &query);
                prop_assert_eq!(counted, hits.len(), "query {:?}", q);
                let want = search(std::slice::from_ref(&r), &query);
                prop_assert_eq!(pairs(&hits), pairs(&want), "query {:?}", q);
            }
        }

        #[test]
        fn refining_equals_running(
            texts in proptest::collection::vec(text(), 1..5),
            first in query(),
            more in term(),
            extra in query(),
        ) {
            let reports = reports(&texts);
            let index = SearchIndex::new(&reports);
            let Ok(q1) = Query::parse(&first, false) else { return Ok(()); };
            let previous = index.run(&q1);
            // Typing on (the last term grows), adding a clause, or an unrelated query.
            for next in [format!("{first}{more}"), format!("{first} {extra}"), extra.clone()] {
                let Ok(q2) = Query::parse(&next, false) else { continue; };
                let refined: Vec<_> = index.refine(&previous, &q2).iter().collect();
                prop_assert_eq!(refined, index.run(&q2).iter().collect::<Vec<_>>(), "{:?} → {:?}", first, next);
            }
        }
    }

    #[test]
    fn narrowing_is_recognised_only_when_it_holds() {
        let p = |s: &str| Query::parse(s, false).unwrap();
        assert!(index::narrows(&p("一般公共预算"), &p("一般公共")));
        assert!(index::narrows(&p("收入 预算"), &p("预算")));
        assert!(index::narrows(&p("预算收入|税收收入"), &p("收入")));
        assert!(index::narrows(&p("收入 -税收"), &p("收入")));
        assert!(!index::narrows(&p("收入"), &p("收入 -税收")));
        assert!(!index::narrows(&p("预算|就业"), &p("预算")));
        assert!(!index::narrows(&p("公共"), &p("一般公共")));
    }

    #[test]
    fn memory_is_reported_by_structure() {
        let r = report();
        let index = SearchIndex::new(std::slice::from_ref(&r));
        let m = index.memory();
        assert!(m.text_bytes >= r.text.len());
        assert!(m.postings.keys > 0 && m.postings.entries >= m.postings.keys);
        // A byte a gap or less (a bitmap's bit a paragraph), at most five.
        assert!(m.postings.list_bytes > 0 && m.postings.list_bytes <= 5 * m.postings.entries);
        assert_eq!(index.paragraphs(), r.paragraphs.len());
    }
}

/// Reports indexed as one batch answer every query as when indexed one by one, report
/// boundaries included.
#[test]
fn a_batch_of_reports_is_indexed_as_one_by_one() {
    let reports = [
        from_text("a.txt", "一、回顾\n乡村振兴扎实推进。\n发展产业。", "UTF-8"),
        from_text(
            "b.txt",
            "全面推进乡村振兴。\n\n产业兴旺，ＧＤＰ增长５％。",
            "UTF-8",
        ),
        from_text("c.txt", "振兴乡村。", "UTF-8"),
    ];
    let mut one = SearchIndex::default();
    reports.iter().for_each(|r| one.add(r));
    let mut batch = SearchIndex::default();
    batch.add(&reports[0]);
    batch.add_batch(reports[1..].iter().map(|r| (r.text.clone(), ranges(r))));
    assert_eq!(batch.reports(), 3);
    assert_eq!(batch.paragraphs(), one.paragraphs());
    for q in ["乡村振兴", "产业", "gdp", "振兴 -推进", "\"乡村\"", "兴"] {
        let q = Query::parse(q, false).unwrap();
        let (a, b) = (one.run(&q), batch.run(&q));
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            b.iter().collect::<Vec<_>>(),
            "{q:?}"
        );
        assert!(!a.is_empty(), "{q:?}");
    }
}
