//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the repository, or None (with a message) when it is absent.
pub fn shared(what: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join(what).exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/{what} is absent");
        None
    }
}

/// Analyse one file's bytes with default options.
pub fn analyze_bytes(source: &str, bytes: &[u8]) -> warta_engine::Analysis {
    let d = warta_engine::decode(bytes).expect("decodable");
    warta_engine::analyze(source, &d, &warta_engine::Options::default())
}

/// Analyse a string.
pub fn analyze_str(text: &str) -> warta_engine::Analysis {
    analyze_bytes("test", text.as_bytes())
}
