import { test } from "node:test";
import assert from "node:assert/strict";
import { isFailure, LEGEND, SHADE_COLORS, SHADES, shadeOf } from "./heatmap-shades";
import { result } from "./test-cells";

test("a square's shade: ok, the failure's cause, testing over any old result, or not run", () => {
  assert.equal(shadeOf({ result: result("tcp", "c1", "c2"), pending: false }), SHADES.ok);
  assert.equal(shadeOf({ result: result("tcp", "c1", "c2", "bad-checksum"), pending: false }), SHADES.badChecksum);
  assert.equal(shadeOf({ result: result("tcp", "c1", "c2", "no-route"), pending: false }), SHADES.unreachable);
  assert.equal(shadeOf({ result: result("tcp", "c1", "c2", "docker-down"), pending: false }), SHADES.daemonDown);
  assert.equal(shadeOf({ result: { ...result("tcp", "c1", "c2", "failed"), error: null, ok: false }, pending: false }), SHADES.otherFailure);
  assert.equal(shadeOf({ result: result("tcp", "c1", "c2", "refused"), pending: true }), SHADES.pending);
  assert.equal(shadeOf({ result: null, pending: false }), SHADES.notRun);
  assert.equal(shadeOf(undefined), SHADES.notRun);
});

test("every shade has a colour in both themes and a place in the legend; only causes count as failures", () => {
  for (const shade of Object.values(SHADES)) {
    assert.match(SHADE_COLORS[shade].light, /^#[0-9a-f]{6}$/);
    assert.match(SHADE_COLORS[shade].dark, /^#[0-9a-f]{6}$/);
    assert.equal(LEGEND.filter((l) => l.shade === shade).length, 1, shade);
  }
  assert.deepEqual(Object.values(SHADES).filter(isFailure), ["bad-checksum", "refused", "timeout", "no-arp", "unreachable", "daemon-down", "other-failure"]);
});
