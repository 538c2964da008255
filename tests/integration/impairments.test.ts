import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import type { Impairment, ImpairmentList, LinkImpairment } from "../../lib/contracts/impairment";
import type { ProbeResult } from "../../lib/contracts/matrix";
import type { HealthInfo } from "../../lib/contracts/health";
import type { Topology } from "../../lib/contracts/topology";
import { seedSpec, startTestServer, type TestServer } from "./harness";

/**
 * Link impairments on the real daemons, set through the operation on a running seed lab (lab im,
 * 10.77.150.0/24). This host's kernel has no netem: delay and loss go through the relay, a rate alone
 * through tbf; on a kernel with netem the same test exercises netem.
 */
const LAB = "im";
const SUBNET = "10.77.150";
const PORT = 3450;
const ip = (n: number) => `${SUBNET}.${n}`;
const C2 = ip(7);

let server: TestServer;

type Answer = { endpoint: string; link: LinkImpairment | null };
async function impair(endpoint: string, impairment: Impairment | null): Promise<LinkImpairment | null> {
  const { status, body } = await server.post<Answer>(`/api/endpoints/${endpoint}/impairment`, { impairment });
  assert.equal(status, 200, JSON.stringify(body));
  return body.link;
}

async function matrix(protocols: string[], timeoutMs = 2000): Promise<Omit<ProbeResult, "runId" | "at">[]> {
  const { status, body } = await server.post<{ results: Omit<ProbeResult, "runId" | "at">[] }>("/api/matrix", { protocols, timeoutMs });
  assert.equal(status, 200, JSON.stringify(body));
  return body.results;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** ICMP round trips per ordered pair over a few matrix runs. */
async function icmpRtts(runs = 3): Promise<Map<string, number[]>> {
  const rtts = new Map<string, number[]>();
  for (let i = 0; i < runs; i++)
    for (const r of await matrix(["icmp"]))
      if (r.ok && r.rttMs !== null) rtts.set(`${r.from}>${r.to}`, [...(rtts.get(`${r.from}>${r.to}`) ?? []), r.rttMs]);
  return rtts;
}

const pidOf = (endpoint: string) => execFileSync("docker", ["inspect", "-f", "{{.State.Pid}}", `ovslab-${LAB}-${endpoint}`], { encoding: "utf8" }).trim();
const inEndpoint = (endpoint: string, argv: string[]) => ["nsenter", ["-t", pidOf(endpoint), "-n", "--", ...argv]] as const;

/** fping's count of replies to `count` pings c1 -> c2 (10 ms apart). */
function pingReplies(count: number): number {
  const [bin, args] = inEndpoint("c1", ["fping", "-c", String(count), "-p", "10", "-t", "500", "-q", C2]);
  // fping -q prints its summary on stderr, and exits 1 when any ping was lost.
  const out = spawnSync(bin, args, { encoding: "utf8" }).stderr;
  const m = /xmt\/rcv\/%loss = (\d+)\/(\d+)/.exec(out);
  assert.ok(m, `fping said: ${out}`);
  return Number(m[2]);
}

// The receiver reports what arrived and over how long: bytes the sender's buffer still held when it closed
// arrive after the sender's seconds are up, so bytes alone overstate a slow link's rate.
const RECEIVER = "import socket,sys,time\ns=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0',5201));s.listen(1);print('ready',flush=True)\nc,_=s.accept();n=0;t0=None;t1=None\nwhile True:\n  b=c.recv(65536)\n  if not b: break\n  t1=time.time();t0=t0 or t1\n  n+=len(b)\nprint(n,(t1-t0) if t0 else 0,flush=True)";
const SENDER = "import socket,sys,time\ns=socket.create_connection((sys.argv[1],5201),timeout=5);end=time.time()+float(sys.argv[2]);b=b'x'*16384\nwhile time.time()<end:\n  try: s.send(b)\n  except socket.timeout: pass\ns.close()";

/** The rate (kbit/s) at which a TCP stream c1 -> c2, sent for `seconds`, arrives: bytes received over first to last byte. */
async function bulkKbit(seconds: number): Promise<number> {
  const [rbin, rargs] = inEndpoint("c2", ["python3", "-c", RECEIVER]);
  const receiver = spawn(rbin, rargs, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const ready = new Promise<void>((resolve) => receiver.stdout.on("data", (d) => ((out += d), out.includes("ready") && resolve())));
  const done = new Promise<void>((resolve) => receiver.once("exit", () => resolve()));
  await ready;
  const [sbin, sargs] = inEndpoint("c1", ["python3", "-c", SENDER, C2, String(seconds)]);
  execFileSync(sbin, sargs, { stdio: "ignore", timeout: (seconds + 15) * 1000 });
  const timer = setTimeout(() => receiver.kill(), 20_000);
  await done;
  clearTimeout(timer);
  const [bytes, elapsed] = out.split("\n")[1].split(" ").map(Number);
  return elapsed > 0 ? (bytes * 8) / elapsed / 1000 : 0;
}

const rootLinks = () => (JSON.parse(execFileSync("ip", ["-json", "link", "show"], { encoding: "utf8" })) as { ifname: string }[]).map((l) => l.ifname);
const relayInterfaces = () => rootLinks().filter((n) => /^im-\d+r[ab]$/.test(n));
const relayProcesses = () =>
  execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n").filter((l) => l.includes("link_relay.py") && l.includes(` ${LAB}-`));
const bridgePorts = async () => (await server.get<Topology>("/api/topology")).body.bridge?.ports.map((p) => p.name).sort() ?? [];

describe("link impairments (lab im)", { timeout: 600_000 }, () => {
  before(async () => {
    server = await startTestServer(LAB, PORT);
    await server.post("/api/lab/down");
    const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, SUBNET) });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("the health answer and the list say which engine this kernel offers", async () => {
    const { body } = await server.get<ImpairmentList>("/api/impairments");
    assert.equal(typeof body.support.netem, "boolean");
    assert.match(body.support.summary, body.support.netem ? /netem/ : /relay \(this kernel has no netem\)/);
    assert.deepEqual(body.links, []);
    const health = await server.get<HealthInfo>("/api/health");
    assert.equal(health.body.impairments?.summary, body.support.summary);
  });

  test("a 100 ms delay on c2's link shows in c1->c2's round trip; the other pairs stay fast", async () => {
    const link = await impair("c2", { delayMs: 100 });
    assert.ok(link, "the link reads back impaired");
    assert.equal(link.impairment.delayMs, 100);
    assert.match(link.note, /100 ms delay via (netem|relay)/);
    if (link.engine === "relay") {
      assert.ok(link.relay?.pid, "the relay's forwarder runs");
      assert.deepEqual(relayInterfaces().sort(), [link.bridgePort.replace(/rb$/, "ra"), link.bridgePort].sort());
      assert.ok((await bridgePorts()).includes(link.bridgePort) && !(await bridgePorts()).includes(`${LAB}-c2`), "the relay's end took the host end's place");
    }
    const rtts = await icmpRtts();
    const c1c2 = median(rtts.get("c1>c2") ?? []);
    assert.ok(c1c2 >= 100, `c1>c2 median RTT ${c1c2} ms`);
    assert.ok(c1c2 < 400, `c1>c2 median RTT ${c1c2} ms: more than the delay asked for`);
    const c1server = median(rtts.get("c1>server") ?? []);
    assert.ok(c1server < 50, `c1>server median RTT ${c1server} ms: a link without impairment got slow`);
    const hostc1 = median(rtts.get("host>c1") ?? []);
    assert.ok(hostc1 < 50, `host>c1 median RTT ${hostc1} ms`);
    console.log(`[impairments] median RTT c1>c2 ${c1c2} ms, c1>server ${c1server} ms, host>c1 ${hostc1} ms (${link.engine})`);
  });

  test("20 % loss drops about that share of 200 pings", async () => {
    await impair("c2", { lossPercent: 20 });
    const replies = pingReplies(200);
    const lost = 200 - replies;
    console.log(`[impairments] 20 % loss: ${lost} of 200 pings lost`);
    // Binomial(200, 0.2): mean 40, sd 5.7; 18..66 is about 4 sd either way.
    assert.ok(lost >= 18 && lost <= 66, `${lost} of 200 lost`);
  });

  test("a 1 Mbit/s rate caps a bulk TCP transfer c1 -> c2", async () => {
    await impair("c2", null);
    for (const id of ["c1:eth0", "c2:eth0"]) assert.equal((await server.post(`/api/interfaces/${id}/offload`, { tx: false })).status, 200);
    const free = await bulkKbit(2);
    const link = await impair("c2", { rateKbit: 1000 });
    assert.equal(link?.impairment.rateKbit, 1000);
    const kbit = await bulkKbit(4);
    console.log(`[impairments] bulk c1>c2: ${Math.round(free)} kbit/s free, ${Math.round(kbit)} kbit/s at rate 1000 (${link?.engine})`);
    assert.ok(kbit < 1600, `${Math.round(kbit)} kbit/s through a 1000 kbit/s link`);
    assert.ok(kbit > 300, `${Math.round(kbit)} kbit/s: the capped link barely carried anything`);
    assert.ok(free > kbit * 6, `the free link (${Math.round(free)} kbit/s) was not much faster than the capped one (${Math.round(kbit)} kbit/s)`);
  });

  test("the seed's TX offload bug shows through a relayed link, and the fix works through it", async () => {
    const link = await impair("c2", { delayMs: 5, lossPercent: 0.001 });
    assert.equal((await server.post("/api/interfaces/c1:eth0/offload", { tx: true })).status, 200);
    const broken = (await matrix(["tcp"], 1500)).find((r) => r.from === "c1" && r.to === "c2")!;
    assert.equal(broken.ok, false, "TCP c1->c2 with c1's TX offload on");
    assert.equal(broken.error, "bad-checksum", JSON.stringify(broken));
    assert.equal(broken.droppedBy, "c2");
    assert.equal((await server.post("/api/interfaces/c1:eth0/offload", { tx: false })).status, 200);
    const fixed = (await matrix(["tcp"], 1500)).find((r) => r.from === "c1" && r.to === "c2")!;
    assert.equal(fixed.ok, true, `TCP c1->c2 with offload off, through ${link?.engine}: ${JSON.stringify(fixed)}`);
  });

  test("clearing restores the plain link and the fast round trip", async () => {
    await impair("c2", { delayMs: 100 });
    assert.equal(await impair("c2", null), null);
    assert.deepEqual(relayInterfaces(), []);
    assert.deepEqual(relayProcesses(), []);
    assert.ok((await bridgePorts()).includes(`${LAB}-c2`), "the host end is back on the bridge");
    const rtt = median((await icmpRtts(2)).get("c1>c2") ?? []);
    assert.ok(rtt < 50, `c1>c2 median RTT ${rtt} ms after clearing`);
    const { body } = await server.get<ImpairmentList>("/api/impairments");
    assert.deepEqual(body.links, []);
  });

  test("a relay killed from outside is restarted; lab down leaves no relay process or interface", async () => {
    const link = await impair("c2", { delayMs: 20 });
    if (link?.engine === "relay") {
      process.kill(link.relay!.pid!, "SIGKILL");
      await new Promise((r) => setTimeout(r, 1500));
      const again = (await server.get<ImpairmentList>("/api/impairments")).body.links.find((l) => l.endpoint === "c2");
      assert.ok(again?.relay?.pid && again.relay.pid !== link.relay!.pid, `restarted: ${JSON.stringify(again)}`);
      assert.equal(again.relay.restarts, 1);
    }
    assert.equal((await server.post("/api/lab/down")).status, 200);
    assert.deepEqual(relayInterfaces(), []);
    assert.deepEqual(rootLinks().filter((n) => n.startsWith(`${LAB}-`)), []);
    assert.deepEqual(relayProcesses(), []);
  });
});
