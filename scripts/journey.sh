#!/usr/bin/env bash
# Starts the stack the README's way (./run.sh, fresh data in a temporary directory), runs the acceptance journey
# (../shared/acceptance/journey.mjs) against it, stops the stack and checks that no process is left behind.
#   scripts/journey.sh            exit code = the journey's
# Env: JOURNEY (path of journey.mjs), STACK_READY_TIMEOUT (s, default 180).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stack.sh
journey=${JOURNEY:-../shared/acceptance/journey.mjs}
[ -f "$journey" ] || { echo "journey not found at $journey" >&2; exit 1; }
command -v node >/dev/null || { echo "node (20+) is needed to run the journey" >&2; exit 1; }

stack_start journey

set +e
node --experimental-websocket "$journey" "http://localhost:${ROUTER_PORT:-4000}/graphql"
rc=$?
set -e

stack_stop || rc=1
if [ $rc -ne 0 ]; then echo "--- last 60 lines of the stack log:"; tail -60 "$STACK_LOG"; fi
exit $rc
