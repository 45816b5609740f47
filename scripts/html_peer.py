#!/usr/bin/env python3
"""trafilatura on HTML pages, as the peer of tamis' html stage.

Usage: html_peer.py PAGES.jsonl OUT.jsonl
PAGES.jsonl holds {"id", "html"} records; OUT.jsonl gets {"id", "text"} (trafilatura.extract with
its defaults: no comments, no tables' formatting, precision/recall balanced). Prints the pages,
the CPU seconds of extraction alone (process time, imports and JSON reading left out) and the
pages per CPU-second on stderr, as one JSON object.
"""
import json
import sys
import time

import trafilatura


def main(source, target):
    with open(source, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    start = time.process_time()
    texts = [trafilatura.extract(page["html"]) or "" for page in pages]
    seconds = time.process_time() - start
    with open(target, "w", encoding="utf-8") as f:
        for page, text in zip(pages, texts):
            f.write(json.dumps({"id": page["id"], "text": text}, ensure_ascii=False) + "\n")
    print(json.dumps({"pages": len(pages), "cpu_seconds": round(seconds, 3),
                      "pages_per_cpu_second": round(len(pages) / seconds, 1)}), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
