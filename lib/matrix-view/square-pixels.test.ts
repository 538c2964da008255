import { test } from "node:test";
import assert from "node:assert/strict";
import { fillPixels, rgbaWord, squarePixels } from "./square-pixels";

test("a colour and an opacity make one little-endian RGBA word", () => {
  const bytes = new Uint8Array(new Uint32Array([rgbaWord("#10b981", 1)]).buffer);
  assert.deepEqual([...bytes], [0x10, 0xb9, 0x81, 255]);
  assert.equal(new Uint8Array(new Uint32Array([rgbaWord("#dc2626", 0.2)]).buffer)[3], 51);
});

test("a square fills its pixels and no others, clipped to the buffer", () => {
  const pixels = new Uint32Array(5 * 4);
  fillPixels(pixels, 5, 1, 1, 3, 3, 7);
  assert.deepEqual([...pixels], [0, 0, 0, 0, 0, 0, 7, 7, 0, 0, 0, 7, 7, 0, 0, 0, 0, 0, 0, 0]);
  fillPixels(pixels, 5, 4, 3, 9, 9, 9);
  assert.equal(pixels[19], 9);
  assert.equal(pixels.filter((p) => p === 9).length, 1);
});

test("scaled squares meet edge to edge at any pixel ratio", () => {
  for (const ratio of [1, 1.25, 1.5, 2]) {
    const a = squarePixels(0, 0, 3, 3, ratio);
    const b = squarePixels(3, 0, 3, 3, ratio);
    assert.equal(a[2], b[0], `ratio ${ratio}`);
  }
});
