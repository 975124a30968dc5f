#!/usr/bin/env bash
# WeCom API calls of one nightly directory chain on a generated tenant (Azurite + an in-process sandbox): the sync, the
# account and group audits on the mirror, and the same audits reading WeCom live (the design before the mirror was the
# audits' read model), with the rate-limit floor of the busiest API.
# Usage: ./scripts/bench-nightly-calls.sh [--members N] [--groups M] [--limit L]   (default 100000 20000 10000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
require_prerequisites
ensure_node_tools

work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-nightlycalls.XXXXXX")"
cleanup() {
  stop_azurite
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build tests/WeComGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
start_azurite "$work/azurite"
export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
/usr/bin/time -v dotnet tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll nightly-calls "$@" 2> >(grep -E "Maximum resident|Elapsed" >&2)
