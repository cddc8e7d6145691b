#!/usr/bin/env bash
# Lodestar HNSW (full-precision and int8 traversal, one build) vs FAISS IndexHNSWFlat on the same vectors, one after
# the other in one run (never concurrently: both builds want every core). Lodestar goes through the persistent
# VectorIndex: one process builds, sweeps with the vectors on the heap and commits; then fresh processes open the
# committed generation (vectors memory-mapped) and sweep int8 and float traversal, reporting resident memory.
# usage: [FAISS_BUILD_THREADS=2] bench/vectors/run.sh DATA_DIR [EF_LIST] [RESCORE_MULTIPLIERS] > results.jsonl   (make the data first with make_data.py)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$1"
efs="${2:-8,16,32,64,128}"
rescore="${3:-2,4}"
index="$(mktemp -d)"
trap 'rm -rf "$index"' EXIT
dotnet build -c Release "$here/../Lodestar.Bench" -v q -nologo >&2
echo "{\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"cores\":$(getconf _NPROCESSORS_ONLN),\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"dotnet\":\"$(dotnet --version)\"}"
bench="$here/../Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll"
dotnet "$bench" vectors index "$data" "$index" --m 16 --ef-construction 200 --ef "$efs" --int8 --rescore "$rescore"
dotnet "$bench" vectors index "$data" "$index" --m 16 --ef-construction 200 --ef "$efs" --int8 --rescore "$rescore" --traversal int8
dotnet "$bench" vectors index "$data" "$index" --m 16 --ef-construction 200 --ef "$efs" --traversal float
echo "{\"load_between\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
/usr/bin/python3 "$here/faiss_hnsw.py" "$data" --m 16 --ef-construction 200 --ef "$efs" --build-threads "${FAISS_BUILD_THREADS:-2}"
echo "{\"load_end\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
