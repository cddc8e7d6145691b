#!/usr/bin/env bash
# Side-by-side encoder benchmark: Lodestar C# vs the TF.js reference, same inputs, same batch
# sizes, both pinned to the same cores with taskset (1 core, then 2 cores). The machine may be
# shared, so the whole sweep repeats and the summary reports medians of the per-repeat ratios.
# Usage: bench/encoder/run.sh [seconds-per-batch-size, default 10] [repeats, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
repeats="${2:-3}"
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
dotnet build -c Release bench/Lodestar.Bench -v quiet -nologo >/dev/null
csharp="bench/Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll"

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for repeat in $(seq 1 "$repeats"); do
  for cores in 1 2; do
    cpus="$([[ $cores == 1 ]] && echo 0 || echo 0,1)"
    for inputs in queries documents; do
      echo "## repeat=$repeat cores=$cores inputs=$inputs"
      DOTNET_PROCESSOR_COUNT=$cores taskset -c "$cpus" dotnet "$csharp" encoder "$work/$inputs.json" "$seconds" 1 8 32 \
        | sed "s/^{/{\"repeat\":$repeat,\"cores\":$cores,\"inputs\":\"$inputs\",/" | tee -a "$work/results.jsonl"
      taskset -c "$cpus" node tools/encoder-reference/bench.js "$work/$inputs.json" "$seconds" 1 8 32 \
        | sed "s/^{/{\"repeat\":$repeat,\"cores\":$cores,\"inputs\":\"$inputs\",/" | tee -a "$work/results.jsonl"
    done
  done
done

echo "# medians over $repeats repeats (ratio = median of per-repeat C#/TF.js ratios)"
python3 - "$work/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def pick(engine, cores, inputs, batch):
    return {r["repeat"]: r for r in rows if r["engine"].startswith(engine)
            and (r["cores"], r["inputs"], r["batch"]) == (cores, inputs, batch)}
print("| cores | inputs | batch | C# sent/s | TF.js sent/s | ratio | C# per CPU-s | TF.js per CPU-s | ratio | C# p99 ms | TF.js p99 ms |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
keys = sorted({(r["cores"], r["inputs"], r["batch"]) for r in rows}, key=lambda k: (k[0], k[1] != "queries", k[2]))
for cores, inputs, batch in keys:
    c, t = pick("lodestar", cores, inputs, batch), pick("tfjs", cores, inputs, batch)
    both = sorted(set(c) & set(t))
    med = lambda d, f: statistics.median(d[i][f] for i in both)
    ratio = lambda f: statistics.median(c[i][f] / t[i][f] for i in both)
    print(f"| {cores} | {inputs} | {batch} | {med(c, 'sentencesPerSecond'):.1f} | {med(t, 'sentencesPerSecond'):.1f} | "
          f"{ratio('sentencesPerSecond'):.1f}× | {med(c, 'sentencesPerCpuSecond'):.1f} | {med(t, 'sentencesPerCpuSecond'):.1f} | "
          f"{ratio('sentencesPerCpuSecond'):.1f}× | {med(c, 'p99Ms'):.0f} | {med(t, 'p99Ms'):.0f} |")
PY
