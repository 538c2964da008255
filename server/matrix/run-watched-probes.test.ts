import { test } from "node:test";
import assert from "node:assert/strict";
import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import type { SocketProbeEnd, SocketProbeRun, SocketProber, SocketRunEnd } from "../probes/socket-prober/socket-prober";
import type { SnmpCounters } from "../probes/parse-snmp";
import { interleave, runWatchedProbes } from "./run-watched-probes";
import type { DropVerdict } from "./verdict";

test("interleave: the k-th target of every source before the k+1-th", () => {
  const pairs = ["a>b", "a>c", "b>a", "b>c", "c>a"].map((p) => ({ from: p[0], to: p[2] }));
  assert.deepEqual(interleave(pairs).map((p) => `${p.from}>${p.to}`), ["a>b", "b>a", "c>a", "a>c", "b>c"]);
});

const PORT = 47_007;

/** A prober the test drives: it hears the run, then says how each probe ended and how the run did. */
function fakeLab(counters: Record<string, number>) {
  const csum = { ...counters };
  let hear: (end: SocketProbeEnd) => void = () => undefined;
  let finish: (end: SocketRunEnd) => void = () => undefined;
  let asked: SocketProbeRun | null = null;
  const prober = {
    run: (run: SocketProbeRun, onEnd: (end: SocketProbeEnd) => void) => {
      asked = run;
      hear = onEnd;
      return new Promise<SocketRunEnd>((resolve) => (finish = resolve));
    },
  } as unknown as SocketProber;
  const agent = (name: string) =>
    ({
      netnsPath: `/proc/${name}/ns/net`,
      counters: () => ({ tcp: { inCsumErrors: csum[name] }, udp: { inCsumErrors: 0 } }) as unknown as SnmpCounters,
    }) as unknown as AgentProcess;
  const agents = new Map(Object.keys(counters).map((n) => [n, agent(n)]));
  return { csum, prober, agents, asked: () => asked!, hear: (end: SocketProbeEnd) => hear(end), finish: (end: SocketRunEnd) => finish(end) };
}

const endpoints = [
  { name: "a", ipv4: "10.0.0.1" },
  { name: "b", ipv4: "10.0.0.2" },
];
const tick = () => new Promise((r) => setTimeout(r, 5));

function start(lab: ReturnType<typeof fakeLab>, pairs: [string, string][], last: boolean) {
  const results: { pair: string; result: ProbeOutcome | DropVerdict }[] = [];
  const again = runWatchedProbes(endpoints, new Map([["tcp", pairs.map(([from, to]) => ({ from, to }))]]), {
    timeoutMs: 200,
    port: PORT,
    agents: lab.agents,
    prober: lab.prober,
    last,
    onResult: (_p, from, to, result) => results.push({ pair: `${from}>${to}`, result }),
  });
  return { results, again };
}

test("the run names namespaces by index; a drop the counter covers is a verdict with the packet, an answer is itself", async () => {
  const lab = fakeLab({ a: 10, b: 0 });
  const { results, again } = start(lab, [["a", "b"], ["b", "a"]], true);
  await tick();
  assert.deepEqual(lab.asked().namespaces, [{ netns: "/proc/a/ns/net", address: "10.0.0.1" }, { netns: "/proc/b/ns/net", address: "10.0.0.2" }]);
  assert.deepEqual(lab.asked().probes, [["tcp", 0, 1], ["tcp", 1, 0]]);
  lab.csum.a += 1;
  lab.hear({ i: 0, ok: false, error: "bad-checksum", at: 0, side: "from", sum: "0x1111", want: "0x2222" });
  lab.hear({ i: 1, ok: true, rttMs: 0.2 });
  lab.finish({ lost: 0, watchErrors: [null, null] });
  assert.deepEqual(await again, new Map());
  const verdict = results.find((r) => r.pair === "a>b")!.result as DropVerdict;
  assert.equal(verdict.droppedBy, "a");
  assert.deepEqual(verdict.evidence.packet, { kind: "SYN/ACK", checksum: "0x1111", expected: "0x2222" });
  assert.match(verdict.detail, /^a's kernel dropped the SYN\/ACK for a bad checksum/);
  assert.equal(results.find((r) => r.pair === "b>a")!.result.ok, true);
});

test("a drop its counter does not show, a silence while the watch lost packets and probes the prober never answered come back to be run again", async () => {
  const lab = fakeLab({ a: 0, b: 0 });
  const { results, again } = start(lab, [["a", "b"], ["b", "a"]], false);
  await tick();
  lab.hear({ i: 0, ok: false, error: "bad-checksum", at: 1, side: "to", sum: "0x1111", want: "0x2222" }); // b's counter never moves
  lab.finish({ lost: 3, watchErrors: [null, null] });
  const pairs = (map: Map<string, { from: string; to: string }[]>) => (map.get("tcp") ?? []).map((p) => `${p.from}>${p.to}`).sort();
  assert.deepEqual(pairs(await again), ["a>b", "b>a"]);
  assert.deepEqual(results, []);

  const lab2 = fakeLab({ a: 0, b: 0 });
  const second = start(lab2, [["a", "b"], ["b", "a"]], false);
  await tick();
  lab2.hear({ i: 1, ok: false, error: "timeout" });
  lab2.hear({ i: 0, ok: true, rttMs: 0.3 });
  lab2.finish({ lost: 0, watchErrors: [null, null] });
  assert.deepEqual(pairs(await second.again), ["b>a"], "a silence is tried again even where the watch saw everything");
  assert.deepEqual(second.results.map((r) => [r.pair, r.result.ok]), [["a>b", true]]);
});

test("on the last attempt a silence is an outcome: as it is where the watch saw everything, with a note where it lost packets", async () => {
  for (const [lost, note] of [[0, false], [2, true]] as const) {
    const lab = fakeLab({ a: 0, b: 0 });
    const { results, again } = start(lab, [["a", "b"]], true);
    await tick();
    lab.hear({ i: 0, ok: false, error: "timeout" });
    lab.finish({ lost, watchErrors: [null, null] });
    assert.deepEqual(await again, new Map());
    assert.equal(results.length, 1);
    assert.equal(results[0].result.error, "timeout");
    assert.equal(/could not see every packet/.test(results[0].result.detail ?? ""), note, `lost ${lost}`);
  }
});
