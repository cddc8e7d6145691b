#!/usr/bin/env bash
# Telemetry overhead: search and ask throughput with telemetry off, in-process listeners on, and OTLP export on,
# side by side in one run (see Program.cs). Usage: bench/observability/run.sh [docs=1000] [seconds=1] [rounds=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
scifact=""
for dir in . .. ../..; do [ -f "$dir/shared/datasets/scifact/corpus.jsonl" ] && scifact="$(cd "$dir/shared/datasets/scifact" && pwd)" && break; done
[ -n "$scifact" ] || { echo "shared/datasets/scifact not found beside the repository" >&2; exit 1; }
dotnet build -c Release bench/Lodestar.Bench -v quiet -nologo >/dev/null
dotnet bench/Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll observability "$scifact" "${1:-1000}" "${2:-1}" "${3:-15}"
