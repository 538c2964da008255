import { setAlias } from "./link-alias";
import type { Impairment } from "../../lib/contracts/impairment";
import type { HostContext } from "../host/host-context";
import { deleteLink } from "../netns/ip-links";
import { ipBatch } from "../netns/ip-batch";
import { isolateHostEnd } from "../netns/host-end-sysctl";
import { runCommand } from "../run-command/run-command";
import { moveBridgePort } from "./bridge-attach";
import { actsOn, relayDirectionJson } from "./choose-engine";
import { linkNames, parseRelayEnds, type RelayEnd } from "./parse-relay-links";
import { freeRelayIndex, relayAlias, relayNames } from "./relay-names";
import { ensureRelay, stopRelay } from "./relay-supervisor";

/**
 * The relay engine on one endpoint's link: the host end leaves the bridge, a second veth pair takes its
 * place there, and a forwarder moves frames between the host end and that pair, impairing them.
 *
 *   [endpoint] eth0 ══ <lab>-<ep> ⇄ relay ⇄ <lab>-<n>ra ══ <lab>-<n>rb ─ bridge
 */

export interface RelayedLink {
  endpoint: string;
  hostEnd: string;
  linkEnd: string;
  bridgeEnd: string;
  impairment: Impairment;
}

async function rootLinksJson(): Promise<string> {
  return (await runCommand("ip", ["-json", "link", "show"], { timeoutMs: 5000 })).stdout;
}

/** The lab's relayed links, from the kernel (each relay's ifalias). */
export async function readRelayedLinks(labId: string): Promise<RelayedLink[]> {
  const ends = parseRelayEnds(await rootLinksJson(), labId);
  const bySide = (side: RelayEnd["side"]) => ends.filter((e) => e.side === side);
  return bySide("a").map((a) => ({
    endpoint: a.endpoint,
    hostEnd: a.hostEnd,
    linkEnd: a.ifname,
    bridgeEnd: a.peer ?? bySide("b").find((b) => b.endpoint === a.endpoint)?.ifname ?? a.ifname.replace(/ra$/, "rb"),
    impairment: a.impairment,
  }));
}

function startForwarder(labId: string, link: RelayedLink): Promise<number> {
  const acts = actsOn(link.impairment);
  return ensureRelay({
    labId,
    linkEnd: link.linkEnd,
    hostEnd: link.hostEnd,
    toEndpoint: relayDirectionJson(link.impairment, acts.toEndpoint),
    fromEndpoint: relayDirectionJson(link.impairment, acts.fromEndpoint),
  });
}

/** A new pair beside the host end: same MTU, out of the host's IP stack, up, each end saying whose it is. */
async function createPair(labId: string, endpoint: string, hostEnd: string, impairment: Impairment): Promise<RelayedLink> {
  const json = await rootLinksJson();
  const names = relayNames(labId, freeRelayIndex(labId, linkNames(json)));
  const mtu = (JSON.parse(json) as { ifname: string; mtu?: number }[]).find((l) => l.ifname === hostEnd)?.mtu ?? 1500;
  await ipBatch([["link", "add", names.a, "mtu", String(mtu), "type", "veth", "peer", "name", names.b, "mtu", String(mtu)]]);
  const link = { endpoint, hostEnd, linkEnd: names.a, bridgeEnd: names.b, impairment };
  await labelPair(labId, link);
  await Promise.all([isolateHostEnd(names.a), isolateHostEnd(names.b)]);
  await ipBatch([names.a, names.b, hostEnd].map((n) => ["link", "set", "dev", n, "up"]));
  return link;
}

function labelPair(labId: string, link: RelayedLink): Promise<unknown> {
  const base = { lab: labId, endpoint: link.endpoint, hostEnd: link.hostEnd, impairment: link.impairment };
  return Promise.all([setAlias(link.linkEnd, relayAlias({ ...base, side: "a" })), setAlias(link.bridgeEnd, relayAlias({ ...base, side: "b" }))]);
}

/**
 * The endpoint's link relayed with this impairment: the pair made (or its label updated), the forwarder
 * running with it, and the relay's bridge end on the bridge in the host end's place. Returns the bridge end.
 */
export async function relayLink(ctx: HostContext, labId: string, endpoint: string, hostEnd: string, bridge: string | null, impairment: Impairment): Promise<RelayedLink> {
  const existing = (await readRelayedLinks(labId)).find((l) => l.endpoint === endpoint);
  let link: RelayedLink;
  if (existing && existing.hostEnd === hostEnd) {
    link = { ...existing, impairment };
    await labelPair(labId, link);
  } else {
    if (existing) await unrelayLink(ctx, existing, bridge);
    link = await createPair(labId, endpoint, hostEnd, impairment);
  }
  await startForwarder(labId, link);
  if (bridge) await moveBridgePort(ctx, bridge, hostEnd, link.bridgeEnd);
  return link;
}

/** The plain link again: the host end back on the bridge, the forwarder stopped, the pair deleted. */
export async function unrelayLink(ctx: HostContext, link: RelayedLink, bridge: string | null): Promise<void> {
  if (bridge) await moveBridgePort(ctx, bridge, link.bridgeEnd, link.hostEnd);
  await stopRelay(link.linkEnd);
  await deleteLink(link.linkEnd);
}

/** After a server restart: a forwarder for every relayed link of the lab the kernel still has. */
export async function resumeRelays(labId: string): Promise<void> {
  const all = await readRelayedLinks(labId);
  const present = new Set(linkNames(await rootLinksJson()));
  await Promise.all(all.filter((l) => present.has(l.hostEnd)).map((l) => startForwarder(labId, l)));
}
