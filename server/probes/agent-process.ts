import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { AgentReply, AgentRequest, ProbeOutcome } from "./agent-protocol";

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type ProbeRequest = DistributiveOmit<AgentRequest, "id">;

/** One running probe agent, inside one network namespace, spoken to over stdio. */
export class AgentProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (o: ProbeOutcome[]) => void>();
  private exited = false;

  private constructor(
    readonly endpoint: string,
    readonly key: string,
    private readonly child: ChildProcess,
    onLinksChanged: () => void,
  ) {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      const reply = JSON.parse(line) as AgentReply;
      if (reply.kind === "result") {
        this.pending.get(reply.id)?.(reply.outcomes);
        this.pending.delete(reply.id);
      } else if (reply.kind === "links-changed") onLinksChanged();
    });
    child.on("exit", () => {
      this.exited = true;
      for (const resolve of this.pending.values()) resolve([]);
      this.pending.clear();
    });
  }

  static start(opts: {
    endpoint: string;
    key: string;
    script: string;
    netns: string | null;
    bind: string;
    port: number;
    onLinksChanged: () => void;
  }): Promise<AgentProcess> {
    const argv = [process.execPath, opts.script, opts.bind, String(opts.port)];
    const [bin, args] = opts.netns ? ["nsenter", [`--net=${opts.netns}`, "--", ...argv]] : [argv[0], argv.slice(1)];
    const child = spawn(bin, args, { shell: false, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
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
        const reply = JSON.parse(line) as AgentReply;
        if (reply.kind !== "ready") return fail(reply.kind === "fatal" ? reply.message : "unexpected first message");
        clearTimeout(timer);
        child.removeAllListeners("exit");
        lines.close();
        resolve(new AgentProcess(opts.endpoint, opts.key, child, opts.onLinksChanged));
      });
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  probe(req: ProbeRequest): Promise<ProbeOutcome[]> {
    if (this.exited) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin!.write(JSON.stringify({ ...req, id }) + "\n");
    });
  }

  stop(): void {
    this.child.stdin!.end();
    this.child.kill("SIGTERM");
  }
}
