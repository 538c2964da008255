import { stat } from "node:fs/promises";
import type { TerminalEndReason, TerminalTarget } from "../../lib/contracts/terminal";
import type { Topology } from "../../lib/contracts/topology";
import type { LabService } from "../lab/lab-service";
import { LabError } from "../lab/lab-errors";
import { TerminalSession } from "./terminal-session";
import { resolveTerminalTarget, targetStillThere } from "./terminal-target";

const inodeOf = (path: string) => stat(path).then((s) => s.ino, () => null);

/**
 * The server's open terminals: at most `max` at once, each reachable only by the page that opened
 * it (its `owner`), each closed when its endpoint or port leaves the lab.
 */
export class TerminalRegistry {
  private readonly sessions = new Map<string, TerminalSession>();
  private opening = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.sessions.size;
  }

  /** Counted before any await, so a burst of opens cannot pass the limit together. */
  async open(owner: string, lab: LabService, target: TerminalTarget, cols: number, rows: number): Promise<TerminalSession> {
    const open = this.sessions.size + this.opening;
    if (open >= this.max)
      throw new LabError(
        "conflict",
        `${open} terminals are open on this server, the most it allows (OVSLAB_TERMINAL_MAX=${this.max}); close one first (its tab's × button, or type exit in it)`,
      );
    this.opening++;
    let session: TerminalSession;
    let inode: number | null = null;
    try {
      const resolved = await resolveTerminalTarget(lab, target);
      if (resolved.netns) inode = await inodeOf(resolved.netns);
      session = new TerminalSession(owner, lab.labId, resolved, cols, rows);
      this.sessions.set(session.id, session);
    } finally {
      this.opening--;
    }
    this.closeWhenGone(lab, session, inode);
    session.once("exit", () => this.sessions.delete(session.id));
    return session;
  }

  /** A terminal of this page; another page's terminal is as unknown to it as one that never was. */
  get(owner: string, id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session || session.owner !== owner) throw new LabError("notFound", `no terminal "${id}" open on this page (it was closed, or another page opened it)`);
    return session;
  }

  async closeOwner(owner: string, reason: TerminalEndReason): Promise<void> {
    await Promise.all([...this.sessions.values()].filter((s) => s.owner === owner).map((s) => s.close(reason)));
  }

  async closeAll(reason: TerminalEndReason): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close(reason)));
  }

  /** The lab's topology events say when an endpoint stops or a port goes; a namespace made anew under the same path counts as gone. */
  private closeWhenGone(lab: LabService, session: TerminalSession, inode: number | null): void {
    const netns = session.resolved.netns;
    const check = (topology: Topology) => {
      if (!targetStillThere(topology, session.resolved.target)) return void session.close("endpointGone");
      if (netns)
        void inodeOf(netns).then((now) => {
          if (now !== inode) void session.close("endpointGone");
        });
    };
    lab.on("topology", check);
    session.once("exit", () => lab.off("topology", check));
  }
}
