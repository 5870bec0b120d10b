#!/usr/bin/env bash
# Benchmark: bytes allocated per request while handling it (the stacks under Javalin's servlet), for the
# Velo payor read and the Vendreo payment request, each on a fresh server under wrk (2 threads, 32
# connections). Requests per second and CPU per request move by a factor of two on these shared
# machines within the hour; the bytes a request allocates do not, and garbage collections come as
# often as they fill the young generation. Sampled with async-profiler 4.2 (its Linux x64 build from
# Maven Central, kept in /tmp, never committed).
#
#   bench/alloc.sh                         both paths, 10 s each
#   BENCH_JAR=/tmp/other.jar ALLOC_DURATION=20 bench/alloc.sh vendreo-request
#   ALLOC_PROFILES=/tmp/profiles bench/alloc.sh    keeps each path's profile (collapsed stacks, bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
[ "$(uname -m)" = x86_64 ] || { echo "bench/alloc.sh: async-profiler's build here is for Linux x64; this is $(uname -m)" >&2; exit 1; }
DURATION=${ALLOC_DURATION:-10}
OFFSET=${BENCH_PORT_OFFSET:-1200}
C=$((8080 + OFFSET)); VELO=$((8081 + OFFSET)); VENDREO=$((8082 + OFFSET))
PAYOR=c66a1b03-23e2-4fa8-9197-840f98f8d205
WORK=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$WORK"' EXIT

PROFILER=/tmp/async-profiler-4.2/linux-x64/libasyncProfiler.so
if [ ! -s "$PROFILER" ]; then
  curl -fsSL -o /tmp/async-profiler-4.2-linux-x64.jar \
    https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.2/async-profiler-4.2-linux-x64.jar
  mkdir -p /tmp/async-profiler-4.2
  unzip -o -q /tmp/async-profiler-4.2-linux-x64.jar 'linux-x64/*' -d /tmp/async-profiler-4.2
fi

bench_scenario "$WORK/bench.yaml"
lua_post "$WORK/vendreo-request.lua" "$VENDREO_REQUEST" 'wrk.headers["Authorization"] = "Bearer vendreo-secret-key"'

# measure NAME WRK-ARGS...: a fresh server profiled from its start; prints bytes per request handled
measure() {
  local name=$1; shift
  local profile="$WORK/$name.collapsed"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -agentpath:"$PROFILER"=start,event=alloc,total,collapsed,file="$profile" \
    -jar "$JAR" --port-offset "$OFFSET" --scenario "$WORK/bench.yaml" >"$WORK/$name.log" 2>&1 &
  pid=$!
  await_healthy "$pid" "$WORK/$name.log" "$C"
  local args=("$@")
  if [ "$name" = velo-read ]; then
    args=(-H "Authorization: Bearer $(velo_token "http://127.0.0.1:$VELO")" "${args[@]}")
  fi
  local requests
  requests=$(wrk -t2 -c32 -d"${DURATION}s" "${args[@]}" | awk '/requests in/ {print $1}')
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  [ -z "${ALLOC_PROFILES:-}" ] || { mkdir -p "$ALLOC_PROFILES"; cp "$profile" "$ALLOC_PROFILES/"; }
  # the profile is written as the JVM exits: the bytes sampled under request handling, over the requests
  awk -v n="$requests" -v name="$name" '/JavalinServlet.service/ {s += $NF}
    END {printf "%-16s %8d requests  %8d bytes allocated per request\n", name, n, s / n}' "$profile"
}

paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(velo-read vendreo-request)
echo "== Standin allocation per request ($(java -version 2>&1 | head -1); wrk 2 threads, 32 connections, ${DURATION} s from a cold start)"
for p in "${paths[@]}"; do
  case $p in
    velo-read) measure "$p" "http://127.0.0.1:$VELO/v1/payors/$PAYOR" ;;
    vendreo-request) measure "$p" -s "$WORK/vendreo-request.lua" "http://127.0.0.1:$VENDREO/v1/request-payment" ;;
    *) echo "unknown path $p (velo-read, vendreo-request)" >&2; exit 2 ;;
  esac
done
