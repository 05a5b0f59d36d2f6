//! The TUI's compact forms on the real corpus (`$BAOGAO_SHARED/corpus`; ignored by a plain
//! `cargo test`, run by `.ci/run`): every report's figures packed unpack to exactly the rows
//! extracted, and panel rows that quote the report's text equal those with copied quotes.

use baogao_core::indicators::{extract, Packed};
use baogao_core::panel::{rows, rows_sharing_text};
use std::path::PathBuf;

#[test]
#[ignore = "needs the shared corpus (BAOGAO_SHARED): run by .ci/run (cargo test -- --ignored)"]
fn packed_figures_and_shared_quotes_are_lossless_on_the_corpus() {
    let shared = std::env::var_os("BAOGAO_SHARED").expect("BAOGAO_SHARED names ../shared");
    let dir = PathBuf::from(shared).join("corpus");
    assert!(dir.is_dir(), "no corpus at {}", dir.display());
    let paths = vec![dir.to_string_lossy().into_owned()];
    let reports: Vec<_> = baogao_core::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
        .collect();
    let (mut figures, mut quoted_in_strings, mut panel_rows) = (0, 0, 0);
    for r in &reports {
        let ind = extract(r);
        let packed = Packed::new(r, &ind);
        assert_eq!(packed.len(), ind.len(), "{}", r.source);
        // Printed, so that a NaN would compare equal to itself.
        assert_eq!(
            format!("{:?}", packed.to_vec()),
            format!("{ind:?}"),
            "{}",
            r.source
        );
        for (i, x) in ind.iter().enumerate() {
            assert_eq!(packed.figure(i), x.figure(), "{}", r.source);
            quoted_in_strings += usize::from(x.quote.range_in(&r.text).is_none());
        }
        figures += ind.len();
        let copied = rows(r, &ind);
        let sharing = rows_sharing_text(r, &ind);
        assert_eq!(
            format!("{copied:?}"),
            format!("{sharing:?}"),
            "{}",
            r.source
        );
        assert!(sharing.iter().all(|p| p.quote.range_in(&r.text).is_some()));
        panel_rows += copied.len();
    }
    // The test means something: many reports, figures and panel rows, quotes pieces of the text.
    assert!(reports.len() >= 30, "{}", reports.len());
    assert!(
        figures > 3_000 && panel_rows > 300,
        "{figures} {panel_rows}"
    );
    assert_eq!(quoted_in_strings, 0);
}
