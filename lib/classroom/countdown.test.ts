import { test } from "node:test";
import assert from "node:assert/strict";
import { countdown, sinceStart } from "./countdown";

const end = "2026-11-25T10:00:00.000Z";
const at = (iso: string) => Date.parse(iso);

test("no end time, no countdown", () => {
  assert.equal(countdown(null, Date.now()), null);
  assert.equal(countdown("not a date", Date.now()), null);
});

test("minutes and seconds, then hours", () => {
  assert.deepEqual(countdown(end, at("2026-11-25T09:47:56.000Z")), { text: "12:04 left", secondsLeft: 724, over: false, urgent: false });
  assert.equal(countdown(end, at("2026-11-25T08:57:57.000Z"))?.text, "1:02:03 left");
});

test("a part of a second left still counts as a second", () => {
  assert.equal(countdown(end, at("2026-11-25T09:59:59.400Z"))?.text, "0:01 left");
});

test("the last five minutes are urgent; then time is up, never negative", () => {
  assert.equal(countdown(end, at("2026-11-25T09:55:00.000Z"))?.urgent, true);
  assert.equal(countdown(end, at("2026-11-25T09:54:59.000Z"))?.urgent, false);
  assert.deepEqual(countdown(end, at("2026-11-25T10:03:00.000Z")), { text: "time is up", secondsLeft: 0, over: true, urgent: true });
});

test("when a check first passed, after the class started", () => {
  assert.equal(sinceStart("2026-11-25T09:00:00.000Z", "2026-11-25T09:03:20.000Z"), "3 min 20 s");
  assert.equal(sinceStart("2026-11-25T09:00:00.000Z", "2026-11-25T09:00:42.400Z"), "42 s");
  assert.equal(sinceStart("2026-11-25T09:00:00.000Z", null), null);
});
