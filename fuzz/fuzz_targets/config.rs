//! Arbitrary text as the config file: never a panic, always a config and warnings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (config, warnings) =
        baogao::config::Config::from_json_checked(&text, None, &["quit", "filter", "copy"]);
    let _ = config.effective_json();
    for w in warnings {
        let _ = w.to_string();
    }
});
