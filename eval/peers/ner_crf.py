#!/usr/bin/env python3
"""Peer for `warta-eval eval ner`: a sklearn-crfsuite CRF with classic CoNLL features.

usage: ner_crf.py TRAIN DEV [DEV...]
TRAIN is `token<TAB>tag` lines (blank line between sentences), as `warta-eval eval ner` writes it
(the same training data `warta-eval train ner` uses). Each DEV holds tokens only; the predicted
tags are written to DEV.pred, one per line, blank line between sentences.
"""
import sys

import sklearn_crfsuite


def read(path, tagged):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append(tuple(line.split("\t")) if tagged else (line,))
    if cur:
        sents.append(cur)
    return sents


def word_features(sent, i):
    w = sent[i][0]
    f = {
        "bias": 1.0,
        "w.lower": w.lower(),
        "w[-3:]": w[-3:],
        "w[-2:]": w[-2:],
        "w[:3]": w[:3],
        "w.isupper": w.isupper(),
        "w.istitle": w.istitle(),
        "w.isdigit": w.isdigit(),
        "w.hyphen": "-" in w,
    }
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(sent):
            v = sent[j][0]
            f.update({f"{d}:w.lower": v.lower(), f"{d}:w.istitle": v.istitle(), f"{d}:w.isupper": v.isupper()})
        else:
            f[f"{d}:pad"] = True
    return f


def featurise(sent):
    return [word_features(sent, i) for i in range(len(sent))]


def main():
    train = read(sys.argv[1], True)
    X = [featurise(s) for s in train]
    y = [[t for _, t in s] for s in train]
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100, all_possible_transitions=True)
    crf.fit(X, y)
    for path in sys.argv[2:]:
        dev = read(path, False)
        pred = crf.predict([featurise(s) for s in dev])
        with open(path + ".pred", "w", encoding="utf-8") as f:
            for tags in pred:
                f.write("\n".join(tags) + "\n\n")


if __name__ == "__main__":
    main()
