import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSocketProberReply } from "./socket-prober";

test("each kind of line the prober writes is read by its own key; anything else is null", () => {
  assert.deepEqual(parseSocketProberReply('{"ok": true, "rttMs": 0.2, "id": 3, "i": 7}'), { ok: true, rttMs: 0.2, id: 3, i: 7 });
  assert.deepEqual(parseSocketProberReply('{"ok": false, "error": "bad-checksum", "at": 1, "side": "from", "sum": "0x1a2b", "want": "0x5c6d", "id": 3, "i": 0}'), {
    ok: false,
    error: "bad-checksum",
    at: 1,
    side: "from",
    sum: "0x1a2b",
    want: "0x5c6d",
    id: 3,
    i: 0,
  });
  assert.deepEqual(parseSocketProberReply('{"id": 3, "done": true, "lost": 0, "watchErrors": [null, "cannot watch x"]}'), { id: 3, done: true, lost: 0, watchErrors: [null, "cannot watch x"] });
  const bad = { bad: 2, at: 0, proto: "udp", src: "10.0.0.1", sport: 40000, dst: "10.0.0.2", dport: 47007, syn: false, ack: false, sum: "0x0001", want: "0x0002" };
  assert.deepEqual(parseSocketProberReply(JSON.stringify(bad)), bad);
  assert.deepEqual(parseSocketProberReply('{"id": 4, "drops": null}'), { id: 4, drops: null });

  // The hand-checked common lines refuse what zod would: a wrong type, a wrong side, a key too many or too few.
  for (const line of [
    '{"id":3,"i":7,"ok":true,"rttMs":"fast"}',
    '{"id":3,"i":0,"ok":false,"error":"bad-checksum","at":1,"side":"up","sum":"0x1","want":"0x2"}',
    '{"id":3,"i":0,"ok":false,"error":"bad-checksum","at":-1,"side":"to","sum":"0x1","want":"0x2"}',
    '{"id":3,"i":0.5,"ok":true,"rttMs":1}',
  ])
    assert.equal(parseSocketProberReply(line), null, line);
  assert.deepEqual(parseSocketProberReply('{"id":3,"i":7,"ok":true,"rttMs":1,"detail":"late"}'), { id: 3, i: 7, ok: true, rttMs: 1, detail: "late" }, "an extra key goes through the schema");

  for (const line of ["", "not json", "[]", "null", '{"id": 3}', '{"id": 3, "i": -1, "ok": true}', '{"id": 3, "i": 1, "ok": false, "error": "gremlins"}', '{"bad": 1, "at": 0}'])
    assert.equal(parseSocketProberReply(line), null, line);
});
