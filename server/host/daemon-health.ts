import { EventEmitter } from "node:events";
import { DAEMON_NAMES, type DaemonHealthSnapshot, type DaemonName, type DaemonStatus } from "../../lib/contracts/daemon-health";

/** One cheap look at a daemon: null when it answers, else why not (in words). */
export type DaemonProbe = () => Promise<string | null>;

export interface DaemonHealthEvents {
  /** A daemon's state changed (unknown → up, up → down, down → up). */
  change: [DaemonStatus];
  /** A daemon was found down (from up or unknown). */
  down: [DaemonStatus];
  /** A daemon that was down answers again; whether it is another process than the one last seen up. */
  up: [DaemonStatus, DaemonReturn];
}

export interface DaemonReturn {
  /**
   * False only when the daemon answers as the very process last seen up (same pid): it was slow, not
   * gone, and lost nothing. True when it is a new process, or when that cannot be told.
   */
  restarted: boolean;
}

export interface DaemonHealthOptions {
  probes: Record<DaemonName, DaemonProbe>;
  /** The socket each daemon is reached on, for the DTO and messages. */
  endpoints: Record<DaemonName, string>;
  intervalMs?: number;
  /** Drivers that report to this health while it runs (e.g. the OVSDB client's lost/restored events); each returns its disposer. */
  feeds?: ((health: DaemonHealth) => () => void)[];
  /** Each daemon's process id (from its pid file), read when it answers: a return tells a restart from a slow answer. */
  pids?: Partial<Record<DaemonName, () => Promise<number | null>>>;
  now?: () => Date;
}

/**
 * Up/down, since when and the last error of ovsdb-server, ovs-vswitchd and dockerd: fed by the drivers
 * (report) and by a periodic probe (start). Emits typed change events; snapshot() is a plain DTO.
 */
const SLOW_STRIKES_FOR_DOWN = 2;

export class DaemonHealth extends EventEmitter<DaemonHealthEvents> {
  private readonly statuses: Record<DaemonName, DaemonStatus>;
  private readonly inFlight = new Map<DaemonName, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unfeed: (() => void)[] = [];
  private readonly now: () => Date;
  /** How many changes were said: part of a lab's state revision (lab-state.ts). */
  changes = 0;

  constructor(private readonly options: DaemonHealthOptions) {
    super();
    this.now = options.now ?? (() => new Date());
    const since = this.now().toISOString();
    this.statuses = Object.fromEntries(
      DAEMON_NAMES.map((d) => [d, { daemon: d, state: "unknown", since, lastError: null, endpoint: options.endpoints[d], checkedAt: null }]),
    ) as Record<DaemonName, DaemonStatus>;
  }

  /** Checks every daemon now and then every intervalMs (default 2 s) until stop(). */
  start(): this {
    if (this.timer) return this;
    this.unfeed = (this.options.feeds ?? []).map((feed) => feed(this));
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 2000);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unfeed.forEach((off) => off());
    this.unfeed = [];
  }

  /** What a driver just saw: the connection was lost (up: false, with why) or restored. */
  report(daemon: DaemonName, up: boolean, error?: string): void {
    this.set(daemon, up ? null : (error ?? "its connection was lost"));
  }

  /** Looks at one daemon (or all) now; a check already running is shared, not repeated. */
  async check(daemon?: DaemonName): Promise<DaemonHealthSnapshot> {
    await Promise.all((daemon ? [daemon] : DAEMON_NAMES).map((d) => this.checkOne(d)));
    return this.snapshot();
  }

  status(daemon: DaemonName): DaemonStatus {
    return { ...this.statuses[daemon] };
  }

  isUp(daemon: DaemonName): boolean {
    return this.statuses[daemon].state === "up";
  }

  snapshot(): DaemonHealthSnapshot {
    const daemons = Object.fromEntries(DAEMON_NAMES.map((d) => [d, this.status(d)])) as Record<DaemonName, DaemonStatus>;
    const down = DAEMON_NAMES.filter((d) => daemons[d].state === "down");
    return { ok: DAEMON_NAMES.every((d) => daemons[d].state === "up"), down, daemons };
  }

  private checkOne(daemon: DaemonName): Promise<void> {
    const running = this.inFlight.get(daemon);
    if (running) return running;
    const job = this.options.probes[daemon]()
      .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
      .then(async (error) => this.set(daemon, error, error === null ? await this.pidOf(daemon) : null))
      .finally(() => this.inFlight.delete(daemon));
    this.inFlight.set(daemon, job);
    return job;
  }

  private pidOf(daemon: DaemonName): Promise<number | null> {
    return this.options.pids?.[daemon]?.().catch(() => null) ?? Promise.resolve(null);
  }

  /** The process that last answered, per daemon (null: not known). */
  private readonly upPids = new Map<DaemonName, number | null>();

  /** Slow answers in a row, per daemon: a loaded host (a hundred containers starting) can keep one waiting. */
  private readonly slow = new Map<DaemonName, number>();

  private set(daemon: DaemonName, error: string | null, pid: number | null = null): void {
    const lastUpPid = this.upPids.get(daemon) ?? null;
    if (error === null) this.upPids.set(daemon, pid);
    const now = this.now().toISOString();
    const current = this.statuses[daemon];
    // A refusal or a missing process is certain; one late answer from a daemon that was up is not, two in a row are.
    const late = error !== null && /did not answer/.test(error);
    const strikes = late ? (this.slow.get(daemon) ?? 0) + 1 : 0;
    this.slow.set(daemon, strikes);
    if (late && current.state === "up" && strikes < SLOW_STRIKES_FOR_DOWN) {
      this.statuses[daemon] = { ...current, checkedAt: now };
      return;
    }
    const state = error === null ? "up" : "down";
    const next: DaemonStatus = { ...current, checkedAt: now, ...(error !== null ? { lastError: error } : {}) };
    if (state !== current.state) Object.assign(next, { state, since: now });
    this.statuses[daemon] = next;
    if (state === current.state) return;
    const copy = { ...next };
    this.changes++;
    this.emit("change", copy);
    if (state === "down") this.emit("down", copy);
    else if (current.state === "down") this.emit("up", copy, { restarted: pid === null || lastUpPid === null || pid !== lastUpPid });
  }
}
