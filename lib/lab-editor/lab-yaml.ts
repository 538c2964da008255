import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import type { Impairment } from "../contracts/impairment";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "../contracts/offload";
import { labBridges, type BridgeSpec, type EndpointSpec, type LabSpec } from "../lab-spec/schema";

/**
 * A lab spec as a version-2 file: `version: 2`, every bridge under `bridges:`, keys always in the same
 * order, defaults left out (a veth attachment, empty offload, an empty title), short lists and maps on one
 * line. One change in the lab is one changed line in the file: diffs read well. It parses back to the spec.
 */
export function labSpecToYaml(spec: LabSpec): string {
  const doc = new Document(fileObject(spec));
  // Short maps and lists on one line; flow rules stay one to a line, as ovs-ofctl prints them.
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (ONE_LINE.has(key) && (isMap(pair.value) || isSeq(pair.value))) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The file's name for a lab: `<id>.yaml`. */
export const labFileName = (spec: Pick<LabSpec, "id">) => `${spec.id}.yaml`;

function fileObject(spec: LabSpec): Record<string, unknown> {
  return omitEmpty({
    version: 2,
    id: spec.id,
    title: spec.title || undefined,
    description: spec.description || undefined,
    // A multi-host lab's switch is OVN's (each host's br_int): its hosts, no bridges.
    hosts: spec.hosts?.map((h) => omitEmpty({ name: h.name, underlay: h.underlay, datapath: h.datapath === "netdev" ? undefined : h.datapath, dpdk: h.dpdk, ovsdb: h.ovsdb })),
    router: spec.router ? { gateways: [...spec.router.gateways] } : undefined,
    bridges: spec.hosts ? undefined : labBridges(spec).map(bridgeObject),
    links: spec.links?.length ? spec.links.map((l) => ({ kind: l.kind, between: [...l.between] })) : undefined,
    endpoints: spec.endpoints.map(endpointObject),
  });
}

function bridgeObject(b: BridgeSpec): Record<string, unknown> {
  return omitEmpty({
    name: b.name,
    kind: b.kind,
    datapath: b.datapath,
    address: b.address,
    offload: nonEmpty(b.offload),
    flows: b.flows?.length ? [...b.flows] : undefined,
  });
}

function endpointObject(e: EndpointSpec): Record<string, unknown> {
  return omitEmpty({
    name: e.name,
    kind: e.kind,
    host: e.host,
    address: e.address,
    bridge: e.bridge,
    vlan: e.vlan,
    trunks: e.trunks ? [...e.trunks] : undefined,
    mtu: e.mtu,
    impair: e.impair ? impairmentObject(e.impair) : undefined,
    attach: e.attach.via === "veth" ? undefined : { ...e.attach },
    offload: nonEmpty(e.offload),
  });
}

const ONE_LINE = new Set(["offload", "attach", "between", "trunks", "impair"]);

const IMPAIRMENT_KEYS = ["delayMs", "jitterMs", "lossPercent", "rateKbit", "direction"] as const;

/** An impairment's fields in one order, whatever order they were set in. */
function impairmentObject(i: Impairment): Record<string, unknown> {
  return omitEmpty(Object.fromEntries(IMPAIRMENT_KEYS.map((k) => [k, i[k]])));
}

/** Offload settings in the features' own order (not the order they were set in), or undefined when none. */
function nonEmpty(o: Partial<Record<OffloadFeature, boolean>> | undefined): Record<string, boolean> | undefined {
  if (!o) return undefined;
  const set = OFFLOAD_FEATURE_NAMES.filter((f) => o[f] !== undefined);
  return set.length ? Object.fromEntries(set.map((f) => [f, o[f]!])) : undefined;
}

/** Keys with undefined values left out, in the order given. */
function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
