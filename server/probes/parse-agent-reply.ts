import { z } from "zod";
import { PROBE_ERRORS } from "../../lib/contracts/matrix";
import type { AgentReply, AgentRequest, ProbeOutcome } from "./agent-protocol";

/** One probe's outcome as an agent (or the ICMP prober) writes it. */
export const probeOutcomeSchema = z.object({
  target: z.string(),
  ok: z.boolean(),
  rttMs: z.number().nullable(),
  error: z.enum(Object.values(PROBE_ERRORS) as [string, ...string[]]).nullable(),
  detail: z.string().optional(),
});

const reply = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ready"), pid: z.number(), bind: z.string(), port: z.number(), synackRetries: z.number().nullable().optional() }),
  z.object({ kind: z.literal("result"), id: z.number(), outcomes: z.array(probeOutcomeSchema) }),
  z.object({ kind: z.literal("fatal"), message: z.string() }),
  z.object({ kind: z.literal("links-changed") }),
]);

/** How much of a stray line a log shows. */
export const MAX_LOGGED_LINE = 200;

export const truncateLine = (line: string) => (line.length > MAX_LOGGED_LINE ? `${line.slice(0, MAX_LOGGED_LINE)}… (${line.length} chars)` : line);

/** One line from an agent: a reply of the protocol, or null for anything else (a stray print, a crash trace). */
export function parseAgentReply(line: string): AgentReply | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = reply.safeParse(json);
  return parsed.success ? (parsed.data as AgentReply) : null;
}

/** The results of a probe its agent never answered: failed, with the reason in words. */
export function unansweredOutcomes(request: Pick<AgentRequest, "kind"> & ({ target: string } | { targets: string[] }), why: string): ProbeOutcome[] {
  const targets = "targets" in request ? request.targets : [request.target];
  return targets.map((target) => ({ target, ok: false, rttMs: null, error: PROBE_ERRORS.noAgent, detail: why }));
}
