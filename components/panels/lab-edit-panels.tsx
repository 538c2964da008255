"use client";
import type { NetInterface, Topology } from "@/lib/contracts/topology";
import type { LabSocket } from "../use-lab-socket";
import { AddressEditor } from "./address-editor";
import { editTargetsOf } from "./edit-targets";
import { FirewallPanel } from "./firewall-panel";
import { FlowListPanel } from "./flow-list-panel";
import { InterfaceSettings } from "./interface-settings";
import { PortTagEditor } from "./port-tag-editor";
import { useLabEdits } from "./use-lab-edits";

/**
 * The fixes the page offers beside the selected interface: MTU and up/down, the endpoint's address
 * and firewall, the bridge port's VLAN tag, the bridge's OpenFlow rules. Viewers see them disabled.
 */
export function LabEditPanels({ iface, topology, readOnly, getSocket }: { iface: NetInterface; topology: Topology; readOnly: boolean; getSocket: () => LabSocket | null }) {
  const edits = useLabEdits(getSocket);
  const { endpoint, port, showFlows } = editTargetsOf(topology, iface);
  return (
    <>
      <InterfaceSettings key={`${iface.id}:${iface.mtu}`} iface={iface} readOnly={readOnly} edits={edits} />
      {endpoint && <AddressEditor key={`${endpoint.name}:${iface.addresses.join(",")}`} endpoint={endpoint.name} addresses={iface.addresses} readOnly={readOnly} edits={edits} />}
      {port && <PortTagEditor key={`${port.name}:${port.tag ?? ""}`} port={port} readOnly={readOnly} edits={edits} />}
      {endpoint && <FirewallPanel key={endpoint.name} endpoint={endpoint.name} readOnly={readOnly} edits={edits} />}
      {showFlows && <FlowListPanel readOnly={readOnly} edits={edits} />}
    </>
  );
}
