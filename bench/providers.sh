#!/usr/bin/env bash
# Benchmark: every provider's main write and read paths with wrk (2 threads, 32 connections unless a path
# allows only one at a time), journal on, each after a warm-up, and WireMock 3.13's standalone jar
# (from Maven Central, in /tmp, never committed) serving one static stub in the same run, for a ratio.
#
#   bench/providers.sh [path ...]     paths: velo-read velo-payout velo-payee terminal-info terminal-sale
#                                     cloud-sale qolo-card qolo-auth vendreo-request vendreo-status wiremock
#   BENCH_DURATION=15s BENCH_WARMUP=30s bench/providers.sh
# Each path warms up for 20 s from a reset state, and is measured from a reset state again (the JIT's
# work kept, the warm-up's data gone): the JIT compiler kept one core busy
# for the first 30 to 40 s of load (a 4 s warm-up measured terminal device info at 1,400 req/s, the
# same server 8,000 once compiled).
#   BENCH_ARGS="--database jdbc:postgresql://..." bench/providers.sh     the server on PostgreSQL
#   BENCH_EXTERNAL=1 bench/providers.sh          what already listens at the offset (bench/cluster.sh)
#   BENCH_JFR=/tmp/jfr bench/providers.sh qolo-card   records each measured run with JDK Flight Recorder
#                                     (after the warm-up); bench/hot.py FILE.jfr says where the time went;
#                                     its p99 is not comparable: the JFR recorder thread once kept a
#                                     safepoint waiting 244 and 288 ms (-XX:+SafepointTimeout named it)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
DURATION=${BENCH_DURATION:-8s}
WARMUP=${BENCH_WARMUP:-20s}
OFFSET=${BENCH_PORT_OFFSET:-1100}
C=$((8080 + OFFSET)); VELO=$((8081 + OFFSET)); VENDREO=$((8082 + OFFSET)); QOLO=$((8083 + OFFSET)); CLOUD=$((8084 + OFFSET))
TERMINAL=$((7501 + OFFSET))
PAYOR=c66a1b03-23e2-4fa8-9197-840f98f8d205
WORK=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

bench_scenario "$WORK/bench.yaml"
# BENCH_EXTERNAL=1: measure what already serves the ports at the offset (bench/cluster.sh's balanced
# instances, started with bench_scenario's file); else start one server here, with BENCH_ARGS (e.g. --database)
if [ -z "${BENCH_EXTERNAL:-}" ]; then
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" --scenario "$WORK/bench.yaml" ${BENCH_ARGS:-} >"$WORK/standin.log" 2>&1 &
  pids+=($!)
  await_healthy "${pids[-1]}" "$WORK/standin.log" "$C"
fi
until curl -fs "http://127.0.0.1:$C/_sim/health" >/dev/null 2>&1; do sleep 0.05; done

json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
# Before each path: the state reset to the scenario's (so no path pays for what earlier ones stored: a
# heap filled by them made later paths measure garbage collection), a full collection, and what the
# paths need set up again (tokens, a loaded Qolo card, a Vendreo payment, a fresh Cloud signature).
prepare() {
  curl -fs -X POST "http://127.0.0.1:$C/_sim/reset" >/dev/null
  [ -n "${BENCH_EXTERNAL:-}" ] || jcmd "${pids[0]}" GC.run >/dev/null 2>&1 || true
  VTOKEN=$(velo_token "http://127.0.0.1:$VELO")
  QTOKEN=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"loginid":"qolo-bench","apikey":"qolo-bench-apikey"}' \
    "http://127.0.0.1:$QOLO/api/v1/auth/login" | json access_token)
  # a Qolo card to authorise against: issued, activated, loaded
  PROXY=$(curl -fs -X POST -H "Authorization: Bearer $QTOKEN" -H 'Content-Type: application/json' \
    -d '{"person":{"first_name":"Bench","last_name":"Mark","birth_date":"1990-04-01"}}' "http://127.0.0.1:$QOLO/api/v1/cards" | json card_proxy)
  curl -fs -X POST -H "Authorization: Bearer $QTOKEN" "http://127.0.0.1:$QOLO/api/v1/cards/$PROXY/activate" >/dev/null
  curl -fs -X POST -H "Authorization: Bearer $QTOKEN" -H 'Content-Type: application/json' \
    -d "{\"client_reference_id\":\"bench-load\",\"transfer_type\":\"PARTNERTOCARD\",\"amount\":100000000,\"currency\":\"USD\",\"destination\":{\"card_proxy\":\"$PROXY\"}}" \
    "http://127.0.0.1:$QOLO/api/v1/transfers" >/dev/null
  VENDREO_UUID=$(curl -fs -X POST -H 'Authorization: Bearer vendreo-secret-key' -H 'Content-Type: application/json' \
    -d '{"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","amount":1999,"payment_type":"SINGLE","redirect_url":"https://shop.example/done"}' \
    "http://127.0.0.1:$VENDREO/v1/request-payment" | json redirect_url | sed -E 's#.*/payment/([^/?]+).*#\1#')
  # a signed Cloud sale (HMAC-SHA256 of timestamp + body with the merchant's secret), valid for 5 minutes
  CLOUD_BODY='{"requestType":"payment","actionType":"process","transactionType":"sale","amount":"10.00","cardHolder":"John Doe","cardNumber":"4111111111111111","cardExpDate":"1230","cvv":"123","addressBilling":{"name":"John Doe","street":"123 Main St","city":"Anytown","state":"CA","zipcode":"12345","country":"US"}}'
  CLOUD_TS=$(date +%s)
  CLOUD_SIG=$(printf '%s%s' "$CLOUD_TS" "$CLOUD_BODY" | openssl dgst -sha256 -hmac your-api-secret | awk '{print $NF}')
  write_scripts
}

# Lua: a POST whose body has a counter unique per wrk run, thread and request (ids that must not repeat:
# the warm-up's and the measure's runs once used the same, so the measure replayed stored idempotency keys)
lua_unique() { # file, method, path, body with %d placeholders for the unique number, extra header lines
  cat > "$1" <<EOF
local n = 0
local thread_id = 0
local counter = 0
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
function init(args) thread_id = tonumber(args[1]) * 100 + tid end
request = function()
  n = n + 1
  local u = thread_id * 10000000 + n
  local body = string.gsub([[$4]], "%%d", tostring(u))
  local headers = { ["Content-Type"] = "application/json" $5 }
  headers["X-Unique"] = tostring(u)
  return wrk.format("$2", "$3", headers, body)
end
EOF
}
write_scripts() {
lua_unique "$WORK/velo-payout.lua" POST /v3/payouts \
  "{\"payorId\":\"$PAYOR\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\",\"payorPaymentId\":\"a-%d\"},{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":200,\"sourceAccountName\":\"PAYOR_SRC_ACCT\",\"payorPaymentId\":\"b-%d\"}]}" \
  ", [\"Authorization\"] = \"Bearer $VTOKEN\""
lua_unique "$WORK/velo-payee.lua" POST /v2/payees \
  "{\"payorId\":\"$PAYOR\",\"payees\":[{\"type\":\"Individual\",\"remoteId\":\"bench-%d\",\"email\":\"bench-%d@example.com\",\"address\":{\"line1\":\"1 Road\",\"city\":\"Austin\",\"zipOrPostcode\":\"73301\",\"country\":\"US\"},\"paymentChannel\":{\"countryCode\":\"US\",\"currency\":\"USD\",\"accountName\":\"Bench\",\"accountNumber\":\"12345678\",\"routingNumber\":\"123456789\"},\"individual\":{\"name\":{\"firstName\":\"Bench\",\"lastName\":\"Mark\"},\"dateOfBirth\":\"1990-02-03\"}}]}" \
  ", [\"Authorization\"] = \"Bearer $VTOKEN\""
lua_unique "$WORK/qolo-card.lua" POST /api/v1/cards \
  '{"person":{"first_name":"Bench","last_name":"Mark %d","birth_date":"1990-04-01"}}' \
  ", [\"Authorization\"] = \"Bearer $QTOKEN\""
sed -i 's/headers\["X-Unique"\] = tostring(u)/headers["IdempotencyKey"] = "bench-" .. tostring(u)/' "$WORK/qolo-card.lua"
lua_post "$WORK/terminal-info.lua" '{"requestType":"device","resourceType":"info"}'
lua_post "$WORK/terminal-sale.lua" '{"requestType":"payment","transactionType":"sale","tenderType":"credit","amount":"12.00"}'
lua_post "$WORK/cloud-sale.lua" "$CLOUD_BODY" \
  "wrk.headers[\"X-API-Key\"] = \"your-api-key\"; wrk.headers[\"X-Timestamp\"] = \"$CLOUD_TS\"; wrk.headers[\"X-Signature\"] = \"$CLOUD_SIG\""
lua_post "$WORK/qolo-auth.lua" '{"amount":"1.00","merchant_name":"Bench"}'
lua_post "$WORK/vendreo-request.lua" "$VENDREO_REQUEST" \
  'wrk.headers["Authorization"] = "Bearer vendreo-secret-key"'
}

# WireMock 3.13 standalone with one static stub, for the ratio
WIREMOCK_PORT=$((9090 + OFFSET))
wiremock_start() {
  local jar=/tmp/wiremock-standalone-3.13.2.jar
  [ -s "$jar" ] || curl -fsSL -o "$jar" https://repo1.maven.org/maven2/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar
  mkdir -p "$WORK/wiremock/mappings"
  echo '{"request":{"method":"GET","url":"/static"},"response":{"status":200,"jsonBody":{"ok":true},"headers":{"Content-Type":"application/json"}}}' \
    > "$WORK/wiremock/mappings/static.json"
  java -jar "$jar" --port "$WIREMOCK_PORT" --root-dir "$WORK/wiremock" --disable-banner >"$WORK/wiremock.log" 2>&1 &
  pids+=($!)
  until curl -fs "http://127.0.0.1:$WIREMOCK_PORT/static" >/dev/null 2>&1; do sleep 0.1; done
}

# how many scheduled steps are due and not yet run (/_sim/stats, a count: /_sim/clock's list of every
# pending step, sorted, was polled while 23,000 waited, and its CPU counted as the requests')
due_steps() { curl -fs "http://127.0.0.1:$C/_sim/stats" | sed -E 's/.*"due":([0-9]+).*/\1/'; }
# the server's own CPU time in clock ticks (utime + stime), when it runs here; 0 otherwise
server_ticks() { if [ -z "${BENCH_EXTERNAL:-}" ]; then awk '{print $14 + $15}' "/proc/${pids[0]}/stat"; else echo 0; fi; }
# path_args PATH: sets CONNECTIONS and ARGS (wrk's) for a path, from what prepare set up
path_args() {
  CONNECTIONS=32
  case $1 in
    velo-read) ARGS=(-H "Authorization: Bearer $VTOKEN" "http://127.0.0.1:$VELO/v1/payors/$PAYOR") ;;
    velo-payout) ARGS=(-s "$WORK/velo-payout.lua" "http://127.0.0.1:$VELO") ;;
    velo-payee) ARGS=(-s "$WORK/velo-payee.lua" "http://127.0.0.1:$VELO") ;;
    terminal-info) ARGS=(-s "$WORK/terminal-info.lua" "http://127.0.0.1:$TERMINAL/") ;;
    terminal-sale) CONNECTIONS=1; ARGS=(-s "$WORK/terminal-sale.lua" "http://127.0.0.1:$TERMINAL/") ;; # one payment at a time per terminal
    cloud-sale) ARGS=(-s "$WORK/cloud-sale.lua" "http://127.0.0.1:$CLOUD/v1") ;;
    qolo-card) ARGS=(-s "$WORK/qolo-card.lua" "http://127.0.0.1:$QOLO") ;;
    qolo-auth) ARGS=(-s "$WORK/qolo-auth.lua" "http://127.0.0.1:$C/_sim/qolo/cards/$PROXY/authorizations") ;;
    vendreo-request) ARGS=(-s "$WORK/vendreo-request.lua" "http://127.0.0.1:$VENDREO/v1/request-payment") ;;
    vendreo-status) ARGS=(-H 'Authorization: Bearer vendreo-secret-key' "http://127.0.0.1:$VENDREO/v1/payment/$VENDREO_UUID") ;;
    wiremock) ARGS=("http://127.0.0.1:$WIREMOCK_PORT/static") ;;
    *) echo "unknown path $1" >&2; exit 2 ;;
  esac
}

RUNS=0
# runs one path: a warm-up, the state reset again (the warm-up's data gone: a Qolo card warm-up filled
# two thirds of the heap, and its measure became one of full collections near the limit, 0.3-0.5 s
# each, which bench/capacity.sh is for), then the measure; prints "name  req/s  p50  p99  non-2xx
# server CPU per request  steal  due" (steal: the share of the machine's CPU time the hypervisor took
# meanwhile; due: the scheduled steps due when the measure ended, and the time the server took to run
# them, whose CPU the CPU per request includes)
run() {
  local path=$1 name=$1
  if [ "$path" = wiremock ]; then name=wiremock-static; wiremock_start; else prepare; fi
  path_args "$path"
  local threads=$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))
  RUNS=$((RUNS + 2))
  wrk -t"$threads" -c"$CONNECTIONS" -d"$WARMUP" "${ARGS[@]}" -- $((RUNS - 1)) >/dev/null 2>&1 || true
  [ "$path" = wiremock ] || { prepare; path_args "$path"; }
  local out before after cpu=-
  [ -z "${BENCH_JFR:-}" ] || { mkdir -p "$BENCH_JFR"; jcmd "${pids[0]}" JFR.start name="$name" settings=profile >/dev/null; }
  before=$(server_ticks); local machine_before; machine_before=$(machine_ticks)
  out=$(wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" --latency "${ARGS[@]}" -- "$RUNS" 2>&1) || { echo "$name: wrk failed: $out" >&2; return 0; }
  # work the requests left to the scheduler (a payout's validation) is theirs too: wait until no step is
  # due, and count its CPU (a payout answered at once while 11,298 validations waited 320 s once looked cheap)
  local due drained=0 t_drain; due=$(due_steps); t_drain=$(date +%s%N)
  if [ "$due" != 0 ] && [ "$name" != wiremock-static ]; then
    while [ "$(due_steps)" != 0 ] && [ $(( ($(date +%s%N) - t_drain) / 1000000000 )) -lt 900 ]; do sleep 0.2; done
    drained=$(( ($(date +%s%N) - t_drain) / 1000000 ))
  fi
  after=$(server_ticks); local steal; steal=$(steal_percent "$machine_before" "$(machine_ticks)")
  [ -z "${BENCH_JFR:-}" ] || jcmd "${pids[0]}" JFR.stop name="$name" filename="$(realpath "$BENCH_JFR")/$name.jfr" >/dev/null
  # CPU per request is what to compare between jars on these noisy machines (bench/cpu.sh); WireMock is not the server
  if [ -z "${BENCH_EXTERNAL:-}" ] && [ "$name" != wiremock-static ]; then
    cpu=$(awk -v t=$((after - before)) -v n="$(echo "$out" | awk '/requests in/ {print $1}')" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.3f ms", t * 1000 / hz / n}')
  fi
  printf '%-16s %10s req/s  p50 %-8s p99 %-8s non-2xx %-6s cpu/req %-9s steal %-6s due %s\n' "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0)" "$cpu" "$steal" "$due (done in ${drained} ms)"
}

paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(velo-read velo-payout velo-payee terminal-info terminal-sale cloud-sale qolo-card qolo-auth vendreo-request vendreo-status wiremock)
echo "== Standin per-provider benchmark ($(java -version 2>&1 | head -1); $(nproc) cores; wrk 2 threads; $DURATION after $WARMUP; journal on)"
for p in "${paths[@]}"; do
  run "$p"
done
