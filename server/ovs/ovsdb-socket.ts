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

export function openSocket(socketPath: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
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
