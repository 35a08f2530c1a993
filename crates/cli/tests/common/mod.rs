//! Shared by the CLI's store tests.
#![allow(dead_code)]

use std::path::Path;
use warta_store::{SearchQuery, Store};

/// Every article once in SQLite and once in the index, with its analysis and story; returns
/// the number of articles.
pub fn check_integrity(data: &Path) -> i64 {
    let store = Store::open(data).expect("the store opens");
    let c = store.counts().unwrap();
    assert_eq!(c.indexed as i64, c.articles, "{c:?}");
    assert_eq!(c.analyses, c.articles, "{c:?}");
    assert_eq!(c.story_articles, c.articles, "{c:?}");
    let hits = store.search(&SearchQuery { text: "*".into(), limit: 100_000, ..Default::default() }).unwrap();
    let mut ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len() as i64, c.articles, "each article exactly once in the index");
    c.articles
}
