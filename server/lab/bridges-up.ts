import { labBridges, type BridgeSpec, type LabSpec } from "../../lib/lab-spec/schema";
import { labNames } from "../../lib/lab-spec/names";
import { ensureBridge, ovsVsctl } from "../ovs/ovs-vsctl";
import { replaceSpecFlows } from "../ovs/openflow";
import { replaceAddress, setUp } from "../netns/ip-links";
import { setOffload } from "../offload/ethtool";
import { CommandError } from "../run-command/run-command";
import { LabError } from "./lab-errors";
import type { HostContext } from "../host/host-context";

/** Each OVS bridge of the spec, tagged with the lab and its place in the spec; the first with the host's address. */
export async function ensureBridges(ctx: HostContext, spec: LabSpec): Promise<void> {
  await Promise.all(
    labBridges(spec).map(async (b, order) => {
      await ensureBridge(ctx.config, b.name, b.datapath, spec.id, order);
      if (b.address) await replaceAddress(b.name, b.address);
      await setUp(b.name);
      await setOffload(b.name, null, b.offload);
    }),
  );
}

/** Every patch link as a pair of patch ports, in one transaction (both ends exist, or neither). */
export async function ensurePatchLinks(ctx: HostContext, spec: LabSpec): Promise<void> {
  const args = (spec.links ?? []).flatMap((link, i) => {
    const [a, b] = [labNames.patchPort(spec.id, i + 1, "a"), labNames.patchPort(spec.id, i + 1, "b")];
    const end = (bridge: string, port: string, peer: string) => [
      "--", "--may-exist", "add-port", bridge, port,
      "--", "set", "Interface", port, "type=patch", `options:peer=${peer}`,
    ];
    return [...end(link.between[0], a, b), ...end(link.between[1], b, a)];
  });
  if (args.length) await ovsVsctl(ctx.config, args.slice(1));
}

/** The spec's OpenFlow rules on each bridge, replacing those an earlier up added (NORMAL stays). */
export async function ensureBridgeFlows(ctx: HostContext, spec: LabSpec): Promise<void> {
  await Promise.all(
    labBridges(spec)
      .filter((b: BridgeSpec) => b.kind !== "linux")
      .map((b, i) =>
        replaceSpecFlows(ctx.config, b.name, b.flows ?? []).catch((err: unknown) => {
          const why = err instanceof CommandError ? err.stderr.trim().split("\n")[0] : String(err);
          // ovs-ofctl reads the rules from stdin and names the line ("-:2: ..."): the rule's index.
          const line = /^ovs-ofctl: -:(\d+): /.exec(why);
          const path = `${i === 0 ? "bridge" : `otherBridges.${i - 1}`}.flows${line ? `.${Number(line[1]) - 1}` : ""}`;
          throw new LabError("invalid", `${path}: ovs-ofctl refused ${line ? "this rule" : "a rule"} for ${b.name}: ${line ? why.slice(line[0].length) : why}`);
        }),
      ),
  );
}
