import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { io, type Socket } from "socket.io-client";
import type { AckAnswer, ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import type { TerminalExit, TerminalInfo, TerminalTarget } from "../../lib/contracts/terminal";
import { containersLab } from "../../server/lab/derived-labs";
import { startTestServer, type TestServer } from "./harness";

// Terminals on the real lab: a container, a plain namespace, the host side of a port.
const LAB = "tm";
const SUBNET = "10.77.120";
const MAX = 3;
let server: TestServer;
type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A page's socket with what each of its terminals printed so far. */
class TerminalPage {
  readonly output = new Map<string, string>();
  readonly exits = new Map<string, TerminalExit>();
  private constructor(readonly socket: LabSocket) {
    socket.on("terminal:output", ({ id, data }) => this.output.set(id, (this.output.get(id) ?? "") + data));
    socket.on("terminal:exit", (exit) => this.exits.set(exit.id, exit));
  }

  static async connect(options: { token?: string | null; viewer?: boolean } = {}): Promise<TerminalPage> {
    const token = options.token === undefined ? server.token : options.token;
    const socket: LabSocket = io(server.url, { auth: token ? { token } : {}, query: options.viewer ? { view: "viewer" } : {}, transports: ["websocket"], forceNew: true, reconnection: false });
    await new Promise((resolve) => socket.once("hello", resolve));
    return new TerminalPage(socket);
  }

  call<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<AckAnswer<T>> {
    return new Promise((resolve) => (this.socket.emit as unknown as (e: string, p: unknown, a: (x: AckAnswer<T>) => void) => void)(event, payload, resolve));
  }

  async open(target: TerminalTarget, size: { cols?: number; rows?: number } = {}): Promise<TerminalInfo> {
    const answer = await this.call<TerminalInfo>("terminal:open", { target, ...size });
    assert.ok(answer.ok, `terminal:open ${JSON.stringify(target)}: ${answer.ok ? "" : answer.error}`);
    return answer.value;
  }

  /** Types a command and waits for its end marker (written split in the command, so the echo of the typing does not match). */
  async run(id: string, command: string, timeoutMs = 15_000): Promise<string> {
    const marker = `end-${Math.random().toString(36).slice(2, 8)}`;
    const from = (this.output.get(id) ?? "").length;
    const sent = await this.call("terminal:input", { id, data: `${command}; echo ${marker.slice(0, 3)}""${marker.slice(3)}\r` });
    assert.ok(sent.ok, JSON.stringify(sent));
    return this.until(id, new RegExp(`\\n${marker}`), timeoutMs, from);
  }

  async until(id: string, pattern: RegExp, timeoutMs = 15_000, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = plainText((this.output.get(id) ?? "").slice(from));
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) assert.fail(`no ${pattern} in ${timeoutMs} ms; the terminal printed:\n${text.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** What a person would read: no control sequences (bracketed paste, colours), no carriage returns. */
// eslint-disable-next-line no-control-regex -- ESC is what a terminal's control sequences start with
const plainText = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

/** Host pids whose command line is exactly `argv`. */
function pidsOf(...argv: string[]): number[] {
  const want = argv.join("\0");
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0$/, "") === want;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function gone(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!existsSync(`/proc/${pid}`)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function labSpec() {
  const spec = containersLab(LAB, SUBNET, 1, { hostEndpoint: true });
  spec.endpoints.push({ name: "n1", kind: "netns", address: `${SUBNET}.21/24`, attach: { via: "veth" }, offload: {} });
  return spec;
}

before(async () => {
  server = await startTestServer(LAB, 3420, { OVSLAB_TERMINAL_MAX: String(MAX) });
  await server.api.labUp({ body: { spec: labSpec() } });
});

after(async () => {
  await server?.stop();
});

test("a terminal in container c1: ip a shows eth0 with the lab address, ethtool -k reads its offload, stty size follows a resize", async () => {
  const page = await TerminalPage.connect();
  try {
    const term = await page.open({ kind: "endpoint", endpoint: "c1" }, { cols: 80, rows: 24 });
    assert.equal(term.title, "c1");
    await page.until(term.id, /\[tm c1\]/);
    const ipa = await page.run(term.id, "ip a");
    assert.match(ipa, /eth0/);
    assert.match(ipa, new RegExp(`inet ${SUBNET.replace(/\./g, "\\.")}\\.11/24`));
    assert.doesNotMatch(ipa, new RegExp(`${LAB}-c1`), "the host's end of the veth is not in the container's namespace");
    assert.match(await page.run(term.id, "ethtool -k eth0"), /tx-checksumming: (on|off)/);
    assert.match(await page.run(term.id, "stty size"), /\n24 80\n/);
    const resized = await page.call<TerminalInfo>("terminal:resize", { id: term.id, cols: 120, rows: 33 });
    assert.ok(resized.ok && resized.value.cols === 120, JSON.stringify(resized));
    assert.match(await page.run(term.id, "stty size"), /\n33 120\n/);
    assert.match(await page.run(term.id, `ping -c 1 -W 2 ${SUBNET}.21`), /1 (packets )?received/);
    const refused = await page.call("terminal:resize", { id: term.id, cols: 100_000, rows: 33 });
    assert.deepEqual([refused.ok, !refused.ok && refused.code], [false, "invalid"]);
    assert.equal((await page.call<TerminalExit>("terminal:close", { id: term.id })).ok, true);
  } finally {
    page.close();
  }
});

test("a terminal in the plain namespace n1, and on the host side of c1's port", async () => {
  const page = await TerminalPage.connect();
  try {
    const ns = await page.open({ kind: "endpoint", endpoint: "n1" });
    assert.match(await page.run(ns.id, "ip -brief addr show eth0"), new RegExp(`eth0\\S* .*${SUBNET.replace(/\./g, "\\.")}\\.21/24`));
    const port = await page.open({ kind: "port", interfaceId: `host:${LAB}-c1` });
    assert.equal(port.title, `host (${LAB}-c1)`);
    const out = await page.run(port.id, "echo $OVSLAB_INTERFACE; ethtool -k $OVSLAB_INTERFACE | head -3");
    assert.match(out, new RegExp(`\\n${LAB}-c1\\n`));
    assert.match(out, /Features for tm-c1/);
    const inside = await page.call("terminal:open", { target: { kind: "port", interfaceId: "c1:eth0" } });
    assert.ok(!inside.ok && inside.code === "invalid" && /inside c1/.test(inside.error), JSON.stringify(inside));
  } finally {
    page.close();
  }
});

test("names that are not in the lab are refused, as is a terminal another page opened", async () => {
  const page = await TerminalPage.connect();
  const other = await TerminalPage.connect();
  try {
    for (const target of [{ kind: "endpoint", endpoint: "zz9" }, { kind: "port", interfaceId: "host:nope0" }]) {
      const answer = await page.call("terminal:open", { target });
      assert.deepEqual([answer.ok, !answer.ok && answer.code], [false, "notFound"], JSON.stringify(target));
    }
    for (const target of [{ kind: "endpoint", endpoint: "c1; reboot" }, { kind: "port", interfaceId: "host:$(reboot)" }, { kind: "shell", endpoint: "c1" }]) {
      const answer = await page.call("terminal:open", { target });
      assert.deepEqual([answer.ok, !answer.ok && answer.code], [false, "invalid"], JSON.stringify(target));
    }
    const term = await page.open({ kind: "endpoint", endpoint: "c1" });
    const stolen = await other.call("terminal:input", { id: term.id, data: "touch /tmp/stolen\r" });
    assert.deepEqual([stolen.ok, !stolen.ok && stolen.code], [false, "notFound"]);
    assert.equal((await other.call("terminal:close", { id: term.id })).ok, false);
    assert.equal(other.output.size, 0, "another page sees none of its output");
  } finally {
    page.close();
    other.close();
  }
});

test("viewers and sockets without a credential (or with a wrong one) get no terminal", async () => {
  for (const [who, options, code] of [
    ["the viewer link", { viewer: true }, "forbidden"],
    ["no credential", { token: null }, "unauthenticated"],
    ["a wrong token", { token: "not-the-token" }, "forbidden"],
  ] as const) {
    const page = await TerminalPage.connect(options);
    try {
      for (const [event, payload] of [
        ["terminal:open", { target: { kind: "endpoint", endpoint: "c1" } }],
        ["terminal:input", { id: "00000000-0000-0000-0000-000000000000", data: "id\r" }],
        ["terminal:resize", { id: "00000000-0000-0000-0000-000000000000", cols: 80, rows: 24 }],
        ["terminal:close", { id: "00000000-0000-0000-0000-000000000000" }],
      ] as const) {
        const answer = await page.call(event, payload);
        assert.deepEqual([answer.ok, !answer.ok && answer.code], [false, code], `${who}: ${event}`);
      }
    } finally {
      page.close();
    }
  }
});

test(`at most ${MAX} terminals at once; the next is refused naming the limit, and closing one makes room`, async () => {
  const page = await TerminalPage.connect();
  try {
    // The tests before closed their pages; their terminals end as their shells do (a moment later, one by one).
    const roomDeadline = Date.now() + 5000;
    const openWhenRoom = async (target: TerminalTarget) => {
      let opened;
      while ((opened = await page.call<TerminalInfo>("terminal:open", { target })) && !opened.ok && Date.now() < roomDeadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(opened.ok, JSON.stringify(opened));
      return opened.value;
    };
    const opened = [];
    for (let i = 0; i < MAX; i++) opened.push(await openWhenRoom({ kind: "endpoint", endpoint: i % 2 ? "n1" : "c1" }));
    const refused = await page.call("terminal:open", { target: { kind: "endpoint", endpoint: "c1" } });
    assert.ok(!refused.ok && refused.code === "conflict", JSON.stringify(refused));
    assert.match(refused.error, new RegExp(`OVSLAB_TERMINAL_MAX=${MAX}`));
    assert.match(refused.error, /close one/);
    assert.ok((await page.call("terminal:close", { id: opened[0].id })).ok);
    opened[0] = await page.open({ kind: "endpoint", endpoint: "c1" });
  } finally {
    page.close();
  }
  // The page went away: its terminals went with it, so there is room for a full set again.
  const next = await TerminalPage.connect();
  try {
    const deadline = Date.now() + 5000;
    let last;
    for (let i = 0; i < MAX; i++) {
      while ((last = await next.call("terminal:open", { target: { kind: "endpoint", endpoint: "c1" } })) && !last.ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(last.ok, JSON.stringify(last));
    }
  } finally {
    next.close();
  }
});

test("closing a terminal, or its page going away, ends the shell and everything it started", async () => {
  const page = await TerminalPage.connect();
  const shellPid = async (id: string) => Number(/\n(\d+)\n/.exec(await page.run(id, "echo $$"))![1]);
  try {
    const term = await page.open({ kind: "endpoint", endpoint: "c1" });
    const bash = await shellPid(term.id);
    await page.call("terminal:input", { id: term.id, data: "sleep 4321 & trap '' HUP; sleep 4322\r" });
    const deadline = Date.now() + 5000;
    while ((pidsOf("sleep", "4321").length === 0 || pidsOf("sleep", "4322").length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const sleeps = [...pidsOf("sleep", "4321"), ...pidsOf("sleep", "4322")];
    assert.equal(sleeps.length, 2, "both sleeps run");
    const closed = await page.call<TerminalExit>("terminal:close", { id: term.id });
    assert.ok(closed.ok && closed.value.reason === "closed", JSON.stringify(closed));
    for (const pid of [bash, ...sleeps]) assert.ok(await gone(pid), `pid ${pid} outlived its terminal`);

    const second = await page.open({ kind: "endpoint", endpoint: "n1" });
    const bash2 = await shellPid(second.id);
    page.close();
    assert.ok(await gone(bash2), "the shell of a page that went away ends");
  } finally {
    page.close();
  }
});

test("a terminal closes when its endpoint goes away", async () => {
  const page = await TerminalPage.connect();
  try {
    const term = await page.open({ kind: "endpoint", endpoint: "c1" });
    await page.run(term.id, "true");
    execFileSync("docker", ["stop", "-t", "0", `ovslab-${LAB}-c1`]);
    const deadline = Date.now() + 15_000;
    while (!page.exits.has(term.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(page.exits.get(term.id)?.reason, "endpointGone");
  } finally {
    page.close();
  }
});

test("a server that stops ends the terminals still open", async () => {
  const page = await TerminalPage.connect();
  const term = await page.open({ kind: "endpoint", endpoint: "n1" });
  const bash = Number(/\n(\d+)\n/.exec(await page.run(term.id, "echo $$"))![1]);
  // A stop that leaves the lab up (its endpoints stay): only the server's own stop can end the shell.
  const { code } = await server.terminate("SIGTERM");
  page.close();
  assert.equal(code, 0);
  assert.ok(await gone(bash), "the shell outlived the server");
  // A server again, so that after() brings the lab down.
  server = await startTestServer(LAB, 3420);
});
