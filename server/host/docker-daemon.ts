import { spawn } from "node:child_process";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { waitUntil } from "./wait-until";
import { loadConfig, type ServerConfig } from "../config/env";

export const DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

/** A Docker client on the configured socket (OVSLAB_DOCKER_SOCKET / DOCKER_HOST); the process's config when none is given. */
export function dockerClient(config: Pick<ServerConfig, "dockerSocket"> = loadConfig()): Docker {
  return new Docker({ socketPath: config.dockerSocket });
}

async function dockerAnswers(docker: Docker): Promise<boolean> {
  return docker.ping().then(() => true, () => false);
}

/** dockerd's arguments: its data root, and for a daemon beside the main one its own socket, exec root and pid file. */
export function dockerdArgs(config: Pick<ServerConfig, "dockerDataRoot" | "dockerSocket" | "dockerExecRoot">): string[] {
  return [
    ...(config.dockerDataRoot ? ["--data-root", config.dockerDataRoot] : []),
    ...(config.dockerSocket !== DEFAULT_DOCKER_SOCKET ? ["-H", `unix://${config.dockerSocket}`] : []),
    ...(config.dockerExecRoot ? ["--exec-root", config.dockerExecRoot, "--pidfile", path.join(config.dockerExecRoot, "dockerd.pid")] : []),
  ];
}

/** dockerd, started in the background only if it does not already answer on the configured socket. */
export async function ensureDockerDaemon(config: ServerConfig): Promise<void> {
  const docker = dockerClient(config);
  if (await dockerAnswers(docker)) return;
  await mkdir(config.logDir, { recursive: true });
  const logPath = path.join(config.logDir, "dockerd.log");
  const log = await open(logPath, "a");
  const child = spawn("dockerd", dockerdArgs(config), { detached: true, stdio: ["ignore", log.fd, log.fd], shell: false });
  child.on("error", () => undefined);
  child.unref();
  await log.close();
  if (!(await waitUntil(() => dockerAnswers(docker), 30_000, 250)))
    throw new Error(`dockerd did not answer on ${config.dockerSocket} within 30 s; see ${logPath}`);
}
