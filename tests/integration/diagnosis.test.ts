import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";
import type { CaptureResult } from "../../lib/contracts/capture";
import type { Diagnosis } from "../../lib/contracts/diagnosis";
import { readPcap } from "../../server/capture/pcap-reader";
import { io } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import type { Socket } from "socket.io-client";
import type { CapturedPacket, CaptureSummary } from "../../lib/contracts/capture";

const LAB = "xd";
const PORT_ID = `host:${LAB}-c1`;
let server: TestServer;

const setTx = async (id: string, on: boolean) => assert.equal((await server.post(`/api/interfaces/${id}/offload`, { tx: on })).status, 200);
const diagnose = async (from: string, to: string, protocol = "tcp") => {
  const r = await server.post<Diagnosis>("/api/diagnose", { from, to, protocol });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

/** A capture on c1's bridge port while c1->c2 TCP probes run (twice, so one surely falls inside the capture). */
async function captureDuringProbe(): Promise<CaptureResult> {
  const capture = server.post<CaptureResult>("/api/captures", { interfaceId: PORT_ID, durationMs: 2500, maxPackets: 200, protocol: "tcp" });
  for (const delay of [600, 600]) {
    await new Promise((r) => setTimeout(r, delay));
    await server.post("/api/matrix", { protocols: ["tcp"], pairs: [["c1", "c2"]], timeoutMs: 400 });
  }
  const { status, body } = await capture;
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}
const synAcks = (c: CaptureResult) => c.packets.filter((p) => p.tcp?.flags.includes("SYN") && p.tcp.flags.includes("ACK"));

describe("capture and failure explanation on the real seed lab", () => {
  before(async () => {
    server = await startTestServer(LAB, 3402);
    const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, "10.77.31") });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("the explanation for c1->c2 names TX checksum offload, and its one-click fixes make TCP work", async () => {
    const first = await diagnose("c1", "c2");
    assert.equal(first.probe.ok, false);
    assert.equal(first.cause, "checksum-offload");
    assert.match(first.headline, /c[12]:eth0 has TX checksum offload on and the userspace datapath .* does not complete checksums/);
    assert.match(first.headline, /with checksum 0x[0-9a-f]{4}.*the correct value is 0x[0-9a-f]{4}/);
    assert.equal(first.captures.length, 2);
    let d = first;
    for (let round = 0; round < 3 && d.cause === "checksum-offload"; round++) {
      for (const fix of d.fixes) if (fix.kind === "offload") await setTx(fix.interfaceId, false);
      d = await diagnose("c1", "c2");
    }
    assert.equal(d.cause, "works", d.headline);
    assert.equal(d.probe.ok, true);
  });

  test("c2's SYN/ACK is flagged partial on c1's bridge port while c2's TX offload is on, and none after it is off", async () => {
    await setTx("c1:eth0", false); // c1's SYN must arrive whole so that c2 answers
    await setTx("c2:eth0", true);
    const on = await captureDuringProbe();
    const flagged = synAcks(on).filter((p) => p.l4Checksum?.verdict === "partial" || p.l4Checksum?.verdict === "incorrect");
    assert.ok(flagged.length > 0, `no flagged SYN/ACK among: ${on.packets.map((p) => `${p.summary} ${p.l4Checksum?.verdict}`).join("; ")}`);
    assert.notEqual(flagged[0].l4Checksum!.expected, flagged[0].l4Checksum!.value);
    assert.ok(on.packets.some((p) => p.tcp?.flags.join() === "SYN" && p.l4Checksum?.verdict === "correct"));

    await setTx("c2:eth0", false);
    const off = await captureDuringProbe();
    assert.ok(synAcks(off).length > 0, "the handshake should complete");
    const bad = off.packets.filter((p) => p.l4Checksum?.verdict !== "correct" || p.ipChecksum?.verdict !== "correct");
    assert.deepEqual(bad.map((p) => p.summary), []);

    const pcap = await fetch(`${server.url}/api/captures/${off.id}/pcap`);
    assert.equal(pcap.status, 200);
    assert.equal(pcap.headers.get("content-type"), "application/vnd.tcpdump.pcap");
    const { records } = readPcap(new Uint8Array(await pcap.arrayBuffer()));
    assert.equal(records.length, off.packets.length);
  });

  test("over the socket, packets stream as they arrive, tagged with the capture's id", async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { auth: { token: server.token }, transports: ["websocket"] });
    try {
      const packets: CapturedPacket[] = [];
      socket.on("capture:packet", (p) => packets.push(p));
      const ended = new Promise<CaptureSummary>((resolve) => socket.on("capture:end", resolve));
      const started = await new Promise<CaptureSummary>((resolve, reject) =>
        socket.emit("capture:start", { interfaceId: PORT_ID, durationMs: 3000, maxPackets: 4, protocol: "tcp" }, (a) => (a.ok ? resolve(a.value) : reject(new Error(a.error)))),
      );
      await server.post("/api/matrix", { protocols: ["tcp"], pairs: [["c1", "c2"]], timeoutMs: 500 });
      const summary = await ended;
      assert.equal(summary.id, started.id);
      assert.equal(summary.endReason, "max-packets");
      assert.equal(packets.length, 4);
      assert.ok(packets.every((p) => p.streamId === started.id));
    } finally {
      socket.close();
    }
  });

  test("a capture inside c1's namespace (c1:eth0) sees its ping and the reply, checksums correct", async () => {
    const capture = server.post<CaptureResult>("/api/captures", { interfaceId: "c1:eth0", durationMs: 2000, maxPackets: 2, protocol: "icmp", hosts: ["c2"] });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 400));
      await server.post("/api/matrix", { protocols: ["icmp"], pairs: [["c1", "c2"]], timeoutMs: 300 });
    }
    const { status, body } = await capture;
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.filter, "icmp and host 10.77.31.7");
    assert.deepEqual(body.packets.map((p) => p.summary), ["ICMP echo request", "ICMP echo reply"]);
    assert.ok(body.packets.every((p) => p.ipChecksum?.verdict === "correct" && p.l4Checksum?.verdict === "correct"));
  });

  test("a bridge port taken down by hand is named as the cause", async () => {
    execFileSync("ip", ["link", "set", "dev", `${LAB}-c2`, "down"]);
    try {
      const d = await diagnose("c1", "c2", "udp");
      assert.equal(d.cause, "interface-down", d.headline);
      assert.match(d.headline, new RegExp(`host:${LAB}-c2 is down`));
    } finally {
      execFileSync("ip", ["link", "set", "dev", `${LAB}-c2`, "up"]);
    }
  });

  test("bad requests are refused with reasons, before anything runs", async () => {
    assert.equal((await server.post("/api/diagnose", { from: "c1", to: "c1" })).status, 400);
    assert.equal((await server.post("/api/diagnose", { from: "c1", to: "nobody" })).status, 404);
    assert.equal((await server.post("/api/captures", { interfaceId: "host:x; rm -rf /", durationMs: 500 })).status, 400);
    assert.equal((await server.post("/api/captures", { interfaceId: PORT_ID, durationMs: 500, filter: "tcp" })).status, 400);
    assert.equal((await server.get("/api/captures/not-a-uuid/pcap")).status, 400);
  });
});
