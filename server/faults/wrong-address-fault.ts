import { FAULT_KINDS } from "../../lib/scenarios/fault-kinds";
import { readLink, setOnlyAddress } from "../netns/link-edits";
import type { FaultModule } from "./fault-module";
import { endpointOf, ownNamespaceOf } from "./lab-target";

/** The endpoint's eth0 gets a wrong address or prefix (`ip addr flush` + `ip addr add`). */
export const wrongAddressFault: FaultModule<"wrong-address"> = {
  kind: "wrong-address",
  fixOperation: FAULT_KINDS["wrong-address"].fixOperation,
  plant: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    await setOnlyAddress(e.ifname, ownNamespaceOf(e), fault.planted);
  },
  detect: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    const addresses = (await readLink(e.ifname, ownNamespaceOf(e)))?.ipv4 ?? [];
    const right = addresses.length === 1 && addresses[0] === fault.expected;
    return { present: !right, evidence: `${e.name}:${e.ifname} has ${addresses.join(", ") || "no address"}; the lab's is ${fault.expected}` };
  },
};
