/**
 * The probe agent: one long-lived process per endpoint, started inside that
 * endpoint's network namespace. It answers TCP/UDP echo on the endpoint's
 * address and runs probes on request, so a matrix run spawns no process per probe.
 * Protocol: JSON lines on stdin/stdout (see ../agent-protocol.ts).
 */
import net from "node:net";
import dgram from "node:dgram";
import readline from "node:readline";
import { spawn } from "node:child_process";
import type { AgentReply, AgentRequest, ProbeOutcome } from "../agent-protocol";
import { parseFping } from "../parse-fping";
import { classifySocketError } from "./classify-socket-error";

const [bind, portText] = process.argv.slice(2);
const port = Number(portText);

function send(reply: AgentReply): void {
  process.stdout.write(JSON.stringify(reply) + "\n");
}

function tcpProbe(target: string, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: target, port, localAddress: bind });
    const finish = (o: Omit<ProbeOutcome, "target">) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ target, ...o });
    };
    const timer = setTimeout(() => finish({ ok: false, rttMs: null, error: "timeout" }), timeoutMs);
    let connectedMs = 0;
    socket.once("connect", () => {
      connectedMs = performance.now() - started;
      socket.write("ovs-lab\n");
    });
    // The echo proves data crossed both ways, not just the handshake.
    socket.once("data", () => finish({ ok: true, rttMs: round(connectedMs), error: null }));
    socket.once("error", (err: NodeJS.ErrnoException) => finish({ ok: false, rttMs: null, ...classifySocketError(err) }));
  });
}

function udpProbe(target: string, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket("udp4");
    const started = performance.now();
    const finish = (o: Omit<ProbeOutcome, "target">) => {
      clearTimeout(timer);
      socket.close();
      resolve({ target, ...o });
    };
    const timer = setTimeout(() => finish({ ok: false, rttMs: null, error: "timeout" }), timeoutMs);
    socket.on("error", (err: NodeJS.ErrnoException) => finish({ ok: false, rttMs: null, ...classifySocketError(err) }));
    socket.on("message", () => finish({ ok: true, rttMs: round(performance.now() - started), error: null }));
    socket.bind({ address: bind, port: 0 }, () => {
      // A connected socket receives ICMP port-unreachable as ECONNREFUSED.
      socket.connect(port, target, () => socket.send("ovs-lab"));
    });
  });
}

function icmpProbe(targets: string[], timeoutMs: number): Promise<ProbeOutcome[]> {
  return new Promise((resolve) => {
    const args = ["-c", "1", "-r", "0", "-t", String(timeoutMs), "-i", "1", "-S", bind, ...targets];
    const child = spawn("fping", args, { shell: false });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => resolve(targets.map((t) => ({ target: t, ok: false, rttMs: null, error: "failed", detail: `fping: ${err.message}` }))));
    child.on("close", () => resolve(parseFping(output, targets)));
  });
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function handle(req: AgentRequest): Promise<void> {
  if (req.kind === "icmp") send({ kind: "result", id: req.id, outcomes: await icmpProbe(req.targets, req.timeoutMs) });
  else if (req.kind === "tcp") send({ kind: "result", id: req.id, outcomes: [await tcpProbe(req.target, req.timeoutMs)] });
  else send({ kind: "result", id: req.id, outcomes: [await udpProbe(req.target, req.timeoutMs)] });
}

function startEchoServers(onReady: () => void): void {
  const tcp = net.createServer((socket) => {
    socket.on("data", (d) => socket.end(d));
    socket.on("error", () => socket.destroy());
  });
  const udp = dgram.createSocket("udp4");
  udp.on("message", (msg, rinfo) => udp.send(msg, rinfo.port, rinfo.address));
  let pending = 2;
  const fail = (err: Error) => {
    send({ kind: "fatal", message: `cannot listen on ${bind}:${port}: ${err.message}` });
    process.exit(1);
  };
  tcp.on("error", fail);
  udp.on("error", fail);
  const done = () => --pending === 0 && onReady();
  tcp.listen({ host: bind, port }, done);
  udp.bind({ address: bind, port }, done);
}

/** `ip monitor` in this namespace, so changes made by hand inside a container reach the server. */
function watchLinks(): void {
  const monitor = spawn("ip", ["monitor", "link", "address"], { shell: false, stdio: ["ignore", "pipe", "ignore"] });
  let pending: NodeJS.Timeout | null = null;
  monitor.stdout.on("data", () => {
    pending ??= setTimeout(() => {
      pending = null;
      send({ kind: "links-changed" });
    }, 30);
  });
  monitor.on("error", () => undefined);
  process.on("exit", () => monitor.kill());
}

startEchoServers(() => {
  send({ kind: "ready", pid: process.pid, bind, port });
  watchLinks();
});
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let req: AgentRequest;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  void handle(req);
});
// The server owns us: when it goes, so do we.
lines.on("close", () => process.exit(0));
