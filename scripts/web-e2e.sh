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
# External sign-in runs against a small OpenID Connect provider on loopback (web/e2e/oidc-provider.mjs, port
# E2E_OIDC_PORT, default 4091), which the stack is configured with as the generic provider (OIDC_ISSUER ...).
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

# the sign-in provider the external sign-in tests use, before the stack (its customer subgraph reads the discovery)
oidc_port=${E2E_OIDC_PORT:-4091}
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$oidc_port/"; then
  echo "something already answers on port $oidc_port: stop it or set E2E_OIDC_PORT" >&2
  exit 1
fi
export OIDC_ISSUER="http://127.0.0.1:$oidc_port" OIDC_CLIENT_ID=shop-web OIDC_CLIENT_SECRET="e2e-$RANDOM$RANDOM"
export OIDC_PROVIDER_ID=local OIDC_PROVIDER_NAME="Local ID"
OIDC_PROVIDER_PORT=$oidc_port node web/e2e/oidc-provider.mjs > "$results/oidc-provider.log" 2>&1 &
oidc_pid=$!
stop_oidc() { kill "$oidc_pid" 2>/dev/null || true; wait "$oidc_pid" 2>/dev/null || true; }
for _ in $(seq 1 50); do curl -s -o /dev/null "$OIDC_ISSUER/.well-known/openid-configuration" && break; sleep 0.2; done

stack_start web-e2e || { stop_oidc; exit 1; }
trap 'stack_stop; stop_oidc' EXIT

set +e
(cd web && WEB_URL="http://localhost:${WEB_PORT:-4080}" STACK_LOG="$STACK_LOG" RESULTS_DIR="$PWD/../$results" CHROMIUM_PATH="$chromium" \
  node --test --test-concurrency=1 --test-reporter=spec e2e/)
rc=$?
set -e

stack_stop || rc=1
stop_oidc
trap - EXIT
echo "screenshots: $results/ ($(ls "$results" | wc -l) files)"
if [ $rc -ne 0 ]; then echo "--- last 60 lines of the stack log:"; tail -60 "$STACK_LOG"; fi
exit $rc
