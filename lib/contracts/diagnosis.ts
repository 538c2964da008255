import type { Protocol, ProbeError } from "./matrix";
import type { OffloadFeature } from "./offload";

/** What a diagnosis can name as the reason a probe failed. */
export const DIAGNOSIS_CAUSES = {
  works: "works",
  interfaceDown: "interface-down",
  checksumOffload: "checksum-offload",
  noListener: "no-listener",
  noArpReply: "no-arp-reply",
  bridgeNetfilter: "bridge-netfilter",
  mtuMismatch: "mtu-mismatch",
  droppedInSwitch: "dropped-in-switch",
  unknown: "unknown",
} as const;
export type DiagnosisCause = (typeof DIAGNOSIS_CAUSES)[keyof typeof DIAGNOSIS_CAUSES];

export type SuggestedFix =
  /** One click: POST /api/interfaces/:interfaceId/offload with `changes`. */
  | { kind: "offload"; interfaceId: string; changes: Partial<Record<OffloadFeature, boolean>>; label: string }
  /** Something the tool does not do for you; the words say what. */
  | { kind: "manual"; label: string };

export interface Finding {
  cause: DiagnosisCause;
  /** Backed by packets or state that explain the failure (strong), or only worth knowing (note). */
  strength: "strong" | "note";
  headline: string;
  evidence: string[];
  fixes: SuggestedFix[];
}

export interface CaptureRef {
  captureId: string;
  interfaceId: string;
  /** In words: "c1's bridge port". */
  label: string;
  packetCount: number;
}

export interface Diagnosis {
  from: string;
  to: string;
  protocol: Protocol;
  probe: { ok: boolean; error: ProbeError | null; detail?: string; rttMs: number | null };
  cause: DiagnosisCause;
  /** The explanation in plain words. */
  headline: string;
  evidence: string[];
  fixes: SuggestedFix[];
  /** Everything recognised, the chosen cause first. */
  findings: Finding[];
  captures: CaptureRef[];
}
