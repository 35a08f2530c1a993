#!/usr/bin/env python3
"""Peer for `warta eval extract`: trafilatura on the same pages, timed the same way.

Reads a JSON list of {"id", "path"} (gzip-compressed HTML) on stdin. Each page is read and
decompressed before the clock starts; only the in-process `trafilatura.extract` call on the
page's bytes is timed (warta times its own `extract` call on the same bytes), REPEAT times
(argv[1], default 1), keeping each page's fastest run, as warta does. Writes
{"version", "seconds": total timed seconds, "bodies": {id: text}, "errors": [...]} on stdout.
"""
import gzip
import json
import sys
import time

import trafilatura


def main():
    repeat = max(1, int(sys.argv[1])) if len(sys.argv) > 1 else 1
    pages = json.load(sys.stdin)
    bodies, errors, total = {}, [], 0.0
    for p in pages:
        with open(p["path"], "rb") as f:
            raw = f.read()
        try:
            data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        except Exception as e:  # noqa: BLE001 - reported, page scored as empty
            errors.append(f"{p['id']}: {e}")
            bodies[p["id"]] = ""
            continue
        fastest, text = float("inf"), None
        for _ in range(repeat):
            t0 = time.perf_counter()
            try:
                text = trafilatura.extract(data)
            except Exception as e:  # noqa: BLE001
                text = None
                errors.append(f"{p['id']}: {e}")
                fastest = min(fastest, time.perf_counter() - t0)
                break
            fastest = min(fastest, time.perf_counter() - t0)
        total += fastest
        bodies[p["id"]] = text or ""
    json.dump({"version": trafilatura.__version__, "seconds": total, "bodies": bodies, "errors": errors}, sys.stdout)


if __name__ == "__main__":
    main()
