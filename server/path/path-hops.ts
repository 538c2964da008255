import type { HopRule, PathHop } from "../../lib/contracts/path-explain";
import type { NetInterface } from "../../lib/contracts/topology";
import type { BridgeCounters } from "../ovs/ofproto-trace";
import { flowId } from "../ovs/parse-ofctl-flows";
import type { DpifPort } from "../ovs/parse-dpif-show";
import type { OfprotoTrace } from "../ovs/parse-ofproto-trace";
import type { PortStats } from "../ovs/parse-ofctl-ports";
import type { PathSide } from "./path-sides";

/** Counters of every bridge the path crosses, before and after the probe. */
export interface CounterReadings {
  before: Map<string, BridgeCounters>;
  after: Map<string, BridgeCounters>;
}

const STAT_NAMES: [keyof PortStats, string][] = [
  ["rxPackets", "rx"], ["txPackets", "tx"], ["rxDropped", "rx_dropped"], ["txDropped", "tx_dropped"], ["rxErrors", "rx_errors"], ["txErrors", "tx_errors"],
];

function portStats(c: BridgeCounters | undefined, port: DpifPort): PortStats | undefined {
  const key = port.ofport === 65534 ? "LOCAL" : String(port.ofport);
  return c?.ports.find((p) => p.port === key);
}

/** "rx +1", "tx_dropped +3": what moved on the port while the probe ran. */
export function portDeltas(readings: CounterReadings, port: DpifPort): string[] {
  return statDeltas(portStats(readings.before.get(port.bridge), port), portStats(readings.after.get(port.bridge), port));
}

/** What moved between two readings of one port: "rx +1", "tx_dropped +3" (nothing when either is missing). */
export function statDeltas(a: PortStats | undefined, b: PortStats | undefined): string[] {
  if (!a || !b) return [];
  return STAT_NAMES.flatMap(([k, name]) => {
    const d = (b[k] as number) - (a[k] as number);
    return d > 0 ? [`${name} +${d}`] : [];
  });
}

function hopRules(trace: OfprotoTrace["bridges"][number], readings: CounterReadings): HopRule[] {
  return trace.rules.map((r) => {
    const id = flowId(r.table, r.priority, r.match);
    const count = (m: Map<string, BridgeCounters>) => m.get(trace.bridge)?.flows.find((f) => f.id === id)?.packets;
    const [a, b] = [count(readings.before), count(readings.after)];
    return { table: r.table, priority: r.priority, match: r.match, actions: r.actions.join(","), cookie: r.cookie, flowId: id, packetsDelta: a !== undefined && b !== undefined ? b - a : null };
  });
}

const endpointHop = (side: PathSide, direction: "out" | "in"): PathHop => ({
  kind: "endpoint", label: `${side.inner?.id ?? side.name} (${side.name}'s interface)`, bridge: null, port: null,
  interfaceId: side.inner?.id ?? null, endpoint: side.name, direction, rules: [], notes: [], counters: [], reached: true,
});

function portHop(port: DpifPort, iface: NetInterface | null, direction: "out" | "in", readings: CounterReadings, label?: string): PathHop {
  return {
    kind: "port", label: label ?? `${port.name} (port of ${port.bridge})`, bridge: port.bridge, port: port.name,
    interfaceId: iface?.id ?? null, endpoint: null, direction, rules: [], notes: [], counters: portDeltas(readings, port), reached: true,
  };
}

/** The patch port of `from` whose peer sits on `to`. */
const patchBetween = (ports: DpifPort[], from: string, to: string) =>
  ports.find((p) => p.bridge === from && p.type === "patch" && ports.some((q) => q.name === p.peer && q.bridge === to));

/**
 * The hops in order: the sender's interface, its bridge port, each bridge the trace crossed (with
 * the rules it matched) joined by patch ports, the receiver's bridge port and its interface.
 */
export function buildHops(from: PathSide, to: PathSide, trace: OfprotoTrace, ports: DpifPort[], readings: CounterReadings): PathHop[] {
  const hops: PathHop[] = [endpointHop(from, "out")];
  if (from.port) hops.push(portHop(from.port, from.hostEnd, "in", readings));
  trace.bridges.forEach((b, i) => {
    const next = trace.bridges[i + 1];
    hops.push({ kind: "bridge", label: `bridge ${b.bridge}`, bridge: b.bridge, port: null, interfaceId: null, endpoint: null, direction: null, rules: hopRules(b, readings), notes: b.rules.flatMap((r) => r.notes), counters: [], reached: true });
    const patch = next ? patchBetween(ports, b.bridge, next.bridge) : undefined;
    if (patch) hops.push(portHop(patch, null, "out", readings, `patch ${patch.name} → ${patch.peer} (${b.bridge} → ${next!.bridge})`));
  });
  if (to.port) hops.push(portHop(to.port, to.hostEnd, "out", readings));
  hops.push(endpointHop(to, "in"));
  return hops;
}
