//! The whole pipeline (cleaning, names, quotes, status, events, times) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = warta_engine::decode(data) else { return };
    let a = warta_engine::analyze("fuzz", &decoded, &warta_engine::Options::default());
    let text = decoded.text.as_str();
    for e in &a.entities {
        for m in &e.mentions {
            assert!(text.get(m.start..m.end).is_some(), "mention {}..{}", m.start, m.end);
        }
    }
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= text.len(), "quote {}..{}", q.start, q.end);
    }
});
