-- warta on PostgreSQL, version 1: the store's tables (as in SQLite: articles, analyses,
-- entities, mentions, events, stories, story membership), the work queue, the clusterer's
-- position and the changes feed. Applied once, in one transaction, by warta_store::pg.

-- Gap-free counters: taken with UPDATE ... RETURNING inside the transaction that uses the
-- value, so a rolled-back transaction gives its numbers back (a sequence would leave gaps).
CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value) VALUES ('job_seq', 0);

-- The work queue. `seq` is gap-free and in enqueue order: the order the clusterer places
-- articles in, so N workers give the stories one process gives.
CREATE TABLE jobs (
    seq BIGINT PRIMARY KEY,
    name TEXT NOT NULL,                  -- the item as named (errors name it)
    payload BYTEA NOT NULL,              -- the input itself (workers on other machines read it)
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'retried')),
    attempts INT NOT NULL DEFAULT 0,
    must_analyse BOOLEAN NOT NULL DEFAULT false,   -- set by the clusterer: no unchanged shortcut
    run_after TIMESTAMPTZ NOT NULL DEFAULT now(),  -- backoff: not claimed before this
    claimed_by TEXT,
    lease_until TIMESTAMPTZ,             -- a running job whose lease ran out is claimed again
    error TEXT,                          -- the last failure
    enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
CREATE INDEX jobs_pending ON jobs (seq) WHERE status = 'pending';
CREATE INDEX jobs_running ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_failed ON jobs (seq) WHERE status = 'failed';

-- What a worker produced for a job, until the clusterer places it (then deleted).
CREATE TABLE job_results (
    seq BIGINT PRIMARY KEY REFERENCES jobs (seq) ON DELETE CASCADE,
    source TEXT NOT NULL,
    hash TEXT NOT NULL,                  -- BLAKE3 of the decoded text
    text TEXT NOT NULL,                  -- '' when not analysed
    analysis TEXT                        -- the Analysis as JSON; NULL: the store held this
                                         -- content under this source when the worker looked
);

CREATE TABLE articles (
    id BIGINT PRIMARY KEY,               -- placement order, gap-free (given by the clusterer)
    source TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    rev INT NOT NULL,
    text TEXT NOT NULL,
    body TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    published TEXT,
    day INT,                             -- YYYYMMDD
    job_seq BIGINT,                      -- the job that last wrote it
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX articles_hash ON articles (hash);
CREATE INDEX articles_day ON articles (day);
CREATE TABLE analyses (article_id BIGINT PRIMARY KEY REFERENCES articles (id), json TEXT NOT NULL);
CREATE TABLE entities (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
CREATE TABLE mentions (
    article_id BIGINT NOT NULL, entity_id BIGINT NOT NULL, count INT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL, kind TEXT NOT NULL, date TEXT,
    participants TEXT NOT NULL, place TEXT, status TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE TABLE stories (
    id BIGINT PRIMARY KEY, title TEXT NOT NULL, first_date TEXT, last_date TEXT, outlets TEXT NOT NULL
);
CREATE TABLE story_articles (article_id BIGINT PRIMARY KEY, story_id BIGINT NOT NULL);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- The clusterer's position: every job below next_seq is placed (or was a failure).
CREATE TABLE cluster_state (
    one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
    next_seq BIGINT NOT NULL,
    holder TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO cluster_state (next_seq) VALUES (1);

-- The changes feed: one row per article added or updated, in commit order (one writer).
-- API nodes follow it to keep their own search index.
CREATE TABLE changes (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL,
    rev INT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('added', 'updated')),
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
