import { execFile } from "node:child_process";
import { readdir, readFile, readlink } from "node:fs/promises";
import { promisify } from "node:util";

/** A program run for the test harness (never a shell); rejects with its stderr. */
export async function run(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await promisify(execFile)(bin, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`${bin} ${args.join(" ")}: ${err.stderr?.trim() || err.message}`);
  });
  return stdout;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The live pid in a pid file, or null (absent, stale, or a zombie). */
export async function pidFromFile(file: string): Promise<number | null> {
  const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
  return Number.isInteger(pid) && pid > 0 && (await alive(pid)) ? pid : null;
}

export async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && !/\) Z /.test(stat);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Sends `signal` to `pid` and waits until it is gone (SIGKILL after `graceMs`). */
export async function stopPid(pid: number, signal: NodeJS.Signals = "SIGTERM", graceMs = 15_000): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (await alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, "SIGKILL");
      await sleep(200);
      if (!(await alive(pid))) return;
    }
    await sleep(100);
  }
}

/**
 * Processes of `dir` (ours alone: a fresh temporary directory): those whose command line names it
 * (daemons, containerd, shims), whose environment names it (an ovs-lab server under test and its
 * agents) and whose root is under it (container processes).
 */
export async function pidsUsing(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!pid || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    const environ = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
    const root = await readlink(`/proc/${pid}/root`).catch(() => "");
    if ([...cmdline.split("\0"), ...environ.split("\0")].some((arg) => arg.includes(dir)) || root.startsWith(`${dir}/`)) pids.push(pid);
  }
  return pids;
}

/** Mount points under `dir`, deepest first (overlay and shm mounts of a private dockerd). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const lines = (await readFile("/proc/self/mountinfo", "utf8")).split("\n");
  const points = lines.map((l) => l.split(" ")[4]).filter((p): p is string => !!p && (p === dir || p.startsWith(`${dir}/`)));
  return points.sort((a, b) => b.length - a.length);
}
