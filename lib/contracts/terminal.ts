import { z } from "zod";

/** Bounds of a terminal's size (xterm's fit addon asks for what the panel holds; anything outside is refused). */
export const TERMINAL_COLS = { min: 10, max: 500 } as const;
export const TERMINAL_ROWS = { min: 4, max: 200 } as const;
/** One input message at most (a paste of a long script arrives in pieces of this). */
export const TERMINAL_INPUT_MAX = 64 * 1024;

const endpointName = z.string().regex(/^[a-z][a-z0-9]{0,7}$/, "an endpoint name such as c1, host or server");
const interfaceId = z.string().regex(/^[a-z][a-z0-9]{0,7}:[A-Za-z0-9_.-]{1,15}$/, "an interface id such as host:seed-c1");
const cols = z.number().int().min(TERMINAL_COLS.min).max(TERMINAL_COLS.max);
const rows = z.number().int().min(TERMINAL_ROWS.min).max(TERMINAL_ROWS.max);
const terminalId = z.string().regex(/^[0-9a-f-]{36}$/, "a terminal id: the UUID terminal:open answered");

/** Where a shell runs: inside an endpoint's network namespace, or in the host's, named after one of its ports. */
export const terminalTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("endpoint"), endpoint: endpointName }).strict(),
  z.object({ kind: z.literal("port"), interfaceId }).strict(),
]);
export type TerminalTarget = z.infer<typeof terminalTargetSchema>;

export const terminalOpenSchema = z.object({ target: terminalTargetSchema, cols: cols.default(80), rows: rows.default(24) }).strict();
export type TerminalOpenRequest = z.input<typeof terminalOpenSchema>;
export const terminalInputSchema = z.object({ id: terminalId, data: z.string().min(1).max(TERMINAL_INPUT_MAX) }).strict();
export const terminalResizeSchema = z.object({ id: terminalId, cols, rows }).strict();
export const terminalCloseSchema = z.object({ id: terminalId }).strict();

/** An open terminal as its page sees it. */
export interface TerminalInfo {
  id: string;
  target: TerminalTarget;
  /** What the shell is in, for the tab: `c1`, `host (tm-c1)`. */
  title: string;
  labId: string;
  cols: number;
  rows: number;
}

/** Why a terminal ended. */
export const TERMINAL_END_REASONS = {
  exited: "the shell exited",
  closed: "closed from the page",
  disconnected: "its page went away",
  endpointGone: "its endpoint or port is no longer in the lab",
  serverStopping: "the server is stopping",
} as const;
export type TerminalEndReason = keyof typeof TERMINAL_END_REASONS;

export interface TerminalExit {
  id: string;
  reason: TerminalEndReason;
  exitCode: number | null;
  message: string;
}
