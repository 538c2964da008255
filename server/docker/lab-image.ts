import { mkdtemp, mkdir, copyFile, symlink, rm, access } from "node:fs/promises";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";

export const LAB_IMAGE = "ovs-lab/node:1";
const BUSYBOX = "/bin/busybox";
const APPLETS = ["sh", "sleep", "ip", "ping", "nc", "ifconfig", "cat", "ls", "ps", "true", "echo", "wget", "hostname"];

/**
 * The lab's container image, built on this host from Debian's busybox-static
 * (no registry is reachable): a root file system imported with `docker import`.
 */
export async function ensureLabImage(docker: Docker): Promise<void> {
  if (await docker.getImage(LAB_IMAGE).inspect().then(() => true, () => false)) return;
  await access(BUSYBOX).catch(() => {
    throw new Error(`${BUSYBOX} is missing: apt-get install busybox-static`);
  });
  const root = await mkdtemp(path.join(os.tmpdir(), "ovs-lab-image-"));
  try {
    await mkdir(path.join(root, "bin"));
    for (const dir of ["tmp", "proc", "sys", "dev", "etc"]) await mkdir(path.join(root, dir));
    await copyFile(BUSYBOX, path.join(root, "bin/busybox"));
    for (const applet of APPLETS) await symlink("busybox", path.join(root, "bin", applet));
    const tar = spawn("tar", ["-C", root, "-c", "."], { shell: false, stdio: ["ignore", "pipe", "inherit"] });
    const [repo, tag] = LAB_IMAGE.split(":");
    const stream = await docker.importImage(tar.stdout as unknown as string, { repo, tag, changes: ["ENV PATH=/bin"] } as object);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
