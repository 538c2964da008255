#!/usr/bin/env bash
# One command: installs what is missing, starts the daemons, brings up the seed lab, serves the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3000}"
bash scripts/install-deps.sh

# A server already answering on PORT gets the seed lab (idempotent) and its links are printed again.
set +e
node --import tsx scripts/up-running.ts
rc=$?
set -e
[ "$rc" = 3 ] || exit "$rc"

echo "[ovs-lab] building the dashboard"
npx next build >/tmp/ovs-lab-next-build.log 2>&1 || { tail -40 /tmp/ovs-lab-next-build.log; exit 1; }
export NODE_ENV=production OVSLAB_BOOT_TEMPLATE="${OVSLAB_BOOT_TEMPLATE:-seed}"
exec node --import tsx server/main.ts
