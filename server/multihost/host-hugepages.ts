import { readFile, writeFile } from "node:fs/promises";
import { ensureHugepages } from "../host/hugepages";

const NR_HUGEPAGES = "/proc/sys/vm/nr_hugepages";
const PAGE_MB = 2;

/**
 * Free 2 MiB hugepages for one more DPDK process (a simulated DPDK host): the main switch holds the
 * ones reserved for it, so the reservation grows by what is missing. Never shrinks it (another
 * process may hold the pages); the pages stay reserved after the lab is down.
 */
export async function reserveHugepages(megabytes: number): Promise<void> {
  await ensureHugepages();
  const meminfo = await readFile("/proc/meminfo", "utf8");
  const free = Number(/HugePages_Free:\s+(\d+)/.exec(meminfo)?.[1] ?? 0);
  // Measured here: a DPDK ovs-vswitchd with 128 MB socket-mem took 112 pages (224 MB); twice it, and a margin.
  const wanted = Math.ceil((2 * megabytes) / PAGE_MB) + 8;
  if (free >= wanted) return;
  const total = Number((await readFile(NR_HUGEPAGES, "utf8")).trim());
  await writeFile(NR_HUGEPAGES, String(total + wanted - free));
  const now = Number((await readFile(NR_HUGEPAGES, "utf8")).trim());
  if (now < total + wanted - free) throw new Error(`only ${now} hugepages could be reserved (wanted ${total + wanted - free}) for a DPDK host; free memory`);
}
