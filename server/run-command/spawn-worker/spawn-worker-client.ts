import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { RelayCommand, RelayReply, RelayRequest, SpawnReply, SpawnRequest } from "./worker-protocol";
import { RelayedChild } from "./relayed-child";
import { nodeChildEnv } from "../node-child-env";

/** The server's side of the spawn worker (worker-main.ts): requests out, replies matched by id. */
export class SpawnWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: SpawnReply) => void; reject: (e: Error) => void }>();
  private readonly relayed = new Map<number, RelayedChild>();
  private child: ChildProcess | null = null;
  private stopped = false;

  constructor(private readonly script: string) {}

  run(request: Omit<SpawnRequest, "id">): Promise<SpawnReply> {
    if (this.stopped) return Promise.reject(new Error("the spawn worker was stopped"));
    const child = this.child ?? this.startChild();
    const id = this.nextId++;
    const answer = new Promise<SpawnReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.stdin!.write(`${JSON.stringify({ ...request, id } satisfies SpawnRequest)}\n`);
    });
    this.holdOpen(child, true);
    return answer;
  }

  /** A long-lived program started by the worker, its stdio relayed (worker-protocol.ts RelayRequest). */
  startRelayed(file: string, args: string[]): RelayedChild {
    const id = this.nextId++;
    const worker = this.stopped ? null : (this.child ?? this.startChild());
    const write = (command: RelayCommand) => worker?.stdin!.write(`${JSON.stringify({ ...command, id } satisfies RelayRequest)}\n`);
    const child = new RelayedChild(write);
    if (!worker) {
      queueMicrotask(() => child.exited(null, null, "the spawn worker was stopped"));
      return child;
    }
    this.relayed.set(id, child);
    const gone = () => {
      this.relayed.delete(id);
      this.holdOpen(worker, this.busy());
    };
    child.once("exit", gone);
    child.once("error", gone);
    write({ relay: "start", file, args });
    // Like a program spawned here, a running one keeps this process alive.
    this.holdOpen(worker, true);
    return child;
  }

  stop(): void {
    this.stopped = true;
    this.child?.stdin?.end();
    this.child = null;
  }

  /** Started on first use, and again after it died (its requests in flight fail, the next ones go to the new one). */
  private startChild(): ChildProcess {
    const child = spawn(process.execPath, [this.script], { shell: false, stdio: ["pipe", "pipe", "inherit"], env: nodeChildEnv({ LC_ALL: "C" }) });
    this.child = child;
    child.stdin!.on("error", () => undefined);
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      const reply = JSON.parse(line) as SpawnReply | RelayReply;
      if ("relay" in reply) return this.relayed.get(reply.id)?.receive(reply);
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!this.busy()) this.holdOpen(child, false);
      waiter?.resolve(reply);
    });
    const lost = (why: string) => {
      if (this.child === child) this.child = null;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the spawn worker ${why}`));
      this.pending.clear();
      // Their stdin was the worker's: they end with it.
      for (const relayed of this.relayed.values()) relayed.exited(null, "SIGPIPE");
      this.relayed.clear();
    };
    child.on("error", (err) => lost(`could not start (${err.message})`));
    child.on("exit", (code, signal) => lost(`exited (${signal ?? `code ${code}`})`));
    this.holdOpen(child, false);
    return child;
  }

  private busy(): boolean {
    return this.pending.size > 0 || this.relayed.size > 0;
  }

  /** An idle worker must not keep a finished CLI or test alive; a busy one must, until its answers arrive or its relayed programs end. */
  private holdOpen(child: ChildProcess, busy: boolean): void {
    for (const handle of [child, child.stdin, child.stdout] as unknown as { ref?: () => void; unref?: () => void }[]) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}
