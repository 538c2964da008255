import { test } from "node:test";
import assert from "node:assert/strict";
import type { PresenterState } from "../contracts/presenter";
import { cellPair, followedSelection, followLabel, followReducer, initialFollowState, presenterActive } from "./follow-state";

const state = (seq: number, cell: string | null, labId = "ui1"): PresenterState => ({ labId, seq, at: "2026-11-26T00:00:00.000Z", cell, node: null, panel: cell ? "matrix" : null, step: null });

test("a page follows the presenter from the start, once they chose something", () => {
  assert.equal(followedSelection(initialFollowState), null);
  assert.equal(followLabel(initialFollowState), "No presenter yet");
  const s = followReducer(initialFollowState, { kind: "event", state: state(1, "tcp:c1>c2") });
  assert.deepEqual(followedSelection(s), { cell: "tcp:c1>c2", node: null, panel: "matrix", step: null });
  assert.equal(followLabel(s), "Following the presenter");
});

test("an older event never replaces a newer one", () => {
  let s = followReducer(initialFollowState, { kind: "event", state: state(5, "tcp:c1>c2") });
  s = followReducer(s, { kind: "event", state: state(4, "udp:c2>c1") });
  assert.equal(s.latest?.seq, 5);
  s = followReducer(s, { kind: "event", state: state(6, "udp:c2>c1") });
  assert.equal(followedSelection(s)?.cell, "udp:c2>c1");
});

test("the server's answer after a connect replaces everything (a restarted server counts from 1)", () => {
  let s = followReducer(initialFollowState, { kind: "event", state: state(57, "tcp:c1>c2") });
  s = followReducer(s, { kind: "snapshot", state: null });
  assert.equal(followedSelection(s), null);
  s = followReducer(s, { kind: "event", state: state(1, "icmp:host>server") });
  assert.equal(followedSelection(s)?.cell, "icmp:host>server");
});

test("detached, the page keeps its own selection but remembers the presenter's; rejoining shows it again", () => {
  let s = followReducer(initialFollowState, { kind: "event", state: state(1, "tcp:c1>c2") });
  s = followReducer(s, { kind: "detach" });
  assert.equal(followedSelection(s), null);
  assert.equal(followLabel(s), "Detached from the presenter");
  s = followReducer(s, { kind: "event", state: state(2, "udp:c1>c2") });
  assert.equal(followedSelection(s), null);
  s = followReducer(s, { kind: "rejoin" });
  assert.equal(followedSelection(s)?.cell, "udp:c1>c2");
});

test("detaching twice or rejoining while following changes nothing", () => {
  const s = followReducer(initialFollowState, { kind: "rejoin" });
  assert.equal(s, initialFollowState);
  const d = followReducer(initialFollowState, { kind: "detach" });
  assert.equal(followReducer(d, { kind: "detach" }), d);
});

test("a cell key names the pair whose path the graph lights up", () => {
  assert.deepEqual(cellPair("tcp:c1>server"), { from: "c1", to: "server" });
  assert.equal(cellPair("c1>server"), null);
  assert.equal(cellPair(null), null);
});

test("a presenter who cleared their selection is nothing to follow", () => {
  const s = followReducer(initialFollowState, { kind: "event", state: state(3, null) });
  assert.equal(presenterActive(s), false);
  assert.equal(followLabel(s), "No presenter yet");
  assert.equal(presenterActive(followReducer(s, { kind: "event", state: state(4, "tcp:c1>c2") })), true);
});
