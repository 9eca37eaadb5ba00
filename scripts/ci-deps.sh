#!/usr/bin/env bash
# Installs what the tests need beyond Maven on a new machine; idempotent and quiet (prints only on failure):
#   - Debian's chromium, for the browser tests (driven by playwright-core with executablePath; no browser download);
#   - Debian's haproxy, the load balancer of scripts/cluster.sh (the chaos test stage; cluster.sh would install it too);
#   - the npm packages of the router's GraphiQL bundle and of its browser test (npm ci from their lock files).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  log=$(mktemp)
  if ! { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
fi
for dir in bff-router/src/main/explorer bff-router/src/test/browser; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
