#!/usr/bin/env bash
# ./run.sh [options]   build the jar when needed, then start Standin (default: scenarios/default.yaml)
# ./run.sh test        run the whole test suite (unit, acceptance and the packaged-jar checks)
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=tools/find-jdk.sh
. tools/find-jdk.sh

JAR=simulator/target/standin.jar
# A small explicit heap with the serial collector (the live set is tiny; see bench/ for the figures),
# and a start-up cache per jar content (tools/jvm-cache.sh), trained by the first run of each build.
# The heap's limit: STANDIN_MAX_HEAP (default 512m); writes answer 507 before it is reached.
JAVA_OPTS="-Xmx${STANDIN_MAX_HEAP:-512m} ${JAVA_OPTS:-$(cat tools/java-opts)}"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

if [ "${1:-}" = "test" ]; then
  shift
  exec ./mvnw -B verify "$@"
fi

stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find pom.xml simulator/pom.xml simulator/src/main scenarios openapi -newer "$JAR" -type f 2>/dev/null | head -1)" ]
}
if stale; then
  echo "run.sh: building $JAR" >&2
  ./mvnw -B -q package -DskipTests
fi

if [ "${1:-}" = "ctl" ] || [ "${1:-}" = "--help" ]; then
  exec java -jar "$JAR" "$@"   # a client command: no server start to cache
fi
# shellcheck source=tools/jvm-cache.sh
. tools/jvm-cache.sh
if [ -n "${CACHE_TRAINING:-}" ]; then
  echo "run.sh: the first run of this build trains its start-up cache; the JVM writes it when the server stops" >&2
  [ "$CACHE_TRAINING" != aot ] || echo "run.sh: this run compiles with C1 only (a faster start, slower under load); the next runs do not" >&2
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS $CACHE_OPTS -jar "$RUN_JAR" "$@"
