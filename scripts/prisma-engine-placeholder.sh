#!/bin/sh
# Stands in for Prisma's schema-engine binary, which the CLI cannot download on this network.
# `prisma generate` only asks it for --version and never runs it; anything else is refused so a
# migrate/db command fails loudly instead of doing nothing (migrations are applied by
# server/db/migrate.ts at start-up; see docs/snapshots.md).
case "$1" in
  --version|-V) echo "schema-engine-cli 0.0.0-placeholder" ; exit 0 ;;
esac
echo "prisma-engine-placeholder: the real schema engine is not available here; see docs/snapshots.md" >&2
exit 1
