#!/usr/bin/env bash
# Router benchmark: four demo subgraphs (accounts, inventory, products, reviews; Java, static data, loopback),
# the router jar in front of them, wrk driving a deeply nested query at fixed concurrency for a fixed time.
#
#   scripts/bench-router.sh [--overhead] [--dedup] [--edge-off] [--router-args ARGS] [--duration S] [--warmup S] [--connections N] [--no-build]
#   scripts/bench-router.sh --pipeline [--duration S] [--no-build]
#
# Prints one line for the heavy query:
#   bench=heavy rps=.. p50_ms=.. p99_ms=.. errors=.. router_peak_rss_mb=.. router_cpu_ms_per_request=.. connections=.. duration_s=..
# (router_cpu_ms_per_request: the router's user+system CPU during the measurement divided by the requests served,
# a figure that other load on the machine barely moves; requests/s does move)
# and with --overhead, two more for a one-subgraph query (one connection) through the router and straight to the
# subgraph, and the router's own p50 overhead:
#   bench=one-subgraph via=router|direct rps=.. p50_ms=.. p99_ms=..      overhead_p50_ms=..
# and with --pipeline only the router's own work without HTTP (PipelineBench: subgraph answers replayed in
# process, the loop's CPU time, GC time and bytes allocated per heavy request; allocation is exact, CPU barely
# moves with the machine's load):
#   bench=pipeline requests=.. cpu_us_per_request=.. gc_us_per_request=.. allocated_kb_per_request=..
#
# Layout on a machine with >= 2 cores: router on core 1 (BENCH_ROUTER_CPUS), subgraphs and wrk on core 0
# (BENCH_SIDE_CPUS) - the same layout as ../shared/peer-bench. Router JVM flags: ROUTER_JAVA_OPTS (default: the
# flags bff-router/README.md recommends). JDK: $JAVA (default $JAVA_HOME/bin/java, else
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java); router jar: ROUTER_JAR (default bff-router/target/bff-router.jar). Needs wrk, taskset, curl and Maven (for the build and classpath).
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MOD=$ROOT/bff-router
JAR=${ROUTER_JAR:-$MOD/target/bff-router.jar}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROUTER_JAVA_OPTS=${ROUTER_JAVA_OPTS:--XX:+UseSerialGC -Xms160m -Xmx160m -Xmn112m}
PORT=${BENCH_PORT:-4600}
SG_PORT=${BENCH_SUBGRAPH_PORT:-4610}
DURATION=30; WARMUP=10; CONNS=50; OVERHEAD=0; BUILD=1; ROUTER_ARGS=""; PIPELINE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --overhead) OVERHEAD=1 ;;
    --pipeline) PIPELINE=1 ;;
    --dedup) ROUTER_ARGS="$ROUTER_ARGS --dedup-requests" ;;   # inbound request deduplication (off by default)
    --edge-off) ROUTER_ARGS="$ROUTER_ARGS --compression false --request-decompression false --apq false --cost-max 0 --authz false --cache-control false --graphiql false --landing-page false" ;;  # the public-endpoint features off
    --router-args) ROUTER_ARGS="$ROUTER_ARGS $2"; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    --no-build) BUILD=0 ;;
    *) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
if [[ $(nproc) -ge 2 ]]; then ROUTER_CPUS=${BENCH_ROUTER_CPUS:-1}; SIDE_CPUS=${BENCH_SIDE_CPUS:-0}
else ROUTER_CPUS=${BENCH_ROUTER_CPUS:-0}; SIDE_CPUS=${BENCH_SIDE_CPUS:-0}; fi
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
command -v wrk >/dev/null || { log "wrk is not installed"; exit 1; }

WORK=$(mktemp -d /tmp/bench-router.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

if [[ $BUILD == 1 || ! -f $MOD/target/bff-router.jar || ! -d $MOD/target/test-classes ]]; then
  log "building (mvn verify -DskipTests)"
  mvn -B -ntp -q -f "$MOD/pom.xml" verify -DskipTests >&2
fi
if [[ ! -s $MOD/target/bench.classpath || $MOD/pom.xml -nt $MOD/target/bench.classpath ]]; then
  mvn -B -ntp -q -f "$MOD/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$MOD/target/bench.classpath" >&2
fi
CP=$MOD/target/test-classes:$MOD/target/classes:$(cat "$MOD/target/bench.classpath")

if [[ $PIPELINE == 1 ]]; then
  # shellcheck disable=SC2086
  taskset -c "$ROUTER_CPUS" "$JAVA" $ROUTER_JAVA_OPTS -cp "$CP" com.shopbff.router.bench.PipelineBench \
    "$SG_PORT" "$WORK" "$DURATION" 2>"$WORK/pipeline.log" | grep '^bench=' || { cat "$WORK/pipeline.log" >&2; exit 1; }
  exit 0
fi

taskset -c "$SIDE_CPUS" "$JAVA" -Xmx256m -XX:+UseSerialGC -cp "$CP" com.shopbff.router.bench.RouterBench \
  subgraphs "$SG_PORT" "$WORK" >"$WORK/subgraphs.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 600); do grep -q ready "$WORK/subgraphs.log" 2>/dev/null && break; sleep 0.1; done   # up to 60 s: a loaded machine starts the JVM slowly
grep -q ready "$WORK/subgraphs.log" || { log "subgraphs did not start"; cat "$WORK/subgraphs.log" >&2; exit 1; }

# shellcheck disable=SC2086
taskset -c "$ROUTER_CPUS" "$JAVA" $ROUTER_JAVA_OPTS -jar "$JAR" \
  --supergraph "$WORK/supergraph.graphql" --port "$PORT" $ROUTER_ARGS >"$WORK/router.log" 2>&1 &
ROUTER=$!
PIDS=("$ROUTER" "${PIDS[@]}")
for i in $(seq 1 200); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]] && break; sleep 0.1
done
log "router ready (pid $ROUTER, cpu $ROUTER_CPUS, flags: $ROUTER_JAVA_OPTS)"
"$JAVA" -cp "$CP" com.shopbff.router.bench.RouterBench check "http://127.0.0.1:$PORT/graphql" "$WORK/heavy.json" >&2 \
  || { log "the router's response differs from the expected one"; exit 1; }
MIN=$(( $(stat -c %s "$WORK/heavy-expected.json") * 95 / 100 ))

run_wrk() { # url body seconds connections threads -> RESULT line
  BENCH_BODY=$2 BENCH_MIN_BYTES=$6 taskset -c "$SIDE_CPUS" wrk -t"$5" -c"$4" -d"$3"s --timeout 10s --latency \
    -s "$ROOT/scripts/bench/post.lua" "$1" | grep '^RESULT'
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

log "heavy query: warm-up ${WARMUP}s, then ${DURATION}s at $CONNS connections"
run_wrk "http://127.0.0.1:$PORT/graphql" "$WORK/heavy.json" "$WARMUP" "$CONNS" 2 "$MIN" >/dev/null
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$ROUTER/stat"; }   # utime + stime of the router, in clock ticks
T0=$(cpu_ticks)
R=$(run_wrk "http://127.0.0.1:$PORT/graphql" "$WORK/heavy.json" "$DURATION" "$CONNS" 2 "$MIN")
T1=$(cpu_ticks)
# the router's CPU per request: unlike requests/s it hardly moves when other processes compete for the cores
CPU_MS=$(awk -v t=$((T1 - T0)) -v hz="$(getconf CLK_TCK)" -v n="$(field "$R" requests)" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')
ERR=$(( $(field "$R" non2xx) + $(field "$R" sockerr) + $(field "$R" errbody) + $(field "$R" short) ))
"$JAVA" -cp "$CP" com.shopbff.router.bench.RouterBench check "http://127.0.0.1:$PORT/graphql" "$WORK/heavy.json" >&2 \
  || ERR=$((ERR + 1))
RSS=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$ROUTER/status")
echo "bench=heavy rps=$(field "$R" rps) p50_ms=$(ms "$(field "$R" p50_us)") p99_ms=$(ms "$(field "$R" p99_us)") errors=$ERR router_peak_rss_mb=$RSS router_cpu_ms_per_request=$CPU_MS connections=$CONNS duration_s=$DURATION"

if [[ $OVERHEAD == 1 ]]; then
  log "one-subgraph query, 1 connection: through the router and straight to the products subgraph"
  D=$(( DURATION < 20 ? DURATION : 20 ))
  run_wrk "http://127.0.0.1:$PORT/graphql" "$WORK/one.json" 5 1 1 0 >/dev/null
  run_wrk "http://127.0.0.1:$SG_PORT/products" "$WORK/one-direct.json" 5 1 1 0 >/dev/null
  A=$(run_wrk "http://127.0.0.1:$PORT/graphql" "$WORK/one.json" "$D" 1 1 0)
  B=$(run_wrk "http://127.0.0.1:$SG_PORT/products" "$WORK/one-direct.json" "$D" 1 1 0)
  echo "bench=one-subgraph via=router rps=$(field "$A" rps) p50_ms=$(ms "$(field "$A" p50_us)") p99_ms=$(ms "$(field "$A" p99_us)") errors=$(( $(field "$A" non2xx) + $(field "$A" sockerr) + $(field "$A" errbody) ))"
  echo "bench=one-subgraph via=direct rps=$(field "$B" rps) p50_ms=$(ms "$(field "$B" p50_us)") p99_ms=$(ms "$(field "$B" p99_us)") errors=$(( $(field "$B" non2xx) + $(field "$B" sockerr) + $(field "$B" errbody) ))"
  echo "overhead_p50_ms=$(ms $(( $(field "$A" p50_us) - $(field "$B" p50_us) )))"
fi
