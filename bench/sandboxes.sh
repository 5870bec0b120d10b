#!/usr/bin/env bash
# Sandboxes: creates SANDBOXES sandboxes (default 500, after WARM=50 not counted) of the default scenario one after another on the
# packaged jar with run.sh's JVM options, and reports the creation time per sandbox (median and p95 of
# the control API's answer time) and the resident memory per sandbox (RSS after a full GC, before and
# after, divided by the count), then the time each removal takes and the state left after deleting them all.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
OFFSET=${BENCH_PORT_OFFSET:-1000}
N=${SANDBOXES:-500}
C=http://127.0.0.1:$((8080 + OFFSET))
work=$(mktemp -d)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port-offset "$OFFSET" --clock manual >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "$C/_sim/health" >/dev/null 2>&1; do kill -0 $pid || { cat "$work/server.log"; exit 1; }; sleep 0.05; done
rss() { "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null; sleep 0.5; awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# the old generation right after a full GC: the live heap, which (unlike the RSS) shrinks when sandboxes go
live() { "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null; "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | awk '/Tenured|ParOldGen/ {for (i=1;i<=NF;i++) if ($i=="used") {sub("K,?","",$(i+1)); print int($(i+1)/1024); exit}}'; }
threads() { ls "/proc/$pid/task" | wc -l; }
create() { # create COUNT TIMES_FILE: COUNT sandboxes, their answer times in TIMES_FILE
  for _ in $(seq 1 "$1"); do
    curl -s -o "$work/last.json" -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
      -d '{"scenarios":["default"],"clock":{"mode":"manual"}}' "$C/_sim/sandboxes" >> "$2"
    { sed -E 's/.*"id":"([^"]+)".*"controlToken":"([^"]+)".*/\1 \2/' "$work/last.json"; echo; } >> "$work/boxes"
  done
}
# WARM sandboxes first (default 50), not counted: the JIT's compiled code and the first database's
# fixed structures are the server's, not each sandbox's (they stay)
create "${WARM:-50}" /dev/null
before=$(rss); threads_before=$(threads); live_before=$(live)
: > "$work/times"
create "$N" "$work/times"
after=$(rss); threads_after=$(threads); live_after=$(live)
grep -q '"controlToken"' "$work/last.json" || { echo "the last creation failed: $(cat "$work/last.json")" >&2; exit 1; }
sort -n "$work/times" | awk -v n="$N" '{t[NR]=$1} END {printf "creation: median %.1f ms, p95 %.1f ms over %d sandboxes\n", t[int(n/2)+1]*1000, t[int(n*0.95)]*1000, n}'
echo "RSS: $((before / 1024)) MB before, $((after / 1024)) MB after $N sandboxes: $(( (after - before) / N )) KB each"
awk -v b="$threads_before" -v a="$threads_after" -v n="$N" 'BEGIN {printf "threads: %d before, %d after: %.2f each\n", b, a, (a - b) / n}'
: > "$work/removals"
removal_start=$(date +%s.%N)
while read -r id token; do
  [ -n "$id" ] || continue
  curl -s -o /dev/null -w '%{time_total}\n' -X DELETE -H "Authorization: Bearer $token" "$C/_sim/sandboxes/$id" >> "$work/removals"
done < "$work/boxes"
removal_end=$(date +%s.%N)
# removals in creation order: the first ones run with every other sandbox still there
head -n 50 "$work/removals" | sort -n | awk '{t[NR]=$1} END {printf "removal: median %.1f ms of the first 50 (the other sandboxes still there), ", t[int(NR/2)+1]*1000}'
awk -v s="$removal_start" -v e="$removal_end" -v n="$N" 'BEGIN {printf "%.1f s for all %d\n", e - s, n}'
left=$(curl -s "$C/_sim/sandboxes" | sed -E 's/.*"count":([0-9]+).*/\1/')
sleep "${SETTLE:-65}" # idle pool threads end after 60 s
removed=$(rss)
echo "live heap: $live_before MB before, $live_after MB with $N sandboxes, $(live) MB after deleting them"
echo "after deleting them all: $left sandboxes left, $((removed / 1024)) MB RSS (the JVM keeps the heap it grew), $(threads) threads"
