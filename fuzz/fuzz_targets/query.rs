//! The search query parser: any query string against a real (empty) store, as the API and
//! `warta search` run it. A malformed query is an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Fixture {
    _dir: tempfile::TempDir,
    store: std::sync::Mutex<warta_store::Store>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = warta_store::Store::open(dir.path()).expect("a store");
        Fixture { _dir: dir, store: std::sync::Mutex::new(store) }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let store = fixture().store.lock().unwrap_or_else(|e| e.into_inner());
    let q = warta_store::SearchQuery { text: text.to_string(), limit: 5, ..Default::default() };
    let _ = store.search(&q);
});
