import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { startTestServer, type TestServer } from "./harness";
import { twoHostsLabAs } from "../../server/lab/derived-labs";
import type { CaptureResult } from "../../lib/contracts/capture";
import type { Diagnosis } from "../../lib/contracts/diagnosis";
import type { PathExplanation } from "../../lib/contracts/path-explain";

// Lab "mhc", port 3496, endpoints in 10.77.224.0/24, underlay 10.77.225.0/24: this test's own.
const LAB = "mhc";
interface Row { from: string; to: string; protocol: string; ok: boolean; error: string | null; droppedBy?: string }

const spec = () => twoHostsLabAs(LAB, "10.77.224", "10.77.225");

const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });
let server: TestServer;

/** A capture on host a's underlay while one c1 -> c3 TCP probe runs: the Geneve packets carrying it. */
async function underlayDuringProbe(): Promise<{ capture: CaptureResult; probe: Row }> {
  const capturing = server.post<CaptureResult>("/api/captures", { interfaceId: "a:ul0", durationMs: 4000, maxPackets: 50, protocol: "tcp", hosts: ["c1", "c3"] });
  // The capture answers when it ends; tcpdump listens well within a second.
  await new Promise((r) => setTimeout(r, 1200));
  const matrix = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["tcp"], pairs: [["c1", "c3"]], timeoutMs: 1500 });
  assert.equal(matrix.status, 200, JSON.stringify(matrix.body));
  const { status, body } = await capturing;
  assert.equal(status, 200, JSON.stringify(body));
  return { capture: body, probe: matrix.body.results[0] };
}

const synsFromC1 = (c: CaptureResult) => c.packets.filter((p) => p.geneve?.inner?.src === "10.77.224.8" && p.geneve.inner.dst === "10.77.224.9" && p.geneve.inner.tcp?.flags.join("/") === "SYN");

describe("captures, diagnosis and path explanation across two simulated hosts (real OVN, OVS userspace, Docker)", () => {
  before(async () => {
    server = await startTestServer(LAB, 3496);
    const up = await server.post("/api/lab/up", { spec: spec() });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("c1's offload on: host a's underlay shows Geneve packets whose inner TCP checksum is partial", async () => {
    const { capture, probe } = await underlayDuringProbe();
    assert.equal(probe.ok, false);
    assert.match(capture.filter, /^geneve and tcp and host 10\.77\.224\.8 and host 10\.77\.224\.9$/);
    const syns = synsFromC1(capture);
    assert.ok(syns.length >= 1, JSON.stringify(capture.packets.map((p) => p.summary)));
    for (const p of syns) {
      assert.deepEqual([p.protocol, p.src, p.dst, p.udp?.dstPort], ["udp", "10.77.225.1", "10.77.225.2", 6081]);
      assert.equal(p.geneve?.inner?.l4Checksum?.verdict, "partial");
      assert.match(p.summary, /inner TCP checksum partial: offload pending$/);
    }
    console.log(`[multi-host-capture] offload on: ${syns[0].summary}`);
  });

  test("an interface id that names no host, or a host's interface not in discovery, is refused", async () => {
    assert.equal((await server.post("/api/captures", { interfaceId: "z:ul0", durationMs: 500 })).status, 404);
    assert.equal((await server.post("/api/captures", { interfaceId: "a:eth0", durationMs: 500 })).status, 404);
    assert.equal((await server.post("/api/captures", { interfaceId: "a:ul0;reboot", durationMs: 500 })).status, 400);
  });

  test("the path explanation across hosts: a working ICMP cell shows the logical hops and both hosts' br_int", async () => {
    const { status, body: p } = await server.post<PathExplanation>("/api/path-explain", { from: "c1", to: "c3", protocol: "icmp" });
    assert.equal(status, 200, JSON.stringify(p));
    assert.equal(p.cause, "works", p.headline);
    assert.deepEqual(p.hops.map((h) => `${h.kind}@${h.host ?? "-"}`), ["endpoint@a", "port@a", "logical@-", "logical@-", "bridge@a", "tunnel@a", "bridge@b", "port@b", "endpoint@b"]);
    assert.ok(p.hops[2].stages?.some((s) => s.stage === "ls_in_l2_lkup"), JSON.stringify(p.hops[2]));
    assert.match(p.hops[3].label, /egress to mhc-c3/);
    assert.ok(p.hops[4].rules.length > 0 && p.hops[6].rules.length > 0);
    assert.match(p.hops[5].label, /^Geneve vni 0x[0-9a-f]+ 10\.77\.225\.1 → 10\.77\.225\.2 \(host a → host b\)$/);
    assert.ok(p.evidence.some((e) => e.startsWith("ofproto/trace br_int on host b in_port=ovn-mhc-a-0,tun_id=")));
    // Counters read on both hosts around the real probe: the echo went in at c1's port, through the tunnel, out at c3's.
    assert.ok(p.hops[1].counters.some((c) => /^rx \+\d+$/.test(c)), JSON.stringify(p.hops[1]));
    assert.ok(p.hops[5].counters.some((c) => /^host a ovn-mhc-b-0: tx \+\d+$/.test(c)) && p.hops[5].counters.some((c) => /^host b ovn-mhc-a-0: rx \+\d+$/.test(c)), JSON.stringify(p.hops[5]));
    assert.ok(p.hops[7].counters.some((c) => /^tx \+\d+$/.test(c)), JSON.stringify(p.hops[7]));
    assert.ok(p.hops[4].rules.some((r) => (r.packetsDelta ?? 0) > 0), "no rule of host a's br_int counted the probe");
    console.log(`[multi-host-capture] ${p.headline}`);
  });

  test("the failing TCP cell's path dies at c3: checksum refused, fix offload off on c1:eth0", async () => {
    const { status, body: p } = await server.post<PathExplanation>("/api/path-explain", { from: "c1", to: "c3", protocol: "tcp" });
    assert.equal(status, 200, JSON.stringify(p));
    assert.equal(p.died?.death, "checksum-refused", p.headline);
    assert.equal(p.hops[p.died!.hop].endpoint, "c3");
    assert.equal(p.hops[p.died!.hop].host, "b");
    assert.deepEqual(p.fixes.map((f) => f.kind === "offload" && f.interfaceId), ["c1:eth0"]);
  });

  test("why did it fail? names c1:eth0's TX offload with InCsumErrors at c3 and the partial checksum inside Geneve; its fixes turn the cell green", async () => {
    const { status, body: d } = await server.post<Diagnosis>("/api/diagnose", { from: "c1", to: "c3", protocol: "tcp", timeoutMs: 1500 });
    assert.equal(status, 200, JSON.stringify(d));
    assert.equal(d.cause, "checksum-offload", d.headline);
    assert.match(d.headline, /c1:eth0 has TX checksum offload on/);
    assert.ok(d.evidence.some((e) => /InCsumErrors \+\d+ in c3/.test(e)), d.evidence.join("\n"));
    assert.ok(d.evidence.some((e) => /^host a's underlay \(a:ul0\): #\d+ Geneve vni \d+ 10\.77\.225\.1 > 10\.77\.225\.2 carrying 10\.77\.224\.8 > 10\.77\.224\.9 SYN .*inner TCP checksum 0x[0-9a-f]{4} \(partial: offload pending/.test(e)), d.evidence.join("\n"));
    assert.ok(d.captures.some((c) => c.interfaceId === "a:ul0" && c.packetCount > 0));
    assert.deepEqual(d.fixes, [{ kind: "offload", interfaceId: "c1:eth0", changes: { tx: false }, label: "Turn TX checksum offload off on c1:eth0" }]);
    // Apply what each diagnosis offers until the cell is green: c1 first; then c3's SYN/ACK back is the next.
    const applied: string[] = [];
    let current = d;
    for (let round = 0; round < 3 && !current.probe.ok; round++) {
      for (const fix of current.fixes) {
        assert.equal(fix.kind, "offload");
        if (fix.kind !== "offload") continue;
        assert.equal((await server.post(`/api/interfaces/${fix.interfaceId}/offload`, fix.changes)).status, 200);
        applied.push(fix.interfaceId);
      }
      current = (await server.post<Diagnosis>("/api/diagnose", { from: "c1", to: "c3", protocol: "tcp", timeoutMs: 1500 })).body;
    }
    console.log(`[multi-host-capture] fixes applied: ${applied.join(", ")}; then: ${current.headline}`);
    assert.equal(applied[0], "c1:eth0");
    assert.equal(current.cause, "works", current.headline);
    const { body } = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["tcp"], pairs: [["c1", "c3"]], timeoutMs: 1500 });
    assert.equal(body.results[0].ok, true, JSON.stringify(body.results[0]));
  });

  test("c1's offload off: the inner checksum of c1's SYN on the underlay is correct", async () => {
    const { capture } = await underlayDuringProbe();
    const syns = synsFromC1(capture);
    assert.ok(syns.length >= 1, JSON.stringify(capture.packets.map((p) => p.summary)));
    assert.deepEqual([...new Set(syns.map((p) => p.geneve?.inner?.l4Checksum?.verdict))], ["correct"]);
  });

  test("down leaves nothing of mhc", async () => {
    const down = await server.post("/api/lab/down");
    assert.equal(down.status, 200, JSON.stringify(down.body));
    assert.doesNotMatch(sh("ip", ["netns", "list"]), /ovshost-mhc-|ovslab-mhc-/);
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), /ovslab-mhc|mhc-c\d/);
    assert.doesNotMatch(sh("ovn-sbctl", ["show"]), /mhc-a|mhc-b/);
    assert.doesNotMatch(sh("ovs-vsctl", ["list-br"]), /mhc_ul/);
    assert.doesNotMatch(sh("ip", ["-o", "link"]), /mhc-|mhc_u/);
    assert.doesNotMatch(sh("ps", ["-eo", "args"]), /\/run\/ovs-lab\/mhc\/|tcpdump -i ul0/);
    assert.equal(existsSync("/run/ovs-lab/mhc"), false);
  });
});
