#!/usr/bin/env bash
# Shared helpers for WeCom Guard's scripts: the pinned Node.js tools (Azurite, @wecom/crypto) and a private Azurite.
# Sourced, not run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_TOOLS="$REPO_ROOT/tools/node"
AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's published development key, not a secret

log() { printf '\033[1;34m[wecomguard]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[wecomguard]\033[0m %s\n' "$*" >&2; exit 1; }

require_prerequisites() {
  command -v dotnet >/dev/null 2>&1 || die "The .NET 10 SDK is required (dotnet not found on PATH)."
  command -v node >/dev/null 2>&1 || die "Node.js 20 or later is required (node not found on PATH)."
  command -v npm >/dev/null 2>&1 || die "npm is required (it comes with Node.js)."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js 20 or later is required (found $(node --version))."
}

# Installs the pinned Node.js tools from tools/node/package-lock.json into tools/node/node_modules (git-ignored),
# again only when the lockfile changed since the last install.
ensure_node_tools() {
  local stamp="$NODE_TOOLS/node_modules/.wecomguard-lock.sha256"
  local want
  want="$(sha256sum "$NODE_TOOLS/package-lock.json" | cut -d' ' -f1)"
  if [ -x "$NODE_TOOLS/node_modules/.bin/azurite" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "Installing pinned Node.js tools (Azurite, @wecom/crypto) from tools/node/package-lock.json..."
  (cd "$NODE_TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in tools/node."
  echo "$want" > "$stamp"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# start_azurite DIR: starts Azurite on free loopback ports with its data under DIR; sets AZURITE_PID and
# AZURITE_CONNECTION_STRING. Stop it with stop_azurite.
start_azurite() {
  local dir="$1"
  mkdir -p "$dir"
  AZURITE_LOCATION="$dir"
  local blob queue table
  blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
  while [ "$queue" = "$blob" ]; do queue="$(free_port)"; done
  while [ "$table" = "$blob" ] || [ "$table" = "$queue" ]; do table="$(free_port)"; done
  "$NODE_TOOLS/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --loose \
    --location "$dir" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.out" 2>&1 &
  AZURITE_PID=$!
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  local i
  for i in $(seq 1 100); do
    if node -e "const n=require('net');let ok=0;for(const p of [$blob,$queue,$table]){const s=n.connect(p,'127.0.0.1',()=>{s.end();if(++ok===3)process.exit(0);});s.on('error',()=>process.exit(1));}" 2>/dev/null; then
      log "Azurite is up (pid $AZURITE_PID; blob $blob, queue $queue, table $table)."
      return 0
    fi
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$dir/azurite.out" >&2; die "Azurite exited during start-up."; }
    sleep 0.2
  done
  die "Azurite did not start within 20 s (see $dir/azurite.out)."
}

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
    log "Azurite stopped."
  fi
  AZURITE_PID=""
}

# restart_azurite: stops Azurite (SIGINT, so it flushes its data) and starts it again on the same ports and folder.
restart_azurite() {
  local blob queue table
  blob="$(sed -nE 's/.*BlobEndpoint=http:\/\/127.0.0.1:([0-9]+).*/\1/p' <<<"$AZURITE_CONNECTION_STRING")"
  queue="$(sed -nE 's/.*QueueEndpoint=http:\/\/127.0.0.1:([0-9]+).*/\1/p' <<<"$AZURITE_CONNECTION_STRING")"
  table="$(sed -nE 's/.*TableEndpoint=http:\/\/127.0.0.1:([0-9]+).*/\1/p' <<<"$AZURITE_CONNECTION_STRING")"
  kill -INT "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  "$NODE_TOOLS/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --loose \
    --location "$AZURITE_LOCATION" --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >>"$AZURITE_LOCATION/azurite.out" 2>&1 &
  AZURITE_PID=$!
  log "Azurite restarted (pid $AZURITE_PID)."
}

# Headless Chromium (Debian's package) for the browser check of the audit pages, and a CJK font (Debian's fonts-noto-cjk)
# so their Chinese is drawn with real glyphs: the browser test fails on tofu.
ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "Installing Debian's ${missing[*]} for the audit pages' browser check..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null 2>&1 \
      || die "apt-get install ${missing[*]} failed; the browser tests need it."
  else
    log "${missing[*]} not installed and this user cannot apt-get it: the audit pages' browser tests will fail (install Debian's ${missing[*]})."
  fi
}

# A 43-character EncodingAESKey, as the WeCom admin console generates.
random_aes_key() {
  node -e 'const c=require("crypto");let s="";while(s.length<43){s+=c.randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g,"")}console.log(s.slice(0,43))'
}

# wait_for_http URL PID LOG: waits up to 30 s for URL to answer 2xx while process PID lives (LOG is shown if it dies).
wait_for_http() {
  local url="$1" pid="$2" logfile="$3"
  for _ in $(seq 1 150); do
    node -e "fetch('$url').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$logfile" >&2; die "The process behind $url exited during start-up."; }
    sleep 0.2
  done
  die "$url did not answer within 30 s (see $logfile)."
}

# start_serve_for_load WORKDIR: builds wecomguard and the load tool, then starts wecomguard serve on a free port against
# $AzureWebJobsStorage with a throwaway callback receiver 'contacts'. Exports LOAD_TOKEN, LOAD_AES_KEY and LOAD_CORP_ID for
# the load tool; sets SERVE_PID and SERVE_URL.
start_serve_for_load() {
  local work="$1"
  dotnet build "$REPO_ROOT/functions/WeComGuard.Cli" -c Release -nologo -v q -clp:ErrorsOnly -o "$work/cli" >/dev/null
  dotnet build "$REPO_ROOT/tests/WeComGuard.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
  LOAD_TOKEN="load$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
  LOAD_AES_KEY="$(random_aes_key)"
  LOAD_CORP_ID="wwload0000000000"
  export LOAD_TOKEN LOAD_AES_KEY LOAD_CORP_ID
  local port
  port="$(free_port)"
  WeCom__Callbacks__contacts__Token="$LOAD_TOKEN" WeCom__Callbacks__contacts__EncodingAesKey="$LOAD_AES_KEY" \
  WeCom__Callbacks__contacts__ReceiveId="$LOAD_CORP_ID" Logging__LogLevel__Default=Warning \
    dotnet "$work/cli/wecomguard.dll" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  SERVE_PID=$!
  SERVE_URL="http://127.0.0.1:$port"
  wait_for_http "$SERVE_URL/api/health" "$SERVE_PID" "$work/serve.log"
}

# The load tool (tests/WeComGuard.Benchmarks, built by start_serve_for_load).
load_tool() {
  dotnet "$REPO_ROOT/tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll" "$@"
}

# --- The real Azure Functions host ---------------------------------------------------------------------------------

# find_functions_host: sets FUNCTIONS_HOST_KIND (func | folder) and FUNCTIONS_HOST (func's path or the host folder) and
# returns 0 when a host is found; otherwise sets FUNCTIONS_HOST_MISSING (why) and returns 1. Order: Core Tools' func on
# PATH, $WECOMGUARD_FUNCTIONS_HOST (a host folder), ../shared/tools/functions-host/bin beside the repository (or beside
# a worktree's main checkout). The CLI and the tests find it the same way (FunctionsHostLocation, kept in step by
# FunctionsHostDiscoveryTests); the host itself is started from C# (FunctionsHostProcess).
find_functions_host() {
  FUNCTIONS_HOST_KIND=""; FUNCTIONS_HOST=""; FUNCTIONS_HOST_MISSING=""
  # bash's command -v names a file on PATH that is not executable when it finds no executable one: that is no command.
  local func
  if func="$(command -v func 2>/dev/null)" && [ -x "$func" ]; then
    FUNCTIONS_HOST_KIND=func; FUNCTIONS_HOST="$func"; return 0
  fi
  if [ -n "${WECOMGUARD_FUNCTIONS_HOST:-}" ]; then
    if [ -f "$WECOMGUARD_FUNCTIONS_HOST/Microsoft.Azure.WebJobs.Script.WebHost.dll" ]; then
      FUNCTIONS_HOST_KIND=folder; FUNCTIONS_HOST="$(cd "$WECOMGUARD_FUNCTIONS_HOST" && pwd)"; return 0
    fi
    FUNCTIONS_HOST_MISSING="WECOMGUARD_FUNCTIONS_HOST=$WECOMGUARD_FUNCTIONS_HOST has no Microsoft.Azure.WebJobs.Script.WebHost.dll"
    return 1
  fi
  # Beside the repository; for a git worktree, also beside its main checkout.
  local shared="$REPO_ROOT/../shared/tools/functions-host/bin" main
  main="$(git -C "$REPO_ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  for candidate in "$shared" ${main:+"$(dirname "$main")/../shared/tools/functions-host/bin"}; do
    if [ -f "$candidate/Microsoft.Azure.WebJobs.Script.WebHost.dll" ]; then
      FUNCTIONS_HOST_KIND=folder; FUNCTIONS_HOST="$(cd "$candidate" && pwd)"; return 0
    fi
  done
  FUNCTIONS_HOST_MISSING="no func on PATH, WECOMGUARD_FUNCTIONS_HOST is not set and $shared does not exist"
  return 1
}

# describe_functions_host: one line naming the host find_functions_host found.
describe_functions_host() {
  case "$FUNCTIONS_HOST_KIND" in
    func) echo "Azure Functions Core Tools ($FUNCTIONS_HOST)" ;;
    folder) echo "the Azure Functions host in $FUNCTIONS_HOST" ;;
    *) echo "no Functions host ($FUNCTIONS_HOST_MISSING)" ;;
  esac
}
