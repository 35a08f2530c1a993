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

/// The seed pages (`../shared/seeds/*.txt`) in name order, or None (with a message) when they
/// are absent.
pub fn seed_paths() -> Option<Vec<PathBuf>> {
    let root = shared("seeds")?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    Some(paths)
}

/// The seeds analysed in name order, each named by the first three characters of its file name
/// ("000"...), or None (with a message) when they are absent.
pub fn seed_analyses() -> Option<Vec<warta_engine::Analysis>> {
    Some(
        seed_paths()?
            .iter()
            .map(|p| analyze_bytes(&p.file_name().unwrap().to_string_lossy()[..3], &std::fs::read(p).unwrap()))
            .collect(),
    )
}
