//! Story timelines kept by the store: the engine's ([`warta_engine::timeline::build`]),
//! computed lazily when a story's timeline is read (never in the ingest path) and cached in
//! `story_timelines` under a fingerprint of what they were built from — the timeline rules'
//! [`VERSION`], the story's sorted member article ids with their revisions, and its witnesses'
//! (the articles of other stories that name two or more of its people or organisations, as
//! `warta stories` reads them: [`warta_engine::stories::tell_all`]; a witness can show a date
//! conflict, never support). A story that gained, lost or changed an article or a witness (or a
//! warta with other timeline rules) gets a new fingerprint, so its cached timeline is stale and
//! is rebuilt on the next read.
//!
//! Writing the cache is best effort: a store opened where it cannot write (read-only, or
//! another process holding the write lock past the busy timeout) still answers, only
//! without keeping the result.

use crate::Result;
use crate::Store;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use warta_engine::analysis::{EventStatus, EventType};
use warta_engine::timeline::{Conflict, Corroboration, DatePrecision, Entry, Evidence, Member, StatusBy, VERSION};

/// What a timeline entry is: a happening of one event type, or an article that supports no
/// event entry. In JSON, the event type's name or `article`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EntryKind {
    Event(EventType),
    #[default]
    Article,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Event(t) => t.as_str(),
            EntryKind::Article => "article",
        }
    }
    pub fn parse(s: &str) -> Option<EntryKind> {
        match s {
            "article" => Some(EntryKind::Article),
            _ => EventType::parse(s).map(EntryKind::Event),
        }
    }
}

impl Serialize for EntryKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EntryKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        EntryKind::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown timeline entry type {s:?}")))
    }
}

/// One entry of a timeline: a happening merged across articles by the engine
/// ([`warta_engine::timeline`]: same fields as `warta stories` prints), or (for articles that
/// support no event entry) an `article` entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TimelineEntry {
    pub date: Option<String>,
    /// day, month, year, week or other; null when undated.
    #[serde(default)]
    pub date_precision: Option<DatePrecision>,
    /// The event type, or `article` for an article entry.
    #[serde(rename = "type")]
    pub kind: EntryKind,
    /// The engine's Indonesian line built from the facts (the title for an article entry).
    #[serde(default)]
    pub summary: String,
    /// The same as `summary` (kept for readers of the first store format).
    pub headline: String,
    pub participants: Vec<String>,
    /// Gazetteer keys aligned with `participants` (null where unknown).
    #[serde(default)]
    pub participant_kb: Vec<Option<String>>,
    pub place: Option<String>,
    /// The surest status any source gives; null for an article entry.
    pub status: Option<EventStatus>,
    /// Every source's status with the date of its article, in date order.
    #[serde(default)]
    pub statuses: Vec<StatusBy>,
    /// Sources of the supporting articles.
    #[serde(default)]
    pub supported_by: Vec<String>,
    /// The same as `supported_by` (kept for readers of the first store format).
    pub articles: Vec<String>,
    pub outlets: Vec<String>,
    /// The supporters counted by outlet and by original report, copies grouped under their
    /// original (engine entries; none for an article entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corroboration: Option<Corroboration>,
    /// Other dates sources give for the same happening, with who and where.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub background: bool,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The story (s1, s2, …) of the first supporting article.
    pub story: Option<String>,
    /// Every story a supporting article belongs to (entity timelines span stories).
    #[serde(default)]
    pub stories: Vec<String>,
    /// Who said what about this happening ([`warta_engine::timeline::attach_statements`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<TimelineEntry>,
}

impl TimelineEntry {
    /// A store entry from an engine entry.
    pub fn from_engine(e: Entry) -> TimelineEntry {
        TimelineEntry {
            date_precision: e.date_precision,
            date: e.date,
            kind: EntryKind::Event(e.kind),
            headline: e.summary.clone(),
            summary: e.summary,
            participants: e.participants,
            participant_kb: e.participant_kb,
            place: e.place,
            status: Some(e.status),
            statuses: e.statuses,
            articles: e.supported_by.clone(),
            supported_by: e.supported_by,
            outlets: e.outlets,
            corroboration: Some(e.corroboration),
            conflicts: e.conflicts,
            background: e.background,
            evidence: e.evidence,
            story: e.story,
            stories: e.stories,
            said: e.said.into_iter().map(TimelineEntry::from_engine).collect(),
        }
    }
}

impl Store {
    /// The fingerprint of a story's membership and witnesses (see the module doc).
    pub fn story_fingerprint(&self, story: i64) -> Result<String> {
        self.fingerprint_with(story, &self.witnesses(story)?)
    }

    /// [`Self::story_fingerprint`] with the story's witnesses already found.
    fn fingerprint_with(&self, story: i64, witnesses: &[(i64, i64)]) -> Result<String> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.rev FROM story_articles s JOIN articles a ON a.id = s.article_id
             WHERE s.story_id = ?1 ORDER BY a.id",
        )?;
        let mut key = format!("timeline v{VERSION};");
        let rows = st.query_map(params![story], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (id, rev) = row?;
            key.push_str(&format!("{id}:{rev};"));
        }
        if !witnesses.is_empty() {
            key.push_str("witnesses;");
            for (id, rev) in witnesses {
                key.push_str(&format!("{id}:{rev};"));
            }
        }
        Ok(crate::content_hash(&key))
    }

    /// The witnesses of story `s<story>` as (article id, revision), in id order: the articles of
    /// other stories that name at least two of the people or organisations its articles name,
    /// most shared first, at most [`warta_engine::stories::WITNESSES`].
    fn witnesses(&self, story: i64) -> Result<Vec<(i64, i64)>> {
        let mut st = self.conn.prepare_cached(
            // the story's distinct people and organisations first: joining every mention of
            // the story's articles repeats a common name's postings once per article
            "SELECT w.article_id, a.rev FROM (
                 SELECT m2.article_id, COUNT(*) AS shared
                 FROM (SELECT DISTINCT m1.entity_id FROM story_articles s
                       JOIN mentions m1 ON m1.article_id = s.article_id
                       JOIN entities e ON e.id = m1.entity_id AND e.kind IN ('PER', 'ORG')
                       WHERE s.story_id = ?1) k
                 JOIN mentions m2 ON m2.entity_id = k.entity_id
                 WHERE m2.article_id NOT IN (SELECT article_id FROM story_articles WHERE story_id = ?1)
                 GROUP BY m2.article_id HAVING shared >= 2
                 ORDER BY shared DESC, m2.article_id LIMIT ?2) w
             JOIN articles a ON a.id = w.article_id",
        )?;
        let limit = warta_engine::stories::WITNESSES as i64;
        let mut out: Vec<(i64, i64)> =
            st.query_map(params![story, limit], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        out.sort_unstable();
        Ok(out)
    }

    /// The entries of story `s<story>`: from the cache when its fingerprint still holds, else
    /// built by the engine (plus `article` entries for articles that support no entry), then
    /// cached.
    pub(crate) fn story_timeline(&self, story: i64) -> Result<Vec<TimelineEntry>> {
        // the witnesses are found once: for the fingerprint and, on a rebuild, for the build
        let witnesses = self.witnesses(story)?;
        let fingerprint = self.fingerprint_with(story, &witnesses)?;
        let cached: Option<(String, String)> = self
            .conn
            .query_row("SELECT fingerprint, json FROM story_timelines WHERE story_id = ?1", params![story], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((f, json)) = cached
            && f == fingerprint
            && let Ok(entries) = serde_json::from_str::<Vec<TimelineEntry>>(&json)
        {
            return Ok(entries);
        }
        let entries = self.build_story_timeline(story, &witnesses)?;
        let json = serde_json::to_string(&entries)?;
        // Best effort (see the module doc): a failed write only means no cache.
        let _ = self.conn.execute(
            "INSERT INTO story_timelines (story_id, fingerprint, json, built_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (story_id) DO UPDATE SET fingerprint = excluded.fingerprint, json = excluded.json,
             built_at = excluded.built_at",
            params![story, fingerprint, json, jiff::Timestamp::now().to_string()],
        );
        Ok(entries)
    }

    /// Build a story's entries from its stored analyses.
    fn build_story_timeline(&self, story: i64, witnesses: &[(i64, i64)]) -> Result<Vec<TimelineEntry>> {
        let ids: Vec<i64> = {
            let mut st = self
                .conn
                .prepare_cached("SELECT article_id FROM story_articles WHERE story_id = ?1 ORDER BY article_id")?;
            st.query_map(params![story], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<_>>()?
        };
        let rows = self.analyses_of(&ids)?;
        let members: Vec<Member> = rows.iter().map(|(_, s, a)| Member { analysis: a, story: s.as_deref() }).collect();
        let witness_ids: Vec<i64> = witnesses.iter().map(|&(id, _)| id).collect();
        let witness_rows = self.analyses_of(&witness_ids)?;
        let witnesses: Vec<&warta_engine::Analysis> = witness_rows.iter().map(|(_, _, a)| a).collect();
        let variants = warta_engine::variants::Variants::build(members.iter().map(|m| m.analysis));
        let mut entries: Vec<TimelineEntry> =
            warta_engine::timeline::build_members_with_witnesses(&members, &witnesses, &variants)
                .into_iter()
                .map(TimelineEntry::from_engine)
                .collect();
        entries.extend(self.article_entries(&ids, &entries)?);
        sort_entries(&mut entries);
        Ok(entries)
    }

    /// How many story timelines the cache holds, and how many of them are current.
    pub fn cached_timelines(&self) -> Result<(usize, usize)> {
        let mut st = self.conn.prepare("SELECT story_id, fingerprint FROM story_timelines")?;
        let rows: Vec<(i64, String)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut current = 0;
        for (story, f) in &rows {
            if self.story_fingerprint(*story)? == *f {
                current += 1;
            }
        }
        Ok((rows.len(), current))
    }
}

/// Dated entries first, by the first day their date names (then by value and type); undated
/// ones last, in the order given.
pub(crate) fn sort_entries(entries: &mut [TimelineEntry]) {
    let first_day = |e: &TimelineEntry| e.date.as_deref().and_then(warta_engine::timeline::period).map(|p| p.0);
    entries.sort_by(|a, b| {
        let (x, y) = (first_day(a), first_day(b));
        (x.is_none(), x, a.date.is_none(), &a.date).cmp(&(y.is_none(), y, b.date.is_none(), &b.date))
    });
}
