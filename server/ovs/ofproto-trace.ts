import path from "node:path";
import { runCommand } from "../run-command/run-command";
import { unixctlCall } from "./unixctl";
import { vswitchdControl, type OvsTarget } from "./ovs-target";
import { parseDpifShow, type DpifPort } from "./parse-dpif-show";
import { parseOfprotoTrace, type OfprotoTrace } from "./parse-ofproto-trace";
import { parseOfctlFlows } from "./parse-ofctl-flows";
import { parseOfctlPorts, type PortStats } from "./parse-ofctl-ports";
import type { FlowRule } from "../../lib/contracts/lab-edits";

/**
 * ofproto/trace and the counters a path explanation reads, through ovs-vswitchd's control socket
 * (no ovs-appctl spawned) and ovs-ofctl on each bridge's management socket.
 */

/** Traces `flow` (ovs-ofctl flow syntax, built from discovered facts only) entering `bridge`. */
export async function traceFlow(target: OvsTarget, bridge: string, flow: string): Promise<OfprotoTrace> {
  const text = await unixctlCall(await vswitchdControl(target), "ofproto/trace", [bridge, flow], 5000);
  return parseOfprotoTrace(text);
}

/** Every bridge's ports with their numbers and patch peers. */
export async function datapathPorts(target: OvsTarget): Promise<DpifPort[]> {
  return parseDpifShow(await unixctlCall(await vswitchdControl(target), "dpif/show", [], 3000));
}

const mgmt = (target: Pick<OvsTarget, "ovsRunDir">, bridge: string) => `unix:${path.join(target.ovsRunDir, `${bridge}.mgmt`)}`;

export interface BridgeCounters {
  ports: PortStats[];
  flows: FlowRule[];
}

/** Per-port and per-rule counters of one bridge, read at once. */
export async function bridgeCounters(target: Pick<OvsTarget, "ovsRunDir">, bridge: string): Promise<BridgeCounters> {
  const [ports, flows] = await Promise.all([
    runCommand("ovs-ofctl", ["dump-ports", mgmt(target, bridge)], { timeoutMs: 5000 }),
    runCommand("ovs-ofctl", ["dump-flows", mgmt(target, bridge)], { timeoutMs: 5000 }),
  ]);
  return { ports: parseOfctlPorts(ports.stdout), flows: parseOfctlFlows(flows.stdout) };
}
