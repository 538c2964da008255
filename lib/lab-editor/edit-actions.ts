import { isNoImpairment, type Impairment } from "../contracts/impairment";
import type { OffloadFeature } from "../contracts/offload";
import { bridgeOf, draftBridges, type DraftBridge, type DraftEndpoint, type LabDraft } from "./lab-draft";
import { nextBridgeName, nextFreeAddress, nextFreeName } from "./next-free";

/** An edit that cannot be made as asked, in words for the page. */
export class EditRefused extends Error {
  override name = "EditRefused";
}

export type EndpointKind = DraftEndpoint["kind"];

/** Edits never change the draft they are given: each works on a copy. */
const copy = (draft: LabDraft): LabDraft => structuredClone(draft);

function findEndpoint(draft: LabDraft, name: string): DraftEndpoint {
  const e = draft.endpoints.find((x) => x.name === name);
  if (!e) throw new EditRefused(`no endpoint "${name}" in this lab`);
  return e;
}

function findBridge(draft: LabDraft, name: string): DraftBridge {
  const b = draftBridges(draft).find((x) => x.name === name);
  if (!b) throw new EditRefused(`no bridge "${name}" in this lab`);
  return b;
}

/** A container (`c1`, `c2`, …) or namespace (`n1`, …) with the next free address, on `bridge` (default: the first). */
export function addEndpoint(draft: LabDraft, kind: EndpointKind, bridge?: string): { draft: LabDraft; name: string } {
  const address = nextFreeAddress(draft);
  if (!address) throw new EditRefused("no free address: give the first bridge an address in a /24, or free one");
  const next = copy(draft);
  const name = nextFreeName(kind === "container" ? "c" : "n", next.endpoints.map((e) => e.name));
  const endpoint: DraftEndpoint = { name, kind, address };
  if (bridge !== undefined && bridge !== next.bridge.name) endpoint.bridge = findBridge(next, bridge).name;
  next.endpoints.push(endpoint);
  return { draft: next, name };
}

export function removeEndpoint(draft: LabDraft, name: string): LabDraft {
  findEndpoint(draft, name);
  const next = copy(draft);
  next.endpoints = next.endpoints.filter((e) => e.name !== name);
  return next;
}

/** Another OVS bridge, `<lab>_br2`…; it carries no address (only the first does). */
export function addBridge(draft: LabDraft): { draft: LabDraft; name: string } {
  if (draft.bridge.kind === "linux") throw new EditRefused("a Linux bridge lab has one bridge; make the first bridge an OVS bridge first");
  const next = copy(draft);
  const name = nextBridgeName(next);
  next.otherBridges = [...(next.otherBridges ?? []), { name, datapath: next.bridge.datapath ?? "netdev" }];
  return { draft: next, name };
}

/** Removes a bridge other than the first: its endpoints move to the first bridge, its links go. */
export function removeBridge(draft: LabDraft, name: string): LabDraft {
  findBridge(draft, name);
  if (name === draft.bridge.name) throw new EditRefused("the first bridge carries the host's address and cannot be removed; start a new lab instead");
  const next = copy(draft);
  next.otherBridges = (next.otherBridges ?? []).filter((b) => b.name !== name);
  if (!next.otherBridges.length) delete next.otherBridges;
  for (const e of next.endpoints) if (e.bridge === name) delete e.bridge;
  next.links = (next.links ?? []).filter((l) => !l.between.includes(name));
  if (!next.links.length) delete next.links;
  return next;
}

/** Puts the endpoint's port on `bridge` (the first bridge is where an endpoint naming none is). */
export function connectEndpoint(draft: LabDraft, endpoint: string, bridge: string): LabDraft {
  findEndpoint(draft, endpoint);
  findBridge(draft, bridge);
  const next = copy(draft);
  const e = findEndpoint(next, endpoint);
  if (bridge === next.bridge.name) delete e.bridge;
  else e.bridge = bridge;
  return next;
}

const samePair = (between: readonly string[], a: string, b: string) => (between[0] === a && between[1] === b) || (between[0] === b && between[1] === a);

/** A pair of patch ports between two OVS bridges. */
export function addPatchLink(draft: LabDraft, a: string, b: string): LabDraft {
  findBridge(draft, a);
  findBridge(draft, b);
  if (a === b) throw new EditRefused("a patch link joins two different bridges");
  if ((draft.links ?? []).some((l) => samePair(l.between, a, b))) throw new EditRefused(`${a} and ${b} are already joined`);
  const next = copy(draft);
  next.links = [...(next.links ?? []), { kind: "patch", between: [a, b] }];
  return next;
}

export function removePatchLink(draft: LabDraft, a: string, b: string): LabDraft {
  const next = copy(draft);
  next.links = (next.links ?? []).filter((l) => !samePair(l.between, a, b));
  if (!next.links.length) delete next.links;
  return next;
}

/** What the endpoint panel edits; `undefined` clears an optional field (vlan, trunks, mtu). */
export interface EndpointFields {
  name?: string;
  kind?: EndpointKind;
  address?: string;
  vlan?: number | undefined;
  trunks?: number[] | undefined;
  mtu?: number | undefined;
}

const OPTIONAL_ENDPOINT_FIELDS = ["vlan", "trunks", "mtu"] as const;

export function setEndpointFields(draft: LabDraft, name: string, fields: EndpointFields): LabDraft {
  findEndpoint(draft, name);
  const next = copy(draft);
  const e = findEndpoint(next, name);
  if (fields.name !== undefined) e.name = fields.name;
  if (fields.kind !== undefined) e.kind = fields.kind;
  if (fields.address !== undefined) e.address = fields.address;
  for (const f of OPTIONAL_ENDPOINT_FIELDS) {
    if (!(f in fields)) continue;
    const value = fields[f];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete e[f];
    else (e as Record<string, unknown>)[f] = value;
  }
  return next;
}

/** An offload default: on, off, or `undefined` to leave the feature as the kernel makes it. */
export function setEndpointOffload(draft: LabDraft, name: string, feature: OffloadFeature, on: boolean | undefined): LabDraft {
  findEndpoint(draft, name);
  const next = copy(draft);
  const e = findEndpoint(next, name);
  const offload = { ...(e.offload ?? {}) };
  if (on === undefined) delete offload[feature];
  else offload[feature] = on;
  if (Object.keys(offload).length) e.offload = offload;
  else delete e.offload;
  return next;
}

/** The link's impairment (delay, jitter, loss, rate); null or one that changes nothing clears it. */
export function setEndpointImpairment(draft: LabDraft, name: string, impairment: Impairment | null): LabDraft {
  findEndpoint(draft, name);
  const next = copy(draft);
  const e = findEndpoint(next, name);
  if (isNoImpairment(impairment)) delete e.impair;
  else e.impair = { ...impairment! };
  return next;
}

export interface BridgeFields {
  name?: string;
  kind?: "ovs" | "linux";
  datapath?: "netdev" | "system";
  /** The first bridge's only. */
  address?: string | undefined;
}

/** A bridge's fields; a new name follows into the endpoints and links that name it. */
export function setBridgeFields(draft: LabDraft, name: string, fields: BridgeFields): LabDraft {
  findBridge(draft, name);
  const next = copy(draft);
  const b = findBridge(next, name);
  if (fields.kind !== undefined) {
    if (fields.kind === "ovs") delete b.kind;
    else b.kind = fields.kind;
  }
  if (fields.datapath !== undefined) b.datapath = fields.datapath;
  if ("address" in fields) {
    if (fields.address) b.address = fields.address;
    else delete b.address;
  }
  if (fields.name !== undefined && fields.name !== name) {
    b.name = fields.name;
    for (const e of next.endpoints) if (e.bridge === name) e.bridge = fields.name;
    for (const l of next.links ?? []) l.between = l.between.map((x) => (x === name ? fields.name! : x)) as [string, string];
  }
  return next;
}

/** The bridge's OpenFlow rules, one per entry; blank entries are dropped. */
export function setBridgeFlows(draft: LabDraft, name: string, flows: readonly string[]): LabDraft {
  findBridge(draft, name);
  const next = copy(draft);
  const b = findBridge(next, name);
  const kept = flows.map((f) => f.trim()).filter((f) => f !== "");
  if (kept.length) b.flows = kept;
  else delete b.flows;
  return next;
}

/** Rules as text, one per line (`#` lines are comments), as a file or a textarea holds them. */
export function flowsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** The endpoints on a bridge, in the draft's order. */
export function endpointsOn(draft: LabDraft, bridge: string): string[] {
  return draft.endpoints.filter((e) => bridgeOf(draft, e) === bridge).map((e) => e.name);
}
