import { test } from "node:test";
import assert from "node:assert/strict";
import { planStarRounds, type Pair } from "./star-rounds";

const names = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? "host" : `c${i}`));
const allPairs = (eps: string[]): Pair[] => eps.flatMap((a) => eps.filter((b) => b !== a).map((b) => ({ from: a, to: b })));
const isHost = (n: string) => n === "host";

function assertStars(pairs: Pair[], rounds: ReturnType<typeof planStarRounds>) {
  const seen = rounds.flatMap((r) => r.probes.map((p) => `${p.from}>${p.to}`));
  assert.equal(seen.length, pairs.length);
  assert.deepEqual(new Set(seen), new Set(pairs.map((p) => `${p.from}>${p.to}`)));
  for (const r of rounds) {
    const leaves = r.probes.map((p) => {
      assert.ok(p.from === r.hub || p.to === r.hub, `${p.from}>${p.to} is not at hub ${r.hub}`);
      return p.from === r.hub ? p.to : p.from;
    });
    assert.equal(new Set(leaves).size, leaves.length, `a leaf twice in ${r.hub}'s round`);
    assert.ok(!leaves.includes("host"), `host is a leaf in ${r.hub}'s round`);
  }
}

for (const n of [2, 4, 5, 21]) {
  test(`${n} endpoints with the host: every ordered pair once, one probe per leaf, the host only a hub, n + 1 rounds`, () => {
    const pairs = allPairs(names(n));
    const rounds = planStarRounds(pairs, isHost);
    assertStars(pairs, rounds);
    assert.equal(rounds.length, n === 2 ? 2 : n + 1);
    assert.equal(rounds[0].hub, "host");
  });
}

test("the seed: the host's two rounds, then one per endpoint, their probes outgoing", () => {
  const rounds = planStarRounds(allPairs(["host", "c1", "c2", "server"]), isHost);
  assert.deepEqual(rounds.map((r) => `${r.hub}: ${r.probes.map((p) => `${p.from}>${p.to}`).join(" ")}`), [
    "host: host>c1 host>c2 host>server",
    "host: c1>host c2>host server>host",
    "c1: c1>c2 c1>server",
    "c2: c2>c1 c2>server",
    "server: server>c1 server>c2",
  ]);
});

test("an offload toggle's re-test (c1's 40 pairs) takes four rounds: c1 out, c1 in, and the host's two; one pair, one round", () => {
  const pairs = allPairs(names(21)).filter((p) => p.from === "c1" || p.to === "c1");
  const rounds = planStarRounds(pairs, isHost);
  assertStars(pairs, rounds);
  assert.equal(rounds.length, 4, "c1's pairs with the host go in the host's rounds");
  assert.deepEqual(planStarRounds([{ from: "c1", to: "c2" }], isHost).map((r) => r.probes.length), [1]);
});
