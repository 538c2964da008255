import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFlow } from "./build-flow";
import { ovnCaption } from "./build-hosts-flow";
import { pathBetween } from "./path-highlight";
import { affectedPairs } from "./affected-pairs";
import type { BridgeNode, HostFrameNode, LabFlow, LabNode } from "./flow-types";
import { twoHostTopology } from "./fixtures/two-host-topology";

const node = (flow: LabFlow, id: string): LabNode => {
  const n = flow.nodes.find((x) => x.id === id);
  assert.ok(n, `a node ${id}`);
  return n;
};
const absolute = (nodes: LabNode[], n: LabNode) => {
  const parent = nodes.find((p) => p.id === n.parentId);
  return { x: n.position.x + (parent?.position.x ?? 0), y: n.position.y + (parent?.position.y ?? 0), w: n.width!, h: n.height! };
};
const inside = (outer: ReturnType<typeof absolute>, inner: ReturnType<typeof absolute>) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

test("two hosts: a frame per host titled with its chassis and underlay, each holding its br_int and its endpoints", () => {
  const flow = buildFlow(twoHostTopology);
  const frames = flow.nodes.filter((n): n is HostFrameNode => n.type === "hostFrame");
  assert.deepEqual(frames.map((f) => [f.id, f.data.label, f.data.chassis, f.data.underlay]), [
    ["frame:host:a", "host a", "mhg-a", "10.77.223.1"],
    ["frame:host:b", "host b", "mhg-b", "10.77.223.2"],
  ]);
  const parentOf = (id: string) => node(flow, id).parentId;
  assert.deepEqual(["bridge:a/br_int", "endpoint:c1", "endpoint:c2"].map(parentOf), ["frame:host:a", "frame:host:a", "frame:host:a"]);
  assert.deepEqual(["bridge:b/br_int", "endpoint:c3", "dpdk:b/dpdk0"].map(parentOf), ["frame:host:b", "frame:host:b", "frame:host:b"]);
  // The server stands for a machine behind host b's DPDK port: right of host b's frame, not in host a's.
  const [a, b, server] = ["frame:host:a", "frame:host:b", "endpoint:server"].map((id) => absolute(flow.nodes, node(flow, id)));
  assert.ok(a.x + a.w < b.x && b.x + b.w < server.x, "host a, then host b, then the server");
  for (const id of ["bridge:a/br_int", "endpoint:c1", "endpoint:c2"]) assert.ok(inside(a, absolute(flow.nodes, node(flow, id))), `${id} inside host a`);
  for (const id of ["bridge:b/br_int", "endpoint:c3", "dpdk:b/dpdk0"]) assert.ok(inside(b, absolute(flow.nodes, node(flow, id))), `${id} inside host b`);
  const bridge = node(flow, "bridge:a/br_int") as BridgeNode;
  assert.equal(bridge.data.label, "br_int");
  // Only the endpoints' ports: br_int's internal port and its tunnels (to this lab's host and another lab's) are no chips.
  assert.deepEqual(bridge.data.chips.map((c) => c.handleId), ["host:a:mhg-c1", "host:a:mhg-c2"]);
  assert.deepEqual(bridge.data.otherPorts, []);
});

test("two hosts: each veth ends on its own host's br_int, the server's wire on host b's DPDK port, one Geneve tunnel between the hosts", () => {
  const flow = buildFlow(twoHostTopology);
  const wires = flow.edges.filter((e) => e.data?.kind !== "tunnel").map((e) => `${e.data?.kind} ${e.source} > ${e.target}:${e.targetHandle}`);
  assert.deepEqual(wires.sort(), [
    "bridge-port dpdk:b/dpdk0 > bridge:b/br_int:dpdk:dpdk0",
    "dpdk-wire dpdk:b/dpdk0 > endpoint:server:server:eth0",
    "veth endpoint:c1 > bridge:a/br_int:host:a:mhg-c1",
    "veth endpoint:c2 > bridge:a/br_int:host:a:mhg-c2",
    "veth endpoint:c3 > bridge:b/br_int:host:b:mhg-c3",
  ]);
  const tunnels = flow.edges.filter((e) => e.data?.kind === "tunnel");
  assert.deepEqual(tunnels.map((t) => [t.id, t.source, t.target, t.label]), [["tunnel:a-b", "bridge:a/br_int", "bridge:b/br_int", "Geneve 10.77.223.1 ⇄ 10.77.223.2"]]);
  const handles = (id: string) => (node(flow, id) as BridgeNode).data.tunnels;
  assert.deepEqual([handles("bridge:a/br_int"), handles("bridge:b/br_int")], [[{ handleId: "tunnel:a-b", role: "source" }], [{ handleId: "tunnel:a-b", role: "target" }]]);
});

test("two hosts: the canvas names the OVN logical switch the hosts make", () => {
  const caption = node(buildFlow(twoHostTopology), "caption:lab");
  assert.equal(caption.type, "caption");
  assert.equal((caption.data as { text: string }).text, "OVN logical switch ovslab-mhg over 2 hosts (Geneve)");
});

test("two hosts: a pair across hosts lights the tunnel, a pair on one host does not", () => {
  const flow = buildFlow(twoHostTopology);
  const across = pathBetween(flow.nodes, flow.edges, "c1", "c3");
  assert.ok(across.edgeIds.has("tunnel:a-b"));
  assert.ok(across.nodeIds.has("bridge:a/br_int") && across.nodeIds.has("bridge:b/br_int"));
  const toServer = pathBetween(flow.nodes, flow.edges, "c2", "server");
  assert.ok(toServer.edgeIds.has("tunnel:a-b") && toServer.edgeIds.has("port:b/dpdk0"));
  assert.ok(!pathBetween(flow.nodes, flow.edges, "c1", "c2").edgeIds.has("tunnel:a-b"));
  assert.ok(!pathBetween(flow.nodes, flow.edges, "c3", "server").edgeIds.has("tunnel:a-b"));
});

test("two hosts: a change on a host end inside a host's namespace affects its endpoint's pairs", () => {
  assert.deepEqual(affectedPairs(twoHostTopology, "host:b:mhg-c3").filter(([a]) => a === "c3").map(([, b]) => b).sort(), ["c1", "c2", "server"]);
});

test("a host whose daemons were read says which are not running on its frame; one read before daemons were, nothing", () => {
  const frames = (t: typeof twoHostTopology) => buildFlow(t).nodes.filter((n): n is HostFrameNode => n.type === "hostFrame").map((f) => f.data.daemonsDown);
  assert.deepEqual(frames(twoHostTopology), [[], []]);
  const running = { "ovsdb-server": true, "ovs-vswitchd": true, "ovn-controller": true };
  const hosts = twoHostTopology.hosts!.map((h) => ({ ...h, daemons: h.name === "b" ? { ...running, "ovn-controller": false } : running }));
  assert.deepEqual(frames({ ...twoHostTopology, hosts }), [[], ["ovn-controller"]]);
});

test("the caption names the logical switch, or the router with each network's switch and gateway", () => {
  assert.equal(ovnCaption(twoHostTopology, 2), "OVN logical switch ovslab-mhg over 2 hosts (Geneve)");
  const router = { name: "ovslab-mr-router", networks: [
    { switch: "ovslab-mr", cidr: "10.77.232.0/24", gateway: "10.77.232.1/24", gatewayMac: "0a:00:00:00:00:01", endpoints: ["c1"] },
    { switch: "ovslab-mr-net2", cidr: "10.77.233.0/24", gateway: "10.77.233.1/24", gatewayMac: "0a:00:00:00:00:02", endpoints: ["c2"] },
  ] };
  assert.equal(ovnCaption({ ovn: { logicalSwitch: "ovslab-mr", router } }, 2), "OVN logical router ovslab-mr-router joining ovslab-mr (10.77.232.0/24, gateway 10.77.232.1) and ovslab-mr-net2 (10.77.233.0/24, gateway 10.77.233.1) over 2 hosts (Geneve)");
});
