import { test } from "node:test";
import assert from "node:assert/strict";
import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import type { BadPacket, CsumWatch } from "../probes/csum-watch/csum-watch";
import type { SnmpCounters } from "../probes/parse-snmp";
import { interleave, runWatchedProbes } from "./run-watched-probes";
import type { DropVerdict } from "./verdict";

test("interleave: the k-th target of every source before the k+1-th", () => {
  const pairs = ["a>b", "a>c", "b>a", "b>c", "c>a"].map((p) => ({ from: p[0], to: p[2] }));
  assert.deepEqual(interleave(pairs).map((p) => `${p.from}>${p.to}`), ["a>b", "b>a", "c>a", "a>c", "b>c"]);
});

const PORT = 47_007;
const ADDRESS: Record<string, string> = { a: "10.0.0.1", b: "10.0.0.2" };

/** Agents that never answer by themselves: the test says when a probe is bound and what the counters read. */
function fakeLab() {
  const csum: Record<string, number> = { a: 0, b: 0 };
  const probes: { from: string; id: number; bound: (port: number) => void; answer: (o: ProbeOutcome) => void; cancelled: boolean }[] = [];
  let nextId = 1;
  const agent = (name: string) =>
    ({
      netnsPath: `/proc/${name}/ns/net`,
      counters: () => ({ tcp: { inCsumErrors: csum[name] }, udp: { inCsumErrors: 0 } }) as unknown as SnmpCounters,
      startProbe: (_req: unknown, onBound: (port: number) => void) => {
        const id = nextId++;
        let answer: (o: ProbeOutcome) => void = () => undefined;
        const promise = new Promise<ProbeOutcome[]>((resolve) => (answer = (o) => resolve([o])));
        probes.push({ from: name, id, bound: onBound, answer, cancelled: false });
        return { id, answer: promise };
      },
      cancel: (id: number) => {
        const p = probes.find((q) => q.id === id)!;
        p.cancelled = true;
        p.answer({ target: "", ok: false, rttMs: null, error: "failed", detail: "cancelled" });
      },
    }) as unknown as AgentProcess;
  const agents = new Map([["a", agent("a")], ["b", agent("b")]]);
  let report: (p: BadPacket) => void = () => undefined;
  const watch = {
    open: async (_ns: unknown, onBad: (p: BadPacket) => void) => {
      report = onBad;
      return { errors: [null, null], sync: async () => 0, end: async () => 0 };
    },
  } as unknown as CsumWatch;
  const synAck = (to: string, dport: number, at: number): BadPacket => ({ at, proto: "tcp", src: ADDRESS[to], sport: PORT, dst: "", dport, syn: true, ack: true, sum: "0x1111", want: "0x2222" });
  return { csum, probes, agents, watch, report: (p: BadPacket) => report(p), synAck };
}

const endpoints = [{ name: "a", ipv4: ADDRESS.a }, { name: "b", ipv4: ADDRESS.b }];
const tick = () => new Promise((r) => setTimeout(r, 5));

test("a SYN/ACK seen before its probe said its port is matched when it does; a stray one for another port is blamed on no probe", async () => {
  const lab = fakeLab();
  const results: (ProbeOutcome | DropVerdict)[] = [];
  const run = runWatchedProbes(endpoints, new Map([["tcp", [{ from: "a", to: "b" }]]]), {
    timeoutMs: 1000,
    port: PORT,
    agents: lab.agents,
    watch: lab.watch,
    last: true,
    onResult: (_p, _f, _t, r) => results.push(r),
  });
  await tick();
  const [probe] = lab.probes;
  // A SYN/ACK from an earlier run's connection request (port 40000) arrives at a, and this probe's (40001) too, before a's agent said its port.
  lab.report(lab.synAck("b", 40_000, 0));
  lab.report(lab.synAck("b", 40_001, 0));
  lab.csum.a += 2;
  await tick();
  assert.equal(results.length, 0, "nothing is judged before the port is known");
  probe.bound(40_001);
  await run;
  assert.equal(results.length, 1);
  const verdict = results[0] as DropVerdict;
  assert.equal(verdict.error, "bad-checksum");
  assert.equal(verdict.droppedBy, "a");
  assert.deepEqual(verdict.evidence.packet, { kind: "SYN/ACK", checksum: "0x1111", expected: "0x2222" });
  assert.equal(probe.cancelled, true, "its socket is closed at once");
});

test("a drop the counter does not show is not a verdict: the pair comes back to be run again", async () => {
  const lab = fakeLab();
  const results: (ProbeOutcome | DropVerdict)[] = [];
  const run = runWatchedProbes(endpoints, new Map([["tcp", [{ from: "a", to: "b" }]]]), {
    timeoutMs: 1000,
    port: PORT,
    agents: lab.agents,
    watch: lab.watch,
    last: false,
    onResult: (_p, _f, _t, r) => results.push(r),
  });
  await tick();
  lab.probes[0].bound(40_002);
  lab.report(lab.synAck("b", 40_002, 0)); // a's counter never moves
  const again = await run;
  assert.deepEqual(results, []);
  assert.deepEqual(again.get("tcp"), [{ from: "a", to: "b" }]);
});
