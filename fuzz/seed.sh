#!/usr/bin/env bash
# Seed each fuzz target's corpus from inputs written for warta (examples/, the crates' own test
# fixtures): never from ../shared. Usage: fuzz/seed.sh  (writes fuzz/corpus/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
seed() { # seed TARGET FILE...
  local dir="fuzz/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    # Inputs over 64 KiB are cut: libFuzzer mutates small inputs best.
    head -c 65536 "$f" > "$dir/$(echo "$f" | tr '/' '_')"
  done
}
texts=$(find examples crates/engine/tests -name '*.txt' -size -200k 2>/dev/null | sort | head -60)
pages=$(find examples crates/html/tests crates/server/tests/fixtures -name '*.html' -size -300k 2>/dev/null | sort | head -60)
feeds=$(find crates -name '*.xml' -o -name '*.rss' -o -name '*.atom' 2>/dev/null | sort | head -30)
warcs=$(find crates examples -name '*.warc' 2>/dev/null | sort | head -10)
jsonl=$(find crates examples -name '*.jsonl' 2>/dev/null | sort | head -10)
for t in clean segment time analyze quotes; do seed "$t" $texts; done
for t in html_extract html_tree; do seed "$t" $pages; done
seed feed $feeds
seed warc $warcs
seed jsonl $jsonl
mkdir -p fuzz/corpus/robots fuzz/corpus/query
printf 'User-agent: *\nDisallow: /rahasia/\nAllow: /rahasia/umum$\nCrawl-delay: 2\n\nUser-agent: warta\nDisallow: /*.pdf$\n' > fuzz/corpus/robots/basic
printf '"banjir bandang" AND (Medan OR Binjai) -hoaks title:gempa' > fuzz/corpus/query/basic
printf 'pemilu* +kpu "kata ketua"~2' > fuzz/corpus/query/fuzzy
# Small containers written here (the crates' tests build theirs in code).
printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Kabar</title><item><title>Jalan dibuka</title><link>http://kabar.test/a</link><pubDate>Mon, 10 Jun 2024 08:00:00 +0700</pubDate><description>MEDAN - Jalan baru dibuka, kata Budi.</description></item></channel></rss>\n' > fuzz/corpus/feed/rss
printf '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kabar</title><entry><title>Pasar</title><link href="http://kabar.test/b"/><updated>2024-06-11T08:00:00+07:00</updated><content type="html">&lt;p&gt;Pasar ditata.&lt;/p&gt;</content></entry></feed>\n' > fuzz/corpus/feed/atom
body='HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>MEDAN - Warga berkumpul di alun-alun pada Senin (3/11/2025).</p></article></body></html>'
len=$(printf "$body" | wc -c)
printf "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://kabar.test/c\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: $len\r\n\r\n$body\r\n\r\n" > fuzz/corpus/warc/response
printf '{"url": "http://kabar.test/d", "text": "JAKARTA - Menteri tiba, kata juru bicara."}\n{"url": "http://kabar.test/e", "html": "<p>Rapat digelar.</p>"}\n' > fuzz/corpus/jsonl/lines
printf '<html><head><title>Uji</title><meta property="article:published_time" content="2025-11-03T09:00:00+07:00"></head><body><nav>Beranda</nav><article><h1>Uji</h1><p>BANDUNG - Dinas menjelaskan jalan ditutup tiga pekan, kata kepala dinas, Senin (3/11/2025).</p><p>Baca juga: Jalan lain</p></article></body></html>' > fuzz/corpus/html_extract/own
cp fuzz/corpus/html_extract/own fuzz/corpus/html_tree/own
echo "seeded: $(ls fuzz/corpus | wc -l) targets, $(find fuzz/corpus -type f | wc -l) files"
