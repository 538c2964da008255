import type { BridgePort, NetInterface, Topology } from "../contracts/topology";
import { bridgePortOf, hostPeerOf, type BridgeBand, type ClassifiedTopology } from "./classify-topology";
import type { Box, TopologyLayout } from "./layout-topology";
import type { BridgePortChip, PatchChip } from "./flow-types";

/** What a port carries, as its chip says it: "VLAN 10" (an access port), "trunk 10, 20"; none when untagged. */
export function vlanLabel(port: Pick<BridgePort, "tag" | "trunks"> | null | undefined): string | undefined {
  if (port?.tag !== undefined) return `VLAN ${port.tag}`;
  if (port?.trunks?.length) return `trunk ${port.trunks.join(", ")}`;
  return undefined;
}

/**
 * One chip per endpoint's port on this band's bridge, centred under (or over) the endpoint so its veth is a
 * straight line; with `withChips` false (grouped endpoints) the ports are only known as the endpoints', not
 * drawn one by one. Ports no chip, patch or DPDK card stands for are listed as other ports.
 */
export function bridgeChips(
  topology: Topology,
  model: ClassifiedTopology,
  band: BridgeBand,
  layout: TopologyLayout,
  withChips: boolean,
): { chips: BridgePortChip[]; otherPorts: string[] } {
  const ports = band.bridge?.ports ?? [];
  const bridges = band.bridge ? [band.bridge] : [];
  const bridgeBox: Box = layout.bridges.get(band.name)!;
  const used = new Set<string>([band.name, ...band.dpdk.map((d) => d.port.name), ...ports.filter((p) => p.patch).map((p) => p.name)]);
  const chips: BridgePortChip[] = [];
  for (const e of band.attached) {
    const box = layout.endpoints.get(e.name);
    const peer: NetInterface | null = hostPeerOf(e, model.interfacesById);
    const port = bridgePortOf(e, peer, bridges, topology.labId)?.port;
    if (!port && !peer) continue;
    if (port) used.add(port.name);
    if (!withChips || !box) continue;
    const vlan = vlanLabel(port);
    chips.push({
      handleId: peer?.id ?? `port:${port!.name}`,
      portName: port?.name ?? peer!.ifname,
      iface: peer,
      linkState: port?.linkState ?? null,
      error: port?.error ?? null,
      side: box.side === "bottom" ? "bottom" : "top",
      offset: box.x + box.width / 2 - bridgeBox.x,
      ...(vlan ? { vlan } : {}),
    });
  }
  return { chips, otherPorts: ports.filter((p) => !used.has(p.name)).map((p) => p.name) };
}

/** A patch link between two of the lab's bridges, drawn from `from`'s patch port to `to`'s. */
export interface PatchPair {
  id: string;
  from: { bridge: string; port: BridgePort };
  to: { bridge: string; port: BridgePort };
}

/** Each pair of patch ports between two bridges of the lab once, from the bridge drawn first. */
export function patchPairs(bands: readonly BridgeBand[]): PatchPair[] {
  const order = new Map(bands.map((b, i) => [b.name, i]));
  const pairs: PatchPair[] = [];
  for (const band of bands)
    for (const port of band.bridge?.ports ?? []) {
      const peerBridge = port.patch?.peerBridge;
      const peerBand = peerBridge ? bands.find((b) => b.name === peerBridge) : undefined;
      const peerPort = peerBand?.bridge?.ports.find((p) => p.name === port.patch!.peerPort);
      if (!peerBand || !peerPort) continue;
      const first = order.get(band.name)! < order.get(peerBand.name)! || (band.name === peerBand.name && port.name < peerPort.name);
      if (first) pairs.push({ id: `patch:${port.name}`, from: { bridge: band.name, port }, to: { bridge: peerBand.name, port: peerPort } });
    }
  return pairs;
}

export const patchHandle = (port: string) => `patch:${port}`;

/** The patch chips on one bridge, in the order of the pairs: a source where the wire leaves, a target where it arrives. */
export function patchChips(bridge: string, pairs: readonly PatchPair[]): PatchChip[] {
  return pairs.flatMap((p): PatchChip[] =>
    [
      p.from.bridge === bridge ? { end: p.from, peer: p.to, role: "source" as const } : null,
      p.to.bridge === bridge ? { end: p.to, peer: p.from, role: "target" as const } : null,
    ].flatMap((c) => {
      if (!c) return [];
      const vlan = vlanLabel(c.end.port);
      return [{ handleId: patchHandle(c.end.port.name), portName: c.end.port.name, peer: `${c.peer.bridge}:${c.peer.port.name}`, role: c.role, ...(vlan ? { vlan } : {}) }];
    }),
  );
}
