import type { MatrixAnswer } from "../../../lib/contracts/api-routes";
import type { Topology } from "../../../lib/contracts/topology";
import type { LabSpec } from "../../../lib/lab-spec/schema";
import { containersLab } from "../../../server/lab/derived-labs";
import type { TestServer } from "../harness";
import { sleep } from "./processes";

/** Two containers and the host on one userspace bridge, TX offload off everywhere so every protocol works. */
export function faultLab(labId: string, subnet24: string): LabSpec {
  const spec = containersLab(labId, subnet24, 2, { hostEndpoint: true });
  return { ...spec, bridge: { ...spec.bridge, offload: { tx: false } }, endpoints: spec.endpoints.map((e) => ({ ...e, offload: { tx: false } })) };
}

/** Rejects when `work` takes longer than `ms`: a request that hangs is a failure of its own. */
export function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** What is wrong with the lab as the server reports it, or null when topology and a full matrix are right. */
export async function labProblem(server: TestServer, spec: LabSpec): Promise<string | null> {
  const topo = await server.get<Topology>("/api/topology");
  if (topo.status !== 200) return `topology answered ${topo.status}: ${JSON.stringify(topo.body)}`;
  const ports = new Set(topo.body.bridge?.ports.map((p) => p.name));
  const missingPorts = spec.endpoints.map((e) => `${spec.id}-${e.name}`).filter((p) => !ports.has(p));
  if (!topo.body.bridge || missingPorts.length) return `bridge ${topo.body.bridge?.name ?? "missing"}, ports missing: ${missingPorts.join(", ")}`;
  const wanted = [["host", spec.bridge.address], ...spec.endpoints.map((e) => [e.name, e.address])].map(([n, a]) => `${n} ${a!.split("/")[0]}`);
  const seen = topo.body.endpoints.filter((e) => e.state === "running").map((e) => `${e.name} ${e.ipv4}`);
  const missing = wanted.filter((w) => !seen.includes(w));
  if (missing.length) return `endpoints not running with their address: ${missing.join(", ")} (seen: ${seen.join(", ")})`;
  const run = await server.post<MatrixAnswer>("/api/matrix", { protocols: ["icmp", "tcp", "udp"], timeoutMs: 500 });
  if (run.status !== 200) return `matrix answered ${run.status}: ${JSON.stringify(run.body)}`;
  const failed = run.body.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to} ${r.error}`);
  const expected = 3 * wanted.length * (wanted.length - 1);
  if (failed.length || run.body.results.length !== expected) return `matrix: ${run.body.results.length}/${expected} results, failed: ${failed.join(", ")}`;
  return null;
}

/** Polls until the lab is right; resolves with how long that took, rejects with the last problem after `ms`. */
export async function rightWithin(server: TestServer, spec: LabSpec, ms: number): Promise<number> {
  const started = Date.now();
  let problem: string | null = "not checked";
  while (Date.now() - started < ms) {
    problem = await within(ms, "checking the lab", labProblem(server, spec)).catch((err: Error) => err.message);
    if (problem === null) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`the lab was not right within ${ms} ms: ${problem}`);
}
