import type { Finding } from "../../lib/contracts/diagnosis";
import type { PathFacts } from "./path-facts";

/** The switch's drop counters that grew while the probe ran (switch-wide: other labs count too). */
export type SwitchDrops = Record<string, number>;

export function dropEvidence(drops: SwitchDrops): string[] {
  return Object.entries(drops).map(([name, n]) => `ovs-appctl coverage/show: ${name} +${n} during the probe (switch-wide)`);
}

/**
 * OVS 3.1 with userspace-tso-enable=true leaves checksums for the output port, and a
 * DPDK port without TX checksum offload (net_af_packet) drops them: netdev_send_prepare_drops.
 */
export function checkTsoDrops(path: PathFacts, drops: SwitchDrops): Finding | null {
  const n = drops["netdev_send_prepare_drops"] ?? 0;
  if (n === 0) return null;
  const tso = path.host.userspaceTso;
  return {
    cause: "dropped-in-switch",
    strength: "strong",
    headline:
      `OVS dropped ${n} packet(s) it could not send (netdev_send_prepare_drops)` +
      (tso
        ? ": with other_config:userspace-tso-enable=true it leaves TCP/UDP checksums to the output port, and a port without TX checksum offload (the DPDK net_af_packet port here) refuses them (\"Packet dropped: No TCP checksum support\" in ovs-vswitchd.log)."
        : ": an output port could not take a packet as it was (see ovs-vswitchd.log)."),
    evidence: [...dropEvidence(drops), `userspace-tso-enable: ${tso}`],
    fixes: tso
      ? [{ kind: "manual", label: "Set other_config:userspace-tso-enable=false and restart ovs-vswitchd; then check the bridge's internal port with ethtool -k (it keeps tx on)" }]
      : [],
  };
}
