import type { LabSpec } from "./schema";

/** Every host object a lab creates is named from its id, so labs never collide. */
export const labNames = {
  container: (labId: string, endpoint: string) => `ovslab-${labId}-${endpoint}`,
  netns: (labId: string, endpoint: string) => `ovslab-${labId}-${endpoint}`,
  /** The host end of an endpoint's veth (on the bridge, or under a DPDK port). */
  hostVeth: (labId: string, endpoint: string) => `${labId}-${endpoint}`,
  dpdkVdev: (labId: string, port: string) => `net_af_packet_${labId}_${port}`,
};

export const LAB_LABEL = "ovs-lab.lab";
export const ENDPOINT_LABEL = "ovs-lab.endpoint";
export const OVS_LAB_KEY = "ovs-lab-lab";
export const CONTAINER_IFNAME = "eth0";

export function interfaceId(owner: string, ifname: string): string {
  return `${owner}:${ifname}`;
}

export function hostAddress(spec: LabSpec): string | null {
  return spec.bridge.address ? spec.bridge.address.split("/")[0] : null;
}
