import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { endpointBridge, labBridges, labSpecSchema, type LabSpec } from "../../lib/lab-spec/schema";
import { deriveLabSpec } from "../../lib/snapshots/derive-spec";
import { retargetSpec } from "../../lib/lab-spec/retarget";
import type { MatrixAnswer } from "../../lib/contracts/api-routes";
import { projectRoot, seedSpec, startTestServer, type TestServer } from "./harness";

type Row = MatrixAnswer["results"][number];
const example = (file: string, id: string, subnet24: string): LabSpec =>
  retargetSpec(labSpecSchema.parse(parse(readFileSync(path.join(projectRoot, "labs", file), "utf8"))), id, subnet24);
const cells = (rows: Row[], ok: boolean) =>
  rows
    .filter((r) => r.ok === ok)
    .map((r) => `${r.protocol} ${r.from}>${r.to}`)
    .sort();
const ovs = (...args: string[]) => execFileSync("ovs-vsctl", args, { encoding: "utf8" }).trim();

describe("lab format version 2 on the real daemons: two bridges, a patch link, VLANs 10 and 20", () => {
  const LAB = "vl";
  let server: TestServer;
  let spec: LabSpec;

  before(async () => {
    server = await startTestServer(LAB, 3460);
    spec = example("two-bridges-vlans.yaml", LAB, "10.77.160");
    await server.api.labUp({ body: { spec } });
  });
  after(async () => {
    await server?.stop();
  });

  test("both bridges, the patch ports and each port's VLAN are on OVS and in the topology", async () => {
    const t = await server.api.topology();
    assert.deepEqual(t.bridges?.map((b) => b.name), ["vl_br", "vl_br2"]);
    assert.equal(t.bridge?.name, "vl_br", "the first bridge stays `bridge`");
    assert.deepEqual(t.links.filter((l) => l.kind === "patch").map((l) => [l.a, l.b]), [["bridge:vl_br", "bridge:vl_br2"]]);
    const port = (name: string) => t.bridges!.flatMap((b) => b.ports).find((p) => p.name === name);
    assert.equal(port("vl-a10")?.tag, 10);
    assert.equal(port("vl-b20")?.tag, 20);
    assert.deepEqual(port("vl_p1a")?.patch, { peerPort: "vl_p1b", peerBridge: "vl_br2" });
    assert.equal(ovs("iface-to-br", "vl-b10"), "vl_br2");
  });

  test("the spec derived from what discovery found (what a snapshot records) is the file's spec", async () => {
    const derived = deriveLabSpec(await server.api.topology());
    const shape = (s: LabSpec) => ({
      bridges: labBridges(s).map((b) => b.name),
      links: s.links?.map((l) => l.between),
      endpoints: s.endpoints.map((e) => [e.name, e.kind, e.address, endpointBridge(s, e), e.vlan ?? null, e.offload.tx ?? null]).sort(),
    });
    assert.deepEqual(shape(derived), shape(spec));
  });

  test("the matrix VLAN physics predicts: same VLAN across the patch works, different VLANs do not, ICMP included", async () => {
    const { results } = await server.api.matrixRun({ body: { timeoutMs: 500 } });
    const sameVlan = (r: Row) => r.from.slice(1) === r.to.slice(1);
    const wrong = results.filter((r) => r.ok !== sameVlan(r)).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.ok ? "ok" : r.error}`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(cells(results, true), ["a10>b10", "a20>b20", "b10>a10", "b20>a20"].flatMap((p) => ["icmp", "tcp", "udp"].map((x) => `${x} ${p}`)).sort());
  });

  test("an endpoint moved to the other VLAN and bridge by a new up: its port moves, the matrix follows, nothing else restarts", async () => {
    const before = execFileSync("docker", ["inspect", "-f", "{{.Id}}", "ovslab-vl-a10", "ovslab-vl-b10"], { encoding: "utf8" });
    const moved = { ...spec, endpoints: spec.endpoints.map((e) => (e.name === "a20" ? { ...e, bridge: "vl_br2", vlan: 10 } : e)) };
    await server.api.labUp({ body: { spec: moved } });
    assert.equal(ovs("iface-to-br", "vl-a20"), "vl_br2");
    assert.equal(ovs("get", "Port", "vl-a20", "tag"), "10");
    assert.equal(execFileSync("docker", ["inspect", "-f", "{{.Id}}", "ovslab-vl-a10", "ovslab-vl-b10"], { encoding: "utf8" }), before);
    const { results } = await server.api.matrixRun({ body: { protocols: ["icmp"], timeoutMs: 500 } });
    assert.ok(cells(results, true).includes("icmp a20>a10"), "a20 is in VLAN 10 now");
    assert.ok(!cells(results, true).includes("icmp a20>b20"));
    // Back as the file says: the stray settings go.
    await server.api.labUp({ body: { spec } });
    assert.equal(ovs("iface-to-br", "vl-a20"), "vl_br");
  });

  test("an impairment in the spec (100 ms toward b10) shows in the RTT, keeps b10 in VLAN 10, and an up without it takes it away", async () => {
    const rtt = async () => {
      const { results } = await server.api.matrixRun({ body: { protocols: ["icmp"], pairs: [["a10", "b10"]], timeoutMs: 2000 } });
      assert.equal(results[0]?.ok, true, JSON.stringify(results[0]));
      return results[0].rttMs ?? 0;
    };
    const slow = { ...spec, endpoints: spec.endpoints.map((e) => (e.name === "b10" ? { ...e, impair: { delayMs: 100 } } : e)) };
    await server.api.labUp({ body: { spec: slow } });
    // The relay's end on the bridge stands for b10's host end, so the graph still draws b10's link to its port.
    const relayPort = (await server.api.topology()).bridges?.flatMap((b) => b.ports).find((p) => p.interfaceId === "host:vl-b10");
    assert.match(relayPort?.name ?? "", /^vl-\d+rb$/, JSON.stringify(relayPort));
    assert.equal(relayPort?.tag, 10);
    const delayed = await rtt();
    assert.ok(delayed >= 100 && delayed < 400, `RTT ${delayed} ms with 100 ms toward b10`);
    await server.api.labUp({ body: { spec } });
    const plain = await rtt();
    assert.ok(plain < 50, `RTT ${plain} ms once the impairment is gone`);
  });

  test("the flow list shows every bridge's rules; one on the second bridge is deleted by its id; a VLAN tag is set on a second-bridge port", async () => {
    execFileSync("ovs-ofctl", ["add-flow", "vl_br2", "priority=300,icmp,actions=drop"]);
    const list = await server.api.flowList();
    assert.deepEqual(list.bridges, ["vl_br", "vl_br2"]);
    const rule = list.flows.find((f) => f.bridge === "vl_br2" && f.actions === "drop");
    assert.ok(rule, JSON.stringify(list.flows));
    assert.ok(list.flows.some((f) => f.bridge === "vl_br" && f.protected), "the first bridge's NORMAL rule is listed too");
    const after = await server.api.flowDelete({ params: { id: rule.id } });
    assert.equal(after.deleted.bridge, "vl_br2");
    assert.doesNotMatch(execFileSync("ovs-ofctl", ["dump-flows", "vl_br2"], { encoding: "utf8" }), /actions=drop/);
    await server.api.portTag({ params: { name: "vl-b20" }, body: { tag: 10 } });
    assert.equal(ovs("get", "Port", "vl-b20", "tag"), "10");
  });

  test("down removes both bridges and the patch ports", async () => {
    await server.api.labDown();
    const bridges = ovs("list-br").split("\n");
    assert.ok(!bridges.includes("vl_br") && !bridges.includes("vl_br2"), bridges.join(" "));
  });
});

describe("lab format version 2: OpenFlow rules from the spec", () => {
  const LAB = "fw";
  let server: TestServer;

  before(async () => {
    server = await startTestServer(LAB, 3461);
  });
  after(async () => {
    await server?.stop();
  });

  test("the drop rule fails exactly c1->server TCP; the steering rule still delivers UDP; NORMAL does the rest", async () => {
    const spec = example("steering-drop.yaml", LAB, "10.77.161");
    await server.api.labUp({ body: { spec } });
    const { results } = await server.api.matrixRun({ body: { timeoutMs: 500 } });
    // server>c1 works: its SYN goes to c1's port, and c1's SYN/ACK comes from 47007, not to it.
    assert.deepEqual(cells(results, false), ["tcp c1>server"]);
    const flows = execFileSync("ovs-ofctl", ["dump-flows", "fw_br"], { encoding: "utf8" });
    assert.match(flows, /tp_dst=47007 actions=drop/);
    assert.match(flows, /priority=0 actions=NORMAL/);
    // A second up replaces the spec's rules instead of adding them again.
    await server.api.labUp({ body: { spec } });
    assert.equal(execFileSync("ovs-ofctl", ["dump-flows", "fw_br"], { encoding: "utf8" }).match(/actions=drop/g)?.length, 1);
  });

  test("a rule ovs-ofctl refuses is a 400 naming the field and the bridge", async () => {
    const spec = example("steering-drop.yaml", LAB, "10.77.161");
    const bad = { ...spec, bridge: { ...spec.bridge, flows: ["priority=10,nw_frob=1,actions=drop"] } };
    const r = await fetch(`${server.url}/api/lab/up`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${server.token}` }, body: JSON.stringify({ spec: bad }) });
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /bridge\.flows\.0: ovs-ofctl refused this rule for fw_br: .*unknown keyword nw_frob/);
  });

  test("a version-1 spec (the seed) still comes up under the same server, and its rules are gone", async () => {
    await server.api.labUp({ body: { spec: seedSpec(LAB, "10.77.161") } });
    assert.doesNotMatch(execFileSync("ovs-ofctl", ["dump-flows", "fw_br"], { encoding: "utf8" }), /actions=drop/);
    // The first probes after an up resolve ARP anew (an up flushes the neighbours): 1 s, not the 200 ms default, on a loaded machine.
    const { results } = await server.api.matrixRun({ body: { protocols: ["icmp"], timeoutMs: 1000 } });
    assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.from}>${r.to}: ${r.error} ${r.detail ?? ""}`), []);
  });
});

describe("lab format version 2: several DPDK ports, one on each of two bridges", () => {
  const LAB = "dq";
  let server: TestServer;

  before(async () => {
    server = await startTestServer(LAB, 3462);
  });
  after(async () => {
    await server?.stop();
  });

  test("each server sits behind its own DPDK port on its own bridge, and everyone reaches everyone across the patch", async () => {
    const spec = labSpecSchema.parse({
      version: 2,
      id: LAB,
      bridges: [{ name: "dq_br", address: "10.77.162.1/24" }, { name: "dq_br2" }],
      links: [{ between: ["dq_br", "dq_br2"] }],
      endpoints: [
        { name: "c1", kind: "container", address: "10.77.162.8/24", offload: { tx: false } },
        { name: "s1", kind: "netns", address: "10.77.162.10/24", attach: { via: "dpdk", port: "dq_dpdk1" }, offload: { tx: false } },
        { name: "s2", kind: "netns", address: "10.77.162.11/24", bridge: "dq_br2", attach: { via: "dpdk", port: "dq_dpdk2" }, offload: { tx: false } },
      ],
    });
    await server.api.labUp({ body: { spec } });
    const t = await server.api.topology();
    const dpdkOn = (bridge: string) => t.bridges?.find((b) => b.name === bridge)?.ports.filter((p) => p.dpdk).map((p) => p.name);
    assert.deepEqual(dpdkOn("dq_br"), ["dq_dpdk1"]);
    assert.deepEqual(dpdkOn("dq_br2"), ["dq_dpdk2"]);
    // The host's internal port keeps TX offload on here (as in the seed): only ICMP is judged for it.
    const { results } = await server.api.matrixRun({ body: { timeoutMs: 1000 } });
    const wrong = results.filter((r) => !r.ok && (r.protocol === "icmp" || (r.from !== "host" && r.to !== "host"))).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error}`);
    assert.deepEqual(wrong, []);
  });
});
