#!/usr/bin/env bash
# WeCom Guard's main job on one machine: Azurite, a WeCom sandbox tenant (2,000 members, 300 customer groups, planted
# handbook violations, fixed seed) and the function app under the real Azure Functions host when one is found (else
# wecomguard serve); WeCom's signed callbacks in a burst (with retries), sample files scanned through the file-scan queue,
# the nightly sync and audits once; then a summary and the reports in a local folder.
# Usage: ./scripts/run-local.sh [--keep] [--serve] [--members N] [--groups M] [--seed S]
#   --keep   leave the host, the sandbox and Azurite running after the summary (Ctrl-C stops everything this started)
#   --serve  run the functions under wecomguard serve even when a Functions host is found
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

keep=false
serve=false
members=2000; groups=300; seed=42
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true; shift ;;
    --members) members="$2"; shift 2 ;;
    --groups) groups="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --serve) serve=true; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "Unknown option $1 (see --help)." ;;
  esac
done

require_prerequisites
ensure_node_tools

run_dir="$REPO_ROOT/.local/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
cleanup() { stop_azurite; }
trap cleanup EXIT
trap 'exit 130' INT TERM

host_args=()
if ! $serve && find_functions_host; then
  log "Functions host: $(describe_functions_host)."
  log "Building the function app (Release)..."
  dotnet build functions/WeComGuard.Functions -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
  host_arg="$FUNCTIONS_HOST"; [ "$FUNCTIONS_HOST_KIND" = func ] && host_arg=func
  host_args=(--functions-host "$host_arg" --functions-app "$REPO_ROOT/functions/WeComGuard.Functions/bin/Release/net10.0")
elif $serve; then
  log "Functions host: wecomguard serve (--serve)."
else
  log "Functions host: wecomguard serve ($(describe_functions_host))."
fi
log "Building wecomguard..."
dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$REPO_ROOT/artifacts/cli" >/dev/null
log "Starting Azurite (data in $run_dir/azurite)..."
start_azurite "$run_dir/azurite"

args=(local-run --members "$members" --groups "$groups" --seed "$seed" --out "$run_dir" --storage "$AZURITE_CONNECTION_STRING" "${host_args[@]}")
$keep && args+=(--keep)
dotnet "$REPO_ROOT/artifacts/cli/wecomguard.dll" "${args[@]}" && status=0 || status=$?
echo "Open the reports index in a browser: file://$run_dir/audit-index/index.html (every run's summary.html is linked from it)"
echo "Everything from this run (roster, summary.txt, reports): $run_dir"
exit "$status"
