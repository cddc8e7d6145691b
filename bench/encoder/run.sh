#!/usr/bin/env bash
# Side-by-side encoder benchmark: Lodestar C# vs the TF.js reference, same inputs, same batch
# sizes, both pinned to the same cores with taskset (1 core, then 2 cores).
# Usage: bench/encoder/run.sh [seconds-per-batch-size, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
scripts/fetch-model.sh >/dev/null

scifact="$(cd .. && pwd)/shared/datasets/scifact"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Inputs: the first 256 SciFact queries (short sentences) and documents (title + " " + text, long).
python3 - "$scifact" "$work" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
queries = [json.loads(l)["text"] for l in open(f"{src}/queries.jsonl")][:256]
docs = []
for line in open(f"{src}/corpus.jsonl"):
    d = json.loads(line)
    docs.append(d["title"] + " " + d["text"])
    if len(docs) == 256:
        break
json.dump(queries, open(f"{out}/queries.json", "w"))
json.dump(docs, open(f"{out}/documents.json", "w"))
PY

(cd tools/encoder-reference && npm ci --silent --no-audit --no-fund >/dev/null)
dotnet build -c Release bench/encoder -v quiet -nologo >/dev/null
csharp="bench/encoder/bin/Release/net10.0/Lodestar.Bench.Encoder.dll"

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), node $(node --version)"
for cores in 1 2; do
  cpus="$([[ $cores == 1 ]] && echo 0 || echo 0,1)"
  for inputs in queries documents; do
    echo "## cores=$cores inputs=$inputs"
    DOTNET_PROCESSOR_COUNT=$cores taskset -c "$cpus" dotnet "$csharp" "$work/$inputs.json" "$seconds" 1 8 32
    taskset -c "$cpus" node tools/encoder-reference/bench.js "$work/$inputs.json" "$seconds" 1 8 32
  done
done
