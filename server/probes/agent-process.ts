import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { AgentRequest, ProbeOutcome } from "./agent-protocol";
import type { SnmpCounters } from "./parse-snmp";
import { parseAgentReply, truncateLine, unansweredOutcomes } from "./parse-agent-reply";

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type ProbeRequest = DistributiveOmit<Extract<AgentRequest, { kind: "tcp" | "udp" | "icmp" }>, "id">;

export interface AgentHooks {
  onLinksChanged: () => void;
  /** The agent ended without stop() (crashed, killed, or spoke outside the protocol): its owner may start another. */
  onFailed?: (why: string) => void;
}

type Pending =
  | { kind: "probe"; request: ProbeRequest; resolve: (o: ProbeOutcome[]) => void }
  | { kind: "counters"; resolve: (c: SnmpCounters | null) => void };

/** A request in flight: its id (to cancel or unwatch it) and its answer. */
export interface InFlight<T> {
  id: number;
  answer: Promise<T>;
}

const MAX_STDERR = 2000;

/** One running probe agent, inside one network namespace, spoken to over stdio. */
export class AgentProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exitReason: string | null = null;
  private stopping = false;

  private constructor(
    readonly endpoint: string,
    readonly key: string,
    private readonly child: ChildProcess,
    private readonly hooks: AgentHooks,
  ) {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => this.onLine(line));
    child.stdin!.on("error", (err: NodeJS.ErrnoException) => this.fail(`its input closed (${err.code ?? err.message})`));
    child.on("exit", (code, signal) => this.ended(this.exitReason ?? `exited (${signal ?? `code ${code}`})`));
  }

  /** An agent on a child that already said "ready" (start() does that; unit tests pass a fake child). */
  static attach(endpoint: string, key: string, child: ChildProcess, hooks: AgentHooks): AgentProcess {
    return new AgentProcess(endpoint, key, child, hooks);
  }

  static start(opts: { endpoint: string; key: string; script: string; netns: string | null; bind: string; port: number } & AgentHooks): Promise<AgentProcess> {
    // "lab-netns": the agent may tune its namespace for the probes (agent-main.ts); never the root one.
    const argv = [process.execPath, opts.script, opts.bind, String(opts.port), opts.netns ? "lab-netns" : "root"];
    const [bin, args] = opts.netns ? ["nsenter", [`--net=${opts.netns}`, "--", ...argv]] : [argv[0], argv.slice(1)];
    const child = spawn(bin, args, { shell: false, stdio: ["pipe", "pipe", "pipe"] });
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
        resolve(new AgentProcess(opts.endpoint, opts.key, child, opts));
      });
    });
  }

  get alive(): boolean {
    return this.exitReason === null;
  }

  /** Never rejects and never hangs on a dead agent: unanswered probes come back failed, with the reason. */
  probe(request: ProbeRequest): Promise<ProbeOutcome[]> {
    return this.startProbe(request).answer;
  }

  /** The same, with the id `cancel` takes. */
  startProbe(request: ProbeRequest): InFlight<ProbeOutcome[]> {
    return this.ask<ProbeOutcome[]>(request, (resolve) => ({ kind: "probe", request, resolve }), () => unansweredOutcomes(request, this.why()));
  }

  /** Closes a running probe's socket; it answers at once (failed, "cancelled"). */
  cancel(id: number): void {
    this.write({ kind: "cancel", id });
  }

  /** The agent's namespace's /proc/net/snmp counters; null from a dead agent or an unreadable file. */
  counters(): Promise<SnmpCounters | null> {
    return this.ask<SnmpCounters | null>({ kind: "counters" }, (resolve) => ({ kind: "counters", resolve }), () => null).answer;
  }

  /** Answered when `protocol`'s InCsumErrors is no longer `baseline`, when unwatched, or after `untilMs`. */
  watch(protocol: "tcp" | "udp", baseline: number, untilMs: number): InFlight<SnmpCounters | null> {
    return this.ask<SnmpCounters | null>({ kind: "watch", protocol, baseline, untilMs }, (resolve) => ({ kind: "counters", resolve }), () => null);
  }

  unwatch(id: number): void {
    this.write({ kind: "unwatch", id });
  }

  private ask<T>(request: DistributiveOmit<AgentRequest, "id">, pending: (resolve: (v: T) => void) => Pending, dead: () => T): InFlight<T> {
    const id = this.nextId++;
    if (this.exitReason !== null || !this.writable()) return { id, answer: Promise.resolve(dead()) };
    const answer = new Promise<T>((resolve) => {
      this.pending.set(id, pending(resolve));
      this.write({ ...request, id } as AgentRequest);
    });
    return { id, answer };
  }

  private writable(): boolean {
    const stdin = this.child.stdin!;
    if (!stdin.destroyed && stdin.writable) return true;
    this.fail("its input is closed");
    return false;
  }

  private write(message: AgentRequest): void {
    if (this.exitReason !== null) return;
    this.child.stdin!.write(JSON.stringify(message) + "\n", (err) => {
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
    if (reply.kind === "result" || reply.kind === "counters") {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (p?.kind === "probe" && reply.kind === "result") p.resolve(reply.outcomes);
      else if (p?.kind === "counters" && reply.kind === "counters") p.resolve(reply.counters);
      else if (p) return this.fail(`answered request ${reply.id} with a ${reply.kind} reply`);
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
    for (const p of this.pending.values()) {
      if (p.kind === "probe") p.resolve(unansweredOutcomes(p.request, reason));
      else p.resolve(null);
    }
    this.pending.clear();
    if (!this.stopping) this.hooks.onFailed?.(why);
  }
}
