//! Shared by the search tests.

use baogao_core::search::{search_report, Hit, Query};

/// Every matching paragraph of every report by a plain scan: the oracle for the index.
pub fn search(reports: &[baogao_core::Report], q: &Query) -> Vec<Hit> {
    reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| search_report(r, i, q))
        .collect()
}
