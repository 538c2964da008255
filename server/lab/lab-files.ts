import { link, rename, unlink, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { LAB_FILE_NAME_PATTERN, PROTECTED_LAB_FILES } from "../../lib/contracts/lab-files";
import { labSpecToYaml } from "../../lib/lab-editor/lab-yaml";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { LabError } from "./lab-errors";

/**
 * Writes `labs/<name>.yaml` whole or not at all: the YAML goes to a temporary file in the same folder,
 * then takes the name in one step (rename to replace; link, which fails on an existing name, to create),
 * so a reader never sees half a file and two saves never both think they created it.
 */
export async function saveLabFile(projectRoot: string, name: string, spec: LabSpec, overwrite: boolean): Promise<{ file: string; bytes: number; replaced: boolean }> {
  // The operation's schema checked the name already; checked again here because this builds a path from it.
  if (!LAB_FILE_NAME_PATTERN.test(name) || (PROTECTED_LAB_FILES as readonly string[]).includes(name)) throw new LabError("invalid", `name: "${name}" is not a lab file name ovs-lab writes`);
  const dir = path.join(projectRoot, "labs");
  const target = path.join(dir, `${name}.yaml`);
  const text = labSpecToYaml(spec);
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, text, { encoding: "utf8", mode: 0o644, flag: "wx" });
  try {
    if (overwrite) {
      const existed = await link(temp, target).then(() => false, (err: NodeJS.ErrnoException) => (err.code === "EEXIST" ? true : Promise.reject(err)));
      if (existed) await rename(temp, target);
      return { file: `labs/${name}.yaml`, bytes: Buffer.byteLength(text), replaced: existed };
    }
    await link(temp, target).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EEXIST") throw new LabError("conflict", `labs/${name}.yaml exists; save with overwrite to replace it, or choose another name`);
      throw err;
    });
    return { file: `labs/${name}.yaml`, bytes: Buffer.byteLength(text), replaced: false };
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
