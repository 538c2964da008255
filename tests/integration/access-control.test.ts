import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { API_ROUTES, routePath, type RouteName } from "../../lib/contracts/api-routes";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import { projectRoot, seedSpec, startTestServer, type TestServer } from "./harness";

/**
 * Every route and socket event that changes something, tried by every kind of caller that must be
 * refused, on a real lab; then the operator through every one of them.
 */
const LAB = "au";
const SUBNET = "10.77.110";
let server: TestServer;
type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Real ids for the routes that take one, so a refusal is never a 404 in disguise. */
const ids = { snapshot: "", capture: "", experiment: "", flow: "", rule: "", class: "", studentToken: "" };

const validBody: Partial<Record<RouteName, unknown>> = {
  offloadSet: { tx: false },
  labUp: { spec: seedSpec(LAB, SUBNET) },
  matrixRun: { protocols: ["icmp"], timeoutMs: 300 },
  captureRun: { interfaceId: "c1:eth0", durationMs: 300, maxPackets: 5 },
  diagnose: { from: "c1", to: "c2", protocol: "tcp", timeoutMs: 300 },
  pathExplain: { from: "c1", to: "c2", protocol: "tcp", timeoutMs: 300 },
  experimentStart: { only: ["ovs-kernel/containers/offload-on"], labIdPrefix: "aux", firstSubnet: "10.77.111" },
  experimentSave: { title: "refused" },
  snapshotSave: { title: "refused" },
  snapshotRestore: {},
  interfaceMtu: { mtu: 1500 },
  interfaceLink: { up: true },
  endpointAddress: { address: `${SUBNET}.8/24` },
  portTag: { tag: null },
  // The operator's pass below writes labs/au-access-check.yaml (removed after).
  labSave: { name: "au-access-check", spec: seedSpec(LAB, SUBNET), overwrite: true },
  impairmentSet: { impairment: { delayMs: 50 } },
};

function pathOf(name: RouteName): string {
  const params: Record<string, string> = {};
  const labEdits: Partial<Record<RouteName, string>> = { flowDelete: ids.flow, firewallDelete: ids.rule, endpointAddress: "c1", impairmentSet: "c1", firewallList: "c1", portTag: `${LAB}-c1` };
  if (API_ROUTES[name].path.includes(":id"))
    params.id = labEdits[name] ?? (name.startsWith("snapshot") ? ids.snapshot : name.startsWith("capture") ? ids.capture : name.startsWith("experiment") ? ids.experiment : "c1:eth0");
  if (API_ROUTES[name].path.includes(":name")) params.name = labEdits[name] ?? "dockerd";
  if (API_ROUTES[name].path.includes(":labId")) params.labId = LAB;
  if (name.startsWith("class") && params.id !== undefined) params.id = ids.class;
  return routePath(API_ROUTES[name].path, params);
}

/** node:http, not fetch: a test must be free to send any Host and Origin header. */
function send(name: RouteName, headers: Record<string, string>, body?: string): Promise<{ status: number; code: string }> {
  const route = API_ROUTES[name];
  const payload = route.method === "GET" ? undefined : (body ?? JSON.stringify(name === "snapshotImport" ? { format: "ovs-lab-snapshot" } : (validBody[name] ?? {})));
  return new Promise((resolve, reject) => {
    const length = payload === undefined ? {} : { "content-length": String(Buffer.byteLength(payload)) };
    const req = http.request(server.url + pathOf(name), { method: route.method, headers: { ...headers, ...length } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        let code: string;
        try {
          code = (JSON.parse(text) as { error?: { code: string } }).error?.code ?? "";
        } catch {
          code = ""; // not JSON: only the status counts
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** What must not change: the lab's shape and offload, the stored snapshots. */
async function labFingerprint(): Promise<string> {
  const t = await server.api.topology();
  const { snapshots } = await server.api.snapshotList();
  return JSON.stringify({
    bridge: t.bridge?.ports.map((p) => p.name).sort(),
    endpoints: t.endpoints.map((e) => `${e.name}:${e.state}:${e.ipv4}`).sort(),
    offload: t.interfaces.map((i) => `${i.id}:${Object.entries(i.offload).map(([f, s]) => `${f}=${s.on}`).join(",")}`).sort(),
    snapshots: snapshots.map((s) => s.id).sort(),
  });
}

/** An operator socket that records every lab event: a refused request must cause none. */
function watchEvents(): { events: string[]; close: () => void } {
  const socket: LabSocket = io(server.url, { auth: { token: server.token }, transports: ["websocket"] });
  const events: string[] = [];
  for (const e of ["matrix:started", "capture:started", "experiment:variant", "experiment:finished"] as const) socket.on(e, () => events.push(e));
  return { events, close: () => socket.close() };
}

const OPERATOR_ROUTES = (Object.keys(API_ROUTES) as RouteName[]).filter((n) => API_ROUTES[n].access === "operator");
const json = { "content-type": "application/json" };

describe("access control: viewers, other sites and wrong tokens change nothing", () => {
  before(async () => {
    server = await startTestServer(LAB, 3950, { OVSLAB_CLASS_NET: "10.73" });
    await server.api.labUp({ body: { spec: seedSpec(LAB, SUBNET) } });
    ids.snapshot = (await server.api.snapshotSave({ body: { title: "access-control fixture" } })).id;
    ids.capture = (await server.api.captureRun({ body: { interfaceId: "c1:eth0", durationMs: 200, maxPackets: 1 } })).id;
    const exp = await server.api.experimentStart({ body: validBody.experimentStart as never });
    ids.experiment = exp.id;
    for (let i = 0; i < 100 && (await server.api.experimentGet({ params: { id: exp.id } })).finishedAt === null; i++) await new Promise((r) => setTimeout(r, 200));
    // A rule on the bridge and one in c1's firewall, for the operator to delete through the API (they match nothing the tests send).
    execFileSync("ovs-ofctl", ["add-flow", `${LAB}_br`, `priority=5,icmp,nw_src=${SUBNET}.250,actions=drop`]);
    const pid = execFileSync("docker", ["inspect", "-f", "{{.State.Pid}}", `ovslab-${LAB}-c1`], { encoding: "utf8" }).trim();
    execFileSync("nsenter", ["-t", pid, "-n", "iptables", "-w", "5", "-A", "INPUT", "-s", `${SUBNET}.250/32`, "-j", "DROP"]);
    ids.flow = (await server.api.flowList()).flows.find((f) => f.match.includes(`${SUBNET}.250`))!.id;
    ids.rule = (await server.api.firewallList({ params: { name: "c1" } })).rules.find((r) => r.rule.includes(`${SUBNET}.250`))!.id;
    // A class of one: its student's link is one more caller that may change nothing here.
    const klass = await server.api.classCreate({ body: { scenario: "seed-story", students: 1 } });
    ids.class = klass.classId;
    ids.studentToken = new URL(klass.students[0].link, server.url).searchParams.get("student")!;
  });
  after(async () => {
    rmSync(path.join(projectRoot, "labs/au-access-check.yaml"), { force: true });
    if (ids.class) await server?.api.classEnd({ params: { id: ids.class } }).catch(() => undefined);
    await server?.stop();
  });

  const callers: [string, () => Record<string, string>, number, string][] = [
    ["no credential", () => json, 401, "unauthenticated"],
    ["a wrong token", () => ({ ...json, authorization: "Bearer not-the-token-at-all" }), 403, "forbidden"],
    ["a forged session cookie", () => ({ ...json, cookie: "ovslab_operator=forged" }), 403, "forbidden"],
    ["the operator looking through the viewer link", () => ({ ...json, authorization: `Bearer ${server.token}`, "x-ovslab-view": "viewer" }), 403, "forbidden"],
    ["a student's link (their lab is another)", () => ({ ...json, authorization: `Bearer ${ids.studentToken}` }), 403, "forbidden"],
    ["a foreign Origin, even with the token", () => ({ ...json, authorization: `Bearer ${server.token}`, origin: "http://evil.example" }), 403, "forbidden-origin"],
    ["a foreign Host (DNS rebinding), even with the token", () => ({ ...json, authorization: `Bearer ${server.token}`, host: "evil.example:3950" }), 403, "forbidden-host"],
  ];

  for (const [who, headers, status, code] of callers) {
    test(`${who}: every operator route answers ${status} ${code} and the lab is unchanged`, async () => {
      const before = await labFingerprint();
      const watch = watchEvents();
      try {
        for (const name of OPERATOR_ROUTES) {
          const r = await send(name, headers());
          assert.deepEqual([r.status, r.code], [status, code], `${API_ROUTES[name].method} ${API_ROUTES[name].path}`);
        }
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(watch.events, []);
      } finally {
        watch.close();
      }
      assert.equal(await labFingerprint(), before);
    });
  }

  test("a text/plain body (a cross-site form or no-preflight fetch) is refused with 415, even with the token", async () => {
    const before = await labFingerprint();
    for (const name of OPERATOR_ROUTES.filter((n) => API_ROUTES[n].method !== "GET")) {
      const r = await send(name, { "content-type": "text/plain", authorization: `Bearer ${server.token}` });
      assert.deepEqual([r.status, r.code], [415, "unsupportedMediaType"], name);
    }
    assert.equal(await labFingerprint(), before);
  });

  test("viewers read what the dashboard shows, and a snapshot whose link they have", async () => {
    for (const name of ["health", "topology", "interfaces", "templates", "session"] as const) assert.equal((await send(name, {})).status, 200, name);
    assert.equal((await send("snapshotGet", {})).status, 200);
    assert.equal((await send("snapshotExport", {})).status, 200);
    assert.equal((await send("captureGet", {})).status, 200);
    assert.equal((await send("experimentGet", {})).status, 200);
    assert.equal((await send("labSpec", {})).status, 200);
    assert.equal((await send("labDownload", {})).status, 200);
    assert.equal((await fetch(`${server.url}/api/snapshots/AAAAAAAAAAAAAAAAAAAAAA`)).status, 404);
  });

  const socketEvents: [keyof ClientToServerEvents, unknown][] = [
    ["matrix:run", { protocols: ["icmp"] }],
    ["offload:set", { interfaceId: "c1:eth0", changes: { tx: false }, retest: true }],
    ["capture:start", { interfaceId: "c1:eth0", durationMs: 300 }],
    ["capture:stop", { id: "00000000-0000-0000-0000-000000000000" }],
    ["diagnose", { from: "c1", to: "c2" }],
    ["path:explain", { from: "c1", to: "c2" }],
    ["experiment:start", validBody.experimentStart],
    ["experiment:cancel", { id: "00000000-0000-0000-0000-000000000000" }],
    ["interface:mtu", { interfaceId: "c1:eth0", mtu: 1400 }],
    ["interface:link", { interfaceId: "c1:eth0", up: false }],
    ["endpoint:address", { endpoint: "c1", address: `${SUBNET}.99/24` }],
    ["port:tag", { port: `${LAB}-c1`, tag: 10 }],
    ["impairment:set", { endpoint: "c1", impairment: { delayMs: 50 } }],
    ["flow:delete", { id: "0123456789ab" }],
    ["firewall:delete", { id: "c1:0123456789ab" }],
    ["lab:save", { name: "au-refused", spec: seedSpec(LAB, SUBNET) }],
    ["terminal:open", { target: { kind: "endpoint", endpoint: "c1" } }],
    ["terminal:input", { id: "00000000-0000-0000-0000-000000000000", data: "id\r" }],
    ["terminal:resize", { id: "00000000-0000-0000-0000-000000000000", cols: 80, rows: 24 }],
    ["terminal:close", { id: "00000000-0000-0000-0000-000000000000" }],
  ];
  const socketCallers: [string, () => { auth?: object; query?: Record<string, string> }, string][] = [
    ["no credential", () => ({}), "unauthenticated"],
    ["a wrong token", () => ({ auth: { token: "not-the-token-at-all" } }), "forbidden"],
    ["the viewer link", () => ({ auth: { token: server.token }, query: { view: "viewer" } }), "forbidden"],
  ];
  for (const [who, options, code] of socketCallers) {
    test(`socket, ${who}: every changing event is refused (${code}) and the lab is unchanged`, async () => {
      const before = await labFingerprint();
      const socket: LabSocket = io(server.url, { ...options(), transports: ["websocket"] });
      try {
        const hello = await new Promise<{ role: string }>((resolve) => socket.once("hello", resolve));
        assert.equal(hello.role, "viewer");
        for (const [event, payload] of socketEvents) {
          const answer = await new Promise<{ ok: boolean; code?: string }>((resolve) => (socket.emit as (e: string, p: unknown, a: (x: unknown) => void) => void)(event, payload, resolve as (x: unknown) => void));
          assert.deepEqual([answer.ok, answer.code], [false, code], event);
        }
        const state = await new Promise<{ ok: boolean }>((resolve) => socket.emit("state:get", resolve));
        assert.equal(state.ok, true, "a viewer reads the state");
      } finally {
        socket.close();
      }
      assert.equal(await labFingerprint(), before);
    });
  }

  test("a socket.io handshake from a foreign Origin or Host is refused", async () => {
    const handshake = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
      });
    assert.equal(await handshake({}), 200, "the page's own handshake goes through");
    assert.equal(await handshake({ origin: server.url }), 200);
    assert.equal(await handshake({ origin: "http://evil.example" }), 403);
    assert.equal(await handshake({ host: "evil.example:3950" }), 403);
  });

  test("the operator passes through every one of them", async () => {
    const operator = { ...json, authorization: `Bearer ${server.token}` };
    const exported = await (await fetch(`${server.url}${pathOf("snapshotExport")}`)).text();
    const statuses: Record<string, number> = {};
    for (const name of OPERATOR_ROUTES.filter((n) => !["labDown", "labClose", "snapshotDelete", "classCreate", "classEnd"].includes(n))) {
      const r = await send(name, operator, name === "snapshotImport" ? exported : undefined);
      statuses[name] = r.status;
    }
    // The experiment started above may still run when cancel and save come: those answer 409, not a refusal.
    for (const [name, status] of Object.entries(statuses)) assert.ok(status === 200 || (status === 409 && name.startsWith("experiment")), `${name}: ${status}`);
    assert.equal((await send("snapshotDelete", operator)).status, 200);
    assert.equal((await send("labDown", operator)).status, 200);
    assert.equal((await send("labClose", operator)).status, 200);
    assert.equal((await send("classEnd", operator)).status, 200);
    ids.class = "";
  });

  test("an unknown snapshot link answers 404; errors for a viewer carry no command lines", async () => {
    assert.equal((await fetch(`${server.url}/api/snapshots/${"x".repeat(22)}/export`)).status, 404);
    const r = await fetch(`${server.url}/api/interfaces/${encodeURIComponent("c9:eth9")}`);
    assert.equal(r.status, 404);
  });
});
