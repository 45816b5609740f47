#!/usr/bin/env bash
# Parquet input against JSONL input, on the same documents: CPU (user + system) and peak memory
# of `tamis clean`, reading alone (a pipeline with no stage) for Parquet uncompressed, snappy and
# zstd and JSONL plain and zstd, and the whole job for snappy Parquet (pyarrow's default), JSONL
# and JSONL.zst. The machines are shared and noisy: the inputs take turns, round after round
# (3 rounds reading alone, WHOLE_ROUNDS of the whole job), and the least CPU of each is kept.
#
# Usage: [WHOLE_ROUNDS=2] scripts/parquet_vs_jsonl.sh [TEXT_MB]   (default 400; 3000 makes a
#        2.5 GB Parquet file, for peak memory — its whole-job rounds take about 10 minutes each)
# Needs the virtualenv scripts/test makes (.venv, with pyarrow). Reads the team's dev data in
# ../shared/data (real sentences in many languages) to make documents: each joins 4–40
# sentences drawn at random, so documents differ and compress as text does. Writes, under
# ${TMPDIR:-/tmp}: the documents as Parquet files (row groups of 20,000 documents, about 65 MB of
# text) and as JSONL; deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-400}
whole_rounds=${WHOLE_ROUNDS:-2}
cargo build --release --quiet
bin=$PWD/target/release/tamis
work=$(mktemp -d "${TMPDIR:-/tmp}/tamis-parquet.XXXXXX")
trap 'rm -rf "$work"' EXIT

.venv/bin/python - "$work" "$mb" <<'PY'
import json, random, re, sys
import pyarrow as pa, pyarrow.parquet as pq

work, target = sys.argv[1], int(sys.argv[2]) * 1_000_000
pool = []
for name in ["dedup-dev.jsonl", "langid-dev.jsonl"]:
    for line in open(f"../shared/data/{name}", encoding="utf-8"):
        for sentence in re.split(r"(?<=[.!?।。])\s+|\n+", json.loads(line)["text"]):
            if len(sentence) > 20:
                pool.append(sentence.strip())
rng = random.Random(7)
schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("url", pa.string()),
                    ("token_count", pa.int64())])
writers = {c: pq.ParquetWriter(f"{work}/{name}", schema, compression=c)
           for c, name in [("snappy", "in.parquet"), ("zstd", "in-zstd.parquet"),
                           ("none", "in-none.parquet")]}
written, n = 0, 0
with open(f"{work}/in.jsonl", "w", encoding="utf-8") as jsonl:
    while written < target:
        rows = []
        for _ in range(20_000):
            k = rng.randint(4, 40)
            text = " ".join(rng.choice(pool) if i % 6 else rng.choice(pool) + "\n" for i in range(k))
            rows.append({"id": f"doc-{n}", "text": text, "url": f"https://example.org/{n}",
                         "token_count": len(text.split())})
            written += len(text.encode())
            n += 1
        table = pa.Table.from_pylist(rows, schema)
        for writer in writers.values():
            writer.write_table(table)
        jsonl.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
for writer in writers.values():
    writer.close()
meta = pq.ParquetFile(f"{work}/in.parquet").metadata
print(f"{n} documents, {written / 1e6:.0f} MB of text; Parquet: {meta.num_row_groups} row groups")
PY
zstd -q -3 -T0 "$work/in.jsonl" -o "$work/in.jsonl.zst"
ls -l "$work"/in* | awk '{printf "%-12s %8.0f MB\n", $NF, $5 / 1e6}' | sed "s|$work/||"
printf 'stages = []\n' > "$work/none.toml"

# CPU seconds and peak RSS (MB) of one run; prints "cpu rss".
measure() {
  /usr/bin/time -f '%U %S %M' -o "$work/time" "$bin" clean "$@" -o "$work/out.jsonl" --quiet
  read -r user sys rss_kb < "$work/time"
  rm -f "$work/out.jsonl"
  echo "$(echo "$user + $sys" | bc) $((rss_kb / 1024))"
}
# rounds RUN INPUTS… -- ARGS…: the least CPU and the largest RSS of each input over the rounds.
declare -A best peak
rounds() {
  local n=$1 run=$2; shift 2
  local inputs=()
  while [ "$1" != -- ]; do inputs+=("$1"); shift; done
  shift
  for _ in $(seq "$n"); do
    for input in "${inputs[@]}"; do
      read -r cpu rss < <(measure "$work/$input" "$@")
      if [ -z "${best[$run$input]:-}" ] || [ "$(echo "$cpu < ${best[$run$input]}" | bc)" = 1 ]; then
        best[$run$input]=$cpu
      fi
      [ "$rss" -gt "${peak[$run$input]:-0}" ] && peak[$run$input]=$rss
    done
  done
  for input in "${inputs[@]}"; do
    printf '%-10s %-16s %10.2f %12d\n' "$run" "$input" "${best[$run$input]}" "${peak[$run$input]}"
  done
}
printf '%-10s %-16s %10s %12s\n' "run" "input" "CPU_s" "max_RSS_MB"
rounds 3 read-only in-none.parquet in.parquet in-zstd.parquet in.jsonl in.jsonl.zst \
  -- --config "$work/none.toml"
rounds "$whole_rounds" whole-job in.parquet in.jsonl in.jsonl.zst --
