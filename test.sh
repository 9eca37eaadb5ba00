#!/usr/bin/env bash
# Runs every test of the project: unit, integration (real Kafka broker and MongoDB-wire server started by the
# tests), contract checks (supergraph composition, each subgraph's live _service SDL), the system tests (module
# system-tests: 200 concurrent checkouts, fault tests), then the acceptance journey against a fresh ./run.sh stack,
# then the web clients' browser tests (headless Chromium) against another fresh stack, then the short chaos test of
# the process cluster (scripts/chaos.sh --short: scripts/cluster.sh up, one Kafka broker, orders instance, router and
# wallet instance killed under load, invariants checked, down). Prints each stage's time.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-env.sh

declare -a summary=()
stage() {
  local name="$1"; shift
  local t0=$(date +%s)
  echo "=== stage: $name"
  if "$@"; then
    summary+=("$(printf '%-45s %5ss  ok' "$name" $(( $(date +%s) - t0 )))")
  else
    local rc=$?
    summary+=("$(printf '%-45s %5ss  FAILED' "$name" $(( $(date +%s) - t0 )))")
    print_summary
    exit $rc
  fi
}
print_summary() {
  echo "=== stage durations"
  printf '%s\n' "${summary[@]}"
}

stage "build, unit, integration and contract tests" mvn -B -ntp install
stage "acceptance journey (../shared/acceptance/journey.mjs)" scripts/journey.sh
stage "web clients in Chromium (web/e2e, screenshots in results/web-e2e)" scripts/web-e2e.sh
stage "cluster chaos test, short (scripts/chaos.sh --short)" scripts/chaos.sh --short
print_summary
