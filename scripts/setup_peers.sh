#!/usr/bin/env bash
# Makes the peers' virtualenv (.peers) that the comparison scripts run the peers from
# (scripts/perf_table.sh, perf_vs_datatrove.sh, dedup_vs_peers.sh, normalize_vs_peer.sh,
# boilerplate_vs_peers.sh, html_vs_trafilatura.sh...): the versions pinned in
# scripts/peers-requirements.txt. Needs python3 (3.10 or later) and the package index; the
# scripts also read the team's dev data and peer scripts from ../shared, which this does not
# make. Run again to bring an existing .peers to the pinned versions.
#
# usage: scripts/setup_peers.sh [PYTHON]   (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3}
[ -x .peers/bin/python ] || "$python" -m venv .peers
.peers/bin/pip install -q --upgrade pip
.peers/bin/pip install -q -r scripts/peers-requirements.txt
# Each peer the scripts import, so a missing one shows here rather than half-way through a run.
.peers/bin/python -c "import datasketch, datatrove, fasttext, ftfy, inscriptis, justext, orjson, \
pycld2, rensa, sacremoses, spacy, trafilatura, xxhash"
echo "peers ready in .peers ($(.peers/bin/python --version))"
