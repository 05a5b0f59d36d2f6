//! Arbitrary text through the loader and the indicator extractor and every export format; the
//! figures packed as the TUI holds them must unpack to the same rows.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = baogao_core::load::from_text("f.txt", &text, "utf-8");
    let rows = baogao_core::indicators::extract(&report);
    let chars = report.text.chars().count();
    for r in &rows {
        assert!(r.offset <= chars);
        assert!(report.text.contains(&*r.quote));
    }
    // Compared as printed: a NaN (were one ever extracted) is not equal to itself.
    let packed = baogao_core::indicators::Packed::new(&report, &rows);
    assert_eq!(format!("{:?}", packed.to_vec()), format!("{rows:?}"));
    for f in baogao_core::table::Format::ALL {
        for dest in [
            baogao_core::table::Destination::File,
            baogao_core::table::Destination::Rows,
        ] {
            let _ = baogao_core::table::render_indicators(&rows, f, dest);
        }
    }
});
