#!/usr/bin/env bash
# The ovs-lab CLI (see `ovs-lab help`).
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here" && exec node --import tsx server/cli/main.ts "$@"
