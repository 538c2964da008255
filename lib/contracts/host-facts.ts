/**
 * The DPDK poll-mode thread's longest nap between polls (pmd-maxsleep): short while a matrix run is in
 * progress, so an RTT through the DPDK port is the network's (0.6 ms median on the seed lab, the same as
 * busy-polling), long at rest (about 2 % of a core). Busy-polling during runs (0) measured no better and
 * took a whole core of two from the page and the probes: a toggle's re-test took 128–167 ms, 75–103 at 500 µs.
 */
export const PMD_RUN_MAXSLEEP_US = 500;
export const PMD_IDLE_MAXSLEEP_US = 10_000;

export interface Capability {
  available: boolean;
  /** Why it is not available, in words a user can act on. */
  reason?: string;
}

export interface HostFacts {
  ovsVersion: string | null;
  dpdkVersion: string | null;
  dpdkInitialized: boolean;
  datapathTypes: string[];
  interfaceTypes: string[];
  dockerVersion: string | null;
  kernelDatapath: Capability;
  userspaceDatapath: Capability;
  dpdk: Capability;
  docker: Capability;
  /** Linux bridges meet iptables FORWARD DROP when br_netfilter is on (Docker sets DROP). */
  bridgeNetfilter: { callIptables: boolean | null; forwardPolicy: string | null };
  pmdMaxSleepUs: number | null;
  /** CPU use of each PMD thread over a short sample (absent in snapshots made before it existed). */
  pmdThreads?: { name: string; cpuPercent: number }[];
  userspaceTso: boolean;
}
