import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { PROBE_ERRORS, type ProbeError } from "../../../lib/contracts/matrix";
import { truncateLine } from "../parse-agent-reply";
import { HelperProcess, sharedHelper, startHelper } from "../helper-process";
import { nativeProgram } from "../native/native-program";
import { spawnStreaming } from "../../run-command/run-command";

const SOURCE = path.join(import.meta.dirname, "socket_prober.c");
/** The prober's build (see native-program.ts). */
export const socketProberProgram = () => nativeProgram("socket-prober", SOURCE);
/** The watch answers at once; this is only for one that stopped answering. */
const ANSWER_MS = 5000;

const badPacketSchema = z.object({
  bad: z.number(),
  at: z.number().int().nonnegative(),
  proto: z.enum(["tcp", "udp"]),
  src: z.string(),
  sport: z.number().int(),
  dst: z.string(),
  dport: z.number().int(),
  syn: z.boolean(),
  ack: z.boolean(),
  sum: z.string(),
  want: z.string(),
});
const outcomeSchema = z.object({
  id: z.number(),
  i: z.number().int().nonnegative(),
  ok: z.boolean(),
  rttMs: z.number().optional(),
  error: z.enum(Object.values(PROBE_ERRORS) as [ProbeError, ...ProbeError[]]).optional(),
  detail: z.string().optional(),
  at: z.number().int().nonnegative().optional(),
  side: z.enum(["from", "to"]).optional(),
  sum: z.string().optional(),
  want: z.string().optional(),
});
const doneSchema = z.object({ id: z.number(), done: z.literal(true), lost: z.number().nullable(), watchErrors: z.array(z.string().nullable()) });
const watchingSchema = z.object({ id: z.number(), errors: z.array(z.string().nullable()) });
const syncedSchema = z.object({ id: z.number(), drops: z.number().nullable() });
export type SocketProberReply = z.infer<typeof badPacketSchema | typeof outcomeSchema | typeof doneSchema | typeof watchingSchema | typeof syncedSchema>;

/**
 * Each kind of line by the key only it has. A run sends a line per probe: trying the schemas of a
 * union in turn, each failed one building its issues, cost the server more than the probes did.
 */
const KINDS = [
  ["i", outcomeSchema],
  ["bad", badPacketSchema],
  ["done", doneSchema],
  ["errors", watchingSchema],
  ["drops", syncedSchema],
] as const;

/**
 * How one probe of a run ended. A `bad-checksum` one names the namespace (`at`, its index in the run)
 * that received its packet with a sum its kernel refuses, which packet (`side`: "to" for the SYN or
 * datagram at the target, "from" for the SYN/ACK or echo reply at the source) and the sum against the right one.
 */
export type SocketProbeEnd = Omit<z.infer<typeof outcomeSchema>, "id">;

/** A probe packet that arrived in a watched namespace with a checksum its kernel will refuse. */
export type BadPacket = Omit<z.infer<typeof badPacketSchema>, "bad">;

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/**
 * The two lines a run sends by the thousand, checked by hand (zod's parse was a tenth of the server's
 * work in a run): an echo, `{id, i, ok: true, rttMs}`, and a drop, `{id, i, ok: false, error: "bad-checksum", at, side, sum, want}`.
 */
function isCommonOutcome(json: object): json is z.infer<typeof outcomeSchema> {
  const o = json as Record<string, unknown>;
  if (typeof o.id !== "number" || !isIndex(o.i)) return false;
  let keys = 0;
  for (const _ in o) keys++;
  if (o.ok === true) return keys === 4 && typeof o.rttMs === "number";
  return keys === 8 && o.ok === false && o.error === "bad-checksum" && isIndex(o.at) && (o.side === "to" || o.side === "from") && typeof o.sum === "string" && typeof o.want === "string";
}

/** One line from the prober; null for anything outside the protocol. */
export function parseSocketProberReply(line: string): SocketProberReply | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null) return null;
  if (isCommonOutcome(json)) return json;
  const schema = KINDS.find(([key]) => key in json)?.[1];
  const parsed = schema?.safeParse(json);
  return parsed?.success ? parsed.data : null;
}

/** A namespace to watch: its path (null: the server's own, the root one), and the endpoint address and echo port of its probes. */
export interface WatchedNamespace {
  netns: string | null;
  address: string;
  port: number;
}

/** A run of TCP and UDP probes: the namespaces it involves and, for each probe, its protocol and the indexes of its ends. */
export interface SocketProbeRun {
  /** netns null: the prober's own (the root one); watch false: an address only, with no namespace to watch (no agent runs there). */
  namespaces: { netns: string | null; address: string; watch?: boolean }[];
  port: number;
  timeoutMs: number;
  inFlight: number;
  probes: ["tcp" | "udp", number, number][];
}

/** How a run ended: the packets the watch lost while it ran (null: unknown, the prober went), and the namespaces it could not watch. */
export interface SocketRunEnd {
  lost: number | null;
  watchErrors: (string | null)[];
}

/** A set of watched namespaces, open until end(). */
export interface NamespaceWatch {
  /** Per namespace (in the order asked), why it could not be watched, or null. */
  errors: (string | null)[];
  /**
   * Resolves once every packet received so far has been reported, with the packets the watch lost
   * since it began (its buffers were full); null when the watch is gone and so is what it saw.
   */
  sync(): Promise<number | null>;
  /** The same, and the sockets are closed. */
  end(): Promise<number | null>;
}

/**
 * TCP and UDP probes from any network namespace, each failure named by its packet: one long-lived
 * helper (socket_prober.c, built by native-program.ts) makes each TCP probe's socket, and one UDP socket
 * per source, inside the source's namespace, and its checksum watch (a packet socket in each namespace) sees the probe packets that arrive with a
 * sum their kernel refuses. See its source for the protocol and the outcomes.
 */
export class SocketProber extends HelperProcess {
  private nextId = 1;
  private readonly answers = new Map<number, (reply: SocketProberReply | null) => void>();
  private readonly listeners = new Map<number, (packet: BadPacket) => void>();
  private readonly runs = new Map<number, { onEnd: (end: SocketProbeEnd) => void; done: (end: SocketRunEnd) => void }>();

  private constructor(child: ChildProcess, pid: number) {
    super(child, pid);
  }

  static async start(): Promise<SocketProber> {
    const program = await socketProberProgram();
    const { child, pid } = await startHelper(spawnStreaming("socket-prober", [], { stdin: true, executable: program }), "socket prober");
    return new SocketProber(child, pid);
  }

  /**
   * Runs these probes; `onEnd` hears each as it ends. Never rejects: when the prober goes, the run
   * resolves with `lost: null` and the probes that had not ended say nothing (the caller runs them again).
   */
  run(run: SocketProbeRun, onEnd: (end: SocketProbeEnd) => void): Promise<SocketRunEnd> {
    const failed = { lost: null, watchErrors: run.namespaces.map(() => `the socket prober ${this.exitReason ?? "stopped"}`) };
    if (this.exitReason !== null) return Promise.resolve(failed);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.runs.set(id, { onEnd, done: resolve });
      this.busyOrIdle();
      this.send({ id, run });
    });
  }

  /** Watches these namespaces; `onBad` hears each bad probe packet with the index of its namespace. */
  async open(namespaces: WatchedNamespace[], onBad: (packet: BadPacket) => void): Promise<NamespaceWatch> {
    const id = this.nextId++;
    this.listeners.set(id, onBad);
    const reply = await this.ask({ id, watch: namespaces });
    const gone = `the socket prober ${this.exitReason ?? "did not answer"}`;
    const errors = reply && "errors" in reply ? reply.errors : namespaces.map(() => gone);
    const closing = (kind: "sync" | "end") => async () => {
      const answer = await this.ask({ id: this.nextId++, [kind]: id });
      if (kind === "end") this.listeners.delete(id);
      return answer && "drops" in answer ? answer.drops : null;
    };
    return { errors, sync: closing("sync"), end: closing("end") };
  }

  /** A run or a question in hand holds the process open (see holdWhileBusy); a watch left open does not. */
  private busyOrIdle(): void {
    this.hold(this.runs.size + this.answers.size > 0);
  }

  private ask(request: { id: number } & Record<string, unknown>): Promise<SocketProberReply | null> {
    if (this.exitReason !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answer(request.id, null), ANSWER_MS);
      this.answers.set(request.id, (reply) => (clearTimeout(timer), resolve(reply)));
      this.busyOrIdle();
      this.send(request);
    });
  }

  private answer(id: number, reply: SocketProberReply | null): void {
    const resolve = this.answers.get(id);
    this.answers.delete(id);
    this.busyOrIdle();
    resolve?.(reply);
  }

  protected onLine(line: string): void {
    const reply = parseSocketProberReply(line);
    if (!reply) return void console.warn(`[ovs-lab] socket prober said something outside its protocol: ${truncateLine(line)}`);
    if ("bad" in reply) {
      const { bad, ...packet } = reply;
      return this.listeners.get(bad)?.(packet);
    }
    if ("i" in reply) return this.runs.get(reply.id)?.onEnd(reply); // its `id` rides along: copying a thousand lines without it cost more
    if ("done" in reply) {
      const run = this.runs.get(reply.id);
      this.runs.delete(reply.id);
      this.busyOrIdle();
      return run?.done({ lost: reply.lost, watchErrors: reply.watchErrors });
    }
    this.answer(reply.id, reply);
  }

  protected onEnded(): void {
    for (const id of [...this.answers.keys()]) this.answer(id, null);
    this.listeners.clear();
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const run of runs) run.done({ lost: null, watchErrors: [] });
  }
}

const shared = sharedHelper(() => SocketProber.start(), "TCP and UDP probes go through the probe agents, and failures are told apart by counting (star rounds)");

/** The process's socket prober, started on first use and again after it died; null when it cannot run here. */
export const sharedSocketProber = shared.get;

/** A graceful stop. */
export const stopSharedSocketProber = shared.stop;
