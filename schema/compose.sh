#!/usr/bin/env bash
# Installs the composer (npm, pinned by package-lock.json) when missing, then composes or checks the supergraph.
#   schema/compose.sh          regenerate schema/supergraph.graphql
#   schema/compose.sh --check  fail when the checked-in supergraph is stale
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node (20+) is needed to compose the supergraph" >&2; exit 1; }
if [ ! -d node_modules/@apollo/composition ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error >/dev/null; else npm install --no-audit --no-fund --loglevel=error >/dev/null; fi
fi
exec node compose.mjs "$@"
