import readline from "node:readline";
import { readFileSync } from "node:fs";
import type { AgentRequest, ProbeOutcome } from "./agent-protocol";
import type { SnmpCounters } from "./parse-snmp";
import { NamespaceCounters } from "./namespace-counters";
import { parseAgentReply, truncateLine, unansweredOutcomes } from "./parse-agent-reply";
import { spawnLongLived, type LongLivedChild } from "../run-command/run-command";

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type ProbeRequest = DistributiveOmit<Extract<AgentRequest, { kind: "tcp" | "udp" | "icmp" }>, "id">;

export interface AgentHooks {
  onLinksChanged: () => void;
  /** The agent ended without stop() (crashed, killed, or spoke outside the protocol): its owner may start another. */
  onFailed?: (why: string) => void;
}

interface Pending {
  /** null for a request that is not a probe (relisten). */
  request: ProbeRequest | null;
  resolve: (o: ProbeOutcome[]) => void;
}

/** A probe in flight: its id (to cancel it) and its answer. */
export interface InFlight {
  id: number;
  answer: Promise<ProbeOutcome[]>;
}

const MAX_STDERR = 2000;

/**
 * A lab runs one agent per endpoint, 101 at 100 containers, on the same cores as the probes and the page.
 * After a run whose connections mostly worked, V8's memory reducer collected in every agent for seconds:
 * 1.6 to 2.1 s of CPU in the 6 s after the run, while a page loaded. Without it: none, for 2 MB more
 * memory per agent (101 agents: 1,080 MB PSS against 880).
 */
const AGENT_NODE_FLAGS = ["--no-memory-reducer"];

/** One running probe agent, inside one network namespace, spoken to over stdio. */
export class AgentProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: string[] = [];
  private exitReason: string | null = null;
  private stopping = false;
  /** When it said ready: its link monitor starts then (agent-main.ts watchLinks). */
  readonly readyAt = Date.now();

  private constructor(
    readonly endpoint: string,
    readonly key: string,
    private readonly child: LongLivedChild,
    private readonly hooks: AgentHooks,
    /** Its namespace's /proc/net/snmp, read from here (none for a fake child). */
    private readonly snmp: NamespaceCounters | null = null,
    /** The agent's process id (none for a fake child). */
    private readonly pid: number | null = null,
  ) {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => this.onLine(line));
    child.stdin!.on("error", (err: NodeJS.ErrnoException) => this.fail(`its input closed (${err.code ?? err.message})`));
    child.on("exit", (code, signal) => this.ended(this.exitReason ?? `exited (${signal ?? `code ${code}`})`));
  }

  /** An agent on a child that already said "ready" (start() does that; unit tests pass a fake child). */
  static attach(endpoint: string, key: string, child: LongLivedChild, hooks: AgentHooks): AgentProcess {
    return new AgentProcess(endpoint, key, child, hooks);
  }

  static start(opts: { endpoint: string; key: string; script: string; netns: string | null; bind: string; port: number } & AgentHooks): Promise<AgentProcess> {
    // "lab-netns": the agent may tune its namespace for the probes (agent-main.ts); never the root one.
    const argv = [process.execPath, ...AGENT_NODE_FLAGS, opts.script, opts.bind, String(opts.port), opts.netns ? "lab-netns" : "root"];
    const [bin, args] = opts.netns ? ["nsenter", [`--net=${opts.netns}`, "--", ...argv]] : [argv[0], argv.slice(1)];
    const child = spawnLongLived(bin, args);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-MAX_STDERR)));
    child.stdin!.on("error", () => undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not start within 10 s`), 10_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`probe agent for ${opts.endpoint}: ${why}${stderr ? `: ${stderr.trim()}` : ""}`));
      };
      child.once("error", (err) => fail(err.message));
      child.once("exit", (code) => fail(`exited with ${code}`));
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => {
        const reply = parseAgentReply(line);
        if (reply?.kind !== "ready") return fail(reply?.kind === "fatal" ? reply.message : `unexpected first line: ${truncateLine(line)}`);
        clearTimeout(timer);
        child.removeAllListeners("exit");
        child.removeAllListeners("error");
        child.on("error", () => undefined);
        lines.close();
        resolve(new AgentProcess(opts.endpoint, opts.key, child, opts, NamespaceCounters.open(reply.pid), reply.pid));
      });
    });
  }

  /** Its network namespace as a path another process can enter while the agent lives; null once it has gone (or for a fake child). */
  get netnsPath(): string | null {
    return this.exitReason === null && this.pid !== null ? `/proc/${this.pid}/ns/net` : null;
  }

  get alive(): boolean {
    return this.exitReason === null;
  }

  /** Never rejects and never hangs on a dead agent: unanswered probes come back failed, with the reason. */
  probe(request: ProbeRequest): Promise<ProbeOutcome[]> {
    return this.startProbe(request).answer;
  }

  /** The same, with the id `cancel` takes. */
  startProbe(request: ProbeRequest): InFlight {
    const id = this.nextId++;
    if (this.exitReason !== null || !this.writable()) return { id, answer: Promise.resolve(unansweredOutcomes(request, this.why())) };
    const answer = new Promise<ProbeOutcome[]>((resolve) => {
      this.pending.set(id, { request, resolve });
      this.write({ ...request, id });
    });
    return { id, answer };
  }

  /** A new TCP echo listener in place of the old one (see agent-main.ts); resolves once it listens (or the agent is gone). */
  async relisten(): Promise<void> {
    const id = this.nextId++;
    if (this.exitReason !== null || !this.writable()) return;
    await new Promise<ProbeOutcome[]>((resolve) => {
      this.pending.set(id, { request: null, resolve });
      this.write({ kind: "relisten", id });
    });
  }

  /** Closes a running probe's socket. Its answer is given here at once (failed, "cancelled"); the agent sends none. */
  cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p?.request || p.request.kind === "icmp") return;
    this.pending.delete(id);
    this.write({ kind: "cancel", id });
    p.resolve([{ target: p.request.target, ok: false, rttMs: null, error: "failed", detail: "cancelled" }]);
  }

  /** Its namespace's neighbour table (/proc/net/arp, read through its pid); null once it has gone (or for a fake child). */
  neighbours(): string | null {
    if (this.exitReason !== null || this.pid === null) return null;
    try {
      return readFileSync(`/proc/${this.pid}/net/arp`, "latin1");
    } catch {
      return null;
    }
  }

  /** The agent's namespace's /proc/net/snmp counters now; null once it has gone (or for a fake child). */
  counters(): SnmpCounters | null {
    return this.exitReason === null ? (this.snmp?.read() ?? null) : null;
  }

  private writable(): boolean {
    const stdin = this.child.stdin!;
    if (!stdin.destroyed && stdin.writable) return true;
    this.fail("its input is closed");
    return false;
  }

  /** Lines written in one turn of the event loop go out in one write: a run sends a cancel and the next probe together. */
  private write(message: AgentRequest): void {
    if (this.exitReason !== null) return;
    this.outbox.push(JSON.stringify(message));
    if (this.outbox.length === 1) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const lines = this.outbox.splice(0);
    if (this.exitReason !== null || lines.length === 0) return;
    this.child.stdin!.write(lines.join("\n") + "\n", (err) => {
      if (err) this.fail(`writing to it failed (${(err as NodeJS.ErrnoException).code ?? err.message})`);
    });
  }


  stop(): void {
    this.stopping = true;
    this.ended("was stopped");
    this.child.stdin!.end();
    this.child.kill("SIGTERM");
  }

  private why(): string {
    return `the probe agent for ${this.endpoint} ${this.exitReason}; it is started again on the next run`;
  }

  private onLine(line: string): void {
    const reply = parseAgentReply(line);
    if (!reply) {
      console.warn(`[ovs-lab] probe agent for ${this.endpoint}: a line that is not the protocol, restarting it: ${truncateLine(line)}`);
      return this.fail("sent a line that is not the protocol");
    }
    if (reply.kind === "result") {
      this.pending.get(reply.id)?.resolve(reply.outcomes);
      this.pending.delete(reply.id);
    } else if (reply.kind === "links-changed") this.hooks.onLinksChanged();
  }

  /** The agent can no longer be trusted: answer what it owes, and end it. */
  private fail(why: string): void {
    if (this.exitReason !== null) return;
    this.ended(why);
    this.child.kill("SIGKILL");
  }

  private ended(why: string): void {
    if (this.exitReason !== null) return;
    this.exitReason = why;
    const reason = this.why();
    // The descriptor holds the namespace: a stopped container's must be let go.
    this.snmp?.close();
    for (const p of this.pending.values()) p.resolve(p.request ? unansweredOutcomes(p.request, reason) : []);
    this.pending.clear();
    if (!this.stopping) this.hooks.onFailed?.(why);
  }
}
