//! The time tagger and normaliser over any text, with and without a reference date.
#![no_main]
use libfuzzer_sys::fuzz_target;
use warta_engine::analysis::Span;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let all = [Span::new(0, text.len())];
    let reference = jiff::civil::date(2025, 10, 20);
    for r in [None, Some(reference)] {
        for t in warta_engine::time::tag_times(text, &all, r) {
            assert!(text.get(t.start..t.end).is_some(), "time {}..{}", t.start, t.end);
        }
    }
});
