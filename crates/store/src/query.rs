//! Typed reads of a store, each returning serde values (the shapes a server would send):
//! search, counts, stories, timelines, exports.

use crate::Store;
use anyhow::{Result, bail};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Term};

/// A malformed search query (the command line exits 2 on it).
#[derive(Debug)]
pub struct BadQuery(pub String);

impl std::fmt::Display for BadQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed query: {}", self.0)
    }
}

impl std::error::Error for BadQuery {}

/// A search: tantivy query syntax over title and body (`"frase persis"`, `a AND b`, `-x`,
/// `title:banjir`), every word required unless `OR` is written; filters are exact.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Outlet name, case-insensitive (`detik.com`).
    pub outlet: Option<String>,
    /// Entity canonical name or mention text, case-insensitive.
    pub entity: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    /// Up to 150 characters of the body around the matches, matches in `**`.
    pub snippet: String,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub articles: i64,
    pub analyses: i64,
    pub entities: i64,
    pub mentions: i64,
    pub events: i64,
    pub stories: i64,
    pub story_articles: i64,
    /// Documents in the search index.
    pub indexed: u64,
}

/// A stored story.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub outlets: Vec<String>,
    pub articles: Vec<String>,
}

/// One entry of a timeline: an event reported by one or more articles, or (for stories or
/// entities without events) an article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub date: Option<String>,
    /// The event type, or `article` for an article entry.
    #[serde(rename = "type")]
    pub kind: String,
    pub headline: String,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub status: Option<String>,
    pub articles: Vec<String>,
    pub outlets: Vec<String>,
    pub story: Option<String>,
}

/// A timeline for a story or an entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    /// `story` or `entity`.
    pub of: String,
    pub key: String,
    pub title: String,
    pub entries: Vec<TimelineEntry>,
}

fn story_num(key: &str) -> Option<i64> {
    key.strip_prefix('s').and_then(|n| n.parse().ok()).filter(|&n| n > 0)
}

fn day_number(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

impl Store {
    /// Counts of every table and of the index.
    pub fn counts(&self) -> Result<Counts> {
        let c = |t: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok(Counts {
            articles: c("articles")?,
            analyses: c("analyses")?,
            entities: c("entities")?,
            mentions: c("mentions")?,
            events: c("events")?,
            stories: c("stories")?,
            story_articles: c("story_articles")?,
            indexed: {
                self.idx.reader.reload()?;
                self.idx.reader.searcher().num_docs()
            },
        })
    }

    /// Full-text search with filters, best first.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>> {
        let f = self.idx.f;
        let searcher = self.idx.reader.searcher();
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text = q.text.trim();
        let parsed: Option<Box<dyn Query>> = if text.is_empty() || text == "*" {
            None
        } else {
            let mut parser = QueryParser::for_index(&self.idx.index, vec![f.title, f.body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, 2.0);
            Some(parser.parse_query(text).map_err(|e| BadQuery(format!("{e:?}")))?)
        };
        match &parsed {
            Some(p) => parts.push((Occur::Must, p.box_clone())),
            None => parts.push((Occur::Must, Box::new(AllQuery))),
        }
        if let Some(o) = &q.outlet {
            let t = Term::from_field_text(f.outlet, &o.to_lowercase());
            parts.push((Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic))));
        }
        if let Some(e) = &q.entity {
            let t = Term::from_field_text(f.entity, &e.to_lowercase());
            parts.push((Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic))));
        }
        if q.from.is_some() || q.to.is_some() {
            let lo = q.from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.day, day_number(d))));
            let hi = q.to.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.day, day_number(d))));
            parts.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let query = BooleanQuery::new(parts);
        let limit = if q.limit == 0 { 10 } else { q.limit };
        let top: Vec<(Score, DocAddress)> = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let snippets = match &parsed {
            Some(p) => Some(SnippetGenerator::create(&searcher, p.as_ref(), f.body)?),
            None => None,
        };
        let mut st = self.conn.prepare_cached(
            "SELECT a.source, a.title, a.outlet, a.published, a.body, s.story_id
             FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id WHERE a.id = ?1",
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let seg = searcher.segment_reader(addr.segment_ord);
            let Some(id) = seg.fast_fields().u64("id")?.first(addr.doc_id) else { continue };
            let row = st
                .query_row(params![id as i64], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                    ))
                })
                .optional()?;
            // An index document SQLite does not hold (a writer died mid-way): not a result.
            let Some((source, title, outlet, published, body, story)) = row else { continue };
            let snippet = match &snippets {
                Some(g) => {
                    let mut s = g.snippet(&body);
                    s.set_snippet_prefix_postfix("**", "**");
                    s.to_html()
                }
                None => body.chars().take(150).collect(),
            };
            hits.push(Hit {
                id: id as i64,
                score,
                source,
                title,
                outlet,
                published,
                story: story.map(|s| format!("s{s}")),
                snippet,
            });
        }
        Ok(hits)
    }

    /// Every story, in the order they started.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut members: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut st = self.conn.prepare(
                "SELECT s.story_id, a.source FROM story_articles s JOIN articles a ON a.id = s.article_id ORDER BY a.id",
            )?;
            let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (s, src) = row?;
                members.entry(s).or_default().push(src);
            }
        }
        let mut st = self.conn.prepare("SELECT id, title, first_date, last_date, outlets FROM stories ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, first_date, last_date, outlets) = row?;
            out.push(StoryRow {
                id: format!("s{id}"),
                title,
                first_date,
                last_date,
                outlets: serde_json::from_str(&outlets)?,
                articles: members.remove(&id).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// Stored analyses in ingest order (of one story, or all), as `(article id, story, JSON)`.
    fn analyses(&self, story: Option<i64>) -> Result<Vec<(i64, Option<i64>, String)>> {
        let mut st = self.conn.prepare(
            "SELECT n.article_id, s.story_id, n.json FROM analyses n LEFT JOIN story_articles s ON s.article_id = n.article_id
             WHERE ?1 IS NULL OR s.story_id = ?1 ORDER BY n.article_id",
        )?;
        let rows = st.query_map(params![story], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn check_story(&self, key: &str) -> Result<i64> {
        let Some(n) = story_num(key) else { bail!("not a story id (s1, s2, …): {key}") };
        let exists: bool =
            self.conn.query_row("SELECT count(*) > 0 FROM stories WHERE id = ?1", params![n], |r| r.get(0))?;
        if !exists {
            bail!("no story {key} in the store");
        }
        Ok(n)
    }

    /// The timeline of a story (`s3`) or of an entity (canonical name or mention text).
    pub fn timeline(&self, key: &str) -> Result<Timeline> {
        let (of, title, article_ids) = if story_num(key).is_some() {
            let n = self.check_story(key)?;
            let title: String =
                self.conn.query_row("SELECT title FROM stories WHERE id = ?1", params![n], |r| r.get(0))?;
            let mut st =
                self.conn.prepare("SELECT article_id FROM story_articles WHERE story_id = ?1 ORDER BY article_id")?;
            let ids = st.query_map(params![n], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            ("story", title, ids)
        } else {
            let mut st = self.conn.prepare(
                "SELECT DISTINCT m.article_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
                 WHERE lower(e.name) = lower(?1) ORDER BY m.article_id",
            )?;
            let rows = st.query_map(params![key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut ids = Vec::new();
            let mut name = key.to_string();
            for row in rows {
                let (id, n) = row?;
                ids.push(id);
                name = n;
            }
            if ids.is_empty() {
                bail!("no story or entity named {key:?} in the store");
            }
            ("entity", name, ids)
        };
        let entity = (of == "entity").then(|| title.clone());
        let mut entries = self.entries(&article_ids, entity.as_deref())?;
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
        Ok(Timeline { of: of.into(), key: key.into(), title, entries })
    }

    /// Event entries of these articles (merged across articles reporting the same event),
    /// or article entries when they carry no events.
    fn entries(&self, ids: &[i64], entity: Option<&str>) -> Result<Vec<TimelineEntry>> {
        let mut art = self.conn.prepare_cached(
            "SELECT a.source, a.outlet, a.title, a.published, a.body, s.story_id FROM articles a
             LEFT JOIN story_articles s ON s.article_id = a.id WHERE a.id = ?1",
        )?;
        let mut evs = self.conn.prepare_cached(
            "SELECT kind, date, participants, place, status FROM events WHERE article_id = ?1 ORDER BY id",
        )?;
        let mut merged: BTreeMap<(Option<String>, String, String), TimelineEntry> = BTreeMap::new();
        let mut articles: Vec<TimelineEntry> = Vec::new();
        for &id in ids {
            let (source, outlet, title, published, body, story): (
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                String,
                Option<i64>,
            ) =
                art.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
            let story = story.map(|s| format!("s{s}"));
            let rows = evs.query_map(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?;
            let mut any = false;
            for row in rows {
                let (kind, date, participants, place, status): (
                    String,
                    Option<String>,
                    String,
                    Option<String>,
                    String,
                ) = row?;
                let people: Vec<String> = serde_json::from_str(&participants)?;
                if entity.is_some_and(|e| !people.iter().any(|p| p.eq_ignore_ascii_case(e))) {
                    continue;
                }
                any = true;
                let e = merged.entry((date.clone(), kind.clone(), participants)).or_insert_with(|| TimelineEntry {
                    date,
                    headline: format!("{kind}: {}", people.join(", ")),
                    kind,
                    participants: people,
                    place,
                    status: Some(status),
                    articles: Vec::new(),
                    outlets: Vec::new(),
                    story: story.clone(),
                });
                e.articles.push(source.clone());
                if let Some(o) = &outlet
                    && !e.outlets.contains(o)
                {
                    e.outlets.push(o.clone());
                }
            }
            if !any {
                let headline = title.unwrap_or_else(|| body.chars().take(100).collect());
                articles.push(TimelineEntry {
                    date: published.map(|p| p.chars().take(10).collect()),
                    kind: "article".into(),
                    headline,
                    participants: Vec::new(),
                    place: None,
                    status: None,
                    articles: vec![source],
                    outlets: outlet.into_iter().collect(),
                    story,
                });
            }
        }
        let mut out: Vec<TimelineEntry> = merged.into_values().collect();
        out.extend(articles);
        Ok(out)
    }

    /// JSON Lines: each stored analysis (the objects `warta analyze` prints), in ingest order.
    pub fn export_jsonl(&self, out: &mut dyn Write, story: Option<&str>) -> Result<usize> {
        let story = story.map(|s| self.check_story(s)).transpose()?;
        let rows = self.analyses(story)?;
        for (_, _, json) in &rows {
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(rows.len())
    }

    /// CSV (RFC 4180): one row per article.
    pub fn export_csv(&self, out: &mut dyn Write, story: Option<&str>) -> Result<usize> {
        let story = story.map(|s| self.check_story(s)).transpose()?;
        let rows = self.analyses(story)?;
        writeln!(out, "id,story,source,outlet,published,title,authors,entities,events,words")?;
        for (id, story, json) in &rows {
            let a: warta_engine::Analysis = serde_json::from_str(json)?;
            let entities: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
            let words: usize = a.body.iter().map(|p| p.split_whitespace().count()).sum();
            let fields = [
                id.to_string(),
                story.map(|s| format!("s{s}")).unwrap_or_default(),
                a.source.clone(),
                a.outlet.clone().unwrap_or_default(),
                a.published.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
                a.title.clone().unwrap_or_default(),
                a.authors.join("; "),
                entities.join("; "),
                a.events.len().to_string(),
                words.to_string(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        Ok(rows.len())
    }

    /// TimelineJS3 JSON for one story, or for every story (each a `group`).
    pub fn export_timelinejs(&self, story: Option<&str>) -> Result<serde_json::Value> {
        let stories: Vec<StoryRow> = match story {
            Some(s) => {
                let n = self.check_story(s)?;
                self.stories()?.into_iter().filter(|r| r.id == format!("s{n}")).collect()
            }
            None => self.stories()?,
        };
        let mut events = Vec::new();
        for s in &stories {
            let tl = self.timeline(&s.id)?;
            for e in tl.entries {
                let Some(date) = e.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| d.parse::<Date>().ok())
                else {
                    continue;
                };
                let mut text = String::new();
                if !e.participants.is_empty() {
                    text.push_str(&format!("<p>{}</p>", html_escape(&e.participants.join(", "))));
                }
                if let Some(status) = &e.status {
                    text.push_str(&format!("<p>Status: {}</p>", html_escape(status)));
                }
                text.push_str(&format!("<p>Sumber: {}</p>", html_escape(&e.outlets.join(", "))));
                events.push(serde_json::json!({
                    "start_date": {"year": date.year().to_string(), "month": date.month().to_string(), "day": date.day().to_string()},
                    "text": {"headline": html_escape(&e.headline), "text": text},
                    "group": s.title,
                    "unique_id": format!("{}-{}", s.id, events.len() + 1),
                }));
            }
        }
        let (headline, text) = match stories.as_slice() {
            [one] => (one.title.clone(), format!("{} artikel dari {}", one.articles.len(), one.outlets.join(", "))),
            many => ("warta".to_string(), format!("{} cerita", many.len())),
        };
        Ok(serde_json::json!({
            "title": {"text": {"headline": html_escape(&headline), "text": html_escape(&text)}},
            "events": events,
        }))
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
