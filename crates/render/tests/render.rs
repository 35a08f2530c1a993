//! Golden renderings of constructed timeline entries in all six languages, and the check that no
//! rendered fact differs from its structured fact.
//!
//! Golden files: `tests/golden/<lang>.json`. After a deliberate change to the messages, rewrite
//! them with `UPDATE_GOLDEN=1 cargo test -p warta-render --test render` and review the diff.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use warta_engine::analysis::{EventStatus, EventType};
use warta_engine::timeline::{Conflict, ConflictField, Corroboration, Entry, StatusBy, summary};
use warta_render::{Lang, STATUSES, When, format_date, numbers_in, render_entry};

/// Participants: canonical Indonesian name and gazetteer key (None: unknown to the gazetteer).
type Who = (&'static str, Option<&'static str>);

const PRABOWO: Who = ("Prabowo Subianto", Some("per:prabowo"));
const PUTIN: Who = ("Vladimir Putin", Some("per:putin"));
const KIM: Who = ("Kim Jong Un", Some("per:kimjongun"));
const RUSIA: Who = ("Rusia", Some("RU"));
const KORUT: Who = ("Korea Utara", Some("KP"));
const PBB: Who = ("Perserikatan Bangsa-Bangsa", Some("org:un"));
const GIBRAN: Who = ("Gibran Rakabuming Raka", Some("per:gibran"));
const UNKNOWN: Who = ("Budi Santoso", None);

fn entry(kind: &str, date: Option<&str>, who: &[Who], place: Option<&str>, status: &str, background: bool) -> Entry {
    let participants: Vec<String> = who.iter().map(|w| w.0.to_string()).collect();
    let kind = EventType::parse(kind).unwrap_or_else(|| panic!("event type {kind}"));
    let status = EventStatus::parse(status).unwrap_or_else(|| panic!("status {status}"));
    Entry {
        date: date.map(str::to_string),
        date_precision: date.map(warta_engine::timeline::precision),
        kind,
        summary: summary(kind, &participants, None, place, date, status, background),
        participants,
        participant_kb: who.iter().map(|w| w.1.map(str::to_string)).collect(),
        agents: None,
        place: place.map(str::to_string),
        supported_by: vec!["a.html".into()],
        outlets: vec![],
        corroboration: Default::default(),
        status,
        statuses: vec![StatusBy { status, source: "a.html".into(), as_of: None }],
        conflicts: vec![],
        background,
        evidence: vec![],
        story: None,
        stories: vec![],
        said: vec![],
    }
}

/// Every event type with one and with two participants, with and without a place; each status;
/// background; day, month, year, week, other and missing dates; three participants; unknown
/// names; a name with no Arabic form; a date conflict.
fn cases() -> Vec<(String, Entry)> {
    let mut out = Vec::new();
    for &k in EventType::ALL {
        out.push((format!("{k}-one"), entry(k.as_str(), Some("2023-09-13"), &[PUTIN], None, "confirmed", false)));
        out.push((format!("{k}-two"), entry(k.as_str(), Some("2023-09-13"), &[PUTIN, KIM], None, "reported", false)));
        out.push((
            format!("{k}-place-city"),
            entry(k.as_str(), Some("2023-09"), &[KIM, PUTIN], Some("Moskow"), "confirmed", false),
        ));
        out.push((
            format!("{k}-place-country"),
            entry(k.as_str(), Some("2024"), &[RUSIA, KORUT], Some("Rusia"), "reported", false),
        ));
    }
    for s in STATUSES {
        out.push((
            format!("status-{s}"),
            entry("visit", Some("2024-10-20"), &[PRABOWO], Some("Pyongyang"), s.as_str(), false),
        ));
    }
    out.push(("background".into(), entry("sanction", Some("2017-12"), &[PBB, KORUT], None, "reported", true)));
    out.push(("week".into(), entry("military_activity", Some("2024-W25"), &[KORUT], None, "reported", false)));
    out.push(("undated".into(), entry("meeting", None, &[PRABOWO, PUTIN], None, "reported", false)));
    out.push(("other-date".into(), entry("statement", Some("PRESENT_REF"), &[PUTIN], None, "reported", false)));
    out.push((
        "three".into(),
        entry("agreement", Some("2024-06-19"), &[PUTIN, KIM, PRABOWO], Some("Pyongyang"), "confirmed", false),
    ));
    out.push(("unknown-name".into(), entry("meeting", Some("2023-01-05"), &[UNKNOWN, GIBRAN], None, "planned", false)));
    out.push(("no-participants".into(), entry("announcement", Some("2023-03"), &[], None, "reported", false)));
    out.push(("unknown-type".into(), entry("election", Some("2024-02-14"), &[PRABOWO], None, "reported", false)));
    let mut c = entry("visit", Some("2023-09-13"), &[KIM], Some("Rusia"), "confirmed", false);
    c.conflicts = vec![Conflict {
        sources: vec!["b.html".into()],
        ..Conflict::new(ConflictField::Date, Some("2023-09-12".into()), None)
    }];
    out.push(("conflict".into(), c));
    // Corroboration counts: with copies, without, with no known outlet, and the singular forms
    // (Arabic has its own for one, two, a few and many).
    for (name, outlets, articles, copies) in [
        ("support-copies", 3, 5, 2),
        ("support-one", 1, 1, 0),
        ("support-no-outlet", 0, 2, 1),
        ("support-many", 12, 14, 11),
    ] {
        let mut e = entry("meeting", Some("2024-05-02"), &[PRABOWO, PUTIN], None, "reported", false);
        e.corroboration = Corroboration { outlets, articles, reports: articles - copies, copies, copy_groups: vec![] };
        out.push((name.into(), e));
    }
    out
}

fn golden_value(lang: Lang) -> Value {
    let mut map = BTreeMap::new();
    for (name, e) in cases() {
        let r = render_entry(&e, lang);
        map.insert(
            name,
            json!({
                "summary": r.summary,
                "date_text": r.date_text,
                "type_text": r.type_text,
                "status_text": r.status_text,
                "participants": r.participants.iter().map(|n| {
                    if n.untranslated { format!("{} [untranslated]", n.text) } else { n.text.clone() }
                }).collect::<Vec<_>>(),
                "place": r.place.as_ref().map(|p| if p.untranslated { format!("{} [untranslated]", p.text) } else { p.text.clone() }),
                "conflict_dates": r.conflict_dates,
                "support_text": r.support_text,
                "dir": r.dir,
            }),
        );
    }
    serde_json::to_value(map).unwrap()
}

#[test]
fn golden_renderings_in_six_languages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        let path = dir.join(format!("{lang}.json"));
        let got = golden_value(lang);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display())),
        )
        .unwrap();
        for (case, w) in want.as_object().unwrap() {
            if got.get(case) != Some(w) {
                failures.push(format!("{lang} {case}:\n  want {w}\n  got  {}", got.get(case).unwrap_or(&Value::Null)));
            }
        }
        assert_eq!(
            want.as_object().unwrap().len(),
            got.as_object().unwrap().len(),
            "{lang}: cases added or removed; rewrite with UPDATE_GOLDEN=1"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rendered summary keeps its facts: the date appears exactly as ICU renders the
/// structured date; every participant's name for the language (or the Indonesian fallback)
/// appears verbatim; the place likewise; no number appears that the facts do not hold.
pub fn check_facts(e: &Entry, lang: Lang) -> Result<(), String> {
    let r = render_entry(e, lang);
    let s = &r.summary;
    let mut allowed: Vec<u64> = Vec::new();
    if let Some(d) = &e.date {
        let want = format_date(d, lang);
        if r.date_text.as_deref() != Some(want.as_str()) {
            return Err(format!("date_text {:?} != ICU {want:?}", r.date_text));
        }
        if !s.contains(&want) {
            return Err(format!("{s:?} lacks the date {want:?}"));
        }
        match When::parse(d) {
            Some(w) => allowed.extend(w.numbers()),
            None => allowed.extend(numbers_in(d)),
        }
    } else if r.date_text.is_some() {
        return Err("a date rendered for an undated entry".into());
    }
    if r.participants.len() != e.participants.len() {
        return Err("participant count changed".into());
    }
    for (i, n) in r.participants.iter().enumerate() {
        let kb = e.participant_kb[i].as_deref();
        let expected = warta_render::name(&e.participants[i], kb, lang);
        if *n != expected {
            return Err(format!("participant {i}: {n:?} != {expected:?}"));
        }
        if n.untranslated && n.text != e.participants[i] {
            return Err(format!("untranslated name {:?} is not the Indonesian {:?}", n.text, e.participants[i]));
        }
        if !s.contains(&n.text) {
            return Err(format!("{s:?} lacks the name {:?}", n.text));
        }
        allowed.extend(numbers_in(&n.text));
    }
    if let Some(p) = &r.place {
        if !s.contains(&p.text) {
            return Err(format!("{s:?} lacks the place {:?}", p.text));
        }
        allowed.extend(numbers_in(&p.text));
    }
    for c in &e.conflicts {
        allowed.extend(c.value.as_deref().map(numbers_in).unwrap_or_default());
    }
    for n in numbers_in(s) {
        if !allowed.contains(&n) {
            return Err(format!("{s:?} shows {n}, which no fact holds (facts: {allowed:?})"));
        }
    }
    Ok(())
}

#[test]
fn no_rendered_fact_differs_from_its_structured_fact() {
    let mut bad = Vec::new();
    let mut checked = 0;
    for (name, e) in cases() {
        for lang in Lang::ALL {
            checked += 1;
            if let Err(why) = check_facts(&e, lang) {
                bad.push(format!("{lang} {name}: {why}"));
            }
        }
    }
    assert!(checked >= 6 * 60, "only {checked} renderings checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_check_catches_a_wrong_date_and_a_dropped_name() {
    // The checker itself must fail on bad renderings, or the test above proves nothing.
    let e = entry("meeting", Some("2023-09-13"), &[PUTIN, KIM], None, "reported", false);
    let good = render_entry(&e, Lang::Fr).summary;
    assert!(good.contains("13 septembre 2023"), "{good}");
    assert!(numbers_in(&good.replace("13 septembre", "14 septembre")).contains(&14));
    assert!(!good.replace("Kim Jong-un", "").contains("Kim Jong-un"));
    assert_eq!(numbers_in("٢٠٢٣ and 2023, 9"), vec![2023, 2023, 9]);
}

#[test]
fn indonesian_rendering_matches_the_engines_own_summary() {
    // The id messages mirror warta_engine::timeline::summary, so `summary` and `summary_id`
    // agree for Indonesian output on every covered type, status and date precision.
    for (name, e) in cases() {
        let subject_all = ["announcement", "denial", "veto", "military_activity"].contains(&e.kind.as_str());
        if ["other-date", "week", "status-background"].contains(&name.as_str())
            || name.starts_with("visit-place")
            || (subject_all && e.participants.len() > 1)
        {
            continue; // differ by design: type label, raw value, week words, a note for a background status, every participant named where the engine names only the first
        }
        assert_eq!(render_entry(&e, Lang::Id).summary, e.summary, "{name}");
    }
}

#[test]
fn every_type_reads_as_the_engine_writes_it_and_never_shows_its_key() {
    for &k in EventType::ALL {
        let e = entry(k.as_str(), Some("2024-02-14"), &[PRABOWO], None, "reported", false);
        assert_eq!(render_entry(&e, Lang::Id).summary, e.summary, "{k}");
        for lang in Lang::ALL {
            let r = render_entry(&e, lang);
            let label = r.type_text.unwrap_or_else(|| panic!("{lang}: no label for {k}"));
            assert!(!label.is_empty());
            if lang != Lang::En && k.as_str().contains('_') {
                assert!(!r.summary.contains(k.as_str()), "{lang}: {k} shows its key: {}", r.summary);
            }
        }
    }
}

#[test]
fn dates_as_each_locale_writes_them() {
    let day: Vec<String> = Lang::ALL.iter().map(|&l| format_date("2023-09-13", l)).collect();
    assert_eq!(
        day,
        [
            "13 September 2023",
            "September 13, 2023",
            "2023年9月13日",
            "2023年9月13日",
            "13 سبتمبر 2023",
            "13 septembre 2023"
        ]
    );
    assert_eq!(format_date("2023-09", Lang::Fr), "septembre 2023");
    assert_eq!(format_date("2023-09", Lang::Zh), "2023年9月");
    assert_eq!(format_date("2023", Lang::Ja), "2023年");
    assert_eq!(format_date("2023-09-13T10:30", Lang::En), "September 13, 2023");
    assert_eq!(format_date("2024-W25", Lang::En), "week 25 of 2024");
    assert_eq!(format_date("2024-W25", Lang::Zh), "2024年第25周");
    assert_eq!(format_date("PRESENT_REF", Lang::Ar), "PRESENT_REF");
    assert_eq!(When::parse("2023-02-30"), None);
}

#[test]
fn names_from_gazetteer_then_cldr_then_marked_indonesian() {
    use warta_render::{NameSource, name, region_name};
    let kim = name("Kim Jong Un", Some("per:kimjongun"), Lang::Zh);
    assert_eq!((kim.text.as_str(), kim.source, kim.untranslated), ("金正恩", NameSource::Gazetteer, false));
    // A country code the gazetteer does not hold still has CLDR's name.
    assert_eq!(region_name("KP", Lang::Ja).as_deref(), Some("北朝鮮"));
    let aq = name("Antarktika", Some("AQ"), Lang::Fr);
    assert_eq!((aq.text.as_str(), aq.untranslated), ("Antarctique", false));
    // Gibran has no curated Arabic name and is not a country: Indonesian, marked.
    let g = name("Gibran Rakabuming Raka", Some("per:gibran"), Lang::Ar);
    assert_eq!((g.text.as_str(), g.lang_of_text, g.untranslated), ("Gibran Rakabuming Raka", "id", true));
    let u = name("Budi Santoso", None, Lang::En);
    assert!(u.untranslated);
    assert_eq!(Lang::parse("zh-Hans"), Some(Lang::Zh));
    assert_eq!(Lang::parse("de"), None);
    assert_eq!(Lang::Ar.dir(), "rtl");
}

#[test]
fn every_language_defines_every_message() {
    let base = warta_render::message_ids(Lang::Id);
    assert!(base.iter().any(|m| m == "event-other"), "id lacks event-other");
    for m in base.iter().filter_map(|m| m.strip_prefix("event-")).filter(|m| *m != "other") {
        assert!(EventType::parse(m).is_some(), "event-{m} names no event type");
    }
    // Every type has a label (the others' lines are "who: label").
    for k in EventType::ALL {
        assert!(base.contains(&format!("type-{k}")), "id lacks type-{k}");
    }
    for s in STATUSES {
        assert!(base.contains(&format!("status-{s}")), "id lacks status-{s}");
    }
    for lang in Lang::ALL {
        assert!(warta_render::ftl_errors(lang).is_empty(), "{lang}: {:?}", warta_render::ftl_errors(lang));
        let ids = warta_render::message_ids(lang);
        // at-place (zh, ja) and place-suffix / when (others) are language-internal helpers.
        let helpers = ["at-place", "place-suffix", "when", "visit-also"];
        for id in base.iter().filter(|i| !helpers.contains(&i.as_str())) {
            assert!(ids.contains(id), "{lang} lacks {id}");
        }
    }
}

#[test]
fn rendered_json_entries_pass_the_library_check() {
    for (name, e) in cases() {
        let original = serde_json::to_value(&e).unwrap();
        for lang in Lang::ALL {
            let rendered = warta_render::render_entry_json(&original, lang);
            warta_render::check_entry_json(&original, &rendered, lang)
                .unwrap_or_else(|why| panic!("{lang} {name}: {why}"));
        }
    }
    // And it refuses a summary with a wrong day.
    let original =
        serde_json::to_value(entry("meeting", Some("2023-09-13"), &[PUTIN, KIM], None, "reported", false)).unwrap();
    let mut bad = warta_render::render_entry_json(&original, Lang::En);
    bad["summary"] = json!("Vladimir Putin meets Kim Jong Un on September 14, 2023");
    assert!(warta_render::check_entry_json(&original, &bad, Lang::En).is_err());
    bad["summary"] = json!("Vladimir Putin meets somebody on September 13, 2023");
    assert!(warta_render::check_entry_json(&original, &bad, Lang::En).is_err());
}

#[test]
fn support_counts_outlets_articles_and_copies() {
    let case = cases().into_iter().find(|(n, _)| n == "support-copies").unwrap().1;
    let text = |lang| render_entry(&case, lang).support_text.unwrap();
    assert_eq!(text(Lang::En), "3 outlets, 5 articles (2 copies)");
    assert_eq!(text(Lang::Id), "3 media, 5 artikel (2 salinan)");
    assert_eq!(text(Lang::Fr), "3 médias, 5 articles (dont 2 copies)");
    for lang in Lang::ALL {
        // Arabic says "two copies" in the dual, without a digit.
        let shown = numbers_in(&text(lang));
        assert!(shown.iter().all(|n| [3, 5, 2].contains(n)) && shown.starts_with(&[3, 5]), "{lang}: {shown:?}");
    }
    let one = cases().into_iter().find(|(n, _)| n == "support-one").unwrap().1;
    assert_eq!(render_entry(&one, Lang::En).support_text.as_deref(), Some("1 outlet, 1 article"));
    let none = entry("meeting", None, &[PRABOWO], None, "reported", false);
    assert_eq!(render_entry(&none, Lang::En).support_text, None, "no counts, no words");
}

#[test]
fn the_lede_is_told_again_from_the_rendered_summaries() {
    let meeting = entry("meeting", Some("2023-09-13"), &[PUTIN, KIM], None, "confirmed", false);
    let visit = entry("visit", Some("2023-09-12"), &[KIM, RUSIA], None, "confirmed", false);
    let timeline = vec![serde_json::to_value(&visit).unwrap(), serde_json::to_value(&meeting).unwrap()];
    let story = json!({
        "id": "s1", "title": "Judul", "articles": ["a.html"], "timeline": timeline,
        "lede": format!("{}. {}.", visit.summary, meeting.summary), "lede_entries": [0, 1],
        "first_date": "2023-09-12", "last_date": "2023-09-13", "outlets": [],
    });
    for lang in Lang::ALL {
        let out = warta_render::render_story(&story, lang);
        let summaries: Vec<&str> =
            out["timeline"].as_array().unwrap().iter().map(|e| e["summary"].as_str().unwrap()).collect();
        let lede = out["lede"].as_str().unwrap();
        // the rendered summaries, in the entries' order, and nothing else
        let at: Vec<usize> =
            summaries.iter().map(|s| lede.find(s).unwrap_or_else(|| panic!("{lang}: {lede}"))).collect();
        assert!(at[0] < at[1], "{lang}: {lede}");
        let stop = if matches!(lang, Lang::Zh | Lang::Ja) { "。" } else { "." };
        assert_eq!(
            lede.len(),
            summaries.iter().map(|s| s.len() + stop.len()).sum::<usize>() + if stop == "." { 1 } else { 0 },
            "{lang}: {lede}"
        );
    }
    assert_eq!(warta_render::render_story(&story, Lang::Id)["lede"], story["lede"]);
}

#[test]
fn a_happening_nobody_is_named_doing_is_told_with_the_unnamed_party_as_doer() {
    let mut e = entry("visit", Some("2024-02-14"), &[UNKNOWN], None, "confirmed", false);
    e.agents = Some(0);
    let en = render_entry(&e, Lang::En).summary;
    assert!(en.starts_with("An unnamed party visits Budi Santoso"), "{en}");
    let id = render_entry(&e, Lang::Id).summary;
    assert!(id.starts_with("Pihak yang tidak disebutkan mengunjungi Budi Santoso"), "{id}");
    // without the field (entries from before it) the first party is the doer, as before
    e.agents = None;
    assert!(render_entry(&e, Lang::En).summary.starts_with("Budi Santoso"));
}
