import { test } from "node:test";
import assert from "node:assert/strict";
import type { SnmpCounters } from "../probes/parse-snmp";
import { judgeStar, type StarLeaf, type StarLook } from "./star-verdicts";

const c = (csum: number, sent: number): SnmpCounters => ({ tcp: { inCsumErrors: csum, outSegs: sent, retransSegs: 0 }, udp: { inCsumErrors: 0, outDatagrams: 0 } });
const leaf = (state: StarLeaf["state"], before: [number, number], now: [number, number]): StarLeaf => ({ state, before: c(...before), now: c(...now) });
const look = (hub: [number, number], leaves: StarLeaf[], hubJudged = 0): StarLook => ({ protocol: "tcp", hub: { before: c(10, 100), now: c(10 + hub[0], 100 + hub[1]) }, hubJudged, leaves });
const plain = (j: ReturnType<typeof judgeStar>) => ({ leafDrops: Object.fromEntries(j.leafDrops), hubDrops: j.hubDrops, unclear: j.unclear });

test("hub c1 with its offload on sends to three leaves: each leaf's counter names its own probe", () => {
  const j = judgeStar(look([0, 3], [leaf("running", [0, 0], [1, 0]), leaf("running", [5, 9], [6, 9]), leaf("running", [0, 0], [0, 0])]));
  assert.deepEqual(plain(j), { leafDrops: { 0: 1, 1: 1 }, hubDrops: [], unclear: [] });
});

test("hub c1 with its offload off: the leaves that answered with a bad SYN/ACK are found by counting at the hub", () => {
  // Leaves 0 and 2 sent a SYN/ACK; leaf 1 has not answered yet.
  const early = look([1, 3], [leaf("running", [0, 0], [0, 1]), leaf("running", [0, 0], [0, 0]), leaf("running", [0, 0], [0, 1])]);
  assert.deepEqual(plain(judgeStar(early)), { leafDrops: {}, hubDrops: [], unclear: [] }, "one drop counted for two candidates: wait");
  const later = look([2, 3], [leaf("running", [0, 0], [0, 1]), leaf("running", [0, 0], [0, 0]), leaf("running", [0, 0], [0, 1])]);
  assert.deepEqual(plain(judgeStar(later)), { leafDrops: {}, hubDrops: [0, 2], unclear: [] });
});

test("a candidate that answers after all is no longer counted; drops already judged are not counted twice", () => {
  const answered = look([1, 3], [leaf("running", [0, 0], [0, 1]), leaf("settled", [0, 0], [0, 3])]);
  assert.deepEqual(judgeStar(answered).hubDrops, [0]);
  const rest = look([2, 3], [leaf("settled", [0, 0], [0, 1]), leaf("running", [0, 0], [0, 1])], 1);
  assert.deepEqual(judgeStar(rest).hubDrops, [1]);
});

test("fewer drops than candidates once every probe is over: unclear, nothing guessed", () => {
  const j = judgeStar(look([1, 2], [leaf("silent", [0, 0], [0, 1]), leaf("silent", [0, 0], [0, 1])]));
  assert.deepEqual(plain(j), { leafDrops: {}, hubDrops: [], unclear: [0, 1] });
});

test("more drops at the hub than candidates (the shared root namespace moved for someone else): unclear once over", () => {
  const running = look([3, 2], [leaf("running", [0, 0], [0, 1])]);
  assert.deepEqual(plain(judgeStar(running)), { leafDrops: {}, hubDrops: [], unclear: [] });
  const over = look([3, 2], [leaf("silent", [0, 0], [0, 1])]);
  assert.deepEqual(judgeStar(over).unclear, [0]);
});

test("silence with no counter moving: nothing to judge, each probe keeps its own outcome", () => {
  const j = judgeStar(look([0, 1], [leaf("silent", [0, 0], [0, 0]), leaf("silent", [0, 0], [0, 1])]));
  assert.deepEqual(plain(j), { leafDrops: {}, hubDrops: [], unclear: [] });
});

test("a leaf that never sent cannot have lost anything at the hub", () => {
  const j = judgeStar(look([1, 2], [leaf("silent", [0, 0], [0, 0]), leaf("running", [0, 0], [0, 1])]));
  assert.deepEqual(j.hubDrops, [1]);
});

test("a leaf's drop where the hub finishes its checksums is a stray (an earlier probe's late retransmission): unclear, not blamed", () => {
  const stray = { ...leaf("running", [0, 0], [2, 0]), hubMayBreak: false };
  assert.deepEqual(plain(judgeStar(look([0, 1], [stray]))), { leafDrops: {}, hubDrops: [], unclear: [0] });
});

test("at the hub, leaves that finish their checksums are no candidates: a silent one among offloading ones is not given a drop", () => {
  // c20 is the hub; leaves 0 and 1 offload (their SYN/ACKs are bad), leaf 2 does not and timed out for another reason.
  const offloading = (): StarLeaf => ({ ...leaf("silent", [0, 0], [0, 1]), leafMayBreak: true });
  const clean: StarLeaf = { ...leaf("silent", [0, 0], [0, 1]), leafMayBreak: false };
  // Three drops counted for two candidates (one retransmitted SYN counted twice): unclear, the clean one not among the blamed.
  assert.deepEqual(plain(judgeStar(look([3, 3], [offloading(), offloading(), clean]))), { leafDrops: {}, hubDrops: [], unclear: [0, 1] });
  assert.deepEqual(plain(judgeStar(look([2, 3], [offloading(), offloading(), clean]))), { leafDrops: {}, hubDrops: [0, 1], unclear: [] });
});
