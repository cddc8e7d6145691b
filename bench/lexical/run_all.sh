#!/bin/sh
# Runs the lexical benchmark for Lodestar and Xapian back to back on SciFact and a synthetic corpus.
# Usage (from the repo root, ../shared next to it): sh bench/lexical/run_all.sh [DOCS] [DATASETS]
#   DOCS: synthetic corpus size (default 200000); DATASETS: both (default), scifact or synthetic
set -eu
DOCS=${1:-200000}
WHICH=${2:-both}
SCIFACT=../shared/datasets/scifact
SYNTH=/tmp/lexical-synth-$DOCS
RUNNER=bench/Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll

dotnet build -c Release bench/Lodestar.Bench >/dev/null
[ -f "$SYNTH/corpus.jsonl" ] || /usr/bin/python3 bench/lexical/make_synthetic.py --docs "$DOCS" --out "$SYNTH"

case "$WHICH" in
  scifact) DATASETS="$SCIFACT" ;;
  synthetic) DATASETS="$SYNTH" ;;
  *) DATASETS="$SCIFACT $SYNTH" ;;
esac

echo "# $(date -u +%Y-%m-%dT%H:%MZ) cores=$(getconf _NPROCESSORS_ONLN) load=$(cut -d' ' -f1-3 /proc/loadavg) dotnet=$(dotnet --version)"
for dataset in $DATASETS; do
  repeat=5
  [ "$dataset" = "$SYNTH" ] && repeat=2
  echo "# $dataset"
  /usr/bin/python3 bench/lexical/xapian_bench.py --dataset "$dataset" --k 10 --repeat "$repeat"
  dotnet "$RUNNER" lexical --dataset "$dataset" --k 10 --repeat "$repeat"
  echo "# load=$(cut -d' ' -f1-3 /proc/loadavg)"
done
