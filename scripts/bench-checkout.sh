#!/usr/bin/env bash
# Checkout benchmark (not a test): starts the embedded stack in one JVM (all five subgraphs + router, in-memory
# MongoDB-wire server, real Kafka broker), then through the router measures
#   1. confirmed checkouts per second end to end (addToCart + checkout per order, timed until all CONFIRMED), and
#   2. at a steady rate (default 10 checkouts/s), the latency from a status change (the event's `at`) to its arrival
#      at a subscribed graphql-transport-ws client: p50/p90/p99/max.
# Needs the modules installed first (mvn -B -ntp -q install -DskipTests).
#   scripts/bench-checkout.sh                        defaults: warm-up rounds of 300 orders until the rate stops
#                                                    rising, then 1200 orders by 24 clients; 10/s for 30 s
#   BENCH_ORDERS=1000 BENCH_CONCURRENCY=32 BENCH_RATE=10 BENCH_SECONDS=60 scripts/bench-checkout.sh
# Env: BENCH_JAVA_OPTS (default -Xmx2g -XX:+UseParallelGC, like ./run.sh), BENCH_WARMUP (orders a round),
# BENCH_WARMUP_ROUNDS (30 at most),
# BENCH_PRODUCTS (1: everyone buys one product, the hot-spot case).
# Against the process cluster instead of an embedded stack: scripts/cluster.sh up, then
#   BENCH_TARGET=cluster scripts/bench-checkout.sh     (through its load balancer; the figures are the cluster's)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh

mvn -q -B -ntp -pl system-tests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="system-tests/target/test-classes:$(cat system-tests/target/bench-classpath.txt)"
target=()
if [ "${BENCH_TARGET:-}" = cluster ]; then
  eval "$(scripts/cluster.sh env | sed 's/^/local_/')"
  curl -sf -o /dev/null "${local_ROUTER_URL%/graphql}/health" || { echo "the cluster is not up (scripts/cluster.sh up)" >&2; exit 1; }
  target=(-Dbench.url="$local_ROUTER_URL" -Dbench.mongodb.uri="$local_MONGODB_URI" -Dbench.admin.email="$local_ADMIN_EMAIL"
          -Dbench.admin.password="$local_ADMIN_PASSWORD" -Dbench.catalog.url="$local_CATALOG_URL")
fi
log=$(mktemp /tmp/bench-checkout.XXXXXX.log)
echo "benchmark log (stack output): $log"
set +e
"$JAVA" ${BENCH_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC} -cp "$cp" \
  -Dshop.supergraph=schema/supergraph.graphql \
  -Dbench.orders="${BENCH_ORDERS:-1200}" -Dbench.warmup="${BENCH_WARMUP:-300}" \
  -Dbench.warmup.rounds="${BENCH_WARMUP_ROUNDS:-30}" -Dbench.concurrency="${BENCH_CONCURRENCY:-24}" \
  -Dbench.products="${BENCH_PRODUCTS:-1}" \
  -Dbench.rate="${BENCH_RATE:-10}" -Dbench.seconds="${BENCH_SECONDS:-30}" "${target[@]}" \
  com.shopbff.system.CheckoutBenchmark > "$log" 2>&1
rc=$?
set -e
grep -E '^(against|stack ready|  [0-9]+ orders placed|  legs|  warm-up|  storehouse|THROUGHPUT|LATENCY|checkout failed|Exception|\s+at com\.shopbff)' "$log" || true
[ $rc -eq 0 ] || { echo "benchmark failed (exit $rc); last lines:"; tail -30 "$log"; }
exit $rc
