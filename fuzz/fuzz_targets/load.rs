//! Arbitrary bytes through the whole loader (decode, clean, paragraphs, outline, metadata), with
//! each file extension's format path, and a name without one (the format sniffed from the bytes).
//! It goes through the generic byte loader, so a format added there (PDF) is fuzzed here too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["f.txt", "f.html", "f.csv", "f.docx", "f.pdf", "f"] {
        for r in baogao_core::load::load_bytes(name, data).into_iter().flatten() {
            // Every paragraph and section must index valid text.
            for i in 0..r.paragraphs.len() {
                let _ = r.paragraph_text(i);
                let _ = r.paragraph_folded(i);
                let _ = r.section_titles(i);
            }
            let _ = baogao_core::outline_json::OutlineDoc::new(&r);
        }
    }
});
