#!/usr/bin/env bash
# tools/cluster-smoke.sh   starts tools/cluster.sh (PostgreSQL, two instances, HAProxy) on port offset 3000 and
#                          drives a Velo payout through the balancer only: a token, the payout, a clock advance
#                          and the payout's status, each request landing on either instance; then checks that
#                          the merged request journal names both instances. Exit 0 when all held.
# Run by .ci/run after the suite on PostgreSQL; needs the packaged jar, postgresql and haproxy.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
chmod 755 "$dir" # the PostgreSQL cluster under it runs as the postgres user
trap 'tools/cluster.sh stop "$dir"; rm -rf "$dir"' EXIT
export CLUSTER_OFFSET=3000
tools/cluster.sh start "$dir" --clock manual --start-time 2026-01-01T00:00:00Z
control=http://127.0.0.1:11080
velo=http://127.0.0.1:11081
payor=c66a1b03-23e2-4fa8-9197-840f98f8d205
fail() { echo "cluster-smoke: $*" >&2; tail -20 "$dir"/standin-*.log >&2; exit 1; }
token=$(curl -fsS -X POST -u 44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529 \
  "$velo/v1/authenticate?grant_type=client_credentials" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || fail "no token"
payout=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"payorId\":\"$payor\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}" \
  "$velo/v3/payouts" | sed -E 's/.*"payoutId":"([^"]+)".*/\1/')
[ -n "$payout" ] || fail "no payout"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"by":"PT5S"}' "$control/_sim/clock/advance" >/dev/null
for _ in 1 2 3 4; do # four reads: round-robin puts them on both instances
  status=$(curl -fsS -H "Authorization: Bearer $token" "$velo/v3/payouts/$payout" | sed -E 's/.*"status":"([A-Z_]+)".*/\1/')
  [ "$status" = ACCEPTED ] || fail "payout $payout is $status on one instance, not ACCEPTED"
done
instances=$(curl -fsS "$control/_sim/requests?provider=velo&limit=50" | grep -o '"instance":[0-9]*' | sort -u | wc -l)
[ "$instances" = 2 ] || fail "the merged journal names $instances instance(s), not 2"
echo "cluster-smoke: a payout journey through HAProxy over two instances on one PostgreSQL held (the journal names both)"
