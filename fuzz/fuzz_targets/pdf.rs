//! PDFs through the loader three ways: the bytes as a whole file (the object parser, xref
//! recovery, the stream pre-flight), and, inside a real PDF of our own (the CID-font fixture),
//! as its first page's content stream (the content operators and text positioning) or as its
//! ToUnicode CMap (the font decoding). A first byte of 1 or 2 chooses a splice and the rest is
//! the data; anything else (a real file starts with `%`) is a whole file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pdf_extract::{Document, Object, Stream};
use std::sync::OnceLock;

const FIXTURE: &[u8] = include_bytes!("../../tests/fixtures/township_report_identity.pdf");

fn template() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| Document::load_mem(FIXTURE).expect("the fixture PDF loads"))
}

/// The fixture with one stream replaced by `data` (stored uncompressed).
fn splice(to_unicode: bool, data: &[u8]) -> Option<Vec<u8>> {
    let mut doc = template().clone();
    let id = if to_unicode {
        doc.objects.iter().find_map(|(id, o)| match o {
            Object::Stream(s) if s.content.starts_with(b"/CIDInit") => Some(*id),
            _ => None,
        })?
    } else {
        let (_, page) = doc.get_pages().into_iter().next()?;
        let contents = doc.get_dictionary(page).ok()?.get(b"Contents").ok()?;
        contents.as_reference().ok()?
    };
    doc.objects.insert(
        id,
        Object::Stream(Stream::new(Default::default(), data.to_vec())),
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).ok()?;
    Some(out)
}

fn load(bytes: &[u8]) {
    for r in baogao_core::load::load_bytes("f.pdf", bytes)
        .into_iter()
        .flatten()
    {
        for i in 0..r.paragraphs.len() {
            let _ = r.paragraph_text(i);
        }
        let _ = baogao_core::outline_json::OutlineDoc::new(&r);
    }
}

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
    match data.split_first() {
        Some((1, rest)) => {
            if let Some(pdf) = splice(false, rest) {
                load(&pdf);
            }
        }
        Some((2, rest)) => {
            if let Some(pdf) = splice(true, rest) {
                load(&pdf);
            }
        }
        _ => load(data),
    }
});
