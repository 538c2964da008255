import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { alive, mountsUnder, pidFromFile, pidsUsing, run, stopPid } from "./processes";

export const FAULT_DIR_PREFIX = "/tmp/ovslab-fault-";
export const netnsNameOf = (id: string) => `ovsfault-${id}`;
export const hostLinkOf = (id: string) => `ovf${id}h`;

/** Marks `dir` as this process's, so a later run can tell a leftover (its owner is dead) from a live run. */
export const claimDir = (dir: string) => writeFile(path.join(dir, "owner.pid"), String(process.pid));

/**
 * Everything a fault run made, found from its directory alone: containers (through its dockerd when it
 * answers), dockerd, containerd, shims, container processes and OVS daemons, mounts, the namespace
 * and its link, the directory. Works after a crash as well as at the end of a run.
 */
export async function cleanupDir(dir: string): Promise<void> {
  const id = dir.slice(FAULT_DIR_PREFIX.length);
  const docker = new Docker({ socketPath: path.join(dir, "docker/docker.sock") });
  if (await docker.ping().then(() => true, () => false)) {
    const all = await docker.listContainers({ all: true }).catch(() => []);
    await Promise.all(all.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  }
  for (const file of ["docker/dockerd.pid", "ovs/run/ovs-vswitchd.pid", "ovs/run/ovsdb-server.pid"]) {
    const pid = await pidFromFile(path.join(dir, file));
    if (pid) await stopPid(pid, "SIGTERM", 20_000);
  }
  for (const pid of await pidsUsing(dir)) await stopPid(pid, "SIGKILL", 5000);
  for (const point of await mountsUnder(dir)) await run("umount", ["-l", point]).catch(() => undefined);
  await run("ip", ["link", "del", hostLinkOf(id)]).catch(() => undefined);
  await run("ip", ["netns", "del", netnsNameOf(id)]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

/** Leftovers of earlier runs whose test process died before its cleanup (SIGKILL, a lost terminal). */
export async function sweepLeftovers(): Promise<void> {
  for (const name of await readdir(path.dirname(FAULT_DIR_PREFIX))) {
    const dir = path.join(path.dirname(FAULT_DIR_PREFIX), name);
    if (!dir.startsWith(FAULT_DIR_PREFIX)) continue;
    const owner = Number((await readFile(path.join(dir, "owner.pid"), "utf8").catch(() => "")).trim());
    if (owner && !(await alive(owner))) await cleanupDir(dir);
  }
}
