#!/usr/bin/env bash
# WeCom Guard's tests: installs the pinned Node.js tools (Azurite, @wecom/crypto), builds, and runs every test.
# Storage tests start their own Azurite (in-memory, --skipApiVersionCheck, free loopback ports) per test class and stop
# it afterwards; anything left behind by a killed test run is stopped here on exit.
# Extra arguments go to `dotnet test` (e.g. --filter Callback).
# --unit runs only the unit tests: every test class without a Needs trait (no Azurite, Bicep, Chromium, Functions host,
# Node.js or other process; README, "What the tests run"), and installs nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

unit=false
if [ "${1:-}" = --unit ]; then
  unit=true; shift
fi

require_prerequisites
if ! $unit; then
  ensure_node_tools
  ensure_chromium
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-test.XXXXXX")"
cleanup() {
  pkill -f -- "--location $work/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The host conformance suite (tests/WeComGuard.Tests/Host) runs against the real Functions host found here.
filter=()
if $unit; then
  needs=(Azurite Bicep Chromium FunctionsHost Node Process)
  filter=(--filter "$(printf 'Needs!=%s&' "${needs[@]}" | sed 's/&$//')")
  log "Unit tests only: leaving out the test classes that need ${needs[*]}."
elif find_functions_host; then
  log "Host conformance suite: $(describe_functions_host)."
  [ "$FUNCTIONS_HOST_KIND" = folder ] && export WECOMGUARD_FUNCTIONS_HOST="$FUNCTIONS_HOST"
else
  log "Host conformance suite did not run: $FUNCTIONS_HOST_MISSING.${CI:+ (CI: its tests fail without a host.)}"
fi
$unit || export WECOMGUARD_NODE_TOOLS="$NODE_TOOLS"
export WECOMGUARD_TEST_WORK="$work"

log "Building..."
dotnet build Functions.sln -c Release -nologo -v q -clp:ErrorsOnly
log "Running tests..."
set +e
dotnet test Functions.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "${filter[@]}" "$@" 2>&1 | tee "$work/test.log" | grep -vE '^\s+Passed '
status="${PIPESTATUS[0]}"
set -e
# dotnet test prints "Passed: N", "Failed: N" and "Skipped: N" per test assembly; add them up.
count() { { grep -E "^\s+$1: +[0-9]+" "$work/test.log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed="$(count Passed)"; failed="$(count Failed)"; skipped="$(count Skipped)"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
