import { z } from "zod";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "../contracts/offload";
import { ipv4Range, rangesOverlap } from "./ipv4-cidr";
import { impairmentSchema } from "../contracts/impairment-inputs";

export const LAB_ID_PATTERN = /^[a-z][a-z0-9]{0,5}$/;
export const ENDPOINT_NAME_PATTERN = /^[a-z][a-z0-9]{0,7}$/;
export const HOST_NAME_PATTERN = /^[a-z][a-z0-9]{0,5}$/;
export const OVS_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,14}$/;
const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/([1-9]|[12]\d|3[0-2])$/;
/** An ovs-ofctl flow as text: printable, no control characters (it is one argv element, never a shell word). */
const FLOW_TEXT = /^[\x20-\x7e]{1,500}$/;

const offloadSettings = z
  .object(Object.fromEntries(OFFLOAD_FEATURE_NAMES.map((f) => [f, z.boolean().optional()])) as Record<
    OffloadFeature,
    z.ZodOptional<z.ZodBoolean>
  >)
  .strict();

const ovsName = (what: string) => z.string().regex(OVS_NAME_PATTERN, `${what}: a letter, then letters, digits or _, 15 at most`);
const vlanId = z.number().int().min(1, "a VLAN id from 1 to 4094").max(4094, "a VLAN id from 1 to 4094");

const attachment = z.discriminatedUnion("via", [
  z.object({ via: z.literal("veth") }).strict(),
  z.object({ via: z.literal("dpdk"), port: ovsName("an OVS port name") }).strict(),
]);

const endpoint = z
  .object({
    name: z.string().regex(ENDPOINT_NAME_PATTERN, "a lower-case letter, then up to 7 lower-case letters or digits"),
    kind: z.enum(["container", "netns"]),
    address: z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.55.66.8/24"),
    attach: attachment.default({ via: "veth" }),
    offload: offloadSettings.default({}),
    /** Version 2: the bridge this endpoint's port is on (the first bridge when absent). */
    bridge: ovsName("a bridge name").optional(),
    /** Version 2: an access port in this VLAN. */
    vlan: vlanId.optional(),
    /** Version 2: a trunk port carrying these VLANs (tagged) to the endpoint. */
    trunks: z.array(vlanId).min(1).max(64).optional(),
    /** Version 2: the MTU of both ends of the endpoint's link. */
    mtu: z.number().int().min(68, "an MTU from 68 to 9000").max(9000, "an MTU from 68 to 9000").optional(),
    /** Version 2: delay, jitter, loss and rate on the endpoint's link (see server/impair). */
    impair: impairmentSchema.optional(),
    /** A multi-host lab: the host this endpoint runs on (one of `hosts`). */
    host: z.string().regex(HOST_NAME_PATTERN, "a host name: a lower-case letter, then up to 5 lower-case letters or digits").optional(),
  })
  .strict();

/** A host of a multi-host (OVN) lab: simulated on one machine as a namespace with its own OVS and ovn-controller. */
const hostSpec = z
  .object({
    name: z.string().regex(HOST_NAME_PATTERN, "a lower-case letter, then up to 5 lower-case letters or digits"),
    /** The host's address on the underlay, where its Geneve tunnels end. */
    underlay: z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.77.211.1/24"),
    datapath: z.literal("netdev", "only the userspace datapath (netdev) is implemented for hosts").default("netdev"),
    /** The host's ovs-vswitchd is the DPDK build (its own EAL file prefix and hugepages): endpoints may attach by a DPDK port. */
    dpdk: z.boolean().optional(),
    /**
     * How ovs-lab reaches the host's OVSDB: `unix`, its local socket (the default), or `tcp`, as a real
     * host's would be reached: its ovsdb-server listens on port 6640 at its underlay address, and its
     * ovn-controller reaches OVN's southbound database over TCP too (docs/multi-host.md).
     */
    ovsdb: z.enum(["unix", "tcp"], "unix or tcp").optional(),
  })
  .strict();

const bridgeSpec = z
  .object({
    name: ovsName("a bridge name"),
    /** "linux": the whole lab on a kernel bridge instead of OVS (the A/B comparison); one bridge only. */
    kind: z.enum(["ovs", "linux"]).optional(),
    datapath: z.enum(["netdev", "system"]).default("netdev"),
    address: z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.55.66.1/24").optional(),
    offload: offloadSettings.default({}),
    /** Version 2: OpenFlow rules added after the bridge, in ovs-ofctl's syntax; NORMAL stays the lowest rule. */
    flows: z
      .array(
        z
          .string()
          .regex(FLOW_TEXT, "an OpenFlow rule in ovs-ofctl syntax on one line, e.g. priority=100,tcp,tp_dst=80,actions=drop")
          .refine((f) => !/cookie\s*=/.test(f), "leave the cookie out: ovs-lab marks the rules of a spec with its own"),
      )
      .max(200)
      .optional(),
  })
  .strict();

/** Version 2: two OVS bridges joined by a pair of patch ports (a trunk of every VLAN). */
const bridgeLink = z
  .object({
    kind: z.literal("patch").default("patch"),
    between: z.tuple([ovsName("a bridge name"), ovsName("a bridge name")]),
  })
  .strict();

const specFields = z
  .object({
    version: z.union([z.literal(1), z.literal(2)]).optional(),
    id: z.string().regex(LAB_ID_PATTERN, "a lower-case letter, then up to 5 lower-case letters or digits"),
    title: z.string().max(200).default(""),
    description: z.string().max(4000).default(""),
    /** The first bridge: it carries the host endpoint's address. */
    bridge: bridgeSpec,
    /** Version 2: the lab's other bridges (a file lists every bridge under `bridges:`; see normalizeBridges). */
    otherBridges: z.array(bridgeSpec).max(15).optional(),
    links: z.array(bridgeLink).max(32).optional(),
    // 250: one /24 holds that many besides the bridge's own address and a few reserved ones.
    endpoints: z.array(endpoint).max(250),
    /** A multi-host lab: one OVN logical switch spanning these hosts (see docs/multi-host.md). */
    hosts: z.array(hostSpec).min(1).max(8).optional(),
    /**
     * A multi-host lab over several networks: one logical switch per gateway's network, joined by an
     * OVN logical router that has each gateway's address; endpoints route through their network's gateway.
     */
    router: z
      .object({ gateways: z.array(z.string().regex(IPV4_CIDR, "an IPv4 address with prefix, e.g. 10.55.68.1/24")).min(2, "a router joins two networks or more").max(8) })
      .strict()
      .optional(),
  })
  .strict();

/**
 * The integration bridge every host of a multi-host lab has (ovn-controller makes it, told its name by
 * external_ids:ovn-bridge): the spec's `bridge`. br_int, not OVN's default br-int: a spec's bridge names have no "-".
 */
export const MULTI_HOST_BRIDGE = { name: "br_int", datapath: "netdev", offload: {} } as const;

/**
 * A version-2 file lists every bridge under `bridges:`; the first becomes `bridge` (what version 1
 * calls it, and what the rest of ovs-lab reads), the rest `otherBridges`. A spec already in that
 * form (a snapshot's JSON) passes as it is.
 */
function normalizeBridges(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  // A multi-host lab's switch is OVN's: its `bridge` is each host's br_int, filled in when not written.
  if ("hosts" in input && !("bridge" in input) && !("bridges" in input)) return { ...input, bridge: { ...MULTI_HOST_BRIDGE } };
  if (!("bridges" in input)) return input;
  const { bridges, ...rest } = input as Record<string, unknown>;
  if ("bridge" in rest || "otherBridges" in rest) return { ...rest, bridges }; // refused below, naming the field
  if (!Array.isArray(bridges) || bridges.length === 0) return { ...rest, bridges };
  // One bridge is a one-bridge lab, exactly as version 1 writes it.
  return { ...rest, bridge: bridges[0], ...(bridges.length > 1 ? { otherBridges: bridges.slice(1) } : {}) };
}

export const labSpecSchema = z.preprocess(
  normalizeBridges,
  specFields
    .extend({ bridges: z.never({ message: "give every bridge under `bridges:` (version 2) or the one bridge under `bridge:` (version 1), not both; `bridges:` needs at least one" }).optional() })
    .strict()
    .superRefine(checkSpec)
    .transform(({ bridges: _none, ...spec }) => spec),
);

type SpecFields = z.infer<typeof specFields>;

function checkSpec(spec: SpecFields, ctx: z.RefinementCtx): void {
  if (spec.hosts) return checkMultiHost(spec, spec.hosts, ctx);
  if (spec.router) ctx.addIssue({ code: "custom", path: ["router"], message: "a logical router joins the networks of a multi-host (OVN) lab: list the lab's `hosts`, or leave `router` out" });
  const addresses = new Set<string>(spec.bridge.address ? [spec.bridge.address.split("/")[0]] : []);
  const bridges = labBridges(spec);
  const bridgeNames = new Set<string>();
  const bridgePath = (i: number) => (i === 0 ? ["bridge"] : ["otherBridges", i - 1]);
  bridges.forEach((b, i) => {
    if (bridgeNames.has(b.name)) ctx.addIssue({ code: "custom", path: [...bridgePath(i), "name"], message: `bridge "${b.name}" is named twice` });
    bridgeNames.add(b.name);
    if (i > 0 && b.address) ctx.addIssue({ code: "custom", path: [...bridgePath(i), "address"], message: "only the first bridge has an address (it is the host endpoint)" });
    if (b.kind === "linux" && bridges.length > 1) ctx.addIssue({ code: "custom", path: [...bridgePath(i), "kind"], message: "a Linux bridge lab has one bridge; join OVS bridges with patch links" });
    if (b.kind === "linux" && b.flows?.length) ctx.addIssue({ code: "custom", path: [...bridgePath(i), "flows"], message: "a Linux bridge has no OpenFlow rules" });
  });
  checkEndpointNames(spec, ctx, addresses);
  spec.endpoints.forEach((e, i) => {
    const at = (field: string) => ["endpoints", i, field];
    if (e.host !== undefined) ctx.addIssue({ code: "custom", path: at("host"), message: "`host` needs a multi-host lab: list the lab's `hosts`" });
    if (e.name === "host") ctx.addIssue({ code: "custom", path: at("name"), message: '"host" is the bridge\'s own endpoint' });
    if (e.bridge !== undefined && !bridgeNames.has(e.bridge))
      ctx.addIssue({ code: "custom", path: at("bridge"), message: `no bridge "${e.bridge}" in this lab; bridges: ${[...bridgeNames].join(", ")}` });
    if (e.vlan !== undefined && e.trunks) ctx.addIssue({ code: "custom", path: at("trunks"), message: "a port is an access port (vlan) or a trunk (trunks), not both" });
    const kind = bridges.find((b) => b.name === (e.bridge ?? spec.bridge.name))?.kind;
    if (kind === "linux" && (e.vlan !== undefined || e.trunks)) ctx.addIssue({ code: "custom", path: at(e.trunks ? "trunks" : "vlan"), message: "VLAN ports are an OVS setting; the Linux bridge here is untagged" });
  });
  const dpdkPorts = spec.endpoints.flatMap((e) => (e.attach.via === "dpdk" ? [e.attach.port] : []));
  if (new Set(dpdkPorts).size !== dpdkPorts.length) ctx.addIssue({ code: "custom", path: ["endpoints"], message: "two endpoints use the same DPDK port" });
  const pairs = new Set<string>();
  (spec.links ?? []).forEach((l, i) => {
    l.between.forEach((name, side) => {
      if (!bridgeNames.has(name)) ctx.addIssue({ code: "custom", path: ["links", i, "between", side], message: `no bridge "${name}" in this lab; bridges: ${[...bridgeNames].join(", ")}` });
    });
    if (l.between[0] === l.between[1]) ctx.addIssue({ code: "custom", path: ["links", i, "between"], message: "a link joins two different bridges" });
    const key = [...l.between].sort().join(" ");
    if (pairs.has(key)) ctx.addIssue({ code: "custom", path: ["links", i, "between"], message: `${l.between.join(" and ")} are joined twice` });
    pairs.add(key);
  });
}

/** Names and addresses once each (shared by both kinds of lab). */
function checkEndpointNames(spec: SpecFields, ctx: z.RefinementCtx, addresses: Set<string>): void {
  const names = new Set<string>();
  spec.endpoints.forEach((e, i) => {
    const at = (field: string) => ["endpoints", i, field];
    if (names.has(e.name)) ctx.addIssue({ code: "custom", path: at("name"), message: `"${e.name}" is used twice` });
    names.add(e.name);
    const ip = e.address.split("/")[0];
    if (addresses.has(ip)) ctx.addIssue({ code: "custom", path: at("address"), message: `${ip} is used twice` });
    addresses.add(ip);
    if (`${spec.id}-${e.name}`.length > 15)
      ctx.addIssue({ code: "custom", path: at("name"), message: "lab id + endpoint name must fit 14 characters (a Linux interface name)" });
  });
}

/**
 * A multi-host lab is one OVN logical switch over the hosts: what a single host's bridges do
 * (several bridges, patch links, VLANs, OpenFlow rules) is refused, naming the field, rather than ignored.
 */
function checkMultiHost(spec: SpecFields, hosts: NonNullable<SpecFields["hosts"]>, ctx: z.RefinementCtx): void {
  const b = spec.bridge;
  if (b.name !== MULTI_HOST_BRIDGE.name || b.kind === "linux" || b.address || spec.otherBridges?.length)
    ctx.addIssue({ code: "custom", path: ["bridges"], message: "a multi-host lab is one OVN logical switch: leave `bridges` out (each host's switch is br_int)" });
  if (b.flows?.length) ctx.addIssue({ code: "custom", path: ["bridges", 0, "flows"], message: "`flows` are not available in a multi-host lab (OVN writes br_int's rules)" });
  if (spec.links?.length) ctx.addIssue({ code: "custom", path: ["links"], message: "a multi-host lab has no patch links (one OVN logical switch)" });
  const hostNames = new Set<string>();
  const underlays = new Set<string>();
  hosts.forEach((h, i) => {
    if (hostNames.has(h.name)) ctx.addIssue({ code: "custom", path: ["hosts", i, "name"], message: `host "${h.name}" is named twice` });
    hostNames.add(h.name);
    const ip = h.underlay.split("/")[0];
    if (underlays.has(ip)) ctx.addIssue({ code: "custom", path: ["hosts", i, "underlay"], message: `${ip} is used twice` });
    underlays.add(ip);
  });
  checkEndpointNames(spec, ctx, new Set());
  spec.endpoints.forEach((e, i) => {
    const at = (field: string) => ["endpoints", i, field];
    if (e.host === undefined) ctx.addIssue({ code: "custom", path: at("host"), message: `every endpoint of a multi-host lab names its host; hosts: ${[...hostNames].join(", ")}` });
    else if (!hostNames.has(e.host)) ctx.addIssue({ code: "custom", path: at("host"), message: `no host "${e.host}" in this lab; hosts: ${[...hostNames].join(", ")}` });
    for (const field of ["bridge", "vlan", "trunks", "impair"] as const)
      if (e[field] !== undefined) ctx.addIssue({ code: "custom", path: at(field), message: `\`${field}\` is not available in a multi-host lab yet (one OVN logical switch, no VLANs)` });
    const host = hosts.find((h) => h.name === e.host);
    if (e.attach.via === "dpdk" && host && !host.dpdk)
      ctx.addIssue({ code: "custom", path: at("attach"), message: `a DPDK port needs its host to run the DPDK build: set \`dpdk: true\` on host "${host.name}"` });
  });
  const dpdkPorts = spec.endpoints.flatMap((e) => (e.attach.via === "dpdk" ? [e.attach.port] : []));
  if (new Set(dpdkPorts).size !== dpdkPorts.length) ctx.addIssue({ code: "custom", path: ["endpoints"], message: "two endpoints use the same DPDK port" });
  checkNetworks(spec, ctx);
  checkTcpUnderlay(hosts, ctx);
}

/**
 * Hosts reached over TCP are reached from a management address this machine takes on their underlay
 * network (the highest one no host uses): they share that network, and it has an address to spare.
 */
function checkTcpUnderlay(hosts: NonNullable<SpecFields["hosts"]>, ctx: z.RefinementCtx): void {
  if (!hosts.some((h) => h.ovsdb === "tcp")) return;
  const network = ipv4Range(hosts[0].underlay);
  if (!network) return;
  hosts.forEach((h, i) => {
    const mine = ipv4Range(h.underlay);
    if (mine && mine.cidr !== network.cidr)
      ctx.addIssue({ code: "custom", path: ["hosts", i, "underlay"], message: `${h.underlay} is not in ${network.cidr} like host ${hosts[0].name}: hosts reached over TCP share one underlay network` });
  });
  // Usable addresses: all but the network's and the broadcast address.
  if (network.last - network.first - 1 <= hosts.length)
    ctx.addIssue({ code: "custom", path: ["hosts", 0, "underlay"], message: `${network.cidr} has no address left for this machine to reach the hosts over TCP (ovsdb: tcp): use a shorter prefix` });
}

/**
 * Without a router every endpoint is on the one logical switch, in one network; with one, each gateway
 * names a network of its own and every endpoint is in one of them (its gateway's address is not its own).
 */
function checkNetworks(spec: SpecFields, ctx: z.RefinementCtx): void {
  const gateways = spec.router?.gateways ?? [];
  const networks = gateways.map((g) => ipv4Range(g));
  gateways.forEach((g, i) => {
    const mine = networks[i];
    if (mine && networks.some((other, j) => j < i && other && rangesOverlap(mine, other)))
      ctx.addIssue({ code: "custom", path: ["router", "gateways", i], message: `${g} is in a network another gateway already has: each gateway is a network of its own` });
  });
  const gatewayIps = new Set(gateways.map((g) => g.split("/")[0]));
  const first = spec.endpoints[0] && ipv4Range(spec.endpoints[0].address);
  spec.endpoints.forEach((e, i) => {
    const range = ipv4Range(e.address);
    if (!range) return;
    if (gateways.length === 0) {
      if (first && range.cidr !== first.cidr)
        ctx.addIssue({ code: "custom", path: ["endpoints", i, "address"], message: `${e.address} is not in ${first.cidr} like ${spec.endpoints[0].name}: one logical switch is one network; endpoints in several networks need a \`router\` with a gateway in each` });
      return;
    }
    if (gatewayIps.has(e.address.split("/")[0])) ctx.addIssue({ code: "custom", path: ["endpoints", i, "address"], message: `${e.address.split("/")[0]} is a gateway of the router` });
    if (!networks.some((n) => n && n.cidr === range.cidr))
      ctx.addIssue({ code: "custom", path: ["endpoints", i, "address"], message: `${e.address} is in none of the router's networks (${networks.flatMap((n) => (n ? [n.cidr] : [])).join(", ")})` });
  });
}

export type LabSpec = z.infer<typeof labSpecSchema>;
export type LabSpecInput = z.input<typeof specFields>;
export type EndpointSpec = LabSpec["endpoints"][number];
export type HostSpec = NonNullable<LabSpec["hosts"]>[number];
export type BridgeSpec = LabSpec["bridge"];
export type BridgeLinkSpec = NonNullable<LabSpec["links"]>[number];

// Version 2's fields have no defaults: a version-1 file parses, and exports, exactly as it was.

/** Every bridge of a lab, the first (the host's) first. */
export function labBridges(spec: Pick<LabSpec, "bridge" | "otherBridges">): BridgeSpec[] {
  return [spec.bridge, ...(spec.otherBridges ?? [])];
}

/** The bridge an endpoint's port is on: the one it names, else the first. */
export function endpointBridge(spec: Pick<LabSpec, "bridge">, endpoint: Pick<EndpointSpec, "bridge">): string {
  return endpoint.bridge ?? spec.bridge.name;
}

/** One line per problem: `endpoints.1.address: an IPv4 address with prefix`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
