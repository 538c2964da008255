import type { TerminalTarget } from "../../lib/contracts/terminal";
import type { Topology } from "../../lib/contracts/topology";
import type { LabService } from "../lab/lab-service";
import { LabError } from "../lab/lab-errors";

/** Where a terminal's shell runs, read from discovery: nothing here comes from the request but the names it checked. */
export interface ResolvedTarget {
  target: TerminalTarget;
  /** null: the host's own namespace. */
  netns: string | null;
  /** For the tab and the prompt: `c1`, `host (tm-c1)`. */
  title: string;
  env: Record<string, string>;
}

/** A prompt may only carry plain characters: bash expands `$(…)` and backquotes in PS1. */
const plain = (text: string) => text.replace(/[^A-Za-z0-9_.:-]/g, "_");

function prompt(labId: string, where: string): string {
  return `[${plain(labId)} ${where}] \\w\\$ `;
}

export async function resolveTerminalTarget(lab: LabService, target: TerminalTarget): Promise<ResolvedTarget> {
  const { topology, runtimes } = await lab.refresh();
  if (target.kind === "port") {
    const iface = await lab.interfaceById(target.interfaceId);
    if (iface.owner !== "host")
      throw new LabError("invalid", `${target.interfaceId} is inside ${iface.owner}: open a terminal in the endpoint ${iface.owner} instead`);
    const ifname = plain(iface.ifname);
    return {
      target,
      netns: null,
      title: `host (${ifname})`,
      env: { PS1: prompt(lab.labId, `host:${ifname}`), OVSLAB_LAB: plain(lab.labId), OVSLAB_INTERFACE: ifname },
    };
  }
  const endpoint = topology.endpoints.find((e) => e.name === target.endpoint);
  if (!endpoint)
    throw new LabError("notFound", `no endpoint "${target.endpoint}" in lab ${lab.labId}; endpoints: ${topology.endpoints.map((e) => e.name).join(", ") || "none: is the lab up?"}`);
  const runtime = runtimes.find((r) => r.name === endpoint.name);
  if (!runtime || (endpoint.name !== "host" && !runtime.netns))
    throw new LabError("conflict", `${endpoint.name} is ${endpoint.state}: start it before opening a terminal in it`);
  const name = plain(endpoint.name);
  return {
    target,
    netns: runtime.netns,
    title: name,
    env: { PS1: prompt(lab.labId, name), OVSLAB_LAB: plain(lab.labId), OVSLAB_ENDPOINT: name },
  };
}

/** Whether a terminal's endpoint or port is still in the lab as discovery sees it now. */
export function targetStillThere(topology: Topology, target: TerminalTarget): boolean {
  if (target.kind === "port") return topology.interfaces.some((i) => i.id === target.interfaceId);
  const endpoint = topology.endpoints.find((e) => e.name === target.endpoint);
  return endpoint !== undefined && (endpoint.name === "host" || endpoint.state === "running");
}
