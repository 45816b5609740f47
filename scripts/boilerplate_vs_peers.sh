#!/usr/bin/env bash
# Boilerplate removal on real web pages: tamis at each --boilerplate setting, and the peers
# (datatrove's C4 line rules, jusText) on the same text, scored by the dev set's scorer.
# Reads ../shared/data/boilerplate-web/ and ../shared/peers/ (not in the repository); needs the
# peers' virtualenv (.peers: scripts/setup_peers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/boilerplate-web
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release -q
for setting in rules precise balanced aggressive; do
  ./target/release/tamis clean "$data/dev.jsonl" -o "$out/tamis-$setting.jsonl" -q \
    --no-dedup --min-words 0 --boilerplate "$setting"
done
start=$(date +%s.%N)
./target/release/tamis clean "$data/dev.jsonl" -o /dev/null -q --no-dedup --min-words 0 --threads 1
echo "tamis balanced, 1 thread: $(echo "$(date +%s.%N) - $start" | bc) s for $(wc -c < "$data/dev.jsonl") bytes"
start=$(date +%s.%N)
.peers/bin/python ../shared/peers/boilerplate_peers.py "$data/dev.jsonl" "$out" 2>/dev/null
echo "peers (C4 twice + jusText): $(echo "$(date +%s.%N) - $start" | bc) s"
python3 "$data/score.py" --dir "$data" \
  tamis-rules="$out/tamis-rules.jsonl" tamis-precise="$out/tamis-precise.jsonl" \
  tamis-balanced="$out/tamis-balanced.jsonl" tamis-aggressive="$out/tamis-aggressive.jsonl" \
  c4-lines="$out/c4_lines.jsonl" justext="$out/justext.jsonl"
