import { createHash } from "node:crypto";
import type { FirewallList, FirewallRule, FlowList, FlowRule } from "../../lib/contracts/lab-edits";
import { topologyBridges, type NetInterface } from "../../lib/contracts/topology";
import { ipv4Range } from "../../lib/lab-spec/ipv4-cidr";
import type { Discovery } from "../discovery/discover-lab";
import { endpointOf, labTargetOf, ownNamespaceOf } from "../faults/lab-target";
import type { FaultContext } from "../faults/fault-module";
import { CommandError } from "../run-command/run-command";
import { LabError } from "../lab/lab-errors";
import { deleteFirewallRule, listFirewall } from "../netns/iptables";
import { setLinkUp, setMtu, setOnlyAddress } from "../netns/link-edits";
import { ruleNumber } from "../netns/parse-iptables";
import { deleteFlow, dumpFlows } from "../ovs/openflow";
import { setPortTag } from "../ovs/port-tag";

/**
 * The page's fixes, each on a lab as discovery found it: every name and id is looked up there
 * first (never trusted as given), and only then does a program run.
 */

/** An interface of the lab and the namespace it lives in. */
function locateInterface({ topology, runtimes }: Discovery, id: string): { iface: NetInterface; netns: string | null } {
  const iface = topology.interfaces.find((i) => i.id === id);
  if (!iface) throw new LabError("notFound", `no interface "${id}" in lab ${topology.labId}; interfaces: ${topology.interfaces.map((i) => i.id).join(", ") || "none: is the lab up?"}`);
  if (iface.owner === "host") return { iface, netns: null };
  const runtime = runtimes.find((r) => r.name === iface.owner);
  if (!runtime?.netns) throw new LabError("conflict", `${iface.owner} is not running; start it before changing ${id}`);
  return { iface, netns: runtime.netns };
}

export async function setInterfaceMtu(discovery: Discovery, interfaceId: string, mtu: number): Promise<void> {
  const { iface, netns } = locateInterface(discovery, interfaceId);
  await setMtu(iface.ifname, netns, mtu);
}

export async function setInterfaceUp(discovery: Discovery, interfaceId: string, up: boolean): Promise<void> {
  const { iface, netns } = locateInterface(discovery, interfaceId);
  await setLinkUp(iface.ifname, netns, up);
}

const RESERVED = ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/3"].map((c) => ipv4Range(c)!);

/** The endpoint's eth0 gets exactly this address; the "host" endpoint is the machine's own and is refused. */
export async function setEndpointAddress(discovery: Discovery, endpoint: string, cidr: string): Promise<string> {
  const target = endpointOf(labTargetOf(discovery), endpoint);
  const netns = ownNamespaceOf(target);
  const range = ipv4Range(cidr)!;
  const address = ipv4Range(cidr.split("/")[0])!.first;
  const reserved = RESERVED.find((r) => address >= r.first && address <= r.last);
  if (reserved) throw new LabError("invalid", `address: ${cidr} is in ${reserved.cidr}, which no endpoint may use`);
  if (range.last - range.first >= 3 && (address === range.first || address === range.last))
    throw new LabError("invalid", `address: ${cidr.split("/")[0]} is the ${address === range.first ? "network" : "broadcast"} address of ${range.cidr}`);
  await setOnlyAddress(target.ifname, netns, cidr);
  return `${endpoint}:${target.ifname}`;
}

export async function setBridgePortTag(ctx: FaultContext, { topology }: Discovery, port: string, tag: number | null): Promise<void> {
  const ports = topologyBridges(topology).flatMap((b) => b.ports.filter((p) => !p.patch));
  if (!ports.some((p) => p.name === port))
    throw new LabError("notFound", `no port "${port}" on lab ${topology.labId}'s bridges; ports: ${ports.map((p) => p.name).join(", ") || "none: is the lab up?"}`);
  await setPortTag(ctx.config, port, tag);
}

function bridgesOf({ topology }: Discovery): string[] {
  const names = topologyBridges(topology).map((b) => b.name);
  if (!names.length) throw new LabError("conflict", `lab ${topology.labId} has no bridge; bring it up first`);
  return names;
}

/** A rule's id names its bridge too, except on the first bridge (where ids stay what one-bridge labs had). */
const onBridge = (bridge: string, first: boolean) => (f: FlowRule): FlowRule =>
  first ? { ...f, bridge } : { ...f, bridge, id: createHash("sha256").update(`${bridge}|${f.id}`).digest("hex").slice(0, 12) };

export async function listBridgeFlows(ctx: FaultContext, discovery: Discovery): Promise<FlowList> {
  const bridges = bridgesOf(discovery);
  const perBridge = await Promise.all(
    bridges.map((bridge, i) =>
      dumpFlows(ctx.config, bridge).then(
        (flows) => flows.map(onBridge(bridge, i === 0)),
        (err: unknown) => {
          // The bridge went away since the lab was last read (a lab brought down): say so, not a 500.
          const why = err instanceof CommandError ? err.stderr.trim().split("\n")[0] || err.message : String(err);
          throw new LabError("conflict", `cannot read ${bridge}'s flows (${why}); is the lab up? (POST /api/lab/up)`);
        },
      ),
    ),
  );
  return { bridge: bridges[0], ...(bridges.length > 1 ? { bridges } : {}), flows: perBridge.flat() };
}

/** Exactly the listed rule (same bridge, table, priority and match); a bridge's own NORMAL rule is kept. */
export async function deleteBridgeFlow(ctx: FaultContext, discovery: Discovery, id: string): Promise<{ deleted: FlowRule } & FlowList> {
  const { bridge: first, flows } = await listBridgeFlows(ctx, discovery);
  const flow = flows.find((f) => f.id === id);
  if (!flow) throw new LabError("notFound", `no rule "${id}" on the lab's bridges; list them again (GET /api/flows)`);
  const bridge = flow.bridge ?? first;
  if (flow.protected) throw new LabError("invalid", `that is ${bridge}'s own switching rule (priority 0, NORMAL): without it the bridge forwards nothing`);
  await deleteFlow(ctx.config, bridge, flow);
  return { deleted: flow, ...(await listBridgeFlows(ctx, discovery)) };
}

/** `<endpoint>:<hash>`: a firewall rule's id says whose it is, as an interface id does. */
const qualified = (endpoint: string, rules: FirewallRule[]) => rules.map((r) => ({ ...r, id: `${endpoint}:${r.id}` }));

/** The endpoint's own iptables filter table; the machine's own (the "host" endpoint) is not a lab's to show. */
export async function listEndpointFirewall(discovery: Discovery, endpoint: string): Promise<FirewallList> {
  const netns = ownNamespaceOf(endpointOf(labTargetOf(discovery), endpoint));
  const { policies, rules } = await listFirewall(netns);
  return { endpoint, policies, rules: qualified(endpoint, rules) };
}

export async function deleteEndpointFirewallRule(discovery: Discovery, id: string): Promise<{ deleted: FirewallRule } & FirewallList> {
  const [endpoint, hash] = id.split(":");
  const netns = ownNamespaceOf(endpointOf(labTargetOf(discovery), endpoint));
  const { rules } = await listFirewall(netns);
  const at = ruleNumber(rules, hash ?? "");
  if (!at) throw new LabError("notFound", `no firewall rule "${id}" in ${endpoint}; list them again (GET /api/endpoints/${endpoint}/firewall)`);
  const deleted = qualified(endpoint, rules).find((r) => r.id === id)!;
  await deleteFirewallRule(netns, at.chain, at.number);
  return { deleted, ...(await listEndpointFirewall(discovery, endpoint)) };
}
