//! Property tests of the search engine: arbitrary queries and texts never panic, and spans are
//! always valid, ordered char ranges whose folded text is one of the query's words (or a merge of
//! overlapping ones).

use baogao_core::search::{match_spans, Query, SearchIndex};
use proptest::prelude::*;

mod common;
use common::search;

/// Text made of report-like pieces: Chinese words, full-width and ASCII forms, punctuation.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "乡村",
        "振兴",
        "乡村振兴",
        "产业",
        "ＧＤＰ",
        "gdp",
        "GDP",
        "２０２３",
        "2023",
        "，",
        "。",
        "（一）",
        "(",
        ")",
        " ",
        "　",
        "-",
        "|",
        "\"",
        "＂",
        "a",
        "A",
        "ａ",
        "的",
        "\n",
        "xx.x亿元",
        "％",
        "é",
        "É",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![texty(), any::<String>()]
}

fn check_spans(query: &Query, text: &str, spans: &[(usize, usize)]) {
    let n = text.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let words = query.positive_words();
    let mut last_end = 0;
    for &(s, e) in spans {
        assert!(s < e && e <= n, "span {s}..{e} outside {n} chars");
        assert!(
            s >= last_end,
            "spans overlap or are out of order: {spans:?}"
        );
        last_end = e;
        let covered = baogao_core::fold::fold(&chars[s..e].iter().collect::<String>());
        // A span is one word, or overlapping words merged: it starts with a word and ends with one.
        assert!(
            words.iter().any(|w| covered == *w)
                || (words.iter().any(|w| covered.starts_with(w))
                    && words.iter().any(|w| covered.ends_with(w))),
            "span {covered:?} is not a query word of {words:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parse_never_panics(input in any_text(), words in any::<bool>()) {
        if let Ok(q) = Query::parse(&input, words) {
            prop_assert!(!q.positive_words().is_empty());
            prop_assert!(q.positive_words().iter().all(|w| !w.is_empty() && !w.contains('\n')));
        }
    }

    #[test]
    fn spans_are_valid_and_fold_to_words(q in texty(), text in any_text()) {
        if let Ok(query) = Query::parse(&q, false) {
            let spans = match_spans(&query, &text);
            check_spans(&query, &text, &spans);
        }
    }

    #[test]
    fn index_search_and_match_spans_agree(q in texty(), a in texty(), b in any_text()) {
        let Ok(query) = Query::parse(&q, false) else { return Ok(()) };
        let reports: Vec<_> = [a, b]
            .iter()
            .map(|t| baogao_core::load::from_text("t.txt", t, "UTF-8"))
            .collect();
        let hits = search(&reports, &query);
        let index = SearchIndex::new(&reports);
        prop_assert_eq!(index.hits(&query).collect::<Vec<_>>(), hits.clone());
        prop_assert_eq!(index.run(&query).len(), hits.len());
        for h in &hits {
            let text = reports[h.report].paragraph_text(h.paragraph);
            check_spans(&query, text, &h.spans);
            prop_assert!(!h.spans.is_empty());
            prop_assert_eq!(&match_spans(&query, text), &h.spans);
        }
        // Every paragraph that match_spans accepts is a hit.
        for (ri, r) in reports.iter().enumerate() {
            for p in 0..r.paragraphs.len() {
                let m = !match_spans(&query, r.paragraph_text(p)).is_empty();
                let hit = hits.iter().any(|h| h.report == ri && h.paragraph == p);
                prop_assert_eq!(m, hit);
            }
        }
    }
}
