import type { ProbeResult } from "@/lib/contracts/matrix";

type Shown = Pick<ProbeResult, "ok" | "rttMs" | "error" | "droppedBy">;

/** What a cell says, short enough for a grid: the RTT, or the most specific cause known. */
export function cellText(r: Shown): string {
  if (r.ok) return `${r.rttMs?.toFixed(1) ?? "?"} ms`;
  if (r.error === "bad-checksum") return r.droppedBy ? `csum ✗ at ${r.droppedBy}` : "csum ✗";
  if (r.error === "no-arp") return "no ARP";
  return r.error ?? "failed";
}

/** The same for a screen reader, in words. */
export function cellWords(r: Shown): string {
  if (r.ok) return `ok, ${cellText(r)}`;
  if (r.error === "bad-checksum") return `failed, bad checksum${r.droppedBy ? `, dropped by ${r.droppedBy}` : ""}`;
  return `failed, ${cellText(r)}`;
}
