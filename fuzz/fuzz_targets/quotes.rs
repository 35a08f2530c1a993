//! Quotes on their own: quote marks paired over the cleaned paragraphs, attributions and
//! speakers, with no entities to lean on (the worst case for speaker phrases).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cleaned = warta_engine::clean::clean(text);
    let found = warta_engine::quotes::extract(text, &cleaned.paragraphs, &[]);
    for q in &found.quotes {
        assert!(q.start <= q.end && text.get(q.start..q.end).is_some(), "quote {}..{}", q.start, q.end);
    }
});
