#!/usr/bin/env bash
# The production topology on this machine, as processes: every service in its own JVM from the same jars as
# production, a 3-broker Kafka cluster in KRaft mode (Apache Kafka's own entry point), the embedded MongoDB-wire server
# in its own process, two instances of the router, orders, catalog and wallet (one of customer and notifications),
# and HAProxy in front of the routers and of each subgraph's instances (as a Kubernetes Service would be).
#
#   scripts/cluster.sh up [--fresh]   build what is stale, start everything, wait until ready (prints the time)
#   scripts/cluster.sh down           stop everything (SIGTERM, then SIGKILL after CLUSTER_STOP_TIMEOUT); checks
#                                     that no process of the cluster is left
#   scripts/cluster.sh status         every process: pid, port, health
#   scripts/cluster.sh kill NAME      SIGKILL one process (chaos: kafka-2, orders-1, router-1, wallet-2, ...)
#   scripts/cluster.sh start NAME     start one process again, as `up` started it, and wait until it is healthy
#   scripts/cluster.sh stop NAME      SIGTERM one process and wait for it to exit
#   scripts/cluster.sh names          the process names, in start order
#   scripts/cluster.sh env            the cluster's addresses as shell variables (ROUTER_URL, MONGODB_URI, ...)
#
# Ports (CLUSTER_PORT_BASE=44, so 44xx): load balancer ${B}00 (GraphQL at http://localhost:${B}00/graphql),
# subgraph services through the balancer ${B}01-${B}05, balancer statistics ${B}09, routers ${B}10-${B}11 (their
# Prometheus metrics ${B}12-${B}13), subgraph instances ${B}21-${B}25 and ${B}32-${B}34, MongoDB-wire server ${B}17,
# Kafka brokers ${B}91-${B}93 (controllers ${B}81-${B}83). Files: CLUSTER_DIR (default data/cluster): logs/NAME.log, pids/, data/ (MongoDB file, Kafka logs),
# app/ (the extracted jars and their AOT caches).
# Env: CLUSTER_PORT_BASE, CLUSTER_DIR, FRESH=1 (same as --fresh), CLUSTER_READY_TIMEOUT (s, default 300),
# CLUSTER_STOP_TIMEOUT (s, default 30), CLUSTER_SUBGRAPH_JAVA_OPTS, CLUSTER_ROUTER_JAVA_OPTS, CLUSTER_KAFKA_JAVA_OPTS,
# CLUSTER_AOT (1 = train and use an AOT cache per service, the default; 0 = plain JVMs), CLUSTER_AOT_TRAIN_TIMEOUT (s,
# default 300), KAFKA_TOPIC_PARTITIONS (6),
# ADMIN_EMAIL, ADMIN_PASSWORD, REQUIRE_VERIFIED_EMAIL (false: no mail server here, as in the local stack).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/java-env.sh

B=${CLUSTER_PORT_BASE:-44}
DIR=${CLUSTER_DIR:-$ROOT/data/cluster}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
READY_TIMEOUT=${CLUSTER_READY_TIMEOUT:-300}
STOP_TIMEOUT=${CLUSTER_STOP_TIMEOUT:-30}
USE_AOT=${CLUSTER_AOT:-1}
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@example.com}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin12345}

LB_PORT=${B}00
STATS_PORT=${B}09
MONGO_PORT=${B}17
MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT"
KAFKA_BOOTSTRAP="127.0.0.1:${B}91,127.0.0.1:${B}92,127.0.0.1:${B}93"
JWKS_URL="http://127.0.0.1:${B}01/.well-known/jwks.json"

SUBGRAPHS=(customer catalog orders wallet notifications)
# Process names in start order; instances are NAME-N.
NAMES=(mongo kafka-1 kafka-2 kafka-3 lb customer-1 catalog-1 catalog-2 orders-1 orders-2 wallet-1 wallet-2 notifications-1
       router-1 router-2)

service_port() { # the balancer's port for a subgraph
  case $1 in customer) echo ${B}01;; catalog) echo ${B}02;; orders) echo ${B}03;; wallet) echo ${B}04;; notifications) echo ${B}05;; esac
}
router_metrics_port() { # router-1 ${B}12, router-2 ${B}13
  echo "${B}1$(( ${1#router-} + 1 ))"
}
instance_port() { # subgraph-N: customer-1 ${B}21, catalog-2 ${B}32, ...
  local svc=${1%-*} n=${1##*-} last
  last=$(( $(service_port "$svc") % 10 ))
  echo "${B}$(( n + 1 ))$last"
}
port_of() {
  case $1 in
    mongo) echo $MONGO_PORT;;
    kafka-*) echo "${B}9${1#kafka-}";;
    lb) echo $LB_PORT;;
    router-*) echo "${B}1$(( ${1#router-} - 1 ))";;
    *) instance_port "$1";;
  esac
}
health_url() {
  case $1 in
    mongo|kafka-*) echo "";;
    lb) echo "http://127.0.0.1:$LB_PORT/health";;
    router-*) echo "http://127.0.0.1:$(port_of "$1")/health";;
    *) echo "http://127.0.0.1:$(port_of "$1")/actuator/health/readiness";;
  esac
}
pid_of() { cat "$DIR/pids/$1" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() {
  local name=$1 url
  alive "$name" || return 1
  url=$(health_url "$name")
  case $name in
    mongo) port_open "$MONGO_PORT";;
    kafka-*) log_since_start "$name" | grep "Kafka Server started" > /dev/null && port_open "$(port_of "$name")";;
    *) [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ];;
  esac
}
log_since_start() { tac "$DIR/logs/$1.log" 2>/dev/null | sed '/^=== .* start$/q' || true; } # (newest line first; sed stops tac early)
valid_name() { local n; for n in "${NAMES[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1; }

# ---------------------------------------------------------------------------------------------------- build, jars
jar_of() {
  case $1 in
    router) echo "$ROOT/bff-router/target/bff-router.jar";;
    *) ls "$ROOT"/subgraph-"$1"/target/subgraph-"$1"-*-exec.jar 2>/dev/null | head -1;;
  esac
}
build_if_stale() { # builds when a jar is missing or a source is newer than the last build (ours, or the jars)
  local stale="" s j stamp="$DIR/.built" ref
  for s in "${SUBGRAPHS[@]}" router; do j=$(jar_of "$s"); [ -n "$j" ] && [ -f "$j" ] || stale=yes; done
  [ -f "$ROOT/embedded-infra/target/runtime-classpath.txt" ] || stale=yes
  if [ -z "$stale" ]; then
    ref=$stamp
    if [ ! -f "$ref" ]; then # no build of ours yet (e.g. right after ./test.sh's): the oldest jar
      ref="$ROOT/embedded-infra/target/runtime-classpath.txt"
      for s in "${SUBGRAPHS[@]}" router; do j=$(jar_of "$s"); [ "$j" -ot "$ref" ] && ref=$j; done
    fi
    [ -n "$(find pom.xml */pom.xml schema/subgraphs schema/supergraph.graphql */src/main -newer "$ref" -type f 2>/dev/null | head -1)" ] && stale=yes
  fi
  if [ -n "$stale" ]; then
    echo "building (mvn install -DskipTests) ..."
    touch "$stamp.new"
    mvn -q -B -ntp install -DskipTests
    mv "$stamp.new" "$stamp"
  fi
  return 0
}
java_major_version() { "$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }

# The jar as Spring Boot's tools extract it (the application jar plus lib/, what the container images run), and an
# ahead-of-time cache of its classes (JDK 25: -XX:AOTCache, JEP 483/514; JDK 21-24: an AppCDS archive) trained by
# starting the application context once without serving (-Dspring.context.exit=onRefresh). Redone when the jar changes.
prepare_app() {
  local svc=$1 jar dest sum
  jar=$(jar_of "$svc")
  dest="$DIR/app/$svc"
  sum=$(sha1sum "$jar" | cut -c1-16)
  if [ "$(cat "$dest/.jar-sha1" 2>/dev/null || true)" != "$sum" ]; then
    rm -rf "$dest"; mkdir -p "$dest"
    if [ "$svc" = router ]; then
      cp "$jar" "$dest/app.jar"
    else
      "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dest/x" >/dev/null
      mv "$dest"/x/*.jar "$dest/app.jar"; mv "$dest/x/lib" "$dest/lib"; rmdir "$dest/x"
    fi
    echo "$sum" > "$dest/.jar-sha1"
  fi
  [ "$USE_AOT" = 1 ] && [ "$svc" != router ] || return 0 # the router (Vert.x, no Spring) starts in about a second
  [ -f "$dest/app.aot" ] && return 0
  local major log="$DIR/logs/aot-$svc.log"
  major=$(java_major_version)
  local train=(-Dspring.context.exit=onRefresh -jar "$dest/app.jar")
  local record=-XX:AOTCacheOutput="$dest/app.aot"
  [ "$major" -ge 25 ] || record=-XX:ArchiveClassesAtExit="$dest/app.aot"
  # Some beans read MongoDB while the context starts (signing keys, the search index): a scratch in-memory server
  # answers them. Kafka is not touched before the context's lifecycle starts, which the training run never reaches,
  # except by the access-token revocation feed, which would wait for a broker: off for training. A run that hangs
  # anyway is stopped (the service then starts without a cache).
  (cd "$dest" && env SERVER_PORT=0 KAFKA_TOPICS_CREATE=false SHOP_SECURITY_REVOCATION_ENABLED=false \
    MONGODB_URI="mongodb://127.0.0.1:$TRAINING_MONGO_PORT" \
    timeout -k 10 "${CLUSTER_AOT_TRAIN_TIMEOUT:-300}" "$JAVA" "$record" "${train[@]}") > "$log" 2>&1 || true
  [ -f "$dest/app.aot" ] || echo "note: no AOT cache for $svc (see $log); it starts without one"
}
aot_opts() { # JVM options using the service's cache, when there is one
  local f="$DIR/app/$1/app.aot"
  [ "$USE_AOT" = 1 ] && [ -f "$f" ] || return 0
  if [ "$(java_major_version)" -ge 25 ]; then echo "-XX:AOTCache=$f"; else echo "-XX:SharedArchiveFile=$f"; fi
}
TRAINING_MONGO_PORT=${B}18
prepare_all() {
  local t0=$SECONDS s running=0 need="" mongo_pid=""
  mkdir -p "$DIR/logs" "$DIR/app"
  if [ "$USE_AOT" = 1 ]; then
    for s in "${SUBGRAPHS[@]}"; do
      [ -f "$DIR/app/$s/app.aot" ] && [ "$(cat "$DIR/app/$s/.jar-sha1" 2>/dev/null)" = "$(sha1sum "$(jar_of "$s")" | cut -c1-16)" ] || need=yes
    done
  fi
  if [ -n "$need" ]; then
    "$JAVA" -cp "$ROOT/embedded-infra/target/classes:$(cat "$ROOT/embedded-infra/target/runtime-classpath.txt")" \
      -Dlogback.configurationFile=/dev/null -Dshop.cluster="$DIR/training" com.shopbff.embedded.MongoServerMain --port "$TRAINING_MONGO_PORT" --in-memory \
      > "$DIR/logs/aot-mongo.log" 2>&1 &
    mongo_pid=$!
    until port_open "$TRAINING_MONGO_PORT"; do kill -0 $mongo_pid 2>/dev/null || { echo "the training MongoDB server did not start" >&2; exit 1; }; sleep 0.2; done
  fi
  # Two at a time: the machine has two cores, and each training run is one CPU-bound JVM start.
  local jobs=() p
  for s in "${SUBGRAPHS[@]}" router; do
    while [ ${#jobs[@]} -ge 2 ]; do
      local still=()
      for p in "${jobs[@]}"; do kill -0 "$p" 2>/dev/null && still+=("$p"); done
      jobs=("${still[@]}")
      [ ${#jobs[@]} -ge 2 ] && sleep 0.3
    done
    prepare_app "$s" &
    jobs+=($!)
  done
  for p in "${jobs[@]}"; do wait "$p" || true; done
  if [ -n "$mongo_pid" ]; then kill -TERM $mongo_pid 2>/dev/null || true; wait $mongo_pid 2>/dev/null || true; fi
  [ $((SECONDS - t0)) -gt 1 ] && echo "prepared the services' jars and AOT caches in $((SECONDS - t0)) s"
  return 0
}

# ---------------------------------------------------------------------------------------------------- configuration
write_configs() {
  mkdir -p "$DIR/conf" "$DIR/data/kafka-1" "$DIR/data/kafka-2" "$DIR/data/kafka-3"
  [ -f "$DIR/data/kafka-cluster-id" ] || head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$DIR/data/kafka-cluster-id"
  local i voters="1@127.0.0.1:${B}81,2@127.0.0.1:${B}82,3@127.0.0.1:${B}83"
  for i in 1 2 3; do
    cat > "$DIR/conf/kafka-$i.properties" <<EOF
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:${B}9$i,CONTROLLER://127.0.0.1:${B}8$i
advertised.listeners=PLAINTEXT://127.0.0.1:${B}9$i
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/data/kafka-$i
# Every topic on all three brokers; a write is acknowledged once two replicas have it (acks=all), so one broker
# may die without losing an acknowledged message or stopping producers.
num.partitions=${KAFKA_TOPIC_PARTITIONS:-6}
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
unclean.leader.election.enable=false
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  done
  cat > "$DIR/conf/logback.xml" <<'EOF'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="kafka" level="INFO"/>
  <logger name="org.apache.kafka" level="WARN"/>
  <logger name="state.change.logger" level="WARN"/>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
EOF
  {
    cat <<EOF
# Generated by scripts/cluster.sh. HTTP mode: requests are balanced one by one over kept-alive connections;
# WebSocket upgrades and server-sent event streams pass through (timeout tunnel / server below).
global
    maxconn 8000
defaults
    mode http
    timeout connect 2s
    timeout client 65s
    timeout server 65s
    timeout tunnel 1h
    timeout client-fin 5s
    timeout http-keep-alive 30s
    # A request that could not be sent (connection refused) goes to another server; only then, because a request that
    # reached a server may have done its work (a mutation is not retried behind the client's back). A dead server is
    # out after 2 failed checks.
    option redispatch
    retries 3
    retry-on conn-failure
    default-server inter 1s fall 2 rise 2
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /
frontend routers
    bind 127.0.0.1:$LB_PORT
    option forwardfor
    default_backend routers
backend routers
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    server router-1 127.0.0.1:$(port_of router-1) check
    server router-2 127.0.0.1:$(port_of router-2) check
EOF
    local s n
    for s in "${SUBGRAPHS[@]}"; do
      echo "frontend $s"
      echo "    bind 127.0.0.1:$(service_port "$s")"
      echo "    default_backend $s"
      echo "backend $s"
      echo "    balance roundrobin"
      echo "    option httpchk GET /actuator/health/readiness"
      echo "    http-check expect status 200"
      for n in "${NAMES[@]}"; do
        if [ "${n%-*}" = "$s" ]; then echo "    server $n 127.0.0.1:$(port_of "$n") check"; fi
      done
    done
  } > "$DIR/conf/haproxy.cfg"
}

# ---------------------------------------------------------------------------------------------------- processes
ensure_haproxy() {
  command -v haproxy >/dev/null && return 0
  echo "installing HAProxy (apt-get install haproxy) ..."
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  fi
  command -v haproxy >/dev/null || { echo "HAProxy could not be installed" >&2; exit 1; }
}

# Starts one process in its own session (Ctrl-C on this script does not reach it), output to logs/NAME.log.
launch() {
  local name=$1; shift
  mkdir -p "$DIR/pids" "$DIR/logs"
  if alive "$name"; then echo "$name is already running (pid $(pid_of "$name"))" >&2; return 1; fi
  echo "=== $(date -u +%FT%TZ) start" >> "$DIR/logs/$name.log"
  ( cd "$DIR" && exec env "$@" ) >> "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/pids/$name"
}

start_process() {
  local name=$1 port cp
  port=$(port_of "$name")
  case $name in
    mongo)
      cp="$ROOT/embedded-infra/target/classes:$(cat "$ROOT/embedded-infra/target/runtime-classpath.txt")"
      launch "$name" setsid "$JAVA" -Xmx1g -XX:+UseParallelGC -Dlogback.configurationFile="$DIR/conf/logback.xml" \
        -cp "$cp" com.shopbff.embedded.MongoServerMain --port "$port" --data "$DIR/data/mongo/shop.mv";;
    kafka-*)
      cp="$ROOT/embedded-infra/target/classes:$(cat "$ROOT/embedded-infra/target/runtime-classpath.txt")"
      launch "$name" setsid "$JAVA" ${CLUSTER_KAFKA_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC} \
        -Dlogback.configurationFile="$DIR/conf/logback.xml" -cp "$cp" \
        com.shopbff.embedded.KafkaNodeMain "$DIR/conf/$name.properties" "$(cat "$DIR/data/kafka-cluster-id")";;
    lb)
      launch "$name" setsid haproxy -db -f "$DIR/conf/haproxy.cfg";;
    router-*)
      # As the local stack configures its router: scopes from the tokens' role claim too (the shop's
      # @requiresScopes(scopes: [["ADMIN"]])), the subgraphs' own error codes for unauthorized fields.
      # Revoked tokens refused from session.revocations (as the local stack's router); metrics on a port of their own.
      launch "$name" JWKS_URL="$JWKS_URL" $(router_subgraph_env) ROUTER_AUTHZ_SCOPE_CLAIMS=scope,role ROUTER_AUTHZ_ERROR_CODES=by-caller \
        REVOCATION_KAFKA="$KAFKA_BOOTSTRAP" ROUTER_METRICS_PORT="$(router_metrics_port "$name")" \
        setsid "$JAVA" \
        ${CLUSTER_ROUTER_JAVA_OPTS:--XX:+UseSerialGC -Xms160m -Xmx160m -Xmn112m} $(aot_opts router) \
        -jar "$DIR/app/router/app.jar" --supergraph "$ROOT/schema/supergraph.graphql" --port "$port";;
    *)
      local svc=${name%-*} extra=()
      # One instance seeds the demo catalog (both would race on the same documents).
      [ "$name" = catalog-1 ] && extra+=(--shop.catalog.seed-demo=true)
      # As the local stack (no mail server here): checkout does not wait for a verified e-mail, account links are logged.
      extra+=(--shop.orders.require-verified-email="${REQUIRE_VERIFIED_EMAIL:-false}" --shop.notifications.log-account-links=true)
      launch "$name" SERVER_PORT="$port" MONGODB_URI="$MONGODB_URI" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
        JWKS_URI="$JWKS_URL" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        KAFKA_TOPIC_REPLICATION_FACTOR=3 KAFKA_TOPIC_MIN_INSYNC_REPLICAS=2 KAFKA_TOPIC_PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}" \
        setsid "$JAVA" ${CLUSTER_SUBGRAPH_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC} $(aot_opts "$svc") \
        -Dshop.cluster.instance="$name" -jar "$DIR/app/$svc/app.jar" "${extra[@]}";;
  esac
}
router_subgraph_env() {
  local s
  for s in "${SUBGRAPHS[@]}"; do
    echo "SUBGRAPH_$(echo "$s" | tr '[:lower:]' '[:upper:]')_URL=http://127.0.0.1:$(service_port "$s")/graphql"
  done
}

wait_healthy() { # names...; fails after READY_TIMEOUT
  local deadline=$((SECONDS + READY_TIMEOUT)) pending n
  while :; do
    pending=()
    for n in "$@"; do
      alive "$n" || { echo "$n exited; last lines of $DIR/logs/$n.log:" >&2; tail -30 "$DIR/logs/$n.log" >&2; return 1; }
      healthy "$n" || pending+=("$n")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      echo "not ready after ${READY_TIMEOUT} s: ${pending[*]}" >&2
      for n in "${pending[@]}"; do echo "--- last lines of $DIR/logs/$n.log" >&2; tail -15 "$DIR/logs/$n.log" >&2; done
      return 1
    fi
    sleep 0.5
  done
}

stop_processes() { # names... : SIGTERM all, wait, SIGKILL what is left
  local n p deadline=$((SECONDS + STOP_TIMEOUT)) left
  for n in "$@"; do p=$(pid_of "$n"); [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true; done
  while :; do
    left=()
    for n in "$@"; do alive "$n" && left+=("$n"); done
    [ ${#left[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      for n in "${left[@]}"; do echo "$n did not stop within ${STOP_TIMEOUT} s: SIGKILL" >&2; kill -KILL "$(pid_of "$n")" 2>/dev/null || true; done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for n in "$@"; do alive "$n" || rm -f "$DIR/pids/$n"; done
}

# ---------------------------------------------------------------------------------------------------- commands
cmd_up() {
  local fresh=${FRESH:-} a n t0=$SECONDS
  for a in "$@"; do [ "$a" = --fresh ] && fresh=1; done
  for n in "${NAMES[@]}"; do
    if alive "$n"; then echo "the cluster is (partly) running already ($n): scripts/cluster.sh down first" >&2; exit 1; fi
  done
  for n in "${NAMES[@]}"; do
    if port_open "$(port_of "$n")"; then echo "port $(port_of "$n") (for $n) is taken: set CLUSTER_PORT_BASE" >&2; exit 1; fi
    case $n in router-*) if port_open "$(router_metrics_port "$n")"; then echo "port $(router_metrics_port "$n") (metrics of $n) is taken: set CLUSTER_PORT_BASE" >&2; exit 1; fi;; esac
  done
  ensure_haproxy
  build_if_stale
  prepare_all
  local t_start=$SECONDS
  [ "$fresh" = 1 ] || [ "$fresh" = true ] && rm -rf "$DIR/data"
  write_configs
  : > "$DIR/logs/.up"
  # Infrastructure first; the services start right away too (their first seconds are class loading and context
  # set-up; they wait for the brokers to answer before creating topics or consuming).
  for n in mongo kafka-1 kafka-2 kafka-3 lb; do start_process "$n"; done
  wait_healthy mongo
  for n in "${NAMES[@]}"; do
    case $n in mongo|kafka-*|lb) ;; *) start_process "$n";; esac
  done
  wait_healthy "${NAMES[@]}" || { echo "the cluster did not become ready; stopping it" >&2; cmd_down >/dev/null 2>&1 || true; exit 1; }
  # Ready means reachable through the balancer: every subgraph service and the routers.
  local s
  for s in "${SUBGRAPHS[@]}"; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$(service_port "$s")/actuator/health/readiness" || true)" = 200 ]; do sleep 0.3; done
  done
  local ms=$(( SECONDS - t_start ))
  cat <<EOF

==========================================================================
 Shop BFF cluster is ready in ${ms} s (processes started to all healthy through the balancer;
 $((t_start - t0)) s before that for build checks and AOT caches)
   GraphQL (load balancer):  http://localhost:$LB_PORT/graphql   (ws: same path)
   GraphiQL:                 http://localhost:$LB_PORT/graphiql
   Balancer statistics:      http://localhost:$STATS_PORT/
   MongoDB:                  $MONGODB_URI
   Kafka:                    $KAFKA_BOOTSTRAP
   Administrator:            $ADMIN_EMAIL / $ADMIN_PASSWORD
   Logs:                     $DIR/logs/
 scripts/cluster.sh status | down
==========================================================================
EOF
}

cmd_down() {
  local n rev=() p leftover
  for (( i=${#NAMES[@]}-1; i>=0; i-- )); do rev+=("${NAMES[$i]}"); done
  # Clients first (routers, balancer), then services, then Kafka and MongoDB, so nothing logs a storm of
  # connection errors on the way down.
  stop_processes router-1 router-2 lb
  stop_processes customer-1 catalog-1 catalog-2 orders-1 orders-2 wallet-1 wallet-2 notifications-1
  stop_processes kafka-1 kafka-2 kafka-3
  stop_processes mongo
  # Anything still running from this cluster's directory (e.g. an AOT training run) is ours too.
  leftover=$(pgrep -f -- "$DIR/" || true)
  for p in $leftover; do
    [ "$p" = $$ ] && continue
    echo "left behind: $(ps -o pid=,args= -p "$p" | cut -c1-150): SIGKILL" >&2
    kill -KILL "$p" 2>/dev/null || true
  done
  sleep 0.2
  leftover=$(pgrep -f -- "$DIR/" || true)
  if [ -n "$leftover" ]; then echo "processes still running: $leftover" >&2; exit 1; fi
  echo "cluster stopped; no process left"
}

cmd_status() {
  local n p state code any=""
  printf '%-16s %-8s %-6s %s\n' NAME PID PORT STATE
  for n in "${NAMES[@]}"; do
    p=$(pid_of "$n")
    if alive "$n"; then
      any=yes
      if healthy "$n"; then state=healthy; else state=starting/unhealthy; fi
    else
      state=stopped; p=-
    fi
    printf '%-16s %-8s %-6s %s\n' "$n" "$p" "$(port_of "$n")" "$state"
  done
  [ -n "$any" ] && echo "load balancer: http://localhost:$LB_PORT/graphql, statistics http://localhost:$STATS_PORT/"
  return 0
}

cmd_env() {
  cat <<EOF
ROUTER_URL=http://127.0.0.1:$LB_PORT/graphql
MONGODB_URI=$MONGODB_URI
KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP
ADMIN_EMAIL=$ADMIN_EMAIL
ADMIN_PASSWORD=$ADMIN_PASSWORD
CLUSTER_DIR=$DIR
STATS_URL=http://127.0.0.1:$STATS_PORT/
EOF
  local s
  for s in "${SUBGRAPHS[@]}"; do echo "$(echo "$s" | tr '[:lower:]' '[:upper:]')_URL=http://127.0.0.1:$(service_port "$s")"; done
}

case ${1:-} in
  up) shift; cmd_up "$@";;
  down) cmd_down;;
  status) cmd_status;;
  names) printf '%s\n' "${NAMES[@]}";;
  env) cmd_env;;
  kill)
    valid_name "${2:-}" || { echo "usage: scripts/cluster.sh kill NAME (one of: ${NAMES[*]})" >&2; exit 2; }
    alive "$2" || { echo "$2 is not running" >&2; exit 1; }
    kill -KILL "$(pid_of "$2")"
    while alive "$2"; do sleep 0.1; done
    rm -f "$DIR/pids/$2"
    echo "$2 killed (SIGKILL)";;
  stop)
    valid_name "${2:-}" || { echo "usage: scripts/cluster.sh stop NAME (one of: ${NAMES[*]})" >&2; exit 2; }
    stop_processes "$2"; echo "$2 stopped";;
  start)
    valid_name "${2:-}" || { echo "usage: scripts/cluster.sh start NAME (one of: ${NAMES[*]})" >&2; exit 2; }
    t0=$SECONDS
    start_process "$2"
    wait_healthy "$2"
    echo "$2 healthy in $((SECONDS - t0)) s";;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2;;
esac
