//! Arbitrary text through the loader and the indicator extractor and every export format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = baogao::load::from_text("f.txt", &text, "utf-8");
    let rows = baogao::indicators::extract(&report);
    let chars = report.text.chars().count();
    for r in &rows {
        assert!(r.offset <= chars);
        assert!(report.text.contains(&r.quote));
    }
    for f in [
        baogao::export::Format::Tsv,
        baogao::export::Format::Csv,
        baogao::export::Format::Markdown,
        baogao::export::Format::Json,
    ] {
        let _ = baogao::export::render(&rows, f);
    }
});
