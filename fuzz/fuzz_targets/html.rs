//! Arbitrary bytes as an HTML page, through the tree path and (when deep) the flat path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in baogao_core::load::load_bytes("f.html", data)
        .into_iter()
        .flatten()
    {
        assert!(!r.text.contains('\u{1b}'));
        let _ = baogao_core::outline_json::OutlineDoc::new(&r);
    }
});
