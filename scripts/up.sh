#!/usr/bin/env bash
# One command: installs what is missing, starts the daemons, brings up the seed lab, serves the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3000}"
bash scripts/install-deps.sh

if node scripts/ping-server.mjs "http://127.0.0.1:${PORT}"; then
  echo "[ovs-lab] already serving on http://localhost:${PORT}; bringing the seed lab up there (idempotent)"
  node scripts/ping-server.mjs "http://127.0.0.1:${PORT}" up-seed
  exit 0
fi

echo "[ovs-lab] building the dashboard"
npx next build >/tmp/ovs-lab-next-build.log 2>&1 || { tail -40 /tmp/ovs-lab-next-build.log; exit 1; }
export NODE_ENV=production OVSLAB_BOOT_TEMPLATE="${OVSLAB_BOOT_TEMPLATE:-seed}"
exec node --import tsx server/main.ts
