import type { LabSpec } from "../../lib/lab-spec/schema";
import type { DaemonStatus } from "../../lib/contracts/daemon-health";
import type { DaemonHealth, DaemonReturn } from "../host/daemon-health";

/** What recovery needs of the lab: the spec to repair toward, the repair itself, a rediscovery. */
export interface Repairable {
  /** The lab as last brought up, else as discovered now; null when there is no lab to repair. */
  repairSpec(): LabSpec | null;
  up(spec: LabSpec): Promise<unknown>;
  scheduleRefresh(): void;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000];

export interface DaemonRepair {
  stop(): void;
  /**
   * The lab was brought up or down on purpose since a daemon went away: the spec taken then is no
   * longer what the lab should be (a repair after a `down` would bring the lab back).
   */
  forget(): void;
}

/**
 * When a daemon comes back: rediscover at once, and once every daemon is up, run the lab's `up` again
 * (idempotent: containers restarted, veths rebuilt, ports re-added, the bridge's address put back).
 * The spec is taken when the first daemon goes down, before discovery sees the damage. A daemon that
 * was only slow (it answers again as the same process) lost nothing: no repair, whose `up` would also
 * put back the spec's offload over the operator's toggles made since.
 */
export function repairOnDaemonReturn(health: DaemonHealth, lab: Repairable): DaemonRepair {
  let spec: LabSpec | null = null;
  /** A daemon that went away since the last repair came back as a new process (or could not be told). */
  let restarted = false;
  let running = false;
  let again = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const repair = async (attempt = 0): Promise<void> => {
    if (stopped) return;
    if (running) return void (again = true);
    const target = spec ?? lab.repairSpec();
    if (!target) return;
    running = true;
    try {
      console.log(`[ovs-lab] daemons are back: repairing lab "${target.id}"`);
      await lab.up(target);
      spec = null;
      restarted = false;
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      console.warn(`[ovs-lab] repairing lab "${target.id}" failed${delay ? `, trying again in ${delay} ms` : ""}: ${err instanceof Error ? err.message : String(err)}`);
      if (delay !== undefined && !stopped) {
        retryTimer = setTimeout(() => health.snapshot().ok && void repair(attempt + 1), delay);
        retryTimer.unref();
      }
    } finally {
      running = false;
      if (again) {
        again = false;
        void repair();
      }
    }
  };
  const onDown = (s: DaemonStatus) => {
    console.warn(`[ovs-lab] ${s.daemon} is down (${s.lastError ?? "no answer"})`);
    spec ??= lab.repairSpec();
  };
  const onUp = (s: DaemonStatus, back?: DaemonReturn) => {
    const sameProcess = back?.restarted === false;
    console.log(`[ovs-lab] ${s.daemon} is back${sameProcess ? " (the same process: it was slow, not gone)" : ""}`);
    if (!sameProcess) restarted = true;
    lab.scheduleRefresh();
    if (!health.snapshot().ok) return;
    if (restarted) void repair();
    else spec = null;
  };
  health.on("down", onDown);
  health.on("up", onUp);
  const cancelRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };
  return {
    stop: () => {
      stopped = true;
      cancelRetry();
      health.off("down", onDown);
      health.off("up", onUp);
    },
    forget: () => {
      spec = null;
      restarted = false;
      again = false;
      cancelRetry();
    },
  };
}
