import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFlow } from "./build-flow";
import { nodeIds, type LabNode } from "./flow-types";
import { seedTopology } from "./fixtures/seed-topology";
import { containerTopology } from "./fixtures/container-topology";
import { pathBetween } from "./path-highlight";

interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Absolute rectangles of every card but the frame. */
function cards(nodes: LabNode[]): Rect[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes
    .filter((n) => n.type !== "hostFrame")
    .map((n) => {
      const parent = n.parentId ? byId.get(n.parentId) : undefined;
      return { id: n.id, x: n.position.x + (parent?.position.x ?? 0), y: n.position.y + (parent?.position.y ?? 0), w: n.width!, h: n.height! };
    });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function assertNoOverlap(nodes: LabNode[]): void {
  const rects = cards(nodes);
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) assert.ok(!overlaps(rects[i], rects[j]), `${rects[i].id} overlaps ${rects[j].id}`);
}

function assertInsideFrame(nodes: LabNode[]): void {
  const frame = nodes.find((n) => n.id === nodeIds.frame)!;
  for (const n of nodes.filter((c) => c.parentId === nodeIds.frame)) {
    assert.ok(n.position.x >= 0 && n.position.y >= 0, `${n.id} starts inside the frame`);
    assert.ok(n.position.x + n.width! <= frame.width! && n.position.y + n.height! <= frame.height!, `${n.id} ends inside the frame`);
  }
}

test("the seed lab: host frame with bridge, containers, host port and DPDK port; the server outside", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const ids = nodes.map((n) => n.id).sort();
  assert.deepEqual(ids, ["bridge:u1_br", "dpdk:u1_dpdk0", "endpoint:c1", "endpoint:c2", "endpoint:host", "endpoint:server", "frame:host"]);
  assert.equal(nodes.find((n) => n.id === "endpoint:server")!.parentId, undefined);
  assert.equal(nodes[0].id, nodeIds.frame, "a parent comes before its children");
  assert.deepEqual(edges.map((e) => e.id).sort(), ["internal:host:u1_br", "port:u1_dpdk0", "veth:c1:eth0", "veth:c2:eth0", "wire:u1_dpdk0:server"]);
  const veth = edges.find((e) => e.id === "veth:c1:eth0")!;
  assert.equal(veth.sourceHandle, "c1:eth0");
  assert.equal(veth.targetHandle, "host:u1-c1");
});

test("the seed lab's cards do not overlap and stay inside the frame", () => {
  const { nodes } = buildFlow(seedTopology);
  assertNoOverlap(nodes);
  assertInsideFrame(nodes);
});

test("a 20-container lab splits into two rows and nothing overlaps, also in large-text mode", () => {
  for (const scale of [1, 1.3]) {
    const { nodes, edges } = buildFlow(containerTopology(20), { scale });
    assert.equal(nodes.filter((n) => n.type === "endpoint").length, 21);
    assert.equal(edges.filter((e) => e.data?.kind === "veth").length, 20);
    assertNoOverlap(nodes);
    assertInsideFrame(nodes);
    const ys = new Set(nodes.filter((n) => n.id.startsWith("endpoint:c")).map((n) => n.position.y));
    assert.equal(ys.size, 2);
    const topRow = nodes.filter((n) => n.id.startsWith("endpoint:c") && n.position.y === Math.min(...ys)).sort((a, b) => a.position.x - b.position.x);
    assert.deepEqual(topRow.map((n) => n.id.slice("endpoint:".length)), ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"], "c2 before c10");
  }
});

test("each bridge chip sits under its container, so veths are straight", () => {
  const { nodes } = buildFlow(containerTopology(5));
  const bridge = nodes.find((n) => n.type === "bridge")!;
  if (bridge.type !== "bridge") throw new Error("no bridge");
  for (const chip of bridge.data.chips) {
    const owner = nodes.find((n) => n.type === "endpoint" && n.data.interfaces.some((i) => i.peerId === chip.handleId))!;
    assert.equal(owner.position.x + owner.width! / 2, bridge.position.x + chip.offset);
  }
});

test("a stopped container keeps its card without a veth edge", () => {
  const topology = structuredClone(seedTopology);
  const c1 = topology.endpoints.find((e) => e.name === "c1")!;
  c1.state = "stopped";
  c1.interfaceIds = [];
  topology.interfaces = topology.interfaces.filter((i) => i.owner !== "c1" && i.id !== "host:u1-c1");
  const { nodes, edges } = buildFlow(topology);
  const card = nodes.find((n) => n.id === "endpoint:c1")!;
  assert.equal(card.type === "endpoint" && card.data.endpoint.state, "stopped");
  assert.ok(!edges.some((e) => e.id === "veth:c1:eth0"));
  assertNoOverlap(nodes);
});

test("the same topology always gives the same layout", () => {
  assert.deepEqual(buildFlow(seedTopology), buildFlow(structuredClone(seedTopology)));
});

test("100 containers: ten group cards and the host around the bridge, one wire and one bridge chip per group", () => {
  for (const scale of [1, 1.25]) {
    const { nodes, edges } = buildFlow(containerTopology(100), { scale });
    const groups = nodes.filter((n) => n.type === "endpointGroup");
    assert.deepEqual(groups.map((g) => g.data.group.label).slice(0, 3), ["c1–c10", "c11–c20", "c21–c30"]);
    assert.equal(groups.length, 10);
    assert.deepEqual(nodes.filter((n) => n.type === "endpoint").map((n) => n.id), ["endpoint:host"]);
    const bridgeY = nodes.find((n) => n.type === "bridge")!.position.y;
    assert.deepEqual([groups.filter((g) => g.position.y < bridgeY).length, groups.filter((g) => g.position.y > bridgeY).length], [5, 5], "five above the bridge (and the host), five below");
    assertNoOverlap(nodes);
    assertInsideFrame(nodes);
    const bridge = nodes.find((n) => n.type === "bridge")!;
    if (bridge.type !== "bridge") throw new Error("no bridge");
    assert.deepEqual(bridge.data.otherPorts, [], "the members' ports are the groups', not other ports");
    assert.equal(bridge.data.chips.length, 10);
    for (const g of groups) {
      const chip = bridge.data.chips.find((c) => c.group?.label === g.data.group.label)!;
      assert.equal(g.position.x + g.width! / 2, bridge.position.x + chip.offset, `${g.id}'s wire is straight`);
      assert.ok(edges.some((e) => e.source === g.id && e.targetHandle === chip.handleId && e.data?.serves.length === 10));
    }
  }
});

test("a pair of grouped containers lights their two groups and the bridge", () => {
  const { nodes, edges } = buildFlow(containerTopology(100));
  const path = pathBetween(nodes, edges, "c12", "c57");
  assert.deepEqual([...path.nodeIds].sort(), ["bridge:ub_br", "group:c11", "group:c51"]);
});

test("an expanded group grows into a grid of its members and still nothing overlaps", () => {
  const closed = buildFlow(containerTopology(100));
  const open = buildFlow(containerTopology(100), { expanded: new Set(["group:c21", "group:c91"]) });
  const size = (flow: typeof open, id: string) => flow.nodes.find((n) => n.id === id)!;
  const g = size(open, "group:c21");
  assert.equal(g.type === "endpointGroup" && g.data.expanded, true);
  assert.ok(g.width! > size(closed, "group:c21").width! * 3);
  assert.deepEqual(open.nodes.map((n) => n.id), closed.nodes.map((n) => n.id), "the same cards, so dragged positions and the view are kept");
  assertNoOverlap(open.nodes);
  assertInsideFrame(open.nodes);
  const topRow = open.nodes.filter((n) => n.type === "endpointGroup" && n.position.y < size(open, "bridge:ub_br").position.y);
  const bottoms = new Set(topRow.map((n) => n.position.y + n.height!));
  assert.equal(bottoms.size, 1, "the top row's cards all end just above the bridge");
});
