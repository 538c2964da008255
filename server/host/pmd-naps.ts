import { runCommand } from "../run-command/run-command";
import { vsctlDbArg, type OvsTarget } from "../ovs/ovs-target";
import type { OvsdbClient } from "../ovs/ovsdb-client";
import { PMD_IDLE_MAXSLEEP_US, PMD_RUN_MAXSLEEP_US } from "../../lib/contracts/host-facts";

/** How long the PMD keeps its short naps after the last run (a toggle's re-test often follows at once). */
const LINGER_MS = 1500;

/**
 * While any matrix run is in progress, the DPDK poll-mode thread naps at most PMD_RUN_MAXSLEEP_US, so an
 * RTT through the DPDK port measures the network and not the PMD's nap; afterwards it naps long again.
 * The setting applies at run time (no restart). Counted across every lab this process serves.
 */
export class PmdNaps {
  private holders = 0;
  private lingering: NodeJS.Timeout | null = null;
  private short = false;
  /** Resolves once the short naps hold: set, and any long nap begun before it over. */
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly set: (maxSleepUs: number) => Promise<void>,
    /**
     * The switch applies a new pmd-maxsleep at once, but a PMD already in a long nap finishes it: the first
     * run after a pause read its RTTs through the DPDK port at 4 to 10 ms. It waits that nap out.
     */
    private readonly settleMs = PMD_IDLE_MAXSLEEP_US / 1000 + 1,
  ) {}

  async hold(): Promise<() => void> {
    this.holders++;
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    if (!this.short) {
      this.short = true;
      this.ready = this.set(PMD_RUN_MAXSLEEP_US)
        .catch((err: unknown) => console.warn(`[ovs-lab] PMD short naps not set: ${String(err)}`))
        .then(() => new Promise((resolve) => setTimeout(resolve, this.settleMs)));
    }
    await this.ready;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders > 0) return;
      this.lingering = setTimeout(() => {
        this.lingering = null;
        if (this.holders > 0) return;
        this.short = false;
        void this.set(PMD_IDLE_MAXSLEEP_US).catch((err: unknown) => console.warn(`[ovs-lab] PMD nap not restored: ${String(err)}`));
      }, LINGER_MS);
      this.lingering.unref();
    };
  }

  /**
   * A run is about to follow (an operator changed the lab and its re-test comes next): start the short naps
   * now, so the run does not wait for the setting, and nap again a moment after if no run came.
   */
  warm(): void {
    void this.hold().then((release) => release());
  }

  /** A graceful stop: nap again now. */
  async release(): Promise<void> {
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    if (this.short) await this.set(PMD_IDLE_MAXSLEEP_US).catch(() => undefined);
    this.short = false;
  }
}

const pools = new Map<string, PmdNaps>();
const clients = new Map<string, OvsdbClient>();

/**
 * One per switch (OVSDB socket): every lab on it shares the count. Given the server's OVSDB connection, the
 * setting goes through it (no program to start, no wait for the switch's reconfiguration); ovs-vsctl otherwise.
 */
export function pmdNapsFor(target: Pick<OvsTarget, "ovsdbSocket">, ovsdb?: OvsdbClient): PmdNaps {
  if (ovsdb) clients.set(target.ovsdbSocket, ovsdb);
  let pool = pools.get(target.ovsdbSocket);
  if (!pool) {
    const set = async (us: number) => {
      const client = clients.get(target.ovsdbSocket);
      if (client?.connected) return client.setOtherConfig("pmd-maxsleep", String(us));
      await runCommand("ovs-vsctl", [vsctlDbArg(target), "--timeout=3", "set", "Open_vSwitch", ".", `other_config:pmd-maxsleep=${us}`], { timeoutMs: 4000 });
    };
    pools.set(target.ovsdbSocket, (pool = new PmdNaps(set)));
  }
  return pool;
}
