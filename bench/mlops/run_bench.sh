#!/usr/bin/env bash
# Side-by-side benchmark of Lodestar's learners against scikit-learn on the same splits, in one run.
# usage: bench/mlops/run_bench.sh [DATA_DIR] [LARGE_ROWS]   (defaults: /tmp/lodestar-mlops-bench, 1000000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-/tmp/lodestar-mlops-bench}"
rows="${2:-1000000}"
python=/usr/bin/python3   # Debian's python3-sklearn / python3-scipy
if [ ! -f "$data/synthetic/train.csv" ]; then
  "$python" "$here/export_datasets.py" "$data" --large-rows "$rows"
fi
dotnet build -c Release "$here/../Lodestar.Bench" -v q -nologo >/dev/null
# Small sets: one process per side, median of 5 fits inside. The large set: 3 rounds alternating the two sides
# (one fit each), so both see the same machine load; combine.py takes the median per side.
: > "$data/sklearn.jsonl"
: > "$data/lodestar.jsonl"
run_pair() {
  "$python" "$here/sklearn_baseline.py" "$data" "$1" | tee -a "$data/sklearn.jsonl"
  dotnet "$here/../Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll" mlops "$data" "$1" | tee -a "$data/lodestar.jsonl"
}
echo "sklearn OMP_NUM_THREADS=${OMP_NUM_THREADS:-default}"
run_pair breast_cancer
run_pair digits
for round in 1 2 3; do
  run_pair synthetic
done
echo
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(getconf _NPROCESSORS_ONLN)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet $(dotnet --version)  $("$python" -c 'import sklearn, numpy, scipy; print("sklearn", sklearn.__version__, "numpy", numpy.__version__, "scipy", scipy.__version__)')"
"$python" "$here/combine.py" "$data/sklearn.jsonl" "$data/lodestar.jsonl"
