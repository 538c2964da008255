#!/usr/bin/env bash
# Runs node:test files through tsx. unit: every *.test.ts next to the code (pure logic, no root needed).
# integration: tests/integration/*.test.ts against the real OVS, DPDK and Docker (root).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-unit}"
case "$kind" in
  unit) mapfile -t files < <(find lib server components -name '*.test.ts' -not -path '*/node_modules/*' | sort) ;;
  integration) mapfile -t files < <(find tests/integration -name '*.test.ts' | sort) ;;
  *) echo "usage: $0 unit|integration" >&2; exit 2 ;;
esac
if [ "${#files[@]}" -eq 0 ]; then echo "no $kind tests found" >&2; exit 1; fi
# Integration files name everything from their own lab ids, subnets and ports, so two run side by side
# (OVSLAB_TEST_CONCURRENCY=1 runs them one at a time).
concurrency=2
[ "$kind" = integration ] && concurrency="${OVSLAB_TEST_CONCURRENCY:-2}"
exec node --import tsx --test --test-concurrency="$concurrency" --test-reporter=spec "${files[@]}"
