# Sourced by scripts that need a fresh ./run.sh stack (scripts/journey.sh, scripts/web-e2e.sh):
#   stack_start NAME     refuses a port already in use, starts ./run.sh on fresh data in a temporary directory,
#                        waits for the router's /health (STACK_READY_TIMEOUT s, default 180); sets STACK_LOG
#   stack_stop           SIGTERM, then SIGKILL after 30 s; fails when the stack's process is left behind
# Ports come from the environment as for ./run.sh (ROUTER_PORT, ..., WEB_PORT).

stack_pid=""
STACK_LOG=""

stack_start() {
  local name="$1" port=${ROUTER_PORT:-4000}
  # Never test somebody else's stack: the ports must be free before ours starts.
  if curl -s -o /dev/null --max-time 2 "http://localhost:$port/health"; then
    echo "something already answers on port $port (another stack?): stop it or set ROUTER_PORT and the other *_PORT variables" >&2
    return 1
  fi
  local data
  data=$(mktemp -d "/tmp/shop-$name.XXXXXX")
  STACK_LOG="$data/stack.log"
  DATA_DIR="$data/data" FRESH=1 ./run.sh > "$STACK_LOG" 2>&1 &
  stack_pid=$!
  trap stack_stop EXIT
  local t0 ready=""
  t0=$(date +%s)
  for _ in $(seq 1 $(( ${STACK_READY_TIMEOUT:-180} * 2 ))); do
    if ! kill -0 "$stack_pid" 2>/dev/null; then break; fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health" || true)" = 200 ]; then ready=yes; break; fi
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    echo "the stack did not become ready; last lines of its log:" >&2
    tail -40 "$STACK_LOG" >&2
    return 1
  fi
  echo "stack ready in $(( $(date +%s) - t0 )) s (log: $STACK_LOG)"
}

stack_stop() {
  [ -n "$stack_pid" ] || return 0
  if kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$stack_pid" 2>/dev/null || true
  fi
  trap - EXIT
  # run.sh execs the JVM, so $stack_pid is the stack's own process (a pgrep by name would also see other people's stacks).
  if kill -0 "$stack_pid" 2>/dev/null; then
    echo "the local-stack process $stack_pid was left behind" >&2
    stack_pid=""
    return 1
  fi
  stack_pid=""
}
