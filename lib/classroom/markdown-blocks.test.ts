import { test } from "node:test";
import assert from "node:assert/strict";
import { inlineSpans, markdownBlocks } from "./markdown-blocks";

test("paragraphs are joined lines, split by blank lines", () => {
  assert.deepEqual(markdownBlocks("Press **Run tests**. Every ICMP cell\nis green.\n\nThen look."), [
    { kind: "paragraph", spans: [{ kind: "text", text: "Press " }, { kind: "strong", text: "Run tests" }, { kind: "text", text: ". Every ICMP cell is green." }] },
    { kind: "paragraph", spans: [{ kind: "text", text: "Then look." }] },
  ]);
});

test("bullet and numbered lists, with continuation lines", () => {
  assert.deepEqual(markdownBlocks("Do this:\n- capture on `c1:eth0`\n  while the tests run\n- look\n\n1. one\n2. two"), [
    { kind: "paragraph", spans: [{ kind: "text", text: "Do this:" }] },
    {
      kind: "list",
      ordered: false,
      items: [[{ kind: "text", text: "capture on " }, { kind: "code", text: "c1:eth0" }, { kind: "text", text: " while the tests run" }], [{ kind: "text", text: "look" }]],
    },
    { kind: "list", ordered: true, items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]] },
  ]);
});

test("emphasis, and marks that do not close stay text", () => {
  assert.deepEqual(inlineSpans("what does *partial* mean"), [{ kind: "text", text: "what does " }, { kind: "em", text: "partial" }, { kind: "text", text: " mean" }]);
  assert.deepEqual(inlineSpans("2 * 3 and a ** lone"), [{ kind: "text", text: "2 * 3 and a ** lone" }]);
  assert.deepEqual(inlineSpans("tx_checksum_ip stays"), [{ kind: "text", text: "tx_checksum_ip stays" }]);
});

test("markup is never interpreted: HTML stays text", () => {
  assert.deepEqual(markdownBlocks("<img src=x onerror=alert(1)> **<b>**"), [
    { kind: "paragraph", spans: [{ kind: "text", text: "<img src=x onerror=alert(1)> " }, { kind: "strong", text: "<b>" }] },
  ]);
});

test("code keeps what is inside it as it is", () => {
  assert.deepEqual(inlineSpans("`**not bold**`"), [{ kind: "code", text: "**not bold**" }]);
});

test("empty text, no blocks", () => {
  assert.deepEqual(markdownBlocks("\n \n"), []);
});
