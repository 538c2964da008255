import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FirewallList, FlowList, FlowRule } from "../../lib/contracts/lab-edits";
import type { MatrixRun } from "../../lib/contracts/matrix";
import type { BridgePort, NetInterface, Topology } from "../../lib/contracts/topology";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { evaluateChecks, type Observation } from "../../lib/scenarios/checks";
import type { PlantedFault } from "../../lib/scenarios/fault-kinds";
import { scenarioSchema } from "../../lib/scenarios/scenario-schema";
import { resolveFaults } from "../../lib/scenarios/resolve-faults";
import { loadConfig } from "../../server/config/env";
import { discoverLab } from "../../server/discovery/discover-lab";
import { detectFault, detectFaults, plantFaults } from "../../server/faults/fault-catalog";
import { labTargetOf } from "../../server/faults/lab-target";
import { dockerClient } from "../../server/host/docker-daemon";
import type { HostContext } from "../../server/host/host-context";
import { dbSocket } from "../../server/host/ovs-daemons";
import { OvsdbClient } from "../../server/ovs/ovsdb-client";
import { prepareScenario, type PreparedScenario } from "../../server/scenarios/load-scenario";
import { projectRoot, startTestServer, type TestServer } from "./harness";

/**
 * Every fault kind on the real daemons: planted, detected, seen in the matrix (where the small probes
 * can see it), fixed through the HTTP operation a student's page calls, detected gone, matrix green.
 * The lab is the two-faults scenario's (the seed lab with TX offload off in the containers) at sc1.
 */
const LAB = "sc1";
const SUBNET = "10.77.191";
const PORT = 3351;
const ENDPOINTS = ["host", "c1", "c2", "server"];
const ip = (n: number) => `${SUBNET}.${n}`;

let server: TestServer;
let ctx: HostContext;
let prepared: PreparedScenario;
let spec: LabSpec;

const target = async () => labTargetOf(await discoverLab(ctx, LAB));
const faultsOf = (entries: unknown[]) =>
  resolveFaults(scenarioSchema.parse({ id: "t", title: "t", lab: { template: "seed" }, faults: entries, checks: [{ id: "x", noFaultLeft: true }], steps: [{ id: "s", title: "s" }] }).faults, spec, "it");

async function plant(entry: unknown): Promise<PlantedFault> {
  const [fault] = faultsOf([entry]);
  await plantFaults(ctx, await target(), [fault]);
  return fault;
}
const detect = async (fault: PlantedFault) => detectFault(ctx, await target(), fault);

/** The failing cells of a full run, as `tcp c1>server`. */
async function failing(): Promise<string[]> {
  const { status, body } = await server.post<{ results: { from: string; to: string; protocol: string; ok: boolean }[] }>("/api/matrix", { timeoutMs: 1000 });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.results.length, 36);
  return body.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`).sort();
}
/**
 * The failing cells once the lab has settled on `expected`: the first run after a change may still meet a
 * neighbour entry that failed while a link was broken, and a loaded host may time a probe out. Up to 4 runs.
 */
async function failingUntil(expected: string[], runs = 4): Promise<string[]> {
  let last: string[] = [];
  for (let i = 0; i < runs; i++) {
    last = await failing();
    if (JSON.stringify(last) === JSON.stringify(expected)) break;
  }
  return last;
}
/** Every ordered pair with `endpoint` in it, for these protocols. */
const pairsWith = (endpoint: string, protocols: string[]) =>
  protocols.flatMap((p) => ENDPOINTS.flatMap((a) => ENDPOINTS.filter((b) => b !== a && (a === endpoint || b === endpoint)).map((b) => `${p} ${a}>${b}`))).sort();

async function expectPlanted(entry: unknown, symptom: string[]): Promise<PlantedFault> {
  const fault = await plant(entry);
  const seen = await detect(fault);
  assert.equal(seen.present, true, `${fault.kind} not detected after planting: ${seen.evidence}`);
  assert.deepEqual(await failingUntil(symptom), symptom, `${fault.kind}: the matrix`);
  return fault;
}
async function expectFixed(fault: PlantedFault): Promise<void> {
  const seen = await detect(fault);
  assert.equal(seen.present, false, `${fault.kind} still detected after the fix: ${seen.evidence}`);
  assert.deepEqual(await failingUntil([]), [], `${fault.kind}: the matrix after the fix`);
}

describe("faults: planted, detected, seen, fixed in the page's operations (real OVS/DPDK/Docker)", () => {
  before(async () => {
    prepared = await prepareScenario(projectRoot, "two-faults", { labId: LAB, subnet24: SUBNET }, "it");
    spec = prepared.spec;
    server = await startTestServer(LAB, PORT);
    // From nothing: a run cut short earlier may have left this lab up with its faults planted (a VLAN tag,
    // a flow, a firewall rule), which an up keeps since a lab spec does not describe them.
    await server.post("/api/lab/down");
    const up = await server.post("/api/lab/up", { spec });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const config = loadConfig([], process.env);
    ctx = { config, docker: dockerClient(config), ovsdb: await OvsdbClient.connect(dbSocket(config)) };
  });
  after(async () => {
    await server?.stop(); // brings the lab down: bridge (and its flows), containers, namespaces (and their firewalls)
    ctx?.ovsdb.close();
  });

  test("the scenario's lab starts green", async () => {
    assert.deepEqual(await failingUntil([]), []);
  });

  test("tx-offload on c1: TCP and UDP with c1 fail; fixed with the offload switch", async () => {
    const fault = await expectPlanted({ kind: "tx-offload", endpoint: "c1" }, pairsWith("c1", ["tcp", "udp"]));
    const r = await server.post<NetInterface>("/api/interfaces/c1:eth0/offload", { tx: false });
    assert.equal(r.status, 200);
    await expectFixed(fault);
  });

  test("mtu-mismatch on c2's eth0: detected, not visible to the matrix's small probes; fixed with the MTU field", async () => {
    const fault = await expectPlanted({ kind: "mtu-mismatch", endpoint: "c2", mtu: 1400 }, []);
    assert.match((await detect(fault)).evidence, /c2:eth0 MTU 1400, host:sc1-c2 MTU 1500/);
    const r = await server.post<NetInterface>("/api/interfaces/c2:eth0/mtu", { mtu: 1500 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.mtu, 1500);
    await expectFixed(fault);
  });

  test("link-down on c2's host end: every protocol with c2 fails; fixed with the up/down switch", async () => {
    const fault = await expectPlanted({ kind: "link-down", endpoint: "c2", end: "host" }, pairsWith("c2", ["icmp", "tcp", "udp"]));
    const r = await server.post<NetInterface>(`/api/interfaces/host:${LAB}-c2/link`, { up: true });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.up, true);
    await expectFixed(fault);
  });

  test("wrong-address on c2 (the next /24): c2 is cut off; fixed with the address editor", async () => {
    const fault = await expectPlanted({ kind: "wrong-address", endpoint: "c2", wrong: "address" }, pairsWith("c2", ["icmp", "tcp", "udp"]));
    assert.equal(fault.kind === "wrong-address" && fault.planted, `${SUBNET.replace(/\d+$/, (n) => String(Number(n) + 1))}.7/24`);
    const r = await server.post<NetInterface>("/api/endpoints/c2/address", { address: `${ip(7)}/24` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.addresses, [`${ip(7)}/24`]);
    await expectFixed(fault);
  });

  test("wrong-address on c1 (a prefix that leaves everyone outside): c1 is cut off; fixed with the address editor", async () => {
    const fault = await expectPlanted({ kind: "wrong-address", endpoint: "c1", wrong: "prefix" }, pairsWith("c1", ["icmp", "tcp", "udp"]));
    assert.equal(fault.kind === "wrong-address" && fault.planted, `${ip(8)}/32`);
    assert.equal((await server.post("/api/endpoints/c1/address", { address: `${ip(8)}/24` })).status, 200);
    await expectFixed(fault);
  });

  test("vlan-tag on c1's bridge port: c1 is in another VLAN; fixed with the VLAN tag editor", async () => {
    const fault = await expectPlanted({ kind: "vlan-tag", endpoint: "c1", tag: 100 }, pairsWith("c1", ["icmp", "tcp", "udp"]));
    const port = (await server.get<Topology>("/api/topology")).body.bridge?.ports.find((p) => p.name === `${LAB}-c1`);
    assert.equal(port?.tag, 100, "the topology shows the tag");
    const r = await server.post<BridgePort>(`/api/ports/${LAB}-c1/tag`, { tag: null });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.tag, undefined);
    await expectFixed(fault);
  });

  test("drop-flow c1->server TCP: both TCP cells between them fail; fixed by deleting the rule from the flow list", async () => {
    const fault = await expectPlanted({ kind: "drop-flow", from: "c1", to: "server", protocol: "tcp" }, ["tcp c1>server", "tcp server>c1"]);
    const list = await server.get<FlowList>("/api/flows");
    assert.equal(list.body.bridge, `${LAB}_br`);
    const rule = list.body.flows.find((f) => f.actions === "drop" && f.match.includes(`nw_src=${ip(8)}`))!;
    assert.ok(rule, JSON.stringify(list.body.flows));
    assert.ok(rule.packets > 0, "the rule counted the packets it dropped");
    const r = await server.del<FlowList & { deleted: FlowRule }>(`/api/flows/${rule.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.deleted.id, rule.id);
    assert.ok(!r.body.flows.some((f) => f.id === rule.id));
    await expectFixed(fault);
  });

  test("firewall-drop in the server (INPUT, TCP from c1): both TCP cells between them fail; fixed by deleting the rule", async () => {
    const fault = await expectPlanted({ kind: "firewall-drop", endpoint: "server", chain: "INPUT", protocol: "tcp", peer: "c1" }, ["tcp c1>server", "tcp server>c1"]);
    const list = await server.get<FirewallList>("/api/endpoints/server/firewall");
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const rule = list.body.rules.find((r) => r.target === "DROP")!;
    assert.equal(rule.rule, `-s ${ip(8)}/32 -p tcp -j DROP`);
    assert.match(rule.id, /^server:[0-9a-f]{12}$/);
    const r = await server.del<FirewallList>(`/api/firewall/${encodeURIComponent(rule.id)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.rules, []);
    await expectFixed(fault);
  });

  const fixes: [string, string, unknown][] = [
    ["POST", "/api/interfaces/c1:eth0/mtu", { mtu: 1400 }],
    ["POST", "/api/interfaces/c1:eth0/link", { up: false }],
    ["POST", "/api/endpoints/c1/address", { address: `${ip(99)}/24` }],
    ["POST", `/api/ports/${LAB}-c1/tag`, { tag: 10 }],
    ["DELETE", "/api/flows/0123456789ab", undefined],
    ["DELETE", "/api/firewall/c1:0123456789ab", undefined],
  ];
  const as = (headers: Record<string, string>) => (method: string, path: string, body: unknown) =>
    fetch(server.url + path, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

  test("viewers change nothing: no credential 401, the viewer link and a wrong token 403, on every fix", async () => {
    const before = JSON.stringify((await server.get<Topology>("/api/topology")).body.interfaces.map((i) => [i.id, i.mtu, i.up, i.addresses]));
    const callers: [string, ReturnType<typeof as>, number][] = [
      ["no credential", as({}), 401],
      ["the viewer link", as({ authorization: `Bearer ${server.token}`, "x-ovslab-view": "viewer" }), 403],
      ["a wrong token", as({ authorization: "Bearer not-the-operator-token" }), 403],
    ];
    for (const [who, send, status] of callers) for (const [method, path, body] of fixes) assert.equal((await send(method, path, body)).status, status, `${who}: ${method} ${path}`);
    // Reading the lists is open to viewers, as the rest of the dashboard is.
    assert.equal((await as({})("GET", "/api/flows", undefined)).status, 200);
    assert.equal((await as({})("GET", "/api/endpoints/c1/firewall", undefined)).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(JSON.stringify((await server.get<Topology>("/api/topology")).body.interfaces.map((i) => [i.id, i.mtu, i.up, i.addresses])), before);
  });

  test("malformed input is a 400 naming the field; names not in the lab are 404; the host's own namespace and the bridge's NORMAL rule are refused", async () => {
    const bad: [string, string, unknown, number, RegExp][] = [
      ["POST", "/api/interfaces/c1:eth0/mtu", { mtu: "big" }, 400, /^mtu: /],
      ["POST", "/api/interfaces/c1:eth0/mtu", { mtu: 20 }, 400, /^mtu: .*68/],
      ["POST", "/api/interfaces/c1:eth0/mtu", { mtu: 1500, extra: 1 }, 400, /extra/],
      ["POST", "/api/interfaces/c1:eth0/link", { up: "yes" }, 400, /^up: /],
      ["POST", "/api/endpoints/c1/address", { address: "10.77.191.300/24" }, 400, /^address: an IPv4 address with prefix/],
      ["POST", "/api/endpoints/c1/address", { address: "127.0.0.5/8" }, 400, /^address: 127\.0\.0\.5\/8 is in 127\.0\.0\.0\/8/],
      ["POST", "/api/endpoints/c1/address", { address: `${ip(0)}/24` }, 400, /network address/],
      ["POST", "/api/endpoints/C1;reboot/address", { address: `${ip(8)}/24` }, 400, /^endpoint: /],
      ["POST", `/api/ports/${LAB}-c1/tag`, { tag: 5000 }, 400, /^tag: /],
      ["DELETE", "/api/flows/priority=0", undefined, 400, /^id: a rule id from the flow list/],
      ["DELETE", "/api/firewall/0123456789ab", undefined, 400, /^id: a rule id from the endpoint's firewall list/],
      ["POST", "/api/interfaces/c9:eth0/mtu", { mtu: 1500 }, 404, /no interface "c9:eth0" in lab sc1/],
      ["POST", "/api/ports/eth0/tag", { tag: 5 }, 404, /no port "eth0" on lab sc1's bridge/],
      ["DELETE", "/api/flows/0123456789ab", undefined, 404, /no rule "0123456789ab"/],
      ["GET", "/api/endpoints/host/firewall", undefined, 400, /"host" is this machine's own namespace/],
      ["POST", "/api/endpoints/host/address", { address: `${ip(1)}/24` }, 400, /"host" is this machine's own namespace/],
    ];
    const send = as({ authorization: `Bearer ${server.token}` });
    for (const [method, path, body, status, message] of bad) {
      const r = await send(method, path, body);
      const answer = (await r.json()) as { error: { message: string } };
      assert.equal(r.status, status, `${method} ${path}: ${answer.error?.message}`);
      assert.match(answer.error.message, message, `${method} ${path}`);
    }
    const normal = (await server.get<FlowList>("/api/flows")).body.flows.find((f) => f.protected)!;
    const r = await server.del<{ error: { message: string } }>(`/api/flows/${normal.id}`);
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /own switching rule/);
    assert.deepEqual(await failingUntil([]), []);
  });

  test("the two-faults scenario: checks fail (or wait) before, pass after both fixes made through the page's operations", async () => {
    const observe = async (changedAt: string): Promise<Observation> => ({
      changedAt,
      topology: (await server.get<Topology>("/api/topology")).body,
      latest: (await server.get<MatrixRun>("/api/matrix/latest")).body.results,
      faults: await detectFaults(ctx, await target(), prepared.faults),
    });
    const status = (o: Observation) => Object.fromEntries(evaluateChecks(prepared.scenario, o).map((c) => [c.id, c.status]));
    await plantFaults(ctx, await target(), prepared.faults);
    const planted = new Date().toISOString();
    assert.equal(status(await observe(planted))["tcp-c1-server"], "pending", "results from before the faults do not count");
    await failingUntil(pairsWith("c1", ["tcp", "udp"]));
    const broken = await observe(planted);
    assert.deepEqual(status(broken), { symptom: "passed", "ping-c1-server": "passed", "tcp-c2-server": "passed", "tcp-c1-c2": "failed", "udp-c1-server": "failed", "tcp-c1-server": "failed", "all-fixed": "failed" });
    assert.equal(evaluateChecks(prepared.scenario, broken).find((c) => c.id === "all-fixed")?.message, "2 of 2 problems left");

    const offloadAt = new Date().toISOString();
    assert.equal((await server.post("/api/interfaces/c1:eth0/offload", { tx: false })).status, 200);
    await failingUntil(["tcp c1>server", "tcp server>c1"]);
    const half = status(await observe(offloadAt));
    assert.deepEqual([half["tcp-c1-c2"], half["tcp-c1-server"], half["all-fixed"]], ["passed", "failed", "failed"]);

    const rule = (await server.get<FirewallList>("/api/endpoints/server/firewall")).body.rules[0];
    const fixedAt = new Date().toISOString();
    assert.equal((await server.del(`/api/firewall/${encodeURIComponent(rule.id)}`)).status, 200);
    await failingUntil([]);
    const fixed = status(await observe(fixedAt));
    assert.deepEqual(fixed, { symptom: "failed", "ping-c1-server": "passed", "tcp-c2-server": "passed", "tcp-c1-c2": "passed", "udp-c1-server": "passed", "tcp-c1-server": "passed", "all-fixed": "passed" });
  });
});
