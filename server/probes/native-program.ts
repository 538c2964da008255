import { createHash } from "node:crypto";
import { access, mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../run-command/run-command";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const builds = new Map<string, Promise<string>>();

/**
 * One of this repository's C helpers, compiled with the machine's cc on first use into .cache/native and
 * named by its source's hash: every server and test run shares one build, and a changed source builds again.
 * Rejects with cc's own words when it cannot be built (no compiler: `npm run up` installs gcc).
 */
export function nativeProgram(source: string, name: string): Promise<string> {
  let built = builds.get(source);
  if (!built) {
    built = build(source, name);
    built.catch(() => builds.delete(source));
    builds.set(source, built);
  }
  return built;
}

async function build(source: string, name: string): Promise<string> {
  const hash = createHash("sha256").update(await readFile(source)).digest("hex").slice(0, 16);
  const program = path.join(PROJECT_ROOT, ".cache", "native", `${name}-${hash}`);
  if (await access(program).then(() => true, () => false)) return program;
  await mkdir(path.dirname(program), { recursive: true });
  const temp = `${program}.${process.pid}.tmp`;
  try {
    await runCommand("cc", ["-O2", "-std=gnu11", "-Wall", "-o", temp, source, "-lpthread", "-lm"], { timeoutMs: 120_000 });
    await rename(temp, program); // whole or not at all, whoever builds it at the same time
  } finally {
    await rm(temp, { force: true });
  }
  return program;
}
