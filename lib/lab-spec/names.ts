import type { LabSpec } from "./schema";

/** Every host object a lab creates is named from its id, so labs never collide. */
export const labNames = {
  container: (labId: string, endpoint: string) => `ovslab-${labId}-${endpoint}`,
  netns: (labId: string, endpoint: string) => `ovslab-${labId}-${endpoint}`,
  /** The host end of an endpoint's veth (on the bridge, or under a DPDK port). */
  hostVeth: (labId: string, endpoint: string) => `${labId}-${endpoint}`,
  dpdkVdev: (labId: string, port: string) => `net_af_packet_${labId}_${port}`,
  /** The two patch ports of the lab's n-th bridge link ("_": endpoint names never hold one, so no host veth is named so). */
  patchPort: (labId: string, link: number, side: "a" | "b") => `${labId}_p${link}${side}`,
};

export const LAB_LABEL = "ovs-lab.lab";
export const ENDPOINT_LABEL = "ovs-lab.endpoint";
export const OVS_LAB_KEY = "ovs-lab-lab";
/** external_ids key on a multi-host lab's underlay bridge (the simulated hosts' "physical network"): its lab. */
export const UNDERLAY_LAB_KEY = "ovs-lab-underlay";
/** A bridge's place in its lab's spec: discovery lists the bridges in that order, the host's first. */
export const OVS_LAB_ORDER_KEY = "ovs-lab-order";
export const CONTAINER_IFNAME = "eth0";

export function interfaceId(owner: string, ifname: string): string {
  return `${owner}:${ifname}`;
}

export function hostAddress(spec: LabSpec): string | null {
  return spec.bridge.address ? spec.bridge.address.split("/")[0] : null;
}
