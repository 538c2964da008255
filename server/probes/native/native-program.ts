import { createHash } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../../run-command/run-command";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");
/** What every helper is built with: its JSON lines, memory and namespaces (helper-io.h). */
const SHARED_SOURCES = [path.join(import.meta.dirname, "helper-io.c")];
const SHARED_HEADERS = [path.join(import.meta.dirname, "helper-io.h")];
const builds = new Map<string, Promise<string>>();

/**
 * One of this repository's C helpers (the socket and ICMP probers), compiled with the machine's cc on
 * first use into .cache/native/<name>-<its sources' hash>/<name>: every server and test run shares one
 * build, and a changed source builds again. Rejects with cc's own words when it cannot be built (no
 * compiler: `npm run up` installs gcc).
 */
export function nativeProgram(name: string, source: string): Promise<string> {
  let built = builds.get(source);
  if (!built) {
    built = build(name, source);
    built.catch(() => builds.delete(source));
    builds.set(source, built);
  }
  return built;
}

async function build(name: string, source: string): Promise<string> {
  const sources = [source, ...SHARED_SOURCES];
  const hash = createHash("sha256");
  for (const file of [...sources, ...SHARED_HEADERS]) hash.update(await readFile(file));
  // The program keeps its own name (it is what `ps` shows and what the allowlist knows); its directory is the build's.
  const builds = path.join(PROJECT_ROOT, ".cache", "native");
  const build = `${name}-${hash.digest("hex").slice(0, 16)}`;
  const program = path.join(builds, build, name);
  if (await access(program).then(() => true, () => false)) return program;
  await mkdir(path.dirname(program), { recursive: true });
  const temp = `${program}.${process.pid}.tmp`;
  try {
    await runCommand("cc", ["-O2", "-std=gnu11", "-Wall", "-o", temp, ...sources, "-lpthread", "-lm"], { timeoutMs: 120_000 });
    await rename(temp, program); // whole or not at all, whoever builds it at the same time
  } catch (err) {
    await rm(temp, { force: true });
    await rmdir(path.dirname(program)).catch(() => undefined); // unless another build put its program there meanwhile
    throw err;
  }
  // Earlier builds of it go (a process still running one keeps its copy until it exits).
  const earlier = new RegExp(`^${name}-[0-9a-f]{16}$`);
  for (const entry of await readdir(builds)) {
    if (earlier.test(entry) && entry !== build) await rm(path.join(builds, entry), { recursive: true, force: true });
  }
  return program;
}
