import type { PathDeath, PathFix, PathHop } from "../../lib/contracts/path-explain";
import type { NetInterface } from "../../lib/contracts/topology";
import type { OfprotoTrace } from "../ovs/parse-ofproto-trace";
import type { PathProbe, PathSide } from "./path-sides";

/** Where the packet died, why, what proves it and what would fix it. */
export interface Death {
  hop: number;
  death: PathDeath;
  reason: string;
  evidence: string[];
  fixes: PathFix[];
}

export interface DeathFacts {
  from: PathSide;
  to: PathSide;
  trace: OfprotoTrace;
  hops: PathHop[];
  probe: PathProbe;
  sizeBytes: number | null;
  /** The bridge the lab's flow and tag operations act on; fixes elsewhere are given in words. */
  labBridge: string | null;
}

const vlanName = (tag: number | null) => (tag === null ? "untagged (VLAN 0)" : `VLAN ${tag}`);
const hopOf = (hops: PathHop[], test: (h: PathHop) => boolean, fallback = hops.length - 1) => {
  const i = hops.findIndex(test);
  return i < 0 ? fallback : i;
};

function linkDown(f: DeathFacts): Death | null {
  const path = [f.from.inner, f.from.hostEnd, f.to.hostEnd, f.to.inner].filter((i): i is NetInterface => !!i);
  const down = path.find((i) => !i.up);
  if (!down) return null;
  return {
    hop: hopOf(f.hops, (h) => h.interfaceId === down.id),
    death: "link-down",
    reason: `${down.id} is down`,
    evidence: [`${down.id} (${down.kind}, ${down.role}): state down`],
    fixes: [{ kind: "link-up", interfaceId: down.id, label: `Bring ${down.id} up` }],
  };
}

function flowDrop(f: DeathFacts): Death | null {
  const rule = f.trace.dropRule;
  if (!rule) return null;
  const text = `table=${rule.table}, priority=${rule.priority}${rule.match ? `, ${rule.match}` : ""}, cookie=${rule.cookie}, actions=drop`;
  const hop = hopOf(f.hops, (h) => h.kind === "bridge" && h.bridge === rule.bridge);
  const id = f.hops[hop]?.rules.find((r) => r.table === rule.table && r.priority === rule.priority && r.match === rule.match)?.flowId;
  const words = `ovs-ofctl --strict del-flows ${rule.bridge} "table=${rule.table},priority=${rule.priority}${rule.match ? `,${rule.match}` : ""}"`;
  return {
    hop,
    death: "flow-drop",
    reason: `the OpenFlow rule "${text}" on ${rule.bridge} drops it`,
    evidence: [`ofproto/trace on ${rule.bridge}: ${text}`, `datapath actions: ${f.trace.datapathActions}`],
    fixes: [rule.bridge === f.labBridge && id ? { kind: "flow-delete", flowId: id, label: `Delete the rule ${rule.match || "(match all)"} priority ${rule.priority}` } : { kind: "manual", label: `Delete the rule: ${words}` }],
  };
}

function vlanDrop(f: DeathFacts): Death | null {
  const drop = f.trace.vlanDrop;
  if (!drop) return null;
  const hop = hopOf(f.hops, (h) => h.kind === "bridge" && h.rules.some((r) => r.actions.includes("NORMAL")) && h.notes.some((n) => n.includes(drop.text)));
  return {
    hop,
    death: "vlan-mismatch",
    reason: `VLAN ${drop.vlan} is not allowed on ${drop.port}: "${drop.text}"`,
    evidence: [`ofproto/trace: ${drop.text}`],
    fixes: [{ kind: "manual", label: `Make ${drop.port} carry VLAN ${drop.vlan} (its tag or trunks), or stop tagging the packet with ${drop.vlan}` }],
  };
}

/** Flooded or sent elsewhere, never to the receiver's port: different VLANs on the two access ports, most often. */
function notForwarded(f: DeathFacts): Death | null {
  const port = f.to.port;
  if (!port || port.odpPort === null || f.trace.outputs.includes(port.odpPort)) return null;
  const evidence = [`datapath actions: ${f.trace.datapathActions} (${port.name} is datapath port ${port.odpPort})`];
  const hop = hopOf(f.hops, (h) => h.kind === "port" && h.port === port.name);
  if (f.from.tag !== f.to.tag) {
    const tagFix = (side: PathSide, tag: number | null): PathFix =>
      side.port!.bridge === f.labBridge
        ? { kind: "port-tag", port: side.port!.name, tag, label: `${tag === null ? "Untag" : `Tag ${tag} on`} ${side.port!.name}${tag === null ? "" : ""} (as ${side === f.to ? f.from.name : f.to.name}'s port)` }
        : { kind: "manual", label: `ovs-vsctl ${tag === null ? `remove port ${side.port!.name} tag ${side.tag}` : `set port ${side.port!.name} tag=${tag}`}` };
    return {
      hop,
      death: "vlan-mismatch",
      reason: `${port.name} is ${vlanName(f.to.tag)}, the packet from ${f.from.name} travels ${vlanName(f.from.tag)}: the switch never sends it there`,
      evidence: [...evidence, `${f.from.port!.name}: ${vlanName(f.from.tag)}`, `${port.name}: ${vlanName(f.to.tag)}`],
      fixes: [tagFix(f.to, f.from.tag), tagFix(f.from, f.to.tag)],
    };
  }
  return { hop, death: "not-forwarded", reason: `the switch does not send it to ${port.name}`, evidence, fixes: [] };
}

/** ofproto/trace does not check MTU: the probe's size against the output interface and the receiver. */
function mtuExceeded(f: DeathFacts): Death | null {
  const size = f.sizeBytes;
  if (size === null || f.probe.ok) return null;
  const tooSmall = [f.to.hostEnd, f.to.inner].find((i): i is NetInterface => !!i && i.mtu !== null && i.mtu < size);
  if (!tooSmall) return null;
  const senderMtu = f.from.inner?.mtu ?? null;
  const fixes: PathFix[] = [f.to.hostEnd, f.to.inner]
    .filter((i): i is NetInterface => !!i && i.mtu !== null && i.mtu < size && senderMtu !== null)
    .map((i) => ({ kind: "mtu" as const, interfaceId: i.id, mtu: senderMtu!, label: `Set ${i.id}'s MTU to ${senderMtu}` }));
  if (f.from.inner && senderMtu !== null && senderMtu > tooSmall.mtu!) fixes.push({ kind: "mtu", interfaceId: f.from.inner.id, mtu: tooSmall.mtu!, label: `Set ${f.from.inner.id}'s MTU to ${tooSmall.mtu} (${f.from.name} then fragments)` });
  return {
    hop: hopOf(f.hops, (h) => h.interfaceId === tooSmall.id),
    death: "mtu-exceeded",
    reason: `a ${size}-byte packet does not fit ${tooSmall.id}'s MTU of ${tooSmall.mtu}`,
    evidence: [f.from.inner, f.from.hostEnd, f.to.hostEnd, f.to.inner].flatMap((i) => (i ? [`${i.id}: mtu ${i.mtu}`] : [])),
    fixes,
  };
}

/** The matrix's own verdict: the receiving kernel counted a bad checksum (InCsumErrors). */
function checksumRefused(f: DeathFacts): Death | null {
  if (f.probe.error !== "bad-checksum" || !f.probe.droppedBy) return null;
  const refuser = f.probe.droppedBy === f.to.name ? f.to : f.from;
  const sender = refuser === f.to ? f.from : f.to;
  const ev = f.probe.evidence;
  const txOn = sender.inner?.offload.tx?.on === true;
  return {
    hop: hopOf(f.hops, (h) => h.kind === "endpoint" && h.endpoint === refuser.name),
    death: "checksum-refused",
    reason: `${refuser.name}'s kernel refused ${refuser === f.to ? "the packet" : "the answer"}: its checksum was left unfinished by ${sender.inner?.id ?? sender.name}'s TX checksum offload`,
    evidence: [...(ev ? [`${ev.counter} +${ev.delta} in ${ev.endpoint} during the probe`] : []), `${sender.inner?.id ?? sender.name}: tx-checksumming ${txOn ? "on" : "off"}`],
    fixes: txOn && sender.inner ? [{ kind: "offload", interfaceId: sender.inner.id, changes: { tx: false }, label: `Turn TX checksum offload off on ${sender.inner.id}` }] : [],
  };
}

/** The checks in the order a packet meets them; the first that holds is where it died. */
export function findDeath(f: DeathFacts): Death | null {
  for (const check of [linkDown, flowDrop, vlanDrop, notForwarded, mtuExceeded, checksumRefused]) {
    const found = check(f);
    if (found) return found;
  }
  return null;
}
