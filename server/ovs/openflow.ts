import path from "node:path";
import type { FlowRule } from "../../lib/contracts/lab-edits";
import { runCommand } from "../run-command/run-command";
import type { OvsTarget } from "./ovs-target";
import { parseOfctlFlows, strictFlowSpec } from "./parse-ofctl-flows";

/** ovs-vswitchd's OpenFlow management socket for one bridge, in the configured run directory. */
const mgmt = (target: Pick<OvsTarget, "ovsRunDir">, bridge: string) => `unix:${path.join(target.ovsRunDir, `${bridge}.mgmt`)}`;

/** The bridge's rules, optionally only those whose cookie is `cookie` (`0x…`). */
export async function dumpFlows(target: Pick<OvsTarget, "ovsRunDir">, bridge: string, cookie?: string): Promise<FlowRule[]> {
  const filter = cookie ? [`cookie=${cookie}/-1`] : [];
  const { stdout } = await runCommand("ovs-ofctl", ["dump-flows", mgmt(target, bridge), ...filter], { timeoutMs: 10_000 });
  return parseOfctlFlows(stdout);
}

/** `spec` as ovs-ofctl writes a rule, e.g. `cookie=0x1,priority=100,tcp,nw_src=10.0.0.8,actions=drop`. */
export async function addFlow(target: Pick<OvsTarget, "ovsRunDir">, bridge: string, spec: string): Promise<void> {
  await runCommand("ovs-ofctl", ["add-flow", mgmt(target, bridge), spec], { timeoutMs: 10_000 });
}

/** Deletes exactly this rule (same table, priority and match), nothing that merely overlaps it. */
export async function deleteFlow(target: Pick<OvsTarget, "ovsRunDir">, bridge: string, flow: Pick<FlowRule, "table" | "priority" | "match">): Promise<void> {
  await runCommand("ovs-ofctl", ["--strict", "del-flows", mgmt(target, bridge), strictFlowSpec(flow)], { timeoutMs: 10_000 });
}

/** The cookie of the rules a lab's spec adds ("ovslsp" in ASCII), apart from those a scenario plants. */
export const SPEC_FLOW_COOKIE = "0x6f76736c7370";

/** Replaces the rules an earlier up added from the spec with these (one ovs-ofctl for all of them). */
export async function replaceSpecFlows(target: Pick<OvsTarget, "ovsRunDir">, bridge: string, flows: readonly string[]): Promise<void> {
  await runCommand("ovs-ofctl", ["del-flows", mgmt(target, bridge), `cookie=${SPEC_FLOW_COOKIE}/-1`], { timeoutMs: 10_000 });
  if (!flows.length) return;
  const input = flows.map((f) => `cookie=${SPEC_FLOW_COOKIE},${f}\n`).join("");
  await runCommand("ovs-ofctl", ["add-flows", mgmt(target, bridge), "-"], { input, timeoutMs: 10_000 });
}
