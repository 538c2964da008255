import { describeImpairment, isNoImpairment, type Impairment, type ImpairmentEngine, type LinkImpairment } from "../../lib/contracts/impairment";
import type { HostContext } from "../host/host-context";
import { deleteLink, listLinks, type NetnsRef } from "../netns/ip-links";
import { CONTAINER_IFNAME } from "../../lib/lab-spec/names";
import { actsOn, chooseEngine } from "./choose-engine";
import { impairmentSupport } from "./impairment-support";
import { readRelayedLinks, relayLink, resumeRelays, unrelayLink } from "./relay-link";
import { relayState, stopLabRelays } from "./relay-supervisor";
import { clearQdisc, readRootQdisc, setQdisc } from "./tc-engine";

/**
 * One endpoint link's impairment, whichever engine makes it (see choose-engine.ts). Lab up calls
 * `applyImpairment` for each endpoint and puts the interface it returns on the bridge; the page's
 * operation calls it on a running lab; lab down calls `removeLabImpairments`.
 */

export interface ImpairmentTarget {
  labId: string;
  endpoint: string;
  /** The endpoint veth's host end (`<lab>-<endpoint>`). */
  hostEnd: string;
  /** The bridge the endpoint is on (OVS or Linux); null: leave the bridge alone (the caller attaches). */
  bridge: string | null;
  /** The endpoint's namespace, where its eth0 is: needed only for `from-endpoint` with netem/tbf. */
  endpointNetns?: NetnsRef;
  impairment: Impairment | null;
}

/** The engines' notes for the page. */
function noteOf(engine: ImpairmentEngine, impairment: Impairment, netem: boolean): string {
  const why = engine === "relay" && !netem ? " (this kernel has no netem)" : "";
  return `${describeImpairment(impairment)} via ${engine}${why}`;
}

async function setKernelQdiscs(t: ImpairmentTarget, engine: "netem" | "tbf", impairment: Impairment): Promise<void> {
  const acts = actsOn(impairment);
  if (acts.fromEndpoint && !t.endpointNetns) throw new Error(`${t.endpoint}: a from-endpoint ${engine} needs the endpoint's namespace`);
  await (acts.toEndpoint ? setQdisc(t.hostEnd, null, engine, impairment) : clearQdisc(t.hostEnd, null));
  if (t.endpointNetns) await (acts.fromEndpoint ? setQdisc(CONTAINER_IFNAME, t.endpointNetns, engine, impairment) : clearQdisc(CONTAINER_IFNAME, t.endpointNetns));
}

async function clearKernelQdiscs(t: ImpairmentTarget): Promise<void> {
  await clearQdisc(t.hostEnd, null);
  if (t.endpointNetns) await clearQdisc(CONTAINER_IFNAME, t.endpointNetns).catch(() => false);
}

/**
 * Makes the endpoint's link carry exactly this impairment (null or an empty one: none, the plain link).
 * Idempotent. Returns the interface that must be on the bridge for this endpoint: the host end itself,
 * or the relay's bridge-side end.
 */
export async function applyImpairment(ctx: HostContext, t: ImpairmentTarget): Promise<string> {
  const support = await impairmentSupport();
  const impairment = isNoImpairment(t.impairment) ? null : t.impairment;
  const engine = chooseEngine(impairment, support);
  const relayed = (await readRelayedLinks(t.labId)).find((l) => l.endpoint === t.endpoint);
  if (engine === "relay") {
    await clearKernelQdiscs(t);
    return (await relayLink(ctx, t.labId, t.endpoint, t.hostEnd, t.bridge, impairment!)).bridgeEnd;
  }
  if (relayed) await unrelayLink(ctx, relayed, t.bridge);
  if (engine) await setKernelQdiscs(t, engine, impairment!);
  else await clearKernelQdiscs(t);
  return t.hostEnd;
}

/** What the endpoint's link carries now, read from the host (null: a plain link). */
export async function readImpairment(t: Pick<ImpairmentTarget, "labId" | "endpoint" | "hostEnd" | "endpointNetns">): Promise<LinkImpairment | null> {
  const support = await impairmentSupport();
  const relayed = (await readRelayedLinks(t.labId)).find((l) => l.endpoint === t.endpoint);
  if (relayed) {
    const state = relayState(relayed.linkEnd);
    return {
      endpoint: t.endpoint,
      hostEnd: relayed.hostEnd,
      engine: "relay",
      impairment: relayed.impairment,
      bridgePort: relayed.bridgeEnd,
      relay: { pid: state?.pid ?? null, restarts: state?.restarts ?? 0 },
      note: noteOf("relay", relayed.impairment, support.netem) + (state?.pid ? "" : "; its forwarder is not running: the link carries nothing"),
    };
  }
  const toEndpoint = await readRootQdisc(t.hostEnd, null);
  const fromEndpoint = t.endpointNetns ? await readRootQdisc(CONTAINER_IFNAME, t.endpointNetns).catch(() => null) : null;
  const found = toEndpoint?.impairment ? toEndpoint : fromEndpoint?.impairment ? fromEndpoint : null;
  if (!found?.impairment) return null;
  const direction = toEndpoint?.impairment && fromEndpoint?.impairment ? "both" : toEndpoint?.impairment ? undefined : "from-endpoint";
  const impairment = { ...found.impairment, ...(direction ? { direction } : {}) } as Impairment;
  const engine = found.kind as "netem" | "tbf";
  return { endpoint: t.endpoint, hostEnd: t.hostEnd, engine, impairment, bridgePort: t.hostEnd, note: noteOf(engine, impairment, support.netem) };
}

/** Lab down: every relay forwarder of the lab stopped and its pair deleted (kernel qdiscs go with the veths). */
export async function removeLabImpairments(labId: string): Promise<{ removed: number }> {
  await stopLabRelays(labId);
  const relayed = await readRelayedLinks(labId);
  const present = new Set((await listLinks(null)).map((l) => l.ifname));
  await Promise.all(relayed.filter((l) => present.has(l.linkEnd)).map((l) => deleteLink(l.linkEnd)));
  return { removed: relayed.length };
}

/** A server (re)starting with a lab up: the forwarders of its relayed links again. */
export { resumeRelays as resumeLabImpairments };
