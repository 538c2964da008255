import { readFile, writeFile, mkdir } from "node:fs/promises";
import { runCommand } from "../run-command/run-command";

const NR_HUGEPAGES = "/proc/sys/vm/nr_hugepages";
export const HUGEPAGES_WANTED = 512;

/** DPDK needs 2 MiB hugepages and a hugetlbfs mount; both are set here if missing. */
export async function ensureHugepages(mountPoint = "/dev/hugepages"): Promise<void> {
  const current = Number((await readFile(NR_HUGEPAGES, "utf8")).trim());
  if (current < HUGEPAGES_WANTED) {
    await writeFile(NR_HUGEPAGES, String(HUGEPAGES_WANTED));
    const now = Number((await readFile(NR_HUGEPAGES, "utf8")).trim());
    if (now < HUGEPAGES_WANTED / 2)
      throw new Error(`only ${now} hugepages could be reserved (wanted ${HUGEPAGES_WANTED}); free memory or reserve them at boot (hugepages=${HUGEPAGES_WANTED})`);
  }
  await mkdir(mountPoint, { recursive: true });
  const mounted = await runCommand("mountpoint", ["-q", mountPoint], { okExitCodes: [1, 32] });
  if (mounted.exitCode !== 0) await runCommand("mount", ["-t", "hugetlbfs", "none", mountPoint]);
}
