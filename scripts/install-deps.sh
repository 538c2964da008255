#!/usr/bin/env bash
# Installs what ovs-lab needs on Debian 12, as root; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  openvswitch-switch openvswitch-switch-dpdk
  librte-net-af-packet23 librte-mempool-ring23   # DPDK's af_packet PMD and mempool driver, loaded as plugins
  docker.io iptables busybox-static
  iproute2 ethtool tcpdump fping iperf3 netcat-openbsd procps
  python3   # the link relay (server/impair)
  gcc libc6-dev   # builds the socket and ICMP probers (server/probes/*-prober/*.c) when the server starts
  ovn-central ovn-host   # multi-host labs: OVN's databases, ovn-northd, ovn-controller (server/multihost)
)
[ "${OVSLAB_WITH_BROWSER:-0}" = 1 ] && APT_PACKAGES+=(chromium fonts-dejavu-core)
# The bench's peer: Mininet's pingAll on the same OVS (it runs ping inside its hosts).
[ "${OVSLAB_WITH_BENCH:-0}" = 1 ] && APT_PACKAGES+=(mininet iputils-ping)

log() { printf '[ovs-lab] %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
  echo "ovs-lab drives OVS, Docker and network namespaces: run this as root." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "ovs-lab needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Package scripts cannot start services here (no systemd); ovs-lab starts the daemons itself.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.ovs-lab-lock-sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi
# The Prisma client is generated, not committed (lib/generated/ is ignored).
if [ ! -d lib/generated/prisma ] || [ prisma/schema.prisma -nt lib/generated/prisma ]; then
  log "generating the Prisma client"
  npm run --silent db:generate >/dev/null
  touch lib/generated/prisma
fi
