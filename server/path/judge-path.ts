import type { DiagnosisCause } from "../../lib/contracts/diagnosis";
import type { Protocol } from "../../lib/contracts/matrix";
import type { PathDeath, PathExplanation } from "../../lib/contracts/path-explain";
import type { DpifPort } from "../ovs/parse-dpif-show";
import type { OfprotoTrace } from "../ovs/parse-ofproto-trace";
import { findDeath } from "./find-death";
import { buildHops, type CounterReadings } from "./path-hops";
import type { PathProbe, PathSide } from "./path-sides";

/** What the real probe did: the matrix's result (with its checksum evidence) or a sized ping's. */

export interface PathFacts {
  protocol: Protocol;
  sizeBytes: number | null;
  from: PathSide;
  to: PathSide;
  traceBridge: string;
  flow: string;
  trace: OfprotoTrace;
  ports: DpifPort[];
  readings: CounterReadings;
  probe: PathProbe;
  labBridge: string | null;
}

const CAUSE_OF: Record<PathDeath, DiagnosisCause> = {
  "flow-drop": "dropped-in-switch",
  "vlan-mismatch": "dropped-in-switch",
  "not-forwarded": "dropped-in-switch",
  "mtu-exceeded": "mtu-mismatch",
  "link-down": "interface-down",
  "checksum-refused": "checksum-offload",
  unknown: "unknown",
};

/**
 * The path explanation from facts alone (pure): hops from the trace and the ports, the counters that
 * moved on each, the hop where the packet died and why, in the shape of a diagnosis.
 */
export function judgePath(f: PathFacts): PathExplanation {
  const hops = buildHops(f.from, f.to, f.trace, f.ports, f.readings);
  const what = `${f.protocol.toUpperCase()}${f.sizeBytes ? ` (${f.sizeBytes} bytes)` : ""} from ${f.from.name} to ${f.to.name}`;
  const base = {
    from: f.from.name,
    to: f.to.name,
    protocol: f.protocol,
    sizeBytes: f.sizeBytes,
    probe: { ok: f.probe.ok, error: f.probe.error, rttMs: f.probe.rttMs, ...(f.probe.detail ? { detail: f.probe.detail } : {}) },
    trace: { bridge: f.traceBridge, flow: f.flow, datapathActions: f.trace.datapathActions },
  };
  const traceLine = `ofproto/trace ${f.traceBridge} ${f.flow} -> ${f.trace.datapathActions}`;
  const moved = hops.flatMap((h) => (h.counters.length ? [`${h.label}: ${h.counters.join(", ")}`] : []));
  const death = f.probe.ok ? null : findDeath({ from: f.from, to: f.to, trace: f.trace, hops, probe: f.probe, sizeBytes: f.sizeBytes, labBridge: f.labBridge });
  if (f.probe.ok)
    return { ...base, cause: "works", headline: `${what} works${f.probe.rttMs !== null ? ` (${f.probe.rttMs} ms)` : ""}: through ${hops.map((h) => h.bridge && h.kind === "bridge" ? h.bridge : null).filter(Boolean).join(" → ")} to ${f.to.port?.name ?? f.to.name}.`, evidence: [traceLine, ...moved], fixes: [], hops, died: null };
  if (!death) {
    const last = hops.reduce((at, h, i) => (h.counters.length ? i : at), 0);
    const reason = `the probe failed (${f.probe.error ?? "no answer"}) and the trace shows no drop; counters last moved at ${hops[last].label}`;
    return { ...base, cause: "unknown", headline: `${what} failed: ${reason}.`, evidence: [traceLine, ...moved], fixes: [], hops: hops.map((h, i) => ({ ...h, reached: i <= last })), died: { hop: last, death: "unknown", reason } };
  }
  const at = hops[death.hop];
  return {
    ...base,
    cause: CAUSE_OF[death.death],
    headline: `${what} dies at ${at.label}: ${death.reason}.`,
    evidence: [...death.evidence, traceLine, ...moved],
    fixes: death.fixes,
    hops: hops.map((h, i) => ({ ...h, reached: i <= death.hop })),
    died: { hop: death.hop, death: death.death, reason: death.reason },
  };
}
