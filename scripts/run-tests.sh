#!/usr/bin/env bash
# Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src test bench web -path web/dist -prune -o -name '*.test.ts' -print 2>/dev/null | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "run-tests: no test files found" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec "$@" "${files[@]}"
