//! JSON Lines of `{url, html|text}` over any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for d in warta_sources::jsonl::Lines::new(data, "fuzz.jsonl".to_string(), 1 << 20).take(256) {
        let _ = d;
    }
});
