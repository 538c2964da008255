import { EventEmitter } from "node:events";
import { LAB_ID_PATTERN } from "../../lib/lab-spec/schema";
import type { HostContext } from "../host/host-context";
import { CaptureRegistry } from "../capture/capture-service";
import { LabService } from "./lab-service";
import { trackLatestResults, type LatestResults } from "./latest-results";
import { LabError } from "./lab-errors";

/** One lab the server hosts: its live state, its newest results and its captures. */
export interface LabHandle {
  lab: LabService;
  latest: LatestResults;
  captures: CaptureRegistry;
}

export interface LabRegistryEvents {
  opened: [LabHandle];
  closed: [string];
  /** The unscoped routes (`/api/topology`, a page without a lab) now mean this lab. */
  default: [LabHandle];
}

/** Each hosted lab watches OVSDB, Docker and the root namespace's links: a bounded number of them. */
export const MAX_LABS = 64;

/**
 * The labs this server hosts side by side, each with its own id, bridge, subnet, agents and live
 * state. One of them is the default: the single-lab routes and pages without a lab id mean it.
 */
export class LabRegistry extends EventEmitter<LabRegistryEvents> {
  private readonly labs = new Map<string, LabHandle>();
  private readonly opening = new Map<string, Promise<LabHandle>>();
  private defaultId: string;
  /** Which class a student's lab belongs to (the class code marks them; see server/classroom). */
  private readonly classes = new Map<string, string>();

  constructor(
    private readonly ctx: HostContext,
    defaultLabId: string,
  ) {
    super();
    this.defaultId = defaultLabId;
    // Each hosted lab listens to the daemons' health (for its repair): many labs, many listeners, no leak.
    ctx.health?.setMaxListeners(MAX_LABS * 4 + 16);
  }

  /** The lab, watched and ready; made on first use (an existing lab on the host is picked up as it is). */
  open(labId: string): Promise<LabHandle> {
    const open = this.labs.get(labId);
    if (open) return Promise.resolve(open);
    let opening = this.opening.get(labId);
    if (!opening) {
      if (!LAB_ID_PATTERN.test(labId)) return Promise.reject(new LabError("invalid", `"${labId}" is not a lab id: a lower-case letter, then up to 5 lower-case letters or digits`));
      if (this.labs.size + this.opening.size >= MAX_LABS)
        return Promise.reject(new LabError("conflict", `this server hosts ${MAX_LABS} labs already; bring one down (DELETE /api/labs/<id>) first`));
      opening = this.start(labId).finally(() => this.opening.delete(labId));
      this.opening.set(labId, opening);
    }
    return opening;
  }

  private async start(labId: string): Promise<LabHandle> {
    const lab = new LabService(this.ctx, labId);
    const handle: LabHandle = { lab, latest: trackLatestResults(lab), captures: new CaptureRegistry(lab) };
    await lab.start();
    this.labs.set(labId, handle);
    this.emit("opened", handle);
    return handle;
  }

  get(labId: string): LabHandle | undefined {
    return this.labs.get(labId);
  }

  /** The lab, or a 404 that lists the labs there are. */
  require(labId: string): LabHandle {
    const handle = this.labs.get(labId);
    if (!handle) throw new LabError("notFound", `no lab "${labId}" on this server; labs: ${[...this.labs.keys()].join(", ") || "none"} (GET /api/labs)`);
    return handle;
  }

  get defaultLabId(): string {
    return this.defaultId;
  }

  get default(): LabHandle {
    return this.require(this.defaultId);
  }

  async setDefault(labId: string): Promise<LabHandle> {
    const handle = await this.open(labId);
    if (this.defaultId !== labId) {
      this.defaultId = labId;
      this.emit("default", handle);
    }
    return handle;
  }

  markClass(labId: string, classId: string | null): void {
    if (classId === null) this.classes.delete(labId);
    else this.classes.set(labId, classId);
  }

  classOf(labId: string): string | null {
    return this.classes.get(labId) ?? null;
  }

  list(): LabHandle[] {
    return [...this.labs.values()].sort((a, b) => a.lab.labId.localeCompare(b.lab.labId));
  }

  /** Stops watching a lab (its objects on the host stay; `down` removes them). The default lab stays open. */
  close(labId: string): void {
    const handle = this.labs.get(labId);
    if (!handle || labId === this.defaultId) return;
    handle.captures.stopAll();
    handle.lab.stop();
    this.labs.delete(labId);
    this.classes.delete(labId);
    this.emit("closed", labId);
  }

  /** Waits for every lab's queued changes and runs, at most `ms` in all. */
  async settle(ms: number): Promise<void> {
    await Promise.all(this.list().map((h) => h.lab.settle(ms)));
  }

  stopAll(): void {
    for (const handle of this.labs.values()) {
      handle.captures.stopAll();
      handle.lab.stop();
    }
    this.labs.clear();
  }
}
