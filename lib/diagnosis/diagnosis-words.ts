import type { DiagnosisCause, SuggestedFix } from "../contracts/diagnosis";
import { OFFLOAD_FEATURES, type OffloadFeature } from "../contracts/offload";
import { PROBE_ERRORS, type ProbeError, type ProbeResult, type Protocol } from "../contracts/matrix";
import type { Cell } from "../dashboard/dashboard-state";

/** A title for each cause, short enough for a badge. */
export const CAUSE_TITLES: Record<DiagnosisCause, string> = {
  works: "It works now",
  "interface-down": "An interface is down",
  "checksum-offload": "TX checksum offload",
  "no-listener": "Nothing listens there",
  "no-arp-reply": "No ARP reply",
  "bridge-netfilter": "Linux bridge blocked by iptables",
  "mtu-mismatch": "MTU mismatch",
  "dropped-in-switch": "Dropped in the switch",
  unknown: "Cause not found",
};

/** Failures whose cause is already known: a daemon is down, so nothing was sent that a capture could show. */
const DAEMON_DOWN: ReadonlySet<ProbeError> = new Set([PROBE_ERRORS.switchDown, PROBE_ERRORS.dockerDown]);

/**
 * A failed TCP or UDP probe is what a diagnosis can explain; ICMP and passing cells are not offered,
 * nor cells that say switch-down or docker-down (the cell's own detail says why, and what to do).
 */
export function canDiagnose(protocol: Protocol, result: Pick<ProbeResult, "ok"> & Partial<Pick<ProbeResult, "error">> | null): boolean {
  return protocol !== "icmp" && result !== null && !result.ok && !(result.error && DAEMON_DOWN.has(result.error));
}

/** A fix the page can apply with one click (an offload change), as opposed to advice. */
export function isOneClickFix(fix: SuggestedFix): fix is Extract<SuggestedFix, { kind: "offload" }> {
  return fix.kind === "offload";
}

/** `tx-checksumming off` for the fix's changes. */
export function changesText(changes: Partial<Record<OffloadFeature, boolean>>): string {
  return Object.entries(changes)
    .map(([f, on]) => `${OFFLOAD_FEATURES[f as OffloadFeature] ?? f} ${on ? "on" : "off"}`)
    .join(", ");
}

/** The explained cell as the matrix shows it now: re-testing, works (with its time) or still failing. */
export function cellNowText(cell: Cell | undefined): { kind: "pending" | "ok" | "fail"; text: string } | null {
  if (cell?.pending) return { kind: "pending", text: "now: re-testing…" };
  const r = cell?.result;
  if (!r) return null;
  return r.ok ? { kind: "ok", text: `now: works${r.rttMs !== null ? ` (${r.rttMs.toFixed(1)} ms)` : ""}` } : { kind: "fail", text: `now: still failing (${r.error ?? "failed"})` };
}
