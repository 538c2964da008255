"use client";
import { LAB_EDIT_OPERATIONS } from "@/lib/contracts/lab-edits";
import { IMPAIRMENT_OPERATIONS } from "@/lib/contracts/impairment";
import type { NetInterface, Topology } from "@/lib/contracts/topology";
import type { LabSocket } from "../use-lab-socket";
import { AddressEditor } from "./address-editor";
import { editTargetsOf } from "./edit-targets";
import { FirewallPanel } from "./firewall-panel";
import { FlowListPanel } from "./flow-list-panel";
import { ImpairmentEditor } from "./impairment-editor";
import { InterfaceSettings } from "./interface-settings";
import { PortTagEditor } from "./port-tag-editor";
import { useLabEdits } from "./use-lab-edits";

/**
 * The fixes the page offers beside the selected interface: MTU and up/down, the endpoint's address,
 * link impairment and firewall, the bridge port's VLAN tag, the bridge's OpenFlow rules. What this page may not use
 * (`refusalOf` an operation: the reason, or null) is disabled with the reason.
 */
export function LabEditPanels({ iface, topology, refusalOf, getSocket }: { iface: NetInterface; topology: Topology; refusalOf: (operation: string) => string | null; getSocket: () => LabSocket | null }) {
  const edits = useLabEdits(getSocket);
  const { endpoint, port, showFlows } = editTargetsOf(topology, iface);
  return (
    <>
      <InterfaceSettings key={`${iface.id}:${iface.mtu}`} iface={iface} linkRefused={refusalOf(LAB_EDIT_OPERATIONS.link)} mtuRefused={refusalOf(LAB_EDIT_OPERATIONS.mtu)} edits={edits} />
      {endpoint && <AddressEditor key={`${endpoint.name}:${iface.addresses.join(",")}`} endpoint={endpoint.name} addresses={iface.addresses} refused={refusalOf(LAB_EDIT_OPERATIONS.address)} edits={edits} />}
      {endpoint && <ImpairmentEditor key={`impair:${endpoint.name}`} endpoint={endpoint.name} refused={refusalOf(IMPAIRMENT_OPERATIONS.set)} edits={edits} />}
      {port && <PortTagEditor key={`${port.name}:${port.tag ?? ""}`} port={port} refused={refusalOf(LAB_EDIT_OPERATIONS.tag)} edits={edits} />}
      {endpoint && <FirewallPanel key={endpoint.name} endpoint={endpoint.name} refused={refusalOf(LAB_EDIT_OPERATIONS.firewallDelete)} edits={edits} />}
      {showFlows && <FlowListPanel refused={refusalOf(LAB_EDIT_OPERATIONS.flowDelete)} edits={edits} />}
    </>
  );
}
