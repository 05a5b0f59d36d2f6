//! Arbitrary bytes as a TUI report cache entry (stored, compressed or raw), and report text
//! stored and read back: see `baogao::fuzz_hooks::report_cache_entry`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baogao::fuzz_hooks::report_cache_entry(data);
});
