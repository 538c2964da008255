import { test } from "node:test";
import assert from "node:assert/strict";
import type { ProbeOutcome } from "../probes/agent-protocol";
import { runIcmp, type IcmpRunOptions } from "./run-icmp";

const ok = (target: string): ProbeOutcome => ({ target, ok: true, rttMs: 0.4, error: null });
const silence = (target: string): ProbeOutcome => ({ target, ok: false, rttMs: null, error: "timeout" });

function options(answer: (from: string, to: string, timeoutMs: number) => ProbeOutcome, blocked: string[] = []) {
  const asked: { from: string; to: string[]; timeoutMs: number }[] = [];
  const emitted = new Map<string, string>();
  const o: IcmpRunOptions = {
    timeoutMs: 200,
    retry: true,
    agents: new Map(),
    ipv4: (n) => n,
    probe: async (from, to, timeoutMs) => {
      asked.push({ from, to, timeoutMs });
      return to.map((t) => answer(from, t, timeoutMs));
    },
    blockedOr: (from, to) => (blocked.includes(`${from}>${to}`) ? { error: "switch-down", detail: "ovs-vswitchd is down" } : null),
    emit: (from, to, outcome) => {
      assert.ok(!emitted.has(`${from}>${to}`), `${from}>${to} emitted once`);
      emitted.set(`${from}>${to}`, outcome?.ok ? "ok" : (outcome?.error ?? "no-agent"));
    },
  };
  return { o, asked, emitted };
}

const plan = [
  { from: "a", to: ["b", "c"] },
  { from: "b", to: ["a", "c"] },
];

test("a timeout is asked again with a longer wait, only for the silent pairs, and the second answer is the outcome", async () => {
  // a>c is slow: silent within 200 ms, answered within 1 s. b>c is cut: silent both times.
  const { o, asked, emitted } = options((from, to, timeoutMs) => (to === "c" && (from === "b" || timeoutMs < 1000) ? silence(to) : ok(to)));
  await runIcmp(plan, o);
  assert.deepEqual(Object.fromEntries(emitted), { "a>b": "ok", "a>c": "ok", "b>a": "ok", "b>c": "timeout" });
  assert.deepEqual(
    asked.filter((a) => a.timeoutMs === 1000).map((a) => [a.from, a.to]),
    [
      ["a", ["c"]],
      ["b", ["c"]],
    ],
  );
  assert.equal(asked.filter((a) => a.timeoutMs === 200).length, 2);
});

test("answers other than silence are said at once; a blocked pair is said without a probe; nothing silent, no second pass", async () => {
  const { o, asked, emitted } = options((_f, to) => (to === "c" ? { target: to, ok: false, rttMs: null, error: "unreachable", detail: "Host unreachable from 10.0.0.1" } : ok(to)), ["b>a", "b>c"]);
  await runIcmp(plan, o);
  assert.deepEqual(Object.fromEntries(emitted), { "a>b": "ok", "a>c": "unreachable", "b>a": "switch-down", "b>c": "switch-down" });
  assert.deepEqual(asked, [{ from: "a", to: ["b", "c"], timeoutMs: 200 }], "b's pairs are all blocked: b sends nothing");
});
