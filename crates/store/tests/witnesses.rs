//! A story's timeline read from the store shows a date conflict from an article of another
//! story (a witness), as `warta stories` does: on the seeds (../shared/seeds; skipped with a
//! message where absent), the Kim–Putin summit on 2023-09-13 in the story of 002+004 carries
//! seed 000's "Agustus 2023", though clustering keeps 000 in a story of its own.

use std::path::PathBuf;
use warta_engine::timeline::ConflictField;
use warta_store::Store;

#[test]
fn a_story_timeline_shows_a_witness_from_another_story() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(dir) = std::fs::read_dir(&seeds) else {
        eprintln!("skipping: ../shared/seeds is absent");
        return;
    };
    let mut paths: Vec<PathBuf> =
        dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    let store_dir = std::env::temp_dir().join(format!("warta-witness-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store_dir);
    let mut store = Store::open(&store_dir).unwrap();
    let mut w = store.writer(10).unwrap();
    for p in &paths {
        let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
        let d = warta_engine::decode(&std::fs::read(p).unwrap()).unwrap();
        let a = warta_engine::analyze(&name, &d, &Default::default());
        w.put(&name, &d.text, a).unwrap();
    }
    w.commit().unwrap();
    let stories = store.stories().unwrap();
    let own = |s: &str| stories.iter().find(|x| x.articles.iter().any(|a| a == s)).unwrap().id.clone();
    assert_ne!(own("000"), own("002"), "000 is a story of its own: {stories:?}");
    let tl = store.timeline(&own("002")).unwrap();
    let summit = tl
        .entries
        .iter()
        .find(|e| e.date.as_deref() == Some("2023-09-13") && e.conflicts.iter().any(|c| c.field == ConflictField::Date))
        .unwrap_or_else(|| panic!("no 2023-09-13 entry with a date conflict: {:#?}", tl.entries));
    let c = summit.conflicts.iter().find(|c| c.field == ConflictField::Date).unwrap();
    assert!(c.value.as_deref().is_some_and(|v| v.starts_with("2023-08")), "{c:?}");
    assert!(c.sources.iter().any(|s| s == "000"), "the witness is named: {c:?}");
    // the witness supports nothing in this story
    assert!(!summit.supported_by.iter().any(|s| s == "000"), "{:?}", summit.supported_by);
    // served again from the cache: the same
    assert_eq!(store.timeline(&own("002")).unwrap(), tl);
    drop(store);
    let _ = std::fs::remove_dir_all(&store_dir);
}
