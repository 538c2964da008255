import type { FaultKind, FaultOfKind } from "../../lib/scenarios/fault-kinds";
import type { HostContext } from "../host/host-context";
import type { LabTarget } from "./lab-target";

/** What planting and detecting read: the configured daemons' sockets (ovs-vsctl, ovs-ofctl). */
export type FaultContext = Pick<HostContext, "config">;

export interface FaultDetection {
  present: boolean;
  /** What was read on the host, in words. */
  evidence: string;
}

/** One kind of fault: planted on the real host, detected from the real host (never from a memory of planting it). */
export interface FaultModule<K extends FaultKind> {
  kind: K;
  /** The page operation that fixes it (FAULT_KINDS in lib/scenarios/fault-kinds.ts). */
  fixOperation: string;
  plant: (ctx: FaultContext, lab: LabTarget, fault: FaultOfKind<K>) => Promise<void>;
  detect: (ctx: FaultContext, lab: LabTarget, fault: FaultOfKind<K>) => Promise<FaultDetection>;
}
