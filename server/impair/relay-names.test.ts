import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRelayEnds } from "./parse-relay-links";
import { freeRelayIndex, parseRelayAlias, relayAlias, relayIndexOf, relayNames } from "./relay-names";

test("relay names fit an interface name and never take an endpoint's host end name", () => {
  const longest = relayNames("abcdef", 99);
  assert.deepEqual(longest, { index: 99, a: "abcdef-99ra", b: "abcdef-99rb" });
  assert.ok(longest.a.length <= 15);
  // Endpoint names start with a letter: `<lab>-<digit>…` is never `<lab>-<endpoint>`.
  assert.equal(relayIndexOf("im", "im-c2"), null);
  assert.equal(relayIndexOf("im", "im-3rb"), 3);
  assert.equal(relayIndexOf("im", "imx-3rb"), null, "another lab's");
});

test("the lowest free index is taken", () => {
  assert.equal(freeRelayIndex("im", ["im-c1", "im-0ra", "im-0rb", "im-2ra", "lo"]), 1);
  assert.equal(freeRelayIndex("im", []), 0);
});

test("the alias round-trips and refuses what ovs-lab did not write", () => {
  const alias = { lab: "im", endpoint: "c2", hostEnd: "im-c2", side: "a" as const, impairment: { delayMs: 100, lossPercent: 20, direction: "both" as const } };
  assert.deepEqual(parseRelayAlias(relayAlias(alias)), alias);
  assert.equal(parseRelayAlias("uplink to the lab"), null);
  assert.equal(parseRelayAlias('ovs-lab-relay {"lab":"im"}'), null);
  assert.equal(parseRelayAlias('ovs-lab-relay {"lab":"im","endpoint":"c2","hostEnd":"im-c2","side":"a","impairment":{"delayMs":-1}}'), null);
  assert.equal(parseRelayAlias("ovs-lab-relay {not json"), null);
});

test("the longest alias stays under the kernel's 255 bytes", () => {
  const impairment = { delayMs: 10_000, jitterMs: 10_000, lossPercent: 33.333333333333336, rateKbit: 10_000_000, direction: "from-endpoint" as const };
  assert.ok(relayAlias({ lab: "abcdef", endpoint: "abcdefgh", hostEnd: "abcdef-abcdefgh", side: "b", impairment }).length <= 255);
});

test("relay ends are read from `ip -json link show` (recorded), for their lab only", () => {
  const json = readFileSync(path.join(import.meta.dirname, "fixtures/ip-link-relay-alias.json"), "utf8");
  assert.deepEqual(parseRelayEnds(json, "zz"), [{ lab: "zz", endpoint: "c2", hostEnd: "zz-c2", side: "a", impairment: { delayMs: 100 }, ifname: "zzq1", peer: "zzq2", up: false }]);
  assert.deepEqual(parseRelayEnds(json, "im"), []);
});
