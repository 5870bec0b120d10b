# Sourced by run.sh and bench/run.sh after tools/find-jdk.sh, with JAR set: sets RUN_JAR and CACHE_OPTS.
#
# Start-up cache per jar *content*: the jar is copied once to simulator/target/jvm-cache/standin-<sha>.jar
# and that copy is what runs, so a rebuild that re-shades the same classes (./run.sh test after ./run.sh)
# keeps the cache valid, and a jar with other classes gets a new one instead of a silently unusable one
# ("shared class paths mismatch": the JVM checks the jar's size and time). On JDK 25 and newer it is an
# AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), on 21 to 24 a dynamic AppCDS
# archive. Without a cache the run trains it: the JVM writes it when the server stops (Ctrl-C or
# SIGTERM; an AOT cache takes some seconds to write, once per jar).
: "${JAR:?tools/jvm-cache.sh needs JAR}"
CACHE_DIR=simulator/target/jvm-cache
mkdir -p "$CACHE_DIR"
jar_sha=$(sha256sum "$JAR" | cut -c1-16)
RUN_JAR="$CACHE_DIR/standin-$jar_sha.jar"
if [ ! -f "$RUN_JAR" ]; then
  find "$CACHE_DIR" -maxdepth 1 -name 'standin-*' ! -name "standin-$jar_sha.*" -delete
  cp "$JAR" "$RUN_JAR.tmp" && mv "$RUN_JAR.tmp" "$RUN_JAR"
fi
jdk_major=$(java_major "$JAVA_HOME/bin/java")
if [ "$jdk_major" -ge 25 ]; then
  if [ -s "$CACHE_DIR/standin-$jar_sha.aot" ]; then
    CACHE_OPTS="-XX:AOTCache=$CACHE_DIR/standin-$jar_sha.aot"
    # the cache's classes, not its method profiles: replaying those compiled at start-up what the
    # training run found hot (its requests' code too), and on two cores the compiler threads took CPU
    # from the start itself (median start 1.18 -> 1.10 s, process CPU 2.13 -> 1.91 s). A diagnostic
    # option: a JDK without it would refuse to start, so it is asked for only where it answers.
    if [ "$jdk_major" -eq 25 ] \
        || "$JAVA_HOME/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -version >/dev/null 2>&1; then
      CACHE_OPTS="$CACHE_OPTS -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
    fi
  else
    # C1 only while training: the cache keeps the classes, and its method profiles are not replayed
    # (above), so C2 compiling during this start worked for nothing kept; it took a core for most of the
    # start (cold start to healthy 4.0 s -> 2.5 to 2.9 s, three alternating starts each). This one run
    # then runs C1's code for as long as it lasts: lower peak throughput until the next start.
    CACHE_OPTS="-XX:AOTCacheOutput=$CACHE_DIR/standin-$jar_sha.aot -XX:TieredStopAtLevel=1"
    CACHE_TRAINING=aot
  fi
else
  CACHE_OPTS="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$CACHE_DIR/standin-$jar_sha.jsa"
  [ -s "$CACHE_DIR/standin-$jar_sha.jsa" ] || CACHE_TRAINING=cds
fi
export RUN_JAR CACHE_OPTS
