//! Saved searches: a named query with the filters a search takes, and the watermark of the last
//! visit, so a reader sees what is new since. Kept in the data directory's SQLite file (table
//! `saved_searches`, schema versions 4 and 5); with PostgreSQL they live on each serving node's data
//! directory, not in the shared database.
//!
//! **The watermark** (`seen_through`) is the newest article id stored when the search was last
//! marked seen (saving it marks it seen). Article ids are given in ingest order, so the articles
//! new since the last visit are the matches with `id > seen_through` ([`SearchQuery::stored_after`]).
//! An article updated in place keeps its id and is not new again.
//!
//! **Writes** are single statements on the store's own connection: they touch no article and
//! not the search index, so they do not take the single writer's index lock; SQLite orders them
//! with a running writer's batches (busy timeout).

use crate::Result;
use crate::query::Hit;
use crate::read::ArticleRef;
use crate::{SearchQuery, Store};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use warta_engine::analysis::EventType;

/// Longest saved-search name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Why a saved search could not be made or found (a malformed query is a [`BadQuery`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavedError {
    /// A name or filter that cannot be saved (empty, too long, taken, an empty date range).
    #[error("{0}")]
    Invalid(String),
    /// No saved search has this id or name.
    #[error("no saved search {0:?}")]
    NotFound(String),
}

/// The filters of a saved search: those `warta search` and `/api/search` take.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filters {
    /// Outlet, case-insensitive.
    pub outlet: Option<String>,
    /// Entity canonical name or mention text, case-insensitive.
    pub entity: Option<String>,
    /// Articles dated on or after (YYYY-MM-DD).
    #[serde(serialize_with = "day")]
    pub from: Option<Date>,
    /// Articles dated on or before (YYYY-MM-DD).
    #[serde(serialize_with = "day")]
    pub to: Option<Date>,
    /// Only articles with an event of this type (`type` in JSON, as `/api/search` takes it).
    #[serde(rename = "type")]
    pub event_type: Option<EventType>,
}

fn day<S: serde::Serializer>(d: &Option<Date>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// A search to keep: what [`Store::save_search`] takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSavedSearch {
    pub name: String,
    /// The query text (the language of [`Store::search`]).
    pub query: String,
    pub filters: Filters,
}

/// A saved search as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub filters: Filters,
    /// When it was saved (RFC 3339, UTC).
    pub created_at: String,
    /// The last visit's watermark: the newest article id stored when it was last marked seen.
    pub seen_through: i64,
    /// When it was last marked seen (RFC 3339, UTC).
    pub seen_at: String,
}

impl SavedSearch {
    /// The search it stands for: one page of `limit` matches from `offset`.
    pub fn search_query(&self, limit: usize, offset: usize) -> SearchQuery {
        SearchQuery {
            text: self.query.clone(),
            outlet: self.filters.outlet.clone(),
            entity: self.filters.entity.clone(),
            from: self.filters.from,
            to: self.filters.to,
            limit,
            offset,
            stored_after: None,
            event_type: self.filters.event_type,
            sort: crate::SearchSort::Relevance,
        }
    }

    /// The same search narrowed to articles stored after the last visit.
    pub fn new_query(&self, limit: usize, offset: usize) -> SearchQuery {
        SearchQuery { stored_after: Some(self.seen_through), ..self.search_query(limit, offset) }
    }
}

/// A saved search with its matches: one page of every match, and the matches new since the
/// last visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedResults {
    pub search: SavedSearch,
    /// Every match, counted.
    pub total: usize,
    /// A page of the matches, best first.
    pub hits: Vec<Hit>,
    /// Matches stored after the last visit, counted.
    pub new_count: usize,
    /// The best of the new matches (at most the page's limit).
    pub new: Vec<Hit>,
    /// The newest article id now: mark the search seen through this to say these were read.
    pub watermark: i64,
}

/// A saved search in a list: with how many matches are new since the last visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSummary {
    #[serde(flatten)]
    pub search: SavedSearch,
    pub new_count: usize,
}

/// One article of a feed: a match with when it was stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedItem {
    #[serde(flatten)]
    pub article: ArticleRef,
    /// When the article was stored or last updated (RFC 3339, UTC).
    pub ingested_at: String,
}

/// What one saved search matched among articles stored after some point (a `warta watch`
/// poll): the articles and the stories they belong to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedAlert {
    /// The saved search (id, name, query, filters, …).
    pub search: SavedSearch,
    /// Every new match, counted.
    pub count: usize,
    /// The best new matches (at most the limit asked for), in ingest order.
    pub articles: Vec<ArticleRef>,
    /// The stories of `articles`, each once, in order of first appearance.
    pub stories: Vec<StoryName>,
}

/// A story by id (`s3`) and title, with what the alert's articles changed in its timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryName {
    pub id: String,
    pub title: Option<String>,
    /// The story's timeline entries that the alert's articles report (a new happening, or more
    /// support, a new status or a conflicting date for one already there), in timeline order,
    /// at most [`ALERT_ENTRIES`].
    pub changes: Vec<crate::TimelineEntry>,
}

/// How many changed timeline entries an alert names per story.
pub const ALERT_ENTRIES: usize = 10;

/// A name that can be saved: trimmed, 1 to [`MAX_NAME_CHARS`] characters, no control
/// characters, and not a number (numbers are ids).
fn check_name(name: &str) -> Result<&str, SavedError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(SavedError::Invalid(format!("name: 1 to {MAX_NAME_CHARS} characters, got {chars}")));
    }
    if name.chars().any(char::is_control) {
        return Err(SavedError::Invalid("name: holds control characters".into()));
    }
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SavedError::Invalid(format!("name: {name:?} is a number, which would read as an id; add a word")));
    }
    Ok(name)
}

const COLUMNS: &str =
    "id, name, query, outlet, entity, from_day, to_day, created_at, seen_through, seen_at, event_type";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedSearch> {
    let date = |i: usize| -> rusqlite::Result<Option<Date>> {
        let v: Option<String> = r.get(i)?;
        v.map(|v| {
            v.parse::<Date>()
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into()))
        })
        .transpose()
    };
    Ok(SavedSearch {
        id: r.get(0)?,
        name: r.get(1)?,
        query: r.get(2)?,
        filters: Filters {
            outlet: r.get(3)?,
            entity: r.get(4)?,
            from: date(5)?,
            to: date(6)?,
            // A type this warta does not know (written by a newer one) filters nothing.
            event_type: r.get::<_, Option<String>>(10)?.as_deref().and_then(EventType::parse),
        },
        created_at: r.get(7)?,
        seen_through: r.get(8)?,
        seen_at: r.get(9)?,
    })
}

impl Store {
    /// The newest article id (0 for an empty store): the watermark of "now".
    pub fn last_article_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| r.get(0))?)
    }

    /// Save a search, seen through the newest article: the query must parse ([`BadQuery`]),
    /// the name be free and valid, the date range not empty ([`SavedError::Invalid`]).
    pub fn save_search(&self, new: &NewSavedSearch) -> Result<SavedSearch> {
        let name = check_name(&new.name)?;
        self.check_query(&new.query)?;
        let f = &new.filters;
        if let (Some(from), Some(to)) = (f.from, f.to)
            && from > to
        {
            return Err(
                SavedError::Invalid(format!("from ({from}) is after to ({to}): no day is in that range")).into()
            );
        }
        let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let now = jiff::Timestamp::now().to_string();
        let done = self.conn.execute(
            "INSERT INTO saved_searches
               (name, query, outlet, entity, from_day, to_day, created_at, seen_through, seen_at, event_type)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(id), 0) FROM articles), ?7, ?8)
             ON CONFLICT (name) DO NOTHING",
            params![
                name,
                new.query.trim(),
                clean(&f.outlet),
                clean(&f.entity),
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                now,
                f.event_type.map(|t| t.as_str())
            ],
        )?;
        if done == 0 {
            return Err(SavedError::Invalid(format!("name: a saved search is already called {name:?}")).into());
        }
        self.saved_search(&self.conn.last_insert_rowid().to_string())
    }

    /// Every saved search, in the order they were saved.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut st = self.conn.prepare(&format!("SELECT {COLUMNS} FROM saved_searches ORDER BY id"))?;
        Ok(st.query_map([], row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every saved search with its count of matches new since the last visit.
    pub fn saved_summaries(&self) -> Result<Vec<SavedSummary>> {
        self.saved_searches()?
            .into_iter()
            .map(|search| Ok(SavedSummary { new_count: self.search_ids(&search.new_query(1, 0), 1)?.total, search }))
            .collect()
    }

    /// A saved search by id (a number) or by name (case-insensitive);
    /// [`SavedError::NotFound`] when none is.
    pub fn saved_search(&self, key: &str) -> Result<SavedSearch> {
        let key = key.trim();
        let found = match key.parse::<i64>() {
            Ok(id) => self
                .conn
                .query_row(&format!("SELECT {COLUMNS} FROM saved_searches WHERE id = ?1"), params![id], row)
                .optional()?,
            Err(_) => self
                .conn
                .query_row(&format!("SELECT {COLUMNS} FROM saved_searches WHERE name = ?1"), params![key], row)
                .optional()?,
        };
        found.ok_or_else(|| SavedError::NotFound(key.to_string()).into())
    }

    /// A saved search's matches: a page of `limit` from `offset`, and the best `limit` of those
    /// stored after the last visit, with both counts.
    pub fn saved_results(&self, key: &str, limit: usize, offset: usize) -> Result<SavedResults> {
        let search = self.saved_search(key)?;
        let watermark = self.last_article_id()?;
        let total = self.search_ids(&search.search_query(1, 0), 1)?.total;
        let hits = self.search(&search.search_query(limit, offset))?;
        let new_count = self.search_ids(&search.new_query(1, 0), 1)?.total;
        let new = self.search(&search.new_query(limit, 0))?;
        Ok(SavedResults { search, total, hits, new_count, new, watermark })
    }

    /// Mark a saved search seen through article `through` (the watermark a reader was shown;
    /// the newest article when None, and never past it). The watermark never moves back: a
    /// page shown before a later mark does not make what was read new again.
    pub fn mark_saved_seen(&self, key: &str, through: Option<i64>) -> Result<SavedSearch> {
        let search = self.saved_search(key)?;
        let last = self.last_article_id()?;
        let through = through.map_or(last, |t| t.clamp(0, last)).max(search.seen_through);
        self.conn.execute(
            "UPDATE saved_searches SET seen_through = ?2, seen_at = ?3 WHERE id = ?1",
            params![search.id, through, jiff::Timestamp::now().to_string()],
        )?;
        self.saved_search(&search.id.to_string())
    }

    /// Delete a saved search; the one deleted.
    pub fn delete_saved(&self, key: &str) -> Result<SavedSearch> {
        let search = self.saved_search(key)?;
        self.conn.execute("DELETE FROM saved_searches WHERE id = ?1", params![search.id])?;
        Ok(search)
    }

    /// For each saved search that matches articles stored after article `after`: those
    /// matches (the best `limit`) and their stories. Searches with no such match are left out.
    pub fn saved_alerts(&self, after: i64, limit: usize) -> Result<Vec<SavedAlert>> {
        let mut out = Vec::new();
        for search in self.saved_searches()? {
            let q = SearchQuery { stored_after: Some(after), ..search.search_query(limit, 0) };
            let matches = self.search_ids(&q, limit)?;
            if matches.total == 0 {
                continue;
            }
            let articles = self.article_refs(&matches.ids)?;
            let mut stories: Vec<StoryName> = Vec::new();
            for a in &articles {
                if let Some(id) = &a.story
                    && !stories.iter().any(|s| &s.id == id)
                {
                    let new: Vec<&str> =
                        articles.iter().filter(|b| b.story.as_ref() == Some(id)).map(|b| b.source.as_str()).collect();
                    let changes = self
                        .timeline(id)?
                        .entries
                        .into_iter()
                        .filter(|e| {
                            e.supported_by.iter().any(|s| new.contains(&s.as_str()))
                                || e.conflicts.iter().any(|c| c.sources.iter().any(|s| new.contains(&s.as_str())))
                        })
                        .take(ALERT_ENTRIES)
                        .collect();
                    stories.push(StoryName { id: id.clone(), title: a.story_title.clone(), changes });
                }
            }
            out.push(SavedAlert { search, count: matches.total, articles, stories });
        }
        Ok(out)
    }

    /// The newest `limit` articles (by ingest order) a search matches, for a feed.
    pub fn newest_matches(&self, q: &SearchQuery, limit: usize) -> Result<Vec<FeedItem>> {
        use tantivy::collector::TopDocs;
        self.idx.reader.reload()?;
        let searcher = self.idx.reader.searcher();
        let (query, _) = self.compose(q)?;
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_u64_field("id", tantivy::Order::Desc))?;
        let ids: Vec<i64> = top.into_iter().filter_map(|(id, _)| id.map(|id| id as i64)).collect();
        let mut when = self.conn.prepare_cached("SELECT ingested_at FROM articles WHERE id = ?1")?;
        let mut out = Vec::with_capacity(ids.len());
        for article in self.article_refs(&ids)? {
            let ingested_at: String = when.query_row(params![article.id], |r| r.get(0))?;
            out.push(FeedItem { article, ingested_at });
        }
        out.sort_by_key(|f| std::cmp::Reverse(f.article.id));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StoreError;

    const BANJIR_A: &str = "Banjir Rob Rendam Pesisir Demak\nDEMAK - Banjir rob merendam tiga desa di pesisir Demak pada Senin (3/6/2024). Warga mengungsi ke balai desa.";
    const PANEN: &str = "Panen Raya Padi di Klaten\nKLATEN - Petani Klaten memulai panen raya padi pada Selasa (4/6/2024). Harga gabah dinilai stabil.";
    const BANJIR_B: &str = "Banjir Rob Kembali Datang\nDEMAK - Banjir rob kembali merendam jalan pantura Demak pada Kamis (6/6/2024). Arus kendaraan tersendat.";

    fn put(store: &mut Store, items: &[(&str, &str)]) {
        let mut w = store.writer(8).unwrap();
        for (source, text) in items {
            let d = warta_engine::decode(text.as_bytes()).unwrap();
            let a = warta_engine::analyze(source, &d, &Default::default());
            w.put(source, &d.text, a).unwrap();
        }
        w.commit().unwrap();
    }

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("warta-saved-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn new(name: &str, query: &str) -> NewSavedSearch {
        NewSavedSearch { name: name.into(), query: query.into(), filters: Filters::default() }
    }

    #[test]
    fn saved_search_sees_what_is_new_since_the_last_visit() {
        let dir = tmp("new");
        let mut store = Store::open(&dir).unwrap();
        put(&mut store, &[("a.txt", BANJIR_A), ("b.txt", PANEN)]);
        let s = store.save_search(&new("Banjir rob", "banjir rob")).unwrap();
        assert_eq!(s.seen_through, 2, "saving marks what is stored as seen");
        let r = store.saved_results("Banjir rob", 10, 0).unwrap();
        assert_eq!((r.total, r.new_count), (1, 0));
        assert_eq!(r.hits[0].source, "a.txt");
        assert!(r.new.is_empty());

        put(&mut store, &[("c.txt", BANJIR_B)]);
        let r = store.saved_results(&s.id.to_string(), 10, 0).unwrap();
        assert_eq!((r.total, r.new_count, r.watermark), (2, 1, 3));
        assert_eq!(r.new.iter().map(|h| h.source.as_str()).collect::<Vec<_>>(), ["c.txt"]);
        let listed = store.saved_summaries().unwrap();
        assert_eq!((listed.len(), listed[0].new_count), (1, 1));

        // The feed: newest first.
        let feed = store.newest_matches(&s.search_query(10, 0), 10).unwrap();
        assert_eq!(feed.iter().map(|f| f.article.source.as_str()).collect::<Vec<_>>(), ["c.txt", "a.txt"]);
        assert!(!feed[0].ingested_at.is_empty());

        // Alerts: what matched after a point, with its stories; none after the newest.
        let alerts = store.saved_alerts(2, 10).unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!((alerts[0].count, alerts[0].articles[0].source.as_str()), (1, "c.txt"));
        assert_eq!(alerts[0].stories.len(), 1);
        assert!(store.saved_alerts(3, 10).unwrap().is_empty());

        let seen = store.mark_saved_seen("banjir ROB", Some(99)).unwrap();
        assert_eq!(seen.seen_through, 3, "never past the newest article");
        let stale = store.mark_saved_seen("banjir rob", Some(1)).unwrap();
        assert_eq!(stale.seen_through, 3, "never back");
        let seen = SavedSearch { seen_at: stale.seen_at.clone(), ..seen };
        assert_eq!(store.saved_results("Banjir rob", 10, 0).unwrap().new_count, 0);
        // Survives reopening.
        drop(store);
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.saved_searches().unwrap(), vec![seen]);
        store.delete_saved("Banjir rob").unwrap();
        assert!(store.saved_searches().unwrap().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn filters_narrow_a_saved_search() {
        let dir = tmp("filters");
        let mut store = Store::open(&dir).unwrap();
        put(&mut store, &[("a.txt", BANJIR_A), ("c.txt", BANJIR_B)]);
        let late = jiff::civil::date(2024, 6, 5);
        let s =
            NewSavedSearch { filters: Filters { from: Some(late), ..Filters::default() }, ..new("rob akhir", "rob") };
        let s = store.save_search(&s).unwrap();
        assert_eq!(s.filters.from, Some(late));
        let r = store.saved_results("rob akhir", 10, 0).unwrap();
        assert_eq!(r.hits.iter().map(|h| h.source.as_str()).collect::<Vec<_>>(), ["c.txt"]);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["filters"]["from"], "2024-06-05");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_saves_and_lookups_say_why() {
        let dir = tmp("bad");
        let store = Store::open(&dir).unwrap();
        let e = store.save_search(&new("kutip", "banjir \"rob")).unwrap_err();
        let StoreError::BadQuery(bad) = e else { panic!("a query error: {e}") };
        assert_eq!(bad.column, Some(8));
        for (name, needle) in [("", "1 to"), ("12", "number"), ("a\u{7}b", "control")] {
            let e = store.save_search(&new(name, "banjir")).unwrap_err();
            assert!(matches!(&e, StoreError::Saved(SavedError::Invalid(m)) if m.contains(needle)), "{name:?}: {e}");
        }
        store.save_search(&new("Banjir", "banjir")).unwrap();
        let e = store.save_search(&new("banjir", "rob")).unwrap_err();
        assert!(e.to_string().contains("already"), "{e}");
        let range = Filters {
            from: Some(jiff::civil::date(2024, 6, 9)),
            to: Some(jiff::civil::date(2024, 6, 1)),
            ..Filters::default()
        };
        let e = store.save_search(&NewSavedSearch { filters: range, ..new("terbalik", "rob") }).unwrap_err();
        assert!(e.to_string().contains("after"), "{e}");
        for key in ["7", "tidak ada"] {
            let e = store.saved_search(key).unwrap_err();
            assert!(matches!(&e, StoreError::Saved(SavedError::NotFound(k)) if k == key), "{e}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
