import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { HelperProcess, sharedHelper, startHelper } from "../helper-process";
import { nativeProgram } from "../native/native-program";
import { spawnStreaming } from "../../run-command/run-command";
import type { ProbeOutcome } from "../agent-protocol";
import { probeOutcomeSchema, truncateLine } from "../parse-agent-reply";

const SOURCE = path.join(import.meta.dirname, "icmp_prober.c");
/** The prober's build (see native-program.ts). */
export const icmpProberProgram = () => nativeProgram("icmp-prober", SOURCE);
/** The prober answers at its own timeout; this is only for a prober that stopped answering. */
const ANSWER_GRACE_MS = 2000;

const replySchema = z.union([z.object({ ready: z.literal(true), pid: z.number() }), z.object({ id: z.number(), outcomes: z.array(probeOutcomeSchema) })]);
export type IcmpProberReply = z.infer<typeof replySchema>;

/**
 * The two outcomes a run gets by the hundred, checked by hand (zod's parse of every answer was a few
 * milliseconds of the server's work in a 20-container run): a reply, `{target, ok: true, rttMs, error: null}`,
 * and silence, `{target, ok: false, rttMs: null, error: "timeout"}`.
 */
function isCommonOutcome(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const o = value as Record<string, unknown>;
  if (typeof o.target !== "string" || Object.keys(o).length !== 4) return false;
  return o.ok === true ? typeof o.rttMs === "number" && o.error === null : o.ok === false && o.rttMs === null && o.error === "timeout";
}

/** One line from the prober; null for anything outside the protocol. */
export function parseIcmpProberReply(line: string): IcmpProberReply | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const answer = json as { id?: unknown; outcomes?: unknown };
  if (typeof json === "object" && json !== null && Object.keys(json).length === 2 && typeof answer.id === "number" && Array.isArray(answer.outcomes) && answer.outcomes.every(isCommonOutcome)) {
    return json as IcmpProberReply;
  }
  const parsed = replySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Answers for every target when the prober could not give them. */
export const failedOutcomes = (targets: string[], detail: string): ProbeOutcome[] => targets.map((target) => ({ target, ok: false, rttMs: null, error: "failed", detail }));

interface Pending {
  targets: string[];
  resolve: (outcomes: ProbeOutcome[]) => void;
  timer: NodeJS.Timeout;
}

/**
 * ICMP echo from any network namespace without starting a program per run: one long-lived helper
 * (icmp_prober.c, built by native-program.ts) opens a raw socket inside the source's namespace for each request
 * and times the replies with the kernel's receive timestamps. See its source for the protocol and the outcomes.
 */
export class IcmpProber extends HelperProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(child: ChildProcess, pid: number) {
    super(child, pid);
  }

  static async start(timeoutMs = 5000): Promise<IcmpProber> {
    const program = await icmpProberProgram();
    const { child, pid } = await startHelper(spawnStreaming("icmp-prober", [], { stdin: true, executable: program }), "ICMP prober", timeoutMs);
    return new IcmpProber(child, pid);
  }

  /** One echo request to each target from `source` inside `netns` (a path such as /proc/PID/ns/net); never rejects. */
  probe(netns: string, source: string, targets: string[], timeoutMs: number): Promise<ProbeOutcome[]> {
    if (this.exitReason !== null) return Promise.resolve(failedOutcomes(targets, `ICMP prober ${this.exitReason}`));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answer(id, failedOutcomes(targets, "ICMP prober did not answer")), timeoutMs + ANSWER_GRACE_MS);
      this.pending.set(id, { targets, resolve, timer });
      this.hold(true);
      this.send({ id, netns, source, targets, timeoutMs });
    });
  }

  protected onLine(line: string): void {
    const reply = parseIcmpProberReply(line);
    if (!reply || !("id" in reply)) return void console.warn(`[ovs-lab] ICMP prober said something outside its protocol: ${truncateLine(line)}`);
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    // In the order asked for, whatever order the prober wrote them in.
    const byTarget = new Map(reply.outcomes.map((o) => [o.target, o as ProbeOutcome]));
    this.answer(reply.id, pending.targets.map((t) => byTarget.get(t) ?? failedOutcomes([t], "ICMP prober gave no answer for it")[0]));
  }

  private answer(id: number, outcomes: ProbeOutcome[]): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.hold(this.pending.size > 0);
    clearTimeout(pending.timer);
    pending.resolve(outcomes);
  }

  protected onEnded(why: string): void {
    for (const [id, p] of this.pending) this.answer(id, failedOutcomes(p.targets, `ICMP prober ${why}`));
  }
}

const shared = sharedHelper(() => IcmpProber.start(), "ICMP probes use fping instead");

/**
 * The process's prober, started on first use and again after it died; null when it cannot run here
 * (no C compiler): the probe agents' fping serves ICMP then.
 */
export const sharedIcmpProber = shared.get;

/** A graceful stop. */
export const stopSharedIcmpProber = shared.stop;
