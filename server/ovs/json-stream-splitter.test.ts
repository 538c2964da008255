import { test } from "node:test";
import assert from "node:assert/strict";
import { JsonStreamSplitter } from "./json-stream-splitter";

test("objects sent back to back are cut apart, whatever the chunking", () => {
  const text = '{"id":1,"result":[{"rows":[]}]}{"method":"update","params":[null,{"Bridge":{}}]}';
  for (let cut = 1; cut < text.length; cut++) {
    const s = new JsonStreamSplitter();
    const out = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut))];
    assert.equal(out.length, 2, `cut at ${cut}`);
    assert.deepEqual(JSON.parse(out[1]).method, "update");
  }
});

test("braces and escaped quotes inside strings do not count", () => {
  const s = new JsonStreamSplitter();
  const msg = '{"error":"bad \\"}{\\" here","x":"]"}';
  assert.deepEqual(s.push(msg + msg), [msg, msg]);
});
