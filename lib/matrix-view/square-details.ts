import type { Protocol } from "../contracts/matrix";
import type { Cell } from "../dashboard/dashboard-state";
import { canDiagnose } from "../diagnosis/diagnosis-words";
import { LEGEND, shadeOf } from "./heatmap-shades";

/** What hovering a square tells: which probe, its verdict and every fact the result carries. */
export interface SquareDetails {
  title: string;
  facts: { label: string; value: string }[];
  /** A click asks "why did it fail?" (a failed TCP or UDP probe whose cause is not already known). */
  explainable: boolean;
}

const CAUSE_WORDS: Record<string, string> = { "bad-checksum": "bad checksum", "no-arp": "no ARP reply", "no-route": "no route", "switch-down": "switch down", "docker-down": "docker down", "no-agent": "no probe agent" };

export function squareDetails(protocol: Protocol, from: string, to: string, cell: Cell | undefined): SquareDetails {
  const r = cell?.result ?? null;
  const shade = shadeOf(cell);
  const facts: SquareDetails["facts"] = [];
  const verdict = cell?.pending ? "testing" : !r ? "not tested" : r.ok ? "ok" : "failed";
  facts.push({ label: "verdict", value: verdict });
  if (cell?.pending && r) facts.push({ label: "last result", value: r.ok ? "ok" : "failed" });
  if (r && !r.ok) facts.push({ label: "cause", value: r.error ? (CAUSE_WORDS[r.error] ?? r.error) : (LEGEND.find((l) => l.shade === shade)?.label ?? "failed") });
  if (r?.droppedBy) facts.push({ label: "dropped by", value: r.droppedBy });
  if (r) facts.push({ label: "RTT", value: r.rttMs === null ? "—" : `${r.rttMs.toFixed(2)} ms` });
  if (r?.evidence) facts.push({ label: "evidence", value: `${r.evidence.counter} +${r.evidence.delta} at ${r.evidence.endpoint}` });
  const seen = r?.evidence?.packet;
  if (seen) facts.push({ label: "packet", value: `${seen.kind} arrived with checksum ${seen.checksum}, ${seen.expected} was due` });
  if (r?.detail) facts.push({ label: "detail", value: r.detail });
  return { title: `${from} → ${to} · ${protocol.toUpperCase()}`, facts, explainable: !cell?.pending && canDiagnose(protocol, r) };
}
