#!/usr/bin/env bash
# Velo benchmarks, against the packaged jar with the JVM options run.sh uses:
#  1. a 2,000-payment payout, timed from submit until GET /v3/payouts/{id} (polled every 50 ms) says ACCEPTED, with the
#     lifecycle made instant by a scenario (settings.instant: true); five runs;
#  2. GET /v1/payees filtered (onboardedStatus, displayName) and sorted (email:desc), page size 25,
#     over 10,000 payees created through POST /v2/payees, once all are screened: wrk for 15 s at 1, 4 and
#     32 connections after a 15 s warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
command -v python3 >/dev/null || { echo "bench: python3 is needed to build the request bodies" >&2; exit 1; }
OFFSET=${BENCH_PORT_OFFSET:-1000}
C=http://127.0.0.1:$((8080 + OFFSET)); V=http://127.0.0.1:$((8081 + OFFSET))
PAYOR=c66a1b03-23e2-4fa8-9197-840f98f8d205
work=$(mktemp -d)

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "$C/_sim/health" >/dev/null 2>&1; do kill -0 $pid || { cat "$work/server.log"; exit 1; }; sleep 0.05; done
curl -fs -X POST --data-binary $'version: 1\nname: instant\nsettings: {instant: true}\n' -H 'Content-Type: application/yaml' "$C/_sim/scenarios" >/dev/null
token=$(velo_token "$V")
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

python3 - "$work" "$PAYOR" <<'PY'
import json, sys
work, payor = sys.argv[1], sys.argv[2]
remotes = ["myRemoteId01", "myRemoteId02", "myRemoteId03", "myRemoteId04"]
for run in range(5):
    payments = [{"remoteId": remotes[i % 4], "currency": "USD", "amount": 100 + i, "sourceAccountName": "PAYOR_SRC_ACCT",
                 "payorPaymentId": f"bench-{run}-{i}"} for i in range(2000)]
    json.dump({"payorId": payor, "payments": payments}, open(f"{work}/payout{run}.json", "w"))
first = ["Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal"]
for b in range(5):
    payees = []
    for i in range(2000):
        n = b * 2000 + i
        payees.append({"type": "Individual", "remoteId": f"bench-{n}", "email": f"bench{n}@example.com",
                       "address": {"line1": f"{n} Bench Road", "city": "Austin", "zipOrPostcode": "73301", "country": "US"},
                       "individual": {"name": {"firstName": first[n % 8], "lastName": f"Payee{n:05d}"}, "dateOfBirth": "1980-01-01"}})
    json.dump({"payorId": payor, "payees": payees}, open(f"{work}/payees{b}.json", "w"))
PY

echo "== 2,000-payment payout, submit to ACCEPTED (instant lifecycle)"
times=()
for run in 0 1 2 3 4; do
  start=$(date +%s%N)
  id=$(curl -fs "${auth[@]}" --data-binary @"$work/payout$run.json" "$V/v3/payouts" | sed -E 's/.*"payoutId":"([^"]+)".*/\1/')
  until curl -fs "${auth[@]}" "$V/v3/payouts/$id" | grep -q '"status":"ACCEPTED"'; do sleep 0.05; done
  ms=$(( ($(date +%s%N) - start) / 1000000 )); times+=("$ms")
  accepted=$(curl -fs "${auth[@]}" "$V/v3/payouts/$id" | sed -E 's/.*"paymentsAccepted":([0-9]+).*/\1/')
  echo "run $((run + 1)): ${ms} ms (paymentsAccepted $accepted)"
done

echo "== 10,000 payees"
start=$(date +%s%N)
for b in 0 1 2 3 4; do curl -fs "${auth[@]}" --data-binary @"$work/payees$b.json" "$V/v2/payees" -o /dev/null; done
until [ "$(curl -fs "${auth[@]}" "$V/v1/payees?pageSize=1" | sed -E 's/.*"totalPayeesCount":([0-9]+).*/\1/')" -ge 10010 ]; do sleep 0.05; done
echo "created through 5 batches of 2,000 in $(( ($(date +%s%N) - start) / 1000000 )) ms"
# measure the steady state: every OFAC screening done (each one changes a payee)
until [ "$(curl -fs "${auth[@]}" "$V/v1/payees?ofacStatus=PENDING&pageSize=1" | sed -E 's/.*"totalElements":([0-9]+).*/\1/')" = 0 ]; do sleep 0.1; done
echo "all screened after $(( ($(date +%s%N) - start) / 1000000 )) ms"
url="$V/v1/payees?onboardedStatus=INVITED&displayName=payee0&sort=email:desc&pageSize=25"
curl -fs "${auth[@]}" "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("filtered list: totalElements", d["page"]["totalElements"], "of", d["summary"]["totalPayeesCount"])'
wrk -t2 -c32 -d15s -H "Authorization: Bearer $token" "$url" >/dev/null
for c in 1 4 32; do
  out=$(wrk -t$(( c < 2 ? 1 : 2 )) -c$c -d15s --latency -H "Authorization: Bearer $token" "$url")
  echo "GET /v1/payees (filter + sort), $c connections: $(echo "$out" | awk '/Requests\/sec/ {print $2}') requests/s, p50 $(echo "$out" | awk '$1 == "50%" {print $2}'), p99 $(echo "$out" | awk '$1 == "99%" {print $2}'), non-2xx $(echo "$out" | awk '/Non-2xx/ {print $NF}')"
done
