//! Timelines: the events of many articles merged into one entry per happening, with the
//! outlets behind each entry, its status over time and the places where sources disagree.
//!
//! Two events are the same happening when they have the same type, share their participants
//! (by gazetteer key or canonical name) and have compatible dates (equal, one containing the
//! other, or a day apart). Where the same type and participants carry dates that cannot both
//! be right (different days or months within a few months of each other), the date most
//! sources give wins and the others are listed in `conflicts` with who says them.
//! Background mentions (past events the article recalls) become entries marked `background`.

use crate::analysis::{Analysis, Event};
use serde::Serialize;
use std::collections::BTreeSet;

/// One timeline entry (`../shared/schema/stories.schema.json`, plus extensions).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    /// TIMEX3 value of the happening, or null when no source pins it.
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// One line built from the structured facts (Indonesian).
    pub summary: String,
    /// Canonical names.
    pub participants: Vec<String>,
    /// Gazetteer keys of the participants, aligned with `participants` (null where unknown):
    /// renderers use them for the names in other languages.
    pub participant_kb: Vec<Option<String>>,
    pub place: Option<String>,
    /// Sources of the articles that report it.
    pub supported_by: Vec<String>,
    /// Outlets behind those articles, where known.
    pub outlets: Vec<String>,
    /// The latest status any source gives (a plan later confirmed is `confirmed`).
    pub status: String,
    /// Every status with who gives it, in article order (a plan, then its confirmation).
    pub statuses: Vec<StatusBy>,
    /// Other dates sources give for the same happening.
    pub conflicts: Vec<Conflict>,
    /// A past event the articles recall, not news of the story itself.
    pub background: bool,
    /// Where each source says it.
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusBy {
    pub status: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Conflict {
    pub field: &'static str,
    pub value: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Evidence {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One event as seen from its article.
#[derive(Debug, Clone)]
struct Item<'a> {
    event: &'a Event,
    source: &'a str,
    outlet: Option<&'a str>,
    text: String,
    keys: BTreeSet<String>,
    names: Vec<String>,
    kbs: Vec<Option<String>>,
    background: bool,
}

/// Build the merged timeline of a set of articles (e.g. one story's), in date order; undated
/// entries last.
pub fn build(articles: &[&Analysis]) -> Vec<Entry> {
    let mut items: Vec<Item> = Vec::new();
    for a in articles {
        for ev in &a.events {
            let (keys, names, kbs) = participant_keys(a, ev);
            let background = ev.status == "background"
                || ev.extra.get("background").and_then(serde_json::Value::as_bool).unwrap_or(false);
            items.push(Item {
                event: ev,
                source: &a.source,
                outlet: a.outlet.as_deref(),
                text: excerpt(a, ev.evidence.start, ev.evidence.end),
                keys,
                names,
                kbs,
                background,
            });
        }
    }
    // Greedy clustering: each item joins the first group it is compatible with.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..items.len() {
        let found = groups.iter_mut().find(|g| g.iter().any(|&j| same_happening(&items[i], &items[j], false)));
        match found {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    // Groups of the same type and participants whose dates clash: one happening told two ways
    // when they are close in time; keep them apart when far (a second visit a year later).
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for g in groups {
        let target = merged
            .iter_mut()
            .find(|m| m.iter().any(|&j| g.iter().any(|&i| same_happening(&items[i], &items[j], true))));
        match target {
            Some(m) => m.extend(g),
            None => merged.push(g),
        }
    }
    let mut entries: Vec<Entry> = merged.iter().map(|g| entry(&items, g)).collect();
    entries.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    entries
}

/// The text of `[start, end)` from the article's paragraphs or captions (which keep their
/// spans into the original text); empty when the span is elsewhere.
pub fn excerpt(a: &Analysis, start: usize, end: usize) -> String {
    for p in &a.paragraphs {
        let mut off = 0;
        for s in &p.spans {
            if s.start <= start && start < s.end {
                let from = off + (start - s.start);
                let to = off + (end.min(s.end) - s.start);
                return p.text.get(from..to).unwrap_or_default().to_string();
            }
            off += s.len() + 1;
        }
    }
    for c in &a.captions {
        if c.start <= start && start < c.end {
            return c.text.get(start - c.start..end.min(c.end) - c.start).unwrap_or_default().to_string();
        }
    }
    String::new()
}

/// Participant identity: gazetteer keys where the event gives them, else canonical names.
fn participant_keys(a: &Analysis, ev: &Event) -> (BTreeSet<String>, Vec<String>, Vec<Option<String>>) {
    let mut keys = BTreeSet::new();
    let mut names = Vec::new();
    let mut kbs = Vec::new();
    for id in &ev.participants {
        let ent = a.entities.iter().find(|e| &e.id == id);
        let name = ent.map(|e| e.name.clone()).unwrap_or_else(|| id.clone());
        let kb = ent.and_then(|e| e.extra.get("kb")).and_then(serde_json::Value::as_str).map(str::to_string);
        keys.insert(kb.clone().unwrap_or_else(|| format!("name:{}", name.to_lowercase())));
        if !names.contains(&name) {
            names.push(name);
            kbs.push(kb);
        }
    }
    if let Some(list) = ev.extra.get("participant_names").and_then(serde_json::Value::as_array)
        && names.is_empty()
    {
        for n in list.iter().filter_map(serde_json::Value::as_str) {
            keys.insert(format!("name:{}", n.to_lowercase()));
            names.push(n.to_string());
            kbs.push(None);
        }
    }
    (keys, names, kbs)
}

/// Same type; participants overlap (one set contains the other, or they share at least two);
/// dates compatible — or, with `clash`, dates that differ but lie within 90 days.
fn same_happening(a: &Item, b: &Item, clash: bool) -> bool {
    if a.event.kind != b.event.kind || a.background != b.background {
        return false;
    }
    let shared = a.keys.intersection(&b.keys).count();
    let participants_match = shared > 0 && (a.keys.is_subset(&b.keys) || b.keys.is_subset(&a.keys) || shared >= 2);
    if !participants_match {
        return false;
    }
    match (a.event.date.as_deref(), b.event.date.as_deref()) {
        (Some(x), Some(y)) => {
            if clash {
                !compatible(x, y) && within_days(x, y, 90)
            } else {
                compatible(x, y)
            }
        }
        // An undated mention joins a dated one only when nothing else could be meant.
        _ => !clash && a.keys == b.keys,
    }
}

/// Equal, one a prefix of the other (2023-09 contains 2023-09-13), or days one apart.
fn compatible(x: &str, y: &str) -> bool {
    if x == y || x.starts_with(y) || y.starts_with(x) {
        return true;
    }
    within_days(x, y, 1) && x.len() == 10 && y.len() == 10
}

fn within_days(x: &str, y: &str, days: i32) -> bool {
    let (Some(a), Some(b)) = (first_day(x), first_day(y)) else { return false };
    a.since(b).is_ok_and(|s| s.get_days().abs() <= days)
}

/// The first day a TIMEX3 date value covers (`2023`, `2023-09`, `2023-09-13`, `2023-09-13TMO`).
fn first_day(v: &str) -> Option<jiff::civil::Date> {
    let v = v.get(..10).unwrap_or(v);
    match v.len() {
        10 => v.parse().ok(),
        7 => format!("{v}-01").parse().ok(),
        4 => format!("{v}-01-01").parse().ok(),
        _ => None,
    }
}

fn entry(items: &[Item], group: &[usize]) -> Entry {
    let first = &items[group[0]];
    // Date: the value most sources give, the more precise on a tie; other values that are not
    // compatible with it are conflicts.
    let mut votes: Vec<(String, Vec<String>)> = Vec::new();
    for &i in group {
        if let Some(d) = &items[i].event.date {
            match votes.iter_mut().find(|(v, _)| v == d) {
                Some((_, s)) => push_unique(s, items[i].source),
                None => votes.push((d.clone(), vec![items[i].source.to_string()])),
            }
        }
    }
    votes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(b.0.len().cmp(&a.0.len())));
    let date = votes.first().map(|v| v.0.clone());
    let conflicts = votes
        .iter()
        .skip(1)
        .filter(|(v, _)| date.as_deref().is_some_and(|d| !compatible(d, v)))
        .map(|(v, s)| Conflict { field: "date", value: Some(v.clone()), sources: s.clone() })
        .collect();
    let mut participants: Vec<String> = Vec::new();
    let mut participant_kb: Vec<Option<String>> = Vec::new();
    let mut supported_by: Vec<String> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    let mut statuses: Vec<StatusBy> = Vec::new();
    let mut evidence = Vec::new();
    let mut place = None;
    for &i in group {
        let it = &items[i];
        for (n, kb) in it.names.iter().zip(&it.kbs) {
            if !participants.contains(n) {
                participants.push(n.clone());
                participant_kb.push(kb.clone());
            }
        }
        push_unique(&mut supported_by, it.source);
        if let Some(o) = it.outlet {
            push_unique(&mut outlets, o);
        }
        let sb = StatusBy { status: it.event.status.clone(), source: it.source.to_string() };
        if !statuses.contains(&sb) {
            statuses.push(sb);
        }
        if place.is_none() {
            place = it.event.place.clone();
        }
        evidence.push(Evidence {
            source: it.source.to_string(),
            start: it.event.evidence.start,
            end: it.event.evidence.end,
            text: it.text.clone(),
        });
    }
    let status = strongest_status(&statuses);
    let background = first.background;
    let summary = summary(&first.event.kind, &participants, place.as_deref(), date.as_deref(), &status, background);
    Entry {
        date,
        kind: first.event.kind.clone(),
        summary,
        participants,
        participant_kb,
        place,
        supported_by,
        outlets,
        status,
        statuses,
        conflicts,
        background,
        evidence,
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A confirmation outranks a report, a report outranks a plan or a hedge: the entry shows the
/// surest word any source gives, and `statuses` keeps every one.
fn strongest_status(statuses: &[StatusBy]) -> String {
    const ORDER: [&str; 8] =
        ["confirmed", "denied", "reported", "planned", "unconfirmed", "speculated", "conditional", "background"];
    statuses
        .iter()
        .min_by_key(|s| ORDER.iter().position(|o| *o == s.status).unwrap_or(ORDER.len()))
        .map(|s| s.status.clone())
        .unwrap_or_else(|| "reported".to_string())
}

/// An Indonesian line from the facts: who, what, where, when, how sure.
pub fn summary(
    kind: &str,
    participants: &[String],
    place: Option<&str>,
    date: Option<&str>,
    status: &str,
    background: bool,
) -> String {
    let who = join_id(participants);
    let other = participants.get(1..).map(join_id).unwrap_or_default();
    let first = participants.first().cloned().unwrap_or_else(|| "Pihak yang tidak disebutkan".to_string());
    let kind_norm = kind.to_lowercase().replace(['/', '-', ' '], "_");
    let mut line = match kind_norm.as_str() {
        "visit" | "travel" | "visit_travel" => match place {
            Some(p) => format!("{first} berkunjung ke {p}"),
            None if !other.is_empty() => format!("{first} mengunjungi {other}"),
            None => format!("{first} melakukan kunjungan"),
        },
        "meeting" | "summit" | "meeting_summit" => {
            if other.is_empty() {
                format!("{first} menggelar pertemuan")
            } else {
                format!("{first} bertemu {other}")
            }
        }
        "statement" | "message" | "statement_message" => {
            if other.is_empty() {
                format!("{first} menyampaikan pernyataan")
            } else {
                format!("{first} menyampaikan pesan kepada {other}")
            }
        }
        "invitation" => format!("{first} mengundang {}", if other.is_empty() { "pihak lain".into() } else { other }),
        "announcement" => format!("{first} mengumumkan sebuah keputusan"),
        "accusation" => {
            if other.is_empty() {
                format!("{first} melontarkan tuduhan")
            } else {
                format!("{first} menuduh {other}")
            }
        }
        "denial" => format!("{first} membantah tuduhan"),
        "sanction" | "sanctions" => {
            if other.is_empty() {
                format!("{first} menjatuhkan sanksi")
            } else {
                format!("{first} menjatuhkan sanksi terhadap {other}")
            }
        }
        "veto" => format!("{first} menggunakan hak veto"),
        "arms_transfer" | "arms" => {
            if other.is_empty() {
                format!("{first} mengirim senjata")
            } else {
                format!("{first} mengirim senjata ke {other}")
            }
        }
        "agreement" => format!("{who} mencapai kesepakatan"),
        "military_activity" | "military" | "test" | "parade" => format!("{first} menggelar kegiatan militer"),
        _ => format!("{who}: {kind}"),
    };
    if let Some(p) = place
        && !kind_norm.starts_with("visit")
        && !kind_norm.starts_with("travel")
    {
        line.push_str(&format!(" di {p}"));
    }
    if let Some(d) = date {
        line.push(' ');
        line.push_str(&date_phrase_id(d));
    }
    let note = match status {
        _ if background => Some("latar belakang"),
        "planned" => Some("direncanakan"),
        "speculated" => Some("diperkirakan"),
        "unconfirmed" => Some("belum dikonfirmasi"),
        "denied" => Some("dibantah"),
        "conditional" => Some("bersyarat"),
        _ => None,
    };
    if let Some(n) = note {
        line.push_str(&format!(" ({n})"));
    }
    line
}

fn join_id(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} dan {b}"),
        [rest @ .., last] => format!("{}, dan {last}", rest.join(", ")),
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "pada 13 September 2023", "pada September 2023", "pada 2023", "pada pekan ke-25 2024".
pub fn date_phrase_id(v: &str) -> String {
    let bytes = v.as_bytes();
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<usize>().ok());
    if v.len() >= 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
        && (1..=12).contains(&m)
    {
        return format!("pada {d} {} {y}", MONTHS_ID[m - 1]);
    }
    if v.len() == 7
        && let (Some(y), Some(m)) = (num(0..4), num(5..7))
        && (1..=12).contains(&m)
    {
        return format!("pada {} {y}", MONTHS_ID[m - 1]);
    }
    if let (Some(y), Some(w)) = (
        num(0..4),
        v.get(5..).and_then(|s| s.strip_prefix('W')).and_then(|s| s.get(..2)).and_then(|s| s.parse::<usize>().ok()),
    ) {
        return format!("pada pekan ke-{w} {y}");
    }
    if v.len() == 4 && num(0..4).is_some() {
        return format!("pada {v}");
    }
    format!("({v})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Entity, Span};

    fn entity(id: &str, name: &str, kb: &str) -> Entity {
        let mut extra = serde_json::Map::new();
        extra.insert("kb".into(), kb.into());
        Entity { id: id.into(), kind: "PER".into(), name: name.into(), mentions: vec![], extra }
    }

    fn event(kind: &str, date: Option<&str>, who: &[&str], status: &str) -> Event {
        Event {
            kind: kind.into(),
            date: date.map(String::from),
            participants: who.iter().map(|s| s.to_string()).collect(),
            place: None,
            status: status.into(),
            evidence: Span::new(0, 10),
            extra: serde_json::Map::new(),
        }
    }

    fn article(source: &str, outlet: Option<&str>, events: Vec<Event>) -> Analysis {
        Analysis {
            source: source.into(),
            outlet: outlet.map(String::from),
            dateline: None,
            published: None,
            title: None,
            authors: vec![],
            editors: vec![],
            body: vec![],
            removed: vec![],
            entities: vec![entity("e1", "Ani Wijaya", "per:ani"), entity("e2", "Budi Santoso", "per:budi")],
            times: vec![],
            quotes: vec![],
            sources: vec![],
            events,
            paragraphs: vec![],
            captions: vec![],
            credits: vec![],
            disclaimers: vec![],
            encoding: "utf-8".into(),
            diagnostics: vec![],
        }
    }

    #[test]
    fn same_happening_across_outlets_is_one_entry() {
        let a = article("a.txt", Some("Kabar"), vec![event("meeting", Some("2024-05-02"), &["e1", "e2"], "planned")]);
        let b = article("b.txt", Some("Warta"), vec![event("meeting", Some("2024-05-02"), &["e2", "e1"], "confirmed")]);
        let t = build(&[&a, &b]);
        assert_eq!(t.len(), 1);
        let e = &t[0];
        assert_eq!(e.supported_by, ["a.txt", "b.txt"]);
        assert_eq!(e.outlets, ["Kabar", "Warta"]);
        assert_eq!(e.status, "confirmed", "a plan later confirmed shows as confirmed");
        assert_eq!(e.statuses.len(), 2);
        assert_eq!(e.summary, "Ani Wijaya bertemu Budi Santoso pada 2 Mei 2024");
        assert!(e.conflicts.is_empty());
    }

    #[test]
    fn a_month_and_a_day_inside_it_agree() {
        let a = article("a", None, vec![event("visit", Some("2024-05"), &["e1"], "reported")]);
        let b = article("b", None, vec![event("visit", Some("2024-05-14"), &["e1"], "reported")]);
        let t = build(&[&a, &b]);
        assert_eq!(t.len(), 1);
        assert!(t[0].conflicts.is_empty());
    }

    #[test]
    fn clashing_dates_become_a_conflict() {
        let a = article("a", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let b = article("b", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let c = article("c", None, vec![event("meeting", Some("2023-08"), &["e1", "e2"], "reported")]);
        let t = build(&[&a, &b, &c]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date.as_deref(), Some("2023-09-13"));
        assert_eq!(
            t[0].conflicts,
            vec![Conflict { field: "date", value: Some("2023-08".into()), sources: vec!["c".into()] }]
        );
    }

    #[test]
    fn far_apart_dates_are_separate_happenings() {
        let a = article("a", None, vec![event("visit", Some("2019-04-25"), &["e1"], "reported")]);
        let b = article("b", None, vec![event("visit", Some("2023-09-12"), &["e1"], "reported")]);
        let t = build(&[&a, &b]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].date.as_deref(), Some("2019-04-25"), "date order");
    }

    #[test]
    fn background_is_marked() {
        let mut ev = event("visit", Some("2019-04-25"), &["e1"], "background");
        ev.place = Some("Vladivostok".into());
        let t = build(&[&article("a", None, vec![ev])]);
        assert!(t[0].background);
        assert_eq!(t[0].summary, "Ani Wijaya berkunjung ke Vladivostok pada 25 April 2019 (latar belakang)");
    }

    #[test]
    fn date_phrases() {
        assert_eq!(date_phrase_id("2023-09"), "pada September 2023");
        assert_eq!(date_phrase_id("2023"), "pada 2023");
        assert_eq!(date_phrase_id("2024-W25"), "pada pekan ke-25 2024");
        assert_eq!(date_phrase_id("2023-09-12TMO"), "pada 12 September 2023");
    }
}
