#!/usr/bin/env bash
# The jalint GitHub Action's work (action.yml calls it): choose the files, run jalint, report.
#
# Inputs arrive as environment variables (action.yml maps them):
#   JALINT_PATHS        paths to check (space-separated; default ".")
#   JALINT_CHANGED_ONLY "true": on a pull request, only the Markdown files it changes under JALINT_PATHS
#   JALINT_BASELINE     a baseline file (only findings not recorded there are reported)
#   JALINT_FAIL_LEVEL   error | warning | info (default: the config's)
#   JALINT_SARIF        a file name: also write SARIF there (for github/codeql-action/upload-sarif)
#   JALINT              the jalint command (default "jalint")
# GitHub's own variables used: GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_OUTPUT.
set -euo pipefail

jalint=${JALINT:-jalint}
read -r -a paths <<< "${JALINT_PATHS:-.}"
args=(--format github)
[[ -n "${JALINT_BASELINE:-}" ]] && args+=(--baseline "$JALINT_BASELINE")
[[ -n "${JALINT_FAIL_LEVEL:-}" ]] && args+=(--fail-level "$JALINT_FAIL_LEVEL")

targets=("${paths[@]}")
if [[ "${JALINT_CHANGED_ONLY:-true}" == "true" && "${GITHUB_EVENT_NAME:-}" == pull_request* && -n "${GITHUB_BASE_REF:-}" ]]; then
  git fetch --no-tags --depth=1 origin "$GITHUB_BASE_REF" >/dev/null 2>&1 || true
  base=$(git merge-base HEAD "origin/$GITHUB_BASE_REF" 2>/dev/null || echo "origin/$GITHUB_BASE_REF")
  mapfile -t targets < <(git diff --name-only --diff-filter=ACMR "$base" HEAD -- "${paths[@]}" | grep -E '\.(md|markdown)$' || true)
  if [[ ${#targets[@]} -eq 0 ]]; then
    echo "jalint: no Markdown file changed under ${paths[*]}."
    [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "checked=0" >> "$GITHUB_OUTPUT"
    exit 0
  fi
fi

status=0
"$jalint" check "${args[@]}" "${targets[@]}" || status=$?
if [[ -n "${JALINT_SARIF:-}" ]]; then
  sarif_args=(--format sarif)
  [[ -n "${JALINT_BASELINE:-}" ]] && sarif_args+=(--baseline "$JALINT_BASELINE")
  "$jalint" check "${sarif_args[@]}" "${targets[@]}" > "$JALINT_SARIF" || true
fi
[[ -n "${GITHUB_OUTPUT:-}" ]] && echo "checked=${#targets[@]}" >> "$GITHUB_OUTPUT"
exit "$status"
