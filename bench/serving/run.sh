#!/usr/bin/env bash
# Side by side on loopback: wrk against a bare ASP.NET Core constant endpoint (the ceiling) and against a
# Lodestar GBDT endpoint (auth, validation, micro-batching, sampled logging), alternating rounds. Two more targets split
# the gap: the constant behind Lodestar's pipeline without authentication (routing, request telemetry), and with it
# (API key, rate limiter, authorization), which separates the pipeline's cost from the cost of serving.
# Usage: bench/serving/run.sh [seconds-per-round, default 15] [rounds, default 3] [connections, default 32]
# Each target also reports the server's CPU time per request (user + system, from /proc), which a shared machine
# disturbs less than throughput. A warm-up pass (JIT tiering) runs before the measured rounds and is not counted.
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

dotnet "$dll" serving ceiling http://127.0.0.1:5391 & pids+=($!); ceiling_pid=$!
# Rate limits far above what wrk can send: the limiter still runs on every request, but never refuses one.
LODESTAR_RATE_LIMIT_CREDENTIAL=100000000 LODESTAR_RATE_LIMIT_TENANT=100000000 dotnet "$dll" serving lodestar "$work/data" http://127.0.0.1:5392 "$work/key" 2>"$work/lodestar.log" & pids+=($!); lodestar_pid=$!
old="${LODESTAR_BENCH_BEFORE:-}"
if [ -n "$old" ]; then
  LODESTAR_RATE_LIMIT_CREDENTIAL=100000000 LODESTAR_RATE_LIMIT_TENANT=100000000 dotnet "$old" serving lodestar "$work/old" http://127.0.0.1:5393 "$work/oldkey" 2>"$work/old.log" & pids+=($!); old_pid=$!
fi
# The key file is written before Lodestar listens: wait for the servers to answer.
for _ in $(seq 1 180); do [ -s "$work/key" ] && { [ -z "$old" ] || [ -s "$work/oldkey" ]; } && curl -fs -o /dev/null -X POST http://127.0.0.1:5391/predict \
  && curl -s -o /dev/null http://127.0.0.1:5392/ && { [ -z "$old" ] || curl -s -o /dev/null http://127.0.0.1:5393/; } && break; sleep 1; done
key="$(cat "$work/key")"
curl -fs -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"rows":[{"f1":0.12,"f2":-0.53,"f3":0.91,"f4":-0.07,"f5":0.33,"f6":-0.88,"f7":0.4,"f8":0.05,"segment":"b"}]}' \
  http://127.0.0.1:5392/v1/endpoints/bench/predict >&2; echo >&2

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
run() { # name url key allocated-bytes-url server-pid
  before=$(curl -fs "$4" || echo 0)
  ticks_before=$(cpu_ticks "$5")
  LODESTAR_BENCH_KEY="$3" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/serving/predict.lua "$2" > "$work/out"
  ticks_after=$(cpu_ticks "$5")
  after=$(curl -fs "$4" || echo 0)
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/out")
  p99=$(awk '$1=="99%" {print $2}' "$work/out")
  requests=$(awk '/requests in/ {print $1}' "$work/out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/out" | tr '\n' ' ')
  cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  echo "$1 round=$round rps=$rps p99=$p99 cpu=${cpu}us/request allocated=$(( (after - before) / requests ))B/request $errors"
  [ "$round" = warm-up ] || echo "$round $1 $rps $cpu" >> "$work/rounds"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, wrk -t2 -c$connections -d${seconds}s, dotnet $(dotnet --version)"
for round in warm-up $(seq 1 "$rounds"); do
  run ceiling http://127.0.0.1:5391/predict "" http://127.0.0.1:5391/allocated "$ceiling_pid"
  run lodestar-anonymous http://127.0.0.1:5392/bench/constant-anonymous "" http://127.0.0.1:5392/bench/allocated "$lodestar_pid"
  run lodestar-constant http://127.0.0.1:5392/bench/constant "$key" http://127.0.0.1:5392/bench/allocated "$lodestar_pid"
  run lodestar-gbdt http://127.0.0.1:5392/v1/endpoints/bench/predict "$key" http://127.0.0.1:5392/bench/allocated "$lodestar_pid"
  if [ -n "$old" ]; then # an older build may not report allocations: its column then reads 0
    run before-anonymous http://127.0.0.1:5393/bench/constant-anonymous "" http://127.0.0.1:5393/bench/allocated "$old_pid"
    run before-constant http://127.0.0.1:5393/bench/constant "$(cat "$work/oldkey")" http://127.0.0.1:5393/bench/allocated "$old_pid"
    run before-gbdt http://127.0.0.1:5393/v1/endpoints/bench/predict "$(cat "$work/oldkey")" http://127.0.0.1:5393/bench/allocated "$old_pid"
  fi
done

# Medians over rounds of each target's throughput relative to the ceiling's in the same round, and of its CPU per request.
awk '{ rps[$1 " " $2] = $3; cpu[$1 " " $2] = $4; rounds[$1] = 1; names[$2] = 1 }
  function median(values, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  END {
    for (name in names) {
      n = 0; for (r in rounds) if ((r " " name) in cpu) costs[++n] = cpu[r " " name]
      printf "median %s: %.1f us of server CPU per request", name, median(costs, n)
      n = 0; for (r in rounds) if ((r " ceiling") in rps && (r " " name) in rps) ratios[++n] = rps[r " " name] / rps[r " ceiling"]
      if (name != "ceiling") printf ", throughput / ceiling = %.2f", median(ratios, n)
      printf " over %d rounds\n", n
    }
  }' "$work/rounds"
