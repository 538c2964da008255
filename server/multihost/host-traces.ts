import { MULTI_HOST_BRIDGE } from "../../lib/lab-spec/schema";
import { runCommand } from "../run-command/run-command";
import { unixctlCall } from "../ovs/unixctl";
import { parseOfprotoTrace, type OfprotoTrace } from "../ovs/parse-ofproto-trace";
import { hostFiles, hostNames } from "./host-names";
import { OVN_SB_SOCKET } from "./ovn-central";
import { parseOvnTrace, type OvnTrace } from "./parse-ovn-trace";
import { parseOfctlPorts } from "../ovs/parse-ofctl-ports";
import { parseOfctlFlows } from "../ovs/parse-ofctl-flows";
import type { BridgeCounters } from "../ovs/ofproto-trace";

/**
 * ovn-trace against the southbound database OVN central serves (the logical flows northd compiled from
 * the NB), entering at `datapath`: the sender's logical switch (a name discovery gave, never a user's).
 */
export async function ovnTrace(datapath: string, microflow: string): Promise<{ trace: OvnTrace; text: string }> {
  if (!/^ovslab-[a-z][a-z0-9]{0,5}(-net\d)?$/.test(datapath)) throw new Error(`not a lab's logical switch: ${datapath}`);
  const { stdout } = await runCommand("ovn-trace", [`--db=unix:${OVN_SB_SOCKET}`, datapath, microflow], { timeoutMs: 10_000 });
  return { trace: parseOvnTrace(stdout), text: stdout };
}

/** ofproto/trace on a host's br_int, through that host's own ovs-vswitchd control socket (not the root one). */
export async function hostBridgeTrace(labId: string, host: string, flow: string): Promise<OfprotoTrace> {
  const ctl = hostFiles(hostNames.runDir(labId, host)).vswitchdCtl;
  return parseOfprotoTrace(await unixctlCall(ctl, "ofproto/trace", [MULTI_HOST_BRIDGE.name, flow], 5000));
}

/**
 * A host's br_int counters through its own OpenFlow socket (br_int.mgmt in the host's run directory):
 * ports by name (`--names`), rules as dump-flows prints them (their ids match ofproto/trace's).
 */
export async function hostBridgeCounters(labId: string, host: string): Promise<BridgeCounters> {
  const mgmt = `unix:${hostNames.runDir(labId, host)}/${MULTI_HOST_BRIDGE.name}.mgmt`;
  const [ports, flows] = await Promise.all([
    runCommand("ovs-ofctl", ["--names", "dump-ports", mgmt], { timeoutMs: 5000 }),
    runCommand("ovs-ofctl", ["dump-flows", mgmt], { timeoutMs: 5000 }),
  ]);
  return { ports: parseOfctlPorts(ports.stdout), flows: parseOfctlFlows(flows.stdout) };
}
