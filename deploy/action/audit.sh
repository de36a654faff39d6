#!/usr/bin/env bash
# Audit step of kaikille's GitHub Action (action.yml). The inputs arrive as INPUT_* environment
# variables (never pasted into this script, so no input can run as code); the counts go to
# $GITHUB_OUTPUT and the Markdown summary to $GITHUB_STEP_SUMMARY. It exits 0 whatever the audit
# found: the action's last step fails the job with the audit's exit code, once the reports are uploaded.
set -uo pipefail
set -f  # URLs and check names are split on white space, never expanded as file patterns

out=${INPUT_OUT:-kaikille-report}
args=(audit --out "$out")
[ -n "${INPUT_SITES:-}" ] && args+=(--sites "$INPUT_SITES")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_JOURNEYS:-}" ] && args+=(--journeys "$INPUT_JOURNEYS")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_STANDARD:-}" ] && args+=(--standard "$INPUT_STANDARD")
for check in ${INPUT_CHECKS:-}; do args+=(--checks "$check"); done
for url in ${INPUT_URLS:-}; do args+=("$url"); done

kaikille "${args[@]}"
code=$?

outputs=${GITHUB_OUTPUT:-/dev/null}
{
  echo "exit-code=$code"
  if [ -d "$out" ]; then echo "report-dir=$out"; fi
  if [ -f "$out/results.sarif" ]; then echo "sarif=$out/results.sarif"; fi
  if [ -f "$out/results.json" ]; then
    python - "$out/results.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
totals, gate = data.get("totals", {}), data.get("gate", {})
print(f"pages={int(totals.get('pages', 0))}")
print(f"pages-audited={int(totals.get('pages_audited', 0))}")
print(f"violations={int(totals.get('violations', 0))}")
print(f"failing={len(gate.get('failing', []))}")
PY
  fi
} >> "$outputs"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then
  head -c 1000000 "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"  # GitHub takes at most 1 MiB a step
fi
exit 0
