import type { NetInterface } from "../../lib/contracts/topology";
import { interfaceId } from "../../lib/lab-spec/names";
import type { IpLink } from "../netns/parse-ip-addr";

/** A kernel link as the topology's interface of `owner` (no peer and no offload yet). */
export function toInterface(owner: string, link: IpLink, role: NetInterface["role"]): NetInterface {
  return {
    id: interfaceId(owner, link.ifname),
    owner,
    ifname: link.ifname,
    role,
    kind: link.kind,
    mac: link.mac,
    mtu: link.mtu,
    up: link.up,
    addresses: link.ipv4,
    peerId: null,
    offload: {},
    counters: link.counters,
  };
}

