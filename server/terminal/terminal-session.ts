import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import type { IPty } from "node-pty";
import { TERMINAL_END_REASONS, type TerminalEndReason, type TerminalExit, type TerminalInfo } from "../../lib/contracts/terminal";
import { spawnShellPty } from "../run-command/pty-spawn";
import { descendantPids, signalEach } from "./process-tree";
import type { ResolvedTarget } from "./terminal-target";

export interface TerminalSessionEvents {
  output: [string];
  exit: [TerminalExit];
}

const FLUSH_MS = 15;
const FLUSH_BYTES = 64 * 1024;
/** After SIGHUP, what is still alive of the shell's tree gets SIGKILL this much later. */
const KILL_AFTER_MS = 700;

/**
 * One shell on a real PTY, for one page. Output leaves in batches (one socket message per few ms,
 * not one per byte of `ping`'s output); `close()` ends the shell and everything it started.
 */
export class TerminalSession extends EventEmitter<TerminalSessionEvents> {
  readonly id = randomUUID();
  readonly done: Promise<TerminalExit>;
  private readonly pty: IPty;
  private pending = "";
  private flushTimer: NodeJS.Timeout | null = null;
  private endReason: TerminalEndReason | null = null;
  private exited = false;
  private size: { cols: number; rows: number };

  constructor(
    readonly owner: string,
    readonly labId: string,
    readonly resolved: ResolvedTarget,
    cols: number,
    rows: number,
  ) {
    super();
    this.size = { cols, rows };
    this.pty = spawnShellPty({ netns: resolved.netns, cols, rows, env: resolved.env });
    this.pty.onData((data) => this.queue(data));
    this.done = new Promise((resolve) =>
      this.pty.onExit(({ exitCode }) => {
        this.exited = true;
        this.flush();
        const reason = this.endReason ?? "exited";
        const exit: TerminalExit = { id: this.id, reason, exitCode: reason === "exited" ? exitCode : null, message: TERMINAL_END_REASONS[reason] };
        this.emit("exit", exit);
        resolve(exit);
      }),
    );
  }

  get pid(): number {
    return this.pty.pid;
  }

  info(): TerminalInfo {
    return { id: this.id, target: this.resolved.target, title: this.resolved.title, labId: this.labId, ...this.size };
  }

  write(data: string): void {
    if (!this.exited) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    this.size = { cols, rows };
    this.pty.resize(cols, rows);
  }

  /** Holds the shell's output while the page cannot take more (the PTY then blocks the shell). */
  pause(): void {
    if (!this.exited) this.pty.pause();
  }

  resume(): void {
    if (!this.exited) this.pty.resume();
  }

  /** SIGHUP to the shell and every process under it (as a terminal hang-up would), SIGKILL to what outlives it. */
  close(reason: TerminalEndReason): Promise<TerminalExit> {
    if (this.exited) return this.done;
    this.endReason ??= reason;
    const tree = [this.pty.pid, ...descendantPids(this.pty.pid)];
    signalEach(tree, "SIGHUP");
    const timer = setTimeout(() => signalEach([...tree, ...descendantPids(this.pty.pid)], "SIGKILL"), KILL_AFTER_MS);
    void this.done.then(() => {
      clearTimeout(timer);
      // The shell is gone; anything it started and that ignored the hang-up goes too.
      signalEach(tree.slice(1), "SIGKILL");
    });
    return this.done;
  }

  private queue(data: string): void {
    this.pending += data;
    if (this.pending.length >= FLUSH_BYTES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.pending) return;
    const data = this.pending;
    this.pending = "";
    this.emit("output", data);
  }
}
