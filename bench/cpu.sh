#!/usr/bin/env bash
# CPU time the server spends per request, for an A/B of jars on a noisy shared machine: throughput moves
# with the neighbours' load, the process's own CPU time per request (utime + stime from /proc, over an
# 8 s wrk run of 2 threads and 32 connections after a 6 s warm-up) much less. Paths: Vendreo payment
# status (three SQL reads), Velo payor read (a token lookup and a cached payor), Vendreo payment request
# (a write), each on a fresh server per jar, the jars alternating for ROUNDS rounds (default 2).
#
#   bench/cpu.sh old.jar new.jar          (default: simulator/target/standin.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
OFFSET=${BENCH_PORT_OFFSET:-1200}
C=$((8080 + OFFSET)); VELO=$((8081 + OFFSET)); VENDREO=$((8082 + OFFSET))
WORK=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$WORK"' EXIT
bench_scenario "$WORK/bench.yaml"
cat > "$WORK/request.lua" <<'LUA'
request = function()
  return wrk.format("POST", "/v1/request-payment", {["Content-Type"]="application/json", ["Authorization"]="Bearer vendreo-secret-key"},
    '{"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","amount":1999,"payment_type":"SINGLE","redirect_url":"https://shop.example/done"}')
end
LUA
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("$JAR")
for round in $(seq 1 "${ROUNDS:-2}"); do
  for jar in "${jars[@]}"; do
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$jar" --port-offset "$OFFSET" --scenario "$WORK/bench.yaml" >"$WORK/standin.log" 2>&1 &
    pid=$!
    await_healthy "$pid" "$WORK/standin.log" "$C"
    uuid=$(curl -fs -X POST -H 'Authorization: Bearer vendreo-secret-key' -H 'Content-Type: application/json' \
      -d '{"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","amount":1999,"payment_type":"SINGLE","redirect_url":"https://shop.example/done"}' \
      "http://127.0.0.1:$VENDREO/v1/request-payment" | sed -E 's#.*/payment/([^/?"]+).*#\1#')
    token=$(velo_token "http://127.0.0.1:$VELO")
    line="round $round $(basename "$jar"):"
    for path in vendreo-status velo-read vendreo-request; do
      case $path in
        vendreo-status) args=(-H 'Authorization: Bearer vendreo-secret-key' "http://127.0.0.1:$VENDREO/v1/payment/$uuid") ;;
        velo-read) args=(-H "Authorization: Bearer $token" "http://127.0.0.1:$VELO/v1/payors/c66a1b03-23e2-4fa8-9197-840f98f8d205") ;;
        vendreo-request) args=(-s "$WORK/request.lua" "http://127.0.0.1:$VENDREO") ;;
      esac
      wrk -t2 -c32 -d6s "${args[@]}" >/dev/null
      before=$(cpu_ticks "$pid")
      n=$(wrk -t2 -c32 -d8s "${args[@]}" | awk '/requests in/ {print $1}')
      after=$(cpu_ticks "$pid")
      line="$line  $path $(awk -v t=$((after - before)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f ms/req (%d req)", t * 1000 / hz / n, n}')"
    done
    echo "$line"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
done
