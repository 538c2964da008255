import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import { dockerClient } from "../../server/host/docker-daemon";
import { createPrivateNetns, type PrivateNetns } from "./private/private-netns";
import { privateOvs, type PrivateDaemon } from "./private/private-ovs";
import { privateDockerd } from "./private/private-dockerd";
import { claimDir, cleanupDir, FAULT_DIR_PREFIX, sweepLeftovers } from "./private/cleanup-dir";

export type { PrivateDaemon };

/** Daemons of a test's own, to kill and restart without touching the main ones (or a lab the user runs). */
export interface PrivateDaemons {
  dir: string;
  /** The namespace the OVS pair (and the ovs-lab server under test) run in. */
  netns: PrivateNetns;
  ovsdb: PrivateDaemon;
  vswitchd: PrivateDaemon;
  dockerd: PrivateDaemon;
  docker: Docker;
  /** extraEnv for startTestServer: sockets, run dir, pid files, Docker socket. */
  env: Record<string, string>;
  vsctl(args: string[]): Promise<string>;
  /** Removes everything: containers, daemons (and their containerd and shims), mounts, the namespace, the directory. */
  cleanup(): Promise<void>;
}

/**
 * A private ovsdb-server + plain ovs-vswitchd pair in a network namespace of its own, and a private
 * dockerd with the lab image, all under /tmp/ovslab-fault-<id>. `link` addresses the veth that joins
 * the namespace to the host (the test reaches its server through it). Leftovers of runs that died
 * before their cleanup are removed first.
 */
export async function startPrivateDaemons(link: { hostCidr: string; nsCidr: string }): Promise<PrivateDaemons> {
  await sweepLeftovers();
  const id = randomBytes(3).toString("hex");
  const dir = `${FAULT_DIR_PREFIX}${id}`;
  await mkdir(dir, { recursive: true });
  await claimDir(dir);
  const cleanup = () => cleanupDir(dir);
  try {
    const netns = await createPrivateNetns(id, link);
    const ovs = await privateOvs(path.join(dir, "ovs"), netns.path);
    const docker = await privateDockerd(path.join(dir, "docker"), dockerClient());
    return {
      dir,
      netns,
      ovsdb: ovs.ovsdb,
      vswitchd: ovs.vswitchd,
      dockerd: docker.dockerd,
      docker: docker.docker,
      env: { ...ovs.env, ...docker.env, OVSLAB_LOG_DIR: path.join(dir, "log"), OVSLAB_DATA_DIR: path.join(dir, "data") },
      vsctl: ovs.vsctl,
      cleanup: async () => {
        await netns.remove();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
