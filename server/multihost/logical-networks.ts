import { createHash } from "node:crypto";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { ipv4Range } from "../../lib/lab-spec/ipv4-cidr";
import { hostNames } from "./host-names";
import type { OvnNetwork } from "../../lib/contracts/topology";

/** One network of a multi-host lab: its logical switch, its endpoints and (with a router) its gateway. */
export interface LogicalNetwork {
  switch: string;
  /** The network in CIDR form. */
  cidr: string;
  /** The router's address here (`10.55.68.1/24`) and its port's MAC; null without a router. */
  gateway: { address: string; mac: string; routerPort: string; switchPort: string } | null;
  endpoints: string[];
}

/** A router port's MAC: locally administered, from the lab id and the network's place (the same at every up). */
export function routerPortMac(labId: string, network: number): string {
  const h = createHash("sha256").update(`ovs-lab router ${labId}`).digest();
  return ["0a", h[0], h[1], h[2], h[3], network + 1].map((b) => (typeof b === "string" ? b : b.toString(16).padStart(2, "0"))).join(":");
}

/**
 * The lab's networks as OVN builds them (pure): without a router, one switch for every endpoint;
 * with one, a switch per gateway's network, each endpoint on its own network's.
 */
export function logicalNetworks(spec: Pick<LabSpec, "id" | "endpoints" | "router">): LogicalNetwork[] {
  if (!spec.router) {
    const cidr = spec.endpoints[0] ? (ipv4Range(spec.endpoints[0].address)?.cidr ?? "") : "";
    return [{ switch: hostNames.logicalSwitch(spec.id), cidr, gateway: null, endpoints: spec.endpoints.map((e) => e.name) }];
  }
  return spec.router.gateways.map((address, i) => {
    const cidr = ipv4Range(address)?.cidr ?? "";
    return {
      switch: hostNames.logicalSwitch(spec.id, i),
      cidr,
      gateway: { address, mac: routerPortMac(spec.id, i), routerPort: hostNames.routerPort(spec.id, i), switchPort: hostNames.routerSwitchPort(spec.id, i) },
      endpoints: spec.endpoints.filter((e) => ipv4Range(e.address)?.cidr === cidr).map((e) => e.name),
    };
  });
}

/**
 * The router as discovery reports it, from the gateways recorded on the lab's underlay bridge and the
 * endpoints found (their addresses): null without gateways.
 */
export function discoveredRouter(labId: string, gateways: string[], endpoints: { name: string; ipv4: string | null }[]): { name: string; networks: OvnNetwork[] } | null {
  if (gateways.length === 0) return null;
  const networks = gateways.map((address, i): OvnNetwork => {
    const prefix = address.split("/")[1];
    const cidr = ipv4Range(address)?.cidr ?? "";
    return {
      switch: hostNames.logicalSwitch(labId, i),
      cidr,
      gateway: address,
      gatewayMac: routerPortMac(labId, i),
      endpoints: endpoints.filter((e) => e.ipv4 && ipv4Range(`${e.ipv4}/${prefix}`)?.cidr === cidr).map((e) => e.name),
    };
  });
  return { name: hostNames.logicalRouter(labId), networks };
}
