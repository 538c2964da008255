import { test } from "node:test";
import assert from "node:assert/strict";
import { failedOutcomes, parseIcmpProberReply } from "./icmp-prober";

test("reads the prober's ready line and its answers; anything else is outside the protocol", () => {
  assert.deepEqual(parseIcmpProberReply('{"ready": true, "pid": 42}'), { ready: true, pid: 42 });
  const answer = parseIcmpProberReply(
    '{"id": 3, "outcomes": [{"ok": true, "rttMs": 0.312, "error": null, "target": "10.0.0.7"}, {"ok": false, "rttMs": null, "error": "no-route", "detail": "Network unreachable from 10.0.0.1", "target": "10.9.0.1"}]}',
  );
  assert.deepEqual(answer, {
    id: 3,
    outcomes: [
      { target: "10.0.0.7", ok: true, rttMs: 0.312, error: null },
      { target: "10.9.0.1", ok: false, rttMs: null, error: "no-route", detail: "Network unreachable from 10.0.0.1" },
    ],
  });
  assert.equal(parseIcmpProberReply('{"id": 3, "outcomes": [{"ok": false, "rttMs": null, "error": "exploded", "target": "x"}]}'), null, "an error the matrix does not know");
  assert.equal(parseIcmpProberReply("Traceback (most recent call last):"), null);
  assert.equal(parseIcmpProberReply('{"id": "3"}'), null);
  // The common outcomes, checked by hand, are held to the same shape as the rest.
  assert.deepEqual(parseIcmpProberReply('{"id":4,"outcomes":[{"target":"10.0.0.7","ok":false,"rttMs":null,"error":"timeout"}]}'), {
    id: 4,
    outcomes: [{ target: "10.0.0.7", ok: false, rttMs: null, error: "timeout" }],
  });
  assert.equal(parseIcmpProberReply('{"id":4,"outcomes":[{"target":"10.0.0.7","ok":true,"rttMs":"0.3","error":null}]}'), null, "an RTT that is no number");
  assert.equal(parseIcmpProberReply('{"id":4,"outcomes":[{"target":7,"ok":false,"rttMs":null,"error":"timeout"}]}'), null, "a target that is no address");
});

test("a prober that cannot answer fails every target with the reason", () => {
  assert.deepEqual(failedOutcomes(["10.0.0.7", "10.0.0.8"], "ICMP prober exited (SIGKILL)"), [
    { target: "10.0.0.7", ok: false, rttMs: null, error: "failed", detail: "ICMP prober exited (SIGKILL)" },
    { target: "10.0.0.8", ok: false, rttMs: null, error: "failed", detail: "ICMP prober exited (SIGKILL)" },
  ]);
});
