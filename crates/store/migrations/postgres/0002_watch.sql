-- warta on PostgreSQL, version 2: `warta watch` state (as the SQLite store keeps it in
-- watch_feeds / watch_seen): per feed its validators and last poll, and every article URL
-- already enqueued or given up on, so no article is fetched twice by any watcher.
CREATE TABLE watch_feeds (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INT, checked_at TIMESTAMPTZ
);
CREATE TABLE watch_seen (
    url TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now()
);
