import net from "node:net";
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import type { ProbeOutcome } from "../agent-protocol";
import { neighbourState } from "../parse-arp";
import { classifySocketError } from "./classify-socket-error";
import { udpProbePayload } from "./partial-checksum";

type Finish = (o: Omit<ProbeOutcome, "target">) => void;

/** Closes a running probe's socket at once: the server has its verdict, so the kernel must stop retransmitting. */
export type Cancel = () => void;

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * What a probe that heard nothing until its timeout says: `no-arp` when this namespace never
 * resolved the target's MAC address (the packet never left), else `timeout`.
 */
function silence(target: string, timeoutMs: number): Omit<ProbeOutcome, "target"> {
  let arp = "";
  try {
    arp = readFileSync("/proc/net/arp", "utf8");
  } catch {
    /* no table to read: say what we know */
  }
  return neighbourState(arp, target) === "resolved" || arp === ""
    ? { ok: false, rttMs: null, error: "timeout" }
    : { ok: false, rttMs: null, error: "no-arp", detail: `no ARP reply from ${target} within ${timeoutMs} ms` };
}

const CANCELLED = { ok: false, rttMs: null, error: "failed", detail: "cancelled" } as const;

export function tcpProbe(bind: string, target: string, port: number, timeoutMs: number, resolve: (o: ProbeOutcome) => void): Cancel {
  const started = performance.now();
  const socket = net.connect({ host: target, port, localAddress: bind });
  let done = false;
  const finish: Finish = (o) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.destroy();
    resolve({ target, ...o });
  };
  const timer = setTimeout(() => finish(silence(target, timeoutMs)), timeoutMs);
  let connectedMs = 0;
  socket.once("connect", () => {
    connectedMs = performance.now() - started;
    socket.write("ovs-lab\n");
  });
  // The echo proves data crossed both ways, not just the handshake.
  socket.once("data", () => finish({ ok: true, rttMs: round(connectedMs), error: null }));
  socket.once("error", (err: NodeJS.ErrnoException) => finish({ ok: false, rttMs: null, ...classifySocketError(err) }));
  return () => finish(CANCELLED);
}

export function udpProbe(bind: string, target: string, port: number, timeoutMs: number, resolve: (o: ProbeOutcome) => void): Cancel {
  const socket = dgram.createSocket("udp4");
  const started = performance.now();
  let done = false;
  const finish: Finish = (o) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.close();
    resolve({ target, ...o });
  };
  const timer = setTimeout(() => finish(silence(target, timeoutMs)), timeoutMs);
  socket.on("error", (err: NodeJS.ErrnoException) => finish({ ok: false, rttMs: null, ...classifySocketError(err) }));
  socket.on("message", () => finish({ ok: true, rttMs: round(performance.now() - started), error: null }));
  socket.bind({ address: bind, port: 0 }, () => {
    // A connected socket receives ICMP port-unreachable as ECONNREFUSED. A failed connect (no route to
    // the target: ENETUNREACH) comes to this callback, not as an "error" event: sending after it would throw.
    socket.connect(port, target, (err?: Error) => {
      if (err) finish({ ok: false, rttMs: null, ...classifySocketError(err as NodeJS.ErrnoException) });
      else if (!done) socket.send(udpProbePayload(bind, target, socket.address().port, port));
    });
  });
  return () => finish(CANCELLED);
}
