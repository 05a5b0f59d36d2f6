//! Arbitrary bytes as the state file's JSON, then the state's own operations on it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut s) = serde_json::from_slice::<baogao::state::State>(data) {
        s.push_filter("增长");
        let r = baogao_core::load::from_text("a.txt", "一、回顾\n增长。", "UTF-8");
        let _ = s
            .selected
            .as_ref()
            .map(|p| p.resolve(std::slice::from_ref(&r)));
        let _ = serde_json::to_vec(&s);
    }
});
