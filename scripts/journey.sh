#!/usr/bin/env bash
# Starts the stack the README's way (./run.sh, fresh data in a temporary directory), runs the acceptance journey
# (../shared/acceptance/journey.mjs) against it, stops the stack and checks that no process is left behind.
#   scripts/journey.sh            exit code = the journey's
# Env: JOURNEY (path of journey.mjs), STACK_READY_TIMEOUT (s, default 180).
set -euo pipefail
cd "$(dirname "$0")/.."
journey=${JOURNEY:-../shared/acceptance/journey.mjs}
[ -f "$journey" ] || { echo "journey not found at $journey" >&2; exit 1; }
command -v node >/dev/null || { echo "node (20+) is needed to run the journey" >&2; exit 1; }

port=${ROUTER_PORT:-4000}
# Never run the journey against somebody else's stack: the ports must be free before ours starts.
if curl -s -o /dev/null --max-time 2 "http://localhost:$port/health"; then
  echo "something already answers on port $port (another stack?): stop it or set ROUTER_PORT and the other *_PORT variables" >&2
  exit 1
fi

data=$(mktemp -d /tmp/shop-journey.XXXXXX)
log="$data/stack.log"
DATA_DIR="$data/data" FRESH=1 ./run.sh > "$log" 2>&1 &
stack=$!
cleanup() {
  if kill -0 "$stack" 2>/dev/null; then
    kill -TERM "$stack" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$stack" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$stack" 2>/dev/null || true
  fi
}
trap cleanup EXIT

t0=$(date +%s)
ready=""
for _ in $(seq 1 $(( ${STACK_READY_TIMEOUT:-180} * 2 ))); do
  if ! kill -0 "$stack" 2>/dev/null; then break; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:${ROUTER_PORT:-4000}/health || true)" = 200 ]; then ready=yes; break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "the stack did not become ready; last lines of its log:" >&2
  tail -40 "$log" >&2
  exit 1
fi
echo "stack ready in $(( $(date +%s) - t0 )) s (log: $log)"

set +e
node --experimental-websocket "$journey" "http://localhost:${ROUTER_PORT:-4000}/graphql"
rc=$?
set -e

cleanup
trap - EXIT
# run.sh execs the JVM, so $stack is the stack's own process (a pgrep by name would also see other people's stacks).
if kill -0 "$stack" 2>/dev/null; then
  echo "the local-stack process $stack was left behind" >&2
  rc=1
fi
if [ $rc -ne 0 ]; then echo "--- last 60 lines of the stack log:"; tail -60 "$log"; fi
exit $rc
