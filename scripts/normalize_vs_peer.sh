#!/usr/bin/env bash
# tamis' repair + typography against the Python pipeline people use today (ftfy.fix_text, then
# sacremoses' MosesPunctNormalizer), on the same text, in the same run, one core each.
#
# Needs the peers' virtualenv:
#   scripts/setup_peers.sh
# Usage: scripts/normalize_vs_peer.sh [COPIES]    (default 40 copies of the bundled corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-40}
peer=../shared/peers/normalize_peer.py
[ -x .peers/bin/python ] || { echo "missing .peers: run scripts/setup_peers.sh" >&2; exit 2; }
[ -f "$peer" ] || { echo "missing $peer" >&2; exit 2; }
cargo build --release --quiet
work=$(mktemp -d "${TMPDIR:-/tmp}/tamis-norm.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The corpus as tamis reads it (no stage), with each document's language for Moses.
target/release/tamis clean corpus/ -o "$work/seed.jsonl" --quiet --no-header --typography keep --no-repair html_entities,invisible,mojibake,c1_controls,nfc,whitespace
python3 - "$work/seed.jsonl" "$work/in.jsonl" "$copies" <<'PY'
import json, sys
iso1 = {"fra": "fr", "eng": "en", "deu": "de", "rus": "ru", "spa": "es", "ita": "it", "por": "pt", "ara": "ar", "cmn": "zh"}
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for copy in range(int(sys.argv[3])):
        for d in docs:
            out.write(json.dumps({"id": f"{d['id']}#{copy}", "text": d["text"], "lang": iso1.get(d["lang"], "en")}, ensure_ascii=False) + "\n")
PY

echo "== peer: ftfy.fix_text + MosesPunctNormalizer (one process, one core)"
.peers/bin/python "$peer" "$work/in.jsonl" --stage both-timed --no-output
echo
echo "== tamis: repair + typography, one thread (criterion, same corpus text)"
cargo bench --quiet --bench pipeline -- 'normalize/(repair|repair_and_typography)' 2>&1 | grep -E "^normalize|thrpt" | grep -v '%'
