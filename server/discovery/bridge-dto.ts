import type { Bridge, BridgePort } from "../../lib/contracts/topology";
import { interfaceId } from "../../lib/lab-spec/names";
import type { OvsBridgeRow } from "../ovs/ovs-state";
import type { IpLink } from "../netns/parse-ip-addr";
import { parseRelayAlias } from "../impair/relay-names";

function relayedHostEnd(link: IpLink): string | null {
  const relay = parseRelayAlias(link.alias);
  return relay?.side === "b" ? relay.hostEnd : null;
}

/**
 * A bridge row as the topology's Bridge: each port with the kernel interface behind it, found among
 * `linksByName` (the links of the namespace the bridge's switch runs in, whose interfaces `owner` owns).
 */
export function bridgeDto(row: OvsBridgeRow, linksByName: Map<string, IpLink>, portOwner: Map<string, string>, owner = "host"): Bridge {
  const ports: BridgePort[] = row.ports.map((p) => {
    const iface = p.interfaces[0];
    const type = iface?.type ?? "system";
    const port: BridgePort = {
      name: p.name,
      type,
      // A relay's bridge end (an impaired link) stands for the endpoint's host end it relays to.
      interfaceId: type !== "dpdk" && linksByName.has(p.name) ? interfaceId(owner, relayedHostEnd(linksByName.get(p.name)!) ?? p.name) : null,
      ofport: iface?.ofport ?? null,
      linkState: iface?.linkState ?? null,
      error: iface?.error ?? null,
      ...(p.tag !== null ? { tag: p.tag } : {}),
      ...(p.trunks.length ? { trunks: p.trunks } : {}),
    };
    if (type === "patch" && iface.options.peer) port.patch = { peerPort: iface.options.peer, peerBridge: portOwner.get(iface.options.peer) ?? null };
    if (type === "dpdk") {
      const devargs = iface.options["dpdk-devargs"] ?? "";
      const wire = /(?:^|,)iface=([^,]+)/.exec(devargs)?.[1] ?? null;
      port.dpdk = {
        devargs,
        driver: iface.status["driver_name"] ?? null,
        wireInterfaceId: wire && linksByName.has(wire) ? interfaceId(owner, wire) : null,
      };
    }
    return port;
  });
  return { name: row.name, datapathType: row.datapathType, ports };
}

