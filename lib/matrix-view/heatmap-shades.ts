import type { ProbeError } from "../contracts/matrix";
import type { Cell } from "../dashboard/dashboard-state";

/** What one heatmap square shows: a pass, a failure by its cause, or no settled result. */
export const SHADES = {
  ok: "ok",
  badChecksum: "bad-checksum",
  refused: "refused",
  timeout: "timeout",
  noArp: "no-arp",
  unreachable: "unreachable",
  daemonDown: "daemon-down",
  otherFailure: "other-failure",
  pending: "pending",
  notRun: "not-run",
} as const;
export type Shade = (typeof SHADES)[keyof typeof SHADES];

const BY_ERROR: Record<ProbeError, Shade> = {
  "bad-checksum": SHADES.badChecksum,
  refused: SHADES.refused,
  timeout: SHADES.timeout,
  "no-arp": SHADES.noArp,
  unreachable: SHADES.unreachable,
  "no-route": SHADES.unreachable,
  "switch-down": SHADES.daemonDown,
  "docker-down": SHADES.daemonDown,
  "no-agent": SHADES.otherFailure,
  failed: SHADES.otherFailure,
};

/** A queued or running re-test shows as pending whatever it showed before, as the grid's pulsing cell does. */
export function shadeOf(cell: Cell | undefined): Shade {
  if (cell?.pending) return SHADES.pending;
  const r = cell?.result;
  if (!r) return SHADES.notRun;
  if (r.ok) return SHADES.ok;
  return r.error ? BY_ERROR[r.error] : SHADES.otherFailure;
}

export function isFailure(shade: Shade): boolean {
  return shade !== SHADES.ok && shade !== SHADES.pending && shade !== SHADES.notRun;
}

/** One colour per shade and theme; failures are warm and told apart by hue, the unsettled ones grey. */
export const SHADE_COLORS: Record<Shade, { light: string; dark: string }> = {
  ok: { light: "#10b981", dark: "#059669" },
  "bad-checksum": { light: "#dc2626", dark: "#ef4444" },
  refused: { light: "#f97316", dark: "#fb923c" },
  timeout: { light: "#9333ea", dark: "#a855f7" },
  "no-arp": { light: "#ca8a04", dark: "#eab308" },
  unreachable: { light: "#92400e", dark: "#b45309" },
  "daemon-down": { light: "#334155", dark: "#94a3b8" },
  "other-failure": { light: "#db2777", dark: "#f472b6" },
  pending: { light: "#94a3b8", dark: "#475569" },
  "not-run": { light: "#e2e8f0", dark: "#1e293b" },
};

/** The legend, in the order it is read: passes, failures by cause, then what has no result yet. */
export const LEGEND: readonly { shade: Shade; label: string }[] = [
  { shade: SHADES.ok, label: "ok" },
  { shade: SHADES.badChecksum, label: "bad checksum" },
  { shade: SHADES.refused, label: "refused" },
  { shade: SHADES.timeout, label: "timeout" },
  { shade: SHADES.noArp, label: "no ARP" },
  { shade: SHADES.unreachable, label: "unreachable" },
  { shade: SHADES.daemonDown, label: "daemon down" },
  { shade: SHADES.otherFailure, label: "other failure" },
  { shade: SHADES.pending, label: "testing" },
  { shade: SHADES.notRun, label: "not run" },
];
