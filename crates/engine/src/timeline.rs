//! Timelines: the events of many articles merged into one entry per happening, with the
//! outlets behind each entry, its status over time and the places where sources disagree.
//!
//! **Same happening.** Two events are one happening when they have the same type, their
//! participants overlap (by gazetteer key or canonical name: one set inside the other, two
//! shared, or the same resolved participants with only unresolved names differing), their
//! places do not contradict each other, and their dates are compatible (equal, one containing
//! the other, or days one apart). A negated event ("batal berkunjung") is never the same as a
//! positive one. Dated events are grouped first: an event joins a group only when its date is
//! compatible with every date there, so a month never gathers two different days. An undated mention
//! then joins the nearest dated happening on the side of its article's date its status points
//! to (a plan: on or after; a report or a recollection: on or before; within a year), or else
//! other undated mentions of the same happening.
//!
//! **Conflicts.** Groups of the same type and participants whose dates cannot both be right
//! (different days, or a month that excludes the day) are one happening told two ways when
//! no article gives both dates (an article does not contradict itself), their places agree
//! and the dates lie within [`CLASH_DAYS`] of each other ([`CLASH_DAYS_BOTH_DAYS`] for two days). The entry keeps the date most sources
//! support (a month supports the day inside it; the more precise on a tie) and lists every
//! other date in `conflicts` with its precision, its sources and their evidence. Dates further
//! apart stay separate happenings (a second visit a year later).
//!
//! **Status.** `status` is the surest word any source gives; `statuses` keeps every source's
//! word with the article's date (`as_of`), in date order, so a plan reported in one article and
//! confirmed in a later one reads planned → confirmed. Background mentions (past events an
//! article recalls) become entries marked `background` unless a source reports the happening
//! itself.
//!
//! **Corroboration.** Copies are not independent support. Before grouping, the articles with
//! events are sorted into copy groups by their body text ([`crate::dedup::originals`]: the
//! same normalised text, or a near duplicate at estimated shingle Jaccard ≥
//! [`crate::dedup::NEAR_COPY`], the same article scraped under two URLs or one report
//! syndicated to other outlets). Each entry's [`Corroboration`] counts its supporting
//! articles, their distinct outlets and their distinct original reports (copy groups), and
//! lists every group of copies under its original (the earliest article of the group). Date
//! support is counted by original report too, so copies never outvote an independent source.
//!
//! **Noise cut.** An event whose only participant is its own place ("X berkunjung ke X") is
//! not a happening and is left out; so is one that tells no date, no party and no place
//! ([`unplaced`]): it stays in its article's analysis.
//!
//! [`for_entity`] gathers the happenings one entity takes part in (or that take place there)
//! across stories, merged the same way, each entry carrying its story ids.

use crate::analysis::{Analysis, DateSource, EntityKind, Event, EventStatus, EventType, Relation, TimeMod};
use crate::dedup;
use crate::entities::gazetteer;
use crate::variants::Variants;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Bumped whenever the merge rules or the entry fields change: stores key their cached
/// timelines by it, so a new warta recomputes them.
pub const VERSION: u32 = 8;

/// Two incompatible dates of one happening lie at most this many days apart (gap between the
/// periods they name) when one of them is coarser than a day ("Agustus 2023" against
/// 13 September 2023); further apart they are two happenings.
pub const CLASH_DAYS: i32 = 45;

/// Two different days of one happening lie at most this many days apart.
pub const CLASH_DAYS_BOTH_DAYS: i32 = 10;

/// An undated mention joins a dated happening at most this many days from its article's date.
pub const UNDATED_REACH_DAYS: i32 = 366;

/// One timeline entry (`../shared/schema/stories.schema.json`, plus extensions).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// TIMEX3 value of the happening, or null when no source pins it.
    pub date: Option<String>,
    /// Precision of `date`: day, month, year, week or other; null when undated.
    #[serde(default)]
    pub date_precision: Option<DatePrecision>,
    #[serde(rename = "type")]
    pub kind: EventType,
    /// One line built from the structured facts (Indonesian).
    pub summary: String,
    /// Canonical names.
    pub participants: Vec<String>,
    /// Gazetteer keys of the participants, aligned with `participants` (null where unknown):
    /// renderers use them for the names in other languages.
    pub participant_kb: Vec<Option<String>>,
    /// How many of `participants`, from the first, did the happening (its agents): 0 when no
    /// source names who did it ("SPBU itu dikunjungi"), so no party is told as the doer. Null
    /// in entries written before this field (read as: the first acted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agents: Option<usize>,
    pub place: Option<String>,
    /// Sources of the articles that report it.
    pub supported_by: Vec<String>,
    /// Outlets behind those articles, where known.
    pub outlets: Vec<String>,
    /// The supporters counted by outlet and by original report, with the copies grouped.
    #[serde(default)]
    pub corroboration: Corroboration,
    /// The surest status any source gives (a plan later confirmed is `confirmed`).
    pub status: EventStatus,
    /// Every status with who gives it and the date of that article, in date order (a plan,
    /// then its confirmation).
    pub statuses: Vec<StatusBy>,
    /// Other dates sources give for the same happening.
    pub conflicts: Vec<Conflict>,
    /// A past event the articles recall, not news of the story itself.
    pub background: bool,
    /// Where each source says it.
    pub evidence: Vec<Evidence>,
    /// The story of the first supporting article (set by [`build_members`] / [`for_entity`]
    /// when the members carry story ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Every story a supporting article belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<String>,
    /// Who said what about this happening: bare statements (type `statement`) of its articles
    /// told beside it rather than as entries of their own ([`attach_statements`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<Entry>,
}

/// How independent the support of an entry is: its articles counted by outlet and by
/// original report, copies (exact, near-duplicate or syndicated texts) counted once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Corroboration {
    /// Distinct outlets behind the supporting articles (those whose outlet is known).
    pub outlets: usize,
    /// Supporting articles (`supported_by`).
    pub articles: usize,
    /// Distinct original reports among them: `articles - copies`.
    pub reports: usize,
    /// Supporting articles that copy another supporting article.
    pub copies: usize,
    /// Each original report that has copies among the supporters, with them.
    pub copy_groups: Vec<CopyGroup>,
}

/// One original report and its copies among an entry's supporters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct CopyGroup {
    /// The source of the original: the earliest article of the group by its date, then the
    /// first in input order.
    pub original: String,
    /// The sources of its copies, in input order.
    pub copies: Vec<String>,
    /// Whether every copy has the original's text exactly (after normalisation) or some only
    /// nearly.
    pub kind: CopyKind,
    /// The outlets the group appears under, where known (two or more: a syndicated report).
    pub outlets: Vec<String>,
}

/// How closely copies match their original.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// The same text once normalised (the same article scraped twice).
    #[default]
    Exact,
    /// A near duplicate (a syndicated copy with another lead or footer).
    Near,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StatusBy {
    pub status: EventStatus,
    pub source: String,
    /// The date of the article that says it (its publication day or earliest day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A value some sources give that contradicts the entry's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Conflict {
    /// The field the sources disagree on.
    pub field: ConflictField,
    /// The other value.
    pub value: Option<String>,
    /// Its precision (day, month, year, week, other).
    #[serde(default)]
    pub precision: Option<DatePrecision>,
    /// The time expression says it is approximate ("sekitar Agustus").
    #[serde(default)]
    pub approximate: bool,
    /// Who gives it.
    pub sources: Vec<String>,
    /// Where they say it.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Evidence {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

crate::names! {
    /// How precise a TIMEX3 value is, as a timeline reads it.
    pub enum DatePrecision {
        Day = "day",
        Week = "week",
        Month = "month",
        Year = "year",
        /// A reference such as PRESENT_REF, a season or a decade.
        Other = "other",
    }
}

crate::names! {
    /// A field of an entry that sources can disagree on.
    pub enum ConflictField {
        Date = "date",
    }
}

impl Conflict {
    /// Another value for `field`, with no supporter yet.
    pub fn new(field: ConflictField, value: Option<String>, precision: Option<DatePrecision>) -> Self {
        Conflict { field, value, precision, approximate: false, sources: Vec::new(), evidence: Vec::new() }
    }
}

/// One article of a timeline, with the story it belongs to (if known).
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub analysis: &'a Analysis,
    pub story: Option<&'a str>,
}

/// What a timeline build left out, for measuring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BuildStats {
    /// Events read.
    pub events: usize,
    /// Events left out because their only participant is their own place.
    pub self_place: usize,
    /// Events left out because they tell no when, no who and no where ("pemeriksaan" with no
    /// date, party or place): nothing to place on a time axis or to tell an analyst.
    pub unplaced: usize,
    /// Entries made.
    pub entries: usize,
    /// Entries carrying a date conflict.
    pub conflicts: usize,
}

/// An entity whose timeline is wanted: a gazetteer key and/or a canonical name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityKey {
    pub kb: Option<String>,
    pub name: String,
}

impl EntityKey {
    /// From what a user types: a gazetteer key (`KP`, `per:putin`), a name or alias the
    /// gazetteer knows (`Korut` → Korea Utara), or any other canonical name (kept as given).
    pub fn resolve(text: &str) -> EntityKey {
        let text = text.trim();
        if let Some(g) = gazetteer::get(text) {
            return EntityKey { kb: Some(g.key.to_string()), name: g.name.to_string() };
        }
        let found = gazetteer::lookup(text);
        // An ambiguous alias (one name, several rows) names none of them.
        match found.as_slice() {
            [g] => EntityKey { kb: Some(g.key.to_string()), name: g.name.to_string() },
            _ => EntityKey { kb: None, name: text.to_string() },
        }
    }

    /// Does a participant (or place) with this gazetteer key and name stand for the entity?
    pub fn matches(&self, kb: Option<&str>, name: &str) -> bool {
        match (&self.kb, kb) {
            (Some(a), Some(b)) => a == b,
            _ => normalise(name) == normalise(&self.name),
        }
    }
}

fn normalise(name: &str) -> String {
    name.to_lowercase().replace(['-', '‐'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which way an undated mention points from its article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// planned, speculated, conditional: the happening is on or after the article.
    Future,
    /// confirmed, reported, denied, background: on or before it.
    Past,
    /// unconfirmed and other words: either side.
    Any,
}

/// One event as seen from its article.
#[derive(Debug, Clone)]
struct Item<'a> {
    /// Position in article/event order (the order entries list their sources in).
    order: usize,
    event: &'a Event,
    source: &'a str,
    outlet: Option<&'a str>,
    /// The member number of the original report the article is a copy of (its own when it
    /// copies none).
    report: usize,
    /// The hash of the article's normalised body (equal for exact copies).
    text_hash: u64,
    story: Option<&'a str>,
    /// The article's date.
    as_of: Option<Date>,
    text: String,
    keys: BTreeSet<String>,
    names: Vec<String>,
    kbs: Vec<Option<String>>,
    /// How many of `names`, from the first, are the event's agents.
    agents: usize,
    place_key: Option<String>,
    /// First and last day the date names (None: undated or not a calendar period).
    span: Option<(Date, Date)>,
    approximate: bool,
    background: bool,
    negated: bool,
    /// Dated by the article's own date (a statement with no time of its own): no claim about
    /// when, so never a conflict.
    by_reference: bool,
}

impl Item<'_> {
    fn direction(&self) -> Direction {
        if self.background {
            return Direction::Past;
        }
        match self.event.status {
            EventStatus::Planned | EventStatus::Speculated | EventStatus::Conditional => Direction::Future,
            EventStatus::Confirmed | EventStatus::Reported | EventStatus::Denied => Direction::Past,
            EventStatus::Unconfirmed | EventStatus::Background => Direction::Any,
        }
    }
}

/// Whether an event tells no when, no who and no where: no date, no party, no place
/// ("pemeriksaan", "program" with nothing about them). It stays in its article's analysis but
/// makes no timeline entry: there is nothing to place on the axis or to tell an analyst, and
/// as an entry it only hid the statements told beside it.
pub fn unplaced(ev: &Event) -> bool {
    ev.date.is_none() && ev.participants.is_empty() && ev.place.is_none() && ev.place_kb.is_none()
}

/// A story's lede: the summaries of its key entries, joined in date order, and which entries
/// (indices into `entries`) they are, so a renderer can rebuild it from the summaries in
/// another language. Key entries: up to [`LEDE_ENTRIES`] not in the background, happenings
/// before bare statements, with a named party before without, what happened before plans,
/// guesses and conditions, then the most original reports, the most articles, the earliest.
/// None when every entry is background.
pub fn lede(entries: &[Entry]) -> Option<(String, Vec<usize>)> {
    let mut ranked: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].background).collect();
    ranked.sort_by_key(|&i| {
        let e = &entries[i];
        (
            e.kind == EventType::Statement,
            // someone named did it, and it happened (not a plan, a guess or a condition)
            e.participants.is_empty(),
            matches!(e.status, EventStatus::Planned | EventStatus::Speculated | EventStatus::Conditional),
            std::cmp::Reverse(e.corroboration.reports.max(1)),
            std::cmp::Reverse(e.supported_by.len()),
            i,
        )
    });
    ranked.truncate(LEDE_ENTRIES);
    // entries come in date order: their indices keep it
    ranked.sort_unstable();
    if ranked.is_empty() {
        return None;
    }
    let text = ranked.iter().map(|&i| format!("{}.", entries[i].summary)).collect::<Vec<_>>().join(" ");
    Some((text, ranked))
}

/// How many entries a story's lede tells.
pub const LEDE_ENTRIES: usize = 3;

/// Build the merged timeline of a set of articles (e.g. one story's), in date order; undated
/// entries last.
pub fn build(articles: &[&Analysis]) -> Vec<Entry> {
    let members: Vec<Member> = articles.iter().map(|a| Member { analysis: a, story: None }).collect();
    build_members(&members)
}

/// [`build`] over articles that carry their story ids (each entry then names its stories).
pub fn build_members(members: &[Member]) -> Vec<Entry> {
    build_with_stats(members, None).0
}

/// The timeline of one entity across the stories of `members`: the happenings it takes part
/// in (as a participant, or as the place), merged the same way as a story's, in date order,
/// each entry carrying its story ids.
pub fn for_entity(members: &[Member], key: &EntityKey) -> Vec<Entry> {
    build_with_stats(members, Some(key)).0
}

/// [`build`] with the story's name variants already joined ([`Variants::build`] over the same
/// articles), for a caller that also shows them.
pub fn build_with_variants(articles: &[&Analysis], variants: &Variants) -> Vec<Entry> {
    let members: Vec<Member> = articles.iter().map(|a| Member { analysis: a, story: None }).collect();
    build_from(&members, members.len(), None, variants).0
}

/// [`build_with_variants`] with witnesses: articles outside the story (other stories' articles
/// about the same actors) that support nothing here but can disagree. When a witness tells one
/// of the story's happenings with a clashing date (the same rule that merges clashing groups
/// within a story: same type and actors, places that agree, dates apart within reach), the
/// entry carries that date as a conflict naming the witness. The story's own entries, their
/// support and dates are exactly those of [`build_with_variants`].
pub fn build_with_witnesses(articles: &[&Analysis], witnesses: &[&Analysis], variants: &Variants) -> Vec<Entry> {
    let members: Vec<Member> = articles.iter().map(|a| Member { analysis: a, story: None }).collect();
    build_members_with_witnesses(&members, witnesses, variants)
}

/// [`build_with_witnesses`] over members that each carry their story: the story's own members,
/// and articles of other stories that can disagree but support nothing.
pub fn build_members_with_witnesses(members: &[Member], witnesses: &[&Analysis], variants: &Variants) -> Vec<Entry> {
    let mut all = members.to_vec();
    all.extend(witnesses.iter().map(|&a| Member { analysis: a, story: None }));
    build_from(&all, members.len(), None, variants).0
}

/// [`build_members`] (or [`for_entity`] with `key`) and what it left out.
pub fn build_with_stats(members: &[Member], key: Option<&EntityKey>) -> (Vec<Entry>, BuildStats) {
    // One actor, one name across the story's articles; an entity timeline spans many stories,
    // where a short name can mean several people, so it keeps each article's names.
    let variants = match key {
        None => Variants::build(members.iter().map(|m| m.analysis)),
        Some(_) => Variants::default(),
    };
    build_from(members, members.len(), key, &variants)
}

/// The timeline of `members[..own]`; `members[own..]` are witnesses
/// ([`build_with_witnesses`]).
fn build_from(
    members: &[Member],
    own: usize,
    key: Option<&EntityKey>,
    variants: &Variants,
) -> (Vec<Entry>, BuildStats) {
    let mut stats = BuildStats::default();
    let mut items: Vec<Item> = Vec::new();
    // Per item: the member it comes from (its report is filled in below).
    let mut member_of: Vec<usize> = Vec::new();
    for (n, m) in members.iter().enumerate() {
        let a = m.analysis;
        let as_of = crate::calendar::article_date(a);
        for ev in &a.events {
            stats.events += 1;
            let (keys, names, kbs, agents) = participant_keys(a, ev, variants);
            let place_kb = ev.place_kb.as_deref();
            let place_key =
                place_kb.map(str::to_string).or_else(|| ev.place.as_ref().map(|p| format!("name:{}", normalise(p))));
            if let Some(pk) = &place_key
                && !keys.is_empty()
                && keys.iter().all(|k| k == pk)
            {
                stats.self_place += 1;
                continue;
            }
            if unplaced(ev) {
                stats.unplaced += 1;
                continue;
            }
            if let Some(key) = key {
                let in_it = names.iter().zip(&kbs).any(|(n, kb)| key.matches(kb.as_deref(), n))
                    || ev.place.as_deref().is_some_and(|p| key.matches(place_kb, p));
                if !in_it {
                    continue;
                }
            }
            let background = ev.status == EventStatus::Background || ev.background;
            items.push(Item {
                order: items.len(),
                event: ev,
                source: &a.source,
                outlet: a.outlet.as_deref(),
                report: n,
                text_hash: 0,
                story: m.story,
                as_of,
                text: excerpt(a, ev.evidence.start, ev.evidence.end),
                keys,
                names,
                kbs,
                agents,
                place_key,
                span: ev.date.as_deref().and_then(period),
                approximate: approximate(a, ev),
                background,
                negated: ev.negated,
                by_reference: ev.date_source == DateSource::Reference,
            });
            member_of.push(n);
        }
    }
    // Copies among the articles that give items (an entity timeline reads only its own).
    let mut used = vec![false; members.len()];
    for &n in &member_of {
        used[n] = true;
    }
    let copies = copies_of(members, &used);
    for (it, &n) in items.iter_mut().zip(&member_of) {
        (it.report, it.text_hash) = copies[n];
    }
    // Items come in member order: the story's own first, then the witnesses'.
    let own_items = member_of.iter().take_while(|&&n| n < own).count();
    let groups = cluster(&items[..own_items]);
    // Each witness item on its own: witnesses are not clustered among themselves (articles of
    // different stories would merge into one vague group and hide their own dates).
    let witness_groups: Vec<Vec<usize>> = (own_items..items.len()).map(|i| vec![i]).collect();
    let mut entries: Vec<Entry> = groups
        .iter()
        .map(|g| {
            let clashing: Vec<usize> =
                witness_groups.iter().filter(|w| witness_clash(&items, g, w)).flatten().copied().collect();
            entry(&items, g, &clashing)
        })
        .collect();
    entries.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => first_day(x).cmp(&first_day(y)).then(x.cmp(y)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    if key.is_none() {
        entries = attach_statements(entries, &members[..own]);
    }
    stats.entries = entries.len();
    stats.conflicts = entries.iter().filter(|e| !e.conflicts.is_empty()).count();
    (entries, stats)
}

/// How many paragraphs of an article are its top: a news article tells its news first
/// (the inverted pyramid), so an article's first statement further down, in an article that
/// reports a happening, is told beside that happening rather than as news of its own. On the
/// detik set 4 moved 58 of 537 statement entries and one annotated main event (3 moved 86 and
/// two, 5 moved 40 and none).
pub const TOP_PARAGRAPHS: usize = 4;

/// Bare statements ("X menyampaikan pernyataan") become entries only when they are news;
/// otherwise each is told as "who said what" beside the happening it is about (issue 18 §1).
///
/// A statement entry stays an entry when it is news for one of its articles: that article's
/// first statement (one speaker's words on the occasion the article reports) when it stands in
/// the article's top [`TOP_PARAGRAPHS`] paragraphs (anywhere when the analysis has no
/// paragraphs), or a statement in its lead (first
/// paragraph), what the article is about. It also stays when none of its
/// articles reports a happening (an entry of another type, not background) to tell it beside.
/// Otherwise it goes to `said` of the happening of its first such article nearest before it in
/// the text (the nearest after it when none is before). Statements of other types (demand,
/// denial, accusation, threat, ...) are never moved.
pub fn attach_statements(entries: Vec<Entry>, members: &[Member]) -> Vec<Entry> {
    let is_happening = |e: &Entry| e.kind != EventType::Statement && !e.background;
    // Per article: the happenings' entry indices with where each is told.
    let mut told: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| is_happening(e)) {
        for ev in &e.evidence {
            told.entry(ev.source.as_str()).or_default().push((ev.start, i));
        }
    }
    // Per article, once: where its lead (first paragraph) and its top paragraphs end (None
    // when the analysis has no paragraphs).
    let ends: BTreeMap<&str, (Option<usize>, Option<usize>)> = members
        .iter()
        .map(|m| {
            let a = m.analysis;
            let end = |k: usize| a.paragraphs.iter().take(k).flat_map(|p| p.spans.iter().map(|s| s.end)).max();
            (a.source.as_str(), (end(1), end(TOP_PARAGRAPHS)))
        })
        .collect();
    let lead_end = |source: &str| ends.get(source).and_then(|e| e.0);
    let top_end = |source: &str| ends.get(source).and_then(|e| e.1);
    // Per article: where its first statement is told.
    let mut first_said: BTreeMap<&str, usize> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == EventType::Statement && !e.background) {
        for ev in &e.evidence {
            let at = first_said.entry(ev.source.as_str()).or_insert(ev.start);
            *at = (*at).min(ev.start);
        }
    }
    let mut target: Vec<Option<usize>> = vec![None; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if e.kind != EventType::Statement || e.background {
            continue;
        }
        let news = e.evidence.iter().any(|ev| {
            (first_said.get(ev.source.as_str()) == Some(&ev.start)
                && top_end(&ev.source).is_none_or(|end| ev.start < end))
                || lead_end(&ev.source).is_some_and(|end| ev.start < end)
        });
        if news {
            continue;
        }
        target[i] = e.evidence.iter().find_map(|ev| {
            let h = told.get(ev.source.as_str())?;
            let before = h.iter().filter(|&&(at, _)| at <= ev.start).max_by_key(|&&(at, _)| at);
            let after = h.iter().filter(|&&(at, _)| at > ev.start).min_by_key(|&&(at, _)| at);
            before.or(after).map(|&(_, j)| j)
        });
    }
    let mut said: Vec<Vec<Entry>> = vec![Vec::new(); entries.len()];
    let mut kept: Vec<Option<Entry>> = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        match target[i] {
            Some(j) => {
                said[j].push(e);
                kept.push(None);
            }
            None => kept.push(Some(e)),
        }
    }
    kept.into_iter()
        .zip(said)
        .filter_map(|(e, s)| {
            e.map(|mut e| {
                e.said = s;
                e
            })
        })
        .collect()
}

/// Per member: the member number of the original report it copies (its own when none) and
/// the hash of its normalised body. Only the `used` members with body text take part (an
/// article without text is nobody's copy).
fn copies_of(members: &[Member], used: &[bool]) -> Vec<(usize, u64)> {
    let texted: Vec<usize> = (0..members.len())
        .filter(|&i| used[i] && members[i].analysis.body.iter().any(|p| p.chars().any(char::is_alphanumeric)))
        .collect();
    let sketches: Vec<dedup::Sketch> =
        texted.iter().map(|&i| dedup::sketch(members[i].analysis.body.iter().map(String::as_str))).collect();
    let roots = dedup::originals(&sketches, dedup::NEAR_COPY);
    let mut out: Vec<(usize, u64)> = (0..members.len()).map(|i| (i, 0)).collect();
    for (k, &i) in texted.iter().enumerate() {
        out[i] = (texted[roots[k]], sketches[k].exact);
    }
    out
}

/// Group the items into happenings (indices into `items`, each group in item order).
fn cluster(items: &[Item]) -> Vec<Vec<usize>> {
    // 1. Dated items, in article order: each joins the first group it fits (compatible with
    // every date there, so a month never gathers two different days).
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in (0..items.len()).filter(|&i| items[i].event.date.is_some()) {
        match groups.iter_mut().find(|g| fits_dated(items, &items[i], g)) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    // 2. Groups whose dates clash but tell one happening: merged, the clash kept as a conflict.
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for g in groups {
        match merged.iter_mut().find(|m| clash_same(items, m, &g)) {
            Some(m) => m.extend(g),
            None => merged.push(g),
        }
    }
    // 3. Undated items: the nearest dated happening their status points to, else other
    // undated mentions of the same happening.
    let dated_groups = merged.len();
    for i in (0..items.len()).filter(|&i| items[i].event.date.is_none()) {
        let it = &items[i];
        let target = nearest_dated(items, it, &merged[..dated_groups]).or_else(|| {
            (dated_groups..merged.len()).find(|&g| {
                merged[g].iter().any(|&j| {
                    let o = &items[j];
                    o.background == it.background && same_kind_and_actors(it, o) && places_agree(it, o)
                })
            })
        });
        match target {
            Some(g) => merged[g].push(i),
            None => merged.push(vec![i]),
        }
    }
    for g in &mut merged {
        g.sort_unstable();
    }
    merged
}

/// A dated item fits a group of dated items: same happening as one of them, and its date
/// compatible with every one of theirs.
fn fits_dated(items: &[Item], it: &Item, group: &[usize]) -> bool {
    group.iter().any(|&j| same_kind_and_actors(it, &items[j]))
        && group.iter().all(|&j| {
            let o = &items[j];
            places_agree(it, o) && compatible_items(it, o)
        })
}

/// Two dated groups are one happening told with clashing dates: no article in both, the same
/// kind and actors, places that agree, and the most precise dates of each (a year beside a
/// month agrees with both and decides nothing) clashing within reach.
fn clash_same(items: &[Item], a: &[usize], b: &[usize]) -> bool {
    let sources_a: BTreeSet<&str> = a.iter().map(|&i| items[i].source).collect();
    if b.iter().any(|&i| sources_a.contains(items[i].source)) {
        return false;
    }
    let actors = a.iter().any(|&i| b.iter().any(|&j| same_kind_and_actors(&items[i], &items[j])));
    let places = a.iter().all(|&i| b.iter().all(|&j| places_agree(&items[i], &items[j])));
    let (core_a, core_b) = (core(items, a), core(items, b));
    actors
        && places
        && !core_a.is_empty()
        && !core_b.is_empty()
        && core_a.iter().all(|&i| {
            core_b.iter().all(|&j| {
                let (x, y) = (&items[i], &items[j]);
                !compatible_items(x, y)
                    && matches!((x.span, y.span), (Some(p), Some(q)) if gap_days(p, q) <= clash_reach(p, q))
            })
        })
}

/// A witness group (articles outside the story) tells the story's group `g` with a clashing
/// date: [`clash_same`]'s rule read on the two groups' most precise dates only — the same kind
/// and actors, the places of those items agreeing, every pair of their dates clashing within
/// reach (the story's group may hold a vaguer place or date that its own articles agree on);
/// and only for a one-off happening the witness states as fact (no statement, plan or guess)
/// between two or more of the same parties.
fn witness_clash(items: &[Item], g: &[usize], w: &[usize]) -> bool {
    let (core_g, core_w) = (core(items, g), core(items, w));
    // Another story's article is a witness only to a one-off happening it states as fact,
    // between the same two or more parties: people speak, decide and meet many times, so one
    // party or a statement on another day is another occasion, not a disagreement.
    let one_off = |i: usize| {
        let it = &items[i];
        it.event.kind != EventType::Statement
            && !matches!(it.event.status, EventStatus::Planned | EventStatus::Speculated | EventStatus::Conditional)
    };
    let parties = |i: usize, j: usize| {
        let (a, b) = (&items[i], &items[j]);
        a.keys.iter().filter(|k| b.keys.contains(*k) && a.place_key.as_ref() != Some(*k)).count() >= 2
    };
    !core_g.is_empty()
        && !core_w.is_empty()
        && w.iter().all(|&j| one_off(j))
        && g.iter().any(|&i| w.iter().any(|&j| same_kind_and_actors(&items[i], &items[j]) && parties(i, j)))
        && core_g.iter().all(|&i| {
            core_w.iter().all(|&j| {
                let (x, y) = (&items[i], &items[j]);
                places_agree(x, y)
                    && !compatible_items(x, y)
                    && matches!((x.span, y.span), (Some(p), Some(q)) if gap_days(p, q) <= clash_reach(p, q))
            })
        })
}

/// A source's date `d` supports the value `v` when it names the same period or a coarser one
/// around it (a month supports the day inside it; a day does not make its year likelier).
fn supports(d: &str, v: &str) -> bool {
    compatible(d, v) && precision_rank(Some(d)) <= precision_rank(Some(v))
}

/// The items of a group that date it most precisely (by-reference dates make no claim).
fn core(items: &[Item], g: &[usize]) -> Vec<usize> {
    let claims = || g.iter().copied().filter(|&i| items[i].span.is_some() && !items[i].by_reference);
    let best = claims().map(|i| precision_rank(items[i].event.date.as_deref())).max();
    claims().filter(|&i| Some(precision_rank(items[i].event.date.as_deref())) == best).collect()
}

fn clash_reach(p: (Date, Date), q: (Date, Date)) -> i32 {
    if p.0 == p.1 && q.0 == q.1 { CLASH_DAYS_BOTH_DAYS } else { CLASH_DAYS }
}

/// The dated group an undated item belongs to: same happening, dated on the side of the
/// article's date its status points to, within [`UNDATED_REACH_DAYS`]; the nearest. Without
/// an article date, only a single candidate is taken.
fn nearest_dated(items: &[Item], it: &Item, groups: &[Vec<usize>]) -> Option<usize> {
    let candidates: Vec<(usize, Option<(Date, Date)>)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            g.iter().any(|&j| same_kind_and_actors(it, &items[j])) && g.iter().all(|&j| places_agree(it, &items[j]))
        })
        .map(|(n, g)| (n, group_span(items, g)))
        .collect();
    let Some(day) = it.as_of else {
        return match candidates.as_slice() {
            [(n, _)] => Some(*n),
            _ => None,
        };
    };
    let reach = UNDATED_REACH_DAYS as i64;
    candidates
        .iter()
        .filter_map(|&(n, span)| {
            let (from, to) = span?;
            let before = days_between(to, day); // > 0: the happening ends before the article
            let after = days_between(day, from); // > 0: it starts after the article
            let distance = before.max(after).max(0);
            let side_ok = match it.direction() {
                Direction::Future => before <= 1,
                Direction::Past => after <= 1,
                Direction::Any => true,
            };
            (side_ok && distance <= reach).then_some((distance, n))
        })
        .min()
        .map(|(_, n)| n)
}

/// The period of a group: the overlap of its members' periods (their dates are compatible).
fn group_span(items: &[Item], g: &[usize]) -> Option<(Date, Date)> {
    let mut out: Option<(Date, Date)> = None;
    for &i in g {
        if let Some((a, b)) = items[i].span {
            out = Some(match out {
                None => (a, b),
                Some((x, y)) => (x.max(a), y.min(b)),
            });
        }
    }
    out.map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from(crate::calendar::day_number(to)) - i64::from(crate::calendar::day_number(from))
}

/// Same type, and the participants overlap: one set inside the other, two shared, or the same
/// resolved (gazetteer) participants with only unresolved names differing. A place counts as
/// shared with the places it lies in (Pyongyang with Korea Utara).
fn same_kind_and_actors(a: &Item, b: &Item) -> bool {
    if a.event.kind != b.event.kind || a.negated != b.negated {
        return false;
    }
    let a_in_b = a.keys.iter().filter(|k| matched(k, &b.keys)).count();
    let b_in_a = b.keys.iter().filter(|k| matched(k, &a.keys)).count();
    if a_in_b == 0 || b_in_a == 0 {
        return false;
    }
    if a_in_b == a.keys.len() || b_in_a == b.keys.len() || a_in_b.min(b_in_a) >= 2 {
        return true;
    }
    let resolved =
        |k: &BTreeSet<String>| -> BTreeSet<String> { k.iter().filter(|x| !x.starts_with("name:")).cloned().collect() };
    let (ra, rb) = (resolved(&a.keys), resolved(&b.keys));
    !ra.is_empty() && ra == rb
}

/// Is key `k` in `other`, or a place inside or around one there?
fn matched(k: &str, other: &BTreeSet<String>) -> bool {
    other.contains(k) || other.iter().any(|o| within(k, o) || within(o, k))
}

/// Is place `inner` inside place `outer` by the gazetteer's links (in, capital_of, part_of)?
/// `reg:vostochny` → `reg:rfe` → `RU`; `city:pyongyang` → `KP`.
fn within(inner: &str, outer: &str) -> bool {
    let mut at = vec![inner];
    for _ in 0..4 {
        let mut next = Vec::new();
        for k in at {
            let Some(g) = gazetteer::get(k) else { continue };
            for (rel, to) in &g.links {
                if matches!(*rel, Relation::In | Relation::CapitalOf | Relation::PartOf) {
                    if *to == outer {
                        return true;
                    }
                    next.push(*to);
                }
            }
        }
        if next.is_empty() {
            return false;
        }
        at = next;
    }
    false
}

/// Places agree when either is missing, one lies in the other, or one is (or lies in, or
/// holds) a participant of the other event (a visit to Moscow and a visit with Russia as the
/// destination).
fn places_agree(a: &Item, b: &Item) -> bool {
    match (&a.place_key, &b.place_key) {
        (Some(x), Some(y)) => x == y || within(x, y) || within(y, x) || matched(y, &a.keys) || matched(x, &b.keys),
        _ => true,
    }
}

fn compatible_items(a: &Item, b: &Item) -> bool {
    match (a.event.date.as_deref(), b.event.date.as_deref()) {
        (Some(x), Some(y)) => compatible(x, y),
        _ => true,
    }
}

/// Equal, one containing the other (2023-09 contains 2023-09-13; 2024-W25 contains
/// 2024-06-19), or days one apart.
pub fn compatible(x: &str, y: &str) -> bool {
    if x == y || x.starts_with(y) || y.starts_with(x) {
        return true;
    }
    match (period(x), period(y)) {
        (Some(p), Some(q)) => {
            let day = |v: &str, p: (Date, Date)| v.len() >= 10 && p.0 == p.1;
            (p.0 <= q.1 && q.0 <= p.1 && (contains(p, q) || contains(q, p)))
                || (day(x, p) && day(y, q) && gap_days(p, q) <= 1)
        }
        _ => false,
    }
}

fn contains(outer: (Date, Date), inner: (Date, Date)) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

/// Days between two periods (0 when they overlap).
fn gap_days(p: (Date, Date), q: (Date, Date)) -> i32 {
    let (a0, a1) = (crate::calendar::day_number(p.0), crate::calendar::day_number(p.1));
    let (b0, b1) = (crate::calendar::day_number(q.0), crate::calendar::day_number(q.1));
    if a1 < b0 {
        b0 - a1
    } else if b1 < a0 {
        a0 - b1
    } else {
        0
    }
}

/// The first and last day a TIMEX3 date value names: `2023`, `2023-09`, `2023-09-13`
/// (also `2023-09-13TMO`), `2024-W25`. None for other values (seasons, quarters, references).
pub fn period(v: &str) -> Option<(Date, Date)> {
    let b = v.as_bytes();
    let num =
        |r: std::ops::Range<usize>| v.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse::<i16>().ok();
    let y = num(0..4)?;
    if v.len() == 4 {
        return Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?));
    }
    if b.get(4) != Some(&b'-') {
        return None;
    }
    if b.get(5) == Some(&b'W') {
        let w = num(6..8)? as i8;
        let monday = jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Monday).ok()?.date();
        let sunday = jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Sunday).ok()?.date();
        return Some((monday, sunday));
    }
    let m = num(5..7)? as i8;
    if v.len() == 7 {
        let first = Date::new(y, m, 1).ok()?;
        return Some((first, first.last_of_month()));
    }
    if b.get(7) == Some(&b'-') {
        let d = Date::new(y, m, num(8..10)? as i8).ok()?;
        return Some((d, d));
    }
    None
}

/// day, month, year, week or other.
pub fn precision(v: &str) -> DatePrecision {
    match period(v) {
        Some((a, b)) if a == b => DatePrecision::Day,
        Some(_) if v.len() == 4 => DatePrecision::Year,
        Some(_) if v.len() == 7 => DatePrecision::Month,
        Some(_) => DatePrecision::Week,
        None => DatePrecision::Other,
    }
}

fn precision_rank(v: Option<&str>) -> u8 {
    match v.map(precision) {
        Some(DatePrecision::Day) => 4,
        Some(DatePrecision::Week) => 3,
        Some(DatePrecision::Month) => 2,
        Some(DatePrecision::Year) => 1,
        Some(DatePrecision::Other) | None => 0,
    }
}

fn first_day(v: &str) -> Option<Date> {
    period(v).map(|p| p.0)
}

/// Does a time mention inside the event's evidence give its date as approximate
/// ("sekitar Agustus 2023")?
fn approximate(a: &Analysis, ev: &Event) -> bool {
    let Some(date) = ev.date.as_deref() else { return false };
    a.times.iter().any(|t| {
        t.start >= ev.evidence.start
            && t.end <= ev.evidence.end
            && t.value == date
            && t.modifier == Some(TimeMod::Approx)
    })
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

/// Participant identity: an actor's name across the story's articles where `variants` joins
/// several, else gazetteer keys where the event gives them, else canonical names.
fn participant_keys(
    a: &Analysis,
    ev: &Event,
    variants: &Variants,
) -> (BTreeSet<String>, Vec<String>, Vec<Option<String>>, usize) {
    let mut keys = BTreeSet::new();
    let mut names = Vec::new();
    let mut kbs = Vec::new();
    let mut kinds = Vec::new();
    for id in &ev.participants {
        let ent = a.entities.iter().find(|e| &e.id == id);
        let name = ent.map(|e| e.name.clone()).unwrap_or_else(|| id.clone());
        let kb = ent.and_then(|e| e.kb.clone());
        let kind = ent.map(|e| e.kind);
        keys.insert(match kind {
            Some(k) if variants.grouped(k, &name) => format!("group:{}", normalise(variants.canonical(k, &name))),
            _ => kb.clone().unwrap_or_else(|| format!("name:{}", normalise(&name))),
        });
        if !names.contains(&name) {
            names.push(name);
            kbs.push(kb);
            kinds.push(kind);
        }
    }
    if names.is_empty() {
        for n in &ev.participant_names {
            keys.insert(format!("name:{}", normalise(n)));
            names.push(n.to_string());
            kbs.push(None);
        }
    }
    // The agent first, actors before places, so the summary's subject is who acted ("Kim Jong Un berkunjung ke
    // Vladivostok", not the city): a stable partition by entity type.
    let is_place = |name: &str| {
        a.entities.iter().any(|e| e.name == name && e.kind == EntityKind::Loc) || ev.place.as_deref() == Some(name)
    };
    let agents = &ev.roles.agent;
    let is_agent = |name: &str| a.entities.iter().any(|e| e.name == name && agents.contains(&e.id));
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| (!is_agent(&names[i]), is_place(&names[i])));
    // Each actor by its name across the story (once, where two of an article's names join).
    let (mut shown, mut shown_kbs): (Vec<String>, Vec<Option<String>>) = (Vec::new(), Vec::new());
    let mut agents_shown = 0;
    for &i in &order {
        let name = match kinds.get(i).copied().flatten() {
            Some(k) => variants.canonical(k, &names[i]).to_string(),
            None => names[i].clone(),
        };
        if !shown.contains(&name) {
            shown.push(name);
            shown_kbs.push(kbs[i].clone());
            agents_shown += usize::from(is_agent(&names[i]));
        }
    }
    (keys, shown, shown_kbs, agents_shown)
}

/// The entry of one group of items; `witnesses` (items outside the story that tell the same
/// happening) only add date conflicts.
fn entry(items: &[Item], group: &[usize], witnesses: &[usize]) -> Entry {
    let first = &items[group[0]];
    // Date: the value the most sources support (a month supports the day inside it), the more
    // precise on a tie; values incompatible with it are conflicts.
    let mut values: Vec<&str> = Vec::new();
    for &i in group {
        if let Some(d) = items[i].event.date.as_deref()
            && !values.contains(&d)
        {
            values.push(d);
        }
    }
    // Sources that state the happening as a fact (confirmed, reported, recalled) outweigh those
    // that plan or guess it ("dijadwalkan Selasa", "mungkin bertemu"); then exact agreement.
    let factual = |i: usize| {
        !matches!(items[i].event.status, EventStatus::Planned | EventStatus::Speculated | EventStatus::Conditional)
    };
    let support = |v: &str, only_factual: bool, exact: bool| -> usize {
        group
            .iter()
            .filter(|&&i| !only_factual || factual(i))
            .filter(|&&i| items[i].event.date.as_deref().is_some_and(|d| if exact { d == v } else { supports(d, v) }))
            .map(|&i| items[i].report)
            .collect::<BTreeSet<_>>()
            .len()
    };
    // A date the text gives outweighs a publication day standing in for one (which claims
    // nothing); between publication days, the earliest report dates the happening, whatever the
    // order the articles came in.
    let from_text =
        |v: &str| group.iter().any(|&i| !items[i].by_reference && items[i].event.date.as_deref() == Some(v));
    let date = values
        .iter()
        .enumerate()
        .max_by_key(|&(n, v)| {
            (
                from_text(v),
                support(v, true, false),
                support(v, true, true),
                support(v, false, false),
                precision_rank(Some(v)),
                std::cmp::Reverse(*v),
                std::cmp::Reverse(n),
            )
        })
        .map(|(_, v)| v.to_string());
    let mut conflicts: Vec<Conflict> = Vec::new();
    if let Some(d) = date.as_deref() {
        for &i in group.iter().chain(witnesses) {
            let it = &items[i];
            let Some(v) = it.event.date.as_deref() else { continue };
            // a publication day standing in for a date is no claim to disagree with
            if compatible(d, v) || it.by_reference {
                continue;
            }
            let c = match conflicts.iter_mut().position(|c| c.value.as_deref() == Some(v)) {
                Some(n) => &mut conflicts[n],
                None => {
                    conflicts.push(Conflict::new(ConflictField::Date, Some(v.to_string()), Some(precision(v))));
                    conflicts.last_mut().expect("just pushed")
                }
            };
            push_unique(&mut c.sources, it.source);
            c.approximate |= it.approximate;
            c.evidence.push(evidence_of(it));
        }
    }
    let mut participants: Vec<String> = Vec::new();
    let mut participant_kb: Vec<Option<String>> = Vec::new();
    let mut supported_by: Vec<String> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    let mut stories: Vec<String> = Vec::new();
    let mut statuses: Vec<(Option<Date>, usize, StatusBy)> = Vec::new();
    let mut evidence = Vec::new();
    let mut place = None;
    // Who acted in any report first (one article may name the visitor another leaves out),
    // then the other parties.
    let mut agents = 0;
    for acting in [true, false] {
        for &i in group {
            let it = &items[i];
            for (k, (n, kb)) in it.names.iter().zip(&it.kbs).enumerate() {
                if (k < it.agents) != acting {
                    continue;
                }
                let known = participants
                    .iter()
                    .zip(&participant_kb)
                    .any(|(pn, pk)| pn == n || (kb.is_some() && pk.as_ref() == kb.as_ref()));
                if !known {
                    participants.push(n.clone());
                    participant_kb.push(kb.clone());
                    agents += usize::from(acting);
                }
            }
        }
    }
    for &i in group {
        let it = &items[i];
        push_unique(&mut supported_by, it.source);
        if let Some(o) = it.outlet {
            push_unique(&mut outlets, o);
        }
        if let Some(s) = it.story {
            push_unique(&mut stories, s);
        }
        let sb =
            StatusBy { status: it.event.status, source: it.source.to_string(), as_of: it.as_of.map(|d| d.to_string()) };
        if !statuses.iter().any(|(_, _, s)| *s == sb) {
            statuses.push((it.as_of, it.order, sb));
        }
        if place.is_none() {
            place = it.event.place.clone();
        }
        evidence.push(evidence_of(it));
    }
    // In date order (undated articles last), then in article order.
    statuses.sort_by_key(|(d, o, _)| (d.is_none(), *d, *o));
    let statuses: Vec<StatusBy> = statuses.into_iter().map(|(_, _, s)| s).collect();
    let status = strongest_status(&statuses);
    let background = group.iter().all(|&i| items[i].background);
    // a meeting or agreement between named parties is done by all of them ("Kim dan Shoigu
    // bertemu"): no unnamed doer
    let parties = participants.iter().filter(|n| Some(n.as_str()) != place.as_deref()).count();
    if agents == 0 && parties >= 2 && matches!(first.event.kind, EventType::Meeting | EventType::Agreement) {
        agents = parties;
    }
    let summary =
        summary(first.event.kind, &participants, Some(agents), place.as_deref(), date.as_deref(), status, background);
    let corroboration = corroboration(items, group);
    Entry {
        date_precision: date.as_deref().map(precision),
        date,
        kind: first.event.kind,
        summary,
        participants,
        participant_kb,
        agents: Some(agents),
        place,
        supported_by,
        outlets,
        corroboration,
        status,
        statuses,
        conflicts,
        background,
        evidence,
        story: stories.first().cloned(),
        stories,
        said: Vec::new(),
    }
}

/// The supporters of a group counted by outlet and by original report, the copies grouped
/// under the earliest article of their group.
fn corroboration(items: &[Item], group: &[usize]) -> Corroboration {
    // One item per supporting article, in input order.
    let mut articles: Vec<&Item> = Vec::new();
    for &i in group {
        if !articles.iter().any(|a| a.source == items[i].source) {
            articles.push(&items[i]);
        }
    }
    let outlets_of = |arts: &[&Item]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for o in arts.iter().filter_map(|a| a.outlet) {
            push_unique(&mut out, o);
        }
        out
    };
    let mut reports: Vec<usize> = Vec::new();
    let mut copy_groups = Vec::new();
    for a in &articles {
        if reports.contains(&a.report) {
            continue;
        }
        reports.push(a.report);
        let mut same: Vec<&Item> = articles.iter().copied().filter(|b| b.report == a.report).collect();
        if same.len() < 2 {
            continue;
        }
        let first = (0..same.len())
            .min_by_key(|&k| (same[k].as_of.is_none(), same[k].as_of, same[k].order))
            .expect("two or more");
        let outlets = outlets_of(&same);
        let original = same.remove(first);
        copy_groups.push(CopyGroup {
            original: original.source.to_string(),
            copies: same.iter().map(|c| c.source.to_string()).collect(),
            kind: if same.iter().all(|c| c.text_hash == original.text_hash) { CopyKind::Exact } else { CopyKind::Near },
            outlets,
        });
    }
    Corroboration {
        outlets: outlets_of(&articles).len(),
        articles: articles.len(),
        reports: reports.len(),
        copies: articles.len() - reports.len(),
        copy_groups,
    }
}

fn evidence_of(it: &Item) -> Evidence {
    Evidence {
        source: it.source.to_string(),
        start: it.event.evidence.start,
        end: it.event.evidence.end,
        text: it.text.clone(),
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A confirmation outranks a report, a report outranks a plan or a hedge: the entry shows the
/// surest word any source gives, and `statuses` keeps every one.
fn strongest_status(statuses: &[StatusBy]) -> EventStatus {
    use EventStatus::*;
    const ORDER: [EventStatus; 8] =
        [Confirmed, Denied, Reported, Planned, Unconfirmed, Speculated, Conditional, Background];
    statuses
        .iter()
        .min_by_key(|s| ORDER.iter().position(|o| *o == s.status).unwrap_or(ORDER.len()))
        .map_or(Reported, |s| s.status)
}

/// An Indonesian line from the facts: who, what, where, when, how sure.
pub fn summary(
    kind: EventType,
    participants: &[String],
    agents: Option<usize>,
    place: Option<&str>,
    date: Option<&str>,
    status: EventStatus,
    background: bool,
) -> String {
    // nobody named as the doer: the unnamed party does it, to all the parties named
    let unnamed = "Pihak yang tidak disebutkan".to_string();
    let (first, other) = if agents == Some(0) || participants.is_empty() {
        // the place is said once, as the place
        let parties: Vec<String> = participants.iter().filter(|n| Some(n.as_str()) != place).cloned().collect();
        (unnamed, join_id(&parties))
    } else {
        (participants[0].clone(), participants.get(1..).map(join_id).unwrap_or_default())
    };
    // no one named: the unnamed party, as the renderer says it
    let who = if participants.is_empty() { first.clone() } else { join_id(participants) };
    use EventType as T;
    let mut line = match kind {
        T::Visit => match place {
            // what was visited, when the visitor is not named
            Some(p) if agents == Some(0) && !other.is_empty() => format!("{first} mengunjungi {other} di {p}"),
            Some(p) => format!("{first} berkunjung ke {p}"),
            None if !other.is_empty() => format!("{first} mengunjungi {other}"),
            None => format!("{first} melakukan kunjungan"),
        },
        T::Meeting => {
            if other.is_empty() {
                format!("{first} menggelar pertemuan")
            } else {
                format!("{first} bertemu {other}")
            }
        }
        T::Statement => {
            if other.is_empty() {
                format!("{first} menyampaikan pernyataan")
            } else {
                format!("{first} menyampaikan pesan kepada {other}")
            }
        }
        T::Invitation => format!("{first} mengundang {}", if other.is_empty() { "pihak lain".into() } else { other }),
        T::Announcement => format!("{first} mengumumkan sebuah keputusan"),
        T::Accusation => {
            if other.is_empty() {
                format!("{first} melontarkan tuduhan")
            } else {
                format!("{first} menuduh {other}")
            }
        }
        T::Denial => format!("{first} membantah tuduhan"),
        T::Sanction => {
            if other.is_empty() {
                format!("{first} menjatuhkan sanksi")
            } else {
                format!("{first} menjatuhkan sanksi terhadap {other}")
            }
        }
        T::Veto => format!("{first} menggunakan hak veto"),
        T::ArmsTransfer => {
            if other.is_empty() {
                format!("{first} mengirim senjata")
            } else {
                format!("{first} mengirim senjata ke {other}")
            }
        }
        T::Agreement => format!("{who} mencapai kesepakatan"),
        T::MilitaryActivity => format!("{first} menggelar kegiatan militer"),
        _ => format!("{who}: {}", type_label_id(kind)),
    };
    if let Some(p) = place
        && kind != T::Visit
    {
        line.push_str(&format!(" di {p}"));
    }
    if let Some(d) = date {
        line.push(' ');
        line.push_str(&date_phrase_id(d));
    }
    let note = match status {
        _ if background => Some("latar belakang"),
        EventStatus::Planned => Some("direncanakan"),
        EventStatus::Speculated => Some("diperkirakan"),
        EventStatus::Unconfirmed => Some("belum dikonfirmasi"),
        EventStatus::Denied => Some("dibantah"),
        EventStatus::Conditional => Some("bersyarat"),
        EventStatus::Confirmed | EventStatus::Reported | EventStatus::Background => None,
    };
    if let Some(n) = note {
        line.push_str(&format!(" ({n})"));
    }
    line
}

/// The Indonesian name of an event type (the renderer's `type-…` labels in `id`).
pub fn type_label_id(kind: EventType) -> &'static str {
    use EventType as T;
    match kind {
        T::Accusation => "tuduhan",
        T::Agreement => "kesepakatan",
        T::Aid => "bantuan",
        T::Announcement => "pengumuman",
        T::Appointment => "pengangkatan",
        T::ArmsTransfer => "pengiriman senjata",
        T::Arrest => "penangkapan",
        T::Attack => "serangan",
        T::Charge => "dakwaan",
        T::Death => "kematian",
        T::Demand => "tuntutan",
        T::Denial => "bantahan",
        T::Disaster => "bencana",
        T::Dismissal => "pemberhentian",
        T::Economic => "ekonomi",
        T::Election => "pemilihan",
        T::Investigation => "penyelidikan",
        T::Invitation => "undangan",
        T::Launch => "peluncuran",
        T::Meeting => "pertemuan",
        T::MilitaryActivity => "kegiatan militer",
        T::Policy => "kebijakan",
        T::Protest => "unjuk rasa",
        T::Sanction => "sanksi",
        T::Statement => "pernyataan",
        T::Threat => "ancaman",
        T::Trial => "persidangan",
        T::Veto => "veto",
        T::Visit => "kunjungan",
        T::Other => "lainnya",
    }
}

fn join_id(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} dan {b}"),
        [rest @ .., last] => format!("{}, dan {last}", rest.join(", ")),
    }
}

/// "pada 13 September 2023", "pada September 2023", "pada 2023", "pada pekan ke-25 2024".
pub fn date_phrase_id(v: &str) -> String {
    let bytes = v.as_bytes();
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<usize>().ok());
    if v.len() >= 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
        && let Some(month) = u8::try_from(m).ok().and_then(crate::calendar::month_name)
    {
        return format!("pada {d} {month} {y}");
    }
    if v.len() == 7
        && let (Some(y), Some(m)) = (num(0..4), num(5..7))
        && let Some(month) = u8::try_from(m).ok().and_then(crate::calendar::month_name)
    {
        return format!("pada {month} {y}");
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
    use crate::analysis::{Entity, Mention, Span};

    fn entity(id: &str, name: &str, kb: &str) -> Entity {
        Entity { kb: Some(kb.into()), ..Entity::new(id, EntityKind::Per, name, vec![]) }
    }

    fn event(kind: &str, date: Option<&str>, who: &[&str], status: &str) -> Event {
        let mut e = Event::new(EventType::parse(kind).unwrap(), EventStatus::parse(status).unwrap(), Span::new(0, 10));
        e.date = date.map(String::from);
        e.participants = who.iter().map(|s| s.to_string()).collect();
        // the first party did it, as the events stage gives an agent first
        e.roles.agent = who.first().map(|s| s.to_string()).into_iter().collect();
        e
    }

    #[test]
    fn a_happening_nobody_is_named_doing_has_no_party_as_its_doer() {
        // "SPBU itu dikunjungi": the visited party is named, the visitor is not
        let mut e = event("visit", Some("2025-10-20"), &["e1"], "confirmed");
        e.roles.agent.clear();
        e.place = Some("Bandar Lampung".into());
        let t = build(&[&article("a", Some("Kabar"), vec![e])]);
        assert_eq!(t[0].agents, Some(0));
        assert_eq!(
            t[0].summary,
            "Pihak yang tidak disebutkan mengunjungi Ani Wijaya di Bandar Lampung pada 20 Oktober 2025"
        );
        // a second report that names the visitor puts them first
        let mut named = event("visit", Some("2025-10-20"), &["e2", "e1"], "confirmed");
        named.place = Some("Bandar Lampung".into());
        let mut unnamed = event("visit", Some("2025-10-20"), &["e1"], "confirmed");
        unnamed.roles.agent.clear();
        unnamed.place = Some("Bandar Lampung".into());
        let t = build(&[&article("a", Some("Kabar"), vec![unnamed]), &article("b", Some("Warta"), vec![named])]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!((t[0].participants[0].as_str(), t[0].agents), ("Budi Santoso", Some(1)));
    }

    fn article(source: &str, outlet: Option<&str>, events: Vec<Event>) -> Analysis {
        Analysis {
            outlet: outlet.map(String::from),
            entities: vec![entity("e1", "Ani Wijaya", "per:ani"), entity("e2", "Budi Santoso", "per:budi")],
            events,
            ..Analysis::empty(source)
        }
    }

    #[test]
    fn bare_statements_after_the_first_are_told_beside_the_happening_they_follow() {
        use crate::analysis::Paragraph;
        let at = |mut e: Event, start: usize| {
            e.evidence = Span::new(start, start + 10);
            e
        };
        // Lead (0..100): a visit. Then the article's first statement (150), a second statement
        // (250) and a third by the other person (350), each on days far apart; a second article
        // with one statement only.
        let mut a = article(
            "a.txt",
            None,
            vec![
                at(event("visit", Some("2025-03-04"), &["e1"], "confirmed"), 20),
                at(event("statement", Some("2025-03-04"), &["e1"], "confirmed"), 150),
                at(event("statement", Some("2025-03-20"), &["e1"], "confirmed"), 250),
                at(event("statement", Some("2025-04-10"), &["e2"], "confirmed"), 350),
            ],
        );
        let paragraphs = |ends: &[usize]| -> Vec<Paragraph> {
            let mut start = 0;
            ends.iter()
                .map(|&end| {
                    let p = Paragraph { text: String::new(), spans: vec![Span::new(start, end)] };
                    start = end;
                    p
                })
                .collect()
        };
        a.paragraphs = paragraphs(&[100, 200, 300, 400]);
        let b = article("b.txt", None, vec![at(event("statement", Some("2025-05-20"), &["e2"], "confirmed"), 500)]);
        // A third article: a visit in its lead, its first statement down in its sixth
        // paragraph (below the top four), told beside the visit.
        let mut c = article(
            "c.txt",
            None,
            vec![
                at(event("visit", Some("2025-06-02"), &["e1"], "confirmed"), 20),
                at(event("statement", Some("2025-06-02"), &["e2"], "confirmed"), 550),
            ],
        );
        c.paragraphs = paragraphs(&[100, 200, 300, 400, 500, 600]);
        let t = build(&[&a, &b, &c]);
        let kinds: Vec<(EventType, Option<&str>, usize)> =
            t.iter().map(|e| (e.kind, e.date.as_deref(), e.said.len())).collect();
        assert_eq!(
            kinds,
            [
                (EventType::Visit, Some("2025-03-04"), 2),
                (EventType::Statement, Some("2025-03-04"), 0),
                (EventType::Statement, Some("2025-05-20"), 0),
                (EventType::Visit, Some("2025-06-02"), 1),
            ],
            "{t:#?}"
        );
        let said: Vec<Option<&str>> = t[0].said.iter().map(|e| e.date.as_deref()).collect();
        assert_eq!(said, [Some("2025-03-20"), Some("2025-04-10")]);
        // An entity's own timeline keeps every statement as an entry.
        let key = EntityKey { kb: Some("per:ani".into()), name: "Ani Wijaya".into() };
        let members: Vec<Member> = [&a].iter().map(|x| Member { analysis: x, story: None }).collect();
        assert_eq!(for_entity(&members, &key).len(), 3);
    }

    #[test]
    fn one_actor_under_two_names_in_two_articles_is_one_entry_named_in_full() {
        let named = |name: &str, mentions: &[&str]| {
            let m = mentions.iter().map(|t| Mention { text: t.to_string(), start: 0, end: t.len() }).collect();
            Entity::new("e9", EntityKind::Per, name, m)
        };
        let mut a = article("a.txt", Some("Kabar"), vec![event("visit", Some("2025-06-09"), &["e9"], "confirmed")]);
        a.entities = vec![named("Wiradarma Santosa", &["Wiradarma Santosa", "Pak Wira"])];
        let mut b = article("b.txt", Some("Warta"), vec![event("visit", Some("2025-06-09"), &["e9"], "confirmed")]);
        b.entities = vec![named("Pak Wira", &["Pak Wira"])];
        let t = build(&[&a, &b]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].participants, ["Wiradarma Santosa"]);
        assert_eq!(t[0].supported_by.len(), 2);
        // An entity's own timeline keeps each article's names.
        let key = EntityKey { kb: None, name: "Pak Wira".into() };
        let members: Vec<Member> = [&a, &b].iter().map(|x| Member { analysis: x, story: None }).collect();
        assert_eq!(for_entity(&members, &key).len(), 1);
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
        assert_eq!(e.status.as_str(), "confirmed", "a plan later confirmed shows as confirmed");
        assert_eq!(e.statuses.len(), 2);
        assert_eq!(e.summary, "Ani Wijaya bertemu Budi Santoso pada 2 Mei 2024");
        assert!(e.conflicts.is_empty());
    }

    #[test]
    fn an_event_with_no_date_party_or_place_makes_no_entry() {
        let thin = event("investigation", None, &[], "confirmed");
        assert!(unplaced(&thin));
        let a =
            article("a", Some("Kabar"), vec![thin, event("meeting", Some("2024-05-02"), &["e1", "e2"], "confirmed")]);
        let members = [Member { analysis: &a, story: None }];
        let (t, stats) = build_with_stats(&members, None);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].kind, EventType::Meeting);
        assert_eq!(stats.unplaced, 1);
        // a date, a party or a place is enough to place it
        for placed in [
            event("investigation", Some("2024-05-03"), &[], "confirmed"),
            event("investigation", None, &["e1"], "confirmed"),
            Event { place: Some("Bandung".into()), ..event("investigation", None, &[], "confirmed") },
        ] {
            assert!(!unplaced(&placed));
            let b = article("b", Some("Kabar"), vec![placed]);
            assert_eq!(build(&[&b]).len(), 1);
        }
    }

    #[test]
    fn the_lede_tells_the_key_happenings_in_date_order() {
        let a = article(
            "a",
            Some("Kabar"),
            vec![
                event("statement", Some("2024-05-01"), &["e1"], "confirmed"),
                event("meeting", Some("2024-05-02"), &["e1", "e2"], "confirmed"),
                event("visit", Some("1998-05-02"), &["e2"], "background"),
            ],
        );
        let b = article("b", Some("Warta"), vec![event("meeting", Some("2024-05-02"), &["e1", "e2"], "confirmed")]);
        let t = build(&[&a, &b]);
        let (text, picked) = lede(&t).expect("a lede");
        // the background visit is left out; the meeting two outlets report comes before the
        // statement in rank, and the two are told in date order
        assert!(picked.iter().all(|&i| !t[i].background), "{picked:?}");
        assert_eq!(picked.len(), 2, "{text}");
        assert!(picked.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(text, format!("{}. {}.", t[picked[0]].summary, t[picked[1]].summary));
        assert!(text.contains("bertemu"), "{text}");
        // only background: no lede
        let old = article("c", None, vec![event("visit", Some("1998-05-02"), &["e2"], "background")]);
        assert!(lede(&build(&[&old])).is_none());
    }

    #[test]
    fn publication_days_claim_no_date() {
        let by_reference = |date: &str| {
            let mut e = event("meeting", Some(date), &["e1", "e2"], "confirmed");
            e.date_source = DateSource::Reference;
            e
        };
        // the earliest report dates the happening, whichever article comes first; no conflict
        let a = article("a", None, vec![by_reference("2024-05-03")]);
        let b = article("b", None, vec![by_reference("2024-05-02")]);
        for order in [[&a, &b], [&b, &a]] {
            let t = build(&order);
            assert_eq!(t.len(), 1, "{t:#?}");
            assert_eq!(t[0].date.as_deref(), Some("2024-05-02"));
            assert!(t[0].conflicts.is_empty(), "{:?}", t[0].conflicts);
        }
        // a date the text gives outweighs two publication days
        let c = article("c", None, vec![event("meeting", Some("2024-05-03"), &["e1", "e2"], "confirmed")]);
        let d = article("d", None, vec![by_reference("2024-05-02")]);
        let t = build(&[&b, &d, &c]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date.as_deref(), Some("2024-05-03"));
        assert!(t[0].conflicts.is_empty(), "{:?}", t[0].conflicts);
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
    fn a_witness_from_another_story_adds_only_its_clashing_date() {
        let a = article("a", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let own = build_with_witnesses(&[&a], &[], &Variants::default());
        let witness = |kind: &str, date: &str, who: &[&str], status: &str| {
            let w = article("w", None, vec![event(kind, Some(date), who, status)]);
            build_with_witnesses(&[&a], &[&w], &Variants::default())
        };
        // Another story's article dates the same meeting of the same two people a month earlier.
        let t = witness("meeting", "2023-08", &["e1", "e2"], "reported");
        assert_eq!(t.len(), 1, "the witness adds no entry: {t:#?}");
        assert_eq!(t[0].supported_by, ["a"], "nor support");
        assert_eq!(t[0].date.as_deref(), Some("2023-09-13"));
        assert_eq!(t[0].conflicts.len(), 1);
        assert_eq!(
            (t[0].conflicts[0].value.as_deref(), t[0].conflicts[0].sources.clone()),
            (Some("2023-08"), vec!["w".to_string()])
        );
        // Not a disagreement: the same date; one party only; a plan; a statement (people speak
        // on many days); a date far away (another occasion).
        for (kind, date, who, status) in [
            ("meeting", "2023-09-13", &["e1", "e2"][..], "reported"),
            ("meeting", "2023-08", &["e1"][..], "reported"),
            ("meeting", "2023-08", &["e1", "e2"][..], "planned"),
            ("meeting", "2021-03", &["e1", "e2"][..], "reported"),
        ] {
            let t = witness(kind, date, who, status);
            assert_eq!(t.len(), 1);
            assert!(t[0].conflicts.is_empty(), "{kind} {date} {who:?} {status}: {:#?}", t[0].conflicts);
        }
        let s = article("s", None, vec![event("statement", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let w = article("w", None, vec![event("statement", Some("2023-09-10"), &["e1", "e2"], "confirmed")]);
        let t = build_with_witnesses(&[&s], &[&w], &Variants::default());
        assert!(t.iter().all(|e| e.conflicts.is_empty()), "{t:#?}");
        assert_eq!(own.len(), 1);
    }

    #[test]
    fn clashing_dates_become_a_conflict() {
        let a = article("a", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let b = article("b", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]);
        let c = article("c", None, vec![event("meeting", Some("2023-08"), &["e1", "e2"], "reported")]);
        let t = build(&[&a, &b, &c]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date.as_deref(), Some("2023-09-13"));
        assert_eq!(t[0].conflicts.len(), 1);
        let c = &t[0].conflicts[0];
        assert_eq!(
            (c.field.as_str(), c.value.as_deref(), c.precision.map(DatePrecision::as_str)),
            ("date", Some("2023-08"), Some("month"))
        );
        assert_eq!(c.sources, ["c"]);
        assert_eq!(c.evidence.len(), 1);
        assert_eq!(c.evidence[0].source, "c");
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

    fn on(mut a: Analysis, day: &str) -> Analysis {
        a.published = Some(crate::analysis::Published {
            value: day.into(),
            precision: crate::analysis::Precision::Day,
            reason: "test".into(),
            evidence: None,
            earliest: None,
        });
        a
    }

    fn at(mut ev: Event, start: usize) -> Event {
        ev.evidence = Span::new(start, start + 10);
        ev
    }

    #[test]
    fn a_month_that_excludes_the_day_is_a_conflict_with_precision_and_evidence() {
        let a = on(
            article("a", Some("Kabar"), vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]),
            "2023-09-14",
        );
        let b = on(
            article("b", Some("Warta"), vec![event("meeting", Some("2023-09-13"), &["e2", "e1"], "reported")]),
            "2023-09-14",
        );
        let c = on(
            article("c", Some("Blog"), vec![event("meeting", Some("2023-08"), &["e1", "e2"], "background")]),
            "2025-03-01",
        );
        let t = build(&[&a, &b, &c]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date.as_deref(), Some("2023-09-13"));
        assert_eq!(t[0].date_precision, Some(DatePrecision::Day));
        assert_eq!(t[0].supported_by, ["a", "b", "c"]);
        assert!(!t[0].background, "two sources report it as news");
        let c0 = &t[0].conflicts[0];
        assert_eq!((c0.value.as_deref(), c0.precision.map(DatePrecision::as_str)), (Some("2023-08"), Some("month")));
        assert_eq!(c0.sources, ["c"]);
        assert_eq!(c0.evidence[0].source, "c");
    }

    #[test]
    fn the_date_most_sources_support_wins() {
        let a = article("a", None, vec![event("visit", Some("2023-09-12"), &["e1"], "reported")]);
        let b = article("b", None, vec![event("visit", Some("2023-09-14"), &["e1"], "reported")]);
        let c = article("c", None, vec![event("visit", Some("2023-09-14"), &["e1"], "reported")]);
        let t = build(&[&a, &b, &c]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date.as_deref(), Some("2023-09-14"));
        assert_eq!(t[0].conflicts.len(), 1);
        assert_eq!(t[0].conflicts[0].value.as_deref(), Some("2023-09-12"));
    }

    #[test]
    fn one_article_giving_two_dates_tells_two_happenings() {
        let a = article(
            "a",
            None,
            vec![
                event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed"),
                at(event("meeting", Some("2023-09-20"), &["e1", "e2"], "confirmed"), 20),
            ],
        );
        let t = build(&[&a]);
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|e| e.conflicts.is_empty()));
    }

    #[test]
    fn different_places_are_different_happenings() {
        let mut x = event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed");
        x.place = Some("Moskow".into());
        let mut y = event("meeting", Some("2023-09-20"), &["e1", "e2"], "confirmed");
        y.place = Some("Vladivostok".into());
        let t = build(&[&article("a", None, vec![x]), &article("b", None, vec![y])]);
        assert_eq!(t.len(), 2, "{t:#?}");
    }

    #[test]
    fn two_days_weeks_apart_stay_apart() {
        let a = article("a", None, vec![event("meeting", Some("2023-09-01"), &["e1", "e2"], "confirmed")]);
        let b = article("b", None, vec![event("meeting", Some("2023-09-25"), &["e1", "e2"], "confirmed")]);
        assert_eq!(build(&[&a, &b]).len(), 2);
    }

    #[test]
    fn a_month_does_not_gather_two_days() {
        let a = article("a", None, vec![event("visit", Some("2023-09"), &["e1"], "reported")]);
        let b = article("b", None, vec![event("visit", Some("2023-09-03"), &["e1"], "reported")]);
        let c = article("c", None, vec![at(event("visit", Some("2023-09-28"), &["e1"], "reported"), 20)]);
        let t = build(&[&a, &b, &c]);
        assert_eq!(t.len(), 2, "{t:#?}");
        assert_eq!(t.iter().map(|e| e.supported_by.len()).sum::<usize>(), 3);
    }

    #[test]
    fn undated_plans_join_their_later_confirmation_with_both_statuses() {
        let p1 = on(article("p1", Some("Kabar"), vec![event("visit", None, &["e1", "e2"], "planned")]), "2024-03-04");
        let p2 = on(
            article("p2", Some("Warta"), vec![event("visit", Some("2024-03"), &["e1", "e2"], "planned")]),
            "2024-03-06",
        );
        let p3 =
            on(article("p3", Some("Suara"), vec![event("visit", None, &["e2", "e1"], "speculated")]), "2024-03-08");
        let c = on(
            article("c", Some("Harian"), vec![event("visit", Some("2024-03-20"), &["e1", "e2"], "confirmed")]),
            "2024-03-21",
        );
        // A visit of the same people a year before: a report of it joins that one, not the plan.
        let old = on(
            article("old", None, vec![event("visit", Some("2023-02-10"), &["e1", "e2"], "confirmed")]),
            "2023-02-11",
        );
        let recall = on(article("recall", None, vec![event("visit", None, &["e1", "e2"], "reported")]), "2023-02-15");
        let t = build(&[&old, &recall, &p1, &p2, &p3, &c]);
        assert_eq!(t.len(), 2, "{t:#?}");
        let e = &t[1];
        assert_eq!(e.date.as_deref(), Some("2024-03-20"));
        assert_eq!(e.supported_by, ["p1", "p2", "p3", "c"]);
        assert_eq!(e.status.as_str(), "confirmed");
        let steps: Vec<(&str, &str)> = e.statuses.iter().map(|s| (s.status.as_str(), s.source.as_str())).collect();
        assert_eq!(steps, [("planned", "p1"), ("planned", "p2"), ("speculated", "p3"), ("confirmed", "c")]);
        assert_eq!(e.statuses[0].as_of.as_deref(), Some("2024-03-04"));
        assert_eq!(t[0].supported_by, ["old", "recall"]);
    }

    #[test]
    fn undated_plans_without_a_confirmation_are_one_planned_entry() {
        let p1 = on(article("p1", None, vec![event("visit", None, &["e1", "e2"], "planned")]), "2024-03-04");
        let p2 = on(article("p2", None, vec![event("visit", None, &["e1"], "planned")]), "2024-03-05");
        let t = build(&[&p1, &p2]);
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].status.as_str(), "planned");
        assert!(t[0].summary.ends_with("(direncanakan)"), "{}", t[0].summary);
    }

    #[test]
    fn a_negated_visit_is_not_the_visit() {
        let mut no = event("visit", Some("2024-03-20"), &["e1"], "confirmed");
        no.negated = true;
        let yes = event("visit", Some("2024-03-20"), &["e1"], "confirmed");
        assert_eq!(build(&[&article("a", None, vec![no]), &article("b", None, vec![yes])]).len(), 2);
    }

    #[test]
    fn an_event_whose_only_participant_is_its_place_is_left_out() {
        let mut a = article("a", None, vec![]);
        a.entities.push(entity("e3", "Vietnam", "VN"));
        let mut ev = event("visit", Some("2024-03-20"), &["e3"], "reported");
        ev.place = Some("Vietnam".into());
        ev.place_kb = Some("VN".into());
        a.events.push(ev);
        let members = [Member { analysis: &a, story: None }];
        let (t, stats) = build_with_stats(&members, None);
        assert!(t.is_empty(), "{t:#?}");
        assert_eq!(stats.self_place, 1);
    }

    #[test]
    fn entries_differing_only_in_an_unresolved_name_merge() {
        let mut a = article("a", None, vec![event("meeting", Some("2024-01-05"), &["e1", "e3"], "reported")]);
        a.entities.push(Entity::new("e3", EntityKind::Per, "Pak Dodi", vec![]));
        let mut b = article("b", None, vec![event("meeting", Some("2024-01-05"), &["e1", "e4"], "reported")]);
        b.entities.push(Entity::new("e4", EntityKind::Org, "Kantor Dagang", vec![]));
        let t = build(&[&a, &b]);
        assert_eq!(t.len(), 1, "{t:#?}");
        // Two different resolved people are two meetings.
        let c = article("c", None, vec![event("meeting", Some("2024-01-05"), &["e1", "e2"], "reported")]);
        let mut d = article("d", None, vec![event("meeting", Some("2024-01-05"), &["e1", "e5"], "reported")]);
        d.entities.push(entity("e5", "Citra Lestari", "per:citra"));
        assert_eq!(build(&[&c, &d]).len(), 2);
    }

    #[test]
    fn for_entity_spans_stories_and_names_them() {
        let a = on(
            article("a", None, vec![event("meeting", Some("2023-09-13"), &["e1", "e2"], "confirmed")]),
            "2023-09-14",
        );
        let b = on(article("b", None, vec![event("visit", Some("2024-06-19"), &["e2"], "confirmed")]), "2024-06-20");
        let c = on(
            article(
                "c",
                None,
                vec![
                    event("meeting", Some("2023-08"), &["e2", "e1"], "background"),
                    at(event("visit", Some("2024-06-19"), &["e1"], "background"), 20),
                ],
            ),
            "2025-03-01",
        );
        let members = [
            Member { analysis: &a, story: Some("s1") },
            Member { analysis: &b, story: Some("s2") },
            Member { analysis: &c, story: Some("s3") },
        ];
        let ani = EntityKey { kb: Some("per:ani".into()), name: "Ani Wijaya".into() };
        let t = for_entity(&members, &ani);
        assert_eq!(t.len(), 2, "{t:#?}");
        assert_eq!(t[0].stories, ["s1", "s3"]);
        assert_eq!(t[0].story.as_deref(), Some("s1"));
        assert_eq!(t[0].conflicts[0].sources, ["c"]);
        assert_eq!(t[1].supported_by, ["c"], "Budi's visit is not Ani's");
        let by_name = EntityKey { kb: None, name: "budi  santoso".into() };
        assert_eq!(for_entity(&members, &by_name).len(), 2);
    }

    /// An invented report on a bridge opening (four paragraphs).
    const JEMBATAN: [&str; 4] = [
        "Pemerintah Kabupaten Sukamaju meresmikan jembatan gantung baru yang menghubungkan dua desa di tepi Sungai Cibeureum pada Kamis pagi.",
        "Bupati Ani Wijaya mengatakan jembatan sepanjang delapan puluh meter itu dibangun selama enam bulan dengan dana gotong royong warga dan anggaran daerah.",
        "Menurut dia, sebelum jembatan berdiri, anak-anak sekolah harus menyeberang dengan rakit bambu yang berbahaya ketika air sungai naik pada musim hujan.",
        "Kepala desa setempat, Budi Santoso, menyebut warga kini dapat membawa hasil panen ke pasar kecamatan dalam waktu kurang dari setengah jam.",
    ];

    /// An independent report of the same opening, written by another newsroom.
    const JEMBATAN_LAIN: [&str; 3] = [
        "Warga dua desa di Sukamaju bersorak ketika pita jembatan gantung dipotong oleh bupati dan kepala desa di hadapan ratusan pelajar.",
        "Jembatan baja itu menggantikan rakit bambu yang selama belasan tahun menjadi satu-satunya penyeberangan sungai dan kerap terbalik saat banjir.",
        "Dinas pekerjaan umum berjanji memeriksa kekuatan kabel jembatan setiap tiga bulan agar aman dilalui sepeda motor.",
    ];

    fn with_body(mut a: Analysis, body: &[&str]) -> Analysis {
        a.body = body.iter().map(|p| p.to_string()).collect();
        a
    }

    fn opening(source: &str, outlet: &str, body: &[&str]) -> Analysis {
        let ev = event("meeting", Some("2024-05-02"), &["e1", "e2"], "reported");
        with_body(article(source, Some(outlet), vec![ev]), body)
    }

    /// The corroboration of the one entry `articles` make.
    fn one_entry(articles: &[&Analysis]) -> Corroboration {
        let t = build(articles);
        assert_eq!(t.len(), 1, "{t:#?}");
        t[0].corroboration.clone()
    }

    /// (outlets, articles, reports, copies).
    fn counts(c: &Corroboration) -> (usize, usize, usize, usize) {
        (c.outlets, c.articles, c.reports, c.copies)
    }

    #[test]
    fn the_same_report_under_two_urls_is_one_report_with_a_copy() {
        let a = opening("https://kabar.test/jembatan", "Kabar", &JEMBATAN);
        let b = opening("https://kabar.test/jembatan?amp=1", "Kabar", &JEMBATAN);
        let c = one_entry(&[&a, &b]);
        assert_eq!(counts(&c), (1, 2, 1, 1));
        assert_eq!(
            c.copy_groups,
            [CopyGroup {
                original: "https://kabar.test/jembatan".into(),
                copies: vec!["https://kabar.test/jembatan?amp=1".into()],
                kind: CopyKind::Exact,
                outlets: vec!["Kabar".into()],
            }]
        );
    }

    #[test]
    fn a_syndicated_near_copy_on_another_outlet_adds_an_outlet_not_a_report() {
        let a = opening("kabar-1", "Kabar", &JEMBATAN);
        // The wire copy: a dateline before the lead and a credit line at the end.
        let lead = format!("SUKAMAJU (ANTARA) - {}", JEMBATAN[0]);
        let mut body: Vec<&str> = vec![&lead];
        body.extend(&JEMBATAN[1..]);
        body.push("Pewarta: Citra Lestari. Editor: Dedi Kurnia.");
        let b = opening("warta-7", "Warta", &body);
        let c = one_entry(&[&a, &b]);
        assert_eq!(counts(&c), (2, 2, 1, 1));
        assert_eq!(c.copy_groups.len(), 1);
        assert_eq!(c.copy_groups[0].kind, CopyKind::Near);
        assert_eq!(c.copy_groups[0].outlets, ["Kabar", "Warta"]);
    }

    #[test]
    fn independent_reports_from_two_outlets_are_two_reports() {
        let a = opening("kabar-1", "Kabar", &JEMBATAN);
        let b = opening("warta-2", "Warta", &JEMBATAN_LAIN);
        let c = one_entry(&[&a, &b]);
        assert_eq!(counts(&c), (2, 2, 2, 0));
        assert!(c.copy_groups.is_empty());
    }

    #[test]
    fn the_original_is_the_earliest_copy_and_articles_without_text_are_no_copies() {
        // A copy that comes first in input order but was published later.
        let late = on(opening("salinan", "Kabar", &JEMBATAN), "2024-05-04");
        let early = on(opening("asli", "Warta", &JEMBATAN), "2024-05-02");
        let other = on(opening("lain", "Pos", &JEMBATAN_LAIN), "2024-05-03");
        let c = one_entry(&[&late, &early, &other]);
        assert_eq!(counts(&c), (3, 3, 2, 1));
        assert_eq!(c.copy_groups[0].original, "asli");
        assert_eq!(c.copy_groups[0].copies, ["salinan"]);
        // Without text nothing is a copy: each article is its own report.
        let bare = |s: &str| article(s, None, vec![event("meeting", Some("2024-05-02"), &["e1", "e2"], "reported")]);
        assert_eq!(counts(&one_entry(&[&bare("x"), &bare("y")])), (0, 2, 2, 0));
    }

    #[test]
    fn periods_and_precision() {
        assert_eq!(precision("2024-W25").as_str(), "week");
        assert_eq!(precision("2023-09-13TMO").as_str(), "day");
        assert_eq!(precision("PRESENT_REF").as_str(), "other");
        assert!(compatible("2024-W25", "2024-06-19"));
        assert!(!compatible("2023-08", "2023-09-13"));
        assert!(compatible("2023-09-13", "2023-09-14"));
    }

    #[test]
    fn date_phrases() {
        assert_eq!(date_phrase_id("2023-09"), "pada September 2023");
        assert_eq!(date_phrase_id("2023"), "pada 2023");
        assert_eq!(date_phrase_id("2024-W25"), "pada pekan ke-25 2024");
        assert_eq!(date_phrase_id("2023-09-12TMO"), "pada 12 September 2023");
    }
}
