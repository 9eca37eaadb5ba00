#!/usr/bin/env bash
# Subscription benchmark (not a test): the embedded stack in one JVM (five subgraphs, in-memory MongoDB-wire
# server, Kafka broker), the router as its own process (bff-router/target/bff-router.jar), so that its RSS and
# heap are its own, and the benchmark's client sockets in a third JVM, so that no JVM's GC pauses are counted twice.
# Through the router, then straight to the orders subgraph (measured the same way), it prints:
#   TRACKERS: N graphql-transport-ws sockets, one per order (orderStatusChanged(orderId:)); the admin advances every
#             order twice at BENCH_RATE events/s: subscriptions opened, events expected/delivered, event -> client
#             p50/p99/max from the event's own `at`;
#   FANOUT:   F sockets of one customer subscribed to all its orders; the customer places 3 orders (12 events each);
#   ROUTER:   RSS and heap (after a full GC) before and after opening them, and heap per idle subscription;
#   hops:     event at -> Kafka record -> consumed (p50/p99/max), and each JVM's GC pauses while events flowed.
#   relay:    the orders outbox relay's own stages (asked -> read starts -> read -> handed to the producer -> acked -> pulled),
#             the at -> Kafka record hop taken apart; stages: the live feed's and the router's.
# Steady state: every run's orders are placed up front; before every drive the benchmark waits until the stack is
# quiet (every Kafka consumer group at lag 0 and no outbox entries left in any MongoDB document; "stack quiet before
# the drive after X s" says how long that took). Warm-up: each trackers run first tracks BENCH_WARMUP (500) more
# orders, placed with the others, on their own sockets, advanced twice at the same rate the same way; printed on
# their own "warm-up" line, not counted in the measured figures (those are the default 10 000 trackers x 2 events).
# Every tracked order is CONFIRMED first (a product per customer, stock and wallet money for every order); if the
# shop fails some, the line "orders placed" says how many and why.
# Builds and installs what it runs first (mvn install -DskipTests -pl system-tests -am: the stack's subgraphs come from
# the local Maven repository, the router from bff-router/target), so it measures this checkout; BENCH_SKIP_BUILD=1
# skips that. Raises the open-files limit as far as allowed.
#   scripts/bench-subscriptions.sh                              defaults: 10000 trackers (5000 direct), 100
#                                                               customers, 250 events/s, 2000 fan-out sockets
#   BENCH_TRACKERS=2000 BENCH_DIRECT_TRACKERS=2000 BENCH_FANOUT=500 scripts/bench-subscriptions.sh   (quick)
# Env: BENCH_CUSTOMERS, BENCH_RATE, BENCH_WARMUP (500; 0: none), BENCH_SCENARIOS (trackers,fanout), BENCH_JAVA_OPTS (the
# stack JVM, default -Xms3g -Xmx3g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+AlwaysPreTouch: a fixed heap, so G1 does
# not keep it near its ~0.5 GB live set and run marking cycles, Remark and mixed pauses back to back; a 20 ms pause
# goal, so young collections are small and short; with ParallelGC this JVM of five Spring applications, Kafka and
# MongoDB took 0.6-5 s "Pause Full (Metadata/CodeCache GC Threshold)" pauses; a 3 GB fixed young generation made
# 250-600 ms G1 pauses; docs/benchmarks.md), ROUTER_JAVA_OPTS (default -XX:+UseSerialGC -Xms512m -Xmx512m -Xmn128m),
# CLIENT_JAVA_OPTS (default -XX:+UseG1GC -Xms2g -Xmx2g -Xmn1g -XX:+AlwaysPreTouch: a young generation that the drive's
# events do not fill; the clients collect once after opening their sockets, before the drive).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn install -DskipTests -pl system-tests -am) ..."
  mvn -q -B -ntp install -DskipTests -pl system-tests -am >/dev/null
fi
mvn -q -B -ntp -pl system-tests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="system-tests/target/test-classes:$(cat system-tests/target/bench-classpath.txt)"
log=$(mktemp /tmp/bench-subscriptions.XXXXXX.log)
gclogs=$(mktemp -d /tmp/bench-subscriptions-gc.XXXXXX)
echo "benchmark log (stack output): $log; GC logs: $gclogs; $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$JAVA" ${BENCH_JAVA_OPTS:--Xms3g -Xmx3g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+AlwaysPreTouch} "-Xlog:gc:file=$gclogs/stack-gc.log:utctime" -cp "$cp" \
  -Dshop.supergraph=schema/supergraph.graphql -Dbench.routerJar=bff-router/target/bff-router.jar \
  -Dbench.routerJavaOpts="${ROUTER_JAVA_OPTS:--XX:+UseSerialGC -Xms512m -Xmx512m -Xmn128m}" \
  -Dbench.clientJavaOpts="${CLIENT_JAVA_OPTS:--XX:+UseG1GC -Xms2g -Xmx2g -Xmn1g -XX:+AlwaysPreTouch}" -Dbench.gcLogDir="$gclogs" \
  -Dbench.trackers="${BENCH_TRACKERS:-10000}" -Dbench.directTrackers="${BENCH_DIRECT_TRACKERS:-5000}" \
  -Dbench.customers="${BENCH_CUSTOMERS:-100}" -Dbench.rate="${BENCH_RATE:-250}" -Dbench.fanout="${BENCH_FANOUT:-2000}" \
  -Dbench.scenarios="${BENCH_SCENARIOS:-trackers,fanout}" -Dbench.warmup="${BENCH_WARMUP:-500}" \
  com.shopbff.system.SubscriptionBenchmark > "$log" 2>&1
rc=$?
set -e
grep -E '^(stack ready|  [0-9]+ orders placed|TRACKERS|FANOUT|ROUTER|Exception|\s+at com\.shopbff)' "$log" || true
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ $rc -eq 0 ] || { echo "benchmark failed (exit $rc); last lines:"; tail -30 "$log"; }
exit $rc
