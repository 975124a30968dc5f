#!/usr/bin/env bash
# A bounded soak of the callback path: Azurite + wecomguard serve under a steady signed-callback load for N minutes
# (default 10), with Azurite restarted once in the middle. Prints lost and duplicated events and serve's memory over time.
# Usage: ./scripts/soak.sh [--minutes N] [--rate PER_SECOND]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
minutes=10
rate=20
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    *) die "Unknown option $1." ;;
  esac
done
require_prerequisites
ensure_node_tools

work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-soak.XXXXXX")"
SERVE_PID=""; load_pid=""
cleanup() {
  for pid in "$load_pid" "$SERVE_PID"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_azurite "$work/azurite"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
start_serve_for_load "$work"
serve_pid="$SERVE_PID"

seconds=$((minutes * 60))
count=$((seconds * rate))
log "Soak: $count callbacks over $minutes min at $rate/s; Azurite restarts at the half-way mark."
# WeCom retries a failed callback after about 5 s, three times; so does the load here.
load_tool load-callbacks --url "$SERVE_URL" \
  --count "$count" --concurrency 20 --duration-seconds "$seconds" --retry-delay-ms 5000 --attempts 4 >"$work/load.out" 2>&1 &
load_pid=$!

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$serve_pid/status"; }
echo "minute  serve RSS (MiB)"
start=$SECONDS; restarted=false
while kill -0 "$load_pid" 2>/dev/null; do
  elapsed=$((SECONDS - start))
  if ! $restarted && [ "$elapsed" -ge $((seconds / 2)) ]; then
    restart_azurite; restarted=true
  fi
  if [ $((elapsed % 30)) -eq 0 ]; then printf '%6.1f  %s\n' "$(echo "$elapsed/60" | awk -F/ '{print $1/$2}')" "$(rss)"; fi
  sleep 1
done
wait "$load_pid" && status=0 || status=$?
cat "$work/load.out"
echo "serve RSS at the end: $(rss) MiB"
exit "$status"
