#!/usr/bin/env bash
# Soak: a mixed workload (Velo authentication with a new token per round, reads, refused requests,
# rule webhooks to a dead subscriber, terminal requests; with SOAK_WRITES=1 also payouts with
# instruct, ACH fundings and payee batches, whose stored data grows) for SOAK_DURATION seconds (default 120)
# against the packaged jar with run.sh's JVM options, sampling every SOAK_SAMPLE seconds (default 10):
# RSS, committed heap, the live heap (after a full GC through jcmd), journal entries, webhook log, scheduler queue (and stored steps), access tokens and
# the terminal request log. Each must plateau; the script prints the samples and a verdict per column
# (the last third's maximum against the middle third's).
#
# SOAK_MIXED=1 adds every provider (signed Cloud sales, Qolo logins and cards with idempotency keys and
# their retries, Vendreo payment requests and status reads); SOAK_CALIBRATE=S runs unpaced for S seconds
# and then paces the whole workload at half the rate it measured; SOAK_RESET_EVERY=S resets the server
# every S seconds as a suite's test classes do (so stored data is bounded); SOAK_PLOT=FILE.png draws
# every sampled line with gnuplot (apt-get install gnuplot-nox).
#
#   bench/soak.sh                    SOAK_DURATION=600 bench/soak.sh        SOAK_WRITES=1 bench/soak.sh
#   the issue's run: SOAK_DURATION=1800 SOAK_WRITES=1 SOAK_MIXED=1 SOAK_CALIBRATE=30 SOAK_RESET_EVERY=300 SOAK_PLOT=bench/results/soak.png bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
command -v python3 >/dev/null || { echo "soak: python3 is needed" >&2; exit 1; }
OFFSET=${BENCH_PORT_OFFSET:-1000}
work=$(mktemp -d)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" --journal-size 1000 >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
await_healthy "$pid" "$work/server.log" $((8080 + OFFSET))
python3 bench/soak.py --pid "$pid" --offset "$OFFSET" --duration "${SOAK_DURATION:-120}" --sample "${SOAK_SAMPLE:-10}" --writes "${SOAK_WRITES:-0}" \
  --mixed "${SOAK_MIXED:-0}" --calibrate "${SOAK_CALIBRATE:-0}" --reset-every "${SOAK_RESET_EVERY:-0}" --plot "${SOAK_PLOT:-}"
# every 5xx the server answered, with the failure it logged
grep -A3 "failed unexpectedly" "$work/server.log" | head -40 || true
