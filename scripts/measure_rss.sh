#!/usr/bin/env bash
# Peak memory (max RSS) of `tamis clean` as the input grows: it should stay flat.
#
# Usage: [TAMIS_ARGS="..."] scripts/measure_rss.sh [SIZES_MB...]     (default: 100 1000 5000)
# Builds the release binary, writes a JSONL file of each size (the bundled corpus repeated,
# ids made unique) under ${TMPDIR:-/tmp}, cleans it (with TAMIS_ARGS added to the command line),
# and prints size, documents, seconds and peak RSS. The inputs are deleted afterwards.
# The input repeats the same 66 documents, so every line is "repeated across documents": pass
# TAMIS_ARGS="--repeated-line-min-docs 0" to measure the streaming stages alone.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/tamis
work=$(mktemp -d "${TMPDIR:-/tmp}/tamis-rss.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bin" clean corpus/ -o "$work/seed.jsonl" --quiet
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)

printf '%-10s %-12s %-10s %-12s\n' "input_MB" "documents" "seconds" "max_RSS_MB"
for mb in "${sizes[@]}"; do
  python3 - "$work/seed.jsonl" "$work/in.jsonl" "$mb" <<'PY'
import json, sys
seed = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
target = int(sys.argv[3]) * 1_000_000
written, copy = 0, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    while written < target:
        chunk = []
        for doc in seed:
            doc = dict(doc, id=f"{doc['id']}#{copy}")
            chunk.append(json.dumps(doc, ensure_ascii=False) + "\n")
        block = "".join(chunk)
        out.write(block)
        written += len(block.encode("utf-8"))
        copy += 1
PY
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" clean "$work/in.jsonl" -o "$work/out.jsonl" --stats "$work/stats.json" --quiet ${TAMIS_ARGS:-}
  read -r seconds rss_kb < "$work/time"
  docs=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['documents_in'])" "$work/stats.json")
  printf '%-10s %-12s %-10s %-12s\n' "$mb" "$docs" "$seconds" "$((rss_kb / 1024))"
  rm -f "$work/in.jsonl" "$work/out.jsonl"
done
