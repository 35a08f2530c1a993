//! The store through its API: idempotence, update in place, stories, search, reconcile,
//! exports. Articles are generated (warta_store::synth), nothing read from ../shared.

use std::path::PathBuf;
use warta_store::{SearchQuery, Store, synth};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn put_all(store: &mut Store, arts: &[synth::Article]) -> warta_store::Stats {
    let mut w = store.writer(7).unwrap();
    for a in arts {
        let d = warta_engine::decode(a.text.as_bytes()).unwrap();
        let analysis = warta_engine::analyze(&a.name, &d, &Default::default());
        w.put(&a.name, &d.text, analysis).unwrap();
    }
    w.commit().unwrap()
}

#[test]
fn ingesting_twice_changes_nothing_and_stories_follow_topics() {
    let dir = tmp("idem");
    let arts = synth::articles(40, 1);
    let mut store = Store::open(&dir).unwrap();
    let s1 = put_all(&mut store, &arts);
    assert_eq!(s1.added, 40);
    let c1 = store.counts().unwrap();
    let stories1 = store.stories().unwrap();
    assert_eq!(c1.articles, 40);
    assert_eq!(c1.indexed, 40);
    assert_eq!(c1.story_articles, 40);
    assert!(c1.entities > 0 && c1.mentions > 0, "{c1:?}");
    // Articles of one generated topic land in one story.
    let topics = arts.iter().map(|a| a.topic).max().unwrap() + 1;
    assert!(stories1.len() >= topics / 2 && stories1.len() <= 40, "{} stories for {topics} topics", stories1.len());
    drop(store);

    let mut store = Store::open(&dir).unwrap();
    let s2 = put_all(&mut store, &arts);
    assert_eq!((s2.added, s2.updated, s2.unchanged), (0, 0, 40));
    assert_eq!(store.counts().unwrap(), c1);
    assert_eq!(store.stories().unwrap(), stories1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn changed_content_updates_in_place() {
    let dir = tmp("update");
    let mut arts = synth::articles(12, 2);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    let id = warta_store::article_id(&store, &arts[3].name).unwrap().unwrap();
    arts[3].text.push_str("Tambahan: gudang zamrud ditemukan di tepi sungai.\n");
    let s = put_all(&mut store, &arts);
    assert_eq!((s.added, s.updated, s.unchanged), (0, 1, 11));
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.indexed, c.story_articles), (12, 12, 12));
    assert_eq!(warta_store::article_id(&store, &arts[3].name).unwrap(), Some(id));
    let hits = store.search(&SearchQuery { text: "zamrud".into(), ..Default::default() }).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].source, arts[3].name);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_stems_phrases_and_filters() {
    let dir = tmp("search");
    let arts = synth::articles(48, 3);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    let q = |text: &str| SearchQuery { text: text.into(), limit: 100, ..Default::default() };
    // Stemming: "penanganan" finds articles that say "menangani" (root tangan).
    let stemmed = store.search(&q("penanganan")).unwrap();
    assert_eq!(stemmed.len(), 48, "every article has menangani or penanganan");
    // A phrase matches only adjacent words.
    let phrase = store.search(&q("\"harga beras\"")).unwrap();
    let expected = arts.iter().filter(|a| a.text.contains("harga beras")).count();
    assert!(expected > 0);
    assert_eq!(phrase.len(), expected);
    assert!(phrase.iter().all(|h| h.snippet.contains("**")), "snippets highlight");
    let reversed = store.search(&q("\"beras harga\"")).unwrap();
    assert!(reversed.is_empty());
    // Outlet filter.
    let outlet = synth::OUTLETS[0];
    let by_outlet = store.search(&SearchQuery { outlet: Some(outlet.into()), ..q("penanganan") }).unwrap();
    assert!(!by_outlet.is_empty());
    assert!(by_outlet.iter().all(|h| h.outlet.as_deref() == Some(outlet)), "{by_outlet:?}");
    // Date range: everything, then nothing.
    let all = store
        .search(&SearchQuery {
            from: Some(jiff::civil::date(2019, 1, 1)),
            to: Some(jiff::civil::date(2026, 12, 31)),
            ..q("penanganan")
        })
        .unwrap();
    assert_eq!(all.len(), 48);
    let none = store.search(&SearchQuery { from: Some(jiff::civil::date(2030, 1, 1)), ..q("penanganan") }).unwrap();
    assert!(none.is_empty());
    // Entity filter: a name the analysis resolved.
    let c = store.export_timelinejs(None).unwrap();
    assert!(c["events"].as_array().is_some());
    // Malformed query: a BadQuery error.
    let err = store.search(&q("\"harga beras")).unwrap_err();
    assert!(matches!(err, warta_store::StoreError::BadQuery(_)), "{err:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entity_filter_and_timeline() {
    let dir = tmp("entity");
    let arts = synth::articles(16, 4);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    let jsonl = {
        let mut v = Vec::new();
        store.export_jsonl(&mut v, None).unwrap();
        String::from_utf8(v).unwrap()
    };
    let first: warta_engine::Analysis = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let person = first
        .entities
        .iter()
        .find(|e| e.kind == warta_engine::analysis::EntityKind::Per)
        .expect("a person in a generated article");
    let hits = store
        .search(&SearchQuery {
            text: "*".into(),
            entity: Some(person.name.to_uppercase()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(hits.iter().any(|h| h.source == first.source));
    let tl = store.timeline(&person.name).unwrap();
    assert_eq!(tl.of, warta_store::TimelineOf::Entity);
    assert!(tl.entries.iter().any(|e| e.articles.contains(&first.source)));
    let story = hits[0].story.clone().unwrap();
    let tl = store.timeline(&story).unwrap();
    assert_eq!(tl.of, warta_store::TimelineOf::Story);
    assert!(!tl.entries.is_empty());
    let day = |e: &warta_store::TimelineEntry| e.date.as_deref().and_then(warta_engine::timeline::period).map(|p| p.0);
    assert!(
        tl.entries.windows(2).all(|w| match (day(&w[0]), day(&w[1])) {
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
            _ => true,
        }),
        "dated entries in date order, undated ones last"
    );
    assert!(store.timeline("s99999").is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_lost_index_is_rebuilt_on_open() {
    let dir = tmp("reconcile");
    let arts = synth::articles(20, 5);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    let before = store.counts().unwrap();
    drop(store);
    std::fs::remove_dir_all(dir.join("index")).unwrap();
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.counts().unwrap(), before);
    let hits = store.search(&SearchQuery { text: "penanganan".into(), limit: 100, ..Default::default() }).unwrap();
    assert_eq!(hits.len(), 20);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exports_have_their_shapes() {
    let dir = tmp("export");
    let arts = synth::articles(16, 6);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    let mut csv = Vec::new();
    assert_eq!(store.export_csv(&mut csv, None).unwrap(), 16);
    let rows = warta_engine::csv::parse(&String::from_utf8(csv).unwrap());
    assert_eq!(rows.len(), 17);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let story = &store.stories().unwrap()[0];
    let tl = store.export_timelinejs(Some(&story.id)).unwrap();
    assert_eq!(
        tl["title"]["text"]["headline"].as_str().unwrap(),
        story.title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    );
    let events = tl["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let y: i32 = e["start_date"]["year"].as_str().unwrap().parse().unwrap();
        assert!((2020..=2026).contains(&y));
        // A month-precise entry has no day (TimelineJS then shows the month).
        assert!(e["start_date"]["month"].as_str().is_some() || e["start_date"].get("day").is_none());
        assert!(e["text"]["headline"].as_str().is_some_and(|h| !h.is_empty()));
        assert!(e["text"]["text"].as_str().is_some());
        assert_eq!(e["group"].as_str(), Some(story.title.as_str()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// Own articles (written for this test): two outlets on one meeting, a third giving another
// month, and a fourth on the same meeting a day later in the same story.
const MEET_A: &str = "Kabarsatu.com, JAKARTA - Presiden Prabowo Subianto bertemu Perdana Menteri Malaysia \
Anwar Ibrahim di Kuala Lumpur pada Rabu (13/9/2023). Keduanya membahas perdagangan minyak sawit dan \
perbatasan di Kalimantan.";
const MEET_B: &str = "Wartadua.com, JAKARTA - Perdana Menteri Malaysia Anwar Ibrahim bertemu Presiden Prabowo \
Subianto di Kuala Lumpur pada Rabu (13/9/2023). Pertemuan itu membahas minyak sawit dan perbatasan di \
Kalimantan.";
const MEET_C: &str = "Harianempat.com, JAKARTA - Prabowo Subianto bertemu Anwar Ibrahim di Kuala Lumpur pada \
Agustus 2023 untuk membahas minyak sawit dan perbatasan di Kalimantan, kata pejabat pada Jumat (15/9/2023).";

fn put_texts(store: &mut Store, texts: &[(&str, &str)]) {
    let mut w = store.writer(10).unwrap();
    for (source, text) in texts {
        let d = warta_engine::decode(text.as_bytes()).unwrap();
        let analysis = warta_engine::analyze(source, &d, &Default::default());
        w.put(source, &d.text, analysis).unwrap();
    }
    w.commit().unwrap();
}

#[test]
fn story_timelines_are_the_engines_cached_until_membership_changes() {
    let dir = tmp("tlcache");
    let mut store = Store::open(&dir).unwrap();
    put_texts(&mut store, &[("a.txt", MEET_A), ("b.txt", MEET_B)]);
    assert_eq!(store.cached_timelines().unwrap(), (0, 0), "ingest computes no timeline");
    let stories = store.stories().unwrap();
    let s = stories.iter().find(|s| s.articles.contains(&"a.txt".to_string())).unwrap().id.clone();
    let tl = store.timeline(&s).unwrap();
    assert_eq!(store.cached_timelines().unwrap(), (1, 1));
    // The engine's entries, with the fields `warta stories` prints.
    let arts: Vec<warta_engine::Analysis> = [("a.txt", MEET_A), ("b.txt", MEET_B)]
        .iter()
        .map(|(s, t)| warta_engine::analyze(s, &warta_engine::decode(t.as_bytes()).unwrap(), &Default::default()))
        .collect();
    let refs: Vec<&warta_engine::Analysis> = arts.iter().collect();
    let want = warta_engine::timeline::build(&refs);
    let events: Vec<&warta_store::TimelineEntry> =
        tl.entries.iter().filter(|e| e.kind != warta_store::EntryKind::Article).collect();
    assert_eq!(events.len(), want.len(), "{tl:#?}");
    for (got, want) in events.iter().zip(&want) {
        assert_eq!(got.summary, want.summary);
        assert_eq!(got.supported_by, want.supported_by);
        assert_eq!(got.corroboration.as_ref(), Some(&want.corroboration));
        assert_eq!(got.status, Some(want.status));
        assert_eq!(got.story.as_deref(), Some(s.as_str()));
    }
    // Read again: served from the cache, the same.
    assert_eq!(store.timeline(&s).unwrap(), tl);
    // A new article in the story makes the cached timeline stale; the next read rebuilds it.
    put_texts(&mut store, &[("c.txt", MEET_C)]);
    let joined = store.stories().unwrap().iter().any(|x| x.id == s && x.articles.contains(&"c.txt".to_string()));
    if joined {
        assert_eq!(store.cached_timelines().unwrap(), (1, 0));
        let tl2 = store.timeline(&s).unwrap();
        assert_ne!(tl2, tl);
        assert!(tl2.entries.iter().any(|e| e.supported_by.contains(&"c.txt".to_string())));
        assert_eq!(store.cached_timelines().unwrap(), (1, 1));
    } else {
        panic!("c.txt did not join {s}: {:?}", store.stories().unwrap());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entity_timelines_come_from_the_engine_with_conflicts_and_stories() {
    let dir = tmp("tlentity");
    let mut store = Store::open(&dir).unwrap();
    put_texts(&mut store, &[("a.txt", MEET_A), ("b.txt", MEET_B), ("c.txt", MEET_C)]);
    for key in ["Anwar Ibrahim", "anwar", "per:anwar"] {
        let tl = store.timeline(key).unwrap();
        assert_eq!(tl.of, warta_store::TimelineOf::Entity);
        assert_eq!(tl.title, "Anwar Ibrahim");
        assert_eq!(tl.kb.as_deref(), Some("per:anwar"));
        let m = tl.entries.iter().find(|e| e.kind.as_str() == "meeting").unwrap_or_else(|| panic!("{tl:#?}"));
        assert_eq!(m.date.as_deref(), Some("2023-09-13"));
        assert_eq!(m.supported_by, ["a.txt", "b.txt", "c.txt"]);
        let c = m.corroboration.as_ref().expect("engine entries carry their corroboration");
        assert_eq!((c.articles, c.reports, c.copies), (3, 3, 0), "three texts of their own");
        assert_eq!(m.conflicts.len(), 1, "{m:#?}");
        assert_eq!(m.conflicts[0].value.as_deref(), Some("2023-08"));
        assert_eq!(m.conflicts[0].sources, ["c.txt"]);
        assert!(m.story.is_some() && !m.stories.is_empty());
    }
    assert!(store.timeline("Nama Yang Tidak Ada").is_err());
    // TimelineJS: the conflict and the status are in the slide text.
    let tjs = store.export_timelinejs(None).unwrap();
    let texts: Vec<&str> =
        tjs["events"].as_array().unwrap().iter().filter_map(|e| e["text"]["text"].as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("2023-08") && t.contains("c.txt")), "{texts:?}");
    assert!(texts.iter().all(|t| t.contains("Status:") || t.contains("Sumber:")));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_version_1_store_is_migrated() {
    let dir = tmp("migrate");
    let mut store = Store::open(&dir).unwrap();
    put_texts(&mut store, &[("a.txt", MEET_A)]);
    drop(store);
    {
        // Make it look like a store written before story timelines were kept.
        let conn = rusqlite::Connection::open(dir.join("warta.sqlite3")).unwrap();
        conn.execute_batch("DROP TABLE story_timelines; UPDATE meta SET value = '1' WHERE key = 'schema_version';")
            .unwrap();
    }
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.cached_timelines().unwrap(), (0, 0));
    let s = store.stories().unwrap()[0].id.clone();
    assert!(!store.timeline(&s).unwrap().entries.is_empty());
    assert_eq!(store.cached_timelines().unwrap(), (1, 1));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Re-ingesting CHANGED content updates the record even when the new content is known under
/// another source or was this source's earlier content (was reported unchanged: issue 21).
#[test]
fn changed_content_known_elsewhere_still_updates() {
    let dir = tmp("swap");
    let arts = synth::articles(6, 9);
    let mut store = Store::open(&dir).unwrap();
    put_all(&mut store, &arts);
    // Swap the texts of articles 0 and 1: each source now holds content the store knows.
    let mut swapped = arts.clone();
    swapped[0].text = arts[1].text.clone();
    swapped[1].text = arts[0].text.clone();
    let s = put_all(&mut store, &swapped);
    assert_eq!((s.added, s.updated, s.unchanged), (0, 2, 4));
    let jsonl = {
        let mut v = Vec::new();
        store.export_jsonl(&mut v, None).unwrap();
        String::from_utf8(v).unwrap()
    };
    let stored: Vec<warta_engine::Analysis> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let first_line = |src: &str| {
        let a = stored.iter().find(|a| a.source == src).unwrap();
        a.body.first().cloned().unwrap_or_default()
    };
    assert!(arts[1].text.contains(&first_line(&arts[0].name)), "source 0 holds text 1 now");
    assert!(arts[0].text.contains(&first_line(&arts[1].name)), "source 1 holds text 0 now");
    // Edit and edit back within one writer: the second edit is a change too.
    let mut w = store.writer(100).unwrap();
    let put = |w: &mut warta_store::Writer<'_>, name: &str, text: &str| {
        let d = warta_engine::decode(text.as_bytes()).unwrap();
        w.put(name, &d.text, warta_engine::analyze(name, &d, &Default::default())).unwrap()
    };
    let edited = format!("{}Tambahan kalimat.\n", swapped[2].text);
    assert_eq!(put(&mut w, &swapped[2].name, &edited), warta_store::Outcome::Updated);
    assert_eq!(put(&mut w, &swapped[2].name, &swapped[2].text), warta_store::Outcome::Updated);
    assert_eq!(put(&mut w, &swapped[2].name, &swapped[2].text), warta_store::Outcome::Unchanged);
    // A new source with content another source holds is a copy: unchanged.
    assert_eq!(put(&mut w, "copy.txt", &swapped[3].text), warta_store::Outcome::Unchanged);
    w.commit().unwrap();
    assert_eq!(store.counts().unwrap().articles, 6);
    std::fs::remove_dir_all(&dir).unwrap();
}

struct Named(String, String);

impl warta_store::ingest::Named for Named {
    fn name(&self) -> String {
        self.0.clone()
    }
}

/// The driver: input order kept, a panic while reading or analysing one item is that item's
/// failure (named), and the rest of the batch is stored.
#[test]
fn driver_isolates_a_panicking_item() {
    use warta_store::ingest::{Event, ItemError, Read, run};
    let dir = tmp("driver");
    let arts = synth::articles(20, 5);
    let mut items: Vec<Result<Named, ItemError>> =
        arts.iter().map(|a| Ok(Named(a.name.clone(), a.text.clone()))).collect();
    items.insert(5, Ok(Named("boom.txt".into(), "PANIC".into())));
    items.insert(9, Err(ItemError { name: "unreadable.txt".into(), message: "cannot read".into() }));
    let mut store = Store::open(&dir).unwrap();
    let mut w = store.writer(4).unwrap();
    let mut failures = Vec::new();
    let summary = run(
        &mut w,
        items.into_iter(),
        3,
        |item: Named| {
            if item.1 == "PANIC" {
                panic!("a reader bug");
            }
            let decoded = warta_engine::decode(item.1.as_bytes())
                .map_err(|e| ItemError { name: item.0.clone(), message: e.to_string() })?;
            Ok(Read { source: item.0, decoded, overrides: Default::default() })
        },
        |e| {
            if let Event::Failed(e) = e {
                failures.push(e.to_string());
            }
        },
    )
    .unwrap();
    w.commit().unwrap();
    assert_eq!((summary.added, summary.failed), (20, 2));
    assert_eq!(failures.len(), 2);
    assert!(failures[0].starts_with("boom.txt: reading panicked: a reader bug"), "{failures:?}");
    assert_eq!(failures[1], "unreadable.txt: cannot read");
    // Same stories as putting them one by one.
    let dir2 = tmp("driver-serial");
    let mut serial = Store::open(&dir2).unwrap();
    put_all(&mut serial, &arts);
    assert_eq!(store.stories_document().unwrap(), serial.stories_document().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

/// A PostgreSQL URL given where a data directory is read is a clear error, not a folder
/// named `postgres:`.
#[test]
fn a_database_url_is_not_a_directory() {
    let err = Store::open("postgres://warta:secret@db.test/warta").err().expect("refused");
    let msg = err.to_string();
    assert!(matches!(err, warta_store::StoreError::Config(_)), "{msg}");
    assert!(msg.contains("postgres://warta:***@db.test/warta") && !msg.contains("secret"), "{msg}");
    assert!(!std::path::Path::new("postgres:").exists());
}

/// An actor named in full by one article and by one name by another of the same story is one
/// actor: the entity page lists the other name, why, the article that shows it and the story.
#[test]
fn an_entity_page_names_the_same_actor_under_its_other_names() {
    const FULL: &str = "Jembatan Gantung Kalirejo Diresmikan\nKULON PROGO - Bupati Wiradarma Santosa meresmikan jembatan gantung Kalirejo pada Senin (9/6/2025). Wiradarma Santosa mengatakan jembatan itu memperpendek jalan warga ke pasar. \"Anak sekolah tidak perlu memutar lagi,\" kata Wiradarma Santosa.";
    const SHORT: &str = "Warga Kalirejo Sambut Jembatan Gantung Baru\nKULON PROGO - Warga Kalirejo menyambut jembatan gantung yang diresmikan pada Senin (9/6/2025). Jembatan gantung Kalirejo dibangun selama empat bulan. \"Jembatan ini untuk anak sekolah dan pedagang pasar,\" kata Wiradarma kepada wartawan di Kulon Progo.";
    let dir = tmp("same-as");
    let mut store = Store::open(&dir).unwrap();
    let mut w = store.writer(4).unwrap();
    for (source, text) in [("full.txt", FULL), ("short.txt", SHORT)] {
        let d = warta_engine::decode(text.as_bytes()).unwrap();
        w.put(source, &d.text, warta_engine::analyze(source, &d, &Default::default())).unwrap();
    }
    w.commit().unwrap();
    let full = store.entity_id("PER", "Wiradarma Santosa").unwrap().expect("the full name is an entity");
    let short = store.entity_id("PER", "Wiradarma").unwrap().expect("the short name is an entity of its own");
    let e = store.entity(full).unwrap().unwrap();
    assert_eq!(e.stories.len(), 1, "both articles are one story: {:?}", e.stories);
    let v = e.same_as.iter().find(|v| v.name == "Wiradarma").expect("the short name is listed");
    assert_eq!(v.entity, Some(short));
    assert_eq!(v.canonical, "Wiradarma Santosa");
    assert_eq!(v.reason, warta_engine::variants::MergeReason::ShortForm);
    assert_eq!(v.source, "full.txt");
    assert_eq!(v.story, e.stories[0]);
    // The short name's page points back to the full one.
    let back = store.entity(short).unwrap().unwrap();
    assert!(back.same_as.iter().any(|v| v.name == "Wiradarma Santosa" && v.entity == Some(full)), "{:?}", back.same_as);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Self-written articles with known events: an arrest (dated), a flood (dated later), and an
/// undated one with no event the typology names as arrest.
fn typed_articles() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "tangkap.txt",
            "Polisi Tangkap Pencuri Kabel\n\nSURABAYA - Polisi menangkap dua pencuri kabel di Surabaya pada Senin (3/3/2025). \
             Kedua tersangka kini ditahan di Polres Surabaya.",
        ),
        (
            "banjir.txt",
            "Banjir Rendam Desa\n\nDEMAK - Banjir merendam tiga desa di Demak pada Rabu (9/4/2025) setelah hujan deras. \
             Ratusan warga mengungsi ke balai desa.",
        ),
        ("catatan.txt", "Catatan Pasar\n\nHarga cabai di pasar kota terpantau stabil, kata pedagang."),
    ]
}

#[test]
fn search_filters_and_counts_by_event_type_and_sorts_by_date() {
    use warta_engine::analysis::EventType;
    let dir = tmp("etype");
    let mut store = Store::open(&dir).unwrap();
    put_texts(&mut store, &typed_articles());
    let all = |sort| SearchQuery { text: "*".into(), limit: 10, sort, ..Default::default() };
    let sources = |q: &SearchQuery, store: &Store| -> Vec<String> {
        store.search(q).unwrap().into_iter().map(|h| h.source).collect()
    };
    let arrests = SearchQuery { event_type: Some(EventType::Arrest), ..all(warta_store::SearchSort::Relevance) };
    assert_eq!(sources(&arrests, &store), ["tangkap.txt"]);
    let disasters = SearchQuery { event_type: Some(EventType::Disaster), ..all(warta_store::SearchSort::Relevance) };
    assert_eq!(sources(&disasters, &store), ["banjir.txt"]);
    // The facet counts articles per type over the matches.
    let ids = store.search_ids(&all(warta_store::SearchSort::Relevance), 100).unwrap().ids;
    let facets = store.facets(&ids).unwrap();
    assert_eq!(facets.event_type.get(&EventType::Arrest), Some(&1), "{:?}", facets.event_type);
    assert_eq!(facets.event_type.get(&EventType::Disaster), Some(&1), "{:?}", facets.event_type);
    // Newest first: the April flood, the March arrest, then the undated note; scores kept.
    let newest = store.search(&all(warta_store::SearchSort::Newest)).unwrap();
    let order: Vec<&str> = newest.iter().map(|h| h.source.as_str()).collect();
    assert_eq!(order, ["banjir.txt", "tangkap.txt", "catatan.txt"]);
    assert!(newest.iter().all(|h| h.score > 0.0), "{newest:?}");

    // A saved search keeps its type, and finds the same.
    let saved = store
        .save_search(&warta_store::saved::NewSavedSearch {
            name: "penangkapan".into(),
            query: "*".into(),
            filters: warta_store::saved::Filters { event_type: Some(EventType::Arrest), ..Default::default() },
        })
        .unwrap();
    let again = store.saved_search("penangkapan").unwrap();
    assert_eq!(again.filters.event_type, Some(EventType::Arrest));
    let hits = store.search(&again.search_query(10, 0)).unwrap();
    assert_eq!(hits.iter().map(|h| h.source.as_str()).collect::<Vec<_>>(), ["tangkap.txt"], "{saved:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_index_from_an_older_schema_is_rebuilt_from_sqlite() {
    use warta_engine::analysis::EventType;
    let dir = tmp("oldindex");
    let mut store = Store::open(&dir).unwrap();
    put_texts(&mut store, &typed_articles());
    drop(store);
    // Replace the index by one in an older layout (no event types), empty, as an older warta
    // would have left a store whose index lags.
    let idx = dir.join("index");
    std::fs::remove_dir_all(&idx).unwrap();
    std::fs::create_dir_all(&idx).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_u64_field("id", tantivy::schema::INDEXED | tantivy::schema::FAST | tantivy::schema::STORED);
    b.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&idx, b.build()).unwrap();
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.counts().unwrap().indexed, 3);
    let q = SearchQuery { text: "*".into(), limit: 10, event_type: Some(EventType::Arrest), ..Default::default() };
    assert_eq!(store.search(&q).unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stories_sort_by_activity_start_size_and_creation() {
    use warta_store::{StoryRow, StorySort, sort_stories};
    let row = |id: &str, first: Option<&str>, last: Option<&str>, articles: usize, outlets: usize| StoryRow {
        id: id.into(),
        title: id.into(),
        first_date: first.map(str::to_string),
        last_date: last.map(str::to_string),
        outlets: (0..outlets).map(|i| format!("o{i}")).collect(),
        articles: (0..articles).map(|i| format!("a{i}")).collect(),
    };
    let rows = vec![
        row("s1", Some("2025-01-01"), Some("2025-03-01"), 2, 1),
        row("s2", Some("2024-12-01"), Some("2025-01-15"), 5, 1),
        row("s3", None, None, 1, 0),
        row("s4", Some("2025-02-01"), Some("2025-02-02"), 2, 3),
    ];
    let ids = |sort| {
        let mut r = rows.clone();
        sort_stories(&mut r, sort);
        r.into_iter().map(|s| s.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(StorySort::Latest), ["s1", "s4", "s2", "s3"]);
    assert_eq!(ids(StorySort::Earliest), ["s2", "s1", "s4", "s3"]);
    assert_eq!(ids(StorySort::Articles), ["s2", "s4", "s1", "s3"]);
    assert_eq!(ids(StorySort::Outlets), ["s4", "s2", "s1", "s3"]);
    assert_eq!(ids(StorySort::Created), ["s1", "s2", "s3", "s4"]);
}
