#!/usr/bin/env bash
# Lodestar HNSW vs FAISS IndexHNSWFlat on the same vectors, one after the other in one run.
# usage: bench/vectors/run.sh DATA_DIR [EF_LIST] > results.jsonl   (make the data first with make_data.py)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$1"
efs="${2:-8,16,32,64,128}"
dotnet build -c Release "$here/../Lodestar.Benchmarks.Vectors" -v q >&2
"$here/../Lodestar.Benchmarks.Vectors/bin/Release/net10.0/Lodestar.Benchmarks.Vectors" "$data" 16 200 "$efs"
/usr/bin/python3 "$here/faiss_hnsw.py" "$data" --m 16 --ef-construction 200 --ef "$efs" --build-threads 2
