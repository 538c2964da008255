import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";

type ErrorBody = { error: { code: string; message: string } };
let server: TestServer;

describe("bad input gets a 4xx with a message, never a 500", () => {
  before(async () => {
    server = await startTestServer("it2", 3912);
  });
  after(async () => {
    await server?.stop();
  });

  const cases: [string, () => Promise<{ status: number; body: unknown }>, number, RegExp][] = [
    ["unknown interface", () => server.post("/api/interfaces/c9:eth7/offload", { tx: false }), 404, /no interface "c9:eth7"/],
    ["wrong type", () => server.post("/api/interfaces/c1:eth0/offload", { tx: "no" }), 400, /tx: /],
    ["unknown feature", () => server.post("/api/interfaces/c1:eth0/offload", { warp: true }), 400, /warp|Unrecognized/i],
    ["no feature at all", () => server.post("/api/interfaces/c1:eth0/offload", {}), 400, /at least one feature/],
    ["malformed JSON", () => server.post("/api/interfaces/c1:eth0/offload", undefined, "{tx: false"), 400, /not valid JSON/],
    ["oversized body", () => server.post("/api/lab/up", undefined, JSON.stringify({ spec: "x".repeat(70_000) })), 413, /limit/],
    ["unknown route", () => server.get("/api/nothing-here"), 404, /no API route/],
    ["wrong method", () => server.get("/api/lab/up"), 405, /use POST/],
    ["unknown template", () => server.post("/api/lab/up", { template: "nope" }), 404, /no template "nope"/],
    ["template name that is a path", () => server.post("/api/lab/up", { template: "../etc/passwd" }), 400, /template/],
    ["bad protocol", () => server.post("/api/matrix", { protocols: ["sctp"] }), 400, /protocols/],
    ["matrix with no lab up", () => server.post("/api/matrix", {}), 409, /bring it up first/],
    ["malformed %-escape", () => server.post("/api/interfaces/%E0%A4%A/offload", { tx: true }), 400, /malformed/],
  ];
  for (const [name, call, status, message] of cases) {
    test(name, async () => {
      const r = await call();
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.match((r.body as ErrorBody).error.message, message);
    });
  }

  test("a spec with a bad field names the field", async () => {
    const spec = seedSpec("it2", "10.77.2");
    (spec.endpoints[1] as { address: string }).address = "10.77.2.300/24";
    const r = await server.post<ErrorBody>("/api/lab/up", { spec });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /endpoints\.1\.address: an IPv4 address/);
  });

  test("a name that would reach a shell is refused as a name", async () => {
    const spec = { ...seedSpec("it2", "10.77.2"), id: "x;rm -rf /" };
    const r = await server.post<ErrorBody>("/api/lab/up", { spec });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /^spec: id:/);
  });

  test("a bridge ovs-lab did not make is never taken over", async () => {
    execFileSync("ovs-vsctl", ["--may-exist", "add-br", "it2f_br", "--", "set", "bridge", "it2f_br", "datapath_type=netdev"]);
    try {
      const base = seedSpec("it2", "10.77.2");
      const r = await server.post<ErrorBody>("/api/lab/up", { spec: { ...base, bridge: { ...base.bridge, name: "it2f_br" } } });
      assert.equal(r.status, 409);
      assert.match(r.body.error.message, /was not made by ovs-lab/);
    } finally {
      execFileSync("ovs-vsctl", ["--if-exists", "del-br", "it2f_br"]);
    }
  });
});
