import { spawn } from "node:child_process";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { LAB_IMAGE } from "../../../server/docker/lab-image";
import { pidFromFile, stopPid, waitFor } from "./processes";
import type { PrivateDaemon } from "./private-ovs";

/**
 * A second dockerd beside the main one (own data root, exec root, pid file and socket; no bridge,
 * no iptables), with the lab image copied over from the main daemon.
 */
export async function privateDockerd(dir: string, mainDocker: Docker) {
  const [dataRoot, execRoot, pidFile, socket] = ["data", "exec", "dockerd.pid", "docker.sock"].map((p) => path.join(dir, p));
  const docker = new Docker({ socketPath: socket });
  await mkdir(dir, { recursive: true });

  const dockerd: PrivateDaemon = {
    name: "dockerd",
    pid: () => pidFromFile(pidFile),
    kill: async (signal = "SIGTERM") => {
      const pid = await pidFromFile(pidFile);
      if (pid) await stopPid(pid, signal, 20_000);
    },
    start: async () => {
      const log = await open(path.join(dir, "dockerd.log"), "a");
      const args = ["--data-root", dataRoot, "--exec-root", execRoot, "--pidfile", pidFile, "-H", `unix://${socket}`, "--bridge=none", "--iptables=false", "--ip-masq=false"];
      const child = spawn("dockerd", args, { detached: true, stdio: ["ignore", log.fd, log.fd], shell: false });
      child.on("error", () => undefined);
      child.unref();
      await log.close();
      await waitFor(() => docker.ping().then(() => true), 30_000, `private dockerd did not answer on ${socket}`);
    },
  };
  await dockerd.start();
  // docker save | docker load, through the two daemons' APIs.
  const image = await mainDocker.getImage(LAB_IMAGE).get();
  await new Promise<void>((resolve, reject) =>
    docker.loadImage(image, {}, (err?: Error | null, out?: NodeJS.ReadableStream) => {
      if (err || !out) return reject(err ?? new Error("docker load gave no answer"));
      out.on("error", reject).on("end", resolve).resume();
    }),
  );
  return {
    dockerd,
    docker,
    env: { OVSLAB_DOCKER_SOCKET: socket, OVSLAB_DOCKER_DATA_ROOT: dataRoot, OVSLAB_DOCKER_EXEC_ROOT: execRoot },
  };
}
