import type { BridgeSpec, EndpointSpec, LabSpec, LabSpecInput } from "../lab-spec/schema";

/**
 * The lab being edited: a lab spec as a file states it (defaults may be absent), always with every
 * bridge's and endpoint's optional lists present where the editor reads them. Edits make a new draft.
 */
export type LabDraft = LabSpecInput;
export type DraftEndpoint = LabDraft["endpoints"][number];
export type DraftBridge = LabDraft["bridge"];
export type DraftLink = NonNullable<LabDraft["links"]>[number];

/** What a "New lab" form asks: the lab id, its first bridge's name and the /24 it numbers from. */
export interface NewLabChoice {
  id: string;
  bridgeName: string;
  /** `10.77.141.0/24` or `10.77.141` */
  subnet: string;
}

/** The three first octets of a /24 given as `a.b.c`, `a.b.c.0/24` or any address in it. */
export function subnetPrefix(subnet: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\.\d{1,3})?(?:\/24)?$/.exec(subnet.trim());
  if (!m || m.slice(1).some((o) => Number(o) > 255)) return null;
  return m.slice(1, 4).join(".");
}

/** A lab with one bridge (which carries the host's address, .1) and nothing else: the empty canvas. */
export function newLabDraft(choice: NewLabChoice): LabDraft {
  const prefix = subnetPrefix(choice.subnet) ?? choice.subnet;
  return {
    version: 2,
    id: choice.id,
    title: "",
    description: "",
    bridge: { name: choice.bridgeName, datapath: "netdev", address: `${prefix}.1/24` },
    endpoints: [],
  };
}

/** The defaults a "New lab" form starts from, next to the lab being looked at. */
export function suggestNewLab(existingIds: readonly string[]): NewLabChoice {
  let n = 1;
  while (existingIds.includes(`lab${n}`)) n++;
  return { id: `lab${n}`, bridgeName: `lab${n}_br`, subnet: `10.77.${(200 + n) % 256}.0/24` };
}

/** A running lab's spec as a draft: a deep copy, so edits never touch what the page read. */
export function draftOf(spec: LabSpec | LabDraft): LabDraft {
  return structuredClone(spec) as LabDraft;
}

/** Every bridge of the draft, the first (the host's) first. */
export function draftBridges(draft: LabDraft): DraftBridge[] {
  return [draft.bridge, ...(draft.otherBridges ?? [])];
}

/** The bridge an endpoint's port is on: the one it names, else the first. */
export function bridgeOf(draft: LabDraft, endpoint: Pick<DraftEndpoint, "bridge">): string {
  return endpoint.bridge ?? draft.bridge.name;
}

export type { BridgeSpec, EndpointSpec };
