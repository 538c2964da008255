
/** Bounds of a terminal's size (xterm's fit addon asks for what the panel holds; anything outside is refused). */
export const TERMINAL_COLS = { min: 10, max: 500 } as const;
export const TERMINAL_ROWS = { min: 4, max: 200 } as const;
/** One input message at most (a paste of a long script arrives in pieces of this). */
export const TERMINAL_INPUT_MAX = 64 * 1024;

/** Where a shell runs: inside an endpoint's network namespace, or in the host's, named after one of its ports. */
export type TerminalTarget = { kind: "endpoint"; endpoint: string } | { kind: "port"; interfaceId: string };
/** terminal:open; the size is 80x24 unless given (terminal-inputs.ts checks it). */
export interface TerminalOpenRequest {
  target: TerminalTarget;
  cols?: number;
  rows?: number;
}

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
