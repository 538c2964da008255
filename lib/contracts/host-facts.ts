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
