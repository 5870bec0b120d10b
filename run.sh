#!/usr/bin/env bash
# ./run.sh [options]   build the jar when needed, then start Standin (default: scenarios/default.yaml)
# ./run.sh test        run the whole test suite (unit, acceptance and the packaged-jar checks)
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=tools/find-jdk.sh
. tools/find-jdk.sh

JAR=simulator/target/standin.jar
# A small explicit heap with the serial collector (the live set is tiny; see bench/ for the figures),
# and a class-data archive created on first start that halves later start-ups.
JAVA_OPTS=${JAVA_OPTS:-$(cat tools/java-opts)}
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

# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$JAR" "$@"
