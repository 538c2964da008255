import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface PmdThreadLoad {
  /** The thread's name, e.g. pmd-c01/id:22 (core 1). */
  name: string;
  /** CPU time the thread used over the sample, in percent of one core. */
  cpuPercent: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a /proc/PID/task/TID/stat line (fields 14 and 15, after the command in parentheses). */
export function parseThreadTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function pmdTicks(pid: number): Promise<Map<string, number>> {
  const dir = `/proc/${pid}/task`;
  const ticks = new Map<string, number>();
  for (const tid of await readdir(dir)) {
    const name = (await readFile(path.join(dir, tid, "comm"), "utf8").catch(() => "")).trim();
    if (!name.startsWith("pmd")) continue;
    const stat = await readFile(path.join(dir, tid, "stat"), "utf8").catch(() => "");
    if (stat) ticks.set(name, parseThreadTicks(stat));
  }
  return ticks;
}

/** How busy each PMD thread of ovs-vswitchd is, measured over a short sample. */
export async function samplePmdLoad(runDir: string, sampleMs = 300): Promise<PmdThreadLoad[]> {
  const pid = Number((await readFile(path.join(runDir, "ovs-vswitchd.pid"), "utf8").catch(() => "")).trim());
  if (!pid) return [];
  const before = await pmdTicks(pid).catch(() => new Map<string, number>());
  const started = performance.now();
  await new Promise((r) => setTimeout(r, sampleMs));
  const after = await pmdTicks(pid).catch(() => new Map<string, number>());
  const seconds = (performance.now() - started) / 1000;
  return [...after].flatMap(([name, ticks]) => {
    const was = before.get(name);
    if (was === undefined) return [];
    const cpuPercent = Math.round(((ticks - was) / CLOCK_TICKS_PER_SECOND / seconds) * 1000) / 10;
    return [{ name, cpuPercent }];
  });
}

let cached: { at: number; value: Promise<PmdThreadLoad[]> } | null = null;

/** The latest sample, taken again at most every `maxAgeMs`, so health checks and page loads do not wait for one each. */
export function recentPmdLoad(runDir: string, maxAgeMs = 2000): Promise<PmdThreadLoad[]> {
  if (!cached || performance.now() - cached.at > maxAgeMs) cached = { at: performance.now(), value: samplePmdLoad(runDir, 150) };
  return cached.value;
}
