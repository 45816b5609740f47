#!/usr/bin/env python3
"""Fit the HTML block classifier's two logistic models and write src/html/model.rs.

Usage (from the repository root; needs numpy and scikit-learn, e.g. in the peers virtualenv;
reads the dev pages in ../shared):
  zstd -dc ../shared/data/boilerplate-web/dev_html.jsonl.zst > /tmp/dev_html.jsonl
  cargo run --release --example html_features -- /tmp/dev_html.jsonl > /tmp/html_features.jsonl
  .peers/bin/python scripts/train_html.py /tmp/html_features.jsonl [--write]

Blocks are labelled with the dev set's human labels (a block holding a 'with' string and no
'without' string is content, the reverse is furniture; other blocks are not used). Stage 1
scores each block from its own features (computed by tamis itself, so training and use cannot
drift apart); stage 2 re-scores it from the stage-1 scores of its neighbours (the context
vector of src/html/features.rs). The script prints a 5-fold cross-validated curve (folds by
page: held-out pages only) of content kept and boilerplate removed per threshold, measured as
the dev set's scorer does: for the html stage alone, and with the named line rules that run
after it in `tamis clean` (the `rule` flag of each block, from examples/html_features.rs: a
block the rules remove is out whatever its score). With --write, model.rs is rewritten with the weights fitted on every
page and the threshold given by --threshold (default 0.5).
"""
import json
import os
import sys
from collections import defaultdict

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "boilerplate-web")
sys.path.insert(0, DATA)
from bpnorm import key  # noqa: E402

GRID = [round(x, 3) for x in np.arange(0.05, 0.95, 0.025)]


LEVELS = 4


def context(p, main, paths, lengths):
    """Mirror of context_features() in src/html/features.rs."""
    n = len(p)
    at = lambda j: p[j] if 0 <= j < n else 0.0
    before = [0.0] * n
    for i in range(1, n):
        before[i] = max(before[i - 1], p[i - 1])
    after = [0.0] * n
    for i in range(n - 2, -1, -1):
        after[i] = max(after[i + 1], p[i + 1])
    base = np.array([[p[i], at(i - 1), at(i + 1), max(at(i - 1), at(i - 2)), max(at(i + 1), at(i + 2)),
                      before[i], after[i], float(main[i])] for i in range(n)], dtype=np.float64).reshape(n, 8)
    # Per container (the block's element and three levels up): the other blocks' mean score,
    # weighted by the log of their length, and how many they are.
    weights = np.log1p(np.array(lengths, dtype=np.float64))
    columns = []
    for level in range(LEVELS):
        keys = [path[level] if len(path) > level else -1 for path in paths]
        total = defaultdict(lambda: [0.0, 0.0, 0])
        for j, k in enumerate(keys):
            t = total[k]
            t[0] += weights[j] * p[j]
            t[1] += weights[j]
            t[2] += 1
        mean, count = np.empty(n), np.empty(n)
        for j, k in enumerate(keys):
            s, w, c = total[k]
            mean[j] = (s - weights[j] * p[j]) / max(w - weights[j], 1e-30) if c > 1 else p[j]
            count[j] = np.log1p(c - 1)
        columns += [mean, count]
    return np.hstack([base, np.array(columns).T.reshape(n, 2 * LEVELS)])


def fit(X, y):
    mean = X.mean(axis=0)
    model = LogisticRegression(C=5.0, max_iter=2000)
    model.fit(X - mean, y)
    return model, mean


def prob(model, mean, X):
    return model.predict_proba(X - mean)[:, 1]


def main(argv):
    write = "--write" in argv
    threshold = float(argv[argv.index("--threshold") + 1]) if "--threshold" in argv else 0.5
    path = [a for a in argv if a.endswith(".jsonl")][0]
    truth = {}
    for line in open(os.path.join(DATA, "dev_truth.jsonl"), encoding="utf-8"):
        t = json.loads(line)
        truth[t["id"]] = ([key(w) for w in t["with"]], [key(b) for b in t["without"]])
    pages = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        b = json.loads(line)
        pages[b["id"]].append(b)
    ids = sorted(i for i in truth if i in pages)
    data = {}
    by_rules = {}
    for i in ids:
        blocks = pages[i]
        withs, withouts = truth[i]
        X = np.array([b["f"] for b in blocks], dtype=np.float64)
        keys = [key(b["text"]) for b in blocks]
        y = np.full(len(blocks), -1)
        for j, k in enumerate(keys):
            w = any(x in k for x in withs)
            o = any(x in k for x in withouts)
            if w and not o:
                y[j] = 1
            elif o and not w:
                y[j] = 0
        data[i] = (X, y, ([b["main"] for b in blocks], [b["path"] for b in blocks],
                          [len(b["text"]) for b in blocks]), [b["text"] for b in blocks])
        by_rules[i] = np.array([b.get("rule", False) for b in blocks])

    def train(train_ids):
        X = np.vstack([data[i][0][data[i][1] >= 0] for i in train_ids])
        y = np.concatenate([data[i][1][data[i][1] >= 0] for i in train_ids])
        m1, mean1 = fit(X, y)
        C, yc = [], []
        for i in train_ids:
            Xp, yp, main, _ = data[i]
            c = context(prob(m1, mean1, Xp), *main)
            C.append(c[yp >= 0])
            yc.append(yp[yp >= 0])
        m2, mean2 = fit(np.vstack(C), np.concatenate(yc))
        return m1, mean1, m2, mean2

    def scores(models, i):
        m1, mean1, m2, mean2 = models
        Xp, _, main, _ = data[i]
        return prob(m2, mean2, context(prob(m1, mean1, Xp), *main))

    rng = np.random.default_rng(7)
    order = list(ids)
    rng.shuffle(order)
    folds = [order[k::5] for k in range(5)]
    held = {}
    for k in range(5):
        models = train([i for i in ids if i not in set(folds[k])])
        for i in folds[k]:
            held[i] = scores(models, i)
    def curve_point(t, rules):
        wt = wk = bt = br = 0
        for i in ids:
            texts = data[i][3]
            keep = (held[i] >= t) & ~(by_rules[i] if rules else False)
            text = key("\n".join(x for x, k in zip(texts, keep) if k))
            withs, withouts = truth[i]
            wt += len(withs)
            wk += sum(w in text for w in withs)
            bt += len(withouts)
            br += sum(b not in text for b in withouts)
        return wk / wt, br / bt

    print("(5-fold, held-out pages)  html stage alone   with the named line rules")
    print("threshold                 kept   removed     kept   removed")
    for t in GRID:
        alone = curve_point(t, False)
        ruled = curve_point(t, True)
        print(f"{t:9.3f}                 {alone[0]:.3f}  {alone[1]:.3f}       {ruled[0]:.3f}  {ruled[1]:.3f}")
    if write:
        m1, mean1, m2, mean2 = train(ids)
        fmt = lambda v: ", ".join(f"{x:.6g}" for x in v)
        out = [
            "//! Generated by scripts/train_html.py from the boilerplate dev pages (5-fold curve in",
            "//! docs/stage-html.md): do not edit by hand; retrain when a feature changes.",
            f"pub(crate) const BLOCK_WEIGHTS: [f32; {len(mean1)}] = [{fmt(m1.coef_[0])}];",
            f"pub(crate) const BLOCK_BIAS: f32 = {m1.intercept_[0]:.6g};",
            f"pub(crate) const BLOCK_MEANS: [f32; {len(mean1)}] = [{fmt(mean1)}];",
            f"pub(crate) const CONTEXT_WEIGHTS: [f32; {len(mean2)}] = [{fmt(m2.coef_[0])}];",
            f"pub(crate) const CONTEXT_BIAS: f32 = {m2.intercept_[0]:.6g};",
            f"pub(crate) const CONTEXT_MEANS: [f32; {len(mean2)}] = [{fmt(mean2)}];",
            f"pub(crate) const THRESHOLD: f32 = {threshold};",
        ]
        with open(os.path.join(ROOT, "src", "html", "model.rs"), "w") as f:
            f.write("\n".join(out) + "\n")
        print("wrote src/html/model.rs")


if __name__ == "__main__":
    main(sys.argv[1:])
