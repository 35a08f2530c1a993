//! The clusterer: the one process (at a time) that places analysed jobs in the store, in
//! `seq` order, with the SQLite writer's rules. Exclusive by a session-level
//! `pg_try_advisory_lock`: when its process dies, the server drops the session and the lock,
//! and another worker takes over (replaying the stored articles into its story engine).

use super::{CHANNEL_CHANGES, CHANNEL_DONE, CHANNEL_JOBS, LOCK_CLUSTER, Pg};
use crate::{Known, Result, StoreError, StoredParts, day_of};
use postgres::Transaction;
use std::collections::{BTreeSet, HashMap};
use warta_engine::Analysis;
use warta_engine::analysis::EntityKind;
use warta_engine::stories::{Config, Engine};

/// What the clusterer keeps in memory while it holds the lock.
struct State {
    engine: Engine,
    known: Known,
    entity_ids: HashMap<(EntityKind, String), i64>,
    next_id: i64,
}

/// The clusterer, on its own connection (the session that holds the lock).
pub struct Clusterer {
    pg: Pg,
    name: String,
    held: bool,
    state: Option<State>,
}

/// One ready job read from the queue.
struct Ready {
    seq: i64,
    /// source, hash, text, analysis (None: not analysed, the content was unchanged).
    result: Option<(String, String, String, Option<String>)>,
}

impl Clusterer {
    /// A clusterer named `name` (shown by `warta queue`), not yet holding the lock.
    pub fn new(url: &str, name: &str) -> Result<Clusterer> {
        let mut pg = Pg::connect(url)?;
        pg.listen(CHANNEL_DONE)?;
        Ok(Clusterer { pg, name: name.to_string(), held: false, state: None })
    }

    /// Take the lock if no one holds it; `true` while this clusterer holds it.
    pub fn try_lock(&mut self) -> Result<bool> {
        if !self.held {
            self.held = self.pg.client.query_one("SELECT pg_try_advisory_lock($1)", &[&LOCK_CLUSTER])?.get(0);
            if self.held {
                self.state = None;
                self.pg.client.execute("UPDATE cluster_state SET holder = $1, updated_at = now()", &[&self.name])?;
            }
        }
        Ok(self.held)
    }

    pub fn holds_lock(&self) -> bool {
        self.held
    }

    /// Wait up to `timeout` for a finished job (or anything on this connection's channels).
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<bool> {
        self.pg.wait(timeout)
    }

    /// Has every enqueued job been placed?
    pub fn caught_up(&mut self) -> Result<bool> {
        let r = self.pg.client.query_one(
            "SELECT next_seq > (SELECT value FROM counters WHERE name = 'job_seq') FROM cluster_state",
            &[],
        )?;
        Ok(r.get(0))
    }

    /// Place up to `max` jobs that are ready in `seq` order (done: placed; failed: passed
    /// over), in one transaction. Returns how many `seq`s it moved past (0: the next job is
    /// not finished yet, or nothing is queued). Requires the lock.
    pub fn step(&mut self, max: i64) -> Result<usize> {
        if !self.held {
            return Err(StoreError::Busy("the clusterer does not hold its lock".into()));
        }
        let result = self.step_inner(max);
        if result.is_err() {
            // The transaction rolled back: the engine may hold what was not committed.
            self.state = None;
        }
        result
    }

    fn step_inner(&mut self, max: i64) -> Result<usize> {
        if self.state.is_none() {
            self.state = Some(load_state(&mut self.pg)?);
        }
        let state = self.state.as_mut().expect("loaded above");
        let mut tx = self.pg.client.transaction()?;
        let next: i64 = tx.query_one("SELECT next_seq FROM cluster_state FOR UPDATE", &[])?.get(0);
        let rows = tx.query(
            "SELECT j.seq, j.status, r.source, r.hash, r.text, r.analysis
             FROM jobs j LEFT JOIN job_results r ON r.seq = j.seq
             WHERE j.seq >= $1 AND j.seq < $1 + $2 ORDER BY j.seq",
            &[&next, &max],
        )?;
        let mut ready: Vec<Ready> = Vec::new();
        for r in &rows {
            let seq: i64 = r.get(0);
            if seq != next + ready.len() as i64 {
                break;
            }
            match r.get::<_, &str>(1) {
                "done" => {
                    let source: Option<String> = r.get(2);
                    let Some(source) = source else {
                        return Err(StoreError::Corrupt(format!("job {seq} is done but has no result")));
                    };
                    ready.push(Ready { seq, result: Some((source, r.get(3), r.get(4), r.get(5))) });
                }
                "failed" | "retried" => ready.push(Ready { seq, result: None }),
                _ => break,
            }
        }
        if ready.is_empty() {
            return Ok(0);
        }
        let mut moved = ready.len();
        if let Some(stop) = place(&mut tx, state, ready)? {
            // Not analysed because it was unchanged, but an earlier job changed its source
            // since: back to the queue for analysis; placing resumes there.
            tx.execute(
                "UPDATE jobs SET status = 'pending', must_analyse = true, run_after = now(), finished_at = NULL
                 WHERE seq = $1",
                &[&stop],
            )?;
            tx.execute("DELETE FROM job_results WHERE seq = $1", &[&stop])?;
            tx.batch_execute(&format!("NOTIFY {CHANNEL_JOBS}"))?;
            moved = (stop - next) as usize;
        }
        let new_next = next + moved as i64;
        tx.execute("DELETE FROM job_results WHERE seq < $1", &[&new_next])?;
        tx.execute(
            "UPDATE cluster_state SET next_seq = $1, holder = $2, updated_at = now()",
            &[&new_next, &self.name],
        )?;
        tx.batch_execute(&format!("NOTIFY {CHANNEL_CHANGES}"))?;
        tx.commit()?;
        Ok(moved)
    }
}

/// The engine, identities and entity ids of what the store holds (replayed in id order).
fn load_state(pg: &mut Pg) -> Result<State> {
    let mut known = Known::default();
    for r in pg.client.query("SELECT id, source, hash FROM articles", &[])? {
        known.insert(r.get(1), r.get(0), r.get(2));
    }
    let mut entity_ids = HashMap::new();
    for r in pg.client.query("SELECT id, kind, name FROM entities", &[])? {
        let kind: String = r.get(1);
        let kind = EntityKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("entity {}: unknown type {kind:?}", r.get::<_, i64>(0))))?;
        entity_ids.insert((kind, r.get(2)), r.get(0));
    }
    let next_id: i64 = pg.client.query_one("SELECT coalesce(max(id), 0) + 1 FROM articles", &[])?.get(0);
    let mut tx = pg.client.transaction()?;
    let engine = replay(&mut tx, false)?;
    tx.commit()?;
    Ok(State { engine, known, entity_ids, next_id })
}

/// Every stored article's story-engine input, in id order (as the SQLite writer's replay).
fn stored_parts(tx: &mut Transaction<'_>) -> Result<Vec<StoredParts>> {
    let mut names: HashMap<i64, Vec<(String, u32)>> = HashMap::new();
    for r in tx.query(
        "SELECT m.article_id, e.name, m.count FROM mentions m JOIN entities e ON e.id = m.entity_id
         ORDER BY m.article_id, e.id",
        &[],
    )? {
        let count: i32 = r.get(2);
        names.entry(r.get(0)).or_default().push((r.get(1), count.max(1) as u32));
    }
    let rows = tx.query("SELECT id, source, title, outlet, day, body FROM articles ORDER BY id", &[])?;
    Ok(rows
        .iter()
        .map(|r| {
            let id: i64 = r.get(0);
            let body: String = r.get(5);
            StoredParts {
                id,
                source: r.get(1),
                title: r.get(2),
                outlet: r.get(3),
                day: r.get::<_, Option<i32>>(4).map(i64::from),
                body: body.split("\n\n").map(str::to_string).collect(),
                entities: names.remove(&id).unwrap_or_default(),
            }
        })
        .collect())
}

/// A story engine holding every stored article in id order; with `assign`, every article's
/// story rewritten.
fn replay(tx: &mut Transaction<'_>, assign: bool) -> Result<Engine> {
    let parts = stored_parts(tx)?;
    let mut engine = Engine::new(Config::default());
    if assign {
        tx.execute("DELETE FROM story_articles", &[])?;
    }
    let mut ids = Vec::with_capacity(parts.len());
    let mut stories = Vec::with_capacity(parts.len());
    for p in &parts {
        let story = engine.add_prepared(p.prepare()) as i64 + 1;
        ids.push(p.id);
        stories.push(story);
    }
    if assign {
        tx.execute(
            "INSERT INTO story_articles (article_id, story_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])",
            &[&ids, &stories],
        )?;
    }
    Ok(engine)
}

/// Place ready jobs (in order) with the SQLite writer's rules: unchanged content is passed
/// over, a new source is added, a known source with new content is updated in place (and
/// then every story is reassigned by a replay, as in SQLite). Returns the `seq` of a job it
/// had to stop before: one left unanalysed as unchanged that is no longer unchanged.
fn place(tx: &mut Transaction<'_>, state: &mut State, ready: Vec<Ready>) -> Result<Option<i64>> {
    let update_sql = tx.prepare(
        "UPDATE articles SET hash = $2, rev = rev + 1, text = $3, body = $4, title = $5, outlet = $6,
         published = $7, day = $8, job_seq = $9, ingested_at = now() WHERE id = $1 RETURNING rev",
    )?;
    let insert_sql = tx.prepare(
        "INSERT INTO articles (id, source, hash, rev, text, body, title, outlet, published, day, job_seq)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10)",
    )?;
    let analysis_sql = tx.prepare(
        "INSERT INTO analyses (article_id, json) VALUES ($1, $2)
         ON CONFLICT (article_id) DO UPDATE SET json = excluded.json",
    )?;
    let entity_sql = tx.prepare(
        "INSERT INTO entities (kind, name) VALUES ($1, $2)
         ON CONFLICT (kind, name) DO UPDATE SET kind = excluded.kind RETURNING id",
    )?;
    let mention_sql = tx.prepare(
        "INSERT INTO mentions (article_id, entity_id, count) VALUES ($1, $2, $3)
         ON CONFLICT (article_id, entity_id) DO UPDATE SET count = mentions.count + excluded.count",
    )?;
    let event_sql = tx.prepare(
        "INSERT INTO events (article_id, kind, date, participants, place, status, json)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )?;
    let change_sql = tx.prepare("INSERT INTO changes (article_id, rev, outcome) VALUES ($1, $2, $3)")?;
    let mut added: Vec<(i64, Analysis)> = Vec::new();
    let mut any_update = false;
    let mut stopped = None;
    for Ready { seq, result } in ready {
        let Some((source, hash, text, json)) = result else { continue };
        if state.known.is_unchanged(&source, &hash) {
            continue;
        }
        let Some(json) = json else {
            stopped = Some(seq);
            break;
        };
        let a: Analysis = serde_json::from_str(&json)?;
        let body = a.body.join("\n\n");
        let published = a.published.as_ref().map(|p| p.value.clone());
        let day = day_of(&a).map(|d| d as i32);
        let update_of = state.known.id_of(&source);
        let (id, rev, outcome) = match update_of {
            Some(id) => {
                let rev: i32 = tx
                    .query_one(&update_sql, &[&id, &hash, &text, &body, &a.title, &a.outlet, &published, &day, &seq])?
                    .get(0);
                tx.execute("DELETE FROM mentions WHERE article_id = $1", &[&id])?;
                tx.execute("DELETE FROM events WHERE article_id = $1", &[&id])?;
                any_update = true;
                (id, rev, "updated")
            }
            None => {
                let id = state.next_id;
                state.next_id += 1;
                tx.execute(
                    &insert_sql,
                    &[&id, &source, &hash, &text, &body, &a.title, &a.outlet, &published, &day, &seq],
                )?;
                (id, 1, "added")
            }
        };
        tx.execute(&analysis_sql, &[&id, &json])?;
        for e in &a.entities {
            let key = (e.kind, e.name.clone());
            let eid = match state.entity_ids.get(&key) {
                Some(&eid) => eid,
                None => {
                    let eid: i64 = tx.query_one(&entity_sql, &[&e.kind.as_str(), &e.name])?.get(0);
                    state.entity_ids.insert(key, eid);
                    eid
                }
            };
            tx.execute(&mention_sql, &[&id, &eid, &(e.mentions.len().max(1) as i32)])?;
        }
        for ev in &a.events {
            let participants = serde_json::to_string(&ev.participants)?;
            let json = serde_json::to_string(ev)?;
            tx.execute(
                &event_sql,
                &[&id, &ev.kind.as_str(), &ev.date, &participants, &ev.place, &ev.status.as_str(), &json],
            )?;
        }
        tx.execute(&change_sql, &[&id, &rev, &outcome])?;
        state.known.insert(source, id, hash);
        if update_of.is_none() {
            added.push((id, a));
        }
    }
    if any_update {
        // Membership may change anywhere after an update: replay the whole store.
        state.engine = replay(tx, true)?;
        write_stories(tx, &state.engine, None)?;
    } else if !added.is_empty() {
        let mut ids = Vec::with_capacity(added.len());
        let mut stories = Vec::with_capacity(added.len());
        let mut touched = BTreeSet::new();
        for (id, a) in &added {
            let story = state.engine.add_prepared(warta_engine::stories::prepare_analysis(a));
            touched.insert(story);
            ids.push(*id);
            stories.push(story as i64 + 1);
        }
        tx.execute(
            "INSERT INTO story_articles (article_id, story_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])
             ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
            &[&ids, &stories],
        )?;
        write_stories(tx, &state.engine, Some(&touched))?;
    }
    Ok(stopped)
}

/// Write the stories' titles, dates and outlets (only `touched` ones, or all and drop the rest).
fn write_stories(tx: &mut Transaction<'_>, engine: &Engine, touched: Option<&BTreeSet<usize>>) -> Result<()> {
    if touched.is_none() {
        tx.execute("DELETE FROM stories", &[])?;
    }
    let which: Vec<usize> = match touched {
        Some(t) => t.iter().copied().collect(),
        None => (0..engine.story_count()).collect(),
    };
    let st = tx.prepare(
        "INSERT INTO stories (id, title, first_date, last_date, outlets) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date,
         last_date = excluded.last_date, outlets = excluded.outlets",
    )?;
    for i in which {
        let s = engine.story(i);
        let outlets = serde_json::to_string(&s.outlets)?;
        tx.execute(&st, &[&(i as i64 + 1), &s.title, &s.first_date, &s.last_date, &outlets])?;
    }
    Ok(())
}

/// The stories of a PostgreSQL store as `warta stories` prints them (see
/// [`crate::stories_doc`]).
pub fn stories_document(pg: &mut Pg) -> Result<serde_json::Value> {
    let mut rows = Vec::new();
    for r in pg.client.query(
        "SELECT a.source, n.json, s.story_id FROM articles a JOIN analyses n ON n.article_id = a.id
         LEFT JOIN story_articles s ON s.article_id = a.id ORDER BY a.id",
        &[],
    )? {
        rows.push(crate::stories_doc::Row { source: r.get(0), json: r.get(1), story: r.get(2) });
    }
    let mut stories = Vec::new();
    for r in pg.client.query("SELECT id, title, first_date, last_date, outlets FROM stories ORDER BY id", &[])? {
        let outlets: String = r.get(4);
        stories.push(crate::stories_doc::StoryMeta {
            id: r.get(0),
            title: r.get(1),
            first_date: r.get(2),
            last_date: r.get(3),
            outlets: serde_json::from_str(&outlets)?,
        });
    }
    crate::stories_doc::document(rows, stories)
}
