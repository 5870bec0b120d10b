# Standin in a container. Build:  docker build -t standin .
# Run:    docker run --rm -p 8080-8084:8080-8084 -p 7501:7501 standin [options]
# Options pass through as arguments or STANDIN_* variables (e.g. -e STANDIN_CLOCK=manual).

# --- build: the wrapper pins Maven; `verify` runs the same tests as CI, then keeps the jar they tested
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY simulator simulator
COPY standin-junit5 standin-junit5
COPY standin-testcontainers standin-testcontainers
COPY examples examples
COPY scenarios scenarios
COPY openapi openapi
RUN ./mvnw -B -pl simulator verify

# --- run: a JRE, a non-root user, the jar and the scenarios
FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin standin \
 && mkdir -p /data && chown standin /data
WORKDIR /app
COPY --from=build /src/simulator/target/standin.jar /app/standin.jar
COPY scenarios /app/scenarios
# A class-data archive from one training start halves every later start-up. The training start is
# bounded: a server that dies or never becomes healthy within 60 s fails the build instead of looping.
RUN java -XX:ArchiveClassesAtExit=/app/standin.jsa -jar /app/standin.jar --port-offset 20000 & pid=$!; \
    tries=0; \
    until curl -fs http://127.0.0.1:28080/_sim/health >/dev/null; do \
      kill -0 $pid 2>/dev/null || { echo "training start died" >&2; exit 1; }; \
      tries=$((tries + 1)); [ $tries -le 300 ] || { echo "training start not healthy in 60 s" >&2; kill -9 $pid; exit 1; }; \
      sleep 0.2; \
    done; \
    kill $pid; wait $pid || true; test -s /app/standin.jsa
USER standin
# Requests from the host reach a container from its bridge network: terminals count the private
# networks as their local network (no HMAC signature needed), as they count loopback outside one.
# The server writes the ports it bound to STANDIN_PORTS_FILE, which the health check reads, so it
# follows --port-control, --port-offset and port 0 alike.
ENV MALLOC_ARENA_MAX=2 \
    STANDIN_MAX_HEAP=512m \
    JAVA_OPTS="-Xms96m -XX:+UseParallelGC -XX:MaxNewSize=64m -XX:SharedArchiveFile=/app/standin.jsa" \
    STANDIN_TERMINAL_TRUSTED_NETWORKS="127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7" \
    STANDIN_PORTS_FILE=/tmp/standin.ports
EXPOSE 8080 8081 8082 8083 8084 7501
HEALTHCHECK --interval=5s --timeout=2s --start-period=15s --retries=3 \
  CMD port=$(sed -n 's/^control=//p' "$STANDIN_PORTS_FILE" 2>/dev/null); \
      curl -fsS "http://127.0.0.1:${port:-8080}/_sim/health" || exit 1
# The built-in default scenario always loads (unless --no-default-scenario); --scenario files add to
# it, e.g. --scenario /scenarios/mine.yaml with a mounted folder.
ENTRYPOINT ["sh", "-c", "exec java -Xmx$STANDIN_MAX_HEAP $JAVA_OPTS -jar /app/standin.jar \"$@\"", "standin"]
