//! Text cleaning: every offset it reports must point into the text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cleaned = warta_engine::clean::clean(text);
    for p in &cleaned.paragraphs {
        for s in &p.spans {
            assert!(text.get(s.start..s.end).is_some(), "paragraph span {s:?}");
        }
    }
});
