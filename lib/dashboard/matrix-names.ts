import type { Topology } from "../contracts/topology";

const collator = new Intl.Collator("en", { numeric: true });
const RANK = { host: 0, container: 1, netns: 2 } as const;

/** Matrix rows and columns: the host first, then containers (c2 before c10), then namespaces. */
export function matrixNames(topology: Topology): string[] {
  return topology.endpoints
    .filter((e) => e.ipv4 !== null || e.state !== "running")
    .sort((a, b) => RANK[a.kind] - RANK[b.kind] || collator.compare(a.name, b.name))
    .map((e) => e.name);
}
