import { existsSync } from "node:fs";
import type Docker from "dockerode";
import { ENDPOINT_LABEL, LAB_LABEL } from "../../lib/lab-spec/names";
import { LAB_IMAGE } from "./lab-image";

export interface LabContainer {
  id: string;
  name: string;
  endpoint: string;
  running: boolean;
  pid: number | null;
}

/**
 * PID 1 names localhost in /etc/hosts (what Docker's network stack wrote, and these containers start
 * without it: a terminal's `ping localhost`), then exits at once on SIGTERM, so `docker stop` takes no 10 s grace period.
 */
const KEEP_ALIVE = [
  "/bin/busybox",
  "sh",
  "-c",
  "printf '127.0.0.1\\tlocalhost\\n::1\\tlocalhost ip6-localhost ip6-loopback\\n' > /etc/hosts; trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done",
];

export async function listLabContainers(docker: Docker, labId: string): Promise<LabContainer[]> {
  const rows = await docker.listContainers({ all: true, filters: { label: [`${LAB_LABEL}=${labId}`] } });
  return Promise.all(
    rows.map(async (row) => {
      const info = await docker.getContainer(row.Id).inspect();
      return {
        id: row.Id,
        name: info.Name.replace(/^\//, ""),
        endpoint: row.Labels[ENDPOINT_LABEL] ?? "",
        running: info.State.Running,
        pid: info.State.Running ? info.State.Pid : null,
      };
    }),
  );
}

/** The lab's containers by name, and whether each is running: one API call for a whole lab up. */
export async function labContainerStates(docker: Docker, labId: string): Promise<Map<string, boolean>> {
  const rows = await docker.listContainers({ all: true, filters: { label: [`${LAB_LABEL}=${labId}`] } });
  return new Map(rows.flatMap((row) => row.Names.map((n) => [n.replace(/^\//, ""), row.State === "running"] as const)));
}

/**
 * IPv6 off inside, as Docker's own "none" sandbox set it; only where the kernel has IPv6 at all (booted with
 * ipv6.disable=1 there is no such sysctl, and runc would refuse to start the container over it).
 */
export function containerSysctls(kernelHasIpv6: boolean): Record<string, string> {
  return kernelHasIpv6 ? { "net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1" } : {};
}
/** Looked up once: a kernel does not gain or lose IPv6 while it runs. */
let sysctls: Record<string, string> | null = null;

const isConflict = (err: unknown) => (err as { statusCode?: number }).statusCode === 409;

/**
 * Creates (if needed) and starts a container with no network but loopback; its PID, and whether it (and
 * so its namespace) is new. `running` is what labContainerStates said (undefined: no such container):
 * a new one costs create, start and one inspect, not an inspect before and after each.
 */
export async function ensureRunningContainer(docker: Docker, labId: string, endpoint: string, name: string, running?: boolean): Promise<{ pid: number; started: boolean }> {
  const container = docker.getContainer(name);
  let isRunning = running;
  if (isRunning === undefined) {
    isRunning = await docker
      .createContainer({
        name,
        Image: LAB_IMAGE,
        Cmd: KEEP_ALIVE,
        Hostname: endpoint,
        Labels: { [LAB_LABEL]: labId, [ENDPOINT_LABEL]: endpoint },
        // runc still gives it a namespace of its own with loopback up; Docker's network stack stays out,
        // which skips a prestart hook that re-executes dockerd for every start (half the CPU of a start).
        NetworkDisabled: true,
        HostConfig: {
          NetworkMode: "none",
          // It prints nothing: no log file to make and follow.
          LogConfig: { Type: "none", Config: {} },
          // Lab links carry IPv4 only: no link-local or MLD packets on the switch.
          Sysctls: (sysctls ??= containerSysctls(existsSync("/proc/sys/net/ipv6"))),
        },
      })
      .then(
        () => false,
        async (err: unknown) => {
          if (!isConflict(err)) throw err;
          return (await container.inspect()).State.Running; // made meanwhile (another up, or by hand)
        },
      );
  }
  let info = isRunning ? await container.inspect() : null;
  const started = !info?.State.Running;
  if (started) {
    await container.start().catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 304) throw err; // 304: already started
    });
    info = await container.inspect();
  }
  if (!info?.State.Pid) throw new Error(`container ${name} started but has no PID`);
  return { pid: info.State.Pid, started };
}

export async function removeContainer(docker: Docker, name: string): Promise<void> {
  await docker
    .getContainer(name)
    .remove({ force: true })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
}
