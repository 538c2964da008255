import { test } from "node:test";
import assert from "node:assert/strict";
import type { CapturedPacket, CaptureSummary } from "../contracts/capture";
import { captureReducer, isCapturing, type CaptureView } from "./capture-state";

const summary = (id: string, endReason: CaptureSummary["endReason"] = null): CaptureSummary => ({
  id,
  interfaceId: "host:e1-c1",
  filter: "tcp",
  startedAt: "t",
  finishedAt: endReason ? "t2" : null,
  packetCount: 0,
  endReason,
});
const packet = (streamId: string, index: number) => ({ streamId, index }) as CapturedPacket;

test("packets that arrive before the start is acknowledged are kept if they are the stream's", () => {
  let s: CaptureView | null = captureReducer(null, { kind: "requested", interfaceId: "host:e1-c1" });
  assert.equal(isCapturing(s), true);
  s = captureReducer(s, { kind: "packet", packet: packet("a", 0) });
  s = captureReducer(s, { kind: "started", summary: summary("a") });
  s = captureReducer(s, { kind: "packet", packet: packet("a", 1) });
  s = captureReducer(s, { kind: "packet", packet: packet("a", 1) });
  s = captureReducer(s, { kind: "packet", packet: packet("other", 0) });
  assert.deepEqual(s?.packets.map((p) => p.index), [0, 1]);
});

test("the end of another stream does not end this one; its own end does", () => {
  let s = captureReducer(captureReducer(null, { kind: "requested", interfaceId: "i" }), { kind: "started", summary: summary("a") });
  s = captureReducer(s, { kind: "ended", summary: summary("b", "duration") });
  assert.equal(isCapturing(s), true);
  s = captureReducer(s, { kind: "ended", summary: summary("a", "duration") });
  assert.equal(isCapturing(s), false);
  assert.equal(captureReducer(s, { kind: "cleared" }), null);
});

test("a capture that could not start is not capturing", () => {
  const s = captureReducer(captureReducer(null, { kind: "requested", interfaceId: "i" }), { kind: "failed", error: "no such interface" });
  assert.equal(s?.error, "no such interface");
  assert.equal(isCapturing(s), false);
});
