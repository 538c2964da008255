import { build } from "esbuild";
import { createHash } from "node:crypto";
import { access, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript entry point to one .mjs file that node runs as a child (a probe agent
 * inside a namespace, the spawn worker). The file is named by its content, so every server
 * and test run shares one copy.
 */
export function bundledScript(projectRoot: string, entry: string, prefix: string): Promise<string> {
  const key = `${projectRoot}|${entry}`;
  let bundled = bundles.get(key);
  if (!bundled) {
    bundled = (async () => {
      const result = await build({
        entryPoints: [path.join(projectRoot, entry)],
        write: false,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        logLevel: "silent",
      });
      const code = result.outputFiles[0].contents;
      const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
      const outfile = path.join(projectRoot, ".cache", `${prefix}-${hash}.mjs`);
      if (!(await access(outfile).then(() => true, () => false))) {
        await mkdir(path.dirname(outfile), { recursive: true });
        const temp = `${outfile}.${process.pid}.tmp`;
        await writeFile(temp, code);
        await rename(temp, outfile);
      }
      return outfile;
    })();
    bundled.catch(() => bundles.delete(key));
    bundles.set(key, bundled);
  }
  return bundled;
}
