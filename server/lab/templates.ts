import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { describeZodError, labSpecSchema, type LabSpec } from "../../lib/lab-spec/schema";
import { LabError } from "./lab-errors";

export function parseLabSpec(input: unknown, where: string): LabSpec {
  const parsed = labSpecSchema.safeParse(input);
  if (!parsed.success) throw new LabError("invalid", `${where}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function parseLabYaml(text: string, where: string): LabSpec {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new LabError("invalid", `${where} is not valid YAML: ${(err as Error).message}`);
  }
  return parseLabSpec(doc, where);
}

export async function listTemplates(projectRoot: string): Promise<string[]> {
  const files = await readdir(path.join(projectRoot, "labs")).catch(() => []);
  return files.filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
}

/** A template by name; the name is checked against the files in labs/, never used as a path as given. */
export async function loadTemplate(projectRoot: string, name: string): Promise<LabSpec> {
  const names = await listTemplates(projectRoot);
  if (!names.includes(name)) throw new LabError("notFound", `no template "${name}"; templates: ${names.join(", ")}`);
  const file = path.join(projectRoot, "labs", `${name}.yaml`);
  return parseLabYaml(await readFile(file, "utf8"), `labs/${name}.yaml`);
}
