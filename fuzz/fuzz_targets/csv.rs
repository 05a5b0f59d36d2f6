//! Arbitrary bytes as a CSV of reports (one per row, metadata columns beside).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in baogao_core::load::load_bytes("f.csv", data)
        .into_iter()
        .flatten()
    {
        assert!(r.source.starts_with("f.csv"));
        let _ = baogao_core::outline_json::OutlineDoc::new(&r);
    }
});
