/**
 * The socket prober (server/probes/socket-prober) on real namespaces: two namespaces joined by a veth
 * (named from the test id "csw", 10.77.241.0/24). Its probes' outcomes against a real echo server,
 * nobody, and an address nobody has; then its checksum watch: packets with a chosen checksum are sent
 * from a raw socket (the kernel leaves a raw packet's sum as written, and its receiver checks it), and
 * the watch reports exactly the probe packets the receiving kernel drops and counts; its sockets go
 * when their namespace does. (The lab's own bad sums, through OVS, are evidence-verdicts.test.ts.)
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readlinkSync } from "node:fs";
import { runCommand } from "../../server/run-command/run-command";
import { spawn } from "node:child_process";
import { SocketProber, type BadPacket, type SocketProbeEnd } from "../../server/probes/socket-prober/socket-prober";

const A = "ovslab-csw-a";
const B = "ovslab-csw-b";
const ADDRESS_A = "10.77.241.1";
const ADDRESS_B = "10.77.241.2";
const PORT = 47_107;
const nsPath = (name: string) => `/var/run/netns/${name}`;
const ip = (args: string[], netns?: string) => runCommand("ip", args, netns ? { netns: nsPath(netns) } : {});

/**
 * Sends from A to B one IPv4 packet built here: a TCP segment (flags "S" or "SA") or a UDP datagram,
 * with its checksum right, wrong, or (UDP) zero.
 */
const SEND = `
import socket, struct, sys
proto, flags, sport, dport, how = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
src, dst = socket.inet_aton(sys.argv[6]), socket.inet_aton(sys.argv[7])
def fold(b):
    b += b"\\0" * (len(b) % 2); t = sum(struct.unpack(f"!{len(b)//2}H", b))
    while t > 0xFFFF: t = (t & 0xFFFF) + (t >> 16)
    return t
if proto == "tcp":
    bits = (2 if "S" in flags else 0) | (16 if "A" in flags else 0)
    seg = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, bits, 64240, 0, 0); at, num = 16, 6
else:
    payload = b"ovs-lab"; seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload; at, num = 6, 17
right = ~fold(src + dst + struct.pack("!BBH", 0, num, len(seg)) + seg) & 0xFFFF
value = {"right": right, "wrong": right ^ 0x0F0F, "zero": 0}[how]
seg = seg[:at] + struct.pack("!H", value) + seg[at + 2:]
iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0, 64, num, 0, src, dst)
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.sendto(iph + seg, (sys.argv[7], 0))
`;

function send(proto: "tcp" | "udp", flags: string, sport: number, dport: number, how: "right" | "wrong" | "zero", from = A, src = ADDRESS_A, dst = ADDRESS_B) {
  return runCommand("python3", ["-c", SEND, proto, flags, String(sport), String(dport), how, src, dst], { netns: nsPath(from) });
}

/** A namespace's /proc/net/snmp, read inside it. */
const snmpOf = (ns: string) => runCommand("python3", ["-c", "print(open('/proc/net/snmp').read())"], { netns: nsPath(ns) });

async function removeNamespaces(): Promise<void> {
  for (const ns of [A, B]) await runCommand("ip", ["netns", "del", ns], { okExitCodes: [0, 1, 255] });
}

async function makeNamespaces(): Promise<void> {
  await ip(["netns", "add", A]);
  await ip(["netns", "add", B]);
  await ip(["link", "add", "csw-a", "netns", A, "type", "veth", "peer", "name", "csw-b", "netns", B]);
  await ip(["addr", "add", `${ADDRESS_A}/24`, "dev", "csw-a"], A);
  await ip(["addr", "add", `${ADDRESS_B}/24`, "dev", "csw-b"], B);
  for (const [ns, dev] of [[A, "csw-a"], [B, "csw-b"]]) {
    await ip(["link", "set", "lo", "up"], ns);
    await ip(["link", "set", dev, "up"], ns);
  }
}

/** The prober's sockets now but its stdio (Node's pipes to a child are socket pairs): between runs, its packet sockets. */
function packetSockets(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    if (Number(fd) <= 2) return false;
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:");
    } catch {
      return false;
    }
  }).length;
}

let watch: SocketProber;

before(async () => {
  await removeNamespaces();
  await makeNamespaces();
  watch = await SocketProber.start();
});

/** A TCP and UDP echo server at B's address, as the probe agents run. */
const ECHO = `
import socket, select
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(("${ADDRESS_B}", ${PORT})); t.listen(64)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("${ADDRESS_B}", ${PORT}))
print("ready", flush=True)
while True:
    for s in select.select([t, u], [], [])[0]:
        if s is u:
            data, peer = u.recvfrom(2048); u.sendto(data, peer)
        else:
            c, _ = t.accept(); c.settimeout(1)
            try: c.sendall(c.recv(2048))
            except OSError: pass
            c.close()
`;

test("a run's outcomes: echoed (with an RTT), refused, no ARP; nothing left open after it", async () => {
  const echo = spawn("ip", ["netns", "exec", B, "python3", "-c", ECHO], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise((resolve) => echo.stdout.once("data", resolve));
    const sockets = () => packetSockets(watch.pid);
    const run = async () => {
      const ends: SocketProbeEnd[] = [];
      const done = await watch.run(
        {
          namespaces: [
            { netns: nsPath(A), address: ADDRESS_A },
            { netns: nsPath(B), address: ADDRESS_B },
            { netns: nsPath(A), address: "10.77.241.99" }, // nobody's: only its address matters as a target
          ],
          port: PORT,
          timeoutMs: 300,
          inFlight: 4,
          probes: [["tcp", 0, 1], ["udp", 0, 1], ["tcp", 1, 0], ["udp", 1, 0], ["tcp", 0, 2], ["udp", 0, 2]],
        },
        (end) => ends.push(end),
      );
      return { done, ends: ends.sort((x, y) => x.i - y.i) };
    };
    const { done, ends } = await run();
    assert.deepEqual(done, { lost: 0, watchErrors: [null, null, null] });
    assert.deepEqual(ends.map((e) => [e.i, e.ok, e.error ?? null]), [
      [0, true, null],
      [1, true, null],
      [2, false, "refused"],
      [3, false, "refused"],
      [4, false, "no-arp"],
      [5, false, "no-arp"],
    ]);
    for (const e of ends.slice(0, 2)) assert.ok(e.rttMs !== undefined && e.rttMs > 0 && e.rttMs < 300, `an RTT: ${e.rttMs}`);
    assert.match(ends[4].detail ?? "", /no ARP reply from 10\.77\.241\.99 within 300 ms/);
    // A second run opens no new socket: the watch's are kept, the probes' are closed.
    const open = sockets();
    const again = await run();
    assert.deepEqual(again.ends.map((e) => e.error ?? null), [null, null, "refused", "refused", "no-arp", "no-arp"]);
    assert.equal(sockets(), open, "every probe's socket is closed once it ended");
  } finally {
    echo.kill();
  }
});

/** A TCP server at B's address that accepts and echoes after `delay` seconds, or never ("never"). */
const slowEcho = (port: number, delay: string) => `
import socket, time, threading
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(("${ADDRESS_B}", ${port})); t.listen(64)
print("ready", flush=True)
def answer(c):
    data = c.recv(2048)
    if "${delay}" == "never": time.sleep(30)
    time.sleep(float("${delay}" if "${delay}" != "never" else 0)); c.sendall(data); c.close()
while True:
    c, _ = t.accept(); threading.Thread(target=answer, args=(c,), daemon=True).start()
`;

test("a connection whose echo comes late is ok (a busy target's agent), one never echoed times out saying it connected", async () => {
  for (const [delay, port] of [["0.5", PORT + 1], ["never", PORT + 2]] as const) {
    const server = spawn("ip", ["netns", "exec", B, "python3", "-c", slowEcho(port, delay)], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise((resolve) => server.stdout.once("data", resolve));
      const ends: SocketProbeEnd[] = [];
      const started = Date.now();
      await watch.run(
        { namespaces: [{ netns: nsPath(A), address: ADDRESS_A }, { netns: nsPath(B), address: ADDRESS_B }], port, timeoutMs: 200, inFlight: 4, probes: [["tcp", 0, 1]] },
        (end) => ends.push(end),
      );
      const took = Date.now() - started;
      if (delay === "0.5") {
        assert.equal(ends[0].ok, true, `echoed after 500 ms: ${JSON.stringify(ends[0])}`);
        assert.ok(ends[0].rttMs! < 200, `the RTT is the handshake's: ${ends[0].rttMs}`);
      } else {
        assert.equal(ends[0].error, "timeout");
        assert.match(ends[0].detail ?? "", /^connected in [\d.]+ ms, but its data was not echoed within 1000 ms$/);
        assert.ok(took >= 950, `it waited for the echo past the 200 ms timeout: ${took} ms`);
      }
    } finally {
      server.kill();
    }
  }
});

test("a datagram echoed 300 ms late reads its 300 ms (the kernel's send and arrival times, in milliseconds)", async () => {
  const port = PORT + 3;
  const slowUdp = `
import socket, time
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("${ADDRESS_B}", ${port}))
print("ready", flush=True)
while True:
    data, peer = u.recvfrom(2048); time.sleep(0.3); u.sendto(data, peer)
`;
  const server = spawn("ip", ["netns", "exec", B, "python3", "-c", slowUdp], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise((resolve) => server.stdout.once("data", resolve));
    const ends: SocketProbeEnd[] = [];
    await watch.run(
      { namespaces: [{ netns: nsPath(A), address: ADDRESS_A }, { netns: nsPath(B), address: ADDRESS_B }], port, timeoutMs: 1000, inFlight: 4, probes: [["udp", 0, 1], ["tcp", 0, 1]] },
      (end) => ends.push(end),
    );
    const udp = ends.find((e) => e.i === 0)!;
    assert.equal(udp.ok, true, JSON.stringify(udp));
    assert.ok(udp.rttMs! >= 295 && udp.rttMs! < 600, `the echo's 300 ms, in milliseconds: ${udp.rttMs}`);
    // Nobody listens on TCP there: refused, and no RTT for it.
    assert.equal(ends.find((e) => e.i === 1)?.error, "refused");
  } finally {
    server.kill();
  }
});

after(async () => {
  watch?.stop();
  await removeNamespaces();
});

test("a probe packet whose checksum its receiver refuses is reported with its facts, and the receiver's counter shows the drop", async () => {
  const seen: BadPacket[] = [];
  const w = await watch.open([{ netns: nsPath(B), address: ADDRESS_B, port: PORT }], (p) => seen.push(p));
  assert.deepEqual(w.errors, [null]);
  const before = await snmpOf(B);

  await send("tcp", "S", 40_001, PORT, "wrong"); // a SYN to the echo port: reported
  await send("tcp", "SA", PORT, 40_002, "wrong"); // a SYN/ACK from it: reported
  await send("udp", "", 40_003, PORT, "wrong"); // a datagram to it: reported
  await send("tcp", "S", 40_004, PORT, "right"); // whole: not reported
  await send("udp", "", 40_005, PORT, "zero"); // no checksum asked for: not reported
  await send("tcp", "S", 40_006, PORT + 1, "wrong"); // another port: not the watch's
  await send("tcp", "A", 40_007, PORT, "wrong"); // not a SYN: not a probe's first packet
  assert.equal(await w.sync(), 0, "nothing lost");
  assert.deepEqual(
    seen.map((p) => [p.proto, p.src, p.sport, p.dst, p.dport, p.syn, p.ack, p.at]),
    [
      ["tcp", ADDRESS_A, 40_001, ADDRESS_B, PORT, true, false, 0],
      ["tcp", ADDRESS_A, PORT, ADDRESS_B, 40_002, true, true, 0],
      ["udp", ADDRESS_A, 40_003, ADDRESS_B, PORT, false, false, 0],
    ],
  );
  for (const p of seen) {
    assert.match(p.sum, /^0x[0-9a-f]{4}$/);
    assert.equal(Number(p.sum) ^ 0x0f0f, Number(p.want), `the sum sent is the right one with bits flipped: ${p.sum} vs ${p.want}`);
  }
  const after = await snmpOf(B);
  const csumErrors = (snmp: string, proto: "Tcp" | "Udp") => {
    const [names, values] = snmp.split("\n").filter((l) => l.startsWith(`${proto}:`));
    return Number(values.split(/\s+/)[names.split(/\s+/).indexOf("InCsumErrors")]);
  };
  assert.equal(csumErrors(after.stdout, "Tcp") - csumErrors(before.stdout, "Tcp"), 4, "the kernel counted the four bad TCP segments (those to another port and the bare ACK too, which the watch leaves alone)");
  assert.equal(csumErrors(after.stdout, "Udp") - csumErrors(before.stdout, "Udp"), 1);
  assert.equal(await w.end(), 0);
});

test("a sum the kernel finishes itself (TX offload across a veth) is not reported; two watches of one namespace both hear a bad packet", async () => {
  const first: BadPacket[] = [];
  const second: BadPacket[] = [];
  const w1 = await watch.open([{ netns: nsPath(B), address: ADDRESS_B, port: PORT }], (p) => first.push(p));
  const w2 = await watch.open([{ netns: nsPath(A), address: ADDRESS_A, port: PORT }, { netns: nsPath(B), address: ADDRESS_B, port: PORT }], (p) => second.push(p));
  // A real UDP datagram from A's stack: across a veth its sum stays unfinished (CHECKSUM_PARTIAL), and B's kernel accepts it.
  await runCommand("python3", ["-c", `import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("${ADDRESS_A}", 0)); s.sendto(b"x" * 32, ("${ADDRESS_B}", ${PORT}))`], { netns: nsPath(A) });
  await send("udp", "", 40_011, PORT, "wrong");
  await w1.sync();
  await w2.sync();
  assert.deepEqual(first.map((p) => p.sport), [40_011]);
  assert.deepEqual(second.map((p) => [p.sport, p.at]), [[40_011, 1]], "the second watch names B by its own index");
  await w1.end();
  await send("udp", "", 40_012, PORT, "wrong");
  await w2.sync();
  assert.deepEqual(first.map((p) => p.sport), [40_011], "an ended watch hears nothing more");
  assert.deepEqual(second.map((p) => p.sport), [40_011, 40_012]);
  await w2.end();
});

test("a namespace that cannot be entered is named; a namespace that ends takes its socket with it", async () => {
  const w = await watch.open([{ netns: "/var/run/netns/ovslab-csw-nonexistent", address: ADDRESS_A, port: PORT }], () => undefined);
  assert.match(w.errors[0] ?? "", /cannot watch \/var\/run\/netns\/ovslab-csw-nonexistent/);
  await w.end();
  assert.equal(watch.alive, true, "a bad request does not end the watch");

  const open = packetSockets(watch.pid);
  assert.ok(open >= 2, `the sockets in A and B stay open between runs and watches (${open})`);
  await removeNamespaces();
  const deadline = Date.now() + 5000;
  while (packetSockets(watch.pid) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(packetSockets(watch.pid), 0, "every one closed within 5 s of its namespace's end");
  await makeNamespaces();
});
