import { runCommand } from "../run-command/run-command";
import { vsctlDbArg, type OvsTarget } from "../ovs/ovs-target";
import type { OvsdbClient } from "../ovs/ovsdb-client";

/** What the PMD naps between polls when no run is in progress: about 7 % of a core, up to 10 ms added to a packet. */
export const PMD_IDLE_MAXSLEEP_US = 10_000;
/** How long the PMD keeps busy-polling after the last run (a toggle's re-test often follows at once). */
const LINGER_MS = 1500;

/**
 * While any matrix run is in progress, the DPDK poll-mode thread busy-polls (pmd-maxsleep=0), so an
 * RTT through the DPDK port measures the network and not the PMD's nap; afterwards it naps again.
 * The setting applies at run time (no restart). Counted across every lab this process serves.
 */
export class PmdBusyPoll {
  private holders = 0;
  private lingering: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly set: (maxSleepUs: number) => Promise<void>) {}

  async hold(): Promise<() => void> {
    this.holders++;
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    if (!this.busy) {
      this.busy = true;
      await this.set(0).catch((err: unknown) => console.warn(`[ovs-lab] PMD busy-poll not set: ${String(err)}`));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders > 0) return;
      this.lingering = setTimeout(() => {
        this.lingering = null;
        if (this.holders > 0) return;
        this.busy = false;
        void this.set(PMD_IDLE_MAXSLEEP_US).catch((err: unknown) => console.warn(`[ovs-lab] PMD nap not restored: ${String(err)}`));
      }, LINGER_MS);
      this.lingering.unref();
    };
  }

  /**
   * A run is about to follow (an operator changed the lab and its re-test comes next): start busy-polling
   * now, so the run does not wait for the setting, and nap again a moment after if no run came.
   */
  warm(): void {
    void this.hold().then((release) => release());
  }

  /** A graceful stop: nap again now. */
  async release(): Promise<void> {
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    if (this.busy) await this.set(PMD_IDLE_MAXSLEEP_US).catch(() => undefined);
    this.busy = false;
  }
}

const pools = new Map<string, PmdBusyPoll>();
const clients = new Map<string, OvsdbClient>();

/**
 * One per switch (OVSDB socket): every lab on it shares the count. Given the server's OVSDB connection, the
 * setting goes through it (no program to start, no wait for the switch's reconfiguration); ovs-vsctl otherwise.
 */
export function pmdBusyPollFor(target: Pick<OvsTarget, "ovsdbSocket">, ovsdb?: OvsdbClient): PmdBusyPoll {
  if (ovsdb) clients.set(target.ovsdbSocket, ovsdb);
  let pool = pools.get(target.ovsdbSocket);
  if (!pool) {
    const set = async (us: number) => {
      const client = clients.get(target.ovsdbSocket);
      if (client?.connected) return client.setOtherConfig("pmd-maxsleep", String(us));
      await runCommand("ovs-vsctl", [vsctlDbArg(target), "--timeout=3", "set", "Open_vSwitch", ".", `other_config:pmd-maxsleep=${us}`], { timeoutMs: 4000 });
    };
    pools.set(target.ovsdbSocket, (pool = new PmdBusyPoll(set)));
  }
  return pool;
}
