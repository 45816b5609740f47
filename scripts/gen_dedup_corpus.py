#!/usr/bin/env python3
"""Writes a generated JSONL corpus for dedup benchmarks: N documents of 40-80 pseudo-words (Latin,
Cyrillic and Han syllables), one in five a variant of an earlier one (a copy, a changed word, an
added sentence). Deterministic (seed 42).

usage: gen_dedup_corpus.py N > corpus.jsonl
"""
import json
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zu", "che", "ban",
             "tor", "él", "ø", "ще", "да", "ни", "ko", "ma", "ri", "sen", "ul", "北", "京"]

n = int(sys.argv[1])
rng = random.Random(42)
vocabulary = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
              for _ in range(20000)]
kept = []
out = sys.stdout
for i in range(n):
    if i and rng.randrange(5) == 0:
        words = list(rng.choice(kept))
        edit = rng.randrange(3)
        if edit == 1:
            words[rng.randrange(len(words))] = rng.randrange(len(vocabulary))
        elif edit == 2:
            words.extend(rng.randrange(len(vocabulary)) for _ in range(8))
    else:
        words = [rng.randrange(len(vocabulary)) for _ in range(rng.randint(40, 80))]
        if len(kept) < 100000:
            kept.append(words)
        else:
            kept[rng.randrange(len(kept))] = words
    out.write(json.dumps({"id": "g%d" % i, "text": " ".join(vocabulary[w] for w in words)},
                         ensure_ascii=False) + "\n")
