#!/usr/bin/env python3
"""Peer for `warta-eval eval parse`: UDPipe 1 (ufal.udpipe) with its default tagger and parser settings.

usage:
  parse_udpipe.py train MODEL FILE[@holdout]...
      Trains a model (no tokenizer: gold tokenisation) on the CoNLL-U files and writes it to
      MODEL. FILE@holdout leaves out every fifth sentence (index % 5 == 4), the sentences
      `warta-eval eval parse` holds out of warta's own held-out variant.
  parse_udpipe.py run MODEL < GOLD.conllu > PRED.conllu
      Tags and parses each sentence of the input with its tokens as given; prints
      {"seconds": ..., "words": ...} on stderr (time spent in tagging and parsing only).

Evaluation only; never a dependency of warta.
"""
import json
import sys
import time

from ufal.udpipe import InputFormat, Model, OutputFormat, ProcessingError, Sentence, Sentences, Trainer


def read_sentences(text):
    fmt = InputFormat.newConlluInputFormat()
    fmt.setText(text)
    err = ProcessingError()
    out = []
    s = Sentence()
    while fmt.nextSentence(s, err):
        out.append(s)
        s = Sentence()
    if err.occurred():
        sys.exit(f"parse_udpipe: bad CoNLL-U: {err.message}")
    return out


def train(model_path, files):
    sents = Sentences()
    for spec in files:
        path, _, mode = spec.partition("@")
        with open(path, encoding="utf-8") as f:
            read = read_sentences(f.read())
        for i, s in enumerate(read):
            if mode == "holdout" and i % 5 == 4:
                continue
            sents.append(s)
    err = ProcessingError()
    t0 = time.time()
    model = Trainer.train("morphodita_parsito", sents, Sentences(), "none", Trainer.DEFAULT, Trainer.DEFAULT, err)
    if err.occurred():
        sys.exit(f"parse_udpipe: training failed: {err.message}")
    data = model if isinstance(model, bytes) else model.encode("latin-1")
    with open(model_path, "wb") as f:
        f.write(data)
    print(json.dumps({"trained_sentences": len(sents), "seconds": round(time.time() - t0, 1)}), file=sys.stderr)


def run(model_path):
    model = Model.load(model_path)
    if model is None:
        sys.exit(f"parse_udpipe: cannot load {model_path}")
    sents = read_sentences(sys.stdin.read())
    t0 = time.perf_counter()
    for s in sents:
        model.tag(s, Model.DEFAULT)
        model.parse(s, Model.DEFAULT)
    seconds = time.perf_counter() - t0
    out = OutputFormat.newConlluOutputFormat()
    parts = [out.writeSentence(s) for s in sents]
    parts.append(out.finishDocument())
    sys.stdout.write("".join(parts))
    words = sum(len(s.words) - 1 for s in sents)
    print(json.dumps({"seconds": seconds, "words": words}), file=sys.stderr)


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "run":
        run(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
