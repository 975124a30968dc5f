#!/usr/bin/env bash
# A bounded loopback load on the callback endpoint: Azurite + wecomguard serve, then 2,000 signed callbacks (plus
# duplicates) at 50 concurrent. Prints lost, duplicated and ack latency beside the same run's floor.
# Usage: ./scripts/load-callbacks.sh [--count N] [--concurrency C]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
require_prerequisites
ensure_node_tools

work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-load.XXXXXX")"
SERVE_PID=""
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_azurite "$work/azurite"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
start_serve_for_load "$work"
log "serve is up at $SERVE_URL; sending load..."
load_tool load-callbacks --url "$SERVE_URL" "$@"
