#!/usr/bin/env bash
# WeCom Guard's main job on one machine: Azurite, wecomguard serve, and signed WeCom callbacks sent to it, then a
# summary of what was recorded and processed.
# Usage: ./scripts/run-local.sh [--keep]   (--keep leaves Azurite and serve running; Ctrl-C stops everything started)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

keep=false
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "Unknown option $arg (see --help)." ;;
  esac
done

require_prerequisites
ensure_node_tools

run_dir="$REPO_ROOT/.local/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  stop_azurite
}
if ! $keep; then trap cleanup EXIT; fi
trap 'cleanup; exit 130' INT TERM

log "1/4 Building wecomguard..."
dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$REPO_ROOT/artifacts/cli" >/dev/null
cli="$REPO_ROOT/artifacts/cli/wecomguard.dll"

log "2/4 Starting Azurite (data in $run_dir/azurite)..."
start_azurite "$run_dir/azurite"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"

# A callback receiver for this run: random Token and EncodingAESKey, as the WeCom admin console would generate.
token="$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')"
aes_key="$(node -e 'const c=require("crypto");let s="";while(s.length<43){s+=c.randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g,"")}console.log(s.slice(0,43))')"
corp_id="wwlocal0000000001"
port="$(free_port)"
log "3/4 Starting wecomguard serve on http://127.0.0.1:$port (log: $run_dir/serve.log)..."
WeCom__Callbacks__contacts__Token="$token" WeCom__Callbacks__contacts__EncodingAesKey="$aes_key" WeCom__Callbacks__contacts__ReceiveId="$corp_id" \
  dotnet "$cli" serve --urls "http://127.0.0.1:$port" >"$run_dir/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$port/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$run_dir/serve.log" >&2; die "wecomguard serve exited during start-up."; }
  sleep 0.2
done

log "4/4 Sending signed callbacks (URL verification, contact and group events, a retried duplicate, a forged one)..."
NODE_PATH="$NODE_TOOLS/node_modules" node "$REPO_ROOT/scripts/send-sample-callbacks.cjs" \
  "http://127.0.0.1:$port/api/wecom/callback/contacts" "$token" "$aes_key" "$corp_id" | tee "$run_dir/callbacks.txt"

for _ in $(seq 1 50); do
  dotnet "$cli" events list --app contacts >"$run_dir/events.txt" 2>&1 || true
  tail -n 1 "$run_dir/events.txt" | grep -qvE 'queued|received|processing' && break
  sleep 0.5
done

echo
echo "== WeCom Guard local run =="
echo "Events recorded (table WeComEvents, receiver 'contacts'):"
sed 's/^/  /' "$run_dir/events.txt"
echo "Run folder: $run_dir"
if $keep; then
  echo "Left running (--keep): serve on http://127.0.0.1:$port (pid $serve_pid), Azurite (pid $AZURITE_PID)."
  echo "  export AzureWebJobsStorage='$AZURITE_CONNECTION_STRING'"
fi
