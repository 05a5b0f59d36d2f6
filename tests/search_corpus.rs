//! The engine on the real corpus (`$BAOGAO_SHARED/corpus`; ignored by a plain `cargo test`, run by `.ci/run`): the
//! index and the simple search agree, every span is exact, and spans count every occurrence.

use baogao_core::search::{Query, SearchIndex};
use baogao_core::Report;
use std::path::PathBuf;

mod common;
use common::search;

fn corpus() -> Vec<Report> {
    let shared = std::env::var_os("BAOGAO_SHARED").expect("BAOGAO_SHARED names ../shared");
    let dir = PathBuf::from(shared).join("corpus");
    assert!(dir.is_dir(), "no corpus at {}", dir.display());
    let paths = vec![dir.to_string_lossy().into_owned()];
    baogao_core::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
        .collect()
}

#[test]
#[ignore = "needs the shared corpus (BAOGAO_SHARED): run by .ci/run (cargo test -- --ignored)"]
fn spans_are_exact_and_complete_on_the_corpus() {
    let reports = corpus();
    let index = SearchIndex::new(&reports);
    // Single-term queries: spans must be exactly the non-overlapping occurrences of the term.
    for term in [
        "乡村振兴",
        "gdp",
        "2023",
        "%",
        "一般公共预算收入",
        "(一)",
        "xx",
    ] {
        let q = Query::parse(term, false).unwrap();
        let hits = search(&reports, &q);
        assert_eq!(index.hits(&q).collect::<Vec<_>>(), hits, "{term}");
        let mut expected = 0;
        for (ri, r) in reports.iter().enumerate() {
            for p in 0..r.paragraphs.len() {
                let n = r.paragraph_folded(p).matches(term).count();
                expected += usize::from(n > 0);
                let hit = hits.iter().find(|h| h.report == ri && h.paragraph == p);
                match hit {
                    None => assert_eq!(n, 0, "{term} missed in {} ¶{p}", r.source),
                    Some(h) => {
                        assert_eq!(h.spans.len(), n, "{term} in {} ¶{p}", r.source);
                        let chars: Vec<char> = r.paragraph_text(p).chars().collect();
                        for &(s, e) in &h.spans {
                            let covered: String = chars[s..e].iter().collect();
                            assert_eq!(baogao_core::fold::fold(&covered), term);
                        }
                    }
                }
            }
        }
        assert_eq!(hits.len(), expected, "{term}");
    }
}

#[test]
#[ignore = "needs the shared corpus (BAOGAO_SHARED): run by .ci/run (cargo test -- --ignored)"]
fn index_agrees_with_search_on_the_corpus() {
    let reports = corpus();
    let index = SearchIndex::new(&reports);
    for (q, words) in [
        ("乡村振兴 产业", false),
        ("gdp|生产总值|经济总量", false),
        ("发展 -疫情 -乡村", false),
        ("\"高质量发展\"", false),
        ("乡村振兴产业发展", true),
        ("营商环境优化", true),
    ] {
        let query = Query::parse(q, words).unwrap();
        let hits = search(&reports, &query);
        let res = index.run(&query);
        assert!(!hits.is_empty(), "{q}");
        assert_eq!(res.len(), hits.len(), "{q}");
        assert_eq!(res.hits(&index).collect::<Vec<_>>(), hits, "{q}");
        let per_report: usize = res.report_counts().iter().map(|c| c.1).sum();
        assert_eq!(per_report, hits.len());
        for (ri, r) in reports.iter().enumerate() {
            let counts = res.section_counts(ri, r);
            for (si, s) in r.sections.iter().enumerate() {
                let n = hits
                    .iter()
                    .filter(|h| h.report == ri && s.span().contains(&h.paragraph))
                    .count();
                assert_eq!(counts[si], n, "{q}: {} section {si}", r.source);
            }
        }
    }
}
