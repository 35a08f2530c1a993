#!/usr/bin/env bash
# Corroboration figures for reports/stories.md (issue 18 item 3): on the detik 2025 set, the
# timeline entries with several supporting articles and how many of them rest on one original
# report only, counted against the `duplicates` groups of the same document (exact and near
# copies) and, where the entries carry it, against `corroboration.reports`.
# Usage: W=target/debug/warta bash reports/corroboration.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
W=${W:-target/debug/warta}
TMP=$(mktemp -d /tmp/warta-corrob.XXXX)
trap 'rm -rf "$TMP"' EXIT
python3 - "$TMP/detik.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open("../shared/data/news-detik-2025/articles.csv", encoding="utf-8")))
with open(sys.argv[1], "w") as f:
    for i, r in enumerate(rows):
        f.write(json.dumps({"source": f"detik-{i:04}", "url": r["tautan"], "title": r["judul"], "text": r["isi_berita"]}) + "\n")
PY
"$W" stories "$TMP/detik.jsonl" > "$TMP/stories.json"
"$W" ingest --quiet --data "$TMP/store" "$TMP/detik.jsonl"
"$W" export --data "$TMP/store" --format stories > "$TMP/store.json"
for doc in stories store; do
  python3 - "$TMP/$doc.json" "$doc" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
root = {}
for n, g in enumerate(d.get("duplicates", [])):
    for a in g["articles"]:
        root[a] = n
articles = {a for s in d["stories"] for a in s["articles"]}
entries = several = one = copies = field_one = disagree = 0
for s in d["stories"]:
    for e in s["timeline"]:
        entries += 1
        sup = e["supported_by"]
        if len(sup) < 2:
            continue
        several += 1
        reports = len({root.get(a, a) for a in sup})
        one += reports == 1
        copies += reports < len(sup)
        c = e.get("corroboration")
        if c is not None:
            field_one += c["reports"] == 1
            disagree += c["reports"] != reports
print(f"{sys.argv[2]}: {len(articles)} articles, {len(d.get('duplicates', []))} duplicate groups, {entries} entries; "
      f"{several} with several supporters, {one} of them on one original report (duplicates), {copies} with copies; "
      f"corroboration.reports == 1: {field_one}; entries whose reports differ from the duplicates: {disagree}")
PY
done
