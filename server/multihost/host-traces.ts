import { MULTI_HOST_BRIDGE } from "../../lib/lab-spec/schema";
import { runCommand } from "../run-command/run-command";
import { unixctlCall } from "../ovs/unixctl";
import { parseOfprotoTrace, type OfprotoTrace } from "../ovs/parse-ofproto-trace";
import { hostFiles, hostNames } from "./host-names";
import { OVN_SB_SOCKET } from "./ovn-central";
import { parseOvnTrace, type OvnTrace } from "./parse-ovn-trace";

/** ovn-trace against the southbound database OVN central serves (the logical flows northd compiled from the NB). */
export async function ovnTrace(labId: string, microflow: string): Promise<{ trace: OvnTrace; text: string }> {
  const { stdout } = await runCommand("ovn-trace", [`--db=unix:${OVN_SB_SOCKET}`, hostNames.logicalSwitch(labId), microflow], { timeoutMs: 10_000 });
  return { trace: parseOvnTrace(stdout), text: stdout };
}

/** ofproto/trace on a host's br_int, through that host's own ovs-vswitchd control socket (not the root one). */
export async function hostBridgeTrace(labId: string, host: string, flow: string): Promise<OfprotoTrace> {
  const ctl = hostFiles(hostNames.runDir(labId, host)).vswitchdCtl;
  return parseOfprotoTrace(await unixctlCall(ctl, "ofproto/trace", [MULTI_HOST_BRIDGE.name, flow], 5000));
}
