#!/usr/bin/env python3
"""Peer for `warta-eval eval extract`: trafilatura on the same pages, timed the same way, page by
page in step with warta.

Protocol (JSON Lines): on start, writes {"version"}. Then, for each line read from stdin,
{"id", "path", "repeat"} (a gzip-compressed or plain HTML file), reads and decompresses the page
before the clock starts, times only the in-process `trafilatura.extract` call on the page's bytes
`repeat` times, keeping the fastest run (as warta does for its own call on the same bytes just
before), and writes {"id", "seconds", "text", "error"}. warta alternates between its own timing
of a page and this one's, so that both sides meet the same moments of a shared machine.
"""
import gzip
import json
import sys
import time

import trafilatura


def time_page(path, repeat):
    with open(path, "rb") as f:
        raw = f.read()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    fastest, text = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        text = trafilatura.extract(data)
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest, text or ""


def main():
    print(json.dumps({"version": trafilatura.__version__}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            seconds, text = time_page(req["path"], int(req.get("repeat", 1)))
            out = {"id": req["id"], "seconds": seconds, "text": text, "error": None}
        except Exception as e:  # noqa: BLE001 - reported, page scored as empty
            out = {"id": req["id"], "seconds": 0.0, "text": "", "error": f"{type(e).__name__}: {e}"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
