import type { LabSpec } from "../../lib/lab-spec/schema";
import { hostNames, OVN_LAB_KEY } from "./host-names";
import { ovnNbctl } from "./ovn-central";
import { parseNbctlRows } from "./parse-ovn-json";

/** The lab's logical ports in the NB database (tagged with its id), by name. */
async function labLogicalPorts(labId: string): Promise<string[]> {
  const { stdout } = await ovnNbctl(["--format=json", "--columns=name", "find", "Logical_Switch_Port", `external_ids:${OVN_LAB_KEY}=${labId}`]);
  return parseNbctlRows(stdout).map((r) => String(r.name));
}

/**
 * The lab's logical switch with one port per endpoint, addressed "<mac> <ip>" (what lets OVN answer
 * ARP and deliver to the right chassis), in one transaction; ports of endpoints gone are deleted.
 */
export async function ensureLogicalSwitch(spec: LabSpec, macs: Map<string, string>): Promise<void> {
  const ls = hostNames.logicalSwitch(spec.id);
  const tag = `external_ids:${OVN_LAB_KEY}=${spec.id}`;
  const wanted = new Set(spec.endpoints.map((e) => hostNames.logicalPort(spec.id, e.name)));
  const stale = (await labLogicalPorts(spec.id).catch(() => [])).filter((p) => !wanted.has(p));
  const portArgs = spec.endpoints.flatMap((e) => {
    const port = hostNames.logicalPort(spec.id, e.name);
    const mac = macs.get(e.name);
    return [
      "--", "--may-exist", "lsp-add", ls, port,
      "--", "set", "Logical_Switch_Port", port, tag,
      ...(mac ? ["--", "lsp-set-addresses", port, `${mac} ${e.address.split("/")[0]}`] : []),
    ];
  });
  await ovnNbctl([
    "--may-exist", "ls-add", ls,
    "--", "set", "Logical_Switch", ls, tag,
    ...stale.flatMap((p) => ["--", "--if-exists", "lsp-del", p]),
    ...portArgs,
  ]);
}

/** The lab's switch and its ports gone from NB (northd then takes them out of SB). */
export async function removeLogicalSwitch(labId: string): Promise<number> {
  const ports = await labLogicalPorts(labId).catch(() => []);
  // Ports first (one left outside any switch would be an error for lsp-del after ls-del took it).
  await ovnNbctl([...ports.flatMap((p) => ["--if-exists", "lsp-del", p, "--"]), "--if-exists", "ls-del", hostNames.logicalSwitch(labId)]);
  return ports.length;
}
