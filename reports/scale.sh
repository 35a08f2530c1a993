#!/usr/bin/env bash
# Measurements for reports/scale.md: ingest throughput of the SQLite mode and of PostgreSQL
# with 1, 2 and 4 workers, job latency, and the clusterer alone. Needs a release build
# (cargo build --release -p warta-cli), Debian's postgresql package, and a JSON Lines input
# (default: the detik 2025 set converted by this script from ../shared). Run as root or as a
# user that can run PostgreSQL. Durability is PostgreSQL's default (fsync on).
set -euo pipefail
cd "$(dirname "$0")/.."
W=${W:-target/release/warta}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
TMP=$(mktemp -d /tmp/warta-scale.XXXX); chmod 755 "$TMP"
PORT=${PORT:-55432}
INPUT=${INPUT:-$TMP/detik.jsonl}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$INPUT" ]; then
  python3 - "$INPUT" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open("../shared/data/news-detik-2025/articles.csv", encoding="utf-8")))
with open(sys.argv[1], "w") as f:
    for i, r in enumerate(rows):
        f.write(json.dumps({"source": f"detik-{i:04}", "url": r["tautan"], "title": r["judul"], "text": r["isi_berita"]}) + "\n")
PY
fi
N=$(wc -l < "$INPUT")
mkdir -p "$TMP/pg"; [ "$(id -u)" = 0 ] && chown postgres "$TMP/pg"
as_pg "$BIN/initdb" -D "$TMP/pg/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
as_pg "$BIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/log" -w -o "-p $PORT -k $TMP/pg -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$BIN/pg_ctl" -D "$TMP/pg/data" -m fast -w stop >/dev/null; rm -rf "$TMP"' EXIT
psql() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt "$@"; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,a,b=map(float,sys.argv[1:]); print(f'{b-a:7.1f} s  {n/(b-a):6.1f} articles/s')" "$@"; }
# CPU seconds (user + system) used so far by this script's reaped children (cutime + cstime of
# the script's shell: `times` in a command substitution would report the subshell's), and by the
# PostgreSQL server's processes.
mycpu() { python3 -c "import os,sys; f=open(f'/proc/{sys.argv[1]}/stat').read().rsplit(')',1)[1].split(); print((int(f[13])+int(f[14]))/os.sysconf('SC_CLK_TCK'))" "$$"; }
# The postmaster's own CPU, its reaped backends' (cutime, cstime) and its live children's.
pgcpu() {
  local pm; pm=$(head -1 "$TMP/pg/data/postmaster.pid")
  python3 - "$pm" <<'PY'
import os, subprocess, sys
pm = sys.argv[1]; hz = os.sysconf("SC_CLK_TCK")
f = open(f"/proc/{pm}/stat").read().rsplit(")", 1)[1].split()
total = sum(int(x) for x in f[11:15]) / hz
live = subprocess.run(["ps", "--ppid", pm, "-o", "times="], capture_output=True, text=True).stdout.split()
print(total + sum(int(x) for x in live))
PY
}
cpus() { python3 -c "import sys; a,b,c,d,n=map(float,sys.argv[1:]); print(f'warta CPU {1000*(b-a)/n:5.1f} ms/article, PostgreSQL CPU {1000*(d-c)/n:5.1f} ms/article')" "$@"; }

echo "input: $N articles ($INPUT); $(nproc) cores"
for t in 1 2; do
  rm -rf "$TMP/data"; c0=$(mycpu); a=$(now); $W ingest --quiet --threads "$t" --data "$TMP/data" "$INPUT"; b=$(now); c1=$(mycpu)
  echo "sqlite ingest --threads $t: $(rate "$N" "$a" "$b"); $(cpus "$c0" "$c1" 0 0 "$N") (load $(cut -d' ' -f1 /proc/loadavg))"
done
for w in 1 2 4; do
  db=w$w; psql -c "CREATE DATABASE $db"; URL="postgres://postgres@127.0.0.1:$PORT/$db"
  a=$(now); $W ingest --quiet --data "$URL" "$INPUT"; b=$(now)
  echo "postgres enqueue: $(rate "$N" "$a" "$b")"
  c0=$(mycpu); p0=$(pgcpu); a=$(now)
  for i in $(seq "$w"); do $W worker --until-drained --data "$URL" --name "w$i" > /dev/null & done
  wait; b=$(now); c1=$(mycpu); p1=$(pgcpu)
  echo "postgres $w workers (analyse + place): $(rate "$N" "$a" "$b"); $(cpus "$c0" "$c1" "$p0" "$p1" "$N") (load $(cut -d' ' -f1 /proc/loadavg))"
  psql -d "$db" -c "SELECT 'job latency enqueue->done p50/p90/max ms: ' || round(percentile_cont(0.5) within group (order by ms)) || ' / ' || round(percentile_cont(0.9) within group (order by ms)) || ' / ' || round(max(ms)) FROM (SELECT extract(epoch from finished_at - enqueued_at) * 1000 AS ms FROM jobs) x"
done
# The clusterer alone: jobs analysed by workers that do not cluster, then one clusterer.
psql -c "CREATE DATABASE clus"; URL="postgres://postgres@127.0.0.1:$PORT/clus"
$W ingest --quiet --data "$URL" "$INPUT"
for i in 1 2; do $W worker --no-cluster --until-drained --data "$URL" > /dev/null & done; wait
c0=$(mycpu); p0=$(pgcpu); a=$(now); $W worker --until-drained --data "$URL" > /dev/null; b=$(now); c1=$(mycpu); p1=$(pgcpu)
echo "clusterer alone (place analysed jobs): $(rate "$N" "$a" "$b"); $(cpus "$c0" "$c1" "$p0" "$p1" "$N")"
# Latency of one article into an idle cluster: enqueue and wait until it is placed.
psql -c "CREATE DATABASE lat"; URL="postgres://postgres@127.0.0.1:$PORT/lat"
$W worker --data "$URL" > /dev/null 2>&1 & WP=$!
sleep 1; head -1 "$INPUT" > "$TMP/one.jsonl"
for i in 1 2 3 4 5; do
  sed "s/detik-0000/one-$i/" "$TMP/one.jsonl" > "$TMP/one-$i.jsonl"
  a=$(now); $W ingest --quiet --wait --data "$URL" "$TMP/one-$i.jsonl"; b=$(now)
  python3 -c "import sys; print(f'one article enqueue -> placed: {(float(sys.argv[2])-float(sys.argv[1]))*1000:.0f} ms')" "$a" "$b"
done
kill -INT $WP; wait $WP || true
