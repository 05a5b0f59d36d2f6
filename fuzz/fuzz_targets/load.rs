//! Arbitrary bytes through the whole loader (decode, clean, paragraphs, outline, metadata), with
//! each file extension's format path, and a name without one (the format sniffed from the bytes).
//! It goes through the generic byte loader, so a format added there (PDF) is fuzzed here too.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// libFuzzer's panic hook aborts on every panic, caught or not; the PDF stack's panics are
/// caught by design (`load::contained`), so only those are let through to be unwound.
fn contain_third_party_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !baogao_core::load::contained::in_third_party() {
                abort(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    contain_third_party_panics();
    for name in ["f.txt", "f.html", "f.csv", "f.docx", "f.pdf", "f"] {
        for r in baogao_core::load::load_bytes(name, data)
            .into_iter()
            .flatten()
        {
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
