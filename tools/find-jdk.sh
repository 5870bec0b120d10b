# Sourced by run.sh and bench/run.sh: sets JAVA_HOME to a JDK 21 or newer, looking at JAVA_HOME,
# then java on PATH, then /usr/lib/jvm/*; stops with a clear message when there is none.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      major=$(java_major "$home/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        echo "$home"
        return 0
      fi
    fi
  done
  return 1
}
if ! JAVA_HOME=$(find_jdk); then
  echo "Standin needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
