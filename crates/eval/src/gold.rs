//! Scoring the events stage on a gold file (the self-written `tests/golden/events/gold.json`;
//! no public gold exists for Indonesian event frames). Pure: the caller reads the file.
//!
//! A predicted event matches a gold event when the type is the same and the participant
//! names are the same set. Precision and recall are over those matches; `strict` cases also
//! pin place, date, status, `negated` and `background` and report every difference.

use serde::Deserialize;
use std::collections::BTreeMap;
use warta_engine::analysis::{Caption, Event, EventStatus, EventType};

#[derive(Debug, Deserialize)]
struct GoldFile {
    cases: Vec<GoldCase>,
}

/// One gold case: a text, its reference date and the events it states.
#[derive(Debug, Deserialize)]
pub struct GoldCase {
    pub id: String,
    pub text: String,
    pub reference_date: Option<String>,
    #[serde(default)]
    pub strict: bool,
    /// Analyse the text as a photo caption.
    #[serde(default)]
    pub caption: bool,
    pub events: Vec<GoldEvent>,
}

/// One gold event. Fields left out are not checked.
#[derive(Debug, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub status: Option<EventStatus>,
    pub negated: Option<bool>,
    pub background: Option<bool>,
}

/// Counts for one event type.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The result of scoring a gold file.
#[derive(Debug, Default)]
pub struct Report {
    pub cases: usize,
    pub total: Counts,
    pub by_type: BTreeMap<EventType, Counts>,
    /// Human-readable differences: missed and spurious events, strict field mismatches.
    pub misses: Vec<String>,
    /// Differences in strict cases only (these must be empty for the test to pass).
    pub strict_failures: Vec<String>,
    /// A baseline on the same triggers: every event takes all named, non-media entities of
    /// its text as participants (what the argument grammar adds over co-occurrence).
    pub baseline: Counts,
}

fn names(e: &Event) -> Vec<String> {
    let mut v = e.participant_names.clone();
    v.sort();
    v
}

/// The events of one case's text and the names of all its non-media entities.
pub fn events_of(case: &GoldCase) -> (Vec<Event>, Vec<String>) {
    let decoded = warta_engine::decode(case.text.as_bytes()).expect("a string decodes");
    let opts = warta_engine::Options { reference_date: case.reference_date.as_deref().and_then(|d| d.parse().ok()) };
    let a = warta_engine::analyze(&case.id, &decoded, &opts);
    let mut all: Vec<String> = a.entities.iter().filter(|e| !e.is_media()).map(|e| e.name.clone()).collect();
    all.sort();
    if !case.caption {
        return (a.events, all);
    }
    let cap = Caption { text: case.text.clone(), start: 0, end: case.text.len(), credit: None };
    let anchor = warta_engine::events::Anchor::new(opts.reference_date, a.published.as_ref());
    (warta_engine::events::extract(&case.text, &[], &[cap], &a.entities, &a.times, &a.quotes, &anchor), all)
}

/// Score every case of a gold file (its JSON text).
pub fn score(gold_json: &str) -> Result<Report, serde_json::Error> {
    let gold: GoldFile = serde_json::from_str(gold_json)?;
    let mut r = Report { cases: gold.cases.len(), ..Report::default() };
    for case in &gold.cases {
        let (pred, all) = events_of(case);
        // the co-occurrence baseline
        let mut base_used = vec![false; pred.len()];
        for g in &case.events {
            let mut want = g.participants.clone();
            want.sort();
            match pred.iter().enumerate().find(|(i, p)| !base_used[*i] && p.kind == g.kind && all == want) {
                Some((i, _)) => {
                    base_used[i] = true;
                    r.baseline.tp += 1;
                }
                None => r.baseline.fn_ += 1,
            }
        }
        r.baseline.fp += base_used.iter().filter(|u| !**u).count();
        let mut used = vec![false; pred.len()];
        let fail = |msg: String, r: &mut Report| {
            if case.strict {
                r.strict_failures.push(msg.clone());
            }
            r.misses.push(msg);
        };
        for g in &case.events {
            let mut want = g.participants.clone();
            want.sort();
            let hit = pred.iter().enumerate().find(|(i, p)| !used[*i] && p.kind == g.kind && names(p) == want);
            let c = r.by_type.entry(g.kind).or_default();
            let Some((i, p)) = hit else {
                c.fn_ += 1;
                r.total.fn_ += 1;
                let got: Vec<String> = pred.iter().map(|p| format!("{} {:?}", p.kind, names(p))).collect();
                fail(format!("{}: missed {} {:?} (got {:?})", case.id, g.kind, want, got), &mut r);
                continue;
            };
            used[i] = true;
            c.tp += 1;
            r.total.tp += 1;
            let mut check = |field: &str, want: Option<String>, got: Option<String>| {
                if let Some(w) = want
                    && Some(&w) != got.as_ref()
                {
                    fail(format!("{}: {} {field}: want {w:?}, got {got:?}", case.id, g.kind), &mut r);
                }
            };
            check("place", g.place.clone(), p.place.clone());
            check("date", g.date.clone(), p.date.clone());
            check("status", g.status.map(|s| s.to_string()), Some(p.status.to_string()));
            check("negated", g.negated.map(|b| b.to_string()), Some(p.negated.to_string()));
            check("background", g.background.map(|b| b.to_string()), Some(p.background.to_string()));
        }
        for (i, p) in pred.iter().enumerate() {
            if !used[i] {
                r.by_type.entry(p.kind).or_default().fp += 1;
                r.total.fp += 1;
                fail(format!("{}: spurious {} {:?}", case.id, p.kind, names(p)), &mut r);
            }
        }
    }
    Ok(r)
}
