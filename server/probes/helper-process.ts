import type { ChildProcess } from "node:child_process";
import readline from "node:readline";
import { truncateLine } from "./parse-agent-reply";

/** A long-lived helper (one of this repository's C programs, the probers) that said it is ready: its process and the pid it gave. */
export interface StartedHelper {
  child: ChildProcess;
  pid: number;
}

/**
 * Waits for a helper just spawned with a pipe each way to say its first line, {"ready": true, "pid": N}.
 * Rejects (and kills it) when it says anything else, ends, or is silent for `timeoutMs`.
 */
export function startHelper(child: ChildProcess, label: string, timeoutMs = 5000): Promise<StartedHelper> {
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${label}: ${why}${stderr ? `: ${stderr.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    child.once("error", (err) => fail(err.message));
    child.once("exit", (code) => fail(`exited with ${code}`));
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      let ready: { ready?: unknown; pid?: unknown } | null = null;
      try {
        ready = JSON.parse(line);
      } catch {
        /* answered below */
      }
      if (ready?.ready !== true || typeof ready.pid !== "number") return fail(`unexpected first line: ${truncateLine(line)}`);
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.removeAllListeners("error");
      child.on("error", () => undefined);
      lines.close();
      resolve({ child, pid: ready.pid });
    });
  });
}

/**
 * Holds this process open while the helper has work in hand, and only then: a helper with nothing
 * to do must not keep alive a process that is otherwise done (a test that ran a matrix in-process).
 */
export function holdWhileBusy(child: ChildProcess): (busy: boolean) => void {
  const handles = [child, child.stdin, child.stdout, child.stderr].filter((h): h is NonNullable<typeof h> => h !== null) as unknown as { ref(): void; unref(): void }[];
  let held: boolean | null = null;
  return (busy) => {
    if (busy === held) return;
    held = busy;
    for (const h of handles) {
      if (busy) h.ref();
      else h.unref();
    }
  };
}

/**
 * A started helper as its owner sees it: every line of its output goes to onLine(), and its end (input
 * closed, exit, stop()) to onEnded() once, with the reason, for it to answer what it owed. It holds
 * this process open only while busy (holdWhileBusy); it starts idle.
 */
export abstract class HelperProcess {
  protected exitReason: string | null = null;
  protected readonly hold: (busy: boolean) => void;
  private readonly outbox: string[] = [];

  protected constructor(
    protected readonly child: ChildProcess,
    /** The helper's process id. */
    readonly pid: number,
  ) {
    this.hold = holdWhileBusy(child);
    this.hold(false);
    readline.createInterface({ input: child.stdout! }).on("line", (line) => this.onLine(line));
    child.stdin!.on("error", () => this.ended("its input closed"));
    child.on("exit", (code, signal) => this.ended(`exited (${signal ?? `code ${code}`})`));
  }

  get alive(): boolean {
    return this.exitReason === null;
  }

  stop(): void {
    this.ended("stopped");
    this.child.kill("SIGTERM");
  }

  /**
   * Requests made in one turn of the event loop go out in one write: a run's ICMP asks for 21 sources
   * at once, and each write woke the helper for one line.
   */
  protected send(request: unknown): void {
    this.outbox.push(JSON.stringify(request));
    if (this.outbox.length > 1) return;
    queueMicrotask(() => {
      const lines = this.outbox.splice(0);
      if (this.exitReason === null) this.child.stdin!.write(`${lines.join("\n")}\n`); // a gone helper's owner answered for them
    });
  }

  protected abstract onLine(line: string): void;
  protected abstract onEnded(why: string): void;

  private ended(why: string): void {
    if (this.exitReason !== null) return;
    this.exitReason = why;
    this.onEnded(why);
  }
}

/**
 * One shared helper per server process, started on first use and again after it died; null when it
 * cannot run here (no C compiler to build it), said once.
 */
export function sharedHelper<T extends { alive: boolean; stop(): void }>(start: () => Promise<T>, unavailable: string) {
  let shared: Promise<T | null> | null = null;
  let warned = false;
  const get = (): Promise<T | null> => {
    if (shared) {
      const current = shared;
      return current.then((h) => (h === null || h.alive ? h : ((shared = null), get())));
    }
    shared = start().catch((err: unknown) => {
      if (!warned) console.warn(`[ovs-lab] ${String(err instanceof Error ? err.message : err)}; ${unavailable}`);
      warned = true;
      return null;
    });
    return shared;
  };
  const stop = async (): Promise<void> => {
    const current = shared;
    shared = null;
    (await current)?.stop();
  };
  return { get, stop };
}
