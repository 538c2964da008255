import { z } from "zod";
import { TERMINAL_COLS, TERMINAL_INPUT_MAX, TERMINAL_ROWS, type TerminalOpenRequest, type TerminalTarget } from "./terminal";

/** The terminal events' payloads (terminal.ts), checked at the edge. */
const endpointName = z.string().regex(/^[a-z][a-z0-9]{0,7}$/, "an endpoint name such as c1, host or server");
const interfaceId = z.string().regex(/^[a-z][a-z0-9]{0,7}:[A-Za-z0-9_.-]{1,15}$/, "an interface id such as host:seed-c1");
const cols = z.number().int().min(TERMINAL_COLS.min).max(TERMINAL_COLS.max);
const rows = z.number().int().min(TERMINAL_ROWS.min).max(TERMINAL_ROWS.max);
const terminalId = z.string().regex(/^[0-9a-f-]{36}$/, "a terminal id: the UUID terminal:open answered");

export const terminalTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("endpoint"), endpoint: endpointName }).strict(),
  z.object({ kind: z.literal("port"), interfaceId }).strict(),
]) satisfies z.ZodType<TerminalTarget>;

export const terminalOpenSchema = z.object({ target: terminalTargetSchema, cols: cols.default(80), rows: rows.default(24) }).strict() satisfies z.ZodType<Required<TerminalOpenRequest>, TerminalOpenRequest>;
export const terminalInputSchema = z.object({ id: terminalId, data: z.string().min(1).max(TERMINAL_INPUT_MAX) }).strict();
export const terminalResizeSchema = z.object({ id: terminalId, cols, rows }).strict();
export const terminalCloseSchema = z.object({ id: terminalId }).strict();
