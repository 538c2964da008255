import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { io, type Socket } from "socket.io-client";
import { API_ROUTES, routePath, type RouteName } from "../../lib/contracts/api-routes";
import type { AckAnswer, ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import { labSpecSchema } from "../../lib/lab-spec/schema";
import { MAX_SNAPSHOT_BYTES, parseSnapshotFile } from "../../lib/snapshots/snapshot-format";
import * as captureOps from "../../server/operations/capture-operations";
import * as pathOps from "../../server/operations/path-operations";
import * as experimentOps from "../../server/operations/experiment-operations";
import * as labOps from "../../server/operations/lab-operations";
import * as editOps from "../../server/operations/lab-edit-operations";
import * as impairOps from "../../server/operations/impairment-operations";
import * as classOps from "../../server/operations/class-operations";
import * as labFileOps from "../../server/operations/lab-file-operations";
import { terminalOperations } from "../../server/operations/terminal-operations";
import type { AnyOperation } from "../../server/operations/operation";
import { ALLOWED_PROGRAMS } from "../../server/run-command/run-command";
import { dieWithParent } from "../../server/run-command/die-with-parent";
import { HTTP_BINDINGS } from "../../server/transport/http/http-bindings";
import { MAX_JSON_BODY } from "../../server/transport/http/http-io";
import { bindSocketEvents, type LabSocket as ServerSocket } from "../../server/transport/socket/socket-bindings";
import type { LabServices } from "../../server/operations/lab-services";
import { projectRoot, seedSpec, startTestServer, type TestServer } from "./harness";
import { listeningPid } from "./process-tree";
import { descendantPids as descendants } from "../../server/terminal/process-tree";

/**
 * Issue 9: malformed input over every HTTP route and every socket event of a real server with the
 * seed lab up, sent as the operator (so it gets past the access checks and reaches validation) and,
 * for a share, as a viewer. Every answer must be 4xx (a read may answer 2xx), never 5xx, never a
 * hang; the server keeps answering health; it spawns nothing outside run-command's allowlist; the
 * lab and the snapshot store are unchanged; no shell ever ran (a canary file no command may create).
 *
 * Inputs come from a seeded PRNG: a failure names its input, and OVSLAB_FUZZ_SEED=<seed> runs the
 * same inputs again. Inputs that would be a valid change (an `up`, a save, an experiment, an offload
 * change on a real interface...) are left out by construction: each body is checked against the
 * very schema and binding the server uses before it is sent, and every other case carries a body no
 * route accepts.
 */
const LAB = "fz";
const PORT = 3980;
const SUBNET = "10.77.140";
const SEED = Number.parseInt(process.env.OVSLAB_FUZZ_SEED ?? "", 10) >>> 0 || 0x0f22_0009;
/** Cases per route and per event: 150 in the everyday suite, more with OVSLAB_FUZZ_CASES (300 was the first, deeper run). */
const PER_ROUTE = Number(process.env.OVSLAB_FUZZ_CASES ?? 150);
const PER_EVENT = PER_ROUTE;
const CONCURRENCY = 6;
const REQUEST_TIMEOUT_MS = 15_000;
const HEALTH_EVERY = 100;
const CANARY = `/tmp/ovslab-fuzz-canary-${SEED}`;
/** A body every route refuses: all of their schemas are strict, an import needs `format`. */
const INVALID_BODY = '{"\\u0000fuzz":[1]}';

let server: TestServer;
const real = { endpoints: new Set<string>(), interfaces: new Set<string>(), snapshots: new Set<string>(), templates: new Set(["seed"]) };
const fixture = { snapshotId: "", exported: null as unknown };
const FAKE_UUID = "0f220009-dead-4bad-8bad-000000000000";
/** A flow or firewall rule id in the right form that no rule has. */
const FAKE_RULE = "0f2200090bad";
const FAKE_SNAPSHOT = "AAAAAAAAAAAAAAAAAAAAAA";

// ---------------------------------------------------------------- seeded PRNG
class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------- what malformed is made of
const SHELL_STRINGS = [
  `;touch ${CANARY}`,
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `|touch ${CANARY}`,
  `&& touch ${CANARY}`,
  `\ntouch ${CANARY}\n`,
  `'; touch ${CANARY}; '`,
  `" && touch ${CANARY} && "`,
  `c1:eth0;touch ${CANARY}`,
  `eth0 $(touch ${CANARY})`,
  `>${CANARY}`,
  "-o /tmp/x",
  "--help",
  "*",
  "../../../../etc/passwd",
];
/** One string with every metacharacter: what each string field gets at least once. */
const ALL_SHELL = `a;b$(touch ${CANARY})\`touch ${CANARY}\`|c&&d\ne>${CANARY}`;
const UNICODE_STRINGS = ["\u202eevil\u202c", "\u200f\u200e", "🦀🧨", "a\u0000b", "\u0000", "\ud800", "\udc00x", "\ufeffc1", "e\u0301", "\u2028\u2029", "Ｃ１", "c\u0131", "\u{10ffff}"];
const ODD_STRINGS = ["", " ", "\t\r\n", "null", "undefined", "__proto__", "constructor", "%s%n%x", "${7*7}", "{{7*7}}", "\r\nX-Injected: 1", "%00", "%zz", "a".repeat(300), "x".repeat(5000)];
/** Raw JSON (or not-quite-JSON) number tokens: NaN and friends are a parse error, 1e999 parses to Infinity. */
const NUMBER_TOKENS = ["-1", "0", "-0", "1.5", "0.0001", "1e308", "-1e308", "1e999", "-1e999", "9007199254740993", "123456789012345678901234567890", "5e-324", "NaN", "Infinity", "-Infinity", "0x10", "01", ".5", "+1"];
const TYPE_TOKENS = ["null", "true", "false", "[]", "{}", "[[]]", "[{}]", '""', '{"0":0}'];
const STRINGS = [...SHELL_STRINGS, ...UNICODE_STRINGS, ...ODD_STRINGS];
const VALUE_TOKENS = [...STRINGS.map((s) => JSON.stringify(s)), ...NUMBER_TOKENS, ...TYPE_TOKENS];
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
/** Whole bodies: empty, not JSON, JSON of the wrong type, prototype games, deep nesting. */
const WHOLE_BODIES = [
  "", " ", "\n", "null", "true", "0", "-1", "1e999", '"x"', "[]", "[{}]", "{}", "{", "}", '{"a":}', "[1,]", "NaN", "undefined", "{'a':1}",
  "\u0000", "\ufeff{}", '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"a":1,"a":2}', "{/*c*/}",
  JSON.stringify(SHELL_STRINGS), deepArray(20_000), deepObject(5_000), `[${deepArray(30_000)}]`,
];

/** Request targets that are not a route, whatever the method: `//`, dot segments, %-garbage, overlong. */
function pathVariants(p: string): string[] {
  const rest = p.slice("/api/".length);
  return [
    `/${p}`, p.replace("/api/", "/api//"), `${p}//`, `${p}/..`, `/api/../${rest}`, "/api/../etc/passwd", `/api/./${rest}`, p.toUpperCase(),
    `${p}%00`, `${p}%zz`, `${p}%`, `/api%2F${rest}`, `${p};x=1`, `${p}/x`, `${p}\\`, `${p}#frag`, `${p}%C0%AE%C0%AE`, `${p}/%ED%A0%80`,
    `${p}/${"a".repeat(20_000)}`, `http://127.0.0.1:${PORT}${p}`, `http://evil.example${p}`, `${p}\t`, "*", "//", "/api//topology",
  ];
}
const ODD_METHODS = ["PUT", "PATCH", "TRACE", "OPTIONS", "HEAD", "GET", "POST", "DELETE", "FOO", "GETX", "get", "M-SEARCH", "PROPFIND", "PURGE", "CONNECT", "G\u0000T"];
/** Path parameter values: encoded, raw %-garbage, dots, overlong, shell. */
const PARAM_VALUES: [raw: boolean, value: string][] = [
  ...STRINGS.map((s) => [false, s] as [boolean, string]),
  ...["%zz", "%", "%0", "%00", "%2e%2e", "..", ".", "%2F", "%2F..%2F..%2Fetc%2Fpasswd", "%C0%AE%C0%AE", "%ED%A0%80", "%F0%9F%A6%80", "%FF%FE", "%u0041", "a%20b", "%252e"].map(
    (s) => [true, s] as [boolean, string],
  ),
  [false, "a".repeat(64)],
  [false, "a".repeat(65)],
  [false, "z".repeat(10_000)],
  [false, FAKE_UUID.toUpperCase()],
  [false, `${FAKE_UUID}\n`],
  [false, `${FAKE_SNAPSHOT}=`],
];
const QUERIES = ["?", "?a=%zz", "?%00=%00", "?a=1&a=2", "?a[]=1&a[]=2", "?__proto__[x]=1", `?a=${"b".repeat(8000)}`, `?${"&".repeat(2000)}`, "?a=b#c", "?view=viewer", "?token=x", "?a=%E2%80%AE", `?q=${encodeURIComponent(ALL_SHELL)}`];

// ---------------------------------------------------------------- bodies from a valid template
type KeyPath = (string | number)[];

function nodePaths(value: unknown, at: KeyPath = [], out: KeyPath[] = []): KeyPath[] {
  if (at.length > 6 || value === null || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value)) {
    const p = [...at, Array.isArray(value) ? Number(k) : k];
    out.push(p);
    nodePaths(v, p, out);
  }
  return out;
}

const valueAt = (root: unknown, p: KeyPath) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);

/** The template as JSON with the node at `p` replaced by raw text (null: removed), or, with `addKey`, that key added to it. */
function mutate(template: unknown, p: KeyPath, raw: string | null, addKey?: string): string {
  const marker = "\u0001RAW\u0001";
  const copy = structuredClone(template) as Record<string | number, unknown>;
  if (p.length === 0 && addKey === undefined) return raw ?? "";
  const parent = valueAt(copy, p.slice(0, -1)) as Record<string | number, unknown>;
  const key = p[p.length - 1];
  if (addKey !== undefined) (valueAt(copy, p) as Record<string, unknown>)[addKey] = marker;
  else if (raw === null) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return JSON.stringify(copy);
  } else parent[key] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => raw ?? "null");
}

/** Deterministic: every key removed, every string field given every shell metacharacter; then a seeded sample of the rest. */
function bodyTexts(template: unknown, rng: Rng, count: number): string[] {
  const paths = nodePaths(template);
  const out: string[] = [];
  for (const p of paths) {
    const v = valueAt(template, p);
    if (typeof v === "string") out.push(mutate(template, p, JSON.stringify(ALL_SHELL)));
    if (typeof p[p.length - 1] === "string") out.push(mutate(template, p, null));
  }
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  const objects = [[] as KeyPath, ...paths.filter((p) => isObject(valueAt(template, p)))];
  while (out.length < count) {
    const roll = rng.int(10);
    if (roll === 0 || (paths.length === 0 && roll > 3)) out.push(rng.pick(WHOLE_BODIES));
    else if (roll === 1 || paths.length === 0) out.push(mutate(template, rng.pick(objects), rng.pick(VALUE_TOKENS), rng.pick(["\u0000", "__proto__", "constructor", "x", ALL_SHELL, "\ud800"])));
    else {
      const p = rng.pick(paths);
      const orig = JSON.stringify(valueAt(template, p));
      const structural = [`[${orig}]`, `{"v":${orig}}`, deepArray(3000), `[${orig},${orig}]`];
      out.push(mutate(template, p, roll === 2 ? rng.pick(structural) : rng.pick(VALUE_TOKENS)));
    }
  }
  return out.slice(0, count);
}

// ---------------------------------------------------------------- the oracle: would the server act on it?
/** What the server's own binding and schema make of a body; null when it refuses it before acting. */
async function reachedInput(name: RouteName, params: Record<string, string>, query: URLSearchParams, bodyText: string): Promise<unknown> {
  let body: unknown = {};
  if (bodyText.trim() !== "") {
    try {
      body = JSON.parse(bodyText.trim());
    } catch {
      return null;
    }
  }
  const binding = HTTP_BINDINGS[name];
  const parsed = binding.operation.input.safeParse(await binding.input({ params, query, readBody: async () => body }));
  return parsed.success ? parsed.data : null;
}

type Input = Record<string, unknown>;
const realPairs = (pairs: unknown) => pairs === undefined || (pairs as string[][]).every((pair) => pair.every((n) => real.endpoints.has(n)));

/** A body that passed validation would still change nothing when it names what does not exist; anything else is left out. */
function wouldAct(name: RouteName | keyof ClientToServerEvents, input: Input): boolean {
  switch (name) {
    case "labUp":
      return input.spec !== undefined ? labSpecSchema.safeParse(input.spec).success : real.templates.has(String(input.template ?? "seed"));
    case "matrixRun":
    case "matrix:run":
      return realPairs(input.pairs);
    case "offloadSet":
    case "offload:set":
    case "captureRun":
    case "capture:start":
      return real.interfaces.has(String(input.interfaceId));
    case "diagnose":
    case "pathExplain":
    case "path:explain":
      return real.endpoints.has(String(input.from)) && real.endpoints.has(String(input.to));
    case "impairmentSet":
    case "impairment:set":
      return real.endpoints.has(String(input.endpoint));
    case "snapshotImport":
      return parseSnapshotFile(input.file).ok;
    case "snapshotRestore":
    case "snapshotDelete":
      return real.snapshots.has(String(input.id));
    case "captureStop":
    case "capture:stop":
    case "experimentCancel":
    case "experiment:cancel":
    case "experimentSave":
      return false; // no capture or experiment exists on this server: a valid id is a 404
    case "flow:delete":
    case "firewall:delete":
      return false; // no rule has the fake id: a valid one is a 404
    case "labSave":
    case "lab:save":
      return labSpecSchema.safeParse(input.spec).success; // a valid spec is written to labs/: left out
    case "terminal:input":
    case "terminal:resize":
    case "terminal:close":
      return false; // no terminal has the fake id (nor would another page's): a valid one is a 404
    default:
      return true; // labDown, logout, snapshotSave, experimentStart: any valid body acts
  }
}

// ---------------------------------------------------------------- raw HTTP over net.Socket
interface HttpCase {
  route: string;
  kind: "method" | "path" | "param" | "query" | "body" | "raw";
  method: string;
  target: string;
  body: Buffer;
  viewer: boolean;
  /** Extra header lines, or a whole hand-written request (raw cases). */
  headers?: string[];
  request?: Buffer;
  /** Reads may answer 2xx; everything else must be 4xx. */
  read: boolean;
  /** Node closes the connection with no answer by design (CONNECT and Upgrade without a handler). */
  mayDrop?: boolean;
  halfClose?: boolean;
}

interface Answer {
  status: number | null;
  ms: number;
  timedOut: boolean;
  error?: string;
}

function describeCase(c: HttpCase): string {
  const body = c.body.toString("utf8");
  const head = c.request ? JSON.stringify(c.request.toString("latin1").slice(0, 300)) : `${JSON.stringify(c.method)} ${JSON.stringify(c.target.slice(0, 300))}`;
  return `[${c.kind} ${c.route}${c.viewer ? ", as viewer" : ""}] ${head} body(${c.body.length} B)=${JSON.stringify(body.slice(0, 300))}${c.headers ? ` headers=${JSON.stringify(c.headers)}` : ""}`;
}

function requestBytes(c: HttpCase): Buffer {
  if (c.request) return c.request;
  // Keep-alive, as browsers and curl send: with `Connection: close` Node resets a connection whose body it
  // did not read (a GET with 3 MB), and the answer it wrote can be lost with it (see the report on issue 9).
  const lines = [`${c.method} ${c.target} HTTP/1.1`, `Host: 127.0.0.1:${PORT}`, "Content-Type: application/json", `Content-Length: ${c.body.length}`];
  if (!c.viewer) lines.push(`Authorization: Bearer ${server.token}`);
  lines.push(...(c.headers ?? []));
  return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "utf8"), c.body]);
}

/** The final status line (1xx interim answers skipped); resolves as soon as it is in, or when the server closes. */
function send(bytes: Buffer, halfClose = false): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let data = "";
    let error: string | undefined;
    const done = (status: number | null, timedOut = false) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, ms: Date.now() - started, timedOut, error });
    };
    const timer = setTimeout(() => done(null, true), REQUEST_TIMEOUT_MS);
    socket.on("data", (d: Buffer) => {
      data += d.toString("latin1");
      for (;;) {
        const m = /^HTTP\/\d\.\d (\d{3})[^\r\n]*\r\n/.exec(data);
        if (!m) return;
        const status = Number(m[1]);
        if (status >= 200) return done(status);
        const end = data.indexOf("\r\n\r\n");
        if (end < 0) return;
        data = data.slice(end + 4);
      }
    });
    socket.on("error", (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on("close", () => done(null));
    socket.write(bytes);
    if (halfClose) socket.end();
  });
}

// ---------------------------------------------------------------- HTTP cases per route
/** encodeURIComponent, except that a lone surrogate (which it refuses) goes as its WTF-8 bytes, as a sloppy client would send it. */
function encode(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && /[\udc00-\udfff]/.test(value[i + 1] ?? "");
    if (pair) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else out += encodeURIComponent(value[i]);
  }
  return out;
}

const compiled = (Object.keys(API_ROUTES) as RouteName[]).map((n) => ({
  method: API_ROUTES[n].method as string,
  pattern: new RegExp(`^${API_ROUTES[n].path.replace(/:([a-zA-Z]+)/g, "[^/]+")}/?$`),
}));
const isRoute = (method: string, pathname: string) => compiled.some((r) => r.method === method && r.pattern.test(pathname));

function paramFor(name: RouteName): string {
  if (name === "snapshotDelete") return FAKE_SNAPSHOT; // never the fixture: a valid DELETE needs no body
  if (name.startsWith("snapshot")) return fixture.snapshotId;
  if (name.startsWith("capture") || name.startsWith("experiment")) return FAKE_UUID;
  if (name === "daemonStart") return "no-such-daemon"; // a real name would start (or find running) a daemon
  return "c1:eth0";
}

function bodyTemplates(): Partial<Record<RouteName, unknown>> {
  return {
    logout: {},
    labDown: {},
    captureStop: {},
    experimentCancel: {},
    offloadSet: { tx: false, rx: true },
    labUp: { spec: seedSpec(LAB, SUBNET) },
    matrixRun: { protocols: ["icmp", "tcp"], timeoutMs: 300, pairs: [["c1", "c2"]] },
    captureRun: { interfaceId: "c1:eth0", durationMs: 300, maxPackets: 5, protocol: "tcp", hosts: ["c2"], ports: [47007] },
    diagnose: { from: "c1", to: "c2", protocol: "tcp", timeoutMs: 300 },
    pathExplain: { from: "c1", to: "c2", protocol: "icmp", sizeBytes: 100, timeoutMs: 300 },
    experimentStart: {
      switches: ["ovs-kernel"], endpoints: ["containers"], offload: [true], only: ["ovs-kernel/containers/offload-on"],
      protocols: ["icmp"], timeoutMs: 300, labIdPrefix: "fzx", firstSubnet: "10.77.141", bridgeNetfilter: "leave",
    },
    experimentSave: { title: "fuzz", description: "fuzz" },
    snapshotSave: { title: "fuzz", description: "fuzz", layout: { "endpoint:c1": { x: 1, y: 2 } } },
    snapshotRestore: { timeoutMs: 300, subnet: "10.77.142" },
    snapshotImport: fixture.exported,
    labSave: { name: "fz-fuzz", spec: seedSpec(LAB, SUBNET), overwrite: false },
    impairmentSet: { impairment: { delayMs: 10, jitterMs: 2, lossPercent: 1.5, rateKbit: 1000, direction: "both" } },
  };
}

/** Random junk for a path parameter or a query value, built from the pieces above. */
function junk(rng: Rng): { raw: boolean; value: string } {
  const pieces = Array.from({ length: 1 + rng.int(3) }, () => rng.pick([...STRINGS, "..", "/", "%2F", "%", "%zz", String.fromCharCode(rng.int(128))]));
  const value = pieces.join("");
  // Raw, but a request line cannot carry a space or a control character: those (and only those) are %-encoded.
  const raw = [...value].map((ch) => (ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f ? `%${ch.charCodeAt(0).toString(16).padStart(2, "0")}` : ch)).join("");
  return rng.chance(0.5) ? { raw: false, value } : { raw: true, value: raw };
}

async function routeCases(name: RouteName, rng: Rng, templates: Partial<Record<RouteName, unknown>>, skipped: Map<string, number>): Promise<HttpCase[]> {
  const route = API_ROUTES[name];
  const read = route.method === "GET";
  const invalid = Buffer.from(route.method === "GET" ? "" : INVALID_BODY);
  const param = /:([a-zA-Z]+)/.exec(route.path)?.[1];
  const realPath = routePath(route.path, param ? { [param]: paramFor(name) } : {});
  const viewer = () => rng.chance(1 / 8);
  const base = { route: name, method: route.method, target: realPath, body: invalid, read };
  const cases: HttpCase[] = [];
  for (const method of ODD_METHODS.filter((m) => !isRoute(m, realPath))) cases.push({ ...base, kind: "method", method, read: false, viewer: viewer(), mayDrop: method === "CONNECT" });
  for (const target of pathVariants(realPath)) cases.push({ ...base, kind: "path", target, viewer: viewer() });
  for (const q of QUERIES) cases.push({ ...base, kind: "query", target: realPath + q, viewer: viewer() });
  const paramTarget = (raw: boolean, value: string) => routePath(route.path, param ? { [param]: "\u0001" } : {}).replace("%01", raw ? value : encode(value));
  if (param) for (const [raw, value] of PARAM_VALUES) cases.push({ ...base, kind: "param", target: paramTarget(raw, value), viewer: viewer() });
  const sizes = [Buffer.alloc(MAX_JSON_BODY + 1, "a"), Buffer.from(`{"x":"${"a".repeat(MAX_JSON_BODY - 8)}"}`), Buffer.alloc(3 * 1024 * 1024, "[")];
  if (name === "snapshotImport") sizes.push(Buffer.from(`{"format":"ovs-lab-snapshot","pad":"${"a".repeat(MAX_SNAPSHOT_BYTES)}"}`), Buffer.alloc(MAX_SNAPSHOT_BYTES + 1, " "));
  for (const body of sizes) cases.push({ ...base, kind: "body", body, viewer: false });
  cases.push({ ...base, kind: "body", body: Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x7d]), viewer: false }, { ...base, kind: "body", body: Buffer.from("\ufeff{}", "utf16le"), viewer: false });
  const template = templates[name];
  const texts = template !== undefined ? bodyTexts(template, rng, PER_ROUTE) : [];
  const params: Record<string, string> = param ? { [param]: paramFor(name) } : {};
  /** Every body goes through the server's own binding and schema first: one it would act on is left out. */
  const addBody = async (text: string) => {
    const input = await reachedInput(name, params, new URLSearchParams(), text);
    if (input !== null && !read && wouldAct(name, input as Input)) skipped.set(name, (skipped.get(name) ?? 0) + 1);
    else cases.push({ ...base, kind: "body", body: Buffer.from(text), viewer: viewer() });
  };
  for (const text of texts) if (cases.length < PER_ROUTE) await addBody(text);
  while (cases.length < PER_ROUTE) {
    const j = junk(rng);
    if (param && rng.chance(0.7)) cases.push({ ...base, kind: "param", target: paramTarget(j.raw, j.value), viewer: viewer() });
    else if (rng.chance(0.5)) cases.push({ ...base, kind: "query", target: `${realPath}?${rng.pick(["a", "b", "id", "view", "%zz"])}=${j.raw ? j.value : encode(j.value)}`, viewer: viewer() });
    else await addBody(rng.pick(WHOLE_BODIES));
  }
  return cases;
}

/** Requests no client library would send: broken request lines and headers, smuggling, other protocols. */
function rawCases(): HttpCase[] {
  const host = `Host: 127.0.0.1:${PORT}`;
  const auth = `Authorization: Bearer ${server.token}`;
  const req = (text: string, extra: Partial<HttpCase> = {}): HttpCase => ({ route: "raw", kind: "raw", method: "", target: "", body: Buffer.alloc(0), viewer: false, read: false, request: Buffer.from(text, "latin1"), ...extra });
  // Framing games go to a route no body can make act: stopping a capture that does not exist (400 or 404).
  const post = (headers: string, body: string) => `POST /api/captures/${FAKE_UUID}/stop HTTP/1.1\r\n${host}\r\n${auth}\r\nContent-Type: application/json\r\n${headers}Connection: close\r\n\r\n${body}`;
  return [
    req(`GET // HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /%zz HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /api/%zz HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /api/health%00 HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET * HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`OPTIONS * HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET http://127.0.0.1:${PORT}/api/health HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET api/health HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /api/health HTTP/1.0\r\n\r\n`, { read: true }),
    // Node answers these as HTTP/1.1 (leniency, not a fault): a read may be 2xx
    req(`GET /api/health HTTP/2.0\r\n${host}\r\n\r\n`, { read: true }),
    req(`GET /api/health HTTP/9.9\r\n${host}\r\n\r\n`),
    req(`GET /api/health\r\n\r\n`),
    req("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nX-Huge: ${"a".repeat(20_000)}\r\n\r\n`),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}`).join("\r\n")}\r\nConnection: close\r\n\r\n`, { read: true }),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nBad Header: x\r\n\r\n`),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nX-Fold: a\r\n  folded\r\nConnection: close\r\n\r\n`, { read: true }),
    req(`GET /api/health HTTP/1.1\n${host}\nConnection: close\n\n`, { read: true }),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nX-Nul: a\u0000b\r\n\r\n`),
    req(`GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n`),
    req(`GET /api/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`),
    // Node keeps the first Host and drops the second (RFC 9112 says 400); a browser cannot send two, so no rebinding hole
    req(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`, { read: true }),
    req(`GET /api/health HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${PORT}\r\nConnection: close\r\n\r\n`),
    req(`GET /api/health HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n`),
    req(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n")),
    req(post("Content-Length: 5\r\nContent-Length: 6\r\n", "{}{}{}")),
    req(post("Content-Length: -1\r\n", "{}")),
    req(post("Content-Length: 1e3\r\n", "{}")),
    req(post("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n")),
    req(post("Transfer-Encoding: chunked\r\n", "2;ext=\u0000\r\n{}\r\n0\r\n\r\n")),
    req(post("Transfer-Encoding: gzip, chunked\r\n", "2\r\n{}\r\n0\r\n\r\n")),
    req(post("Transfer-Encoding: chunked\r\n", `10001\r\n${"a".repeat(0x10001)}\r\n0\r\n\r\n`)),
    req(post("Content-Length: 100\r\n", '{"id":'), { halfClose: true }),
    req(post("Expect: 100-continue\r\nContent-Length: 3\r\n", "[1]")),
    req(post("Content-Length: 2\r\n", `{}GET /api/health HTTP/1.1\r\n${host}\r\n\r\n`)),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`, { mayDrop: true, read: true }),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`, { mayDrop: true, read: true }),
    req(`CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host}\r\n\r\n`, { mayDrop: true }),
    req(`GET /socket.io/?EIO=4&transport=polling&sid=garbage HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /socket.io/?EIO=99&transport=polling HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`),
    req(`POST /socket.io/?EIO=4&transport=polling&sid=x HTTP/1.1\r\n${host}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n42[1]`),
    req(Array.from({ length: 50 }, (_, i) => `GET /api/health HTTP/1.1\r\n${host}\r\n${i === 49 ? "Connection: close\r\n" : ""}\r\n`).join(""), { read: true }),
    req(`${"\r\n".repeat(1000)}GET /api/health HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`, { read: true }),
    req("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nAuthorization: Bearer ${ALL_SHELL.replace(/\n/g, " ")}\r\nCookie: ovslab_operator=${"%zz".repeat(100)}\r\nConnection: close\r\n\r\n`, { read: true }),
    req(`GET /api/health HTTP/1.1\r\n${host}\r\nOrigin: null\r\nConnection: close\r\n\r\n`, { read: true }),
  ];
}

/** What a case's answer may be: 4xx always; 2xx for a read; nothing at all only where Node drops by design. */
function judge(c: HttpCase, a: Answer): string | null {
  if (a.timedOut) return `no answer within ${REQUEST_TIMEOUT_MS} ms (hang)`;
  if (a.status === null) return c.mayDrop ? null : `connection closed with no answer${a.error ? ` (${a.error})` : ""}`;
  if (a.status >= 400 && a.status < 500) return null;
  if (c.read && a.status >= 200 && a.status < 300) return null;
  return `answered ${a.status}`;
}

// ---------------------------------------------------------------- processes the server spawns
const ALLOWED = new Set<string>([...ALLOWED_PROGRAMS, "node"]);
const ESBUILD = path.join(projectRoot, "node_modules/@esbuild/");


/** Its name as started (comm: iptables) and the file that runs (exe: xtables-nft-multi behind the iptables link). */
function programOf(pid: number): { comm: string; exe: string } | null {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    let exe = "";
    try {
      exe = readlinkSync(`/proc/${pid}/exe`);
    } catch {
      // a zombie: its comm is all there is
    }
    return { comm, exe };
  } catch {
    return null;
  }
}

/**
 * run-command's own wrapper, caught between its start and its exec of the program it wraps
 * (die-with-parent.ts): `setpriv --pdeathsig SIGKILL -- <allowlisted program> ...`, nothing else.
 * Read a moment after its name, it may already be that program (judged as such), or gone (its exec
 * ended too soon to be seen, or it is exiting: the samples of the program itself, if it ran longer, judge it).
 */
function wrapsAllowed(pid: number): boolean {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return true;
  }
  if (argv[0] === "") return true; // exiting: a zombie's command line is empty
  const [bin, args] = dieWithParent("PROGRAM", []);
  if (path.basename(argv[0]) !== bin) return ALLOWED.has(path.basename(argv[0]));
  const at = args.indexOf("PROGRAM");
  return args.slice(0, at).every((arg, i) => argv[i + 1] === arg) && ALLOWED.has(path.basename(argv[at + 1] ?? ""));
}

const allowed = ({ comm, exe }: { comm: string; exe: string }, pid: number) =>
  ALLOWED.has(comm) || ALLOWED.has(path.basename(exe)) || (comm === "esbuild" && exe.startsWith(ESBUILD)) || (comm === "setpriv" && wrapsAllowed(pid));


/** Samples the server's process tree every 20 ms; `foreign` lists what is neither allowlisted nor the harness's loader (tsx's esbuild). */
class SpawnWatch {
  readonly seen = new Map<string, Set<number>>();
  readonly foreign: string[] = [];
  samples = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly root: number) {}
  start(): void {
    this.timer = setInterval(() => this.sample(), 20);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
  private sample(): void {
    this.samples++;
    for (const pid of descendants(this.root)) {
      const p = programOf(pid);
      if (!p) continue;
      const pids = this.seen.get(p.comm) ?? new Set<number>();
      if (!pids.has(pid) && !allowed(p, pid)) this.foreign.push(`${pid} ${p.comm} (${p.exe})`);
      this.seen.set(p.comm, pids.add(pid));
    }
  }
  summary(): string {
    return [...this.seen].map(([name, pids]) => `${name}×${pids.size}`).join(", ");
  }
}

// ---------------------------------------------------------------- lab state
const run = promisify(execFile);

/** The lab's shape and offload, the stored snapshots, and whatever carries this lab's id on the host. */
async function labFingerprint(): Promise<string> {
  const t = await server.api.topology();
  const { snapshots } = await server.api.snapshotList();
  const [bridges, netns, containers] = await Promise.all([
    run("ovs-vsctl", ["list-br"]),
    run("ip", ["netns", "list"]),
    run("docker", ["ps", "-a", "--format", "{{.Names}} {{.State}}"]),
  ]);
  const ours = (text: string) => text.split("\n").filter((l) => l.includes(LAB)).map((l) => l.split(" (id")[0]).sort();
  return JSON.stringify(
    {
      bridge: t.bridge?.ports.map((p) => `${p.name}:${p.type}:${p.ofport}`).sort(),
      endpoints: t.endpoints.map((e) => `${e.name}:${e.state}:${e.ipv4}`).sort(),
      offload: t.interfaces.map((i) => `${i.id}:${Object.entries(i.offload).map(([f, s]) => `${f}=${s.on}`).join(",")}`).sort(),
      snapshots: snapshots.map((s) => s.id).sort(),
      host: { bridges: ours(bridges.stdout), netns: ours(netns.stdout), containers: ours(containers.stdout) },
    },
    null,
    1,
  );
}

async function healthOk(): Promise<string | null> {
  const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch((err: Error) => err);
  if (res instanceof Error) return `health did not answer: ${res.message}`;
  await res.text();
  return res.status === 200 ? null : `health answered ${res.status}`;
}

/** Runs cases CONCURRENCY at a time, checking health every HEALTH_EVERY answers; returns every failure. */
async function runCases(cases: HttpCase[], statuses: Map<string, Map<string, number>>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const a = await send(requestBytes(c), c.halfClose);
      const verdict = judge(c, a);
      if (verdict) failures.push(`${verdict}: ${describeCase(c)}`);
      const byRoute = statuses.get(c.route) ?? new Map<string, number>();
      byRoute.set(String(a.status ?? "drop"), (byRoute.get(String(a.status ?? "drop")) ?? 0) + 1);
      statuses.set(c.route, byRoute);
      if (++answered % HEALTH_EVERY === 0) {
        const h = await healthOk();
        if (h) failures.push(`${h} after ${answered} cases (last: ${describeCase(c)})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

// ---------------------------------------------------------------- socket events
type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ClientToServerEvents;
/** Every event the server binds, read from the bindings themselves: a new event is fuzzed (or fails below) without an edit here. */
const EVENTS: EventName[] = (() => {
  const names: string[] = [];
  const recorder = { on: (name: string) => names.push(name) } as unknown as ServerSocket;
  bindSocketEvents(recorder, () => ({}) as LabServices);
  return names.filter((n) => n !== "disconnect") as EventName[];
})();
/** The terminal operations of any one page: the schemas are the same for every page. */
const terminalOps = terminalOperations("fuzz");
/** The operation behind each changing event: its schema is the oracle for "valid" (see socketWouldAct). */
const SOCKET_OPERATIONS: Partial<Record<EventName, AnyOperation>> = {
  "matrix:run": labOps.matrixStart,
  "daemon:start": labOps.daemonStart,
  "offload:set": labOps.offloadSet,
  "capture:start": captureOps.captureStart,
  "capture:stop": captureOps.captureStop,
  diagnose: captureOps.diagnose,
  "path:explain": pathOps.pathExplain,
  "experiment:start": experimentOps.experimentStart,
  "interface:mtu": editOps.interfaceMtu,
  "interface:link": editOps.interfaceLink,
  "endpoint:address": editOps.endpointAddress,
  "port:tag": editOps.portTag,
  "impairment:set": impairOps.impairmentSet,
  "impairments:list": impairOps.impairmentList,
  "flows:list": editOps.flowList,
  "flow:delete": editOps.flowDelete,
  "firewall:list": editOps.firewallList,
  "firewall:delete": editOps.firewallDelete,
  "experiment:cancel": experimentOps.experimentCancel,
  "class:watch": classOps.classGet,
  "student:get": classOps.studentView,
  "presenter:set": classOps.presenterSet,
  "presenter:get": classOps.presenterGet,
  "lab:spec": labFileOps.labSpec,
  "lab:save": labFileOps.labSave,
  "terminal:open": terminalOps.open,
  "terminal:input": terminalOps.input,
  "terminal:resize": terminalOps.resize,
  "terminal:close": terminalOps.close,
};
type Shape = "ack" | "no-ack" | "non-function-ack" | "ack-only" | "bare" | "extra-args" | "two-functions";

interface SocketCase {
  event: EventName;
  shape: Shape;
  payload: unknown;
  viewer: boolean;
}

function connect(viewer = false): Promise<LabSocket> {
  const socket: LabSocket = io(server.url, { auth: { token: server.token }, query: viewer ? { view: "viewer" } : {}, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket: no hello within 10 s")), 10_000);
    socket.once("hello", () => (clearTimeout(timer), resolve(socket)));
  });
}

const emitAny = (socket: LabSocket, event: string, args: unknown[]) => (socket.emit as unknown as (e: string, ...a: unknown[]) => void)(event, ...args);

function ackOf(socket: LabSocket, event: string, args: unknown[], timeoutMs = REQUEST_TIMEOUT_MS): Promise<AckAnswer<unknown> | "timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    emitAny(socket, event, [...args, (answer: AckAnswer<unknown>) => (clearTimeout(timer), resolve(answer))]);
  });
}

function socketTemplates(): Partial<Record<EventName, unknown>> {
  const t = bodyTemplates();
  return {
    "matrix:run": { protocols: ["icmp"], pairs: [["c1", "c2"]] },
    "daemon:start": { daemon: "dockerd" }, // any valid one is left out (wouldAct): it would start, or look at, a real daemon
    "offload:set": { interfaceId: "c1:eth0", changes: { tx: false } },
    "capture:start": t.captureRun,
    "capture:stop": { id: FAKE_UUID },
    diagnose: t.diagnose,
    "path:explain": t.pathExplain,
    "experiment:start": t.experimentStart,
    "experiment:cancel": { id: FAKE_UUID },
    "interface:mtu": { interfaceId: "c1:eth0", mtu: 1500 },
    "interface:link": { interfaceId: "c1:eth0", up: true },
    "endpoint:address": { endpoint: "c1", address: `${SUBNET}.8/24` },
    "port:tag": { port: `${LAB}-c1`, tag: null },
    "impairment:set": { endpoint: "c1", impairment: { delayMs: 10, lossPercent: 5, direction: "from-endpoint" } },
    "impairments:list": {},
    "flows:list": {},
    "flow:delete": { id: FAKE_RULE },
    "firewall:list": { endpoint: "c1" },
    "firewall:delete": { id: `c1:${FAKE_RULE}` },
    "class:watch": { id: "zz9" }, // no such class: a valid id is a 404
    "student:get": {},
    "presenter:set": { cell: "tcp:c1>c2", node: null, panel: "matrix", step: null },
    "presenter:get": {},
    "lab:spec": {},
    "lab:save": t.labSave,
    "terminal:open": { target: { kind: "endpoint", endpoint: "c1" }, cols: 80, rows: 24 }, // a valid one opens a shell: left out (wouldAct)
    "terminal:input": { id: FAKE_UUID, data: "id\r" },
    "terminal:resize": { id: FAKE_UUID, cols: 80, rows: 24 },
    "terminal:close": { id: FAKE_UUID },
  };
}

/** How deep brackets nest (strings not skipped: an upper bound). */
function nesting(text: string): number {
  let depth = 0;
  let most = 0;
  for (const ch of text) {
    if (ch === "[" || ch === "{") most = Math.max(most, ++depth);
    else if (ch === "]" || ch === "}") depth--;
  }
  return most;
}

/** Payloads a socket can carry: JSON values (what JSON cannot say becomes null on the way), binary, big. */
function socketPayloads(template: unknown, rng: Rng, count: number): unknown[] {
  const out: unknown[] = [
    undefined, null, 0, -1, NaN, Infinity, 1e308, "str", ALL_SHELL, ...SHELL_STRINGS, ...UNICODE_STRINGS, [], [{}], {}, true,
    Buffer.from("{}"), new Uint8Array([0xff, 0xfe]), { interfaceId: Buffer.from("c1:eth0") }, JSON.parse(deepArray(2000)), "x".repeat(200_000),
    Array.from({ length: 10_000 }, (_, i) => i), Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
    JSON.parse('{"__proto__":{"polluted":1}}'), JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
  ];
  const texts = template === undefined ? [] : bodyTexts(template, rng, count);
  for (const text of texts) {
    if (out.length >= count) break;
    try {
      // socket.io-client walks a payload recursively (looking for binary): keep it within the client's stack
      if (text.length < 200_000 && nesting(text) < 3000) out.push(JSON.parse(text));
    } catch {
      // not JSON: a socket payload is always a value
    }
  }
  while (out.length < count) out.push(rng.pick([...STRINGS, 0, -0.5, 1e21, null, [], {}, [rng.pick(STRINGS)], { id: rng.pick(STRINGS) }]));
  return out;
}

/** What the server makes of an acked payload (it sees `payload ?? {}` after a JSON round trip); null when refused. */
function socketWouldAct(event: EventName, payload: unknown): boolean {
  const op = SOCKET_OPERATIONS[event];
  if (!op) return false;
  const binary = payload instanceof Uint8Array || (typeof payload === "object" && payload !== null && Object.values(payload).some((v) => v instanceof Uint8Array));
  const seen = binary ? payload : (JSON.parse(JSON.stringify([payload])) as unknown[])[0];
  const parsed = op.input.safeParse(seen ?? {});
  return parsed.success && wouldAct(event, parsed.data as Input);
}

function socketCases(rng: Rng, skipped: Map<string, number>): SocketCase[] {
  const templates = socketTemplates();
  const cases: SocketCase[] = [];
  const shapes: Shape[] = ["no-ack", "non-function-ack", "ack-only", "bare", "extra-args", "two-functions"];
  for (const event of EVENTS) {
    for (const payload of socketPayloads(templates[event], rng, PER_EVENT)) {
      // state:get takes the ack first: with a payload in front of it, no shape of it is answered.
      // (and `state:get` with only an ack is its valid call)
      const shape: Shape = event !== "state:get" && rng.chance(0.7) ? "ack" : rng.pick(shapes.filter((s) => event !== "state:get" || s !== "ack-only"));
      if (shape === "ack" && socketWouldAct(event, payload)) {
        skipped.set(event, (skipped.get(event) ?? 0) + 1);
        continue;
      }
      cases.push({ event, shape, payload, viewer: shape === "ack" && rng.chance(1 / 8) });
    }
  }
  return rng.shuffle(cases);
}

const describeSocketCase = (c: SocketCase) => {
  const text = c.payload instanceof Uint8Array ? `<binary ${c.payload.length} B>` : (JSON.stringify(c.payload) ?? String(c.payload));
  return `[${c.event} ${c.shape}${c.viewer ? ", as viewer" : ""}] ${text.slice(0, 300)}${text.length > 300 ? `… (${text.length} chars)` : ""}`;
};

/** Acks that must never be called (the server cannot know them as acks) report here. */
const lateFailures: string[] = [];

/** Fire one case; an acked one must come back refused with a 4xx status. */
async function emitCase(operator: LabSocket, viewer: LabSocket, c: SocketCase): Promise<string | null> {
  const socket = c.viewer ? viewer : operator;
  const never = () => lateFailures.push(`an ack the server could not tell from data was called: ${describeSocketCase(c)}`);
  const args: Record<Exclude<Shape, "ack">, unknown[]> = {
    "no-ack": [c.payload],
    "non-function-ack": [c.payload, "not a function"],
    "ack-only": [never],
    bare: [],
    "extra-args": [c.payload, 42, never],
    "two-functions": [c.payload, never, never],
  };
  if (c.shape !== "ack") {
    emitAny(socket, c.event, args[c.shape]);
    return null;
  }
  const answer = await ackOf(socket, c.event, [c.payload]);
  if (answer === "timeout") return `no ack within ${REQUEST_TIMEOUT_MS} ms: ${describeSocketCase(c)}`;
  if (answer.ok) return `accepted: ${describeSocketCase(c)}`;
  if (!(answer.status >= 400 && answer.status < 500) || typeof answer.code !== "string") return `answered ${JSON.stringify(answer).slice(0, 300)}: ${describeSocketCase(c)}`;
  return null;
}

async function stateGetOk(socket: LabSocket): Promise<string | null> {
  const answer = await ackOf(socket, "state:get", [], 10_000);
  return answer !== "timeout" && answer.ok ? null : `state:get failed: ${JSON.stringify(answer).slice(0, 300)}`;
}

/** Engine.io message frames no client library sends: broken socket.io packets, reserved names, bogus attachments. */
const RAW_PACKETS = [
  '2["state:get"', "2", "2[]", "2[1]", "2[null]", '2["offload:set",{}', '2["disconnect"]', '2["connect"]', '2["error",{}]', '2["__proto__",{}]', '2["constructor"]', '2["toString"]',
  '5-["matrix:run",{"_placeholder":true,"num":0}]', '51-["matrix:run",{"_placeholder":true,"num":99}]', "0/nsp,", '2/admin,["x"]', '3["x"]', '3999["x"]',
  '29999999999999999999["matrix:run",{}]', "1", "9", "", "2" + deepArray(50_000), `2["matrix:run",${JSON.stringify(ALL_SHELL)}]`,
];

// ---------------------------------------------------------------- the test
describe("fuzz: malformed input over every HTTP route and socket event", () => {
  let watch: SpawnWatch;
  let fingerprint = "";
  const started = Date.now();

  before(async () => {
    console.log(`# fuzz seed ${SEED} (OVSLAB_FUZZ_SEED=${SEED} runs the same inputs again)`);
    rmSync(CANARY, { force: true });
    server = await startTestServer(LAB, PORT);
    const up = await server.api.labUp({ body: { spec: seedSpec(LAB, SUBNET) } });
    for (const e of up.topology.endpoints) real.endpoints.add(e.name);
    for (const i of up.topology.interfaces) real.interfaces.add(i.id);
    fixture.snapshotId = (await server.api.snapshotSave({ body: { title: "fuzz fixture" } })).id;
    real.snapshots.add(fixture.snapshotId);
    fixture.exported = JSON.parse(await (await server.api.response("snapshotExport", { params: { id: fixture.snapshotId } })).text());
    fingerprint = await labFingerprint();
    watch = new SpawnWatch(listeningPid(PORT));
    watch.start();
  });

  after(async () => {
    watch?.stop();
    await server?.stop();
    rmSync(CANARY, { force: true });
    console.log(`# fuzz: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  });

  test(`HTTP: ${PER_ROUTE} malformed requests per route, as the operator and some as a viewer: 4xx (a read may be 2xx), no hang`, async () => {
    const rng = new Rng(SEED);
    const templates = bodyTemplates();
    const skipped = new Map<string, number>();
    const cases: HttpCase[] = [];
    for (const name of Object.keys(API_ROUTES) as RouteName[]) cases.push(...(await routeCases(name, rng, templates, skipped)));
    const statuses = new Map<string, Map<string, number>>();
    const t0 = Date.now();
    const failures = await runCases(rng.shuffle(cases), statuses);
    console.log(`# HTTP: ${cases.length} cases over ${Object.keys(API_ROUTES).length} routes in ${((Date.now() - t0) / 1000).toFixed(1)} s; left out as valid changes: ${JSON.stringify(Object.fromEntries(skipped))}`);
    for (const [route, byStatus] of statuses) console.log(`#   ${route}: ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(" ")}`);
    assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${cases.length} cases failed (seed ${SEED})`);
  });

  test("HTTP: request lines, headers and framing no client library sends: 4xx or, where Node drops by design, a closed connection", async () => {
    const cases = rawCases();
    const failures = await runCases(cases, new Map());
    assert.deepEqual(failures, []);
    assert.equal(await healthOk(), null);
  });

  test(`socket: ${PER_EVENT} malformed emits per event (wrong shapes, no ack, non-function ack, extra args, big): refused with a 4xx status, the socket keeps serving`, async () => {
    const unmapped = EVENTS.filter((e) => e !== "state:get" && (!SOCKET_OPERATIONS[e] || socketTemplates()[e] === undefined));
    assert.deepEqual(unmapped, [], "a socket event with no operation (the oracle) or template here: add it to SOCKET_OPERATIONS and socketTemplates");
    const rng = new Rng(SEED ^ 0x5eed);
    const skipped = new Map<string, number>();
    const cases = socketCases(rng, skipped);
    const [operator, viewer] = await Promise.all([connect(false), connect(true)]);
    const failures: string[] = [];
    for (const s of [operator, viewer]) s.on("disconnect", (reason) => failures.push(`a malformed emit disconnected a socket (${reason})`));
    const t0 = Date.now();
    try {
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const i = next++;
          const failure = await emitCase(operator, viewer, cases[i]).catch((err: Error) => `threw ${err.message}: ${describeSocketCase(cases[i])}`);
          if (failure) failures.push(failure);
          if (i % 50 === 49) for (const s of [operator, viewer]) failures.push(...[await stateGetOk(s)].filter((f): f is string => f !== null));
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      for (const s of [operator, viewer]) failures.push(...[await stateGetOk(s)].filter((f): f is string => f !== null));
      failures.push(...lateFailures);
    } finally {
      for (const s of [operator, viewer]) s.off("disconnect");
      operator.close();
      viewer.close();
    }
    console.log(`# socket: ${cases.length} emits over ${EVENTS.length} events in ${((Date.now() - t0) / 1000).toFixed(1)} s; left out as valid changes: ${JSON.stringify(Object.fromEntries(skipped))}`);
    assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${cases.length} emits failed (seed ${SEED})`);
  });

  test("socket: broken packets and payloads over the 256 KiB limit close only that connection; the server keeps serving", async () => {
    const failures: string[] = [];
    const oversize: [string, unknown][] = [["matrix:run", "x".repeat(300 * 1024)], ["offload:set", { interfaceId: "c1:eth0", changes: { tx: "y".repeat(3 * 1024 * 1024) } }], ["state:get", Buffer.alloc(512 * 1024)]];
    const tries: [string, (s: LabSocket) => void][] = [
      ...RAW_PACKETS.map((p): [string, (s: LabSocket) => void] => [`raw ${JSON.stringify(p.slice(0, 80))}`, (s) => s.io.engine.write(p)]),
      ...oversize.map(([event, payload]): [string, (s: LabSocket) => void] => [`${event} oversize`, (s) => emitAny(s, event, [payload, () => failures.push(`${event}: an oversize payload was answered`)])]),
    ];
    for (const [label, act] of tries) {
      const socket = await connect();
      try {
        const closed = new Promise<"closed">((resolve) => socket.once("disconnect", () => resolve("closed")));
        act(socket);
        // Packets are handled in order: once a state:get behind it is answered, the broken one was handled too.
        const outcome = await Promise.race([closed, ackOf(socket, "state:get", [], 5000)]);
        if (outcome === "closed") continue; // that one connection was closed: what a broken client gets
        if (label.endsWith("oversize")) failures.push(`${label}: a payload over maxHttpBufferSize was taken (${JSON.stringify(outcome).slice(0, 100)})`);
        // "1" is the client's own DISCONNECT of the namespace: the server forgets that socket, so nothing more is answered on it.
        else if (outcome === "timeout" ? label !== 'raw "1"' : !outcome.ok) failures.push(`${label}: the connection stayed open but no longer serves (${JSON.stringify(outcome).slice(0, 200)})`);
      } finally {
        socket.close();
      }
    }
    const fresh = await connect();
    try {
      assert.equal(await stateGetOk(fresh), null);
    } finally {
      fresh.close();
    }
    assert.deepEqual(failures, []);
  });

  test("afterwards: health answers, nothing outside the allowlist ran, no shell ran, the lab and the snapshots are unchanged", async () => {
    assert.equal(await healthOk(), null);
    watch.stop();
    console.log(`# processes under the server (${watch.samples} samples every 20 ms): ${watch.summary()}`);
    assert.deepEqual(watch.foreign, [], "processes outside run-command's allowlist");
    assert.ok(watch.samples > 100, "the process sampler ran");
    assert.equal(existsSync(CANARY), false, `${CANARY} exists: some input reached a shell`);
    assert.equal(await labFingerprint(), fingerprint);
  });

  test("afterwards: the server's log has no unhandled rejection and no internal error (what a 4xx answer could hide)", async () => {
    assert.equal((await server.post("/api/lab/down")).status, 200);
    const { code, log } = await server.terminate("SIGTERM"); // stop() in after() then only removes its data directory
    assert.equal(code, 0, log.slice(-3000));
    // A request the client broke (a cut-off body, a bad chunk) is the client's error: Node answers it 400, and
    // the server must not count it as its own failure (500, logged with an error id) behind that answer.
    const bad = log.split("\n").filter((l) => /unhandled rejection|uncaught|failed \(error [0-9a-f]{8}\)/i.test(l));
    assert.deepEqual(bad, [], "internal errors in the server log while every answer was 4xx: see the raw cases above for the inputs");
  });
});
