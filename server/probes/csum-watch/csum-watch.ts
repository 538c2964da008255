import type { ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { z } from "zod";
import { truncateLine } from "../parse-agent-reply";
import { sharedHelper, startPythonHelper } from "../python-helper";

const SCRIPT = path.join(import.meta.dirname, "csum_watch.py");
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
const replySchema = z.union([
  badPacketSchema,
  z.object({ id: z.number(), errors: z.array(z.string().nullable()) }),
  z.object({ id: z.number(), drops: z.number().nullable() }),
]);
export type CsumWatchReply = z.infer<typeof replySchema>;

/** A probe packet that arrived in a watched namespace with a checksum its kernel will refuse. */
export type BadPacket = Omit<z.infer<typeof badPacketSchema>, "bad">;

/** One line from the watch; null for anything outside the protocol. */
export function parseCsumWatchReply(line: string): CsumWatchReply | null {
  try {
    const parsed = replySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A namespace to watch: its path (null: the server's own, the root one), and the endpoint address and echo port of its probes. */
export interface WatchedNamespace {
  netns: string | null;
  address: string;
  port: number;
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
 * Sees the probe packets that arrive in a lab's namespaces with a bad checksum, as they arrive:
 * one long-lived helper (csum_watch.py) with a packet socket in each watched namespace. See the
 * script for why a report means the kernel dropped that packet.
 */
export class CsumWatch {
  private nextId = 1;
  private readonly answers = new Map<number, (reply: CsumWatchReply | null) => void>();
  private readonly listeners = new Map<number, (packet: BadPacket) => void>();
  private exitReason: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => this.onLine(line));
    child.stdin!.on("error", () => this.ended("its input closed"));
    child.on("exit", (code, signal) => this.ended(`exited (${signal ?? `code ${code}`})`));
  }

  static async start(): Promise<CsumWatch> {
    const { child, pid } = await startPythonHelper(SCRIPT, "checksum watch");
    return new CsumWatch(child, pid);
  }

  get alive(): boolean {
    return this.exitReason === null;
  }

  /** Watches these namespaces; `onBad` hears each bad probe packet with the index of its namespace. */
  async open(namespaces: WatchedNamespace[], onBad: (packet: BadPacket) => void): Promise<NamespaceWatch> {
    const id = this.nextId++;
    this.listeners.set(id, onBad);
    const reply = await this.ask({ id, watch: namespaces });
    const gone = `the checksum watch ${this.exitReason ?? "did not answer"}`;
    const errors = reply && "errors" in reply ? reply.errors : namespaces.map(() => gone);
    const closing = (kind: "sync" | "end") => async () => {
      const answer = await this.ask({ id: this.nextId++, [kind]: id });
      if (kind === "end") this.listeners.delete(id);
      return answer && "drops" in answer ? answer.drops : null;
    };
    return { errors, sync: closing("sync"), end: closing("end") };
  }

  stop(): void {
    this.ended("stopped");
    this.child.kill("SIGTERM");
  }

  private ask(request: { id: number } & Record<string, unknown>): Promise<CsumWatchReply | null> {
    if (this.exitReason !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answer(request.id, null), ANSWER_MS);
      this.answers.set(request.id, (reply) => (clearTimeout(timer), resolve(reply)));
      this.child.stdin!.write(JSON.stringify(request) + "\n");
    });
  }

  private answer(id: number, reply: CsumWatchReply | null): void {
    const resolve = this.answers.get(id);
    this.answers.delete(id);
    resolve?.(reply);
  }

  private onLine(line: string): void {
    const reply = parseCsumWatchReply(line);
    if (!reply) return void console.warn(`[ovs-lab] checksum watch said something outside its protocol: ${truncateLine(line)}`);
    if ("bad" in reply) {
      const { bad, ...packet } = reply;
      return this.listeners.get(bad)?.(packet);
    }
    this.answer(reply.id, reply);
  }

  private ended(why: string): void {
    if (this.exitReason !== null) return;
    this.exitReason = why;
    for (const id of [...this.answers.keys()]) this.answer(id, null);
    this.listeners.clear();
  }
}

const shared = sharedHelper(() => CsumWatch.start(), "TCP and UDP failures are told apart by counting instead (star rounds)");

/** The process's checksum watch, started on first use and again after it died; null when it cannot run here. */
export const sharedCsumWatch = shared.get;

/** A graceful stop. */
export const stopSharedCsumWatch = shared.stop;
