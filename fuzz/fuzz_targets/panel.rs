//! Arbitrary text through the panel: rows, pivot, target pairing, the Compare model and every
//! table format; each row's figure is one of its mention's.
#![no_main]

use baogao_core::indicators::Measure;
use baogao_core::panel::{compare, pivot, rows, table, targets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = baogao_core::load::from_text("f.txt", &text, "utf-8");
    let ind = baogao_core::indicators::extract(&report);
    let p = rows(&report, &ind);
    for r in &p {
        assert!(r.span >= 1);
        assert!(report.text.contains(&*r.quote));
    }
    let paired = targets::pair(&p);
    for f in baogao_core::table::Format::ALL {
        let _ = table::render(&p, table::PANEL_COLUMNS, table::panel_cells, f);
        let _ = table::render(&paired, table::TARGET_COLUMNS, table::target_cells, f);
    }
    for m in [Measure::Growth, Measure::Level] {
        let pv = pivot::pivot(&p, "地区生产总值", m);
        assert!(pv
            .rows
            .iter()
            .all(|(_, cells)| cells.len() == pv.years.len()));
        let c = compare::compare(&p, "地区生产总值", m);
        for i in 0..c.rows.len() {
            assert_eq!(c.series(i).len(), c.years.len());
        }
    }
});
