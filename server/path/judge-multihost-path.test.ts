import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseOfprotoTrace } from "../ovs/parse-ofproto-trace";
import { geneveHeaderOf, parseOvnTrace } from "../multihost/parse-ovn-trace";
import { judgeMultiHostPath, type MultiHostPathFacts } from "./judge-multihost-path";
import { flowId } from "../ovs/parse-ofctl-flows";
import type { NetInterface } from "../../lib/contracts/topology";

// Traces recorded on a two-host lab (mhd): c1 on host a, c3 on host b, TCP c1 -> c3.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../multihost/fixtures", name), "utf8");
const c1eth0 = { id: "c1:eth0", offload: { tx: { on: true, fixed: false } } } as unknown as NetInterface;
const sender = parseOfprotoTrace(fixture("ofproto-trace-host-a-c1-c3.txt"));
const facts = (probe: MultiHostPathFacts["probe"]): MultiHostPathFacts => ({
  protocol: "tcp",
  from: { name: "c1", host: "a", ipv4: "10.77.226.8", inner: c1eth0, port: "mhd-c1" },
  to: { name: "c3", host: "b", ipv4: "10.77.226.9", inner: null, port: "mhd-c3" },
  logical: { microflow: 'inport == "mhd-c1"', trace: parseOvnTrace(fixture("ovn-trace-c1-c3-tcp.txt")) },
  sender: { flow: "in_port=mhd-c1", trace: sender },
  tunnel: geneveHeaderOf(sender.datapathActions),
  receiver: { flow: "in_port=ovn-mhd-a-0", trace: parseOfprotoTrace(fixture("ofproto-trace-host-b-from-tunnel.txt")) },
  probe,
});

test("a working cell across hosts: logical hops, then host a's br_int, the tunnel, host b's br_int, each hop with its host", () => {
  const p = judgeMultiHostPath(facts({ ok: true, error: null, rttMs: 1.2 }));
  assert.equal(p.cause, "works");
  assert.deepEqual(p.hops.map((h) => `${h.kind}@${h.host ?? "-"}`), ["endpoint@a", "port@a", "logical@-", "logical@-", "bridge@a", "tunnel@a", "bridge@b", "port@b", "endpoint@b"]);
  assert.equal(p.hops[2].stages?.[1].stage, "ls_in_l2_lkup");
  assert.match(p.hops[5].label, /^Geneve vni 0x3 10\.77\.227\.1 → 10\.77\.227\.2 \(host a → host b\)$/);
  assert.ok(p.hops[4].rules.length > 10 && p.hops[6].rules.length > 5);
  assert.equal(p.died, null);
});

test("a bad checksum across hosts dies at the receiver, with the offload fix on the sender", () => {
  const p = judgeMultiHostPath(facts({ ok: false, error: "bad-checksum", rttMs: null, droppedBy: "c3", evidence: { counter: "Tcp InCsumErrors", delta: 1, endpoint: "c3" } } as MultiHostPathFacts["probe"]));
  assert.equal(p.cause, "checksum-offload");
  assert.equal(p.died?.death, "checksum-refused");
  assert.equal(p.hops[p.died!.hop].endpoint, "c3");
  assert.deepEqual(p.fixes, [{ kind: "offload", interfaceId: "c1:eth0", changes: { tx: false }, label: "Turn TX checksum offload off on c1:eth0" }]);
});

test("a sender host that tunnels nothing is where it died", () => {
  const f = { ...facts({ ok: false, error: "timeout", rttMs: null }), tunnel: null, receiver: null };
  const p = judgeMultiHostPath(f as MultiHostPathFacts);
  assert.equal(p.died?.death, "not-forwarded");
  assert.equal(p.hops[p.died!.hop].host, "a");
});

test("counters read on both hosts around the probe: the ports, the tunnel's two ends and the rules say what moved", () => {
  const stats = (port: string, rx: number, tx: number) => ({ port, rxPackets: rx, txPackets: tx, rxDropped: 0, txDropped: 0, rxErrors: 0, txErrors: 0 });
  const firstRule = sender.bridges[0].rules[0];
  const id = flowId(firstRule.table, firstRule.priority, firstRule.match);
  const flows = (packets: number) => [{ id, packets }] as never;
  const before = new Map([
    ["a", { ports: [stats("mhd-c1", 10, 10), stats("ovn-mhd-b-0", 5, 5)], flows: flows(100) }],
    ["b", { ports: [stats("mhd-c3", 7, 7), stats("ovn-mhd-a-0", 5, 5)], flows: [] }],
  ]);
  const after = new Map([
    ["a", { ports: [stats("mhd-c1", 12, 10), stats("ovn-mhd-b-0", 5, 7)], flows: flows(102) }],
    ["b", { ports: [stats("mhd-c3", 7, 9), stats("ovn-mhd-a-0", 7, 5)], flows: [] }],
  ]);
  const p = judgeMultiHostPath({ ...facts({ ok: false, error: "bad-checksum", rttMs: null }), readings: { before, after, tunnelPorts: { sender: "ovn-mhd-b-0", receiver: "ovn-mhd-a-0" } } });
  const byKind = (kind: string, host: string) => p.hops.find((h) => h.kind === kind && h.host === host)!;
  assert.deepEqual(byKind("port", "a").counters, ["rx +2"]);
  assert.deepEqual(byKind("tunnel", "a").counters, ["host a ovn-mhd-b-0: tx +2", "host b ovn-mhd-a-0: rx +2"]);
  assert.deepEqual(byKind("port", "b").counters, ["tx +2"]);
  const rule = byKind("bridge", "a").rules.find((r) => r.flowId === id);
  assert.equal(rule?.packetsDelta, 2);
  // Without readings (an older answer), no counters and no rule deltas.
  assert.deepEqual(judgeMultiHostPath(facts({ ok: true, error: null, rttMs: 1 })).hops.flatMap((h) => h.counters), []);
});
