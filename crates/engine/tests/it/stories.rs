//! Stories and duplicates: the seeds form three stories; the detik 2025 articles' exact
//! duplicates (the same URL collected under several keywords) are all found, with no false
//! exact group; adding an article never takes another out of its story.

use crate::support::{analyze_bytes, analyze_str, seed_analyses, shared};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use warta_engine::stories::{Config, Engine};

#[test]
fn seeds_form_three_stories() {
    let Some(arts) = seed_analyses() else { return };
    let mut engine = Engine::new(Config::default());
    for a in &arts {
        engine.add(a);
    }
    let stories: BTreeSet<Vec<String>> = engine.stories().into_iter().map(|s| s.articles).collect();
    let want: BTreeSet<Vec<String>> = [vec!["000"], vec!["001", "003"], vec!["002", "004"]]
        .into_iter()
        .map(|v| v.into_iter().map(String::from).collect())
        .collect();
    assert_eq!(stories, want);
    assert!(engine.duplicates().is_empty());
}

#[test]
fn detik_exact_duplicates_are_all_found() {
    let Some(root) = shared("data/news-detik-2025/articles.csv") else { return };
    let raw = std::fs::read_to_string(root.join("data/news-detik-2025/articles.csv")).unwrap();
    let rows = warta_engine::csv::parse(&raw);
    let h = &rows[0];
    let (body, url) =
        (h.iter().position(|c| c == "isi_berita").unwrap(), h.iter().position(|c| c == "tautan").unwrap());
    let mut engine = Engine::new(Config::default());
    let mut by_url: HashMap<&str, Vec<String>> = HashMap::new();
    for (i, r) in rows[1..].iter().enumerate() {
        let id = format!("{i:04}");
        engine.add(&analyze_bytes(&id, r[body].as_bytes()));
        by_url.entry(r[url].as_str()).or_default().push(id);
    }
    let gold: BTreeSet<Vec<String>> = by_url.into_values().filter(|v| v.len() > 1).collect();
    let exact: BTreeSet<Vec<String>> =
        engine.duplicates().into_iter().filter(|g| g.kind == "exact").map(|g| g.articles).collect();
    assert_eq!(gold.len(), 43, "the data set's README promises 43 groups");
    assert_eq!(exact, gold, "every exact group found, and no false one");
}

const TOPICS: &[&[&str]] = &[
    &["banjir", "sungai", "tanggul", "pengungsi", "hujan", "evakuasi", "perahu", "bpbd"],
    &["pemilu", "kampanye", "suara", "kandidat", "partai", "debat", "pemilih", "kpu"],
    &["inflasi", "harga", "beras", "cabai", "pasar", "pedagang", "pasokan", "bulog"],
    &["gempa", "magnitudo", "bmkg", "retak", "tsunami", "pusat", "kedalaman", "warga"],
];

fn article(topic: usize, seed: u64, day: u8) -> String {
    let words = TOPICS[topic];
    let mut s = String::from("KOTAKITA - ");
    let mut x = seed;
    for i in 0..40 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        s.push_str(words[(x >> 33) as usize % words.len()]);
        s.push(if i % 8 == 7 { '.' } else { ' ' });
        if i % 8 == 7 {
            s.push(' ');
        }
    }
    format!("{s} Laporan itu disampaikan pada Senin ({day}/3/2025).")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Adding an article never takes another out of its story: every story after each step
    /// is a superset of one story before it.
    #[test]
    fn stories_only_grow(items in prop::collection::vec((0usize..4, any::<u64>(), 1u8..28), 2..14)) {
        let mut engine = Engine::new(Config::default());
        let mut before: Vec<BTreeSet<String>> = Vec::new();
        for (n, (topic, seed, day)) in items.iter().enumerate() {
            let mut a = analyze_str(&article(*topic, *seed, *day));
            a.source = format!("a{n}");
            engine.add(&a);
            let after: Vec<BTreeSet<String>> =
                engine.stories().into_iter().map(|s| s.articles.into_iter().collect()).collect();
            for old in &before {
                prop_assert!(after.iter().any(|s| s.is_superset(old)), "story {old:?} was split: {after:?}");
            }
            before = after;
        }
    }
}

/// Background (events long before the story) is kept in its own list, off the story's axis, and
/// the lede is told from the story's own entries.
#[test]
fn background_is_a_list_of_its_own() {
    let a = analyze_str(
        "Menteri Tinjau Bendungan Baru\n\nSEMARANG - Menteri Pekerjaan Umum meninjau Bendungan Jatiluhur Baru di \
         Semarang pada Senin (3/3/2025). Bendungan itu dibangun setelah banjir besar melanda Semarang pada 2009.",
    );
    let mut engine = Engine::new(Config::default());
    engine.add(&a);
    let mut story = engine.stories().remove(0);
    story.tell(&[&a]);
    assert!(!story.background.is_empty(), "the 2009 flood is background: {:#?}", story.timeline);
    assert!(story.background.iter().all(|e| e.background));
    assert!(story.timeline.iter().all(|e| !e.background), "{:#?}", story.timeline);
    assert!(story.timeline.iter().any(|e| e.date.as_deref() == Some("2025-03-03")), "{:#?}", story.timeline);
    assert!(story.lede_entries.iter().all(|&i| i < story.timeline.len()));
    let json = serde_json::to_value(&story).unwrap();
    assert!(json["background"].as_array().is_some_and(|b| !b.is_empty()));
}
