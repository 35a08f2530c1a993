//! warta's store: what warta read, kept. I/O lives here, at the edge; the engine stays pure.
//!
//! A data directory holds `warta.sqlite3` (SQLite, WAL: articles, analyses, entities and
//! mentions, events, stories and story membership, and the saved searches of [`saved`]) and
//! `index/` (tantivy, with the Indonesian analyzer of [`analyzer`] for full-text search).
//!
//! ```text
//! Store::open(dir) ─┬─ search / timeline / stories / export (typed, serde values)
//!                   └─ writer() → put(source, text, &Analysis)… → commit()
//! ```
//!
//! **Idempotent:** an article is known by its content hash: the same content again changes
//! nothing; new content under a known source updates that article in place (same id).
//! **Crash-safe:** each batch is one SQLite transaction; the index commits after it with the
//! batch's generation number as payload. If the process dies between the two, the next
//! [`Store::open`] sees the generations differ and reconciles the index with SQLite (adds what
//! is missing, drops what SQLite does not hold, and duplicates).
//! **Stories** are assigned by [`warta_engine::stories::Engine`] in ingest order; a writer
//! rebuilds the engine by replaying stored analyses (lazily, only when something new comes).

pub mod analyzer;
mod db;
mod error;
mod index;
pub mod ingest;
pub mod pg;
pub mod pgtest;
pub mod query;
pub mod read;
pub mod saved;
pub mod stem;
mod stories_doc;
pub mod synth;
mod timelines;
pub mod watch;

pub use db::{SCHEMA_VERSION, content_hash};
pub use error::{Result, StoreError};
pub use query::{
    Counts, EntryKind, Hit, SearchQuery, SearchSort, StoryRow, StorySort, Timeline, TimelineEntry, TimelineOf,
    sort_stories,
};
pub use read::{ArticleRef, ArticleView, EntityView, Facets, SameAs};

use index::{IndexedArticle, SearchIndex};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::{IndexWriter, TantivyDocument, Term};
use warta_engine::Analysis;
use warta_engine::analysis::EntityKind;
use warta_engine::stories::{Config, Engine, Parts, Prepared, prepare, prepare_analysis};

/// Segments of one size that tantivy gathers before merging them (its default is 8).
const MERGE_MIN_SEGMENTS: usize = 16;

/// The data directory used when none is given: `./warta-data`, or `$WARTA_DATA` if set.
pub fn default_dir() -> PathBuf {
    std::env::var_os("WARTA_DATA").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("warta-data"))
}

/// Where a store lives: a data directory (SQLite + tantivy, the default) or a PostgreSQL
/// database shared by many machines (`postgres://...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Dir(PathBuf),
    Postgres(String),
}

impl Data {
    /// `--data` as given, else `$WARTA_DATA`, else `./warta-data`.
    pub fn from_arg(arg: Option<&Path>) -> Data {
        let p = arg.map(Path::to_path_buf).unwrap_or_else(default_dir);
        match p.to_str() {
            Some(s) if pg::is_url(s) => Data::Postgres(s.to_string()),
            _ => Data::Dir(p),
        }
    }

    /// The location for messages (a URL without its password).
    pub fn display(&self) -> String {
        match self {
            Data::Dir(d) => d.display().to_string(),
            Data::Postgres(url) => redact(url),
        }
    }
}

/// A PostgreSQL URL with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (a, h),
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// An open data directory.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    idx: SearchIndex,
}

/// What [`Store::reconcile`] changed in the index.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Reconciled {
    pub reindexed: usize,
    pub dropped: usize,
}

/// After a failure to open: if the data directory cannot be written (a read-only file system, no
/// permission, a full disk), that is the error to show, not SQLite's "unable to open database
/// file". Probes by creating and removing a file.
fn unwritable(dir: &Path) -> Option<StoreError> {
    let probe = dir.join(".warta-write-probe");
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(source) => Some(StoreError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                source.kind(),
                format!("the data directory cannot be written ({source}); warta keeps its database there"),
            ),
        }),
    }
}

impl Store {
    /// Open (or create) the store in `dir`. If the index may lag SQLite (a writer died between
    /// the two commits) and no other writer holds the index, reconcile it first.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        if dir.to_str().is_some_and(pg::is_url) {
            return Err(StoreError::Config(format!(
                "{} is a PostgreSQL database: this command reads a data directory only so far \
                 (ingest, worker, queue and export --format stories take a URL)",
                redact(dir.to_str().unwrap_or_default())
            )));
        }
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        let conn = db::open(&dir.join("warta.sqlite3")).map_err(|e| unwritable(&dir).unwrap_or(e))?;
        let idx = SearchIndex::open(&dir.join("index")).map_err(|e| unwritable(&dir).unwrap_or(e))?;
        let mut store = Store { dir, conn, idx };
        if store.idx.generation()? != db::generation(&store.conn)? {
            match store.reconcile() {
                Ok(_) => {}
                // Another process is writing: it will commit the index itself.
                Err(e) if is_lock_busy(&e) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Make the index hold exactly SQLite's articles, each once at its current revision.
    pub fn reconcile(&mut self) -> Result<Reconciled> {
        let mut iw: IndexWriter<TantivyDocument> = self.idx.index.writer(50_000_000)?;
        let held = self.idx.contents()?;
        let mut want: HashMap<u64, u64> = HashMap::new();
        {
            let mut st = self.conn.prepare("SELECT id, rev FROM articles")?;
            let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)))?;
            for row in rows {
                let (id, rev) = row?;
                want.insert(id, rev);
            }
        }
        let mut out = Reconciled::default();
        let mut missing: Vec<u64> = Vec::new();
        for (&id, revs) in &held {
            match want.get(&id) {
                None => {
                    iw.delete_term(Term::from_field_u64(self.idx.f.id, id));
                    out.dropped += revs.len();
                }
                Some(&rev) if revs.len() != 1 || revs[0] != rev => {
                    iw.delete_term(Term::from_field_u64(self.idx.f.id, id));
                    out.dropped += revs.len();
                    missing.push(id);
                }
                Some(_) => {}
            }
        }
        missing.extend(want.keys().filter(|id| !held.contains_key(id)));
        missing.sort_unstable();
        for id in &missing {
            let a = self.indexed_row(*id)?;
            iw.add_document(self.idx.document(&a.as_indexed()))?;
        }
        out.reindexed = missing.len();
        let generation = db::generation(&self.conn)?;
        let mut prepared = iw.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        iw.wait_merging_threads()?;
        self.idx.reader.reload()?;
        Ok(out)
    }

    fn indexed_row(&self, id: u64) -> Result<OwnedIndexed> {
        let (rev, body, json): (i64, String, String) = self.conn.query_row(
            "SELECT a.rev, a.body, n.json FROM articles a JOIN analyses n ON n.article_id = a.id WHERE a.id = ?1",
            params![id as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let analysis: Analysis = serde_json::from_str(&json)?;
        Ok(OwnedIndexed::new(id, rev as u64, body, &analysis))
    }

    /// A writer: the single writer of this store (the index lock makes it exclusive across
    /// processes). Articles are committed in batches of `batch`, and on [`Writer::commit`].
    pub fn writer(&mut self, batch: usize) -> Result<Writer<'_>> {
        let iw: IndexWriter<TantivyDocument> = self.idx.index.writer(100_000_000).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => StoreError::Busy(format!("{}: {e}", self.dir.display())),
            e => e.into(),
        })?;
        // Merge segments in larger steps than tantivy's default (8): a batch commit makes one
        // small segment, and each merge level rewrites every document again, CPU the analysis
        // workers need during a bulk ingest. Searches read a few more segments instead.
        let mut policy = tantivy::merge_policy::LogMergePolicy::default();
        policy.set_min_num_segments(MERGE_MIN_SEGMENTS);
        iw.set_merge_policy(Box::new(policy));
        let mut known = Known::default();
        {
            let mut st = self.conn.prepare("SELECT id, source, hash FROM articles")?;
            let rows =
                st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
            for row in rows {
                let (id, source, hash) = row?;
                known.insert(source, id, hash);
            }
        }
        Ok(Writer {
            store: self,
            iw,
            engine: None,
            pending: Vec::new(),
            pending_sources: HashSet::new(),
            known,
            entity_ids: HashMap::new(),
            batch: batch.max(1),
            stats: Stats::default(),
        })
    }
}

fn is_lock_busy(e: &StoreError) -> bool {
    matches!(e, StoreError::Index(tantivy::TantivyError::LockFailure(..)))
}

struct OwnedIndexed {
    id: u64,
    rev: u64,
    title: String,
    body: String,
    outlet: Option<String>,
    entities: Vec<String>,
    day: Option<i64>,
    event_types: Vec<warta_engine::analysis::EventType>,
}

impl OwnedIndexed {
    fn new(id: u64, rev: u64, body: String, a: &Analysis) -> Self {
        let mut entities: Vec<String> = Vec::new();
        for e in &a.entities {
            entities.push(e.name.clone());
            for m in &e.mentions {
                if !entities.contains(&m.text) {
                    entities.push(m.text.clone());
                }
            }
        }
        OwnedIndexed {
            id,
            rev,
            title: a.title.clone().unwrap_or_default(),
            body,
            outlet: a.outlet.clone(),
            entities,
            day: day_of(a),
            event_types: {
                let mut t: Vec<_> = a.events.iter().map(|e| e.kind).collect();
                t.sort_unstable();
                t.dedup();
                t
            },
        }
    }

    fn as_indexed(&self) -> IndexedArticle<'_> {
        IndexedArticle {
            id: self.id,
            rev: self.rev,
            title: &self.title,
            body: &self.body,
            outlet: self.outlet.as_deref(),
            entities: &self.entities,
            day: self.day,
            event_types: &self.event_types,
        }
    }
}

/// The article's day as YYYYMMDD.
pub(crate) fn day_of(a: &Analysis) -> Option<i64> {
    warta_engine::calendar::article_date(a)
        .map(|d| i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day()))
}

/// What one [`Writer::put`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
}

/// Counts of a writer's outcomes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

struct Pending {
    source: String,
    hash: String,
    text: String,
    analysis: Analysis,
    /// The story engine's input, prepared off the writer thread when the caller could.
    prepared: Option<Prepared>,
    update_of: Option<i64>,
}

/// The single writer of a store.
pub struct Writer<'s> {
    store: &'s mut Store,
    iw: IndexWriter<TantivyDocument>,
    engine: Option<Engine>,
    pending: Vec<Pending>,
    pending_sources: HashSet<String>,
    known: Known,
    entity_ids: HashMap<(EntityKind, String), i64>,
    batch: usize,
    stats: Stats,
}

/// What a store holds, by identity: each source's article id and content hash, and how many
/// sources hold each content hash. An article is *unchanged* when its source holds the same
/// content, or when a new source brings content another source already holds (a copy);
/// otherwise it is added (new source) or updates its source's article in place.
#[derive(Debug, Clone, Default)]
pub struct Known {
    sources: HashMap<String, (i64, String)>,
    hashes: HashMap<String, u32>,
}

impl Known {
    pub(crate) fn insert(&mut self, source: String, id: i64, hash: String) {
        *self.hashes.entry(hash.clone()).or_default() += 1;
        if let Some((_, old)) = self.sources.insert(source, (id, hash)) {
            self.forget_hash(&old);
        }
    }

    fn forget_hash(&mut self, hash: &str) {
        if let Some(n) = self.hashes.get_mut(hash) {
            *n -= 1;
            if *n == 0 {
                self.hashes.remove(hash);
            }
        }
    }

    /// Would putting `hash` under `source` change nothing?
    pub fn is_unchanged(&self, source: &str, hash: &str) -> bool {
        match self.sources.get(source) {
            Some((_, stored)) => stored == hash,
            None => self.hashes.contains_key(hash),
        }
    }

    /// The article id stored under `source`, if any.
    pub fn id_of(&self, source: &str) -> Option<i64> {
        self.sources.get(source).map(|(id, _)| *id)
    }

    /// Sources known.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

impl Writer<'_> {
    /// What the store holds (and what is pending), by identity: workers can skip analysing
    /// what [`Known::is_unchanged`] says would change nothing.
    pub fn known(&self) -> &Known {
        &self.known
    }

    /// Would putting this content under `source` change nothing?
    pub fn is_unchanged(&self, source: &str, hash: &str) -> bool {
        self.known.is_unchanged(source, hash)
    }

    /// Record one article: `text` is the decoded page, `analysis` its analysis.
    pub fn put(&mut self, source: &str, text: &str, analysis: Analysis) -> Result<Outcome> {
        let hash = content_hash(text);
        self.put_hashed(source, hash, text, analysis)
    }

    /// [`Writer::put`] with the content hash computed by the caller ([`content_hash`]).
    pub fn put_hashed(&mut self, source: &str, hash: String, text: &str, analysis: Analysis) -> Result<Outcome> {
        self.put_prepared(source, hash, text, analysis, None)
    }

    /// [`Writer::put_hashed`] with the story engine's input already made by
    /// [`warta_engine::stories::prepare_analysis`] (on a worker thread): the single writer then
    /// only places the article.
    pub fn put_prepared(
        &mut self,
        source: &str,
        hash: String,
        text: &str,
        analysis: Analysis,
        prepared: Option<Prepared>,
    ) -> Result<Outcome> {
        if self.known.is_unchanged(source, &hash) {
            self.stats.unchanged += 1;
            return Ok(Outcome::Unchanged);
        }
        if self.pending_sources.contains(source) {
            self.flush()?;
        }
        let update_of = self.known.id_of(source);
        // A pending article has no id yet (0); `flush` records the real one.
        self.known.insert(source.to_string(), update_of.unwrap_or(0), hash.clone());
        self.pending_sources.insert(source.to_string());
        self.pending.push(Pending {
            source: source.to_string(),
            hash,
            text: text.to_string(),
            analysis,
            prepared,
            update_of,
        });
        let outcome = if update_of.is_some() { Outcome::Updated } else { Outcome::Added };
        match outcome {
            Outcome::Updated => self.stats.updated += 1,
            _ => self.stats.added += 1,
        }
        if self.pending.len() >= self.batch {
            self.flush()?;
        }
        Ok(outcome)
    }

    /// Count content that changes nothing ([`Writer::is_unchanged`]) as unchanged; `false` (and
    /// nothing counted) if it would change something: the caller must analyse and put it.
    pub fn put_known(&mut self, source: &str, hash: &str) -> bool {
        let unchanged = self.known.is_unchanged(source, hash);
        if unchanged {
            self.stats.unchanged += 1;
        }
        unchanged
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Commit what is pending and return the outcome counts.
    pub fn commit(mut self) -> Result<Stats> {
        self.flush()?;
        let Writer { store, iw, stats, .. } = self;
        iw.wait_merging_threads()?;
        store.idx.reader.reload()?;
        Ok(stats)
    }

    fn engine(&mut self) -> Result<&mut Engine> {
        if self.engine.is_none() {
            self.engine = Some(replay(&self.store.conn)?);
        }
        Ok(self.engine.as_mut().expect("just built"))
    }

    /// One SQLite transaction for the pending articles, then one index commit.
    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        self.pending_sources.clear();
        let any_update = pending.iter().any(|p| p.update_of.is_some());
        if !any_update {
            self.engine()?;
        }
        let now = jiff::Timestamp::now().to_string();
        let tx = self.store.conn.unchecked_transaction()?;
        let mut docs: Vec<(bool, OwnedIndexed)> = Vec::with_capacity(pending.len());
        let mut touched: BTreeSet<usize> = BTreeSet::new();
        {
            let mut update = tx.prepare_cached(
                "UPDATE articles SET hash = ?2, rev = rev + 1, text = ?3, body = ?4, title = ?5, outlet = ?6,
                 published = ?7, day = ?8, ingested_at = ?9 WHERE id = ?1 RETURNING rev",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (source, hash, rev, text, body, title, outlet, published, day, ingested_at)
                 VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut analysis =
                tx.prepare_cached("INSERT OR REPLACE INTO analyses (article_id, json) VALUES (?1, ?2)")?;
            let mut entity_insert = tx.prepare_cached("INSERT OR IGNORE INTO entities (kind, name) VALUES (?1, ?2)")?;
            let mut entity_id = tx.prepare_cached("SELECT id FROM entities WHERE kind = ?1 AND name = ?2")?;
            let mut mention = tx.prepare_cached(
                "INSERT INTO mentions (article_id, entity_id, count) VALUES (?1, ?2, ?3)
                 ON CONFLICT (article_id, entity_id) DO UPDATE SET count = count + excluded.count",
            )?;
            let mut event = tx.prepare_cached(
                "INSERT INTO events (article_id, kind, date, participants, place, status, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut member =
                tx.prepare_cached("INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?1, ?2)")?;
            for p in pending {
                let Pending { source, hash, text, analysis: a, prepared, update_of } = p;
                let hash_of_row = hash.clone();
                let body = a.body.join("\n\n");
                let published = a.published.as_ref().map(|p| p.value.clone());
                let day = day_of(&a);
                let (id, rev) = match update_of {
                    Some(id) => {
                        let rev: i64 = update
                            .query_row(params![id, hash, text, body, a.title, a.outlet, published, day, now], |r| {
                                r.get(0)
                            })?;
                        tx.execute("DELETE FROM mentions WHERE article_id = ?1", params![id])?;
                        tx.execute("DELETE FROM events WHERE article_id = ?1", params![id])?;
                        (id, rev)
                    }
                    None => {
                        insert.execute(params![source, hash, text, body, a.title, a.outlet, published, day, now])?;
                        (tx.last_insert_rowid(), 1)
                    }
                };
                analysis.execute(params![id, serde_json::to_string(&a)?])?;
                for e in &a.entities {
                    let key = (e.kind, e.name.clone());
                    let eid = match self.entity_ids.get(&key) {
                        Some(&eid) => eid,
                        None => {
                            entity_insert.execute(params![e.kind.as_str(), e.name])?;
                            let eid: i64 = entity_id.query_row(params![e.kind.as_str(), e.name], |r| r.get(0))?;
                            self.entity_ids.insert(key, eid);
                            eid
                        }
                    };
                    mention.execute(params![id, eid, e.mentions.len().max(1) as i64])?;
                }
                for ev in &a.events {
                    event.execute(params![
                        id,
                        ev.kind.as_str(),
                        ev.date,
                        serde_json::to_string(&ev.participants)?,
                        ev.place,
                        ev.status.as_str(),
                        serde_json::to_string(ev)?
                    ])?;
                }
                if !any_update {
                    let prepared = prepared.unwrap_or_else(|| prepare_analysis(&a));
                    let story = self.engine.as_mut().expect("built above").add_prepared(prepared);
                    member.execute(params![id, story as i64 + 1])?;
                    touched.insert(story);
                }
                self.known.insert(source, id, hash_of_row);
                docs.push((update_of.is_some(), OwnedIndexed::new(id as u64, rev as u64, body, &a)));
            }
        }
        if any_update {
            // Membership may change anywhere after an update: replay the whole store.
            let engine = replay_assign(&tx)?;
            write_stories(&tx, &engine, None)?;
            self.engine = Some(engine);
        } else {
            write_stories(&tx, self.engine.as_ref().expect("built above"), Some(&touched))?;
        }
        let generation = db::generation(&tx)? + 1;
        tx.execute("UPDATE meta SET value = ?1 WHERE key = 'generation'", params![generation.to_string()])?;
        tx.commit()?;

        for (update, doc) in &docs {
            if *update {
                self.iw.delete_term(Term::from_field_u64(self.store.idx.f.id, doc.id));
            }
            self.iw.add_document(self.store.idx.document(&doc.as_indexed()))?;
        }
        let mut prepared = self.iw.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        Ok(())
    }
}

/// One stored article's story-engine input, read back from its row (not its analysis JSON).
pub(crate) struct StoredParts {
    pub(crate) id: i64,
    pub(crate) source: String,
    pub(crate) title: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) day: Option<i64>,
    pub(crate) body: Vec<String>,
    pub(crate) entities: Vec<(String, u32)>,
}

impl StoredParts {
    pub(crate) fn prepare(&self) -> Prepared {
        let date = self
            .day
            .and_then(|d| jiff::civil::Date::new((d / 10_000) as i16, ((d / 100) % 100) as i8, (d % 100) as i8).ok());
        let entities: Vec<(&str, u32)> = self.entities.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        prepare(&Parts {
            source: &self.source,
            title: self.title.as_deref(),
            outlet: self.outlet.as_deref(),
            date,
            body: &self.body,
            entities: &entities,
        })
    }
}

/// Every stored article's story-engine input, in ingest order, prepared on all cores: the
/// story engine is rebuilt from the rows the writer keeps (body, title, outlet, day, entity
/// mention counts) instead of parsing every analysis again.
fn stored_prepared(conn: &Connection, mut each: impl FnMut(i64, Prepared) -> Result<()>) -> Result<()> {
    let mut names: HashMap<i64, Vec<(String, u32)>> = HashMap::new();
    {
        let mut st = conn.prepare(
            "SELECT m.article_id, e.name, m.count FROM mentions m JOIN entities e ON e.id = m.entity_id
             ORDER BY m.article_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (id, name, count) = row?;
            names.entry(id).or_default().push((name, count.max(1) as u32));
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).max(1);
    let mut st = conn.prepare("SELECT id, source, title, outlet, day, body FROM articles ORDER BY id")?;
    let mut rows = st.query([])?;
    let mut chunk: Vec<StoredParts> = Vec::with_capacity(4096);
    loop {
        let row = rows.next()?;
        let done = row.is_none();
        if let Some(r) = row {
            let id: i64 = r.get(0)?;
            let body: String = r.get(5)?;
            chunk.push(StoredParts {
                id,
                source: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                day: r.get(4)?,
                body: body.split("\n\n").map(str::to_string).collect(),
                entities: names.remove(&id).unwrap_or_default(),
            });
        }
        if chunk.len() >= 4096 || (done && !chunk.is_empty()) {
            let per = chunk.len().div_ceil(threads);
            let prepared: Vec<Vec<Prepared>> = std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .chunks(per)
                    .map(|part| scope.spawn(move || part.iter().map(StoredParts::prepare).collect::<Vec<_>>()))
                    .collect();
                handles.into_iter().map(|h| h.join().expect("prepare thread")).collect()
            });
            for (parts, p) in chunk.iter().zip(prepared.into_iter().flatten()) {
                each(parts.id, p)?;
            }
            chunk.clear();
        }
        if done {
            return Ok(());
        }
    }
}

/// A story engine holding every stored article, added in ingest order.
fn replay(conn: &Connection) -> Result<Engine> {
    let mut engine = Engine::new(Config::default());
    stored_prepared(conn, |_, p| {
        engine.add_prepared(p);
        Ok(())
    })?;
    Ok(engine)
}

/// Replay and rewrite every article's story.
fn replay_assign(conn: &Connection) -> Result<Engine> {
    let mut engine = Engine::new(Config::default());
    conn.execute("DELETE FROM story_articles", [])?;
    let mut ins = conn.prepare("INSERT INTO story_articles (article_id, story_id) VALUES (?1, ?2)")?;
    stored_prepared(conn, |id, p| {
        let story = engine.add_prepared(p);
        ins.execute(params![id, story as i64 + 1])?;
        Ok(())
    })?;
    Ok(engine)
}

/// Write the stories' titles, dates and outlets (only `touched` ones, or all and drop the rest).
fn write_stories(conn: &Connection, engine: &Engine, touched: Option<&BTreeSet<usize>>) -> Result<()> {
    if touched.is_none() {
        conn.execute("DELETE FROM stories", [])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO stories (id, title, first_date, last_date, outlets) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date,
         last_date = excluded.last_date, outlets = excluded.outlets",
    )?;
    let all: Vec<usize>;
    let which: &mut dyn Iterator<Item = &usize> = match touched {
        Some(t) => &mut t.iter(),
        None => {
            all = (0..engine.story_count()).collect();
            &mut all.iter()
        }
    };
    for &i in which {
        let s = engine.story(i);
        st.execute(params![i as i64 + 1, s.title, s.first_date, s.last_date, serde_json::to_string(&s.outlets)?])?;
    }
    Ok(())
}

/// The id of a stored article by source, if any.
pub fn article_id(store: &Store, source: &str) -> Result<Option<i64>> {
    Ok(store.conn.query_row("SELECT id FROM articles WHERE source = ?1", params![source], |r| r.get(0)).optional()?)
}
