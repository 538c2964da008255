import { spawn } from "node:child_process";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { waitUntil } from "./wait-until";
import type { ServerConfig } from "../config/env";

export function dockerClient(): Docker {
  return new Docker({ socketPath: "/var/run/docker.sock" });
}

async function dockerAnswers(docker: Docker): Promise<boolean> {
  return docker.ping().then(() => true, () => false);
}

/** dockerd, started in the background only if it does not already answer. */
export async function ensureDockerDaemon(config: ServerConfig): Promise<void> {
  const docker = dockerClient();
  if (await dockerAnswers(docker)) return;
  await mkdir(config.logDir, { recursive: true });
  const logPath = path.join(config.logDir, "dockerd.log");
  const log = await open(logPath, "a");
  const args = config.dockerDataRoot ? ["--data-root", config.dockerDataRoot] : [];
  const child = spawn("dockerd", args, { detached: true, stdio: ["ignore", log.fd, log.fd], shell: false });
  child.on("error", () => undefined);
  child.unref();
  await log.close();
  if (!(await waitUntil(() => dockerAnswers(docker), 30_000, 250)))
    throw new Error(`dockerd did not answer on /var/run/docker.sock within 30 s; see ${logPath}`);
}
