import type { FaultKind, FaultState, PlantedFault } from "../../lib/scenarios/fault-kinds";
import type { FaultContext, FaultModule } from "./fault-module";
import type { LabTarget } from "./lab-target";
import { txOffloadFault } from "./tx-offload-fault";
import { mtuMismatchFault } from "./mtu-mismatch-fault";
import { linkDownFault } from "./link-down-fault";
import { wrongAddressFault } from "./wrong-address-fault";
import { vlanTagFault } from "./vlan-tag-fault";
import { dropFlowFault } from "./drop-flow-fault";
import { firewallDropFault } from "./firewall-drop-fault";

/** Every kind of fault and its module: the list is closed, a new kind is a new module here. */
export const FAULT_MODULES: { [K in FaultKind]: FaultModule<K> } = {
  "tx-offload": txOffloadFault,
  "mtu-mismatch": mtuMismatchFault,
  "link-down": linkDownFault,
  "wrong-address": wrongAddressFault,
  "vlan-tag": vlanTagFault,
  "drop-flow": dropFlowFault,
  "firewall-drop": firewallDropFault,
};

/** The table pairs each kind with its own module, which TypeScript cannot follow through a union: one cast, here. */
const moduleOf = (fault: PlantedFault) => FAULT_MODULES[fault.kind] as unknown as FaultModule<FaultKind>;

export async function plantFault(ctx: FaultContext, lab: LabTarget, fault: PlantedFault): Promise<void> {
  await moduleOf(fault).plant(ctx, lab, fault);
}

/** Planted one after the other (in the lab's exclusive queue when a server runs it: they change the lab). */
export async function plantFaults(ctx: FaultContext, lab: LabTarget, faults: PlantedFault[]): Promise<void> {
  for (const fault of faults) await plantFault(ctx, lab, fault);
}

/** What the host shows now; a fault that cannot be read (its endpoint stopped) counts as present, with why. */
export async function detectFault(ctx: FaultContext, lab: LabTarget, fault: PlantedFault): Promise<FaultState> {
  const at = new Date().toISOString();
  try {
    const { present, evidence } = await moduleOf(fault).detect(ctx, lab, fault);
    return { id: fault.id, kind: fault.kind, present, evidence, at };
  } catch (err) {
    return { id: fault.id, kind: fault.kind, present: true, evidence: `could not be read: ${(err as Error).message}`, at };
  }
}

export function detectFaults(ctx: FaultContext, lab: LabTarget, faults: PlantedFault[]): Promise<FaultState[]> {
  return Promise.all(faults.map((f) => detectFault(ctx, lab, f)));
}
