#!/usr/bin/env python3
"""tamis' quality stage beside datatrove's filters, document by document.

The same texts go through both: tamis runs a pipeline of two stages (language, quality), so the
quality stage sees the text as read; datatrove runs GopherQualityFilter, GopherRepetitionFilter,
C4QualityFilter and FineWebQualityFilter (in tamis' order, each with the document's language as
tamis detected it, which picks datatrove's word tokenizer, C4's rewriting the text FineWeb's then
judges) with the limits tamis used for that document (`tamis config --quality-limits LANG`:
FineWeb-2's for the languages it covers). `--no-c4` leaves C4's filter out of both.
Prints the agreement on keep/drop per data set, over space-delimited languages and overall, the
text of the documents both keep, the first rule each tool names, and the disagreements.

Reads ../shared/data (not in the repository); needs the peers' virtualenv (.peers, see
../shared/peers/README.md) with datatrove and spaCy: `.peers/bin/pip install datatrove spacy`.

    .peers/bin/python scripts/quality_parity.py [--tamis target/release/tamis] [--show 20]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "..", "shared", "data")

# Languages whose words are not what spaces separate: written without spaces (tamis does not
# judge them yet), Vietnamese (datatrove joins syllables into words with pyvi's model, tamis
# counts syllables) and Korean (datatrove's Kiwi morphemes).
UNSPACED = {"cmn", "zho", "jpn", "tha", "lao", "khm", "mya", "bod", "kor", "vie"}


def generated():
    """Texts that sit on each rule's edge: repetition, bullets, hashes, ellipses, short lines."""
    prose = (
        "The council met on Tuesday to discuss the budget for the new school year, and the members "
        "agreed that the plan to renovate the library should go ahead with the funds that have been "
        "set aside. "
    )
    docs = []
    for k in range(1, 7):
        docs.append("\n".join([prose] * k))
        docs.append("\n\n".join([prose, "Subscribe to our newsletter."] * k))
        docs.append("\n".join(["- item number %d of the list with the things to do" % i for i in range(k * 4)]) + "\n" + prose)
        docs.append(prose + " ".join(["#news #local #council"] * k))
        docs.append(prose + "\n" + "\n".join(["Read more..."] * k))
        docs.append(prose * k + "\n" + "\n".join(["Short line %d" % i for i in range(k * 3)]))
        docs.append(" ".join(["the the cat sat on the mat"] * (k * 5)))
        docs.append(("Lorem ipsum dolor sit amet, " * k * 10) + "\n" + prose)
        docs.append("\n".join(w for w in prose.split()[: k * 20]))
    return [("gen-%d" % i, t) for i, t in enumerate(docs)]


def load(path, text_field="text", limit=None):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            d = json.loads(line)
            text = d.get(text_field)
            if isinstance(text, str) and text.strip():
                out.append((str(d.get("id", n)), text))
    return out


def run_tamis(binary, docs, workdir, c4):
    """Keep/drop, the rule and the language of each document by tamis."""
    source = os.path.join(workdir, "in.jsonl")
    with open(source, "w", encoding="utf-8") as f:
        for i, (doc_id, text) in enumerate(docs):
            f.write(json.dumps({"id": "%d" % i, "text": text}, ensure_ascii=False) + "\n")
    pipeline = os.path.join(workdir, "pipeline.toml")
    with open(pipeline, "w") as f:
        f.write('[[stages]]\ntype = "language"\n\n[[stages]]\ntype = "quality"\n')
        if c4:
            f.write("c4_quality = { enabled = true }\n")
    detected = os.path.join(workdir, "detected.jsonl")
    # The languages the quality stage reads: detected on the text as read, as in the pipeline.
    subprocess.run(
        [binary, "detect", source, "--config", pipeline, "-o", detected, "-q"], check=True
    )
    langs = {}
    with open(detected, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            langs[d["id"]] = d.get("lang", "und")
    out, rejects = os.path.join(workdir, "out.jsonl"), os.path.join(workdir, "rejects.jsonl")
    subprocess.run(
        [binary, "clean", source, "--config", pipeline, "-o", out, "--rejects", rejects, "-q"],
        check=True,
    )
    verdicts = {str(i): None for i in range(len(docs))}
    texts = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    with open(rejects, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            verdicts[d["id"]] = d.get("quality", {}).get("rule", d["reason"])
    limits = {}
    for lang in sorted(set(langs.values())):
        limits[lang] = json.loads(subprocess.run(
            [binary, "config", pipeline, "--quality-limits", lang, "--json"],
            check=True, capture_output=True, text=True,
        ).stdout)
    return verdicts, langs, limits, texts


def time_tamis(binary, docs, workdir, c4):
    """The quality stage's CPU seconds on `docs`: the pipeline with it, less the pipeline
    without it (one thread, the fastest of three runs each)."""
    source = os.path.join(workdir, "timed-in.jsonl")
    with open(source, "w", encoding="utf-8") as f:
        for i, (doc_id, text) in enumerate(docs):
            f.write(json.dumps({"id": "%d" % i, "text": text}, ensure_ascii=False) + "\n")
    pipeline, language_only = os.path.join(workdir, "q.toml"), os.path.join(workdir, "l.toml")
    with open(pipeline, "w") as f:
        f.write('[[stages]]\ntype = "language"\n\n[[stages]]\ntype = "quality"\n')
        if c4:
            f.write("c4_quality = { enabled = true }\n")
    with open(language_only, "w") as f:
        f.write('[[stages]]\ntype = "language"\n')

    def cpu(config):
        best = None
        for _ in range(3):
            before = os.times()
            subprocess.run([binary, "clean", source, "--config", config, "--threads", "1",
                            "-o", os.path.join(workdir, "timed.jsonl"), "-q"], check=True)
            after = os.times()
            spent = (after.children_user - before.children_user) + (
                after.children_system - before.children_system)
            best = spent if best is None else min(best, spent)
        return best

    return max(cpu(pipeline) - cpu(language_only), 0.0)


def datatrove_filters(limits, lang):
    """datatrove's four filters with the limits of tamis' quality stage for `lang`."""
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    gq, gr, fw = limits["gopher_quality"], limits["gopher_repetition"], limits["fineweb_quality"]
    c4 = limits["c4_quality"]
    filters = []
    if gq["enabled"]:
        filters.append(
            GopherQualityFilter(
                min_doc_words=gq["min_doc_words"],
                max_doc_words=gq["max_doc_words"],
                min_avg_word_length=gq["min_avg_word_length"],
                max_avg_word_length=gq["max_avg_word_length"],
                max_symbol_word_ratio=gq["max_symbol_word_ratio"],
                max_bullet_lines_ratio=gq["max_bullet_lines_ratio"],
                max_ellipsis_lines_ratio=gq["max_ellipsis_lines_ratio"],
                max_non_alpha_words_ratio=gq["min_alpha_words_ratio"],
                min_stop_words=gq["min_stop_words"],
                stop_words=gq["stop_words"],
                language=lang,
            )
        )
    if gr["enabled"]:
        filters.append(
            GopherRepetitionFilter(
                dup_line_frac=gr["dup_line_frac"],
                dup_para_frac=gr["dup_para_frac"],
                dup_line_char_frac=gr["dup_line_char_frac"],
                dup_para_char_frac=gr["dup_para_char_frac"],
                top_n_grams=[tuple(x) for x in gr["top_n_grams"]],
                dup_n_grams=[tuple(x) for x in gr["dup_n_grams"]],
                language=lang,
            )
        )
    if c4["enabled"]:
        # tamis' 0 is datatrove's -1 (rule off).
        filters.append(
            C4QualityFilter(
                remove_citations=c4["remove_citations"],
                filter_no_terminal_punct=c4["filter_no_terminal_punct"],
                min_num_sentences=c4["min_num_sentences"] or -1,
                min_words_per_line=c4["min_words_per_line"] or -1,
                max_word_length=c4["max_word_length"] or -1,
                filter_lorem_ipsum=c4["filter_lorem_ipsum"],
                filter_javascript=c4["filter_javascript"],
                filter_curly_bracket=c4["filter_curly_bracket"],
                filter_policy=c4["filter_policy"],
                language=lang,
            )
        )
    if fw["enabled"]:
        filters.append(
            FineWebQualityFilter(
                line_punct_thr=fw["line_punct_thr"],
                line_punct_exclude_zero=fw["line_punct_exclude_zero"],
                short_line_thr=fw["short_line_thr"],
                short_line_length=fw["short_line_length"],
                char_duplicates_ratio=fw["char_duplicates_ratio"],
                new_line_ratio=fw["new_line_ratio"],
                language=lang,
            )
        )
    return filters


def run_datatrove(docs, langs, limits):
    """Verdicts, and the CPU seconds of the filters' calls (tokenizers loaded beforehand)."""
    import time

    from datatrove.data import Document

    cache, verdicts, texts, spent = {}, {}, {}, 0.0
    for i, (_, text) in enumerate(docs):
        lang = langs.get(str(i), "und")
        # tamis splits undetermined text as English does.
        key = lang if lang != "und" else "eng"
        try:
            if key not in cache:
                cache[key] = datatrove_filters(limits[lang], key)
            verdict = None
            if key not in WARMED:
                # Load the language's tokenizer outside the timing.
                WARMED.add(key)
                for f in cache[key]:
                    try:
                        f.filter(Document(text="warm up. " * 60, id="warm"))
                    except Exception:
                        pass
            start = time.process_time()
            doc = Document(text=text, id=str(i))
            for f in cache[key]:
                result = f.filter(doc)
                if result is not True:
                    verdict = result[1] if isinstance(result, tuple) else "dropped"
                    break
            spent += time.process_time() - start
            texts[str(i)] = doc.text
        except Exception as e:  # a language datatrove has no tokenizer for, a division by zero
            verdict = "error: %s" % type(e).__name__
        verdicts[str(i)] = verdict
    return verdicts, texts, spent


WARMED = set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tamis", default=os.path.join(ROOT, "target", "release", "tamis"))
    parser.add_argument("--show", type=int, default=10, help="disagreements shown per data set")
    parser.add_argument("--limit", type=int, default=None, help="documents per data set")
    parser.add_argument("--no-c4", action="store_true", help="leave C4's filter out of both")
    args = parser.parse_args()
    sets = [
        ("dedup dev", load(os.path.join(DATA, "dedup-dev.jsonl"), limit=args.limit)),
        ("web pages", load(os.path.join(DATA, "boilerplate-web", "dev.jsonl"), limit=args.limit)),
        ("generated", generated()),
    ]
    total = Counter()
    for name, docs in sets:
        with tempfile.TemporaryDirectory() as workdir:
            tamis, langs, limits, tamis_texts = run_tamis(args.tamis, docs, workdir, not args.no_c4)
        peer, peer_texts, peer_cpu = run_datatrove(docs, langs, limits)
        # Both tools timed on the same documents: those datatrove could judge.
        judged = [d for i, d in enumerate(docs) if not str(peer[str(i)]).startswith("error")]
        with tempfile.TemporaryDirectory() as workdir:
            tamis_cpu = time_tamis(args.tamis, judged, workdir, not args.no_c4)
        counts, shown = Counter(), 0
        rules = Counter()
        for i in range(len(docs)):
            key = str(i)
            spaced = langs.get(key, "und") not in UNSPACED
            errored = str(peer[key]).startswith("error")
            same = (tamis[key] is None) == (peer[key] is None)
            counts["docs"] += 1
            counts["errors"] += errored
            if spaced and not errored:
                counts["spaced"] += 1
                counts["spaced_same"] += same
            counts["same"] += same
            rules[(tamis[key], peer[key])] += 1
            if tamis[key] is None and peer[key] is None and spaced:
                counts["both_kept"] += 1
                counts["same_text"] += tamis_texts.get(key) == peer_texts.get(key)
            if not same and not errored and shown < args.show:
                shown += 1
                print("  %s [%s] tamis: %s, datatrove: %s: %r" % (
                    docs[i][0], langs.get(key), tamis[key], peer[key], docs[i][1][:120]))
        total.update(counts)
        print("%s: %d documents, keep/drop agree on %d (%.4f); space-delimited: %d of %d (%.4f); "
              "datatrove failed on %d" % (
                  name, counts["docs"], counts["same"], counts["same"] / counts["docs"],
                  counts["spaced_same"], counts["spaced"],
                  counts["spaced_same"] / max(counts["spaced"], 1), counts["errors"]))
        print("    documents both keep (space-delimited): %d, same text %d" % (
            counts["both_kept"], counts["same_text"]))
        print("    CPU seconds on the %d documents datatrove judged: tamis' quality stage %.3f, "
              "datatrove's filters %.3f (%.0fx)" % (len(judged),
            tamis_cpu, peer_cpu, peer_cpu / max(tamis_cpu, 1e-3)))
        for (t, p), n in rules.most_common(12):
            print("    %5d  tamis %-32s datatrove %s" % (n, t, p))
    print("all: space-delimited agreement %.4f (%d of %d)" % (
        total["spaced_same"] / max(total["spaced"], 1), total["spaced_same"], total["spaced"]))


if __name__ == "__main__":
    sys.exit(main())
