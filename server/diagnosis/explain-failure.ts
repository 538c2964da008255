import type { CaptureRef, Diagnosis, Finding } from "../../lib/contracts/diagnosis";
import type { ProbeResult } from "../../lib/contracts/matrix";
import { checkChecksums } from "./check-checksums";
import { checkCounterVerdict, counterEvidence } from "./check-counters";
import { checkInterfacesDown, checkMtu } from "./check-links";
import { checkArp, checkBridgeNetfilter, checkDropped, checkNoListener } from "./check-traffic";
import { checkTsoDrops, dropEvidence, type SwitchDrops } from "./check-switch-drops";
import type { Observation, PathFacts } from "./path-facts";

/**
 * Why one probe failed, from the lab's state and the packets captured on both ends
 * while it ran. Pure: every fact comes in as an argument. The checks run in order of
 * how directly they explain a failure; the first strong one is the cause.
 */
export function explainFailure(probe: ProbeResult, path: PathFacts, observations: Observation[], drops: SwitchDrops = {}): Diagnosis {
  const findings = [
    checkInterfacesDown(path),
    checkChecksums(path, observations, probe.ok),
    checkCounterVerdict(path, probe),
    checkNoListener(path, observations, probe),
    checkArp(path, observations),
    checkBridgeNetfilter(path, observations),
    checkTsoDrops(path, drops),
    checkMtu(path, observations),
    checkDropped(path, observations),
  ].filter((f): f is Finding => f !== null);
  const primary = probe.ok ? null : findings.find((f) => f.strength === "strong") ?? null;
  const captures: CaptureRef[] = observations.map((o) => ({ captureId: o.captureId, interfaceId: o.interfaceId, label: o.label, packetCount: o.packets.length }));
  const base = {
    from: path.from.name,
    to: path.to.name,
    protocol: probe.protocol,
    probe: { ok: probe.ok, error: probe.error, rttMs: probe.rttMs, ...(probe.detail ? { detail: probe.detail } : {}) },
    captures,
  };
  if (probe.ok)
    return { ...base, cause: "works", headline: `${probe.protocol.toUpperCase()} from ${path.from.name} to ${path.to.name} works${probe.rttMs !== null ? ` (${probe.rttMs} ms)` : ""}.`, evidence: [], fixes: [], findings: findings.map((f) => ({ ...f, strength: "note" })) };
  if (!primary) {
    const seen = observations.reduce((n, o) => n + o.packets.length, 0);
    return {
      ...base,
      cause: "unknown",
      headline: `${probe.protocol.toUpperCase()} from ${path.from.name} to ${path.to.name} failed (${probe.error ?? "no answer"}) and the ${seen} packet(s) captured do not show why.`,
      evidence: [...observations.map((o) => `${o.label}: ${o.packets.length} packet(s)`), ...dropEvidence(drops)],
      fixes: [],
      findings,
    };
  }
  const switchEvidence = primary.cause === "dropped-in-switch" && !primary.evidence.some((e) => e.startsWith("ovs-appctl")) ? [...primary.evidence, ...dropEvidence(drops)] : primary.evidence;
  // The matrix's own verdict (a kernel counter) comes first when the captures tell the same story.
  const counted = counterEvidence(probe);
  const evidence = counted && primary.cause === "checksum-offload" && !switchEvidence.includes(counted) ? [counted, ...switchEvidence] : switchEvidence;
  return { ...base, cause: primary.cause, headline: primary.headline, evidence, fixes: primary.fixes, findings: [primary, ...findings.filter((f) => f !== primary)] };
}
