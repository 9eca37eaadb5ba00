#!/usr/bin/env bash
# The web clients' browser tests (web/e2e: node:test + playwright-core driving the machine's Chromium) against a
# fresh ./run.sh stack; screenshots of every page go to results/web-e2e/ (git-ignored, kept as build artifacts).
#   scripts/web-e2e.sh            exit code = the tests'
# The stack runs the production configuration of persisted operations: the clients send trusted documents by id
# only (WEB_PERSISTED_OPERATIONS=trusted) and the router enforces the web build's manifest and refuses any document
# text (ROUTER_TRUSTED_DOCUMENTS_MODE=enforce, ROUTER_TRUSTED_DOCUMENTS_REQUIRE_ID=true); set those three to run
# another configuration (e.g. WEB_PERSISTED_OPERATIONS=none ROUTER_TRUSTED_DOCUMENTS_MODE=log: text, as ./run.sh's GraphiQL).
# Env: CHROMIUM_PATH (default /usr/bin/chromium; Debian package chromium), WEB_PORT and the other *_PORT variables,
# STACK_READY_TIMEOUT, E2E_LIVE_TIMEOUT_MS (how long a live update may take, default 45000).
# The account tests follow the verification and reset links the stack mails: without SMTP the local stack writes
# account emails to its log (LOG_ACCOUNT_LINKS, default on), which the tests read (STACK_LOG).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stack.sh
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "Chromium not found at $chromium: apt-get install chromium (or set CHROMIUM_PATH)" >&2; exit 1; }
[ -d web/node_modules/playwright-core ] || { echo "web/node_modules is missing: run mvn -pl web install (or npm ci in web/)" >&2; exit 1; }

results=results/web-e2e
rm -rf "$results" && mkdir -p "$results"
export WEB_PERSISTED_OPERATIONS=${WEB_PERSISTED_OPERATIONS:-trusted}
export ROUTER_TRUSTED_DOCUMENTS_MODE=${ROUTER_TRUSTED_DOCUMENTS_MODE:-enforce}
export ROUTER_TRUSTED_DOCUMENTS_REQUIRE_ID=${ROUTER_TRUSTED_DOCUMENTS_REQUIRE_ID:-true}
# account emails to the log (no SMTP server), where the account tests read their links
export LOG_ACCOUNT_LINKS=true
unset SPRING_MAIL_HOST
# one verification e-mail a minute per account (the default) would hold the change of e-mail back after the sign-up's
export SHOP_ACCOUNTS_EMAILRESENDINTERVAL=${SHOP_ACCOUNTS_EMAILRESENDINTERVAL:-PT0S}
echo "persisted operations: clients $WEB_PERSISTED_OPERATIONS, router $ROUTER_TRUSTED_DOCUMENTS_MODE (require id: $ROUTER_TRUSTED_DOCUMENTS_REQUIRE_ID)"
stack_start web-e2e

set +e
(cd web && WEB_URL="http://localhost:${WEB_PORT:-4080}" STACK_LOG="$STACK_LOG" RESULTS_DIR="$PWD/../$results" CHROMIUM_PATH="$chromium" \
  node --test --test-concurrency=1 --test-reporter=spec e2e/)
rc=$?
set -e

stack_stop || rc=1
echo "screenshots: $results/ ($(ls "$results" | wc -l) files)"
if [ $rc -ne 0 ]; then echo "--- last 60 lines of the stack log:"; tail -60 "$STACK_LOG"; fi
exit $rc
