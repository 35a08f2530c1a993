//! What the benches share: the example articles kept in the repo, as (path, bytes), and
//! analysed. Each bench uses what it needs (hence `dead_code` allowed). The translation
//! bench reads this file too (`#[path]`).

use std::path::PathBuf;

/// Every `examples/articles/*.txt`, sorted by name (at least five).
#[allow(dead_code)]
pub fn example_files() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected the example articles in {}", dir.display());
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}

/// Every example article's decoded text and its analysis (made once, outside the timing).
#[allow(dead_code)]
pub fn analysed() -> Vec<(String, warta_engine::Analysis)> {
    example_files()
        .into_iter()
        .map(|(_, bytes)| {
            let d = warta_engine::decode(&bytes).unwrap();
            let a = warta_engine::analyze("bench", &d, &warta_engine::Options::default());
            (d.text, a)
        })
        .collect()
}
