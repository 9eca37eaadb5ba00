#!/usr/bin/env bash
# The chaos test of the cluster (issue 16): brings up scripts/cluster.sh on fresh data, runs a steady checkout load
# through the load balancer with a live order tracker per customer, kills (SIGKILL) one Kafka broker, one orders
# instance, one router and one wallet instance one at a time and starts each again, then checks and prints the
# invariants (every order final, stock conserved, walletAudit clean, one notification per final status, every tracker
# saw every status change or was told to reconnect and caught up). Stops the cluster at the end.
#   scripts/chaos.sh            the long run (6 checkouts/s, 24 customers, each victim down 25 s; about 5 minutes of load)
#   scripts/chaos.sh --short    the CI version run by ./test.sh (4/s, 12 customers, 10 s down; about 2 minutes)
#   scripts/chaos.sh --keep     leave the cluster running afterwards (scripts/cluster.sh down stops it)
# Env: CHAOS_RATE, CHAOS_CUSTOMERS, CHAOS_FAULT_SECONDS, CHAOS_BETWEEN_SECONDS, CHAOS_WARMUP_SECONDS, CHAOS_VICTIMS
# (comma list of scripts/cluster.sh names), CHAOS_REUSE=1 (use the cluster already up instead of a fresh one), and
# the cluster's own (CLUSTER_PORT_BASE, CLUSTER_DIR, ...). Output of the driver: the figures; cluster logs in
# CLUSTER_DIR/logs (data/cluster/logs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mode=long keep=""
for a in "$@"; do
  case $a in
    --short) mode=short;;
    --keep) keep=yes;;
    *) echo "unknown argument $a" >&2; exit 2;;
  esac
done

if [ "${CHAOS_REUSE:-}" != 1 ]; then
  scripts/cluster.sh up --fresh
fi
logback=$(mktemp /tmp/chaos-logback.XXXXXX.xml)
stop_cluster() { rm -f "$logback"; [ -n "$keep" ] || scripts/cluster.sh down; }
trap stop_cluster EXIT

mvn -q -B -ntp -pl system-tests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/chaos-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="system-tests/target/test-classes:$(cat system-tests/target/chaos-classpath.txt)"
props=(-Dchaos.mode=$mode -Dchaos.root="$(pwd)")
[ -n "${CHAOS_RATE:-}" ] && props+=(-Dchaos.rate="$CHAOS_RATE")
[ -n "${CHAOS_CUSTOMERS:-}" ] && props+=(-Dchaos.customers="$CHAOS_CUSTOMERS")
[ -n "${CHAOS_FAULT_SECONDS:-}" ] && props+=(-Dchaos.fault.seconds="$CHAOS_FAULT_SECONDS")
[ -n "${CHAOS_BETWEEN_SECONDS:-}" ] && props+=(-Dchaos.between.seconds="$CHAOS_BETWEEN_SECONDS")
[ -n "${CHAOS_WARMUP_SECONDS:-}" ] && props+=(-Dchaos.warmup.seconds="$CHAOS_WARMUP_SECONDS")
[ -n "${CHAOS_VICTIMS:-}" ] && props+=(-Dchaos.victims="$CHAOS_VICTIMS")
# The driver's own logging (Kafka admin client, MongoDB driver) only when something is wrong.
echo '<configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d{HH:mm:ss} %-5level %logger{30} - %msg%n</pattern></encoder></appender><root level="WARN"><appender-ref ref="E"/></root></configuration>' > "$logback"
"$JAVA" -Xmx512m -Dlogback.configurationFile="$logback" -cp "$cp" "${props[@]}" com.shopbff.system.chaos.ClusterChaos
