import { cellKey } from "../contracts/matrix";
import type { Topology } from "../contracts/topology";
import { nodeIds } from "../topology/flow-types";
import type { CellChange, OffloadChange } from "./compare-snapshots";
import { mapInterfaceId, type LabNaming } from "./retarget-snapshot";

const naming = (t: Topology): LabNaming => ({ labId: t.labId, bridge: t.bridge?.name ?? "" });

/** The matrix cells whose outcome differs between the two snapshots, as cell keys. */
export function flippedCellKeys(cells: readonly CellChange[]): Set<string> {
  return new Set(cells.map((c) => cellKey(c.from, c.to, c.protocol)));
}

/** Which graph card shows an interface: its endpoint, the DPDK port whose wire it is, or the bridge. */
export function nodeOfInterface(topology: Topology, interfaceId: string): string | null {
  const owner = topology.endpoints.find((e) => e.interfaceIds.includes(interfaceId));
  if (owner) return nodeIds.endpoint(owner.name);
  const dpdk = topology.bridge?.ports.find((p) => p.dpdk?.wireInterfaceId === interfaceId);
  if (dpdk) return nodeIds.dpdk(dpdk.name);
  if (topology.interfaces.some((i) => i.id === interfaceId) && topology.bridge) return nodeIds.bridge(topology.bridge.name);
  return null;
}

/**
 * The cards to mark in one snapshot's graph: those holding an interface whose offload changed. Change
 * ids are in the second snapshot's names (`other`); they are moved to this one's names first.
 */
export function changedNodeIds(topology: Topology, changes: readonly OffloadChange[], other: Topology): Set<string> {
  const ids = changes.flatMap((c) => {
    const here = mapInterfaceId(c.interfaceId, naming(other), naming(topology));
    return nodeOfInterface(topology, here) ?? [];
  });
  return new Set(ids);
}

/** Endpoint cards that exist in only one of the two snapshots. */
export function endpointNodeIds(names: readonly string[]): Set<string> {
  return new Set(names.map(nodeIds.endpoint));
}

export function outcomeWord(ok: boolean | null): "ok" | "fail" | "not tested" {
  return ok === null ? "not tested" : ok ? "ok" : "fail";
}

export function featureWord(on: boolean | null): "on" | "off" | "absent" {
  return on === null ? "absent" : on ? "on" : "off";
}

/** Ticking a third snapshot for comparison drops the one ticked first; unticking removes it. */
export function pickForCompare(picked: readonly string[], id: string, on: boolean): string[] {
  const rest = picked.filter((p) => p !== id);
  return on ? [...rest, id].slice(-2) : rest;
}
