//! Arbitrary bytes as the `word/document.xml` of a real zip (so the XML reader is reached), and
//! as a whole `.docx` file (so the zip reader and the decompression budget are).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        if zip.start_file("word/document.xml", opts).is_err() || zip.write_all(data).is_err() {
            return;
        }
        let _ = zip.finish();
    }
    for bytes in [buf.get_ref().as_slice(), data] {
        for r in baogao_core::load::load_bytes("f.docx", bytes)
            .into_iter()
            .flatten()
        {
            let _ = baogao_core::outline_json::OutlineDoc::new(&r);
        }
    }
});
