import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAgentReply, truncateLine, unansweredOutcomes } from "./parse-agent-reply";

test("protocol lines parse to replies", () => {
  assert.deepEqual(parseAgentReply('{"kind":"ready","pid":12,"bind":"10.0.0.1","port":47007}'), { kind: "ready", pid: 12, bind: "10.0.0.1", port: 47007 });
  assert.deepEqual(parseAgentReply('{"kind":"links-changed"}'), { kind: "links-changed" });
  const result = parseAgentReply('{"kind":"result","id":3,"outcomes":[{"target":"10.0.0.2","ok":false,"rttMs":null,"error":"refused"}]}');
  assert.equal(result?.kind, "result");
  assert.deepEqual(parseAgentReply('{"kind":"ready","pid":12,"bind":"10.0.0.1","port":47007,"synackRetries":0}'), { kind: "ready", pid: 12, bind: "10.0.0.1", port: 47007, synackRetries: 0 });
});

test("anything else is not the protocol", () => {
  for (const line of ["", "hello", "Error: boom", "{", "null", "[]", '{"kind":"result","id":"3","outcomes":[]}', '{"kind":"shout"}', '{"kind":"result","id":1,"outcomes":[{"target":"x","ok":true,"rttMs":1,"error":"bogus"}]}'])
    assert.equal(parseAgentReply(line), null, line);
});

test("a long stray line is cut for the log", () => {
  const cut = truncateLine("x".repeat(1000));
  assert.ok(cut.length < 230);
  assert.match(cut, /\(1000 chars\)$/);
  assert.equal(truncateLine("short"), "short");
});

test("an unanswered probe fails for each of its targets, with the reason", () => {
  const why = "the probe agent for c1 exited";
  assert.deepEqual(unansweredOutcomes({ kind: "icmp", targets: ["a", "b"] }, why).map((o) => [o.target, o.ok, o.error, o.detail]), [
    ["a", false, "no-agent", why],
    ["b", false, "no-agent", why],
  ]);
  assert.equal(unansweredOutcomes({ kind: "tcp", target: "a" }, why).length, 1);
});
