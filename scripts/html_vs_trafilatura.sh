#!/usr/bin/env bash
# HTML pages: tamis' html stage (the whole `tamis clean` job, at several --extract-threshold
# values) beside trafilatura's extractor, on the 335 real web pages of the boilerplate dev set,
# in one run: content kept and boilerplate removed by the dev set's scorer, and CPU seconds.
# Reads ../shared/data/boilerplate-web/ (not in the repository); needs the peers' virtualenv
# (.peers: scripts/setup_peers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/boilerplate-web
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release -q
zstd -dcq "$data/dev_html.jsonl.zst" > "$out/pages.jsonl"
pages=$(wc -l < "$out/pages.jsonl")
as_text() { # the html field of tamis' output as the scorer's text field
  python3 -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line); print(json.dumps({"id": d["id"], "text": d["html"]}, ensure_ascii=False))' "$1"
}
cpu() { # user + system CPU seconds of a command
  /usr/bin/time -f "%U %S" -o "$out/time" "$@" && awk '{print $1 + $2}' "$out/time"
}
systems=()
for threshold in 0.1 0.2 0.3 0.4 0.5 0.6; do
  ./target/release/tamis clean "$out/pages.jsonl" --text-field html \
    --extract-threshold "$threshold" -q -o "$out/raw-$threshold.jsonl"
  as_text "$out/raw-$threshold.jsonl" > "$out/tamis-$threshold.jsonl"
  systems+=("tamis-$threshold=$out/tamis-$threshold.jsonl")
done
# CPU of the default job, one thread: the median of five runs (the machine is shared).
runs=$(for _ in 1 2 3 4 5; do
  cpu ./target/release/tamis clean "$out/pages.jsonl" --text-field html --extract-html -q \
    --threads 1 -o "$out/timed.jsonl"
done | sort -n)
seconds=$(echo "$runs" | sed -n 3p)
echo "tamis clean --extract-html (default), 1 thread: CPU s of five runs: $(echo $runs); median $seconds s, $(echo "$pages / $seconds" | bc) pages per CPU-second"
# The extraction alone, as trafilatura's is measured (pages already in memory, no reading or
# writing): the fastest of five passes of examples/html_extract.rs on one thread.
cargo build --release -q --example html_extract
HTML_EXTRACT_PASSES=5 ./target/release/examples/html_extract "$out/pages.jsonl" 2>&1 >/dev/null \
  | sed 's/^/tamis extraction alone (html stage, default threshold): /'
.peers/bin/python scripts/html_peer.py "$out/pages.jsonl" "$out/trafilatura.jsonl"
systems+=("trafilatura=$out/trafilatura.jsonl")
python3 "$data/score.py" --dir "$data" "${systems[@]}"
