/**
 * The probe agent: one long-lived process per endpoint, started inside that
 * endpoint's network namespace. It answers TCP/UDP echo on the endpoint's
 * address and runs probes on request, so a matrix run spawns no process per probe.
 * Protocol: JSON lines on stdin/stdout (see ../agent-protocol.ts).
 */
import net from "node:net";
import dgram from "node:dgram";
import readline from "node:readline";
import { readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import type { AgentReply, AgentRequest, ProbeOutcome } from "../agent-protocol";
import { parseFping } from "../parse-fping";
import { dieWithParent } from "../../run-command/die-with-parent";
import { tcpProbe, udpProbe, type Cancel } from "./socket-probes";

const [bind, portText, scope] = process.argv.slice(2);
const port = Number(portText);

function send(reply: AgentReply): void {
  process.stdout.write(JSON.stringify(reply) + "\n");
}

/**
 * In a lab's own namespace, a SYN/ACK is sent once and never retransmitted: a probe's verdict comes
 * from this namespace's InCsumErrors counter, and a SYN/ACK the client dropped for its bad checksum
 * would otherwise come back 1, 3, 7... s later and move a counter while another probe owns it.
 * The setting is per network namespace; the root namespace (the "host" endpoint) is the machine's
 * and is left alone (see server/matrix/verdict.ts for how the host is handled).
 */
function noSynAckRetries(): number | null {
  const file = "/proc/sys/net/ipv4/tcp_synack_retries";
  try {
    if (scope === "lab-netns") writeFileSync(file, "0");
    return Number(readFileSync(file, "utf8").trim());
  } catch {
    return null;
  }
}

function icmpProbe(targets: string[], timeoutMs: number): Promise<ProbeOutcome[]> {
  return new Promise((resolve) => {
    // Sent back to back (-i 0) unless the burst is large: the lab-wide pacing is the server's (run-matrix.ts).
    const args = ["-c", "1", "-r", "0", "-t", String(timeoutMs), "-i", targets.length <= 32 ? "0" : "1", "-S", bind, ...targets];
    const child = spawn("fping", args, { shell: false });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => resolve(targets.map((t) => ({ target: t, ok: false, rttMs: null, error: "failed", detail: `fping: ${err.message}` }))));
    child.on("close", () => resolve(parseFping(output, targets)));
  });
}

const running = new Map<number, Cancel>();

function handle(req: AgentRequest): void {
  switch (req.kind) {
    case "icmp":
      return void icmpProbe(req.targets, req.timeoutMs).then((outcomes) => send({ kind: "result", id: req.id, outcomes }));
    case "tcp":
    case "udp": {
      const probe = req.kind === "tcp" ? tcpProbe : udpProbe;
      const cancel = probe(bind, req.target, req.port, req.timeoutMs, (o) => {
        // A cancelled probe is answered by the server itself.
        if (running.delete(req.id)) send({ kind: "result", id: req.id, outcomes: [o] });
      });
      return void running.set(req.id, cancel);
    }
    case "cancel": {
      const cancel = running.get(req.id);
      running.delete(req.id);
      return cancel?.();
    }
    case "relisten":
      return relisten(() => send({ kind: "result", id: req.id, outcomes: [] }));
  }
}

let tcpServer: net.Server | null = null;

function listenTcp(onListening: () => void, onError: (err: Error) => void): void {
  const server = net.createServer((socket) => {
    socket.on("data", (d) => socket.end(d));
    socket.on("error", () => socket.destroy());
  });
  server.once("error", onError);
  server.listen({ host: bind, port }, () => {
    tcpServer = server;
    onListening();
  });
}

/**
 * A new TCP listener in place of the old one. A connection request the old one answered with a
 * SYN/ACK that the client dropped (a bad checksum) is then dropped at its first timer instead of
 * re-sending its SYN/ACK 1, 3, 7... s later into the next probe's counter. For the root
 * namespace, where tcp_synack_retries is the machine's and stays as it is.
 */
function relisten(reply: () => void): void {
  tcpServer?.close();
  listenTcp(reply, (err) => {
    send({ kind: "fatal", message: `cannot listen again on ${bind}:${port}: ${err.message}` });
    process.exit(1);
  });
}

function startEchoServers(onReady: () => void): void {
  const udp = dgram.createSocket("udp4");
  udp.on("message", (msg, rinfo) => udp.send(msg, rinfo.port, rinfo.address));
  let pending = 2;
  const fail = (err: Error) => {
    send({ kind: "fatal", message: `cannot listen on ${bind}:${port}: ${err.message}` });
    process.exit(1);
  };
  udp.on("error", fail);
  const done = () => --pending === 0 && onReady();
  listenTcp(done, fail);
  udp.bind({ address: bind, port }, done);
}

/** `ip monitor` in this namespace, so changes made by hand inside a container reach the server. */
function watchLinks(): void {
  const monitor = spawn(...dieWithParent("ip", ["monitor", "link", "address"]), { shell: false, stdio: ["ignore", "pipe", "ignore"] });
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
  send({ kind: "ready", pid: process.pid, bind, port, synackRetries: noSynAckRetries() });
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
  handle(req);
});
// The server owns us: when it goes, so do we.
lines.on("close", () => process.exit(0));
