"""Near-duplicate peer for `warta-eval eval dedup`: datasketch MinHashLSH on the same corpus.

Reads the JSON Lines corpus written by warta (field `text`), builds word 5-shingles over the
same normalisation as warta (lower case; runs of letters and digits are words), one MinHash
per article (num_perm as given), and a MinHashLSH index at the given threshold. Each article
queries the index before it is inserted; candidates are kept when their estimated Jaccard
similarity (MinHash.jaccard) reaches the threshold, and pairs are joined into groups with a
union-find, as warta does. Prints JSON: {"seconds": ..., "groups": [[article numbers]]}.
Timed: shingling, MinHash and the LSH (not reading the file).
"""
import argparse
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"[^\W_]+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--shingle", type=int, default=5)
    a = ap.parse_args()
    with open(a.jsonl, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    parent = list(range(len(texts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sigs = []
    k = a.shingle
    for i, text in enumerate(texts):
        words = WORD.findall(text.lower())
        if len(words) < k:
            shingles = {" ".join(words).encode()}
        else:
            shingles = {" ".join(words[j : j + k]).encode() for j in range(len(words) - k + 1)}
        m = MinHash(num_perm=a.num_perm)
        m.update_batch(shingles)
        for c in lsh.query(m):
            if m.jaccard(sigs[c]) >= a.threshold:
                ra, rb = find(c), find(i)
                parent[max(ra, rb)] = min(ra, rb)
        lsh.insert(i, m)
        sigs.append(m)
    seconds = time.perf_counter() - t0

    groups = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    json.dump({"seconds": seconds, "groups": [g for g in groups.values() if len(g) > 1]}, sys.stdout)


if __name__ == "__main__":
    main()
