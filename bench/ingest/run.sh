#!/usr/bin/env bash
# Ingest throughput: writes the SciFact corpus as one Markdown file per document, then times
# `lodestar ingest` (BM25 only, and with the local encoder when it is in the model cache).
# Usage: bench/ingest/run.sh [DATASET_DIR] [bm25]   (default ../shared/datasets/scifact; "bm25" skips the encoder run)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dataset="${1:-$root/../shared/datasets/scifact}"
work="$(mktemp -d /tmp/lodestar-ingest-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

python3 - "$dataset/corpus.jsonl" "$work/docs" <<'PY'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    with open(os.path.join(sys.argv[2], doc["_id"] + ".md"), "w", encoding="utf-8") as f:
        f.write(f"# {doc['title']}\n\n{doc['text']}\n")
PY

files=$(find "$work/docs" -type f | wc -l)
run() {
  local label=$1; shift
  local data="$work/data-$label"
  local start end
  start=$(date +%s.%N)
  env "$@" "$root/lodestar" ingest "$work/docs" --data "$data" --json >/dev/null
  end=$(date +%s.%N)
  local chunks
  chunks=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from kb_chunks').fetchone()[0])" "$data/lodestar.db")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]}: {sys.argv[4]} files, {sys.argv[5]} chunks in {s:.1f} s = {int(sys.argv[4])/s:.0f} files/s, {int(sys.argv[5])/s:.0f} chunks/s')" "$start" "$end" "$label" "$files" "$chunks"
}
"$root/lodestar" --help >/dev/null   # build once, outside the timings
run bm25 LODESTAR_EMBEDDINGS=none
if [ "${2:-}" != "bm25" ] && [ -n "$("$root/scripts/fetch-model.sh" 2>/dev/null)" ]; then
  run hybrid LODESTAR_EMBEDDINGS=auto
fi
