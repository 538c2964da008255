import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";
import { ipv4Range } from "../../lib/lab-spec/ipv4-cidr";
import type { LabSpec } from "../../lib/lab-spec/schema";

type ErrorBody = { error: { code: string; message: string } };
const LAB = "hs";
const SUBNET = "10.77.120";
let server: TestServer;

const run = (program: string, args: string[]) => execFileSync(program, args, { encoding: "utf8" });
const ipJson = <T>(...args: string[]) => JSON.parse(run("ip", ["-json", ...args]) || "[]") as T;

/** The host's uplink: the default route's interface and its address, else any addressed interface that is not a lab's. */
function uplink(): { dev: string; cidr: string } {
  type Addr = { ifname: string; ifalias?: string; addr_info: { family: string; local: string; prefixlen: number }[] };
  const [route] = ipJson<{ dev?: string }[]>("route", "show", "default");
  const ovsBridges = new Set(run("ovs-vsctl", ["list-br"]).split("\n"));
  const ours = (l: Addr) => ovsBridges.has(l.ifname) || (l.ifalias ?? "").startsWith("ovs-lab:");
  const links = ipJson<Addr[]>("-4", "-d", "addr", "show").filter((l) => l.ifname !== "lo" && !ours(l) && l.addr_info.length);
  const link = links.find((l) => l.ifname === route?.dev) ?? links[0];
  assert.ok(link, "this host has no addressed interface besides lo");
  const a = link.addr_info[0];
  return { dev: link.ifname, cidr: `${a.local}/${a.prefixlen}` };
}

/** Another address in the same subnet (the last but one), with the uplink's prefix. */
function neighbourOf(cidr: string): string {
  const range = ipv4Range(cidr)!;
  const n = Math.max(range.first, range.last - 1);
  return `${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".")}/${cidr.split("/")[1]}`;
}

/** What a refused spec must leave as it was: links, OVS bridges, namespaces, lab containers. */
function hostState() {
  return {
    links: ipJson<{ ifname: string }[]>("link", "show").map((l) => l.ifname).sort(),
    bridges: run("ovs-vsctl", ["list-br"]).split("\n").filter(Boolean).sort(),
    netns: ipJson<{ name: string }[]>("netns", "list").map((n) => n.name).sort(),
    containers: run("docker", ["ps", "-a", "--filter", "name=ovslab-", "--format", "{{.Names}}"]).split("\n").filter(Boolean).sort(),
  };
}

function assertNothingOfLab(state: ReturnType<typeof hostState>, labId: string): void {
  assert.deepEqual(state.links.filter((l) => l.startsWith(`${labId}-`) || l === `${labId}_br`), []);
  assert.deepEqual(state.bridges.filter((b) => b === `${labId}_br`), []);
  assert.deepEqual(state.netns.filter((n) => n.startsWith(`ovslab-${labId}-`)), []);
  assert.deepEqual(state.containers.filter((c) => c.startsWith(`ovslab-${labId}-`)), []);
}

const withBridge = (spec: LabSpec, bridge: Partial<LabSpec["bridge"]>): LabSpec => ({ ...spec, bridge: { ...spec.bridge, ...bridge } });

describe("a lab spec cannot hurt the host", () => {
  const host = uplink();
  before(async () => {
    server = await startTestServer(LAB, 3960);
  });
  after(async () => {
    await server?.stop();
  });

  const refusals: [string, () => LabSpec, RegExp][] = [
    [
      "a bridge address inside the host's uplink subnet",
      () => withBridge(seedSpec(LAB, SUBNET), { address: neighbourOf(host.cidr) }),
      new RegExp(`^bridge\\.address: \\S+ overlaps ${ipv4Range(host.cidr)!.cidr.replace(/\./g, "\\.")} on ${host.dev} \\(the host's own network\\); choose another subnet$`),
    ],
    [
      "an endpoint address inside the host's uplink subnet",
      () => {
        const spec = seedSpec(LAB, SUBNET);
        return { ...spec, endpoints: spec.endpoints.map((e, i) => (i === 1 ? { ...e, address: neighbourOf(host.cidr) } : e)) };
      },
      /^endpoints\.1\.address: \S+ overlaps .* \(the host's own network\)/,
    ],
    [
      "the uplink's name as the bridge",
      () => withBridge(seedSpec(LAB, SUBNET), { name: host.dev }),
      new RegExp(`^bridge\\.name: "${host.dev}" is an existing host interface that ovs-lab did not create; choose another name$`),
    ],
    ["lo as the bridge", () => withBridge(seedSpec(LAB, SUBNET), { name: "lo" }), /^bridge\.name: "lo" is an existing host interface that ovs-lab did not create/],
    ["a loopback bridge address", () => withBridge(seedSpec(LAB, SUBNET), { address: "127.0.0.2/8" }), /^bridge\.address: 127\.0\.0\.2\/8 overlaps 127\.0\.0\.0\/8/],
  ];
  for (const [name, spec, message] of refusals) {
    test(`refused with a 400 naming the field, host unchanged: ${name}`, async () => {
      const beforeUp = hostState();
      const r = await server.post<ErrorBody>("/api/lab/up", { spec: spec() });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, "invalid");
      assert.match(r.body.error.message, message);
      const afterUp = hostState();
      assert.deepEqual(afterUp, beforeUp);
      assertNothingOfLab(afterUp, LAB);
    });
  }

  test("a refused spec under another lab id does not move the server off its lab", async () => {
    const r = await server.post<ErrorBody>("/api/lab/up", { spec: withBridge(seedSpec("hs2", "10.77.121"), { name: host.dev }) });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.error.message, /^bridge\.name: /);
    assert.equal((await server.get<{ labId: string }>("/api/health")).body.labId, LAB);
    assertNothingOfLab(hostState(), "hs2");
  });

  test("the seed lab on a subnet of its own comes up, and up again", async () => {
    const spec = seedSpec(LAB, SUBNET);
    const first = await server.post<{ labId: string }>("/api/lab/up", { spec });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await server.post<{ labId: string }>("/api/lab/up", { spec });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.ok(hostState().bridges.includes(`${LAB}_br`));
  });

  test("while it is up, another lab on its subnet is refused, naming it", async () => {
    const beforeUp = hostState();
    const r = await server.post<ErrorBody>("/api/lab/up", { spec: seedSpec("hs2", SUBNET) });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.error.message, /^bridge\.address: 10\.77\.120\.1\/24 overlaps 10\.77\.120\.0\/24 on hs_br \(lab hs's\); bring lab hs down/);
    assert.deepEqual(hostState(), beforeUp);
    assert.equal((await server.get<{ labId: string }>("/api/health")).body.labId, LAB);
  });
});
