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
serve_pid=""; load_pid=""
cleanup() {
  for pid in "$load_pid" "$serve_pid"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$work/cli" >/dev/null
dotnet build tests/WeComGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
start_azurite "$work/azurite"

export LOAD_TOKEN="soak$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
export LOAD_AES_KEY="$(node -e 'const c=require("crypto");let s="";while(s.length<43){s+=c.randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g,"")}console.log(s.slice(0,43))')"
export LOAD_CORP_ID="wwsoak0000000000"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
port="$(free_port)"
WeCom__Callbacks__contacts__Token="$LOAD_TOKEN" WeCom__Callbacks__contacts__EncodingAesKey="$LOAD_AES_KEY" \
WeCom__Callbacks__contacts__ReceiveId="$LOAD_CORP_ID" Logging__LogLevel__Default=Warning \
  dotnet "$work/cli/wecomguard.dll" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 150); do
  node -e "fetch('http://127.0.0.1:$port/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done

seconds=$((minutes * 60))
count=$((seconds * rate))
log "Soak: $count callbacks over $minutes min at $rate/s; Azurite restarts at the half-way mark."
# WeCom retries a failed callback after about 5 s, three times; so does the load here.
dotnet tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll load-callbacks --url "http://127.0.0.1:$port" \
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
