#!/usr/bin/env bash
# npm run lint: ESLint with zero warnings, the layer rules (dependency-cruiser), the typecheck, and the C
# helpers (server/probes/*/*.c) without a warning. All four run even when one fails, so one pass shows everything; the exit status is 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== eslint";     npm run --silent lint:eslint || status=1
echo "== layers";     npm run --silent lint:deps || status=1
echo "== typecheck";  npm run --silent typecheck || status=1
echo "== C helpers"
for source in server/probes/native/helper-io.c server/probes/*-prober/*.c; do
  cc -fsyntax-only -std=gnu11 -Wall -Wextra -Werror "$source" || status=1
done
[ "$status" = 0 ] && echo "lint: ok" || echo "lint: failed"
exit $status
