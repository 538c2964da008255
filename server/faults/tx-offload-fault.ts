import { FAULT_KINDS } from "../../lib/scenarios/fault-kinds";
import { readOffload, setOffload } from "../offload/ethtool";
import type { FaultModule } from "./fault-module";
import { endpointOf, ownNamespaceOf } from "./lab-target";

/** The seed's fault: TX checksum offload on the endpoint's eth0 (`ethtool -K eth0 tx on` inside it). */
export const txOffloadFault: FaultModule<"tx-offload"> = {
  kind: "tx-offload",
  fixOperation: FAULT_KINDS["tx-offload"].fixOperation,
  plant: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    await setOffload(e.ifname, ownNamespaceOf(e), { tx: true });
  },
  detect: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    const tx = (await readOffload(e.ifname, ownNamespaceOf(e))).tx;
    return { present: tx?.on !== false, evidence: `${e.name}:${e.ifname} tx-checksumming: ${tx ? (tx.on ? "on" : "off") : "unknown"}` };
  },
};
