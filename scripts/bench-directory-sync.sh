#!/usr/bin/env bash
# Full directory sync of a generated sandbox tenant under a per-API rate limit: Azurite + `wecomguard sandbox` (its own
# process) + the sync. Prints wall time beside the floor set by the limit (calls needed / allowed rate) and peak memory.
# Usage: ./scripts/bench-directory-sync.sh [--members N] [--groups M] [--limit L] [--runs R]   (default 100000 20000 10000 1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
require_prerequisites
ensure_node_tools

members=100000 groups=20000 limit=10000 runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members="$2"; shift 2 ;;
    --groups) groups="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) die "Unknown option $1" ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-syncbench.XXXXXX")"
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$work/cli" >/dev/null
dotnet build tests/WeComGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
start_azurite "$work/azurite"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"

port="$(free_port)"
dotnet "$work/cli/wecomguard.dll" sandbox --port "$port" --members "$members" --groups "$groups" --seed 1 --rate-limit "$limit" \
  >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$work/sandbox.log" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; die "wecomguard sandbox exited."; }
  sleep 0.2
done
log "sandbox is up on port $port; syncing..."
dotnet tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll sync-directory \
  --wecom "http://127.0.0.1:$port" --corp-id wwsandbox0000000001 --members "$members" --groups "$groups" --limit "$limit" --runs "$runs"
