import net from "node:net";

/** A call made while ovsdb-server is away: it fails at once, it does not wait for a timeout. */
export class OvsdbUnavailableError extends Error {
  constructor(
    readonly socketPath: string,
    readonly since: Date,
    reason: string,
  ) {
    super(`ovsdb-server is not answering at ${socketPath} (since ${since.toISOString()}: ${reason}); ovs-lab reconnects when it is back`);
    this.name = "OvsdbUnavailableError";
  }
}

/**
 * Where an OVSDB is, in OVS's own notation: `tcp:IP:PORT` (a remote host's ovsdb-server, `--remote=ptcp:…`),
 * `unix:PATH`, or a bare socket path.
 */
export function ovsdbConnectOptions(remote: string): net.NetConnectOpts {
  const tcp = /^tcp:(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(remote);
  if (tcp) return { host: tcp[1], port: Number(tcp[2]) };
  if (/^(tcp|ssl|ptcp|pssl|punix):/.test(remote)) throw new Error(`OVSDB remote "${remote}": ovs-lab connects to tcp:IP:PORT, unix:PATH or a socket path`);
  return { path: remote.replace(/^unix:/, "") };
}

export function openSocket(socketPath: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(ovsdbConnectOptions(socketPath));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`OVSDB at ${socketPath} did not answer in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot reach OVSDB at ${socketPath} (${err.message}); is ovsdb-server running?`));
    });
  });
}
