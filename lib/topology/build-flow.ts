import type { Topology } from "../contracts/topology";
import type { LabFlow } from "./flow-types";
import { frameFlow, LAB_FRAME, type FlowOptions } from "./frame-flow";
import { buildHostsFlow } from "./build-hosts-flow";


/**
 * The topology DTO as React Flow nodes and edges, laid out; pure, so it is tested without a browser.
 * Each bridge is a band of its own, with the endpoints whose veths end on it; many endpoints on one
 * bridge (more than GROUP_CARDS_ABOVE) are drawn as groups of ten, each one card. A multi-host lab
 * is drawn host by host (build-hosts-flow.ts).
 */
export function buildFlow(topology: Topology, options: FlowOptions = {}): LabFlow {
  if (topology.hosts?.length) return buildHostsFlow(topology, options);
  const { nodes, edges } = frameFlow(topology, options, { ...LAB_FRAME, data: { label: "host", datapath: topology.bridge?.datapathType ?? "" } });
  return { nodes, edges };
}

