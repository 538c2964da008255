import type { Protocol } from "../../lib/contracts/matrix";
import type { PathDeath, PathExplanation, PathFix, PathHop } from "../../lib/contracts/path-explain";
import type { NetInterface } from "../../lib/contracts/topology";
import type { OfprotoTrace } from "../ovs/parse-ofproto-trace";
import type { GeneveHeader, OvnTrace } from "../multihost/parse-ovn-trace";
import type { PathProbe } from "./path-sides";
import { flowId } from "../ovs/parse-ofctl-flows";
import type { BridgeCounters } from "../ovs/ofproto-trace";
import { statDeltas } from "./path-hops";

/** One end of a path across hosts: the endpoint, the host it is on, its interface and its port on that host's br_int. */
export interface HostPathEnd {
  name: string;
  host: string;
  ipv4: string;
  inner: NetInterface | null;
  port: string;
}

export interface MultiHostPathFacts {
  protocol: Protocol;
  from: HostPathEnd;
  to: HostPathEnd;
  logical: { microflow: string; trace: OvnTrace };
  sender: { flow: string; trace: OfprotoTrace };
  tunnel: GeneveHeader | null;
  /** null when the sender's host sent nothing into a tunnel (nothing to trace on the receiver's). */
  receiver: { flow: string; trace: OfprotoTrace } | null;
  probe: PathProbe;
  /** Each host's br_int counters before and after the probe (by host name), and the tunnel's port on each end. */
  readings?: { before: Map<string, BridgeCounters>; after: Map<string, BridgeCounters>; tunnelPorts: { sender: string | null; receiver: string | null } };
}

type Readings = NonNullable<MultiHostPathFacts["readings"]>;

/** What moved on a port of a host's br_int while the probe ran. */
function hostPortDeltas(r: Readings | undefined, host: string, port: string | null): string[] {
  if (!r || !port) return [];
  const stats = (m: Map<string, BridgeCounters>) => m.get(host)?.ports.find((p) => p.port === port);
  return statDeltas(stats(r.before), stats(r.after));
}

const hop = (h: Partial<PathHop> & Pick<PathHop, "kind" | "label">): PathHop => ({ bridge: null, port: null, interfaceId: null, endpoint: null, direction: null, rules: [], notes: [], counters: [], reached: true, ...h });
const endpointHop = (e: HostPathEnd, direction: "out" | "in") => hop({ kind: "endpoint", label: `${e.inner?.id ?? e.name} (${e.name}'s interface, host ${e.host})`, interfaceId: e.inner?.id ?? null, endpoint: e.name, direction, host: e.host });
const portHop = (e: HostPathEnd, direction: "out" | "in", r: Readings | undefined) =>
  hop({ kind: "port", label: `${e.port} (port of br_int on host ${e.host})`, bridge: "br_int", port: e.port, direction, host: e.host, counters: hostPortDeltas(r, e.host, e.port) });

function bridgeHops(trace: OfprotoTrace, host: string, r: Readings | undefined): PathHop[] {
  const packets = (m: Map<string, BridgeCounters> | undefined, id: string) => m?.get(host)?.flows.find((f) => f.id === id)?.packets;
  return trace.bridges.map((b) =>
    hop({
      kind: "bridge", label: `bridge ${b.bridge} on host ${host}`, bridge: b.bridge, host, notes: b.rules.flatMap((rule) => rule.notes),
      rules: b.rules.map((rule) => {
        const id = flowId(rule.table, rule.priority, rule.match);
        const [before, after] = [packets(r?.before, id), packets(r?.after, id)];
        return { table: rule.table, priority: rule.priority, match: rule.match, actions: rule.actions.join(","), cookie: rule.cookie, flowId: id, packetsDelta: before !== undefined && after !== undefined ? after - before : null };
      }),
    }),
  );
}

/** Hops in order: sender, its port, OVN's logical pipelines, the sender host's bridges, the tunnel, the receiver host's bridges, its port, the receiver. */
export function multiHostHops(f: MultiHostPathFacts): PathHop[] {
  const logical = f.logical.trace.pipelines.map((p) =>
    hop({
      kind: "logical",
      label: `logical ${/-router$/.test(p.datapath) ? "router" : "switch"} ${p.datapath}: ${p.direction}${p.direction === "ingress" ? ` from ${p.inport}` : ` to ${p.outport}`} (ovn-trace)`,
      stages: p.stages.map((s) => ({ table: s.table, stage: s.stage, match: s.match, priority: s.priority, actions: s.actions.join(" ") })),
    }),
  );
  const r = f.readings;
  const tunnelCounters = r
    ? [
        ...hostPortDeltas(r, f.from.host, r.tunnelPorts.sender).map((d) => `host ${f.from.host} ${r.tunnelPorts.sender}: ${d}`),
        ...hostPortDeltas(r, f.to.host, r.tunnelPorts.receiver).map((d) => `host ${f.to.host} ${r.tunnelPorts.receiver}: ${d}`),
      ]
    : [];
  const tunnel = f.tunnel
    ? [hop({ kind: "tunnel", label: `Geneve vni ${f.tunnel.vni} ${f.tunnel.src} → ${f.tunnel.dst} (host ${f.from.host} → host ${f.to.host})`, host: f.from.host, notes: [`tun_metadata0=${f.tunnel.metadata}: OVN's ingress and egress logical port keys`], counters: tunnelCounters })]
    : [];
  return [endpointHop(f.from, "out"), portHop(f.from, "in", r), ...logical, ...bridgeHops(f.sender.trace, f.from.host, r), ...tunnel, ...(f.receiver ? bridgeHops(f.receiver.trace, f.to.host, r) : []), portHop(f.to, "out", r), endpointHop(f.to, "in")];
}

interface Death {
  hop: number;
  death: PathDeath;
  reason: string;
  evidence: string[];
  fixes: PathFix[];
}

function findMultiHostDeath(f: MultiHostPathFacts, hops: PathHop[]): Death | null {
  const at = (pred: (h: PathHop) => boolean) => Math.max(0, hops.findIndex(pred));
  if (f.logical.trace.outputTo === null)
    return { hop: at((h) => h.kind === "logical"), death: "flow-drop", reason: `OVN's logical pipeline sent it nowhere (ovn-trace output to no port)`, evidence: [], fixes: [] };
  if (!f.tunnel && f.from.host !== f.to.host)
    return { hop: at((h) => h.kind === "bridge" && h.host === f.from.host), death: "not-forwarded", reason: `host ${f.from.host}'s br_int did not put it into a Geneve tunnel (datapath actions: ${f.sender.trace.datapathActions})`, evidence: [], fixes: [] };
  if (f.receiver && (f.receiver.trace.outputs.length === 0 || f.receiver.trace.datapathActions === "drop"))
    return { hop: at((h) => h.kind === "bridge" && h.host === f.to.host), death: "flow-drop", reason: `host ${f.to.host}'s br_int drops what comes out of the tunnel (datapath actions: ${f.receiver.trace.datapathActions})`, evidence: [], fixes: [] };
  if (f.probe.error === "bad-checksum" && f.probe.droppedBy) {
    const refuser = f.probe.droppedBy === f.to.name ? f.to : f.from;
    const sender = refuser === f.to ? f.from : f.to;
    const txOn = sender.inner?.offload.tx?.on === true;
    const ev = f.probe.evidence;
    return {
      hop: at((h) => h.kind === "endpoint" && h.endpoint === refuser.name),
      death: "checksum-refused",
      reason: `${refuser.name}'s kernel (host ${refuser.host}) refused ${refuser === f.to ? "the packet" : "the answer"}: its checksum was left unfinished by ${sender.inner?.id ?? sender.name}'s TX checksum offload, and the tunnel carried it so`,
      evidence: [...(ev ? [`${ev.counter} +${ev.delta} in ${ev.endpoint} during the probe`] : []), `${sender.inner?.id ?? sender.name}: tx-checksumming ${txOn ? "on" : "off"}`],
      fixes: txOn && sender.inner ? [{ kind: "offload", interfaceId: sender.inner.id, changes: { tx: false }, label: `Turn TX checksum offload off on ${sender.inner.id}` }] : [],
    };
  }
  return null;
}

const CAUSE: Record<PathDeath, PathExplanation["cause"]> = {
  "flow-drop": "dropped-in-switch", "vlan-mismatch": "dropped-in-switch", "not-forwarded": "dropped-in-switch", "mtu-exceeded": "mtu-mismatch", "link-down": "interface-down", "checksum-refused": "checksum-offload", unknown: "unknown",
};

/** The path explanation of a cell across hosts, from facts alone (pure), in the one-host answer's shape. */
export function judgeMultiHostPath(f: MultiHostPathFacts): PathExplanation {
  const hops = multiHostHops(f);
  const what = `${f.protocol.toUpperCase()} from ${f.from.name} (host ${f.from.host}) to ${f.to.name} (host ${f.to.host})`;
  const traces = [
    `ovn-trace ${f.logical.trace.pipelines[0]?.datapath ?? ""} '${f.logical.microflow}' -> output to ${f.logical.trace.outputTo ?? "nothing"}`,
    `ofproto/trace br_int on host ${f.from.host} ${f.sender.flow} -> ${f.sender.trace.datapathActions}`,
    ...(f.receiver ? [`ofproto/trace br_int on host ${f.to.host} ${f.receiver.flow} -> ${f.receiver.trace.datapathActions}`] : []),
  ];
  const base = {
    from: f.from.name, to: f.to.name, protocol: f.protocol, sizeBytes: null,
    probe: { ok: f.probe.ok, error: f.probe.error, rttMs: f.probe.rttMs, ...(f.probe.detail ? { detail: f.probe.detail } : {}) },
    trace: { bridge: `br_int on host ${f.from.host}`, flow: f.sender.flow, datapathActions: f.sender.trace.datapathActions },
  };
  if (f.probe.ok)
    return { ...base, cause: "works", headline: `${what} works${f.probe.rttMs !== null ? ` (${f.probe.rttMs} ms)` : ""}: OVN's logical switch to ${f.logical.trace.outputTo}, host ${f.from.host}'s br_int → Geneve → host ${f.to.host}'s br_int to ${f.to.port}.`, evidence: traces, fixes: [], hops, died: null };
  const death = findMultiHostDeath(f, hops) ?? { hop: hops.length - 1, death: "unknown" as const, reason: `the probe failed (${f.probe.error ?? "no answer"}) and the traces show it delivered`, evidence: [], fixes: [] };
  return {
    ...base,
    cause: CAUSE[death.death],
    headline: `${what} dies at ${hops[death.hop].label}: ${death.reason}.`,
    evidence: [...death.evidence, ...traces],
    fixes: death.fixes,
    hops: hops.map((h, i) => ({ ...h, reached: i <= death.hop })),
    died: { hop: death.hop, death: death.death, reason: death.reason },
  };
}
