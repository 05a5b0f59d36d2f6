//! Arbitrary query strings through the parser (both modes), and the parsed query over the same
//! bytes as text: nothing may panic, and every span must be a valid, ordered char range.
#![no_main]

use baogao_core::search::{match_spans, Query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    // The first line is the query, the rest the text searched.
    let (q, text) = s
        .split_once('\n')
        .unwrap_or((&s, "乡村振兴 ＧＤＰ 2023 产业"));
    for words in [false, true] {
        if let Ok(query) = Query::parse(q, words) {
            assert!(!query.positive_words().is_empty());
            let n = text.chars().count();
            let mut last = 0;
            for (a, b) in match_spans(&query, text) {
                assert!(a >= last && a < b && b <= n);
                last = b;
            }
        }
    }
});
