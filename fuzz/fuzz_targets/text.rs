//! Arbitrary text through cleaning and outlining: the report's text never holds a control
//! character (other than its paragraph breaks) and every paragraph indexes valid text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let stripped = baogao_core::load::clean::strip_controls(&text);
    assert!(!stripped.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}', '\r']));
    let report = baogao_core::load::from_text("f.txt", &text, "utf-8");
    assert!(!report.text.chars().any(|c| c.is_control() && c != '\n'));
    for i in 0..report.paragraphs.len() {
        let _ = report.paragraph_text(i);
        let _ = report.section_titles(i);
    }
    let _ = baogao_core::outline_json::text_tree(&report);
});
