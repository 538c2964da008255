import { runCommand } from "../run-command/run-command";
import { vsctlDbArg, type OvsTarget } from "./ovs-target";

type DbTarget = Pick<OvsTarget, "ovsdbSocket">;

/** Writes to OVSDB go through ovs-vsctl, which handles references and waits for the switch. */
export function ovsVsctl(target: DbTarget, args: string[], timeoutMs = 20_000) {
  return runCommand("ovs-vsctl", [vsctlDbArg(target), `--timeout=${Math.ceil(timeoutMs / 1000)}`, ...args], { timeoutMs: timeoutMs + 2000 });
}

export async function ensureBridge(target: DbTarget, name: string, datapathType: string, labId: string, order = 0): Promise<void> {
  await ovsVsctl(target, [
    "--may-exist", "add-br", name,
    "--", "set", "Bridge", name, `datapath_type=${datapathType}`, `external_ids:ovs-lab-lab=${labId}`, `external_ids:ovs-lab-order=${order}`,
  ]);
}

export async function ensureSystemPort(target: DbTarget, bridge: string, port: string): Promise<void> {
  await ovsVsctl(target, ["--may-exist", "add-port", bridge, port]);
}

export async function ensureDpdkPort(target: DbTarget, bridge: string, port: string, devargs: string): Promise<void> {
  await ovsVsctl(target, [
    "--may-exist", "add-port", bridge, port,
    "--", "set", "Interface", port, "type=dpdk", `options:dpdk-devargs=${devargs}`,
  ]);
}

export async function deleteBridge(target: DbTarget, name: string): Promise<void> {
  await ovsVsctl(target, ["--if-exists", "del-br", name]);
}

export async function deletePort(target: DbTarget, bridge: string, port: string): Promise<void> {
  await ovsVsctl(target, ["--if-exists", "del-port", bridge, port]);
}
