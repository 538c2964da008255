import { build } from "esbuild";
import { mkdir } from "node:fs/promises";
import path from "node:path";

let bundled: Promise<string> | null = null;

/** Bundles the agent to one .mjs file (node runs it directly inside a namespace). */
export function agentScript(projectRoot: string): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(projectRoot, ".cache", `probe-agent-${process.pid}.mjs`);
    await mkdir(path.dirname(outfile), { recursive: true });
    await build({
      entryPoints: [path.join(projectRoot, "server/probes/agent/agent-main.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
    });
    return outfile;
  })();
  return bundled;
}
