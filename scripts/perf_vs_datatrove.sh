#!/usr/bin/env bash
# The whole job against the datatrove pipeline a corpus builder would write (FTFY → fastText
# language filter → C4 lines → ≥ 20 words → its four MinHash stages; scripts/datatrove_pipeline.py,
# with a stand-in fastText model of lid.176's shape trained on the language dev set), on the
# team's near-duplicate dev set and real web pages (plain text), and dedup alone against rensa.
# CPU seconds of the whole process (user + system), tamis on one thread; each command runs
# ROUNDS times (default 3), taking turns, and the least CPU of each is kept. Part of
# scripts/perf_table.sh, runnable alone.
#
# usage: [ROUNDS=3] scripts/perf_vs_datatrove.sh
# needs the peers' virtualenv (.peers, made by scripts/setup_peers.sh) and reads
# ../shared/peers/ and ../shared/data/ (the team's dev data, not in this repository); skipped
# without them.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.peers/bin/python
peers=../shared/peers
langid=../shared/data/langid-dev.jsonl
if [ ! -x "$py" ] || [ ! -d "$peers" ]; then
    echo "datatrove pipeline skipped: no .peers virtualenv or no $peers"
    exit 0
fi
cargo build --release -q
tamis=target/release/tamis
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr"
    read -r wall user sys rss < "$work/time"
    echo "$wall $(echo "$user + $sys" | bc) $rss" > "$work/measure"
}
field() { cut -d' ' -f"$1" < "$work/measure"; }
dedup_dev=../shared/data/dedup-dev.jsonl
web_dev=../shared/data/boilerplate-web/dev.jsonl
if [ ! -f "$dedup_dev" ] || [ ! -f "$web_dev" ] || [ ! -f "$langid" ]; then
    echo
    echo "datatrove pipeline skipped: no dev data in ../shared/data"
    exit 0
fi
rounds=${ROUNDS:-3}
"$py" scripts/datatrove_pipeline.py train "$work/lid.bin" "$langid"
# least CPU of $rounds runs of a command, in $work/least.<name>
least() {
    local name=$1
    shift
    measure "$@"
    local cpu
    cpu=$(field 2)
    if [ ! -f "$work/least.$name" ] || [ "$(echo "$cpu < $(cat "$work/least.$name")" | bc)" = 1 ]; then
        echo "$cpu" > "$work/least.$name"
    fi
}
for round in $(seq "$rounds"); do
    for set in dedup web; do
        [ "$set" = dedup ] && data=$dedup_dev || data=$web_dev
        least "$set.tamis.whole" "$tamis" clean "$data" -o "$work/out.jsonl" -q --threads 1
        least "$set.tamis.clean" "$tamis" clean "$data" -o "$work/out.jsonl" -q --threads 1 --no-dedup
        for mode in whole clean; do
            rm -rf "$work/dt"
            least "$set.datatrove.$mode" "$py" scripts/datatrove_pipeline.py "$mode" "$data" "$work/dt" "$work/lid.bin"
        done
    done
    least dedup.tamis.dedup "$tamis" dedup "$dedup_dev" --report "$work/report.jsonl" -q --threads 1
    least dedup.tamis.estimate "$tamis" dedup "$dedup_dev" --report "$work/report.jsonl" -q \
        --threads 1 --verify estimate
    least dedup.rensa "$py" "$peers/minhash_peer.py" "$dedup_dev" --lib rensa
    echo "round $round of $rounds done" >&2
done
cpu() { cat "$work/least.$1"; }
echo
echo "The whole job against datatrove 0.10.1 (least CPU seconds of $rounds runs; tamis on one thread):"
echo
echo "| data | tamis clean | datatrove | whole job | tamis clean --no-dedup | datatrove without MinHash | cleaning only |"
echo "|---|---|---|---|---|---|---|"
for set in dedup web; do
    [ "$set" = dedup ] && label="near-duplicate dev set ($(wc -l < "$dedup_dev") documents)" \
        || label="real web pages, plain text ($(wc -l < "$web_dev") pages)"
    printf '| %s | %.2f s | %.2f s | **%.1f ×** | %.2f s | %.2f s | **%.1f ×** |\n' "$label" \
        "$(cpu "$set.tamis.whole")" "$(cpu "$set.datatrove.whole")" \
        "$(echo "$(cpu "$set.datatrove.whole") / $(cpu "$set.tamis.whole")" | bc -l)" \
        "$(cpu "$set.tamis.clean")" "$(cpu "$set.datatrove.clean")" \
        "$(echo "$(cpu "$set.datatrove.clean") / $(cpu "$set.tamis.clean")" | bc -l)"
done
web_mb=$(echo "scale=3; $(stat -c %s "$web_dev") / 1000000" | bc)
echo
printf 'tamis clean on the web pages: %.1f MB per CPU-second (%s MB of JSONL)\n' \
    "$(echo "$web_mb / $(cpu web.tamis.whole)" | bc -l)" "$web_mb"
printf 'near-duplicates alone on the dev set: tamis dedup %.2f s, rensa %.2f s: %.1f × less CPU\n' \
    "$(cpu dedup.tamis.dedup)" "$(cpu dedup.rensa)" \
    "$(echo "$(cpu dedup.rensa) / $(cpu dedup.tamis.dedup)" | bc -l)"
# The peer verifies candidates by their estimated Jaccard: tamis' --verify estimate is that job;
# the default also measures every candidate's true Jaccard and runs the template check.
printf 'the same verification as the peer (tamis dedup --verify estimate): %.2f s: %.1f × less CPU\n' \
    "$(cpu dedup.tamis.estimate)" \
    "$(echo "$(cpu dedup.rensa) / $(cpu dedup.tamis.estimate)" | bc -l)"
