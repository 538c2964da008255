import type { Edge, Node } from "@xyflow/react";
import type { BridgePort, Endpoint, LinkKind, NetInterface } from "../contracts/topology";
import type { Side } from "./layout-topology";

/** A port drawn on the bridge card, centred `offset` pixels from the card's left edge. */
export interface BridgePortChip {
  handleId: string;
  portName: string;
  iface: NetInterface | null;
  linkState: string | null;
  error: string | null;
  side: Side;
  offset: number;
  /** For a group of endpoints drawn as one card: its ports on the bridge, as one chip. */
  group?: { label: string; ports: number };
  /** What the port carries when it is not untagged: "VLAN 10", "trunk 10, 20". */
  vlan?: string;
}

/** A patch port drawn at the bridge card's left edge; the patch wire leaves a source and arrives at a target. */
export interface PatchChip {
  handleId: string;
  portName: string;
  /** `<bridge>:<port>` at the other end. */
  peer: string;
  role: "source" | "target";
  vlan?: string;
}

export type HostFrameData = {
  label: string;
  datapath: string;
  /** One host of a multi-host lab: its OVN chassis and underlay address. */
  chassis?: string;
  underlay?: string;
  /** The host's daemons that are not running (ovsdb-server, ovs-vswitchd, ovn-controller); empty when all run. */
  daemonsDown?: string[];
};
/** A tunnel port on a bridge card's side: the tunnel to another host's bridge leaves (source) or arrives (target) there. */
export interface TunnelHandle {
  handleId: string;
  role: "source" | "target";
}
export type BridgeData = {
  name: string;
  datapath: string;
  chips: BridgePortChip[];
  otherPorts: string[];
  dpdkPorts: string[];
  internalOffset: number | null;
  /** Patch ports to the lab's other bridges (absent on a one-bridge lab). */
  patches?: PatchChip[];
  /** What the card shows when not its name (a host's br_int, whose id names its host). */
  label?: string;
  /** Tunnels to other hosts' bridges (a multi-host lab). */
  tunnels?: TunnelHandle[];
};
/** A line of text on the canvas, e.g. the OVN logical switch a multi-host lab is. */
export type CaptionData = { text: string };
export type EndpointData = { endpoint: Endpoint; interfaces: NetInterface[]; handleSide: Side | "left" | "right" };
export type DpdkData = { port: BridgePort; wire: NetInterface | null };
/** Endpoints drawn as one card (many on one bridge); expanded, each member gets a small card of its own. */
export type EndpointGroupData = {
  group: { id: string; label: string };
  members: { endpoint: Endpoint; interfaces: NetInterface[] }[];
  expanded: boolean;
  handleSide: Side;
};

export type HostFrameNode = Node<HostFrameData, "hostFrame">;
export type BridgeNode = Node<BridgeData, "bridge">;
export type EndpointNode = Node<EndpointData, "endpoint">;
export type DpdkNode = Node<DpdkData, "dpdk">;
export type EndpointGroupNode = Node<EndpointGroupData, "endpointGroup">;
export type CaptionNode = Node<CaptionData, "caption">;
export type LabNode = HostFrameNode | BridgeNode | EndpointNode | DpdkNode | EndpointGroupNode | CaptionNode;

/** `serves`: the endpoints whose traffic crosses this edge, for highlighting a path. */
export type LabEdgeData = { kind: LinkKind | "internal"; serves: string[] };
export type LabEdge = Edge<LabEdgeData>;

export interface LabFlow {
  nodes: LabNode[];
  edges: LabEdge[];
}

export const nodeIds = {
  frame: "frame:host",
  /** One host's frame in a multi-host lab. */
  hostFrame: (host: string) => `frame:host:${host}`,
  caption: "caption:lab",
  bridge: (name: string) => `bridge:${name}`,
  endpoint: (name: string) => `endpoint:${name}`,
  dpdk: (port: string) => `dpdk:${port}`,
};

export const BRIDGE_INTERNAL_HANDLE = "bridge-internal";
export const DPDK_PORT_HANDLE = "dpdk-port";
/** A group card's one handle: its members' veths drawn as one wire to the bridge. */
export const GROUP_HANDLE = "group";
