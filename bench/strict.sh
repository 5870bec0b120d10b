#!/usr/bin/env bash
# What strict mode (requests held to the OpenAPI document) costs per request: one server, wrk
# (2 threads, 32 connections, 10 s each after a 20 s warm-up) on GET /v1/payees/{payeeId}?sensitive=false,
# strict mode off and on (a scenario with settings.validateRequests) in turn, twice: compare within the run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
OFFSET=${BENCH_PORT_OFFSET:-1000}
C=http://127.0.0.1:$((8080 + OFFSET)); V=http://127.0.0.1:$((8081 + OFFSET))
work=$(mktemp -d)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" --journal-size 0 >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "$C/_sim/health" >/dev/null 2>&1; do kill -0 $pid || { cat "$work/server.log"; exit 1; }; sleep 0.05; done
token=$(velo_token "$V")
url="$V/v1/payees/1b6e3c1a-0001-4a00-8000-000000000001?sensitive=false"
run() { wrk -t2 -c32 -d"$1" -H "Authorization: Bearer $token" --latency "$url" | awk -v l="$2" '/Requests\/sec/ {r=$2} /99%/ {p=$2} END {if (l) printf "%-22s %10s req/s  p99 %s\n", l, r, p}'; }
strict() { curl -fs -X POST --data-binary $'version: 1\nname: strict\nsettings: {validateRequests: true}\n' -H 'Content-Type: application/yaml' "$C/_sim/scenarios" >/dev/null; }
lenient() { curl -fs -X DELETE "$C/_sim/scenarios/strict" >/dev/null; }
strict; run 10s ""; lenient; run 10s ""
for round in 1 2; do
  run 10s "strict off ($round)"
  strict; run 10s "strict on ($round)"; lenient
done
