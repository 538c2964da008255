import { build } from "esbuild";
import { createHash } from "node:crypto";
import { access, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

let bundled: Promise<string> | null = null;

/**
 * Bundles the agent to one .mjs file that node runs inside a namespace. The file
 * is named by its content, so every server and test run shares one copy.
 */
export function agentScript(projectRoot: string): Promise<string> {
  bundled ??= (async () => {
    const result = await build({
      entryPoints: [path.join(projectRoot, "server/probes/agent/agent-main.ts")],
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
    });
    const code = result.outputFiles[0].contents;
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
    const outfile = path.join(projectRoot, ".cache", `probe-agent-${hash}.mjs`);
    if (!(await access(outfile).then(() => true, () => false))) {
      await mkdir(path.dirname(outfile), { recursive: true });
      const temp = `${outfile}.${process.pid}.tmp`;
      await writeFile(temp, code);
      await rename(temp, outfile);
    }
    return outfile;
  })();
  return bundled;
}
