#!/usr/bin/env bash
# Capacity: heap bytes per stored Velo payment (submitted; instructed and confirmed), payee, terminal
# sale and Qolo card (created with an IdempotencyKey, which keeps its answer for a virtual day),
# measured as the live heap after full collections (jcmd GC.run) before and after creating each, and
# how many fit in the heap (STANDIN_MAX_HEAP, default 512m) before writes answer 507: the heap guard
# refuses them from 90 % of the old generation, the space /_sim/health's heap.maxBytes gives.
# With CAPACITY_MODE=million, the server keeps its data in a --data-dir and the script stores a million
# payments (500 payouts of 2,000), printing the live heap every 100,000: it must stay flat.
#
#   bench/capacity.sh        CAPACITY_MODE=million bench/capacity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
command -v python3 >/dev/null || { echo "capacity: python3 is needed" >&2; exit 1; }
OFFSET=${BENCH_PORT_OFFSET:-1000}
MODE=${CAPACITY_MODE:-items}
work=$(mktemp -d)
# the payouts' and payees' steps wait for the manual clock; the terminal's customer answers at once
bench_scenario "$work/capacity.yaml" '{delays: {terminalCustomerDelay: PT0S}}'
extra=()
[ "$MODE" = million ] && extra=(--data-dir "$work/data")
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" --clock manual --journal-size 0 --scenario "$work/capacity.yaml" "${extra[@]}" \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
await_healthy "$pid" "$work/server.log" $((8080 + OFFSET))
python3 bench/capacity.py --pid "$pid" --offset "$OFFSET" --mode "$MODE"
[ "$MODE" = million ] && du -sh "$work/data" | sed 's/^/data directory: /'
