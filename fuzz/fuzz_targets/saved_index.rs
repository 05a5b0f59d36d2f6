//! Arbitrary bytes as the TUI's saved filter index (its digests and posting lists), taken in
//! and queried: see `baogao::fuzz_hooks::saved_index`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baogao::fuzz_hooks::saved_index(data);
});
