#!/usr/bin/env bash
# Two-instance benchmark, in one run: the same paths (bench/providers.sh, wrk 2 threads, 32 connections)
# against one instance on H2, one instance on PostgreSQL, and two instances on PostgreSQL behind HAProxy
# (tools/cluster.sh), then each one's throughput as a ratio to one instance on H2. Every part (wrk, the
# JVMs, PostgreSQL, HAProxy) shares this machine's cores: the ratios say what a second instance costs or
# gives here, not on a machine of its own. PostgreSQL is the throwaway cluster of tools/postgres.sh
# (fsync off, as for tests).
#
#   bench/cluster.sh [path ...]      default: velo-read velo-payout velo-payee qolo-card vendreo-request vendreo-status
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
need_wrk
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(velo-read velo-payout velo-payee qolo-card vendreo-request vendreo-status)
OFFSET=${BENCH_PORT_OFFSET:-1100}
WORK=$(mktemp -d)
chmod 755 "$WORK" # the PostgreSQL cluster under it runs as the postgres user
trap 'tools/cluster.sh stop "$WORK/cluster" >/dev/null 2>&1 || true; tools/postgres.sh stop "$WORK/pg" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
bench_scenario "$WORK/bench.yaml"
export BENCH_PORT_OFFSET=$OFFSET

echo "== one instance, H2"
bench/providers.sh "${paths[@]}" | tee "$WORK/h2.txt"

echo "== one instance, PostgreSQL"
url="$(tools/postgres.sh start "$WORK/pg" | tail -1)postgres"
BENCH_ARGS="--database $url --database-user postgres" bench/providers.sh "${paths[@]}" | tee "$WORK/pg.txt"
tools/postgres.sh stop "$WORK/pg"

echo "== two instances, PostgreSQL, HAProxy"
CLUSTER_OFFSET=$OFFSET CLUSTER_JAR=$JAR tools/cluster.sh start "$WORK/cluster" --scenario "$WORK/bench.yaml"
BENCH_EXTERNAL=1 bench/providers.sh "${paths[@]}" | tee "$WORK/two.txt"
tools/cluster.sh stop "$WORK/cluster"

echo
echo "== req/s, and as a ratio to one instance on H2"
printf '%-16s %10s %10s %10s %8s %8s\n' path H2 PG 2xPG PG/H2 2xPG/H2
awk 'FNR == 1 { f++ } /req\/s/ { v[f, $1] = $2; names[$1] = 1; order[++n] = $1 }
     END {
       for (i = 1; i <= n; i++) {
         p = order[i]; if (seen[p]++) continue
         h = v[1, p]; g = v[2, p]; t = v[3, p]
         printf "%-16s %10.0f %10.0f %10.0f %8.2f %8.2f\n", p, h, g, t, (h ? g / h : 0), (h ? t / h : 0)
       }
     }' "$WORK/h2.txt" "$WORK/pg.txt" "$WORK/two.txt"
