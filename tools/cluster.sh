#!/usr/bin/env bash
# tools/cluster.sh start DIR [standin options...]   PostgreSQL, two Standin instances on it and HAProxy in front
# tools/cluster.sh stop DIR
#
# The command-list equivalent of docker-compose.yml, for a machine without Docker (and for bench/cluster.sh):
#   - PostgreSQL: $STANDIN_DATABASE when set (the database must exist), else a throwaway cluster under DIR/pg
#     (tools/postgres.sh: Debian's postgresql package; its database "postgres", user "postgres");
#   - two instances of simulator/target/standin.jar on that database, on port offsets
#     CLUSTER_OFFSET+1000 and CLUSTER_OFFSET+2000 (each instance's own ports, e.g. for its terminals);
#   - HAProxy (Debian's haproxy package) on the usual ports shifted by CLUSTER_OFFSET (default 0): control
#     8080, Velo 8081, Vendreo 8082, Qolo 8083, VelaPay Cloud 8084, each balanced round-robin per request
#     over both instances, with a health check on each instance's /_sim/health.
# Terminals are simulated hardware held by one process: reach them on one instance's own ports.
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:?start or stop}
dir=${2:?a directory}
shift 2
case "$cmd" in
  stop)
    [ -f "$dir/haproxy.pid" ] && kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    for pid in "$dir"/standin-*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
    [ -d "$dir/pg" ] && tools/postgres.sh stop "$dir/pg"
    rm -f "$dir"/*.pid
    exit 0
    ;;
  start) ;;
  *) echo "cluster.sh: start or stop" >&2; exit 2 ;;
esac
command -v haproxy >/dev/null || { echo "cluster.sh: HAProxy is needed (apt-get install haproxy)" >&2; exit 3; }
. tools/find-jdk.sh
jar=${CLUSTER_JAR:-simulator/target/standin.jar}
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
offset=${CLUSTER_OFFSET:-0}
mkdir -p "$dir"
db=()
if [ -n "${STANDIN_DATABASE:-}" ]; then
  url=$STANDIN_DATABASE # its user and password as options after DIR: --database-user U --database-password P
else
  url="$(tools/postgres.sh start "$dir/pg" | tail -1)postgres"
  db=(--database-user postgres)
fi
# shellcheck disable=SC2206
java_opts=(-Xmx${STANDIN_MAX_HEAP:-512m} ${JAVA_OPTS:-$(cat tools/java-opts)})
for name in a b; do
  [ "$name" = a ] && o=$((offset + 1000)) || o=$((offset + 2000))
  java "${java_opts[@]}" -jar "$jar" --port-offset "$o" --database "$url" "${db[@]}" "$@" >"$dir/standin-$name.log" 2>&1 &
  echo $! >"$dir/standin-$name.pid"
  # one at a time: the first migrates the database, the second finds it migrated
  until curl -fs "http://127.0.0.1:$((8080 + o))/_sim/health" >/dev/null 2>&1; do
    kill -0 "$(cat "$dir/standin-$name.pid")" 2>/dev/null || { cat "$dir/standin-$name.log" >&2; exit 1; }
    sleep 0.1
  done
done
{
  cat <<CFG
global
  maxconn 8000
defaults
  mode http
  timeout connect 5s
  timeout client 120s
  timeout server 120s
  option http-keep-alive
CFG
  for entry in control:8080 velo:8081 vendreo:8082 qolo:8083 cloud:8084; do
    name=${entry%%:*}; port=${entry##*:}
    cat <<CFG
frontend $name
  bind 127.0.0.1:$((port + offset))
  default_backend $name
backend $name
  balance roundrobin
  option httpchk GET /_sim/health
  server a 127.0.0.1:$((port + offset + 1000)) check port $((8080 + offset + 1000)) inter 2s
  server b 127.0.0.1:$((port + offset + 2000)) check port $((8080 + offset + 2000)) inter 2s
CFG
  done
} >"$dir/haproxy.cfg"
haproxy -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" -D
until curl -fs "http://127.0.0.1:$((8080 + offset))/_sim/health" >/dev/null 2>&1; do sleep 0.1; done
echo "cluster up: database $url; instances a (offset $((offset + 1000))) and b (offset $((offset + 2000))); HAProxy on $((8080 + offset))-$((8084 + offset)); logs in $dir"
