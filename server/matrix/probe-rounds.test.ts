import { test } from "node:test";
import assert from "node:assert/strict";
import { PairScheduler, planRounds, type OrderedPair } from "./probe-rounds";

const names = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? "host" : `c${i}`));

for (const n of [2, 3, 4, 5, 21]) {
  test(`${n} endpoints: every ordered pair exactly once, no endpoint twice in a round, 2·(n−1) rounds (2·n when n is odd)`, () => {
    const rounds = planRounds(names(n));
    assert.equal(rounds.length, n % 2 === 0 ? 2 * (n - 1) : 2 * n);
    const seen = rounds.flat().map((p) => `${p.from}>${p.to}`);
    assert.equal(seen.length, n * (n - 1));
    assert.equal(new Set(seen).size, n * (n - 1));
    assert.ok(rounds.flat().every((p) => p.from !== p.to));
    for (const round of rounds) {
      const ends = round.flatMap((p) => [p.from, p.to]);
      assert.equal(new Set(ends).size, ends.length, `an endpoint twice in ${JSON.stringify(round)}`);
    }
  });
}

test("one endpoint or none: nothing to schedule", () => {
  assert.deepEqual(planRounds(["host"]), []);
  assert.deepEqual(planRounds([]), []);
});

test("the seed's four endpoints: six rounds of two probes", () => {
  const rounds = planRounds(["host", "c1", "c2", "server"]);
  assert.deepEqual(rounds.map((r) => r.length), [2, 2, 2, 2, 2, 2]);
});

/** Runs a scheduler to the end with probes that finish in a random order, as a run does. */
function simulate(pairs: OrderedPair[], seed: number) {
  const scheduler = new PairScheduler(pairs);
  const busy = new Set<string>();
  const running: OrderedPair[] = [];
  const done: string[] = [];
  let maxConcurrent = 0;
  let rnd = seed;
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tryTake = (p: OrderedPair) => {
    if (busy.has(p.from) || busy.has(p.to)) return false;
    busy.add(p.from).add(p.to);
    return true;
  };
  running.push(...scheduler.take(tryTake));
  while (running.length > 0) {
    maxConcurrent = Math.max(maxConcurrent, running.length);
    for (const p of running) assert.equal(running.filter((q) => [q.from, q.to].some((n) => n === p.from || n === p.to)).length, 1);
    const [p] = running.splice(Math.floor(random() * running.length), 1);
    done.push(`${p.from}>${p.to}`);
    busy.delete(p.from);
    busy.delete(p.to);
    running.push(...scheduler.take(tryTake, [p.from, p.to]));
  }
  return { done, maxConcurrent, left: scheduler.remaining };
}

test("the scheduler runs every pair once, never one endpoint in two probes at a time, in any order of completion", () => {
  const pairs = planRounds(names(9)).flat();
  for (const seed of [1, 2, 3]) {
    const { done, maxConcurrent, left } = simulate(pairs, seed);
    assert.equal(left, 0);
    assert.equal(done.length, 72);
    assert.equal(new Set(done).size, 72);
    assert.ok(maxConcurrent >= 3, `only ${maxConcurrent} at once`);
  }
});

test("a subset (one endpoint's pairs, as after an offload toggle) runs one at a time, lowest round first", () => {
  const pairs = planRounds(names(4)).flat().filter((p) => p.from === "c1" || p.to === "c1");
  const { done, maxConcurrent } = simulate(pairs, 7);
  assert.equal(done.length, 6);
  assert.equal(maxConcurrent, 1);
});

test("a pair added again waits behind the pairs already waiting at its ends", () => {
  const scheduler = new PairScheduler([{ from: "a", to: "b", round: 0 }, { from: "b", to: "a", round: 1 }]);
  const first = scheduler.take(() => true, ["a"]);
  assert.deepEqual(first.map((p) => `${p.from}>${p.to}`), ["a>b", "b>a"]);
  scheduler.add({ from: "a", to: "b", round: 1_000_000 });
  scheduler.add({ from: "b", to: "a", round: 2 });
  assert.deepEqual(scheduler.take(() => true).map((p) => `${p.from}>${p.to}`), ["b>a", "a>b"]);
});
