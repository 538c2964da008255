import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseRootQdisc } from "./parse-tc-qdisc";

/** See fixtures/README.md: recorded on the development host, except the netem one (that kernel has none). */
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

test("a new veth has no root qdisc to read (noqueue prints nothing)", () => {
  assert.equal(parseRootQdisc(fixture("tc-qdisc-veth-default.json")), null);
  assert.equal(parseRootQdisc(""), null);
});

test("tbf: its rate in kbit/s, from tc's bytes per second", () => {
  assert.deepEqual(parseRootQdisc(fixture("tc-qdisc-tbf-1mbit.json")), { kind: "tbf", handle: "8005:", impairment: { rateKbit: 1000 } });
});

test("a root qdisc ovs-lab did not make is reported, with no impairment read into it", () => {
  assert.deepEqual(parseRootQdisc(fixture("tc-qdisc-htb.json")), { kind: "htb", handle: "1:", impairment: null });
});

test("netem: delay and jitter from seconds, loss from a fraction, rate from bytes per second", () => {
  assert.deepEqual(parseRootQdisc(fixture("tc-qdisc-netem-composed.json"))?.impairment, { delayMs: 100, jitterMs: 10, lossPercent: 20, rateKbit: 1000 });
});

test("netem with a delay alone reads back as that delay", () => {
  const json = JSON.stringify([{ kind: "netem", handle: "8002:", root: true, options: { limit: 1000, delay: { delay: 0.25, jitter: 0, correlation: 0 }, ecn: false, gap: 0 } }]);
  assert.deepEqual(parseRootQdisc(json)?.impairment, { delayMs: 250 });
});
