import { readFile } from "node:fs/promises";

/** The pid a daemon's pid file names, if that process is alive (a zombie is not); null otherwise. */
export async function livePid(pidFile: string): Promise<number | null> {
  const text = await readFile(pidFile, "utf8").catch(() => "");
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat && !/\) Z /.test(stat) ? pid : null;
}
