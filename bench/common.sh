# Sourced by every bench/ script from the repository's root: a JDK 21+, the jar (built when missing;
# BENCH_JAR names another, e.g. for an A/B run), and the JVM options run.sh uses.
# shellcheck source=../tools/find-jdk.sh
. tools/find-jdk.sh
JAR=${BENCH_JAR:-simulator/target/standin.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
JAVA_OPTS="-Xmx${STANDIN_MAX_HEAP:-512m} ${JAVA_OPTS:-$(cat tools/java-opts)}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

# velo_token BASE: an access token of the default scenario's Velo payor (its API key and secret) from BASE, e.g. http://127.0.0.1:8081
velo_token() {
  curl -fs -X POST -u 44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529 \
    "$1/v1/authenticate?grant_type=client_credentials" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# lua_post FILE BODY [LUA]: a wrk script that POSTs the JSON BODY, with LUA lines added (extra headers)
lua_post() {
  cat > "$1" <<EOF
wrk.method = "POST"
wrk.body = [[$2]]
wrk.headers["Content-Type"] = "application/json"
${3:-}
EOF
}

# the body of a Vendreo payment request of the default scenario's application
VENDREO_REQUEST='{"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","amount":1999,"payment_type":"SINGLE","redirect_url":"https://shop.example/done"}'

# "total steal" ticks of the machine's CPUs so far (/proc/stat); steal_percent BEFORE AFTER says what share
# of the CPU time between the two readings the hypervisor gave to other machines: one source of the noise
# between sittings, to rule in or out (a morning when the same jar's writes took up to three times the
# night's CPU per request read 0.1 to 1.3 %: a slower host, not time taken away)
machine_ticks() { awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $9}' /proc/stat; }
steal_percent() {
  awk -v b="$1" -v a="$2" 'BEGIN {split(b, x, " "); split(a, y, " "); d = y[1] - x[1];
    v = d > 0 ? (y[2] - x[2]) * 100 / d : 0; printf "%.1f %%", v}'
}

need_wrk() {
  command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
}

# healthy PORT: whether /_sim/health on PORT answers 200. Timing a start, the poll must not compete with
# the server for the two cores: a curl and a sleep process a hundred times a second added about 0.5 s
# to a 1.7 s start, so this asks through bash's /dev/tcp, and pause waits on a pipe nobody writes to.
healthy() {
  local status=
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 2 status <&3 || true
  exec 3<&-
  [[ $status == "HTTP/1.1 200"* ]]
}
exec 4<> <(:)
# pause SECONDS: sleep without starting a process
pause() { read -r -t "$1" -u 4 || true; }

# await_healthy PID LOG PORT [INTERVAL]: waits until the server answers /_sim/health on PORT, asking every
# INTERVAL seconds (default 0.05); shows LOG and fails if it exited
await_healthy() {
  until healthy "$3"; do
    kill -0 "$1" 2>/dev/null || { cat "$2" >&2; exit 1; }
    pause "${4:-0.05}"
  done
}

# bench_scenario FILE [SETTINGS]: the default tenants, with every asynchronous step instant (payouts, the
# terminal's customer) unless SETTINGS says otherwise, and a Qolo program (login qolo-bench, apikey
# qolo-bench-apikey) whose rate limit (by default 1,000 requests a second per token) does not cap the measure
bench_scenario() {
  cat > "$1" <<EOF
version: 1
name: bench
settings: ${2:-{instant: true\}}
seed:
  qolo:
    programs:
      - programGuid: 5e0c1a2b-0000-4000-8000-0000000bench
        name: Bench Program
        currency: USD
        rateLimit: {requests: 100000000, per: PT1S}
        logins:
          - {loginid: qolo-bench, apikey: qolo-bench-apikey}
EOF
}
