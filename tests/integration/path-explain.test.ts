import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";
import type { PathExplanation } from "../../lib/contracts/path-explain";

/**
 * "Explain the path" on the real daemons: lab px (port 3430, 10.77.130.0/24), the seed's shape.
 * Faults are planted by hand with ovs-ofctl, ovs-vsctl and ip, as a user would, and removed after.
 */
const LAB = "px";
const BRIDGE = `${LAB}_br`;
const RUN_DIR = process.env.OVS_RUNDIR ?? "/var/run/openvswitch";
const MGMT = (bridge: string) => `unix:${RUN_DIR}/${bridge}.mgmt`;
const COOKIE = "0x7e57";
let server: TestServer;

const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });
const vsctl = (...args: string[]) => sh("ovs-vsctl", args);
const containerOf = (name: string) => `ovslab-${LAB}-${name}`;
const containerPid = (name: string) => sh("docker", ["inspect", "-f", "{{.State.Pid}}", containerOf(name)]).trim();
/** `ip link set` inside a container's namespace (endpoint side) or on the host (the veth's bridge end). */
const setMtu = (name: string, mtu: number) => {
  sh("nsenter", [`--net=/proc/${containerPid(name)}/ns/net`, "ip", "link", "set", "dev", "eth0", "mtu", String(mtu)]);
  sh("ip", ["link", "set", "dev", `${LAB}-${name}`, "mtu", String(mtu)]);
};

async function explain(body: Record<string, unknown>): Promise<PathExplanation> {
  const r = await server.post<PathExplanation>("/api/path-explain", { timeoutMs: 1000, ...body });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}
const diedAt = (p: PathExplanation) => (p.died ? p.hops[p.died.hop] : null);
const show = (p: PathExplanation) => `${p.headline}\n${p.hops.map((h) => `${h.label} [${h.counters.join(", ")}]`).join("\n")}`;

describe("path explanation on the real seed-like lab", () => {
  before(async () => {
    server = await startTestServer(LAB, 3430);
    const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, "10.77.130") });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    sh("ovs-ofctl", ["del-flows", MGMT(BRIDGE), `cookie=${COOKIE}/-1`]);
    vsctl("--if-exists", "del-br", "pxb1");
    vsctl("--if-exists", "del-port", BRIDGE, "px-pa");
    await server?.stop();
  });

  test("a working cell: the path ends at the receiver's port and its counters moved", async () => {
    const p = await explain({ from: "c1", to: "c2", protocol: "icmp" });
    assert.equal(p.probe.ok, true, show(p));
    assert.equal(p.cause, "works");
    assert.equal(p.died, null);
    assert.deepEqual(p.hops.map((h) => h.kind), ["endpoint", "port", "bridge", "port", "endpoint"]);
    const out = p.hops[3];
    assert.equal(out.port, `${LAB}-c2`);
    assert.equal(out.interfaceId, `host:${LAB}-c2`);
    assert.ok(out.counters.some((c) => /^tx \+\d+$/.test(c)), show(p));
    assert.ok(p.hops[1].counters.some((c) => /^rx \+\d+$/.test(c)), show(p));
    assert.ok((p.hops[2].rules[0]?.packetsDelta ?? 0) >= 1, "the NORMAL rule counted the echo");
    assert.match(p.trace.flow, /^in_port=px-c1,icmp,dl_src=[0-9a-f:]{17},dl_dst=[0-9a-f:]{17},nw_src=10\.77\.130\.8,nw_dst=10\.77\.130\.7/);
  });

  test("the seed's TX offload bug: the receiver refused the checksum", async () => {
    const p = await explain({ from: "c1", to: "c2", protocol: "tcp" });
    assert.equal(p.died?.death, "checksum-refused", show(p));
    assert.equal(diedAt(p)?.endpoint, "c2");
    assert.equal(p.cause, "checksum-offload");
    assert.ok(p.evidence.some((e) => /Tcp InCsumErrors \+\d+ in c2/.test(e)), p.evidence.join("\n"));
    assert.deepEqual(p.fixes[0], { kind: "offload", interfaceId: "c1:eth0", changes: { tx: false }, label: "Turn TX checksum offload off on c1:eth0" });
  });

  test("an OpenFlow drop rule is named by its flow, and its delete fix is the flow list's id", async () => {
    sh("ovs-ofctl", ["add-flow", MGMT(BRIDGE), `cookie=${COOKIE},priority=100,icmp,nw_src=10.77.130.8,nw_dst=10.77.130.7,actions=drop`]);
    try {
      const p = await explain({ from: "c1", to: "c2", protocol: "icmp" });
      assert.equal(p.died?.death, "flow-drop", show(p));
      assert.equal(diedAt(p)?.label, `bridge ${BRIDGE}`);
      assert.match(p.died!.reason, /priority=100, icmp,nw_src=10\.77\.130\.8,nw_dst=10\.77\.130\.7, cookie=0x7e57, actions=drop/);
      assert.equal(diedAt(p)?.rules[0].packetsDelta, 1, "the drop rule counted the probe");
      assert.ok(p.hops.slice(p.died!.hop + 1).every((h) => !h.reached));
      const fix = p.fixes[0];
      assert.equal(fix.kind, "flow-delete");
      const del = await server.del(`/api/flows/${fix.kind === "flow-delete" ? fix.flowId : ""}`);
      assert.equal(del.status, 200, JSON.stringify(del.body));
      assert.equal((await explain({ from: "c1", to: "c2", protocol: "icmp" })).probe.ok, true, "works once the rule is gone");
    } finally {
      sh("ovs-ofctl", ["del-flows", MGMT(BRIDGE), `cookie=${COOKIE}/-1`]);
    }
  });

  test("a VLAN tag on the receiver's port: the hop where the VLAN does not match", async () => {
    vsctl("set", "port", `${LAB}-c2`, "tag=20");
    try {
      const p = await explain({ from: "c1", to: "c2", protocol: "icmp" });
      assert.equal(p.died?.death, "vlan-mismatch", show(p));
      assert.equal(diedAt(p)?.port, `${LAB}-c2`);
      assert.match(p.died!.reason, /px-c2 is VLAN 20, the packet from c1 travels untagged/);
      assert.deepEqual(p.fixes[0], { kind: "port-tag", port: `${LAB}-c2`, tag: null, label: "Untag px-c2 (as c1's port)" });
    } finally {
      vsctl("remove", "port", `${LAB}-c2`, "tag", "20");
    }
  });

  test("MTU 9000 at the sender, 1500 at the receiver: a 4000-byte probe dies at the receiver's bridge port", async () => {
    setMtu("c1", 9000);
    setMtu("c2", 1500);
    try {
      const p = await explain({ from: "c1", to: "c2", protocol: "icmp", sizeBytes: 4000 });
      assert.equal(p.probe.ok, false, show(p));
      assert.equal(p.died?.death, "mtu-exceeded", show(p));
      assert.equal(diedAt(p)?.interfaceId, `host:${LAB}-c2`);
      assert.match(p.died!.reason, /a 4000-byte packet does not fit host:px-c2's MTU of 1500/);
      assert.ok(p.fixes.some((f) => f.kind === "mtu" && f.interfaceId === "c1:eth0" && f.mtu === 1500));
      assert.equal((await explain({ from: "c1", to: "c2", protocol: "icmp", sizeBytes: 1400 })).probe.ok, true, "a packet that fits passes");
    } finally {
      setMtu("c1", 1500);
    }
  });

  test("two bridges joined by patch ports: the trace crosses into the second, and a drop rule there is named on it", async () => {
    vsctl("add-br", "pxb1", "--", "set", "bridge", "pxb1", "datapath_type=netdev",
      "--", "add-port", BRIDGE, "px-pa", "--", "set", "interface", "px-pa", "type=patch", "options:peer=px-pb",
      "--", "add-port", "pxb1", "px-pb", "--", "set", "interface", "px-pb", "type=patch", "options:peer=px-pa");
    vsctl("del-port", BRIDGE, `${LAB}-c2`, "--", "add-port", "pxb1", `${LAB}-c2`);
    try {
      const p = await explain({ from: "c1", to: "c2", protocol: "icmp" });
      assert.equal(p.probe.ok, true, show(p));
      assert.deepEqual(p.hops.map((h) => h.bridge ?? h.endpoint), ["c1", BRIDGE, BRIDGE, BRIDGE, "pxb1", "pxb1", "c2"]);
      assert.match(p.hops[3].label, /^patch px-pa → px-pb/);
      assert.equal(p.hops[5].port, `${LAB}-c2`);
      sh("ovs-ofctl", ["add-flow", MGMT("pxb1"), `cookie=${COOKIE},priority=200,icmp,actions=drop`]);
      const dropped = await explain({ from: "c1", to: "c2", protocol: "icmp" });
      assert.equal(dropped.died?.death, "flow-drop", show(dropped));
      assert.equal(diedAt(dropped)?.bridge, "pxb1");
      assert.equal(dropped.fixes[0].kind, "manual", "the lab's flow operation acts on its own bridge only");
    } finally {
      vsctl("--if-exists", "del-br", "pxb1");
      vsctl("--if-exists", "del-port", BRIDGE, "px-pa");
      vsctl("--may-exist", "add-port", BRIDGE, `${LAB}-c2`);
    }
  });
});
