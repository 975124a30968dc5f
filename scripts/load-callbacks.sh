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
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$work/cli" >/dev/null
dotnet build tests/WeComGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
start_azurite "$work/azurite"

# A throwaway receiver for this run only.
export LOAD_TOKEN="load$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
export LOAD_AES_KEY="$(node -e 'const c=require("crypto");let s="";while(s.length<43){const b=c.randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g,"");s+=b}console.log(s.slice(0,43))')"
export LOAD_CORP_ID="wwload0000000000"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
port="$(free_port)"
WeCom__Callbacks__contacts__Token="$LOAD_TOKEN" WeCom__Callbacks__contacts__EncodingAesKey="$LOAD_AES_KEY" \
WeCom__Callbacks__contacts__ReceiveId="$LOAD_CORP_ID" Logging__LogLevel__Default=Warning \
  dotnet "$work/cli/wecomguard.dll" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; die "wecomguard serve exited."; }
  sleep 0.2
done
log "serve is up on port $port; sending load..."
dotnet tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll load-callbacks --url "http://127.0.0.1:$port" "$@"
