//! Arbitrary bytes as a grep cache entry: header, part 1 parser, search over part 2.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baogao::fuzz_hooks::grep_cache_entry(data);
});
