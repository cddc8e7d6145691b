#!/usr/bin/env bash
# Side by side on loopback: wrk against a bare ASP.NET Core constant endpoint (the ceiling) and against a
# Lodestar GBDT endpoint (auth, validation, micro-batching, sampled logging), alternating rounds. Two more targets split
# the gap: the constant behind Lodestar's pipeline without authentication (routing, request telemetry), and with it
# (API key, rate limiter, authorization), which separates the pipeline's cost from the cost of serving.
# Usage: bench/serving/run.sh [seconds-per-round, default 15] [rounds, default 3] [connections, default 32]
# LODESTAR_BENCH_BEFORE=/path/to/an/older/Lodestar.Bench.dll adds that build's three Lodestar targets (before-*) to
# every round, so two versions are compared against the same ceiling under the same load.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"; rounds="${2:-3}"; connections="${3:-32}"
command -v wrk >/dev/null || { echo "wrk not installed: apt-get install -y wrk" >&2; exit 1; }
[ -n "${LODESTAR_BENCH_NO_BUILD:-}" ] || dotnet build -c Release bench/Lodestar.Bench -v quiet -nologo >/dev/null
dll="bench/Lodestar.Bench/bin/Release/net10.0/Lodestar.Bench.dll"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet "$dll" serving ceiling http://127.0.0.1:5391 & pids+=($!)
# Rate limits far above what wrk can send: the limiter still runs on every request, but never refuses one.
LODESTAR_RATE_LIMIT_CREDENTIAL=100000000 LODESTAR_RATE_LIMIT_TENANT=100000000 dotnet "$dll" serving lodestar "$work/data" http://127.0.0.1:5392 "$work/key" 2>"$work/lodestar.log" & pids+=($!)
old="${LODESTAR_BENCH_BEFORE:-}"
if [ -n "$old" ]; then
  LODESTAR_RATE_LIMIT_CREDENTIAL=100000000 LODESTAR_RATE_LIMIT_TENANT=100000000 dotnet "$old" serving lodestar "$work/old" http://127.0.0.1:5393 "$work/oldkey" 2>"$work/old.log" & pids+=($!)
fi
# The key file is written before Lodestar listens: wait for the servers to answer.
for _ in $(seq 1 180); do [ -s "$work/key" ] && { [ -z "$old" ] || [ -s "$work/oldkey" ]; } && curl -fs -o /dev/null -X POST http://127.0.0.1:5391/predict \
  && curl -s -o /dev/null http://127.0.0.1:5392/ && { [ -z "$old" ] || curl -s -o /dev/null http://127.0.0.1:5393/; } && break; sleep 1; done
key="$(cat "$work/key")"
curl -fs -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"rows":[{"f1":0.12,"f2":-0.53,"f3":0.91,"f4":-0.07,"f5":0.33,"f6":-0.88,"f7":0.4,"f8":0.05,"segment":"b"}]}' \
  http://127.0.0.1:5392/v1/endpoints/bench/predict >&2; echo >&2

run() { # name url key allocated-bytes-url
  before=$(curl -fs "$4" || echo 0)
  LODESTAR_BENCH_KEY="$3" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/serving/predict.lua "$2" > "$work/out"
  after=$(curl -fs "$4" || echo 0)
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/out")
  p99=$(awk '$1=="99%" {print $2}' "$work/out")
  requests=$(awk '/requests in/ {print $1}' "$work/out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/out" | tr '\n' ' ')
  echo "$1 round=$round rps=$rps p99=$p99 allocated=$(( (after - before) / requests ))B/request $errors"
  echo "$round $1 $rps" >> "$work/rounds"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, wrk -t2 -c$connections -d${seconds}s, dotnet $(dotnet --version)"
for round in $(seq 1 "$rounds"); do
  run ceiling http://127.0.0.1:5391/predict "" http://127.0.0.1:5391/allocated
  run lodestar-anonymous http://127.0.0.1:5392/bench/constant-anonymous "" http://127.0.0.1:5392/bench/allocated
  run lodestar-constant http://127.0.0.1:5392/bench/constant "$key" http://127.0.0.1:5392/bench/allocated
  run lodestar-gbdt http://127.0.0.1:5392/v1/endpoints/bench/predict "$key" http://127.0.0.1:5392/bench/allocated
  if [ -n "$old" ]; then # an older build may not report allocations: its column then reads 0
    run before-anonymous http://127.0.0.1:5393/bench/constant-anonymous "" http://127.0.0.1:5393/bench/allocated
    run before-constant http://127.0.0.1:5393/bench/constant "$(cat "$work/oldkey")" http://127.0.0.1:5393/bench/allocated
    run before-gbdt http://127.0.0.1:5393/v1/endpoints/bench/predict "$(cat "$work/oldkey")" http://127.0.0.1:5393/bench/allocated
  fi
done

# Median over rounds of each target's throughput relative to the ceiling measured in the same round.
awk '{ rps[$1 " " $2] = $3; rounds[$1] = 1; names[$2] = 1 }
  END {
    for (name in names) if (name != "ceiling") {
      n = 0; for (r in rounds) if ((r " ceiling") in rps && (r " " name) in rps) ratios[++n] = rps[r " " name] / rps[r " ceiling"]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratios[j] < ratios[i]) { t = ratios[i]; ratios[i] = ratios[j]; ratios[j] = t }
      median = n % 2 ? ratios[(n + 1) / 2] : (ratios[n / 2] + ratios[n / 2 + 1]) / 2
      printf "median %s / ceiling = %.2f over %d rounds\n", name, median, n
    }
  }' "$work/rounds"
