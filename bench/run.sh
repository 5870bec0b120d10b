#!/usr/bin/env bash
# Benchmark: start-up time to a healthy /_sim/health, idle and loaded resident memory, and
# throughput / p99 of authenticated GET /v1/payors/{id} over loopback with wrk (2 threads,
# 32 connections, 15 s after a 10 s warm-up), with the request journal on (its default size).
#
#   bench/run.sh                 uses simulator/target/standin.jar (built when missing)
#   BENCH_DURATION=30s bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk

OFFSET=${BENCH_PORT_OFFSET:-1000}
CONTROL=$((8080 + OFFSET)); VELO=$((8081 + OFFSET))
DURATION=${BENCH_DURATION:-15s}
PAYOR=c66a1b03-23e2-4fa8-9197-840f98f8d205
KEY=44a9537d-d55d-4b47-8082-14061c2bcdd8
SECRET=c396b26b-137a-44fd-87f5-34631f8fd529

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
# starts the server; sets pid, and ms to the milliseconds from process start to a healthy /_sim/health
launch() {
  local start
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS $CACHE_OPTS -jar "$RUN_JAR" --port-offset "$OFFSET" >/tmp/standin-bench.log 2>&1 &
  pid=$!
  await_healthy "$pid" /tmp/standin-bench.log "$CONTROL" 0.01
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# shellcheck source=../tools/jvm-cache.sh
. tools/jvm-cache.sh
rm -f "$CACHE_DIR"/standin-*.aot "$CACHE_DIR"/standin-*.jsa
. tools/jvm-cache.sh
launch; cold_ms=$ms
# the representative part of the training run: what a client does first
curl -fs "http://127.0.0.1:$CONTROL/_sim/info" >/dev/null
curl -fs -X POST -u "$KEY:$SECRET" "http://127.0.0.1:$VELO/v1/authenticate?grant_type=client_credentials" >/dev/null
t=$(date +%s%N); stop; write_ms=$(( ($(date +%s%N) - t) / 1000000 ))
. tools/jvm-cache.sh
warm=()
for _ in 1 2 3 4 5; do launch; warm+=("$ms"); stop; done
median_ms=$(printf '%s\n' "${warm[@]}" | sort -n | sed -n 3p)
launch; healthy_ms=$ms
sleep 3
idle_rss=$(rss_mb $pid)

token=$(velo_token "http://127.0.0.1:$VELO")
url="http://127.0.0.1:$VELO/v1/payors/$PAYOR"
curl -fs -H "Authorization: Bearer $token" "$url" >/dev/null

wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "$url" >/dev/null
peak=0
( while kill -0 $pid 2>/dev/null; do r=$(rss_mb $pid); echo "$r"; sleep 1; done ) >/tmp/standin-bench-rss.txt &
sampler=$!
result=$(wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $token" "$url")
kill $sampler 2>/dev/null || true
loaded_rss=$(rss_mb $pid)
peak=$(sort -n /tmp/standin-bench-rss.txt | tail -1)

rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
non2xx=$(echo "$result" | awk '/Non-2xx/ {print $NF}')
journal=$(curl -fs "http://127.0.0.1:$CONTROL/_sim/requests?limit=1000000" | grep -o '"count":[0-9]*' | cut -d: -f2)

echo "$result"
echo
echo "== Standin benchmark ($(java -version 2>&1 | head -1); $(nproc) cores; JAVA_OPTS=$JAVA_OPTS)"
echo "start to healthy:        median ${median_ms} ms of 5 with the cache (${warm[*]} ms; ${CACHE_OPTS%%=*}); first start, training it: ${cold_ms} ms, then ${write_ms} ms to stop and write it"
echo "idle RSS:                ${idle_rss} MB"
echo "RSS after load:          ${loaded_rss} MB (peak during the run ${peak} MB)"
echo "GET /v1/payors/{id}:     ${rps} requests/s, p50 ${p50}, p99 ${p99} (2 threads, 32 connections, ${DURATION})"
echo "non-2xx responses:       ${non2xx:-0}; request journal on, holding ${journal} entries (its bound)"
