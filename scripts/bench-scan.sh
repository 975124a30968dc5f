#!/usr/bin/env bash
# WeCom Guard scanning throughput: a generated 100 MB mixed Chinese text file scanned by WeCom Guard's detectors and, in
# the same run, by ripgrep with an equivalent regex set (ripgrep only matches; WeCom Guard also validates checksums,
# dates, card networks, keyword proximity, and masks and fingerprints each finding). Then docx, xlsx and pdf extraction.
# Usage: scripts/bench-scan.sh [MB]   (needs ripgrep: apt-get install -y ripgrep)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

size_mb="${1:-100}"
command -v rg >/dev/null || { echo "ripgrep (rg) is not installed: apt-get install -y ripgrep" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build tests/WeComGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
bench() { dotnet "tests/WeComGuard.Benchmarks/bin/Release/net10.0/WeComGuard.Benchmarks.dll" scan-throughput "$@"; }

corpus="$work/mixed-zh.txt"
bench generate "$corpus" "$size_mb"
bytes="$(stat -c %s "$corpus")"
echo "corpus: $corpus, $bytes bytes ($(nproc) cores, $(rg --version | head -1))"

# The same detectors as regexes, with ASCII word boundaries standing in for "no touching letters or digits".
B='(?-u:\b)'
patterns=(
  -e "${B}[1-8][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]${B}"
  -e "${B}(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}${B}"
  -e "${B}(?:62[0-9]{14,17}|4[0-9]{12}(?:[0-9]{3}|[0-9]{6})?|5[1-5][0-9]{14})${B}"
  -e "${B}[1-9ANY][1239][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}${B}"
  -e "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
  -e "${B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${B}"
  -e "gh[pousr]_[A-Za-z0-9]{36}"
  -e "LTAI[A-Za-z0-9]{12,20}"
  -e "eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
  -e "-----BEGIN [A-Z ]*PRIVATE KEY-----"
  -e "${B}(?:E[0-9A-HJ-NP-Z][0-9]{7}|G[0-9]{8}|[PSD]E[0-9]{7}|C[0-9A-HJ-NP-Z][0-9]{7}|[HM][0-9]{8}(?:[0-9]{2})?)${B}"
  -e "(?:密码|口令|password|passwd|pwd)\s*[:：=]\s*\S{6,}"
  -e "(?:绝密|机密|秘密)\s*★|商业秘密|内部资料"
  -e "(?i:secret|token|api_?key|access_?key)\s*[:=]\s*['\"]?[A-Za-z0-9_+/=.-]{10,150}"
)
best=""
for run in 1 2 3; do
  start="$(date +%s.%N)"
  matches="$(rg --count-matches --no-filename "${patterns[@]}" "$corpus")"
  end="$(date +%s.%N)"
  seconds="$(echo "$end - $start" | bc -l)"
  if [[ -z "$best" ]] || (( $(echo "$seconds < $best" | bc -l) )); then best="$seconds"; fi
done
printf 'ripgrep %s regexes: %.1f MB/s, %s matches, best of 3\n' "$(( ${#patterns[@]} / 2 ))" "$(echo "$bytes / 1048576 / $best" | bc -l)" "$matches"

bench text "$corpus"
bench office "$work/office"
