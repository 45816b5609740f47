#!/usr/bin/env python3
"""Fit the boilerplate classifier's two logistic models and write src/boilerplate/classify/model.rs.

Usage (from the repository root; needs numpy and scikit-learn, e.g. in the peers virtualenv):
  cargo run --release --example line_features -- ../shared/data/boilerplate-web/dev.jsonl > /tmp/features.jsonl
  .peers/bin/python scripts/train_boilerplate.py /tmp/features.jsonl [--dir ../shared/data/boilerplate-web] [--write]

Lines are labelled with the dev set's human labels (a line holding a 'with' string and no
'without' string is content, the reverse is boilerplate; other lines are not used). Stage 1
scores each line from its own features and its place (features computed by tamis itself, so
training and use cannot drift apart); stage 2 re-scores it from the stage-1 scores of its
neighbourhood (the same context vector as src/boilerplate/classify/features.rs). The script
prints a 5-fold cross-validated curve (folds by page: held-out pages only) of content kept and
boilerplate removed per threshold, measured with the dev set's scorer. The three settings'
thresholds (THRESHOLDS below) were chosen on the curve of tamis itself, which also keeps the
article's sentences and inner lines whatever their score: scripts/boilerplate_vs_peers.sh.
With --write, model.rs is rewritten with the weights fitted on every page.
"""
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THRESHOLDS = {"precise": 0.05, "balanced": 0.07, "aggressive": 0.15}
GRID = [round(x, 3) for x in np.arange(0.01, 0.3, 0.005)]


def context(p):
    """Mirror of context_features() in src/boilerplate/classify/features.rs."""
    n = len(p)
    at = lambda j: p[j] if 0 <= j < n else 0.0
    before = [0.0] * n
    for i in range(1, n):
        before[i] = max(before[i - 1], p[i - 1])
    after = [0.0] * n
    for i in range(n - 2, -1, -1):
        after[i] = max(after[i + 1], p[i + 1])
    return np.array([[p[i], at(i - 1), at(i + 1), max(at(i - 1), at(i - 2)), max(at(i + 1), at(i + 2)),
                      before[i], after[i]] for i in range(n)], dtype=np.float64).reshape(n, 7)


def main(argv):
    d = os.path.join(ROOT, "..", "shared", "data", "boilerplate-web")
    write = "--write" in argv
    args = [a for a in argv if a != "--write"]
    if "--dir" in args:
        d = args[args.index("--dir") + 1]
        del args[args.index("--dir"):args.index("--dir") + 2]
    sys.path.insert(0, d)
    from bpnorm import key  # noqa: E402
    import score  # noqa: E402

    with open(args[0], encoding="utf-8") as f:
        names = json.loads(f.readline())["features"]
        pages = [json.loads(line) for line in f]
    truth = {}
    with open(os.path.join(d, "dev_truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            truth[t["id"]] = t
    X, y = [], []
    for page in pages:
        page["X"] = np.array([l["x"] for l in page["lines"]], dtype=np.float64).reshape(len(page["lines"]), len(names))
        t = truth[page["id"]]
        wk = [key(w) for w in t["with"]]
        bk = [key(b) for b in t["without"]]
        page["y"] = []
        for line in page["lines"]:
            lk = key(line["text"])
            w = any(k in lk for k in wk)
            b = any(k in lk for k in bk)
            page["y"].append(1 if w and not b else 0 if b and not w else -1)

    def fit(train):
        X1 = np.vstack([p["X"][np.array(p["y"]) >= 0] for p in train])
        y1 = np.concatenate([np.array(p["y"])[np.array(p["y"]) >= 0] for p in train])
        m1 = LogisticRegression(C=1.0, max_iter=5000).fit(X1, y1)
        X2, y2 = [], []
        for p in train:
            c = context(m1.predict_proba(p["X"])[:, 1])
            sel = np.array(p["y"]) >= 0
            X2.append(c[sel]); y2.append(np.array(p["y"])[sel])
        m2 = LogisticRegression(C=1.0, max_iter=5000).fit(np.vstack(X2), np.concatenate(y2))
        return m1, m2, X1.mean(axis=0), np.vstack(X2).mean(axis=0)

    def scores(m1, m2, page):
        return m2.predict_proba(context(m1.predict_proba(page["X"])[:, 1]))[:, 1]

    K = 5
    held = {}
    for k in range(K):
        train = [p for i, p in enumerate(pages) if i % K != k]
        m1, m2, _, _ = fit(train)
        for i, p in enumerate(pages):
            if i % K == k:
                held[p["id"]] = scores(m1, m2, p)
    docs = {}
    with open(os.path.join(d, "dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs[r["id"]] = dict(r)
    curve = []
    for th in GRID:
        texts = {}
        for p in pages:
            s = held[p["id"]]
            keep = [l["text"] for l, q in zip(p["lines"], s) if q >= th]
            texts[p["id"]] = "\n".join(keep if keep else [l["text"] for l in p["lines"]])
        agg, _ = score.score_system(list(truth.values()), docs, texts)
        a = agg["ALL"]
        curve.append((th, a[1] / a[0], a[3] / a[2]))
        print(f"threshold {th:.2f}: content kept {a[1] / a[0]:.3f}, boilerplate removed {a[3] / a[2]:.3f}")
    chosen = THRESHOLDS
    m1, m2, mean1, mean2 = fit(pages)
    for n, w in zip(names, m1.coef_[0]):
        print(f"  {n:<16}{w:+.3f}")
    if write:
        fmt = lambda v: ", ".join(f"{x:.6}" for x in v)
        body = f"""//! Generated by scripts/train_boilerplate.py from the boilerplate dev set (5-fold curve in the
//! README): do not edit by hand; retrain when a feature changes.
pub(crate) const LINE_WEIGHTS: [f32; {len(names)}] = [{fmt(m1.coef_[0])}];
pub(crate) const LINE_BIAS: f32 = {m1.intercept_[0]:.6};
pub(crate) const LINE_MEANS: [f32; {len(names)}] = [{fmt(mean1)}];
pub(crate) const CONTEXT_WEIGHTS: [f32; 7] = [{fmt(m2.coef_[0])}];
pub(crate) const CONTEXT_BIAS: f32 = {m2.intercept_[0]:.6};
pub(crate) const CONTEXT_MEANS: [f32; 7] = [{fmt(mean2)}];
/// precise, balanced, aggressive
pub(crate) const THRESHOLDS: [f32; 3] = [{chosen['precise']}, {chosen['balanced']}, {chosen['aggressive']}];
"""
        with open(os.path.join(ROOT, "src", "boilerplate", "classify", "model.rs"), "w") as f:
            f.write(body)
        print("wrote src/boilerplate/classify/model.rs")


if __name__ == "__main__":
    main(sys.argv[1:])
