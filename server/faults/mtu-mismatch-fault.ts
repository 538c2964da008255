import { FAULT_KINDS } from "../../lib/scenarios/fault-kinds";
import { readLink, setMtu } from "../netns/link-edits";
import type { FaultModule } from "./fault-module";
import { endpointOf, hostEndOf, ownNamespaceOf } from "./lab-target";

/** One end of an endpoint's veth gets another MTU (`ip link set dev IF mtu N`): the two ends disagree. */
export const mtuMismatchFault: FaultModule<"mtu-mismatch"> = {
  kind: "mtu-mismatch",
  fixOperation: FAULT_KINDS["mtu-mismatch"].fixOperation,
  plant: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    if (fault.end === "inner") await setMtu(e.ifname, ownNamespaceOf(e), fault.mtu);
    else await setMtu(hostEndOf(e), null, fault.mtu);
  },
  detect: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    const [inner, outer] = await Promise.all([readLink(e.ifname, ownNamespaceOf(e)), readLink(hostEndOf(e), null)]);
    const words = `${e.name}:${e.ifname} MTU ${inner?.mtu ?? "?"}, host:${e.hostEnd} MTU ${outer?.mtu ?? "?"}`;
    return { present: !inner || !outer || inner.mtu !== outer.mtu, evidence: words };
  },
};
