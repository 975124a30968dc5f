#!/usr/bin/env bash
# WeCom Guard's main job on one machine: Azurite, a WeCom sandbox tenant (2,000 members, 300 customer groups, planted
# handbook violations, fixed seed) and wecomguard serve; WeCom's signed callbacks in a burst (with retries), sample files
# scanned through the file-scan queue, the nightly sync and audits once; then a summary and the reports in a local folder.
# Usage: ./scripts/run-local.sh [--keep] [--members N] [--groups M] [--seed S]
#   --keep   leave serve, the sandbox and Azurite running after the summary (Ctrl-C stops everything this started)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

keep=false
members=2000; groups=300; seed=42
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true; shift ;;
    --members) members="$2"; shift 2 ;;
    --groups) groups="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --func)
      command -v func >/dev/null 2>&1 || die "--func needs Azure Functions Core Tools (func), which is not installed here; without it, wecomguard serve runs the same functions."
      die "--func is not supported yet: run 'func start' in functions/WeComGuard.Functions/bin/Release/net10.0 with the settings printed by --keep." ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
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

log "Building wecomguard..."
dotnet build functions/WeComGuard.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$REPO_ROOT/artifacts/cli" >/dev/null
log "Starting Azurite (data in $run_dir/azurite)..."
start_azurite "$run_dir/azurite"

args=(local-run --members "$members" --groups "$groups" --seed "$seed" --out "$run_dir" --storage "$AZURITE_CONNECTION_STRING")
$keep && args+=(--keep)
dotnet "$REPO_ROOT/artifacts/cli/wecomguard.dll" "${args[@]}" && status=0 || status=$?
echo "Open a report in a browser: file://$(find "$run_dir/reports" -name summary.html | head -n 1)"
echo "Everything from this run (roster, summary.txt, reports): $run_dir"
exit "$status"
