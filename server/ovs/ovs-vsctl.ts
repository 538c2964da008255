import { runCommand } from "../run-command/run-command";

/** Writes to OVSDB go through ovs-vsctl, which handles references and waits for the switch. */
export function ovsVsctl(args: string[], timeoutMs = 20_000) {
  return runCommand("ovs-vsctl", [`--timeout=${Math.ceil(timeoutMs / 1000)}`, ...args], { timeoutMs: timeoutMs + 2000 });
}

export async function ensureBridge(name: string, datapathType: string, labId: string): Promise<void> {
  await ovsVsctl([
    "--may-exist", "add-br", name,
    "--", "set", "Bridge", name, `datapath_type=${datapathType}`, `external_ids:ovs-lab-lab=${labId}`,
  ]);
}

export async function ensureSystemPort(bridge: string, port: string): Promise<void> {
  await ovsVsctl(["--may-exist", "add-port", bridge, port]);
}

export async function ensureDpdkPort(bridge: string, port: string, devargs: string): Promise<void> {
  await ovsVsctl([
    "--may-exist", "add-port", bridge, port,
    "--", "set", "Interface", port, "type=dpdk", `options:dpdk-devargs=${devargs}`,
  ]);
}

export async function deleteBridge(name: string): Promise<void> {
  await ovsVsctl(["--if-exists", "del-br", name]);
}

export async function deletePort(bridge: string, port: string): Promise<void> {
  await ovsVsctl(["--if-exists", "del-port", bridge, port]);
}
