#!/usr/bin/env bash
# tools/postgres.sh start DIR [PORT]   a throwaway PostgreSQL cluster under DIR on 127.0.0.1:PORT (default
#                                      a free port), trusting local connections; prints its JDBC base URL
#                                      (jdbc:postgresql://127.0.0.1:PORT/) on the last line
# tools/postgres.sh stop DIR
# Needs Debian's postgresql package (its server binaries under /usr/lib/postgresql/<version>/bin). As
# root, the cluster runs as the postgres user (initdb refuses root).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    port=${3:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U postgres -A trust >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # a test cluster: no fsync (nothing here must survive the machine), room for several servers' pools
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "jdbc:postgresql://127.0.0.1:$port/"
    ;;
  stop)
    as "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "postgres.sh: start or stop" >&2; exit 2 ;;
esac
