import { readdir } from "node:fs/promises";
import path from "node:path";
import { listNetns } from "../netns/ip-links";
import { hostNames, LAB_RUN_ROOT } from "./host-names";

/** The hosts a lab has on this machine now: its host namespaces and run directories (no spec needed). */
export async function findLabHosts(labId: string): Promise<string[]> {
  const prefix = hostNames.netns(labId, "");
  const [netns, dirs] = await Promise.all([listNetns(), readdir(path.join(LAB_RUN_ROOT, labId)).catch(() => [] as string[])]);
  return [...new Set([...netns.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)), ...dirs])].sort();
}
