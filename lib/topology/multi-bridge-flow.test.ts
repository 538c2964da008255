import { test } from "node:test";
import assert from "node:assert/strict";
import type { Topology } from "../contracts/topology";
import { buildFlow } from "./build-flow";
import { vlanLabel } from "./bridge-chips";
import type { BridgeNode, LabFlow, LabNode } from "./flow-types";
import { twoBridgeTopology } from "./fixtures/two-bridge-topology";
import { seedTopology } from "./fixtures/seed-topology";

const bridgeNode = (flow: LabFlow, name: string): BridgeNode => {
  const n = flow.nodes.find((x) => x.id === `bridge:${name}`);
  assert.ok(n && n.type === "bridge", `a card for ${name}`);
  return n as BridgeNode;
};
const absolute = (nodes: LabNode[], n: LabNode) => {
  const parent = nodes.find((p) => p.id === n.parentId);
  return { x: n.position.x + (parent?.position.x ?? 0), y: n.position.y + (parent?.position.y ?? 0), w: n.width!, h: n.height! };
};

test("two bridges: a card per bridge, each with its own endpoints above it, the second band below the first", () => {
  const flow = buildFlow(twoBridgeTopology);
  assert.deepEqual(flow.nodes.map((n) => n.id).sort(), ["bridge:gv_br", "bridge:gv_br2", "endpoint:a10", "endpoint:a20", "endpoint:b10", "endpoint:b20", "frame:host"]);
  const [core, edge] = [bridgeNode(flow, "gv_br"), bridgeNode(flow, "gv_br2")];
  const y = (id: string) => flow.nodes.find((n) => n.id === id)!.position.y;
  assert.ok(y("endpoint:a10") < core.position.y && core.position.y < y("endpoint:b10") && y("endpoint:b10") < edge.position.y, "a10 over gv_br, then b10 over gv_br2");
  const rects = flow.nodes.filter((n) => n.type !== "hostFrame").map((n) => ({ id: n.id, ...absolute(flow.nodes, n) }));
  for (const a of rects)
    for (const b of rects) if (a.id < b.id) assert.ok(!(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h), `${a.id} overlaps ${b.id}`);
});

test("two bridges: each veth goes to its own bridge's port chip, and the chip says the port's VLAN", () => {
  const flow = buildFlow(twoBridgeTopology);
  const veths = flow.edges.filter((e) => e.data?.kind === "veth").map((e) => [e.source, e.target, e.targetHandle]);
  assert.deepEqual(veths, [
    ["endpoint:a10", "bridge:gv_br", "host:gv-a10"],
    ["endpoint:a20", "bridge:gv_br", "host:gv-a20"],
    ["endpoint:b10", "bridge:gv_br2", "host:gv-b10"],
    ["endpoint:b20", "bridge:gv_br2", "host:gv-b20"],
  ]);
  const chips = (name: string) => bridgeNode(flow, name).data.chips.map((c) => [c.handleId, c.vlan]);
  assert.deepEqual(chips("gv_br"), [["host:gv-a10", "VLAN 10"], ["host:gv-a20", "VLAN 20"]]);
  assert.deepEqual(chips("gv_br2"), [["host:gv-b10", "VLAN 10"], ["host:gv-b20", "VLAN 20"]]);
  for (const name of ["gv_br", "gv_br2"]) assert.deepEqual(bridgeNode(flow, name).data.otherPorts, [], `${name}: its patch and internal ports are not "other ports"`);
  const cards = flow.nodes.filter((n) => n.type === "endpoint");
  for (const name of ["gv_br", "gv_br2"]) {
    const b = bridgeNode(flow, name);
    assert.ok(b.position.x < Math.min(...cards.map((c) => c.position.x)) && b.position.x + b.width! > Math.max(...cards.map((c) => c.position.x + c.width!)), `${name} reaches past the rows, room for the VLAN badges`);
  }
});

test("two bridges: one patch edge, labelled, from gv_br's patch chip to gv_br2's", () => {
  const flow = buildFlow(twoBridgeTopology);
  const patches = flow.edges.filter((e) => e.data?.kind === "patch");
  assert.equal(patches.length, 1);
  const [p] = patches;
  assert.deepEqual([p.id, p.source, p.sourceHandle, p.target, p.targetHandle, p.label], ["patch:gv_p1a", "bridge:gv_br", "patch:gv_p1a", "bridge:gv_br2", "patch:gv_p1b", "patch"]);
  assert.deepEqual(bridgeNode(flow, "gv_br").data.patches, [{ handleId: "patch:gv_p1a", portName: "gv_p1a", peer: "gv_br2:gv_p1b", role: "source" }]);
  assert.deepEqual(bridgeNode(flow, "gv_br2").data.patches, [{ handleId: "patch:gv_p1b", portName: "gv_p1b", peer: "gv_br:gv_p1a", role: "target" }]);
  assert.equal(bridgeNode(buildFlow(seedTopology), "u1_br").data.patches, undefined, "a one-bridge lab has no patch chips");
});

test("a DPDK port on the second bridge is drawn beside that bridge, its port edge ending there", () => {
  const t: Topology = structuredClone(twoBridgeTopology);
  const seedDpdk = seedTopology.bridge!.ports.find((p) => p.dpdk)!;
  t.bridges![1].ports.push({ ...seedDpdk, name: "gv_dpdk0", dpdk: { ...seedDpdk.dpdk!, wireInterfaceId: "host:gv-server" } });
  t.interfaces.push(
    { ...seedTopology.interfaces.find((i) => i.id === "host:u1-server")!, id: "host:gv-server", ifname: "gv-server", peerId: "server:eth0" },
    { ...seedTopology.interfaces.find((i) => i.id === "server:eth0")!, peerId: "host:gv-server" },
  );
  t.endpoints.push({ ...seedTopology.endpoints.find((e) => e.name === "server")! });
  const flow = buildFlow(t);
  const port = flow.edges.find((e) => e.id === "port:gv_dpdk0")!;
  assert.deepEqual([port.target, port.targetHandle], ["bridge:gv_br2", "dpdk:gv_dpdk0"]);
  assert.deepEqual(bridgeNode(flow, "gv_br2").data.dpdkPorts, ["gv_dpdk0"]);
  assert.deepEqual(bridgeNode(flow, "gv_br").data.dpdkPorts, []);
  const dpdk = flow.nodes.find((n) => n.id === "dpdk:gv_dpdk0")!;
  const br2 = bridgeNode(flow, "gv_br2");
  assert.equal(dpdk.position.y + dpdk.height! / 2, br2.position.y + br2.height! / 2, "level with gv_br2");
  assert.ok(flow.edges.some((e) => e.id === "wire:gv_dpdk0:server"));
});

test("a port's VLAN as its chip says it", () => {
  assert.equal(vlanLabel({ tag: 10 }), "VLAN 10");
  assert.equal(vlanLabel({ trunks: [10, 20] }), "trunk 10, 20");
  assert.equal(vlanLabel({}), undefined);
  assert.equal(vlanLabel(null), undefined);
});
