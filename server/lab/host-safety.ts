import type { LabSpec } from "../../lib/lab-spec/schema";
import { runCommand } from "../run-command/run-command";
import { readBridges } from "../ovs/ovs-state";
import { listNetns } from "../netns/ip-links";
import type { HostContext } from "../host/host-context";
import { parseHostNetwork, type HostNetwork } from "./parse-host-network";
import { findHostConflicts } from "./host-conflicts";
import { LabError } from "./lab-errors";

/** The root namespace's interfaces, addresses and routes (every table), and which lab made what. */
export async function readHostNetwork(ctx: HostContext): Promise<HostNetwork> {
  const [addr, route, bridges, netns] = await Promise.all([
    runCommand("ip", ["-json", "-d", "addr", "show"], { timeoutMs: 5000 }),
    runCommand("ip", ["-4", "-json", "route", "show", "table", "all"], { timeoutMs: 5000 }),
    readBridges(ctx.ovsdb),
    listNetns(),
  ]);
  return parseHostNetwork(addr.stdout, route.stdout, bridges, netns);
}

/**
 * Refuses (400, before anything is made) a spec that would take a host interface, or a
 * network the host or another lab uses. Every way a lab comes up calls this first.
 */
export async function refuseHostConflicts(ctx: HostContext, spec: LabSpec): Promise<void> {
  const conflicts = findHostConflicts(spec, await readHostNetwork(ctx));
  if (conflicts.length) throw new LabError("invalid", conflicts.map((c) => `${c.field}: ${c.message}`).join("; "));
}
