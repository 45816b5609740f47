#!/usr/bin/env python3
"""Scores a tamis duplicates report against the `cluster` field of a labelled JSONL file, with
the same pair precision / recall / F1 / ARI as ../shared/peers/minhash_peer.py, and writes the
clusters in the peers' format ({"cluster", "size", "ids"}) for score_breakdown.py.

usage: score_dedup.py REPORT.jsonl LABELLED.jsonl [CLUSTERS_OUT.jsonl]
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "peers"))
from minhash_peer import score  # noqa: E402

report, labelled = sys.argv[1], sys.argv[2]
ids, gt = [], []
with open(labelled, encoding="utf-8") as fh:
    for line in fh:
        if line.strip():
            o = json.loads(line)
            ids.append(str(o["id"]))
            gt.append(o["cluster"])
position = {doc_id: i for i, doc_id in enumerate(ids)}
pred = list(range(len(ids)))
clusters = []
with open(report, encoding="utf-8") as fh:
    for line in fh:
        o = json.loads(line)
        members = [o["kept"]] + [d["id"] for d in o["duplicates"]]
        for m in members:
            pred[position[m]] = position[o["kept"]]
        clusters.append({"cluster": o["kept"], "size": len(members), "ids": members})
print("score " + json.dumps(score(gt, pred)))
if len(sys.argv) > 3:
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for c in clusters:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
