#!/usr/bin/env bash
# PostgreSQL full-text search on the detik texts x20 (11,780 rows): GIN index build, query latency.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin; T=$(mktemp -d /tmp/warta-fts.XXXX); chmod 755 $T; chown postgres $T
runuser -u postgres -- $BIN/initdb -D $T/d -A trust -U postgres -E UTF8 --locale=C >/dev/null
runuser -u postgres -- $BIN/pg_ctl -D $T/d -l $T/log -w -o "-p 55499 -k $T -c listen_addresses=127.0.0.1" start >/dev/null
trap "runuser -u postgres -- $BIN/pg_ctl -D $T/d -m fast -w stop >/dev/null; rm -rf $T" EXIT
P="runuser -u postgres -- $BIN/psql -h 127.0.0.1 -p 55499 -U postgres -qAt"
python3 - ${INPUT:-/tmp/scale/detik.jsonl} > $T/rows.tsv <<'PY'
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
for k in range(20):
    for i,r in enumerate(rows):
        t=(r["title"]+" "+r["text"]).replace("\\","\\\\").replace("\t"," ").replace("\n"," ").replace("\r"," ")
        print(f"{k}-{i}\t{t}")
PY
chmod 644 $T/rows.tsv
$P -c "SELECT cfgname FROM pg_ts_config WHERE cfgname='indonesian'"
$P -c "CREATE TABLE a (source TEXT, text TEXT)" -c "\\copy a FROM '$T/rows.tsv'"
s=$(date +%s.%N); $P -c "ALTER TABLE a ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', text)) STORED" -c "CREATE INDEX ON a USING gin (tsv)" -c "ANALYZE a"; e=$(date +%s.%N)
echo "rows: $($P -c 'SELECT count(*) FROM a'); tsvector + GIN build: $(python3 -c "print(round($e-$s,1))") s; size: $($P -c "SELECT pg_size_pretty(pg_total_relation_size('a'))")"
for q in "banjir" "presiden & jokowi" "harga & beras" "kebakaran & hutan"; do
  $P -c "\\timing on" -c "SELECT count(*) FROM (SELECT source FROM a WHERE tsv @@ to_tsquery('indonesian', '$q') ORDER BY ts_rank(tsv, to_tsquery('indonesian', '$q')) DESC LIMIT 20) x" | tr '\n' ' '; echo " <- '$q' (top 20 by ts_rank)"
done
