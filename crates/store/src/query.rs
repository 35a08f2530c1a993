//! Typed reads of a store, each returning serde values (the shapes a server would send):
//! search, counts, stories, timelines, exports.

use crate::Store;
use crate::timelines::sort_entries;
pub use crate::timelines::{EntryKind, TimelineEntry};
use crate::{Result, StoreError};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Term};
use warta_engine::analysis::{EventStatus, EventType};
use warta_engine::timeline::{DatePrecision, EntityKey, Member};

/// A malformed search query (the command line exits 2 on it): what is wrong and, when the
/// parser knows, the column (1-based, in characters) where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadQuery {
    pub query: String,
    pub message: String,
    pub column: Option<usize>,
}

impl std::fmt::Display for BadQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed query: {}", self.message)?;
        if let Some(c) = self.column {
            write!(f, " (at column {c})")?;
        }
        Ok(())
    }
}

impl BadQuery {
    /// Why `query` did not parse, from tantivy's error: the lenient grammar's first complaint
    /// and its position when there is one, else the error itself (and the column of the field
    /// it names, for an unknown field).
    pub fn explain(query: &str, err: &tantivy::query::QueryParserError) -> BadQuery {
        use tantivy::query::QueryParserError as E;
        let column_of = |byte: usize| {
            let byte = byte.min(query.len());
            Some(query.char_indices().take_while(|(i, _)| *i < byte).count() + 1)
        };
        if let Some(mut q) = own_check(query) {
            q.query = query.to_string();
            return q;
        }
        let (_, errors) = tantivy::query_grammar::parse_query_lenient(query);
        if let Some(first) = errors.first() {
            return BadQuery { query: query.into(), message: first.message.clone(), column: column_of(first.pos) };
        }
        let (message, column) = match err {
            E::FieldDoesNotExist(name) => (
                format!("unknown field {name:?} (fields: title, body)"),
                query.find(&format!("{name}:")).and_then(column_of),
            ),
            E::AllButQueryForbidden => ("only excluded words (-word): say what to find too".into(), None),
            other => (other.to_string(), None),
        };
        BadQuery { query: query.into(), message, column }
    }

    /// The message, the query and a caret under the column (for a terminal):
    ///
    /// ```text
    /// malformed query: unclosed quote (at column 8)
    ///   banjir "rob
    ///          ^
    /// ```
    pub fn pointed(&self) -> String {
        let mut s = self.to_string();
        if let Some(c) = self.column {
            s.push_str(&format!("\n  {}\n  {}^", self.query, " ".repeat(c - 1)));
        }
        s
    }
}

/// Mistakes tantivy accepts leniently but its strict parser rejects without a position.
fn own_check(query: &str) -> Option<BadQuery> {
    let mut open_quote = None;
    let mut parens: Vec<usize> = Vec::new();
    for (col, ch) in query.chars().enumerate() {
        let col = col + 1;
        match ch {
            '"' => open_quote = if open_quote.is_some() { None } else { Some(col) },
            _ if open_quote.is_some() => {}
            '(' => parens.push(col),
            ')' if parens.pop().is_none() => {
                return Some(bad_at("a closing parenthesis that was never opened", col));
            }
            _ => {}
        }
    }
    if let Some(col) = open_quote {
        return Some(bad_at("unclosed quote (\")", col));
    }
    if let Some(col) = parens.pop() {
        return Some(bad_at("unclosed parenthesis", col));
    }
    let trimmed = query.trim_end();
    for op in ["AND", "OR", "NOT"] {
        if trimmed.ends_with(op) && (trimmed.len() == op.len() || trimmed[..trimmed.len() - op.len()].ends_with(' ')) {
            let col = trimmed.chars().count() - op.len() + 1;
            return Some(bad_at(&format!("{op} at the end of the query: what should follow it?"), col));
        }
    }
    None
}

fn bad_at(message: &str, column: usize) -> BadQuery {
    BadQuery { query: String::new(), message: message.into(), column: Some(column) }
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
    /// Results to skip (paging: the second page of 20 is offset 20).
    pub offset: usize,
    /// Only articles stored after this article id (ids are ingest order): what is new since a
    /// saved search's last visit ([`crate::saved`]).
    pub stored_after: Option<i64>,
    /// Only articles with an event of this type.
    pub event_type: Option<EventType>,
    /// The order of the results.
    pub sort: SearchSort,
}

warta_engine::names! {
    /// The order of search results.
    #[derive(Default)]
    pub enum SearchSort {
        /// Best match first (BM25, titles boosted).
        #[default]
        Relevance = "relevance",
        /// Newest publication day first; articles without a date last (equal days in index order).
        Newest = "newest",
    }
}

warta_engine::names! {
    /// The order of a list of stories ([`sort_stories`]).
    pub enum StorySort {
        /// The story whose newest article is newest first (what moved lately).
        Latest = "latest",
        /// The story that started first first.
        Earliest = "earliest",
        /// Most articles first.
        Articles = "articles",
        /// Most outlets first.
        Outlets = "outlets",
        /// In the order the store made them.
        Created = "created",
    }
}

/// Order stories as `sort` asks. Undated stories come after dated ones; ties (and undated
/// stories among themselves) go newer story first.
pub fn sort_stories(rows: &mut [StoryRow], sort: StorySort) {
    use std::cmp::Reverse;
    let num = |r: &StoryRow| story_num(&r.id).unwrap_or(0);
    match sort {
        StorySort::Latest => rows.sort_by(|a, b| {
            (b.last_date.is_some(), &b.last_date, num(b)).cmp(&(a.last_date.is_some(), &a.last_date, num(a)))
        }),
        StorySort::Earliest => rows.sort_by_key(|r| (r.first_date.is_none(), r.first_date.clone(), Reverse(num(r)))),
        StorySort::Articles => rows.sort_by_key(|r| (Reverse(r.articles.len()), Reverse(num(r)))),
        StorySort::Outlets => {
            rows.sort_by_key(|r| (Reverse(r.outlets.len()), Reverse(r.articles.len()), Reverse(num(r))))
        }
        StorySort::Created => rows.sort_by_key(num),
    }
}

/// The best `limit` matches from `offset` of `query` in the order `sort` asks, each with its
/// relevance score (computed for the page's documents when the order is by date).
pub(crate) fn top_docs(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: SearchSort,
    limit: usize,
    offset: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    Ok(match sort {
        SearchSort::Relevance => searcher.search(query, &top.order_by_score())?,
        SearchSort::Newest => {
            let by_day: Vec<(Option<i64>, DocAddress)> =
                searcher.search(query, &top.order_by_fast_field::<i64>("day", tantivy::Order::Desc))?;
            let mut out = Vec::with_capacity(by_day.len());
            for (_, addr) in by_day {
                out.push((query.explain(searcher, addr)?.value(), addr));
            }
            out
        }
    })
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
    /// The title of `story`.
    pub story_title: Option<String>,
    /// Up to 150 characters of the body around the matches, HTML-escaped, matches in `**`
    /// (see [`snippet_plain`] and [`snippet_parts`]).
    pub snippet: String,
}

/// A snippet (HTML-escaped, matches between `**`) as plain text: escapes undone, no marks.
pub fn snippet_plain(snippet: &str) -> String {
    snippet_parts(snippet).into_iter().map(|(t, _)| t).collect::<String>().replace('\n', " ")
}

/// A snippet as plain text parts `(text, is_match)`, in order.
pub fn snippet_parts(snippet: &str) -> Vec<(String, bool)> {
    snippet
        .split("**")
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| (unescape_html(t), i % 2 == 1))
        .collect()
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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

warta_engine::names! {
    /// What a timeline follows.
    pub enum TimelineOf {
        Story = "story",
        Entity = "entity",
    }
}

/// A timeline for a story or an entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    pub of: TimelineOf,
    pub key: String,
    pub title: String,
    /// For an entity: its gazetteer key, when the gazetteer knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb: Option<String>,
    pub entries: Vec<TimelineEntry>,
}

fn story_num(key: &str) -> Option<i64> {
    key.strip_prefix('s').and_then(|n| n.parse().ok()).filter(|&n| n > 0)
}

/// The outlet, entity and date-range filters of `q` as required clauses (shared by
/// [`Store::search`] and the server's `search_ids`).
pub(crate) fn push_filters(f: &crate::index::Fields, q: &SearchQuery, parts: &mut Vec<(Occur, Box<dyn Query>)>) {
    if let Some(o) = &q.outlet {
        let t = Term::from_field_text(f.outlet, &o.to_lowercase());
        parts.push((Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic))));
    }
    if let Some(e) = &q.entity {
        let t = Term::from_field_text(f.entity, &e.to_lowercase());
        parts.push((Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic))));
    }
    if q.from.is_some() || q.to.is_some() {
        let bound = |d: Option<Date>| {
            d.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.day, day_number(d))))
        };
        parts.push((Occur::Must, Box::new(RangeQuery::new(bound(q.from), bound(q.to)))));
    }
    if let Some(t) = q.event_type {
        let t = Term::from_field_text(f.event_type, t.as_str());
        parts.push((Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic))));
    }
    if let Some(after) = q.stored_after {
        let lower = Bound::Excluded(Term::from_field_u64(f.id, after.max(0) as u64));
        parts.push((Occur::Must, Box::new(RangeQuery::new(lower, Bound::Unbounded))));
    }
}

fn day_number(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

impl Store {
    /// The query text as tantivy parses it over title and body (every word required, titles
    /// boosted), or None for `*` and nothing (every article). A malformed query is a
    /// [`BadQuery`] with its position.
    pub(crate) fn parse_text(&self, text: &str) -> Result<Option<Box<dyn Query>>, BadQuery> {
        let text = text.trim();
        if text.is_empty() || text == "*" {
            return Ok(None);
        }
        let f = self.idx.f;
        let mut parser = QueryParser::for_index(&self.idx.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        parser.parse_query(text).map(Some).map_err(|e| BadQuery::explain(text, &e))
    }

    /// The whole query of a search: the text (or every article) and the filters, all required;
    /// and the text's own query (for snippets).
    pub(crate) fn compose(&self, q: &SearchQuery) -> Result<(BooleanQuery, Option<Box<dyn Query>>), BadQuery> {
        let parsed = self.parse_text(&q.text)?;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match &parsed {
            Some(p) => parts.push((Occur::Must, p.box_clone())),
            None => parts.push((Occur::Must, Box::new(AllQuery))),
        }
        push_filters(&self.idx.f, q, &mut parts);
        Ok((BooleanQuery::new(parts), parsed))
    }

    /// Check a query without running it: a malformed one is a [`BadQuery`] with its position.
    pub fn check_query(&self, text: &str) -> Result<(), BadQuery> {
        self.parse_text(text).map(|_| ())
    }

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
        let (query, parsed) = self.compose(q)?;
        let limit = if q.limit == 0 { 10 } else { q.limit };
        let top = top_docs(&searcher, &query, q.sort, limit, q.offset)?;
        let snippets = match &parsed {
            Some(p) => Some(SnippetGenerator::create(&searcher, p.as_ref(), f.body)?),
            None => None,
        };
        let mut st = self.conn.prepare_cached(
            "SELECT a.source, a.title, a.outlet, a.published, a.body, s.story_id, st.title
             FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id
             LEFT JOIN stories st ON st.id = s.story_id WHERE a.id = ?1",
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
                        r.get::<_, Option<String>>(6)?,
                    ))
                })
                .optional()?;
            // An index document SQLite does not hold (a writer died mid-way): not a result.
            let Some((source, title, outlet, published, body, story, story_title)) = row else { continue };
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
                story_title,
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
        let Some(n) = story_num(key) else {
            return Err(StoreError::NotFound(format!("not a story id (s1, s2, …): {key}")));
        };
        let exists: bool =
            self.conn.query_row("SELECT count(*) > 0 FROM stories WHERE id = ?1", params![n], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound(format!("no story {key} in the store")));
        }
        Ok(n)
    }

    /// The timeline of a story (`s3`: the engine's merged timeline of its articles, cached
    /// until its membership changes) or of an entity (a canonical name, an alias the gazetteer
    /// knows, or a gazetteer key: the happenings it takes part in across every story, via
    /// [`warta_engine::timeline::for_entity`]). Articles that support no entry appear as
    /// `article` entries. Dated entries first, in date order; undated ones last.
    pub fn timeline(&self, key: &str) -> Result<Timeline> {
        if story_num(key).is_some() {
            let n = self.check_story(key)?;
            let title: String =
                self.conn.query_row("SELECT title FROM stories WHERE id = ?1", params![n], |r| r.get(0))?;
            let entries = self.story_timeline(n)?;
            return Ok(Timeline { of: TimelineOf::Story, key: key.into(), title, kb: None, entries });
        }
        let ek = EntityKey::resolve(key);
        let ids = self.entity_articles(key, &ek.name)?;
        if ids.is_empty() {
            return Err(StoreError::NotFound(format!("no story or entity named {key:?} in the store")));
        }
        let rows = self.analyses_of(&ids)?;
        let members: Vec<Member> =
            rows.iter().map(|(_, story, a)| Member { analysis: a, story: story.as_deref() }).collect();
        let mut entries: Vec<TimelineEntry> =
            warta_engine::timeline::for_entity(&members, &ek).into_iter().map(TimelineEntry::from_engine).collect();
        entries.extend(self.article_entries(&ids, &entries)?);
        sort_entries(&mut entries);
        Ok(Timeline { of: TimelineOf::Entity, key: key.into(), title: ek.name.clone(), kb: ek.kb.clone(), entries })
    }

    /// Articles mentioning an entity by canonical name (or by what was typed), in ingest order.
    fn entity_articles(&self, typed: &str, name: &str) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id
             WHERE lower(e.name) = lower(?1) OR lower(e.name) = lower(?2) ORDER BY m.article_id",
        )?;
        let ids = st.query_map(params![name, typed], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// Analyses of these articles with their stories (`s<n>`), in the order given.
    pub(crate) fn analyses_of(&self, ids: &[i64]) -> Result<Vec<(i64, Option<String>, warta_engine::Analysis)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT n.json, s.story_id FROM analyses n LEFT JOIN story_articles s ON s.article_id = n.article_id
             WHERE n.article_id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let row: Option<(String, Option<i64>)> =
                st.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let Some((json, story)) = row else { continue };
            let a: warta_engine::Analysis = serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("stored analysis of article {id}: {e}")))?;
            out.push((id, story.map(|s| format!("s{s}")), a));
        }
        Ok(out)
    }

    /// `article` entries for the articles that support none of `entries`.
    pub(crate) fn article_entries(&self, ids: &[i64], entries: &[TimelineEntry]) -> Result<Vec<TimelineEntry>> {
        let mut art = self.conn.prepare_cached(
            "SELECT a.source, a.outlet, a.title, a.published, substr(a.body, 1, 400), s.story_id FROM articles a
             LEFT JOIN story_articles s ON s.article_id = a.id WHERE a.id = ?1",
        )?;
        let supported: std::collections::HashSet<&str> =
            entries.iter().flat_map(|e| e.supported_by.iter().map(String::as_str)).collect();
        let mut out = Vec::new();
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
            if supported.contains(source.as_str()) {
                continue;
            }
            let story = story.map(|s| format!("s{s}"));
            let headline = title.unwrap_or_else(|| body.chars().take(100).collect());
            let date: Option<String> = published.map(|p| p.chars().take(10).collect());
            out.push(TimelineEntry {
                date_precision: date.as_deref().map(warta_engine::timeline::precision),
                date,
                kind: EntryKind::Article,
                summary: headline.clone(),
                headline,
                supported_by: vec![source.clone()],
                articles: vec![source],
                outlets: outlet.into_iter().collect(),
                stories: story.iter().cloned().collect(),
                story,
                ..Default::default()
            });
        }
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
                let Some(start) = e.date.as_deref().and_then(timelinejs_date) else { continue };
                events.push(serde_json::json!({
                    "start_date": start,
                    "text": {"headline": html_escape(&e.headline), "text": timelinejs_text(&e)},
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

/// A TimelineJS3 date object for a TIMEX3 value: year, month and day as far as the value is
/// precise (`2023-09` gives no day, so TimelineJS shows a month); a week is shown from its
/// Monday with `display_date` naming the week. None for values that are no calendar period.
fn timelinejs_date(value: &str) -> Option<serde_json::Value> {
    let (first, _) = warta_engine::timeline::period(value)?;
    let y = first.year().to_string();
    Some(match warta_engine::timeline::precision(value) {
        DatePrecision::Year => serde_json::json!({"year": y}),
        DatePrecision::Month => serde_json::json!({"year": y, "month": first.month().to_string()}),
        DatePrecision::Week => serde_json::json!({
            "year": y, "month": first.month().to_string(), "day": first.day().to_string(), "display_date": value,
        }),
        _ => serde_json::json!({"year": y, "month": first.month().to_string(), "day": first.day().to_string()}),
    })
}

/// Indonesian words for the statuses in the TimelineJS text.
fn status_id(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Confirmed => "dikonfirmasi",
        EventStatus::Reported => "dilaporkan",
        EventStatus::Planned => "direncanakan",
        EventStatus::Speculated => "diperkirakan",
        EventStatus::Unconfirmed => "belum dikonfirmasi",
        EventStatus::Denied => "dibantah",
        EventStatus::Conditional => "bersyarat",
        EventStatus::Background => "latar belakang",
    }
}

/// The HTML text of a TimelineJS slide: participants, the status with every source's word in
/// date order (a plan, then its confirmation), the dates other sources give, the outlets.
fn timelinejs_text(e: &TimelineEntry) -> String {
    let mut text = String::new();
    if !e.participants.is_empty() {
        text.push_str(&format!("<p>{}</p>", html_escape(&e.participants.join(", "))));
    }
    if let Some(status) = e.status {
        let mut line = format!("Status: {}", html_escape(status_id(status)));
        if e.statuses.len() > 1 {
            let steps: Vec<String> = e
                .statuses
                .iter()
                .map(|s| {
                    let when = s.as_of.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
                    format!("{} ({}{})", status_id(s.status), s.source, when)
                })
                .collect();
            line.push_str(&format!(" — {}", html_escape(&steps.join(" → "))));
        }
        text.push_str(&format!("<p>{line}</p>"));
    }
    if e.background {
        text.push_str("<p>Latar belakang</p>");
    }
    for c in &e.conflicts {
        let value = c.value.as_deref().unwrap_or("-");
        let approx = if c.approximate { "sekitar " } else { "" };
        let quote = c.evidence.first().map(|ev| format!(": “{}”", ev.text)).unwrap_or_default();
        text.push_str(&format!(
            "<p>Sumber berbeda soal tanggal: {approx}{value} menurut {}{}</p>",
            html_escape(&c.sources.join(", ")),
            html_escape(&quote)
        ));
    }
    let outlets = if e.outlets.is_empty() { e.supported_by.join(", ") } else { e.outlets.join(", ") };
    text.push_str(&format!("<p>Sumber: {}</p>", html_escape(&outlets)));
    text
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
