#!/usr/bin/env bash
# Builds what is needed, then runs the whole shop on embedded defaults in one JVM:
# MongoDB-wire server + Kafka broker (unless MONGODB_URI / KAFKA_BOOTSTRAP_SERVERS are set), five subgraphs, router,
# and the web clients (storefront and admin console) on their own port.
#   ./run.sh            start (data kept in ./data between runs)
#   ./run.sh --fresh    start from empty data (same as FRESH=1)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-env.sh

jar=local-stack/target/local-stack.jar
stale=""
if [ ! -f "$jar" ]; then
  stale=yes
elif [ -n "$(find pom.xml */pom.xml schema/subgraphs schema/supergraph.graphql */src/main -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  stale=yes
fi
# the web clients (module web): their build, or any of their sources newer than it
web=web/target/dist/index.html
if [ ! -f "$web" ] || [ -n "$(find web/src web/index.html web/admin web/public web/package-lock.json web/*.ts schema/api-schema.graphql \
    -newer "$web" -type f -not -path 'web/src/gql/*' 2>/dev/null | head -1)" ]; then
  stale=yes
fi
if [ -n "$stale" ]; then
  echo "building (mvn install -DskipTests) ..."
  mvn -q -B -ntp install -DskipTests
fi
# G1, not ParallelGC: five Spring applications, Kafka and MongoDB in one JVM keep loading classes and compiling code, and
# ParallelGC answers each Metadata/CodeCache threshold with a full stop-the-world collection of seconds (docs/benchmarks.md,
# "Where the tail came from"): every live order update in flight waits it out.
exec "$JAVA" ${STACK_JAVA_OPTS:--Xmx2g -XX:+UseG1GC -XX:MaxGCPauseMillis=50} -jar "$jar" "$@"
