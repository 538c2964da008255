import { endpointBridge, labBridges, type BridgeSpec, type EndpointSpec, type LabSpec } from "../lab-spec/schema";

/** The matrix's name of the bridge's own endpoint (the host, on the first bridge's address). */
export const HOST_ENDPOINT = "host";

export interface SpecDiff {
  /** The draft is another lab (another id): bringing it up makes a new lab, every pair is new. */
  newLab: boolean;
  endpoints: { added: string[]; removed: string[]; changed: { name: string; fields: string[] }[] };
  bridges: { added: string[]; removed: string[]; changed: { name: string; fields: string[] }[] };
  links: { added: string[]; removed: string[] };
  /** The title or description differ. */
  retitled: boolean;
  /** Nothing differs. */
  empty: boolean;
  /** The ordered pairs whose results may differ after the change: what the matrix tests again. */
  retestPairs: [string, string][];
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const linkKey = (between: readonly string[]) => [...between].sort().join(" ↔ ");

/** Fields of two records that differ, by their JSON (`bridge` compared as where the port is). */
function changedFields<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((k) => json(before[k]) !== json(after[k])).map(String);
}

const ENDPOINT_FIELDS = ["kind", "address", "attach", "offload", "bridge", "vlan", "trunks", "mtu", "impair"] as const;
const BRIDGE_FIELDS = ["kind", "datapath", "address", "offload", "flows"] as const;

function diffByName<T extends { name: string }>(before: T[], after: T[], fields: (a: T, b: T) => string[]) {
  const old = new Map(before.map((x) => [x.name, x]));
  const now = new Map(after.map((x) => [x.name, x]));
  return {
    added: after.filter((x) => !old.has(x.name)).map((x) => x.name),
    removed: before.filter((x) => !now.has(x.name)).map((x) => x.name),
    changed: after.flatMap((x) => {
      const was = old.get(x.name);
      const f = was ? fields(was, x) : [];
      return f.length ? [{ name: x.name, fields: f }] : [];
    }),
  };
}

/** The probe endpoints of a lab: the host (when the first bridge has an address), then every endpoint. */
export function probeNames(spec: LabSpec): string[] {
  return [...(spec.bridge.address ? [HOST_ENDPOINT] : []), ...spec.endpoints.map((e) => e.name)];
}

/** Every ordered pair of `names` with at least one end in `touched`. */
export function pairsTouching(names: readonly string[], touched: ReadonlySet<string>): [string, string][] {
  return names.flatMap((a) => names.filter((b) => b !== a && (touched.has(a) || touched.has(b))).map((b): [string, string] => [a, b]));
}

/**
 * What bringing `draft` up changes in the lab that runs `running` (null: none runs), and which pairs to
 * test again: those with a new or changed endpoint; every pair through a bridge whose settings changed
 * (its flows, kind, datapath), and every pair at all when bridges or links were added or removed
 * (a path between two bridges may now exist, or not).
 */
export function diffSpecs(running: LabSpec | null, draft: LabSpec): SpecDiff {
  const newLab = running === null || running.id !== draft.id;
  const before = newLab ? null : running;
  const endpointFields = (a: EndpointSpec, b: EndpointSpec) =>
    changedFields({ ...a, bridge: endpointBridge(before!, a) }, { ...b, bridge: endpointBridge(draft, b) }, ENDPOINT_FIELDS);
  const endpoints = diffByName(before?.endpoints ?? [], draft.endpoints, endpointFields);
  const bridges = diffByName<BridgeSpec>(before ? labBridges(before) : [], labBridges(draft), (a, b) => changedFields(a, b, BRIDGE_FIELDS));
  const oldLinks = new Set((before?.links ?? []).map((l) => linkKey(l.between)));
  const newLinks = new Set((draft.links ?? []).map((l) => linkKey(l.between)));
  const links = { added: [...newLinks].filter((k) => !oldLinks.has(k)), removed: [...oldLinks].filter((k) => !newLinks.has(k)) };

  const names = probeNames(draft);
  const touched = new Set<string>([...endpoints.added, ...endpoints.changed.map((c) => c.name)]);
  const everything = newLab || bridges.added.length > 0 || bridges.removed.length > 0 || links.added.length > 0 || links.removed.length > 0;
  for (const b of bridges.changed) {
    if (b.name === draft.bridge.name) touched.add(HOST_ENDPOINT);
    for (const e of draft.endpoints) if (endpointBridge(draft, e) === b.name) touched.add(e.name);
  }
  // A host whose address changed is a changed endpoint too.
  if (before && json(before.bridge.address) !== json(draft.bridge.address)) touched.add(HOST_ENDPOINT);
  const retestPairs = everything ? pairsTouching(names, new Set(names)) : pairsTouching(names, touched);
  const retitled = !newLab && json([before?.title, before?.description]) !== json([draft.title, draft.description]);
  const empty =
    !newLab && !retitled &&
    [endpoints.added, endpoints.removed, endpoints.changed, bridges.added, bridges.removed, bridges.changed, links.added, links.removed].every((l) => l.length === 0);
  return { newLab, endpoints, bridges, links, retitled, empty, retestPairs };
}

/** "2 endpoints added (c3, n1), 1 changed (c1: vlan), 1 link added": what Apply will do, in words. */
export function describeDiff(diff: SpecDiff): string[] {
  if (diff.newLab) return ["a new lab: everything is built and every pair tested"];
  const lines: string[] = [];
  const list = (what: string, verb: string, names: string[]) => names.length && lines.push(`${what} ${verb}: ${names.join(", ")}`);
  list("endpoints", "added", diff.endpoints.added);
  list("endpoints", "removed", diff.endpoints.removed);
  list("endpoints", "changed", diff.endpoints.changed.map((c) => `${c.name} (${c.fields.join(", ")})`));
  list("bridges", "added", diff.bridges.added);
  list("bridges", "removed", diff.bridges.removed);
  list("bridges", "changed", diff.bridges.changed.map((c) => `${c.name} (${c.fields.join(", ")})`));
  list("patch links", "added", diff.links.added);
  list("patch links", "removed", diff.links.removed);
  if (diff.retitled) lines.push("title or description changed");
  if (!lines.length && diff.empty) lines.push("nothing changed");
  return lines;
}
